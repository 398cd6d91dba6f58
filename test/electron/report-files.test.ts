/**
 * The report files (electron/services/report-files.ts) through the contract: pay and annual XLSX
 * opened by exceljs and by LibreOffice Calc show the report's numbers; names that look like
 * formulas stay text; CSV has its BOM; the annual PDF shows names and scores and is a clean PDF.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport, PayReport } from '../../shared/api/report-types.ts';
import type { InputOf } from '../../shared/api/contract.ts';
import { invoke, type Handlers } from '../../electron/handlers.ts';
import { tableXlsx } from '../../electron/services/report-files.ts';
import { tempDb, tempDir } from '../helpers/db.ts';
import { call } from '../helpers/call.ts';
import { handlersFor } from '../helpers/safety.ts';
import { libreOfficeCsv, parseCsv, shownNumber, xlsxRows, zipEntry } from '../helpers/report-files.ts';

// The roster trims names, so a leading tab or CR is checked on a table written directly (below).
const NAMES = ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '＝SUM(A1)', '王磊'];
const CONTROL = ['\tx', '\rx', '=1+1'];
const MONTHS = ['2026-01', '2026-02', '2026-03'];

async function seed(): Promise<Handlers> {
  const { db, path } = tempDb();
  const h = handlersFor(db, path);
  const region = await call(h, 'regions.save', { code: 'EAST', name: '华东区' });
  for (const [i, name] of NAMES.entries()) {
    const p = await call(h, 'people.save', { employeeNo: `S-${i + 1}`, name, role: 'salesperson', regionId: region.id, managerId: null, activeFrom: '2026-01', activeTo: null });
    for (const [m, period] of MONTHS.entries()) {
      if (i === 5 && m === 1) continue; // a missing month
      const items = { 'ad-plan': { occurrences: (i + m) % 3 }, 'weekly-report.visit-records': { points: 10 - ((i * 3 + m) % 5) } };
      await call(h, 'sheets.save', { personId: p.id, period, entry: { items, absences: i % 2 ? [{ length: 'half' }] : [] }, status: 'ready', expectedRevision: 0 });
    }
    if (i !== 4) await call(h, 'figures.save', { personId: p.id, period: '2026-03', salaryTotal: 8000 + i * 333.33, kpis: { 'plan-quantity': 200, 'actual-quantity': 150 + i * 17 }, expectedRevision: 0 });
  }
  return h;
}

async function file(h: Handlers, input: InputOf<'reports.file'>): Promise<Buffer> {
  return Buffer.from((await call(h, 'reports.file', input)).dataBase64, 'base64');
}

/** The pay table's 日常考核得分率 column (which score pay used), between the scores and the pay parts. */
const RATE_COLUMN = 11;
/** The last column, 得分来自修订: empty here, where no sheet is an amendment (test/electron/amendments.test.ts has one). */
const AMENDMENT_COLUMN = 19;
/** A pay row's number cells: salary … daily-work score, then the pay parts (the rate column left out). */
const payCells = <T,>(row: T[]) => [...row.slice(5, RATE_COLUMN), ...row.slice(RATE_COLUMN + 1, 17)];
const payNumbers = (r: PayReport['rows'][number]) => [r.salaryTotal, r.plan, r.actual, r.pay?.completionPercent ?? null, r.monthlyScore, r.dailyScore, r.pay?.base ?? null, r.pay?.plan ?? null, r.pay?.assessment ?? null, r.pay?.bonus ?? null, r.pay?.total ?? null];
const annualNumbers = (r: AnnualReport['rows'][number]) => [...r.months, r.annualScore];

