/**
 * A command-line-like process for test/electron/writers.test.ts: 3 writers (worker threads, each
 * with its own connection opened by openDatabase, as the CLI opens the file; no instance lock)
 * saving score sheets through the contract's validation and the real sheets service in a loop
 * until a deadline. Prints one JSON line: per writer, each sheet's last acknowledged save
 * (revision, note, how many) and the failures by kind.
 *
 *   node --import tsx test/helpers/cli-writers.ts DB_PATH DEADLINE_MS_EPOCH JSON_SHEETS_PER_WRITER
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseInput } from '../../shared/api/contract.ts';
import { openDatabase } from '../../electron/db/database.ts';
import { describeBusy, isBusy } from '../../electron/db/instance-lock.ts';
import { toFailure } from '../../electron/handlers.ts';
import { saveSheet } from '../../electron/services/sheets.ts';

export const WRITERS_ITEM = 'dealer.rebate-forms';

export interface SheetKey {
  personId: number;
  period: string;
}

export interface WriterReport {
  writer: string;
  saves: number;
  /** Last acknowledged save of each sheet, by "personId period". */
  acked: Record<string, { revision: number; note: string; count: number }>;
  failures: Record<string, number>;
  /** How long each failed save took (ms): a writer waits its turn up to the busy timeout before it gives up. */
  failedAfterMs: number[];
  /** A few failure messages, for the log. */
  samples: string[];
}

/**
 * One writer's loop, for either side (HTTP or a direct connection): save its sheets in turn, each
 * from the revision it last saved, until the deadline. `save` answers the new revision or throws
 * an error carrying the failure's `kind`.
 */
export async function writeLoop(
  writer: string,
  sheets: readonly SheetKey[],
  deadline: number,
  save: (key: SheetKey, note: string, expectedRevision: number) => number | Promise<number>,
): Promise<WriterReport> {
  const report: WriterReport = { writer, saves: 0, acked: {}, failures: {}, failedAfterMs: [], samples: [] };
  for (let seq = 0; Date.now() < deadline; seq++) {
    const key = sheets[seq % sheets.length]!;
    const id = `${key.personId} ${key.period}`;
    const last = report.acked[id];
    const note = `${writer}-${seq}`;
    const started = Date.now();
    try {
      const revision = await save(key, note, last?.revision ?? 0);
      report.acked[id] = { revision, note, count: (last?.count ?? 0) + 1 };
      report.saves++;
    } catch (err) {
      const kind = (err as { kind?: string }).kind ?? 'thrown';
      report.failures[kind] = (report.failures[kind] ?? 0) + 1;
      report.failedAfterMs.push(Date.now() - started);
      if (report.samples.length < 3) report.samples.push((err as Error).message);
    }
  }
  return report;
}

/** What the saved entry looks like (the same for HTTP and this process). */
export function entryFor(seq: string) {
  return { items: { [WRITERS_ITEM]: { violated: seq.length % 2 === 0, note: seq } } };
}

if (!isMainThread) {
  const { dbPath, deadline, sheets, writer } = workerData as { dbPath: string; deadline: number; sheets: SheetKey[]; writer: string };
  const db = openDatabase(dbPath);
  const report = await writeLoop(writer, sheets, deadline, (key, note, expectedRevision) => {
    try {
      const input = parseInput('sheets.save', { ...key, entry: entryFor(note), status: 'draft', expectedRevision });
      return saveSheet(db, input).revision;
    } catch (err) {
      // As the CLI reports it: a busy database in words, anything else by its failure kind.
      if (isBusy(err)) throw Object.assign(new Error(describeBusy(dbPath, err)!), { kind: 'busy' });
      const failure = toFailure(err);
      throw Object.assign(new Error(failure.message), { kind: failure.kind });
    }
  });
  db.close();
  parentPort!.postMessage(report);
} else if (process.argv[1]?.endsWith('cli-writers.ts')) {
  const [dbPath, deadline, sheetsJson] = process.argv.slice(2) as [string, string, string];
  const perWriter = JSON.parse(sheetsJson) as SheetKey[][];
  // A worker does not inherit tsx's loader: it registers it, then loads this file.
  const WORKER = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const reports = await Promise.all(
    perWriter.map(
      (sheets, i) =>
        new Promise<WriterReport>((resolve, reject) => {
          const worker = new Worker(WORKER, { eval: true, workerData: { dbPath, deadline: Number(deadline), sheets, writer: `cli${i + 1}` } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  process.stdout.write(`${JSON.stringify(reports)}\n`);
}
