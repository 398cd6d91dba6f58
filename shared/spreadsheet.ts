/**
 * Cells written to CSV/XLSX files (exports a person opens in Excel/WPS): a text that starts with
 * = + - @, a tab, CR, LF or NUL would be read as a formula (CSV/formula injection: a name like
 * `=HYPERLINK(…)` or `@SUM(…)` in the roster must never run in HR's spreadsheet). `safeCell` is
 * the one place this is decided; every CSV/XLSX writer passes every cell through it.
 */

/** Characters that make a spreadsheet read a cell as a formula (or that some readers strip to reach one). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠']);

export type CellValue = string | number | boolean | null | undefined;

/** Does this text start like a formula? */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_START.has(text[0]!);
}

/**
 * A cell as it may be written: numbers and booleans unchanged (they are never formulas; a
 * negative number stays a number), null/undefined as '', and a text that starts like a formula
 * with a leading apostrophe, which Excel and WPS show as text and do not evaluate. The original
 * text is the result without that first apostrophe.
 */
export function safeCell(value: number): number;
export function safeCell(value: boolean): boolean;
export function safeCell(value: string | null | undefined): string;
export function safeCell(value: CellValue): string | number | boolean;
export function safeCell(value: CellValue): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value;
  return startsLikeFormula(value) ? `'${value}` : value;
}

/** One CSV field: the cell made safe, then quoted when it holds a comma, quote or line break. */
export function csvField(value: CellValue): string {
  const cell = safeCell(value);
  const text = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file's text: every cell through safeCell, CRLF line ends (what Excel writes). */
export function toCsv(rows: readonly (readonly CellValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
