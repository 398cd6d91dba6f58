/** Every worked example of docs/spec/assessment.md and docs/spec/score-file.md. */
import { describe, expect, it } from 'vitest';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { computePayInput } from '../../shared/pay.ts';
import { computeAnnualInput } from '../../shared/annual.ts';
import { item, score } from '../helpers/sheet.ts';
import { scoreFileExample } from '../helpers/examples.ts';


describe('score-file.md', () => {
  it('the input example scores daily 88, attendance 92, monthly 89.2', () => {
    const out = scoreInput(scoreFileExample);
    expect(out.dailyScore).toBe(88);
    expect(out.attendance).toEqual({ absentDays: 2, score: 92 });
    expect(out.monthlyScore).toBe(89.2);
    expect(out.flags).toEqual([]);
    expect(out.period).toBe('2026-10');
    // A bare rubric id takes the newest version in force: salesperson@2 (revised 2026-12-07; the example's figures are the same).
    expect(out.rubric).toMatchObject({ id: 'salesperson', version: 2 });
    expect(out.rubric.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('the output item example: rebate forms max 5, deduction 5, points 0, with its note', () => {
    expect(item(scoreInput(scoreFileExample), 'dealer.rebate-forms')).toMatchObject({
      id: 'dealer.rebate-forms',
      max: 5,
      deduction: 5,
      points: 0,
      note: '返利表 10/27 才交',
    });
  });

  it('pay (revised 2026-12-07): 10,000 salary, plan 200, actual 160, daily-work score 88 (monthly 89.2) → 5000 + 2800 + 1320 + 0 = 9120', () => {
    // The scores are the input example's: the rate is its daily-work score, the monthly one is ignored.
    const { dailyScore, monthlyScore } = scoreInput(scoreFileExample);
    expect([dailyScore, monthlyScore]).toEqual([88, 89.2]);
    const out = { base: 5000, plan: 2800, assessment: 1320, bonus: 0, total: 9120 };
    expect(computePayInput({ salaryTotal: 10000, plan: 200, actual: 160, dailyScore })).toMatchObject(out);
    expect(computePayInput({ salaryTotal: 10000, plan: 200, actual: 160, dailyScore, monthlyScore })).toMatchObject(out);
  });

  it('annual: sum of 12 monthly scores ÷ 12, months given, none missing', () => {
    const scores = [90, 88, 92, 85, 91, 87.5, 89, 90, 86, 93, 88.25, 88]; // Σ = 1067.75
    const months = scores.map((s, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, monthlyScore: s }));
    const out = computeAnnualInput({ year: 2026, months });
    expect(out).toEqual({ annualScore: 88.98, months: 12, missing: [] }); // 1067.75 / 12 = 88.979… → 88.98
  });

  it('annual: a missing month is listed and the divisor stays 12', () => {
    const months = Array.from({ length: 11 }, (_, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, monthlyScore: 90 }));
    expect(computeAnnualInput({ year: 2026, months })).toEqual({ annualScore: 82.5, months: 11, missing: ['2026-12'] });
  });
});

describe('assessment.md', () => {
  it('one full day + one half day = 2 days = −8 → attendance 92', () => {
    const out = score('salesperson', {}, { absences: [{ length: 'full' }, { length: 'half' }] });
    expect(out.attendance).toEqual({ absentDays: 2, score: 92 });
  });

  it('3 late ad plans = −6 → the 5-point item scores 0, i.e. −5', () => {
    const out = score('salesperson', { 'ad-plan': { occurrences: 3 } });
    expect(item(out, 'ad-plan')).toMatchObject({ max: 5, deduction: 5, points: 0 });
    expect(out.dailyScore).toBe(95);
  });

  it('monthly = daily × 70% + attendance × 30%: 88 and 92 → 89.2 exactly', () => {
    const out = score('salesperson', { 'dealer.rebate-forms': { violated: true }, 'weekly-report.visit-records': { points: 3 } }, { absences: [{ length: 'full' }, { length: 'full' }] });
    expect(out.dailyScore).toBe(88);
    expect(out.monthlyScore).toBe(89.2);
  });

  it('field service: a clean sheet is 100 although the items add up to 110', () => {
    const out = score('field-service');
    expect(out.dailyScore).toBe(100);
    expect(item(out, 'special')).toMatchObject({ max: 0, deduction: 0, points: 0, penalty: true });
  });

  it('field service: 1 fraud → −10; 2 → −30 and transfer off post', () => {
    expect(score('field-service', { special: { occurrences: 1 } }).dailyScore).toBe(90);
    const two = score('field-service', { special: { occurrences: 2 } });
    expect(two.dailyScore).toBe(70);
    expect(two.flags).toContain('transfer-off-post');
  });

  it('the weekly-report gate sets the whole group to 0 without taking its items’ deductions again', () => {
    const out = score('salesperson', { 'weekly-report': { violated: true }, 'weekly-report.key-accounts': { occurrences: 2 } });
    expect(out.groups.find((g) => g.id === 'weekly-report')).toEqual({ id: 'weekly-report', max: 40, points: 0, gated: true });
    expect(out.dailyScore).toBe(60);
  });

  it('doubling: the deduction × 2, the item never below 0', () => {
    const out = score('salesperson', { 'ad-plan': { occurrences: 1, doubled: true }, 'promotion-plan': { occurrences: 2, doubled: true } });
    expect(item(out, 'ad-plan')).toMatchObject({ deduction: 4, points: 1, doubled: true });
    expect(item(out, 'promotion-plan')).toMatchObject({ deduction: 5, points: 0, doubled: true });
    expect(out.flags).toEqual(['doubled:ad-plan', 'doubled:promotion-plan']);
  });
});
