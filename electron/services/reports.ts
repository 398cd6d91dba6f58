/**
 * Pay, annual, dashboard and fairness reports: the database read here with a fixed number of
 * queries per report (the people, their sheets, the figures, the settings; never one per person),
 * the figures computed by shared/reports/.
 *
 * Scope as on the month grid (sheets.ts): a regional manager sees their region's staff; sales
 * planning, the VP and HR see everyone. The scorer of a sheet is its last editor (updated_by).
 */
import type { AnnualReport, DashboardData, FairnessReport, PayReport } from '../../shared/api/report-types.ts';
import type { SheetStatus } from '../../shared/api/types.ts';
import { assessedInSql } from '../../shared/assessed.ts';
import { formatDate } from '../../shared/period.ts';
import { annualReportOf } from '../../shared/reports/annual.ts';
import { dashboardOf, trendPeriods, type DashboardPerson, type DashboardSheet } from '../../shared/reports/dashboard.ts';
import { fairnessOf, type FairnessSheet } from '../../shared/reports/fairness.ts';
import { payReportOf, type SheetScores } from '../../shared/reports/pay.ts';
import { countsForAnnual, type AnnualBasis } from '../../shared/reports/scored.ts';
import type { RoleId, Rubric } from '../../shared/rubric/schema.ts';
import type { SheetResult } from '../../shared/scoring/engine.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { loadFigures } from './figures.ts';
import { paySettingsFor } from './pay-settings.ts';
import { listRubrics } from './rubrics.ts';
import { currentUser } from './settings.ts';
import { visibleTo } from './sheets.ts';

interface PersonRow {
  id: number;
  employee_no: string;
  name: string;
  role: RoleId;
  region_id: number | null;
  region_code: string | null;
  region_name: string | null;
}

/** The assessed people in view who are active at some point from `from` to `to` (periods), by region code and employee number. */
function peopleIn(db: Db, from: string, to: string): (DashboardPerson & { regionId: number | null })[] {
  const scope = visibleTo(currentUser(db));
  const rows = statement(
    db,
    `SELECT p.id, p.employee_no, p.name, p.role, p.region_id, r.code AS region_code, r.name AS region_name
       FROM people p LEFT JOIN regions r ON r.id = p.region_id
      WHERE ${assessedInSql('@from', '@to')} ${scope.sql}
      ORDER BY r.code, p.employee_no`,
  ).all({ from, to, ...scope.params }) as PersonRow[];
  return rows.map((r) => ({
    personId: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    role: r.role,
    regionName: r.region_name,
    regionId: r.region_id,
    regionKey: r.region_code ?? '',
  }));
}

interface SheetRow {
  person_id: number;
  period: string;
  status: SheetStatus;
  daily_score: number;
  monthly_score: number;
  updated_by: string;
  region_code: string | null;
}

/** The sheets in view of the periods from `from` to `to`, with or without their result and items. */
function sheetsIn<Full extends boolean>(db: Db, from: string, to: string, full: Full): (SheetRow & (Full extends true ? { result: string; items: string } : object))[] {
  const scope = visibleTo(currentUser(db));
  return statement(
    db,
    `SELECT s.person_id, s.period, s.status, s.daily_score, s.monthly_score, s.updated_by, r.code AS region_code${full ? ', s.result, s.items' : ''}
       FROM sheets s JOIN people p ON p.id = s.person_id LEFT JOIN regions r ON r.id = p.region_id
      WHERE s.period >= @from AND s.period <= @to AND p.role <> 'executive' ${scope.sql}`,
  ).all({ from, to, ...scope.params }) as never;
}

