/**
 * Report files for payroll and HR: pay and annual as XLSX and CSV, and the annual report PDF.
 * The rows come from reports.ts and the columns from shared/reports/tables.ts (the CLI prints
 * the same table). Every text cell goes through safeCell, so a name like =HYPERLINK(…) stays
 * text; numbers stay numbers in XLSX (money formatted with 2 decimals). CSV is UTF-8 with a BOM
 * (Excel then reads the Chinese right) and CRLF line ends.
 */
import ExcelJS from 'exceljs';
import type { InputOf } from '../../shared/api/contract.ts';
import type { FileData, Language } from '../../shared/api/types.ts';
import { InputError } from '../../shared/problems.ts';
import { annualTable, cellText, payTable, type ColumnKind, type ReportTable } from '../../shared/reports/tables.ts';
import { safeCell, toCsv } from '../../shared/spreadsheet.ts';
import type { Db } from '../db/database.ts';
import { renderAnnualPdf } from '../pdf/annual.ts';
import { annualReport, payReport } from './reports.ts';

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  money: '#,##0.00',
  // Scores, quantities and percents as General: "89.2" and "88", the way the app shows them.
  score: undefined,
  quantity: undefined,
  percent: undefined,
  integer: '0',
};

/** Column widths in characters, by kind (text columns size to their content). */
const WIDTHS: Record<ColumnKind, number> = { text: 10, money: 13, score: 9, quantity: 11, percent: 10, integer: 7 };

export async function tableXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Staff Assessment';
  // Sheet names cannot hold : \ / ? * [ ] and are at most 31 characters.
  const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const textWidth = (i: number) => Math.min(40, Math.max(8, ...[table.columns[i]!.header, ...table.rows.map((r) => r[i])].map((v) => (typeof v === 'string' ? [...v].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) : 0))) + 2);
  // Printed: landscape, every column on one page width.
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  sheet.columns = table.columns.map((c, i) => ({ width: c.kind === 'text' ? textWidth(i) : Math.max(WIDTHS[c.kind], [...c.header].length * 2 + 2), style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  const header = sheet.addRow(table.columns.map((c) => safeCell(c.header)));
  header.font = { bold: true };
  // Every cell through safeCell: numbers stay numbers, a text that starts like a formula gets its apostrophe.
  const add = (cells: readonly (string | number | null)[]) => {
    const row = sheet.addRow(cells.map((cell) => (cell === null ? null : safeCell(cell))));
    table.columns.forEach((c, i) => {
      const format = NUMBER_FORMATS[c.kind];
      if (format) row.getCell(i + 1).numFmt = format;
    });
    return row;
  };
  for (const row of table.rows) add(row);
  if (table.totals) add(table.totals).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function tableCsv(table: ReportTable): Buffer {
  const texts = (row: (string | number | null)[]) => row.map((cell, i) => cellText(cell, table.columns[i]!.kind));
  const rows = [table.columns.map((c) => c.header), ...table.rows.map(texts), ...(table.totals ? [texts(table.totals)] : [])];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(rows), 'utf8')]);
}

const FILE_WORDS: Record<Language, { pay: string; annual: string }> = { zh: { pay: '月度薪酬', annual: '年度考核' }, en: { pay: 'pay', annual: 'annual' } };

export async function reportFile(db: Db, input: InputOf<'reports.file'>): Promise<FileData> {
  const words = FILE_WORDS[input.language];
  if (input.report === 'pay') {
    if (input.period === undefined) throw new InputError([{ field: 'period', expected: 'the month of the pay report (YYYY-MM)' }], 'report file');
    if (input.format === 'pdf') throw new InputError([{ field: 'format', value: input.format, expected: '"xlsx" or "csv" for the pay report' }], 'report file');
    const table = payTable(payReport(db, { period: input.period }), input.language);
    const bytes = input.format === 'xlsx' ? await tableXlsx(table) : tableCsv(table);
    return { fileName: `${words.pay}-${input.period}.${input.format}`, dataBase64: bytes.toString('base64') };
  }
  if (input.year === undefined) throw new InputError([{ field: 'year', expected: 'the year of the annual report (YYYY)' }], 'report file');
  const report = annualReport(db, { year: input.year, basis: input.basis });
  const bytes = input.format === 'pdf' ? await renderAnnualPdf(report, input.language) : input.format === 'xlsx' ? await tableXlsx(annualTable(report, input.language)) : tableCsv(annualTable(report, input.language));
  return { fileName: `${words.annual}-${input.year}${report.basis === 'all' ? '-preview' : ''}.${input.format}`, dataBase64: bytes.toString('base64') };
}
