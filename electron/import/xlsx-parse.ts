/**
 * Reading the first worksheet of an .xlsx into rows of cell texts with exceljs. Runs inside the
 * XLSX worker (xlsx-worker.ts), never on the app's thread: see readXlsx in sheet-file.ts.
 */
import ExcelJS from 'exceljs';
import builtInFormats from 'exceljs/lib/xlsx/defaultnumformats.js';
import { normalizeHeader } from './header.ts';

/**
 * Excel's East-Asian built-in date and time formats (ids 27–36, 50–58) are stored by id alone, and
 * exceljs knows them only per culture, so without this a date cell in one (what WPS and Chinese
 * Excel save, e.g. id 31 yyyy"年"m"月"d"日") reads as its serial number. Each takes its zh-CN code,
 * the one Excel defines for it (ECMA-376 §18.8.30) and exceljs lists; all are dates or times.
 * Writing is untouched: exceljs maps format texts to built-in ids once, as it loads, before this runs.
 */
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) {
  const format = builtInFormats[id];
  if (format && !format.f && format['zh-cn']) format.f = format['zh-cn'];
}

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

/**
 * How a cell formatted as a date reads: `month` as YYYY-MM (every column unless told: a month
 * column such as the roster's 起始月份), `day` as the calendar day YYYY-MM-DD (date columns).
 */
export type DateReading = 'month' | 'day';

/**
 * `dayColumns`: the header names (compared after normalizeHeader) of the columns whose date cells
 * read as days; the header is the first non-blank row, as the readers take it.
 */
export async function parseXlsxRows(bytes: Uint8Array, maxRows: number, dayColumns: readonly string[] = []): Promise<XlsxParseResult> {
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

  const days = new Set(dayColumns.map(normalizeHeader));
  // The columns (0-based) whose date cells read as days: known once the header row is read.
  let dayIndexes: Set<number> | null = null;
  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = cellText(cell.value, dayIndexes?.has(col - 1) ? 'day' : 'month', cell.numFmt);
    });
    if (cells.some((c) => c !== '')) {
      rows.push({ line: rowNumber, cells });
      dayIndexes ??= new Set(cells.flatMap((name, i) => (days.has(normalizeHeader(name)) ? [i] : [])));
    }
  });
  return { ok: true, rows };
}

/**
 * A cell's value as the text a user sees: numbers plain, formulas as their result, a date cell
 * (exceljs gives a Date for a number with a date format) as its month or, `reading` 'day', its day.
 */
export function cellText(value: ExcelJS.CellValue, reading: DateReading = 'month', numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value, reading, numFmt);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null, reading, numFmt);
  if ('hyperlink' in value) return cellText((value as { text: ExcelJS.CellValue }).text, reading, numFmt);
  if ('error' in value) return value.error;
  return '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel date has no time zone: exceljs gives its serial as that wall-clock time at UTC, so the
 * UTC fields are the day (and time) typed; local-time fields could move it a day.
 *
 * A time part is read only where the cell's format shows one (what the person sees in Excel):
 * then "YYYY-MM-DD HH:MM", the form a typed hand-in time takes, since a hand-in may carry one (the
 * terminal daily report is due by 16:00 on the day, docs/spec/assessment.md; the other deadlines
 * take it optionally, shared/scoring/handins.ts). A time with seconds past the minute reads as the
 * next minute: 16:00:45 is after a "by 16:00" deadline, and dropping the seconds would make it on
 * time. A column that takes a day only refuses the time as it refuses the same text typed.
 */
function dateText(d: Date, reading: DateReading, numFmt: string | undefined): string {
  const month = (x: Date) => `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}`;
  if (reading === 'month') return month(d);
  if (!showsTime(numFmt)) return `${month(d)}-${pad(d.getUTCDate())}`;
  // To the whole second first, as Excel shows it: a serial's float error (15:59:59.9996) is no second past.
  const t = new Date(Math.ceil(Math.round(d.getTime() / 1000) / 60) * 60_000);
  return `${month(t)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/**
 * exceljs's text for Excel's built-in format 22 (m/d/yy h:mm: what Excel gives a typed date and time,
 * stored by its id alone), with its "h" quoted as if it were text.
 */
const BUILT_IN_DATE_TIME = 'm/d/yy "h":mm';

/** Whether a number format shows a time: an hour or second code outside quoted text and [..] (as exceljs's isDateFmt strips them). */
function showsTime(numFmt: string | undefined): boolean {
  if (numFmt === BUILT_IN_DATE_TIME) return true;
  return !!numFmt && /[hs]/i.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
