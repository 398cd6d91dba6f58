/**
 * A pool of worker threads that render and sign sheets (export-worker.ts), for a month's batch:
 * rendering a sheet is ~20–40 ms of CPU, so a batch of hundreds scales with the cores when each
 * core renders. The app's thread keeps the database and the files (export.ts); a worker gets the
 * sheet's data and the opened identity, and sends back the signed PDF.
 *
 * Workers that die take their sheets with them: those sheets (and, when no worker is left, every
 * sheet still queued) are rejected with PoolUnavailable, and the caller renders them itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fallbackFonts, fontDirectory } from '../pdf/fonts.ts';
import type { SigningIdentity } from '../signing/index.ts';
import type { SheetExportTask } from './export-render.ts';
import type { ExportWorkerData, ExportWorkerReply, ExportWorkerRequest } from './export-worker.ts';

/** The pool cannot render this sheet (its worker stopped, or the pool is closed): render it in-process. */
export class PoolUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolUnavailable';
  }
}

export interface ExportPool {
  readonly size: number;
  run(task: SheetExportTask): Promise<Buffer>;
  close(): Promise<void>;
}

/** How many workers a batch of `sheets` gets: one per core, never more than sheets. */
export function poolSizeFor(sheets: number): number {
  return Math.max(0, Math.min(availableParallelism(), sheets));
}

/** Sheets sent to a worker ahead of its current one, so it never waits for the app's thread. */
const AHEAD_PER_WORKER = 2;
/**
 * A larger young generation than V8's default: rendering allocates ~10 MB of short-lived objects
 * per sheet, and with the default (16 MB) a third of a worker's time went to scavenges.
 */
const YOUNG_GENERATION_MB = 64;

interface WorkerSlot {
  worker: Worker;
  alive: boolean;
  inFlight: Map<number, Waiting>;
}

interface Waiting {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/** The worker script: the built export-worker.js next to this module, else the TypeScript sources through tsx. */
function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'export-worker.js');
  return existsSync(built) ? built : join(here, 'export-worker-dev.mjs');
}

export function openExportPool(identity: SigningIdentity, size: number): ExportPool {
  const script = workerScript();
  const workerData: ExportWorkerData = { identity, fontDir: fontDirectory(), fallbackFonts: fallbackFonts() };
  const queue: { task: SheetExportTask; waiting: Waiting }[] = [];
  let nextId = 1;
  let closed = false;

  const slots: WorkerSlot[] = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: WorkerSlot = { worker, alive: true, inFlight: new Map() };
    worker.on('message', (reply: ExportWorkerReply) => {
      if ('ready' in reply) return;
      const waiting = slot.inFlight.get(reply.id);
      if (!waiting) return;
      slot.inFlight.delete(reply.id);
      if (reply.ok) waiting.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else waiting.reject(new Error(reply.message));
      dispatch();
    });
    const stop = (why: string) => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const waiting of slot.inFlight.values()) waiting.reject(new PoolUnavailable(why));
      slot.inFlight.clear();
      if (!slots.some((s) => s.alive)) for (const { waiting } of queue.splice(0)) waiting.reject(new PoolUnavailable(why));
      else dispatch();
    };
    worker.on('error', (error) => stop(`an export worker failed: ${error.message}`));
    worker.on('exit', (code) => stop(`an export worker stopped (exit code ${code})`));
    return slot;
  });

  function dispatch(): void {
    while (queue.length > 0) {
      let best: WorkerSlot | undefined;
      for (const s of slots) if (s.alive && s.inFlight.size < AHEAD_PER_WORKER && (!best || s.inFlight.size < best.inFlight.size)) best = s;
      if (!best) return;
      const { task, waiting } = queue.shift()!;
      const id = nextId++;
      best.inFlight.set(id, waiting);
      best.worker.postMessage({ id, task } satisfies ExportWorkerRequest);
    }
  }

  return {
    size: slots.length,
    run(task: SheetExportTask): Promise<Buffer> {
      return new Promise((resolve, reject) => {
        if (closed || !slots.some((s) => s.alive)) return reject(new PoolUnavailable('the export pool is not running'));
        queue.push({ task, waiting: { resolve, reject } });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const { waiting } of queue.splice(0)) waiting.reject(new PoolUnavailable('the export pool was closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
