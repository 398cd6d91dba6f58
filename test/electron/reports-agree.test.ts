/**
 * Pay and annual figures agree everywhere on the demo data: reports.pay / reports.annual equal
 * the shared engine (computePay, computeAnnual) on the inputs stored in the database (read here
 * with plain SQL), and the XLSX (read by exceljs and as LibreOffice shows it), the CSV and the
 * CLI (`scorecard report`, a child process) show the same numbers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeAnnual } from '../../shared/annual.ts';
import type { AnnualReport, PayReport } from '../../shared/api/report-types.ts';
import type { InputOf } from '../../shared/api/contract.ts';
import { computePay } from '../../shared/pay.ts';
import { periodsOfYear } from '../../shared/period.ts';
import { formatMoney } from '../../shared/reports/tables.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { paySettingsFor } from '../../electron/services/pay-settings.ts';
import { tempDb, tempDir } from '../helpers/db.ts';
import { call } from '../helpers/call.ts';
import { handlersFor } from '../helpers/safety.ts';
import { libreOfficeCsv, parseCsv, shownNumber } from '../helpers/report-files.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PERIOD = '2026-10';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join('electron', 'cli', 'bin.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SCORECARD_DEBUG: '' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Stored {
  pay: Map<string, ReturnType<typeof computePay> | null>;
  annual: { approved: Map<string, number>; all: Map<string, number> };
  figureRows: number;
}

async function xlsxRows(path: string): Promise<ExcelJS.CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: ExcelJS.CellValue[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

/** The pay table's 日常考核得分率 column (which score pay used), between the scores and the pay parts. */
const RATE_COLUMN = 11;
/** A pay row's number cells: salary … daily-work score, then the pay parts (the rate column left out). */
const payCells = <T,>(row: T[]) => [...row.slice(5, RATE_COLUMN), ...row.slice(RATE_COLUMN + 1, 17)];
const payNumbers = (r: PayReport['rows'][number]) => [r.salaryTotal, r.plan, r.actual, r.pay?.completionPercent ?? null, r.monthlyScore, r.dailyScore, r.pay?.base ?? null, r.pay?.plan ?? null, r.pay?.assessment ?? null, r.pay?.bonus ?? null, r.pay?.total ?? null];

