/**
 * The pay report: one row per person of the month, pay computed by shared/pay.ts (computePay,
 * exact fen) from the sheet's scores, the month's figures and the pay settings in force. A row
 * without everything pay needs says what is missing instead of guessing.
 */
import { unconfirmedKpis, type KpiSources, type PayMissing, type PayReport, type PayRow, type PaySettingsVersion } from '../api/report-types.ts';
import type { SheetStatus } from '../api/types.ts';
import type { KpiValues } from '../kpi.ts';
import { computePay, type PaySettings } from '../pay.ts';
import type { RoleId } from '../rubric/schema.ts';
import { isScored } from './scored.ts';

export interface ReportPerson {
  personId: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionName: string | null;
}

export interface SheetScores {
  status: SheetStatus;
  monthlyScore: number;
  dailyScore: number;
}

export interface PayFigures {
  salaryTotal: number | null;
  kpis: KpiValues;
  /** The KPIs from a signed sheet (those not confirmed are flagged). */
  sources?: KpiSources;
}

/** One person's pay row. */
export function payRow(person: ReportPerson, sheet: SheetScores | undefined, figures: PayFigures | undefined, settings: PaySettings): PayRow {
  const salaryTotal = figures?.salaryTotal ?? null;
  const plan = figures?.kpis['plan-quantity'] ?? null;
  const actual = figures?.kpis['actual-quantity'] ?? null;
  const missing: PayMissing[] = [];
  if (!sheet || !isScored(sheet.status)) missing.push('sheet');
  if (salaryTotal === null) missing.push('salary');
  // Completion is actual ÷ plan: a plan of 0 cannot be divided by, so it counts as missing.
  if (plan === null || plan <= 0) missing.push('plan');
  if (actual === null) missing.push('actual');
  const pay =
    missing.length === 0
      ? computePay({ salaryTotal: salaryTotal!, plan: plan!, actual: actual!, monthlyScore: sheet!.monthlyScore, dailyScore: sheet!.dailyScore, ...settings })
      : null;
  return {
    personId: person.personId,
    employeeNo: person.employeeNo,
    name: person.name,
    role: person.role,
    regionName: person.regionName,
    status: sheet?.status ?? 'not-started',
    salaryTotal,
    plan,
    actual,
    monthlyScore: sheet?.monthlyScore ?? null,
    dailyScore: sheet?.dailyScore ?? null,
    pay,
    missing,
    unconfirmed: unconfirmedPayFigures(figures?.sources),
  };
}

/** The pay figures (plan, actual) taken from a signed sheet and not yet confirmed. */
function unconfirmedPayFigures(sources: KpiSources | undefined): PayRow['unconfirmed'] {
  const open = new Set(unconfirmedKpis(sources));
  return (['plan', 'actual'] as const).filter((f) => open.has(f === 'plan' ? 'plan-quantity' : 'actual-quantity'));
}

/** Yuan with at most 2 decimals → integer fen (exact: the nearest integer to yuan × 100). */
export const toFen = (yuan: number): number => Math.round(yuan * 100);

/** Sums over the rows with pay: added in fen, given in yuan. */
export function payTotals(rows: readonly PayRow[]): PayReport['totals'] {
  const fen = { base: 0, plan: 0, assessment: 0, bonus: 0, total: 0 };
  let people = 0;
  for (const r of rows) {
    if (!r.pay) continue;
    people++;
    fen.base += toFen(r.pay.base);
    fen.plan += toFen(r.pay.plan);
    fen.assessment += toFen(r.pay.assessment);
    fen.bonus += toFen(r.pay.bonus);
    fen.total += toFen(r.pay.total);
  }
  return { base: fen.base / 100, plan: fen.plan / 100, assessment: fen.assessment / 100, bonus: fen.bonus / 100, total: fen.total / 100, people };
}

export function payReportOf(
  period: string,
  settings: PaySettingsVersion,
  people: readonly ReportPerson[],
  sheets: ReadonlyMap<number, SheetScores>,
  figures: ReadonlyMap<number, PayFigures>,
): PayReport {
  const rows = people.map((p) => payRow(p, sheets.get(p.personId), figures.get(p.personId), settings.settings));
  return { period, settings, rows, totals: payTotals(rows), unconfirmed: rows.filter((r) => r.unconfirmed.length > 0).length };
}