describe('report files', { timeout: 240_000 }, () => {
  // Everything is read once (the temporary database closes after the first test).
  let pay: PayReport;
  let annual: AnnualReport;
  let payXlsx: Buffer;
  let annualXlsx: Buffer;
  let controlXlsx: Buffer;
  let payCsv: Buffer;
  let annualCsv: Buffer;
  const pdfs: Record<string, Buffer> = {};
  const refusals: Awaited<ReturnType<typeof invoke>>[] = [];
  let shown: Map<string, string>;
  let paths: { pay: string; annual: string; control: string };

  beforeAll(async () => {
    const h = await seed();
    pay = await call(h, 'reports.pay', { period: '2026-03' });
    annual = await call(h, 'reports.annual', { year: 2026, basis: 'all' });
    payXlsx = await file(h, { report: 'pay', period: '2026-03', format: 'xlsx', language: 'zh' });
    annualXlsx = await file(h, { report: 'annual', year: 2026, basis: 'all', format: 'xlsx', language: 'en' });
    payCsv = await file(h, { report: 'pay', period: '2026-03', format: 'csv', language: 'zh' });
    annualCsv = await file(h, { report: 'annual', year: 2026, basis: 'all', format: 'csv', language: 'zh' });
    for (const language of ['zh', 'en'] as const) pdfs[language] = await file(h, { report: 'annual', year: 2026, basis: 'all', format: 'pdf', language });
    refusals.push(await invoke(h, 'reports.file', { report: 'pay', format: 'pdf', language: 'zh' }));
    refusals.push(await invoke(h, 'reports.file', { report: 'annual', format: 'xlsx', language: 'fr' }));
    refusals.push(await invoke(h, 'reports.pay', { period: '2026-13' }));
    controlXlsx = await tableXlsx({ title: 'control', columns: [{ header: 'text', kind: 'text' }, { header: 'n', kind: 'money' }], rows: CONTROL.map((t, i) => [t, -i - 0.5]), totals: null });
    const dir = tempDir();
    paths = { pay: join(dir, 'pay.xlsx'), annual: join(dir, 'annual.xlsx'), control: join(dir, 'control.xlsx') };
    writeFileSync(paths.pay, payXlsx);
    writeFileSync(paths.annual, annualXlsx);
    writeFileSync(paths.control, controlXlsx);
    shown = libreOfficeCsv([paths.pay, paths.annual, paths.control]);
  }, 240_000);

  it('the seeded report has pay for the people with figures and a missing month for one', () => {
    expect(pay.rows.map((r) => r.name)).toEqual(NAMES);
    expect(pay.rows.filter((r) => r.pay).length).toBe(5);
    expect(pay.rows[4]!.missing).toEqual(['salary', 'plan', 'actual']);
    expect(annual.rows[5]!.missing).toContain('2026-02');
  });

  it('pay XLSX read by exceljs: numbers as numbers, money with 2 decimals, the same figures as the report, a totals line', async () => {
    const rows = await xlsxRows(payXlsx);
    expect(rows[0]).toContain('月度薪酬');
    // Which score pay used, on every row: the built-in rate, the daily-work score.
    expect(rows[0]![RATE_COLUMN]).toBe('日常考核得分率');
    pay.rows.forEach((r, i) => {
      const row = rows[i + 1]!;
      expect(payCells(row).map((v) => (v === null || v === undefined ? null : v))).toEqual(payNumbers(r));
      expect(row[RATE_COLUMN]).toBe('日常工作考核得分');
    });
    expect(rows[0]).toHaveLength(AMENDMENT_COLUMN + 1);
    expect(rows[0]![AMENDMENT_COLUMN]).toBe('得分来自修订');
    expect(rows.slice(1).map((r) => r[AMENDMENT_COLUMN] ?? null)).toEqual([...pay.rows.map(() => null), null]);
    const totals = rows[pay.rows.length + 1]!;
    expect(totals[0]).toBe('合计');
    expect(totals.slice(12, 17)).toEqual([pay.totals.base, pay.totals.plan, pay.totals.assessment, pay.totals.bonus, pay.totals.total]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(payXlsx).buffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(17).numFmt).toBe('#,##0.00');
  });

  it('pay XLSX opened by LibreOffice shows the same numbers', () => {
    const rows = parseCsv(shown.get(paths.pay)!);
    expect(rows[0]![16]).toBe('月度薪酬');
    pay.rows.forEach((r, i) => expect(payCells(rows[i + 1]!).map(shownNumber)).toEqual(payNumbers(r)));
    const withPay = rows[1 + pay.rows.findIndex((r) => r.pay)]!;
    expect(withPay[RATE_COLUMN]).toBe('日常工作考核得分');
    expect(withPay[16]).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/); // money shown with 2 decimals
    expect(rows[pay.rows.length + 1]!.slice(12, 17).map(shownNumber)).toEqual([pay.totals.base, pay.totals.plan, pay.totals.assessment, pay.totals.bonus, pay.totals.total]);
  });

  it('a name that looks like a formula stays text: LibreOffice shows it, the XLSX has no formula', async () => {
    const rows = parseCsv(shown.get(paths.pay)!);
    expect(rows.slice(1, 7).map((r) => r[1])).toEqual(NAMES.map((n) => (n === '王磊' ? n : `'${n}`)));
    // A leading tab, CR or = in a text cell: shown with its apostrophe, as text; a negative number stays a number.
    const control = parseCsv(shown.get(paths.control)!);
    // (LibreOffice writes a CR inside a cell as LF.)
    expect(control.slice(1).map((r) => r[0])).toEqual(CONTROL.map((t) => `'${t.replace(/\r/g, '\n')}`));
    expect(control.slice(1).map((r) => shownNumber(r[1]))).toEqual([-0.5, -1.5, -2.5]);
    for (const xlsx of [payXlsx, annualXlsx, controlXlsx]) {
      const sheetXml = zipEntry(xlsx, 'xl/worksheets/sheet1.xml').toString('utf8');
      expect(sheetXml).not.toMatch(/<f[\s>]/);
      const cells = (await xlsxRows(xlsx)).flat();
      expect(cells.some((c) => typeof c === 'object' && c !== null && 'formula' in c)).toBe(false);
      for (const c of cells) if (typeof c === 'string') expect(c).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('annual XLSX: exceljs and LibreOffice show the 12 months, the annual score and the rank, headers in English', async () => {
    const rows = await xlsxRows(annualXlsx);
    expect(rows[0]!.slice(0, 5)).toEqual(['Employee no.', 'Name', 'Role', 'Region', 'Jan']);
    const csv = parseCsv(shown.get(paths.annual)!);
    annual.rows.forEach((r, i) => {
      expect(rows[i + 1]!.slice(4, 17).map((v) => (v === undefined ? null : v))).toEqual(annualNumbers(r));
      expect(csv[i + 1]!.slice(4, 17).map(shownNumber)).toEqual(annualNumbers(r));
      expect(shownNumber(csv[i + 1]![18])).toBe(r.rank);
      expect(shownNumber(csv[i + 1]![19])).toBe(r.rankOf);
    });
    expect(csv[6]![17]).toContain('Feb');
  });

  it('CSV: UTF-8 with a BOM, CRLF, formula-like names with their apostrophe, money with 2 decimals', async () => {
    const bytes = payCsv;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows = parseCsv(text);
    expect(rows.slice(1, 7).map((r) => r[1])).toEqual(NAMES.map((n) => (n === '王磊' ? n : `'${n}`)));
    pay.rows.forEach((r, i) => expect(payCells(rows[i + 1]!).map(shownNumber)).toEqual(payNumbers(r)));
    expect(rows[0]![RATE_COLUMN]).toBe('日常考核得分率');
    expect(rows.slice(1, pay.rows.length + 1).map((r) => r[RATE_COLUMN])).toEqual(pay.rows.map(() => '日常工作考核得分'));
    expect(rows[0]![AMENDMENT_COLUMN]).toBe('得分来自修订');
    expect(rows.slice(1, pay.rows.length + 2).map((r) => r[AMENDMENT_COLUMN])).toEqual([...pay.rows.map(() => ''), '']); // the rows and the totals line
    const withPay = pay.rows.findIndex((r) => r.pay);
    expect(rows[withPay + 1]![16]).toMatch(/^\d+\.\d{2}$/);
    const annualRows = parseCsv(annualCsv.toString('utf8'));
    expect(annualRows[0]![4]).toBe('1月');
    annual.rows.forEach((r, i) => expect(annualRows[i + 1]!.slice(4, 17).map(shownNumber)).toEqual(annualNumbers(r)));
  });

  for (const language of ['zh', 'en'] as const) {
    it(`annual report PDF (${language}): A4 landscape, names and scores in the text, qpdf clean`, async () => {
      const path = join(tempDir(), `annual-${language}.pdf`);
      writeFileSync(path, pdfs[language]!);
      const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain(language === 'zh' ? '2026年度考核' : 'Annual assessment 2026');
      expect(text).toContain('华东区');
      for (const r of annual.rows) {
        expect(text).toContain(r.employeeNo);
        expect(text).toContain(String(r.annualScore));
      }
      // A long name may wrap in its column: compare without the layout's white space.
      const squeezed = text.replace(/\s+/g, '');
      for (const name of NAMES) expect(squeezed).toContain(name);
      const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
      const check = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
      expect(check.status).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors');
    });
  }

  it('bad input is refused with the field and the value', () => {
    const [r1, r2, r3] = refusals.map((r) => (r!.ok ? '' : r!.error.message));
    expect(r1).toMatch(/period[\s\S]*format: got "pdf"/);
    expect(r2).toMatch(/language: got "fr"/);
    expect(r3).toMatch(/period: got "2026-13"/);
    expect(refusals.every((r) => !r.ok)).toBe(true);
  });
});
