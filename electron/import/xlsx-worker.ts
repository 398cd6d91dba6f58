/**
 * The XLSX worker: parses one workbook (already past the size and zip-ratio checks) in its own
 * thread with a capped heap, so a workbook that still explodes in exceljs kills only this thread,
 * never the app. Started by readXlsx (sheet-file.ts) once per file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseXlsxRows } from './xlsx-parse.ts';

export interface XlsxWorkerData {
  bytes: Uint8Array;
  maxRows: number;
  /** Header names of the columns whose date cells read as days (parseXlsxRows). */
  dayColumns: string[];
}

const { bytes, maxRows, dayColumns } = workerData as XlsxWorkerData;
parseXlsxRows(bytes, maxRows, dayColumns).then(
  (result) => parentPort?.postMessage(result),
  (err: unknown) => parentPort?.postMessage({ ok: false, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) }),
);
