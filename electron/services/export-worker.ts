/**
 * A worker thread of the export pool (export-pool.ts): renders and signs the sheets it is sent
 * with the identity it was started with. It never touches the database or the file system
 * beyond the fonts; the app's thread reads the sheets and keeps the files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setFallbackFonts, setFontDirectory, type FontSet } from '../pdf/fonts.ts';
import type { SigningIdentity } from '../signing/index.ts';
import { renderAndSignSheet, type SheetExportTask } from './export-render.ts';

export interface ExportWorkerData {
  identity: SigningIdentity;
  fontDir: string;
  fallbackFonts: FontSet[];
}

export type ExportWorkerRequest = { id: number; task: SheetExportTask };
export type ExportWorkerReply = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string } | { ready: true };

const port = parentPort;
if (port) {
  const data = workerData as ExportWorkerData;
  setFontDirectory(data.fontDir);
  setFallbackFonts(data.fallbackFonts);
  // A structured clone turns the certificate's Buffer into a plain Uint8Array.
  const identity: SigningIdentity = { ...data.identity, certificate: Buffer.from(data.identity.certificate) };
  port.on('message', (request: ExportWorkerRequest) => {
    renderAndSignSheet(request.task, identity).then(
      (pdf) => port.postMessage({ id: request.id, ok: true, pdf } satisfies ExportWorkerReply),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ExportWorkerReply),
    );
  });
  port.postMessage({ ready: true } satisfies ExportWorkerReply);
}