describe('reports agree with the engine, the files and the CLI (demo data)', { timeout: 300_000 }, () => {
  let pay: PayReport;
  let annual: { approved: AnnualReport; all: AnnualReport };
  let stored: Stored;
  const files: Record<string, string> = {};
  let shown: Map<string, string>;
  /** The files as read back in beforeAll (the temporary folder goes after the first test). */
  const read: Record<string, ExcelJS.CellValue[][] | string> = {};
  const cliOut: Record<string, { status: number | null; stdout: string; stderr: string }> = {};

  beforeAll(async () => {
    const { db, path } = tempDb();
    loadDemo(db, new Date(2026, 10, 15)); // sheets for 2026-05 … 2026-10
    // HR has approved the sheets of May to August (a month counts for the annual score only when approved).
    db.prepare("UPDATE sheets SET status = 'approved' WHERE status = 'ready' AND period <= '2026-08'").run();
    const h = handlersFor(db, path);
    pay = await call(h, 'reports.pay', { period: PERIOD });
    annual = { approved: await call(h, 'reports.annual', { year: 2026 }), all: await call(h, 'reports.annual', { year: 2026, basis: 'all' }) };

    // The stored inputs, read with plain SQL, through the shared engine.
    const settings = paySettingsFor(db, PERIOD).settings;
    const rows = db
      .prepare(
        `SELECT p.employee_no, s.status, s.monthly_score, s.daily_score, m.salary_fen, m.kpis
           FROM people p LEFT JOIN sheets s ON s.person_id = p.id AND s.period = @period
           LEFT JOIN person_months m ON m.person_id = p.id AND m.period = @period`,
      )
      .all({ period: PERIOD }) as { employee_no: string; status: string | null; monthly_score: number | null; daily_score: number | null; salary_fen: number | null; kpis: string | null }[];
    const payOf = new Map<string, ReturnType<typeof computePay> | null>();
    for (const r of rows) {
      const kpis = r.kpis ? (JSON.parse(r.kpis) as Record<string, number>) : {};
      const finished = r.status === 'ready' || r.status === 'signed' || r.status === 'approved';
      const ok = finished && r.salary_fen !== null && (kpis['plan-quantity'] ?? 0) > 0 && kpis['actual-quantity'] !== undefined;
      payOf.set(r.employee_no, ok ? computePay({ salaryTotal: r.salary_fen! / 100, plan: kpis['plan-quantity']!, actual: kpis['actual-quantity']!, monthlyScore: r.monthly_score! / 100, dailyScore: r.daily_score! / 100, ...settings }) : null);
    }
    const sheets = db.prepare("SELECT p.employee_no, s.period, s.status, s.monthly_score FROM sheets s JOIN people p ON p.id = s.person_id WHERE s.period LIKE '2026-%'").all() as { employee_no: string; period: string; status: string; monthly_score: number }[];
    const annualOf = (keep: (status: string) => boolean) => {
      const byPerson = new Map<string, { period: string; monthlyScore: number }[]>();
      for (const s of sheets) if (keep(s.status)) byPerson.set(s.employee_no, [...(byPerson.get(s.employee_no) ?? []), { period: s.period, monthlyScore: s.monthly_score / 100 }]);
      return new Map(rows.map((r) => [r.employee_no, computeAnnual({ year: 2026, months: byPerson.get(r.employee_no) ?? [] }).annualScore]));
    };
    stored = {
      pay: payOf,
      annual: { approved: annualOf((s) => s === 'approved'), all: annualOf(() => true) },
      figureRows: (db.prepare('SELECT count(*) AS n FROM person_months WHERE period = ?').get(PERIOD) as { n: number }).n,
    };

    // The files, through the contract and through the CLI.
    const dir = tempDir();
    const save = async (name: string, input: InputOf<'reports.file'>) => {
      const target = (files[name] = join(dir, name));
      writeFileSync(target, Buffer.from((await call(h, 'reports.file', input)).dataBase64, 'base64'));
    };
    await save('pay.xlsx', { report: 'pay', period: PERIOD, format: 'xlsx', language: 'zh' });
    await save('annual.xlsx', { report: 'annual', year: 2026, format: 'xlsx', language: 'zh' });
    files['cli-pay.xlsx'] = join(dir, 'cli-pay.xlsx');
    files['cli-pay.csv'] = join(dir, 'cli-pay.csv');
    files['cli-annual.csv'] = join(dir, 'cli-annual.csv');
    cliOut.payXlsx = cli(['report', 'pay', '--db', path, '--month', PERIOD, '--out', files['cli-pay.xlsx']]);
    cliOut.payCsv = cli(['report', 'pay', '--db', path, '--month', PERIOD, '--out', files['cli-pay.csv'], '--lang', 'en']);
    cliOut.annualCsv = cli(['report', 'annual', '--db', path, '--year', '2026', '--basis', 'all', '--out', files['cli-annual.csv']]);
    cliOut.payTable = cli(['report', 'pay', '--db', path, '--month', PERIOD, '--lang', 'en']);
    cliOut.annualTable = cli(['report', 'annual', '--db', path, '--year', '2026', '--lang', 'en']);
    shown = libreOfficeCsv([files['pay.xlsx']!, files['annual.xlsx']!]);
    for (const name of ['pay.xlsx', 'annual.xlsx', 'cli-pay.xlsx']) read[name] = await xlsxRows(files[name]!);
    for (const name of ['cli-pay.csv', 'cli-annual.csv']) read[name] = readFileSync(files[name]!, 'utf8');
  }, 300_000);

  it('the demo brings its own salaries, plans and actuals', () => {
    expect(stored.figureRows).toBeGreaterThan(30);
    expect(pay.rows.filter((r) => r.pay).length).toBeGreaterThan(15);
    expect(pay.rows.some((r) => r.missing.includes('sheet'))).toBe(true);
  });

  it('reports.pay equals computePay on the stored inputs, for every person; totals are the sums', () => {
    expect(pay.rows.length).toBe(stored.pay.size);
    for (const r of pay.rows) expect(r.pay, r.employeeNo).toEqual(stored.pay.get(r.employeeNo));
    const fen = pay.rows.reduce((s, r) => s + (r.pay ? Math.round(r.pay.total * 100) : 0), 0);
    expect(pay.totals.total).toBe(fen / 100);
  });

  it('reports.annual equals computeAnnual on the stored monthly scores, approved basis by default', () => {
    expect(annual.approved.basis).toBe('approved');
    for (const r of annual.approved.rows) expect(r.annualScore, r.employeeNo).toBe(stored.annual.approved.get(r.employeeNo));
    for (const r of annual.all.rows) expect(r.annualScore, r.employeeNo).toBe(stored.annual.all.get(r.employeeNo));
    // September and October are not approved: missing on the approved basis, counted on "all".
    expect(annual.approved.rows.every((r) => r.missing.includes('2026-09') && r.missing.includes('2026-10'))).toBe(true);
    expect(annual.all.rows.some((r) => !r.missing.includes('2026-09'))).toBe(true);
    expect(annual.approved.rows.every((r) => r.months.length === 12 && r.missing.every((p) => periodsOfYear(2026).includes(p)))).toBe(true);
  });

  it('the pay XLSX (exceljs, LibreOffice) and the CLI files show the same numbers', () => {
    expect(cliOut.payXlsx!.status).toBe(0);
    expect(cliOut.payCsv!.status).toBe(0);
    const sources = {
      exceljs: (read['pay.xlsx'] as ExcelJS.CellValue[][]).slice(1).map((r) => payCells(r)),
      libreoffice: parseCsv(shown.get(files['pay.xlsx']!)!).slice(1).map((r) => payCells(r).map(shownNumber)),
      cliXlsx: (read['cli-pay.xlsx'] as ExcelJS.CellValue[][]).slice(1).map((r) => payCells(r)),
      cliCsv: parseCsv(read['cli-pay.csv'] as string).slice(1).map((r) => payCells(r).map(shownNumber)),
    };
    // Every file names the month's rate on every row (the demo's new database: the daily-work score).
    const rates = {
      exceljs: (read['pay.xlsx'] as ExcelJS.CellValue[][]).slice(1, pay.rows.length + 1).map((r) => r[RATE_COLUMN]),
      libreoffice: parseCsv(shown.get(files['pay.xlsx']!)!).slice(1, pay.rows.length + 1).map((r) => r[RATE_COLUMN]),
      cliXlsx: (read['cli-pay.xlsx'] as ExcelJS.CellValue[][]).slice(1, pay.rows.length + 1).map((r) => r[RATE_COLUMN]),
      cliCsv: parseCsv(read['cli-pay.csv'] as string).slice(1, pay.rows.length + 1).map((r) => r[RATE_COLUMN]),
    };
    expect(pay.settings.settings.scoreRate).toBe('daily');
    for (const [source, words] of Object.entries(rates)) expect(words, source).toEqual(pay.rows.map(() => (source === 'cliCsv' ? 'Daily-work score' : '日常工作考核得分')));
    for (const [source, rows] of Object.entries(sources)) {
      pay.rows.forEach((r, i) => expect(rows[i], `${source} ${r.employeeNo}`).toEqual(payNumbers(r)));
      expect(rows[pay.rows.length]!.slice(6, 11), `${source} totals`).toEqual([pay.totals.base, pay.totals.plan, pay.totals.assessment, pay.totals.bonus, pay.totals.total]);
    }
  });

  it('the annual XLSX (exceljs, LibreOffice) and the CLI CSV show the same scores and ranks', () => {
    const fromXlsx = (read['annual.xlsx'] as ExcelJS.CellValue[][]).slice(1);
    const fromLo = parseCsv(shown.get(files['annual.xlsx']!)!).slice(1);
    annual.approved.rows.forEach((r, i) => {
      expect(fromXlsx[i]!.slice(4, 17), r.employeeNo).toEqual([...r.months, r.annualScore]);
      expect(fromXlsx[i]!.slice(18, 20)).toEqual([r.rank, r.rankOf]);
      expect(fromLo[i]!.slice(4, 17).map(shownNumber), r.employeeNo).toEqual([...r.months, r.annualScore]);
    });
    expect(cliOut.annualCsv!.status).toBe(0);
    const fromCli = parseCsv(read['cli-annual.csv'] as string).slice(1);
    annual.all.rows.forEach((r, i) => expect(fromCli[i]!.slice(4, 20).map((c, k) => (k === 13 ? c : shownNumber(c)))).toEqual([...r.months, r.annualScore, expect.any(String), r.rank, r.rankOf]));
  });

  it('the CLI tables print the same figures', () => {
    expect(cliOut.payTable!.status).toBe(0);
    expect(cliOut.payTable!.stderr).toBe('');
    const lines = cliOut.payTable!.stdout.split('\n');
    expect(lines[0]).toBe(`Monthly pay ${PERIOD}`);
    for (const r of pay.rows) {
      const line = lines.find((l) => l.startsWith(`${r.employeeNo} `))!;
      expect(line, r.employeeNo).toBeDefined();
      const words = line.trim().split(/\s{2,}/);
      // A row with pay has nothing missing: its line ends with the five amounts.
      if (r.pay) expect(words.slice(-5)).toEqual([r.pay.base, r.pay.plan, r.pay.assessment, r.pay.bonus, r.pay.total].map(formatMoney));
      else expect(line).toMatch(/sheet not ready|salary total|plan quantity|actual quantity/);
    }
    expect(cliOut.payTable!.stdout).toContain(formatMoney(pay.totals.total));
    const annualLines = cliOut.annualTable!.stdout.split('\n');
    for (const r of annual.approved.rows) expect(annualLines.find((l) => l.startsWith(`${r.employeeNo} `)), r.employeeNo).toContain(`  ${r.annualScore}  `);
  });
});
