/** Dashboard data (shared/reports/dashboard.ts) and its exact statistics (stats.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { dashboardOf, handInDue, trendPeriods, type DashboardPerson, type DashboardSheet } from '../../shared/reports/dashboard.ts';
import { bands, distribution, isqrt } from '../../shared/reports/stats.ts';
import { scoreFileExample } from '../helpers/examples.ts';

describe('statistics: exact mean and population spread', () => {
  it('worked values: 88, 92 → mean 90, spread 2; 70, 80, 90 → spread √(200/3) = 8.16', () => {
    expect(distribution('x', 'x', [8800, 9200])).toMatchObject({ count: 2, mean: 90, spread: 2, min: 88, max: 92 });
    expect(distribution('x', 'x', [7000, 8000, 9000])).toMatchObject({ mean: 80, spread: 8.16 });
    expect(distribution('x', 'x', [])).toEqual({ key: 'x', label: 'x', count: 0, mean: null, spread: null, min: null, max: null, bands: [0, 0, 0, 0, 0] });
  });

  it('bands: <60, 60–69.99, 70–79.99, 80–89.99, 90–100', () => {
    expect(bands([5999, 6000, 6999, 7000, 7999, 8000, 8999, 9000, 10000, 0])).toEqual([2, 2, 2, 2, 2]);
  });

  it('isqrt is the floor square root', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });

  it('property: mean and spread are the half-up rounding of the exact values (checked against a float within 0.005)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }), (h) => {
        const d = distribution('k', 'k', h);
        const mean = h.reduce((s, x) => s + x, 0) / h.length / 100;
        const sd = Math.sqrt(h.reduce((s, x) => s + (x / 100 - mean) ** 2, 0) / h.length);
        expect(Math.abs(d.mean! - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(d.spread! - sd)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(d.bands.reduce((s, x) => s + x, 0)).toBe(h.length);
        expect(String(d.spread)).toMatch(/^\d+(\.\d{1,2})?$/); // hundredths, no float tail
        expect(String(d.mean)).toMatch(/^\d+(\.\d{1,2})?$/);
      }),
      { numRuns: 300 },
    );
  });
});

const people: DashboardPerson[] = [
  { personId: 1, employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionName: '华东区', regionKey: 'EAST' },
  { personId: 2, employeeNo: 'S-2', name: '李静', role: 'salesperson', regionName: '华东区', regionKey: 'EAST' },
  { personId: 3, employeeNo: 'S-3', name: '张伟', role: 'salesperson', regionName: '华南区', regionKey: 'SOUTH' },
];
const example = scoreInput(scoreFileExample); // 88 daily, 89.2 monthly; rebate forms, ad plan, key accounts, visit records
const clean = scoreInput({ rubric: 'salesperson', period: '2026-10', items: {} });
const gated = scoreInput({ rubric: 'salesperson', period: '2026-10', items: { 'weekly-report': { violated: true }, 'ad-plan': { occurrences: 1 } } });
const sheet = (personId: number, period: string, status: DashboardSheet['status'], result = clean, scorer = '王经理'): DashboardSheet => ({
  personId,
  period,
  status,
  monthlyScore: result.monthlyScore,
  scorer,
  regionKey: people.find((p) => p.personId === personId)!.regionKey,
  result,
});
const rubricOf = (ref: { id: string; version: number }) => BUILTIN_RUBRICS.find((r) => r.id === ref.id && r.version === ref.version);

describe('dashboard', () => {
  const sheets = [sheet(1, '2026-10', 'ready', example), sheet(2, '2026-10', 'signed', gated, '李经理'), sheet(3, '2026-10', 'draft'), sheet(1, '2026-09', 'approved'), sheet(3, '2026-09', 'ready')];

  it('distributions count scored sheets only (ready, signed, approved), per region and per scorer', () => {
    const d = dashboardOf('2026-10', '2026-11-01', people, sheets, rubricOf);
    expect(d.company).toMatchObject({ key: 'company', count: 2, min: gated.monthlyScore, max: 89.2 });
    expect(d.byRegion.map((r) => [r.key, r.label, r.count])).toEqual([
      ['EAST', '华东区', 2],
      ['SOUTH', '华南区', 0],
    ]);
    expect(d.byScorer.map((r) => [r.key, r.count])).toEqual([
      ['李经理', 1],
      ['王经理', 1],
    ]);
  });

  it('trend: 12 months ending with the month; company and region means; each person', () => {
    const d = dashboardOf('2026-10', '2026-11-01', people, sheets, rubricOf);
    expect(d.trend.periods).toEqual(trendPeriods('2026-10'));
    expect(d.trend.periods[0]).toBe('2025-11');
    const south = d.trend.series.find((s) => s.key === 'SOUTH')!;
    expect(south.means.slice(-2)).toEqual([100, null]); // the October draft does not count
    expect(d.trend.series[0]!.key).toBe('company');
    expect(d.trend.people.find((p) => p.personId === 1)!.scores.slice(-2)).toEqual([100, 89.2]);
  });

  it('top deductions: by how many sheets lost points on the item; a gated group counts once as the group', () => {
    const d = dashboardOf('2026-10', '2026-11-01', people, sheets, rubricOf);
    const ad = d.topDeductions.find((t) => t.itemId === 'ad-plan')!;
    expect(ad).toMatchObject({ rubricId: 'salesperson', count: 2, points: 4 });
    expect(ad.title.zh).toContain('广告计划表');
    expect(d.topDeductions.find((t) => t.itemId === 'weekly-report')).toMatchObject({ count: 1, points: 40 });
    expect(d.topDeductions.some((t) => t.itemId.startsWith('weekly-report.') && t.count === 2)).toBe(false);
    expect(d.topDeductions[0]!.count).toBeGreaterThanOrEqual(d.topDeductions.at(-1)!.count);
  });

  it('unsigned sheets: overdue once the 8th of the next month has passed', () => {
    expect(handInDue('2026-10')).toBe('2026-11-08');
    expect(handInDue('2026-12')).toBe('2027-01-08');
    const onTime = dashboardOf('2026-10', '2026-11-08', people, sheets, rubricOf);
    expect(onTime.unsigned.map((u) => [u.personId, u.status, u.overdue])).toEqual([
      [1, 'ready', false],
      [3, 'draft', false],
    ]);
    const late = dashboardOf('2026-10', '2026-11-09', people, [...sheets.filter((s) => s.personId !== 3)], rubricOf);
    expect(late.unsigned.map((u) => [u.personId, u.status, u.overdue])).toEqual([
      [1, 'ready', true],
      [3, 'not-started', true],
    ]);
    expect(late.handInDue).toBe('2026-11-08');
  });
});
