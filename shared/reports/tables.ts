/**
 * The pay and annual reports as tables: one column list and one row shape that the XLSX and CSV
 * files, the CLI's printed table and the PDF all use, so they cannot show different numbers.
 * Cells are raw values (numbers as numbers); each writer makes texts safe (safeCell) and formats.
 */
import type { AnnualReport, PayReport } from '../api/report-types.ts';
import type { Language } from '../api/types.ts';
import { reportLabels } from './labels.ts';
import { toFen } from './pay.ts';

/** How a column is shown: money with 2 decimals, scores with up to 2, quantities with up to 4. */
export type ColumnKind = 'text' | 'money' | 'score' | 'quantity' | 'percent' | 'integer';

export interface Column {
  header: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

export interface ReportTable {
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** A totals line below the rows (pay), or none. */
  totals: Cell[] | null;
}

/** Money as text with exactly 2 decimals ("5000.00"), from its exact fen. */
export function formatMoney(yuan: number): string {
  const fen = toFen(yuan);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A cell as text for CSV and the terminal: money with 2 decimals, other numbers as they are. */
export function cellText(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return kind === 'money' ? formatMoney(cell) : String(cell);
  return cell;
}

export function payTable(report: PayReport, language: Language): ReportTable {
  const L = reportLabels(language);
  const t = (header: string, kind: ColumnKind = 'text'): Column => ({ header, kind });
  const columns = [
    t(L.employeeNo),
    t(L.name),
    t(L.role),
    t(L.region),
    t(L.status),
    t(L.salaryTotal, 'money'),
    t(L.plan, 'quantity'),
    t(L.actual, 'quantity'),
    t(L.completion, 'percent'),
    t(L.monthlyScore, 'score'),
    t(L.dailyScore, 'score'),
    t(L.scoreRate),
    t(L.base, 'money'),
    t(L.planPart, 'money'),
    t(L.assessmentPart, 'money'),
    t(L.bonus, 'money'),
    t(L.total, 'money'),
    t(L.missing),
    // 待确认: plan or actual from a signed sheet, not yet confirmed (pay uses them).
    t(L.unconfirmed),
    // The scores come from an amendment of the sheet (修订 第 2 版), as the pay view marks them; empty for a version 1.
    t(L.amendment),
  ];
  // The month's rate on every row: a payroll file read alone still says which score was paid on.
  const rate = L.scoreRates[report.settings.settings.scoreRate];
  const rows = report.rows.map((r): Cell[] => [
    r.employeeNo,
    r.name,
    L.roles[r.role],
    r.regionName ?? L.noRegion,
    L.statuses[r.status],
    r.salaryTotal,
    r.plan,
    r.actual,
    r.pay?.completionPercent ?? null,
    r.monthlyScore,
    r.dailyScore,
    rate,
    r.pay?.base ?? null,
    r.pay?.plan ?? null,
    r.pay?.assessment ?? null,
    r.pay?.bonus ?? null,
    r.pay?.total ?? null,
    r.missing.map((m) => L.payMissing[m]).join(L.listSep),
    r.unconfirmed.length ? r.unconfirmed.map((f) => L.unconfirmedFields[f]).join(L.listSep) : null,
    r.amendment === undefined ? null : L.amendmentVersion(r.amendment),
  ]);
  const s = report.totals;
  const unconfirmed = report.unconfirmed ? L.unconfirmedCount(report.unconfirmed) : null;
  const totals: Cell[] = [L.totals, L.people(s.people), null, null, null, null, null, null, null, null, null, null, s.base, s.plan, s.assessment, s.bonus, s.total, null, unconfirmed, null];
  return { title: L.payTitle(report.period), columns, rows, totals };
}

export function annualTable(report: AnnualReport, language: Language): ReportTable {
  const L = reportLabels(language);
  const columns: Column[] = [
    { header: L.employeeNo, kind: 'text' },
    { header: L.name, kind: 'text' },
    { header: L.role, kind: 'text' },
    { header: L.region, kind: 'text' },
    ...Array.from({ length: 12 }, (_, i): Column => ({ header: L.monthShort(i + 1), kind: 'score' })),
    { header: L.annualScore, kind: 'score' },
    { header: L.missing, kind: 'text' },
    { header: L.rank, kind: 'integer' },
    { header: L.rankAmong, kind: 'integer' },
  ];
  const rows = report.rows.map((r): Cell[] => [r.employeeNo, r.name, L.roles[r.role], r.regionName ?? L.noRegion, ...r.months, r.annualScore, L.missingMonths(r.missing), r.rank, r.rankOf]);
  return { title: `${L.annualTitle(report.year)} · ${L.basis(report.basis)}`, columns, rows, totals: null };
}
