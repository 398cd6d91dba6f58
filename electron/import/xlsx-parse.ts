/**
 * Reading the first worksheet of an .xlsx into rows of cell texts with exceljs. Runs inside the
 * XLSX worker (xlsx-worker.ts), never on the app's thread: see readXlsx in sheet-file.ts.
 */
import ExcelJS from 'exceljs';

export interface ParsedRow {
  line: number;
  cells: string[];
}

/** What the worker answers: the rows, or why the workbook could not be read. */
export type XlsxParseResult =
  | { ok: true; rows: ParsedRow[] }
  | { ok: false; reason: 'unreadable'; message: string }
  | { ok: false; reason: 'no-sheet' }
  | { ok: false; reason: 'too-many-rows' };

export async function parseXlsxRows(bytes: Uint8Array, maxRows: number): Promise<XlsxParseResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a fresh ArrayBuffer copy is that exactly.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (err) {
    return { ok: false, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, reason: 'no-sheet' };
  if (sheet.actualRowCount > maxRows) return { ok: false, reason: 'too-many-rows' };

  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = cellText(cell.value);
    });
    if (cells.some((c) => c !== '')) rows.push({ line: rowNumber, cells });
  });
  return { ok: true, rows };
}

/** A cell's value as the text a user sees: numbers plain, dates as YYYY-MM, formulas as their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // exceljs gives Excel's date serials as UTC midnight.
    return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  if ('error' in value) return value.error;
  return '';
}