export function payReport(db: Db, input: { period: string }): PayReport {
  const people = peopleIn(db, input.period, input.period);
  const sheets = new Map<number, SheetScores>(
    sheetsIn(db, input.period, input.period, false).map((s) => [s.person_id, { status: s.status, monthlyScore: s.monthly_score / 100, dailyScore: s.daily_score / 100 }]),
  );
  const report = payReportOf(input.period, paySettingsFor(db, input.period), people, sheets, loadFigures(db, input.period));
  // Say which scores come from an amendment (the sheet's current content amends a version).
  const amended = amendedVersions(db, input.period);
  if (amended.size > 0) report.rows = report.rows.map((r) => (amended.has(r.personId) ? { ...r, amendment: amended.get(r.personId)! } : r));
  return report;
}

/** The month's sheets whose current content is an amendment: person → its version (migration 007's amends_version + 1). */
function amendedVersions(db: Db, period: string): Map<number, number> {
  const hasColumn = (statement(db, "SELECT 1 AS x FROM pragma_table_info('sheets') WHERE name = 'amends_version'").get() as { x: number } | undefined) !== undefined;
  if (!hasColumn) return new Map();
  const rows = statement(db, 'SELECT person_id, amends_version FROM sheets WHERE period = ? AND amends_version IS NOT NULL').all(period) as { person_id: number; amends_version: number }[];
  return new Map(rows.map((r) => [r.person_id, r.amends_version + 1]));
}

export function annualReport(db: Db, input: { year: number; basis?: AnnualBasis }): AnnualReport {
  const basis = input.basis ?? 'approved';
  const [from, to] = [`${input.year}-01`, `${input.year}-12`];
  const people = peopleIn(db, from, to);
  const scores = new Map<number, Map<string, number>>();
  for (const s of sheetsIn(db, from, to, false)) {
    if (!countsForAnnual(s.status, basis)) continue;
    let mine = scores.get(s.person_id);
    if (!mine) scores.set(s.person_id, (mine = new Map()));
    mine.set(s.period, s.monthly_score / 100);
  }
  return annualReportOf(input.year, basis, people, scores);
}

/** The sheet's pinned rubric version (by id, version and hash), from the built-ins and the stored versions. */
function rubricLookup(db: Db): (ref: SheetResult['rubric']) => Rubric | undefined {
  const rubrics = listRubrics(db);
  return (ref) => rubrics.find((r) => r.id === ref.id && r.version === ref.version && r.hash === ref.hash) ?? rubrics.find((r) => r.id === ref.id && r.version === ref.version);
}

function fullSheets(db: Db, from: string, to: string): FairnessSheet[] {
  return sheetsIn(db, from, to, true).map(
    (s): FairnessSheet => ({
      personId: s.person_id,
      period: s.period,
      status: s.status,
      monthlyScore: s.monthly_score / 100,
      scorer: s.updated_by,
      regionKey: s.region_code ?? '',
      result: JSON.parse(s.result) as SheetResult,
      items: JSON.parse(s.items) as Record<string, ItemInput>,
    }),
  );
}

const localDate = (d: Date) => formatDate({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });

/** `now` decides which unsigned sheets are overdue (tests pass one). */
export function dashboard(db: Db, input: { period: string }, now: Date = new Date()): DashboardData {
  const periods = trendPeriods(input.period);
  const people = peopleIn(db, input.period, input.period);
  // Trend months only need scores: the month's sheets bring their results (for the deductions).
  const trend: DashboardSheet[] = [];
  for (const s of sheetsIn(db, periods[0]!, input.period, false)) {
    if (s.period !== input.period) trend.push({ personId: s.person_id, period: s.period, status: s.status, monthlyScore: s.monthly_score / 100, scorer: s.updated_by, regionKey: s.region_code ?? '' });
  }
  const month = fullSheets(db, input.period, input.period);
  return dashboardOf(input.period, localDate(now), people, [...trend, ...month], rubricLookup(db));
}

export function fairness(db: Db, input: { period: string }): FairnessReport {
  return fairnessOf(input.period, peopleIn(db, input.period, input.period), fullSheets(db, input.period, input.period), rubricLookup(db));
}
