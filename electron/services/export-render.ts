/**
 * The CPU part of exporting a sheet: render the PDF and sign it. Everything it needs is read from
 * the database beforehand (export.ts), so it runs the same in the app's process (one sheet) and
 * in a worker thread (a month's batch, export-pool.ts): the same inputs give the same document.
 */
import type { SheetRecord } from '../../shared/api/types.ts';
import { renderSheetPdf } from '../pdf/render.ts';
import type { SheetPdfOptions } from '../pdf/sheet.ts';
import { type SigningIdentity, signPdf } from '../signing/index.ts';

/** One sheet to render and sign: plain data (it crosses to a worker thread). */
export interface SheetExportTask {
  record: SheetRecord;
  pdf: SheetPdfOptions;
  /** The signature's /Reason and claimed signing time (ISO 8601). */
  reason: string;
  signingTime: string;
}

export async function renderAndSignSheet(task: SheetExportTask, identity: SigningIdentity): Promise<Buffer> {
  const pdf = await renderSheetPdf(task.record, task.pdf);
  return signPdf(pdf, identity, { reason: task.reason, signingTime: new Date(task.signingTime) });
}
