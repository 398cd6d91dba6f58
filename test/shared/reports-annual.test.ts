/** The annual report (shared/reports/annual.ts): computeAnnual per person, ranks within region and role. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAnnual } from '../../shared/annual.ts';
import { periodsOfYear } from '../../shared/period.ts';
import { annualRows, competitionRanks } from '../../shared/reports/annual.ts';
import { reportLabels } from '../../shared/reports/labels.ts';
import type { ReportPerson } from '../../shared/reports/pay.ts';

const P = (personId: number, regionName = '华东区', role: ReportPerson['role'] = 'salesperson'): ReportPerson => ({ personId, employeeNo: `S-${personId}`, name: `p${personId}`, role, regionName });
const scoresOf = (list: (number | null)[]) => new Map(periodsOfYear(2026).flatMap((p, i) => (list[i] === null || list[i] === undefined ? [] : [[p, list[i]!] as const])));

describe('annual report: assessment.md §1 and its Decision', () => {
  it('annual = Σ of the 12 monthly scores ÷ 12, rounded half-up to 2 decimals', () => {
    const [row] = annualRows(2026, [P(1)], new Map([[1, scoresOf([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 89.2])]]));
    // Σ = 1134.2 → 94.516… → 94.52
    expect(row).toMatchObject({ annualScore: 94.52, missing: [], rank: 1, rankOf: 1 });
    expect(row!.months).toHaveLength(12);
  });

  it('a month with no counted sheet is missing: flagged, and the divisor stays 12', () => {
    const [row] = annualRows(2026, [P(1)], new Map([[1, scoresOf([90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, null])]]));
    expect(row).toMatchObject({ annualScore: 82.5, missing: ['2026-12'] });
    expect(row!.months[11]).toBeNull();
    const [none] = annualRows(2026, [P(2)], new Map());
    expect(none).toMatchObject({ annualScore: 0, missing: periodsOfYear(2026) });
    expect(reportLabels('zh').missingMonths(none!.missing)).toBe('1–12月');
    expect(reportLabels('en').missingMonths(['2026-01', '2026-02', '2026-03', '2026-04', '2026-11', '2026-12'])).toBe('Jan–Apr, Nov, Dec');
  });

  it('months of another year are ignored', () => {
    const [row] = annualRows(2026, [P(1)], new Map([[1, new Map([['2025-12', 100], ['2026-01', 60]])]]));
    expect(row).toMatchObject({ annualScore: 5, months: [60, ...Array(11).fill(null)] });
  });
});

describe('annual report: ranks', () => {
  it('competition ranking: ties share a rank and the next rank skips (1, 1, 3)', () => {
    expect(competitionRanks([90, 95, 95, 80])).toEqual([3, 1, 1, 4]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('ranks within region and role only', () => {
    const people = [P(1, 'A'), P(2, 'A'), P(3, 'B'), P(4, 'A', 'field-service'), P(5, 'A')];
    const full = (s: number) => scoresOf(Array(12).fill(s));
    const rows = annualRows(2026, people, new Map([[1, full(80)], [2, full(90)], [3, full(70)], [4, full(60)], [5, full(90)]]));
    expect(rows.map((r) => [r.personId, r.rank, r.rankOf])).toEqual([
      [1, 3, 3],
      [2, 1, 3],
      [3, 1, 1],
      [4, 1, 1],
      [5, 1, 3],
    ]);
  });

  it('properties: rank is 1 + the number strictly better in the group, within 1..rankOf; annual × 12 is Σ within rounding', () => {
    const month = fc.option(fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100), { nil: null });
    const personArb = fc.record({ region: fc.constantFrom('A', 'B'), role: fc.constantFrom('salesperson' as const, 'field-service' as const), months: fc.array(month, { minLength: 12, maxLength: 12 }) });
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 1, maxLength: 25 }), (list) => {
        const people = list.map((x, i) => P(i + 1, x.region, x.role));
        const rows = annualRows(2026, people, new Map(list.map((x, i) => [i + 1, scoresOf(x.months)])));
        rows.forEach((r, i) => {
          const group = rows.filter((o, j) => list[j]!.region === list[i]!.region && list[j]!.role === list[i]!.role);
          expect(r.rankOf).toBe(group.length);
          expect(r.rank).toBeGreaterThanOrEqual(1);
          expect(r.rank).toBeLessThanOrEqual(r.rankOf);
          expect(r.rank).toBe(1 + group.filter((o) => o.annualScore > r.annualScore).length);
          const sumH = list[i]!.months.reduce((s: number, m) => s + (m === null ? 0 : Math.round(m * 100)), 0);
          // |annual × 12 − Σ| ≤ half a hundredth × 12, in hundredths.
          expect(Math.abs(Math.round(r.annualScore * 100) * 12 - sumH)).toBeLessThanOrEqual(6);
          expect(r.annualScore).toBe(computeAnnual({ year: 2026, months: periodsOfYear(2026).flatMap((p, k) => (list[i]!.months[k] === null ? [] : [{ period: p, monthlyScore: list[i]!.months[k]! }])) }).annualScore);
          expect(r.missing.length).toBe(list[i]!.months.filter((m) => m === null).length);
        });
      }),
      { numRuns: 200 },
    );
  });
});
