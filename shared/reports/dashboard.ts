/**
 * Dashboard data (for MUI X Charts): the month's score distribution for the company, per region
 * and per scorer; the monthly mean per region and each person's scores over the 12 months ending
 * with the month; the items that lost points most often; the sheets not yet signed, overdue once
 * the hand-in to HR (the 8th of the next month) has passed.
 */
import type { DashboardData } from '../api/report-types.ts';
import type { SheetStatus } from '../api/types.ts';
import { dueDate, SHEETS_TO_HR } from '../deadlines.ts';
import { toHundredths } from '../decimal.ts';
import { formatPeriod, parsePeriod, previousPeriod } from '../period.ts';
import { allGroups, leafItems, type Rubric } from '../rubric/schema.ts';
import type { SheetResult } from '../scoring/engine.ts';
import type { ReportPerson } from './pay.ts';
import { isScored, isSigned } from './scored.ts';
import { distribution, meanHundredths, moments } from './stats.ts';

/** The key and label of the company-wide distribution and trend series (the UI translates it by key). */
export const COMPANY_KEY = 'company';

export interface DashboardSheet {
  personId: number;
  period: string;
  status: SheetStatus;
  monthlyScore: number;
  /** Who scored the sheet (the sheet's last editor). */
  scorer: string;
  /** The person's region (its code). */
  regionKey: string;
  /** Needed for the month itself (its deductions); trend months may leave it out. */
  result?: SheetResult;
}

export interface DashboardPerson extends ReportPerson {
  regionKey: string;
}

/** The 12 periods ending with `period`, oldest first. */
export function trendPeriods(period: string): string[] {
  const out: string[] = [];
  for (let p = parsePeriod(period)!, i = 0; i < 12; i++, p = previousPeriod(p)) out.unshift(formatPeriod(p));
  return out;
}

/** When the month's sheets are due at HR: the 8th of the next month. */
export function handInDue(period: string): string {
  return dueDate(SHEETS_TO_HR, period)!.date;
}

const groupBy = <T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
};

/** Deductions of the month by item: how many sheets lost points on it and how many points in all. */
export function topDeductions(sheets: readonly DashboardSheet[], rubricOf: (ref: SheetResult['rubric']) => Rubric | undefined, limit = 10): DashboardData['topDeductions'] {
  const counts = new Map<string, { itemId: string; rubricId: string; title: { zh: string; en: string }; count: number; hundredths: number }>();
  const add = (rubricId: string, itemId: string, title: { zh: string; en: string } | undefined, deduction: number) => {
    const key = `${rubricId}\u0000${itemId}`;
    const entry = counts.get(key) ?? { itemId, rubricId, title: title ?? { zh: itemId, en: itemId }, count: 0, hundredths: 0 };
    entry.count++;
    entry.hundredths += toHundredths(deduction)!;
    counts.set(key, entry);
  };
  for (const s of sheets) {
    if (!s.result) continue;
    const rubric = rubricOf(s.result.rubric);
    const titles = new Map<string, { zh: string; en: string }>();
    if (rubric) {
      for (const { item } of leafItems(rubric.items)) titles.set(item.id, item.title);
      for (const g of allGroups(rubric.items)) titles.set(g.id, g.title);
    }
    // A gated group counts once, as the group (as countDeductions does).
    const { result } = s;
    for (const i of result.items) if (i.deduction > 0 && !i.gated) add(result.rubric.id, i.id, titles.get(i.id), i.deduction);
    for (const g of result.groups) if (g.gated) add(result.rubric.id, g.id, titles.get(g.id), g.max - g.points);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || b.hundredths - a.hundredths || a.itemId.localeCompare(b.itemId))
    .slice(0, limit)
    .map(({ hundredths, ...rest }) => ({ ...rest, points: hundredths / 100 }));
}

/**
 * The dashboard of `period`. `people` are the people of the month in view, `sheets` their sheets
 * of the 12 trend months (any status: only scored ones count), `today` decides what is overdue.
 */
export function dashboardOf(
  period: string,
  today: string,
  people: readonly DashboardPerson[],
  sheets: readonly DashboardSheet[],
  rubricOf: (ref: SheetResult['rubric']) => Rubric | undefined,
): DashboardData {
  const periods = trendPeriods(period);
  const scored = sheets.filter((s) => isScored(s.status));
  const month = scored.filter((s) => s.period === period);
  const h = (list: readonly DashboardSheet[]) => list.map((s) => toHundredths(s.monthlyScore)!);

  const regions = new Map<string, string>();
  for (const p of people) regions.set(p.regionKey, p.regionName ?? '');
  const regionOf = (s: DashboardSheet) => s.regionKey;

  const monthByRegion = groupBy(month, regionOf);
  const byRegion = [...regions].map(([key, label]) => distribution(key, label, h(monthByRegion.get(key) ?? [])));
  const byScorer = [...groupBy(month, (s) => s.scorer)].map(([key, list]) => distribution(key, key, h(list))).sort((a, b) => a.key.localeCompare(b.key));

  const seriesOf = (key: string, label: string, list: readonly DashboardSheet[]) => {
    const byPeriod = groupBy(list, (s) => s.period);
    return { key, label, means: periods.map((p) => fromH(meanHundredths(moments(h(byPeriod.get(p) ?? []))))) };
  };
  const series = [seriesOf(COMPANY_KEY, COMPANY_KEY, scored), ...[...regions].map(([key, label]) => seriesOf(key, label, scored.filter((s) => regionOf(s) === key)))];
  const byPerson = groupBy(scored, (s) => String(s.personId));
  const personTrend = people.map((p) => {
    const mine = new Map((byPerson.get(String(p.personId)) ?? []).map((s) => [s.period, s.monthlyScore]));
    return { personId: p.personId, name: p.name, regionName: p.regionName, scores: periods.map((q) => mine.get(q) ?? null) };
  });

  const due = handInDue(period);
  const statusOf = new Map(sheets.filter((s) => s.period === period).map((s) => [s.personId, s.status]));
  const unsigned = people
    .map((p) => ({ p, status: statusOf.get(p.personId) ?? ('not-started' as const) }))
    .filter(({ status }) => !isSigned(status))
    .map(({ p, status }) => ({ personId: p.personId, name: p.name, regionName: p.regionName, status, overdue: today > due }));

  return {
    period,
    company: distribution(COMPANY_KEY, COMPANY_KEY, h(month)),
    byRegion,
    byScorer,
    trend: { periods, series, people: personTrend },
    topDeductions: topDeductions(month, rubricOf),
    unsigned,
    handInDue: due,
  };
}

const fromH = (x: number | null) => (x === null ? null : x / 100);
