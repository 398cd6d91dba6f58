/**
 * The annual report: each person's 12 monthly scores, the annual score and missing months from
 * shared/annual.ts (computeAnnual: Σ ÷ 12, a missing month adds nothing and is listed), and the
 * rank among the people of the same region and role.
 */
import type { AnnualReport, AnnualRow } from '../api/report-types.ts';
import { computeAnnual } from '../annual.ts';
import { periodsOfYear } from '../period.ts';
import type { ReportPerson } from './pay.ts';
import type { AnnualBasis } from './scored.ts';

/**
 * Competition ranking ("1, 1, 3"): 1 + the number of scores strictly better. `scores` need not
 * be sorted; the result is in the same order.
 */
export function competitionRanks(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a);
  // The first index of each score in the descending list is how many are strictly better.
  const firstAt = new Map<number, number>();
  sorted.forEach((s, i) => {
    if (!firstAt.has(s)) firstAt.set(s, i);
  });
  return scores.map((s) => firstAt.get(s)! + 1);
}

/** The key of a ranking group: people of the same region and role are ranked together. */
const groupKey = (p: ReportPerson & { regionId?: number | null }) => `${p.regionId ?? p.regionName ?? ''}\u0000${p.role}`;

/**
 * Rows for a year. `scores` holds, per person id, the counted monthly scores by period
 * (YYYY-MM); months of other years are ignored.
 */
export function annualRows(year: number, people: readonly (ReportPerson & { regionId?: number | null })[], scores: ReadonlyMap<number, ReadonlyMap<string, number>>): AnnualRow[] {
  const periods = periodsOfYear(year);
  const rows = people.map((p): AnnualRow => {
    const byPeriod = scores.get(p.personId);
    const months = periods.map((period) => byPeriod?.get(period) ?? null);
    const annual = computeAnnual({ year, months: periods.flatMap((period, i) => (months[i] === null ? [] : [{ period, monthlyScore: months[i]! }])) });
    return { ...pick(p), months, annualScore: annual.annualScore, missing: annual.missing, rank: 0, rankOf: 0 };
  });
  const groups = new Map<string, number[]>();
  people.forEach((p, i) => {
    const key = groupKey(p);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  for (const members of groups.values()) {
    const ranks = competitionRanks(members.map((i) => rows[i]!.annualScore));
    members.forEach((i, j) => {
      rows[i]!.rank = ranks[j]!;
      rows[i]!.rankOf = members.length;
    });
  }
  return rows;
}

function pick(p: ReportPerson): ReportPerson {
  return { personId: p.personId, employeeNo: p.employeeNo, name: p.name, role: p.role, regionName: p.regionName };
}

export function annualReportOf(year: number, basis: AnnualBasis, people: Parameters<typeof annualRows>[1], scores: Parameters<typeof annualRows>[2]): AnnualReport {
  return { year, basis, rows: annualRows(year, people, scores) };
}
