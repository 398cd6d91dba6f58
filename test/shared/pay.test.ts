/** Monthly pay (assessment.md "Pay"; score-file.md `scorecard pay`). The 日常考核得分率 is the daily-work score unless scoreRate says "monthly". */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePayInput, type PayResult } from '../../shared/pay.ts';
import { InputError } from '../../shared/problems.ts';

const example = { salaryTotal: 10000, plan: 200, actual: 160, dailyScore: 90 };

/** Yuan → fen, tolerant of the float representation of a 2-decimal number. */
const fen = (yuan: number) => Math.round(yuan * 100);

describe('pay: worked examples', () => {
  it('spec example (revised 2026-12-07): 10,000.00, plan 200, actual 160 (80%), daily-work score 88 (monthly 89.2) → 9,120.00', () => {
    const input = { salaryTotal: 10000, plan: 200, actual: 160, dailyScore: 88, monthlyScore: 89.2 };
    expect(computePayInput(input)).toEqual({ base: 5000, plan: 2800, assessment: 1320, bonus: 0, total: 9120, completionPercent: 80 });
    // The same with the rate named, and without the monthly score (the daily rate does not need it).
    expect(computePayInput({ ...input, scoreRate: 'daily' })).toEqual(computePayInput(input));
    expect(computePayInput({ salaryTotal: 10000, plan: 200, actual: 160, dailyScore: 88 })).toEqual(computePayInput(input));
    // The monthly-score setting: 10,000 × 15% × 0.892 = 1,338.00.
    expect(computePayInput({ ...input, scoreRate: 'monthly' })).toEqual({ base: 5000, plan: 2800, assessment: 1338, bonus: 0, total: 9138, completionPercent: 80 });
    expect(computePayInput({ salaryTotal: 10000, plan: 200, actual: 160, monthlyScore: 89.2, scoreRate: 'monthly' }).total).toBe(9138);
  });

  it('score 90 → 5,000.00 + 2,800.00 + 1,350.00 = 9,150.00', () => {
    expect(computePayInput(example)).toEqual({
      base: 5000,
      plan: 2800,
      assessment: 1350,
      bonus: 0,
      total: 9150,
      completionPercent: 80,
    });
  });

  it('completion above 100% is capped inside the plan part; no bonus by default', () => {
    const r = computePayInput({ ...example, actual: 250 });
    expect(r.plan).toBe(3500); // 10,000 × 35% × min(250/200, 1)
    expect(r.completionPercent).toBe(125);
    expect(r.bonus).toBe(0);
    expect(r.total).toBe(5000 + 3500 + 1350);
    // explicit { policy: 'none' } is the same as the default
    expect(computePayInput({ ...example, actual: 250, bonus: { policy: 'none' } })).toEqual(r);
  });

  it('completion exactly 100% gives the full plan part', () => {
    const r = computePayInput({ ...example, actual: 200 });
    expect(r.plan).toBe(3500);
    expect(r.completionPercent).toBe(100);
  });

  it('actual 0 → plan part 0, completion 0', () => {
    const r = computePayInput({ ...example, actual: 0 });
    expect(r).toEqual({ base: 5000, plan: 0, assessment: 1350, bonus: 0, total: 6350, completionPercent: 0 });
  });

  it('salary 0 → everything 0', () => {
    expect(computePayInput({ ...example, salaryTotal: 0, bonus: { policy: 'per-point', percentPerPoint: 5 }, actual: 400 })).toEqual({
      base: 0,
      plan: 0,
      assessment: 0,
      bonus: 0,
      total: 0,
      completionPercent: 200,
    });
  });

  it('completion is exact, not rounded before use', () => {
    // plan 3, actual 2 → 66.666…%; plan part = 10,000 × 35% × 2/3 = 2,333.3333… → 2,333.33
    // (rounding the completion to 66.67% first would give 2,333.45)
    const r = computePayInput({ ...example, plan: 3, actual: 2 });
    expect(r.plan).toBe(2333.33);
    expect(r.completionPercent).toBe(66.67);
  });

  it('per-point bonus: 0.5% of the salary per percentage point above plan', () => {
    // actual 250 / plan 200 = 125% → 25 points above; 10,000 × 0.5% × 25 = 1,250.00
    const r = computePayInput({ ...example, actual: 250, bonus: { policy: 'per-point', percentPerPoint: 0.5 } });
    expect(r).toEqual({ base: 5000, plan: 3500, assessment: 1350, bonus: 1250, total: 11100, completionPercent: 125 });
  });

  it('per-point bonus uses the exact points above plan, rounded once at the end', () => {
    // plan 3, actual 4 → 33.333…% above; 10,000 × 1% × 33.333… = 3,333.333… → 3,333.33
    const r = computePayInput({ ...example, plan: 3, actual: 4, bonus: { policy: 'per-point', percentPerPoint: 1 } });
    expect(r.bonus).toBe(3333.33);
    expect(r.plan).toBe(3500);
    expect(r.completionPercent).toBe(133.33);
    expect(fen(r.total)).toBe(500000 + 350000 + 135000 + 333333);
  });

  it('per-point bonus rounds half-up at exactly .5 fen', () => {
    // 100.01 = 10,001 fen; plan 2, actual 3 → 50 points; 10,001 × 1% × 50 = 5,000.5 fen → 5,001 fen
    const r = computePayInput({ salaryTotal: 100.01, plan: 2, actual: 3, dailyScore: 0, bonus: { policy: 'per-point', percentPerPoint: 1 } });
    expect(r.bonus).toBe(50.01);
  });

  it('per-point bonus is 0 at or below plan', () => {
    const policy = { policy: 'per-point', percentPerPoint: 10 } as const;
    expect(computePayInput({ ...example, actual: 200, bonus: policy }).bonus).toBe(0);
    expect(computePayInput({ ...example, actual: 199.9999, bonus: policy }).bonus).toBe(0);
  });

  it('the daily-work score by default; the monthly score with scoreRate "monthly"; the other score is ignored', () => {
    const both = { salaryTotal: 10000, plan: 200, actual: 160, dailyScore: 80, monthlyScore: 90 };
    expect(computePayInput(both).assessment).toBe(1200); // 10,000 × 15% × 0.80
    expect(computePayInput({ ...both, scoreRate: 'daily' }).assessment).toBe(1200);
    expect(computePayInput({ ...both, scoreRate: 'monthly' }).assessment).toBe(1350); // × 0.90
    expect(computePayInput({ ...both, scoreRate: 'monthly' }).total).toBe(5000 + 2800 + 1350);
    // The ignored score changes nothing.
    expect(computePayInput({ ...both, monthlyScore: 0 })).toEqual(computePayInput(both));
    expect(computePayInput({ ...both, dailyScore: 100, scoreRate: 'monthly' })).toEqual(computePayInput({ ...both, scoreRate: 'monthly' }));
  });

  it('custom split 60/30/10', () => {
    const r = computePayInput({ ...example, split: { base: 60, plan: 30, assessment: 10 } });
    expect(r).toMatchObject({ base: 6000, plan: 2400, assessment: 900, total: 9300 });
  });

  it('custom split with 2-decimal percents 33.33/33.33/33.34', () => {
    // base 10,000 × 33.33% = 3,333.00; plan 10,000 × 33.33% × 0.8 = 2,666.40;
    // assessment 10,000 × 33.34% × 0.9 = 3,000.60; total 9,000.00
    const r = computePayInput({ ...example, split: { base: 33.33, plan: 33.33, assessment: 33.34 } });
    expect(r).toMatchObject({ base: 3333, plan: 2666.4, assessment: 3000.6, total: 9000 });
  });

  it('split with a 0 part and a 100 part', () => {
    const r = computePayInput({ ...example, split: { base: 100, plan: 0, assessment: 0 } });
    expect(r).toMatchObject({ base: 10000, plan: 0, assessment: 0, total: 10000 });
  });
});

describe('pay: half-up rounding once per component', () => {
  it('salary 0.01 (1 fen): base 0.5 fen → 1; plan 0.35 fen → 0; assessment 0.15 fen → 0', () => {
    const r = computePayInput({ salaryTotal: 0.01, plan: 1, actual: 1, dailyScore: 100 });
    expect(r).toMatchObject({ base: 0.01, plan: 0, assessment: 0, total: 0.01 });
  });

  it('salary 10.03 (1,003 fen): base 501.5 → 502; plan 351.05 → 351; assessment 150.45 → 150', () => {
    const r = computePayInput({ salaryTotal: 10.03, plan: 1, actual: 1, dailyScore: 100 });
    expect(r).toMatchObject({ base: 5.02, plan: 3.51, assessment: 1.5, total: 10.03 });
  });

  it('assessment part at exactly x.5 fen rounds up', () => {
    // 0.10 = 10 fen; 10 × 15% × 100/100 = 1.5 fen → 2 fen
    expect(computePayInput({ salaryTotal: 0.1, plan: 1, actual: 1, dailyScore: 100 }).assessment).toBe(0.02);
  });

  it('assessment part at x.4999 fen rounds down, x.5002 up', () => {
    // 0.20 = 20 fen; 20 × 15% × 83.33/100 = 3 × 0.8333 = 2.4999 fen → 2 fen
    expect(computePayInput({ salaryTotal: 0.2, plan: 1, actual: 1, dailyScore: 83.33 }).assessment).toBe(0.02);
    // 20 × 15% × 83.34/100 = 3 × 0.8334 = 2.5002 fen → 3 fen
    expect(computePayInput({ salaryTotal: 0.2, plan: 1, actual: 1, dailyScore: 83.34 }).assessment).toBe(0.03);
  });

  it('plan part at x.49965 fen rounds down, at x.5 up', () => {
    // 0.10 = 10 fen; 10 × 35% × 0.9999/1 = 3.49965 fen → 3 fen
    expect(computePayInput({ salaryTotal: 0.1, plan: 1, actual: 0.9999, dailyScore: 0 }).plan).toBe(0.03);
    // 10 × 35% × 1 = 3.5 fen → 4 fen
    expect(computePayInput({ salaryTotal: 0.1, plan: 1, actual: 1, dailyScore: 0 }).plan).toBe(0.04);
  });

  it('the total is the sum of the rounded components (not the rounded sum)', () => {
    // 1 fen: base 0.5 → 1, plan 0.35 → 0, assessment 0.15 → 0; exact sum 1.0 fen too, so use 3 fen:
    // base 1.5 → 2, plan 1.05 → 1, assessment 0.45 → 0 → total 3 fen (exact sum 3.0)
    const r = computePayInput({ salaryTotal: 0.03, plan: 1, actual: 1, dailyScore: 100 });
    expect(r).toMatchObject({ base: 0.02, plan: 0.01, assessment: 0, total: 0.03 });
    // 5 fen: base 2.5 → 3, plan 1.75 → 2, assessment 0.75 → 1 → total 6 fen, while the exact sum is 5
    // (a consequence of the documented "each component rounded half-up once")
    const r5 = computePayInput({ salaryTotal: 0.05, plan: 1, actual: 1, dailyScore: 100 });
    expect(r5).toMatchObject({ base: 0.03, plan: 0.02, assessment: 0.01, total: 0.06 });
  });
});

describe('pay: no float drift (property)', () => {
  const R = (p: bigint, q: bigint) => (2n * p + q) / (2n * q); // half-up, independent of shared/decimal

  const MAX_H = 100_000_000_000; // quantities up to 1e9, in hundredths
  const arbInput = fc
    .record({
      salaryFen: fc.integer({ min: 0, max: 1_000_000_000 }), // 0 … 10,000,000.00
      planH: fc.integer({ min: 1, max: MAX_H }), // plan in hundredths, > 0
      actualH: fc.integer({ min: 0, max: MAX_H }),
      // half the time, an actual near the plan (0 … 300% of it) so that capping and the bonus matter
      nearPlanPermille: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
      scoreH: fc.integer({ min: 0, max: 10_000 }),
      perPointH: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    })
    .map(({ nearPlanPermille, ...a }) => ({
      ...a,
      actualH: nearPlanPermille === undefined ? a.actualH : Math.min(MAX_H, Math.floor((a.planH * nearPlanPermille) / 1000)),
    }));
  type Arb = { salaryFen: number; planH: number; actualH: number; scoreH: number; perPointH: number | undefined };

  /**
   * The per-point bonus is only exercised up to 300% completion: beyond that it can exceed 2^53 fen
   * and no JSON number is exact (reported separately; see the report, not asserted here).
   */
  const withBonus = (a: Arb) => a.perPointH !== undefined && a.actualH <= 3 * a.planH;

  const toInput = (a: Arb) => ({
    salaryTotal: a.salaryFen / 100,
    plan: a.planH / 100,
    actual: a.actualH / 100,
    dailyScore: a.scoreH / 100,
    ...(withBonus(a) ? { bonus: { policy: 'per-point' as const, percentPerPoint: a.perPointH! / 100 } } : {}),
  });

  const components = (r: PayResult) => [r.base, r.plan, r.assessment, r.bonus, r.total];

  it('every component is a whole number of fen and the total is their exact sum', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const r = computePayInput(toInput(a));
        for (const x of components(r)) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          // x is the double nearest a whole number of fen (× 100 is an integer once the float is read back)
          expect(fen(x) / 100).toBe(x);
        }
        expect(fen(r.total)).toBe(fen(r.base) + fen(r.plan) + fen(r.assessment) + fen(r.bonus));
      }),
      { numRuns: 500 },
    );
  });

  it('matches an independent BigInt computation of each component', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const r = computePayInput(toInput(a));
        const s = BigInt(a.salaryFen);
        const plan = BigInt(a.planH);
        const actual = BigInt(a.actualH);
        const capped = actual < plan ? actual : plan;
        expect(BigInt(fen(r.base))).toBe(R(s * 50n, 100n));
        expect(BigInt(fen(r.plan))).toBe(R(s * 35n * capped, 100n * plan));
        expect(BigInt(fen(r.assessment))).toBe(R(s * 15n * BigInt(a.scoreH), 100n * 10_000n));
        // bonus = s × (p/100)% × 100 × (actual − plan)/plan, with p in hundredths of a percent
        const bonus = withBonus(a) && actual > plan ? R(s * BigInt(a.perPointH!) * (actual - plan), 100n * plan) : 0n;
        expect(BigInt(fen(r.bonus))).toBe(bonus);
      }),
      { numRuns: 500 },
    );
  });

  it('the plan part never exceeds salary × plan% (capping)', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const r = computePayInput(toInput(a));
        expect(BigInt(fen(r.plan))).toBeLessThanOrEqual(R(BigInt(a.salaryFen) * 35n, 100n));
        // and above plan it is exactly salary × plan%
        if (a.actualH >= a.planH) expect(BigInt(fen(r.plan))).toBe(R(BigInt(a.salaryFen) * 35n, 100n));
      }),
      { numRuns: 300 },
    );
  });

  it('a higher daily-work score never lowers the assessment part (or the total)', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 10_000 }), (a, otherH) => {
        const [lo, hi] = a.scoreH <= otherH ? [a.scoreH, otherH] : [otherH, a.scoreH];
        const rLo = computePayInput(toInput({ ...a, scoreH: lo }));
        const rHi = computePayInput(toInput({ ...a, scoreH: hi }));
        expect(fen(rHi.assessment)).toBeGreaterThanOrEqual(fen(rLo.assessment));
        expect(fen(rHi.total)).toBeGreaterThanOrEqual(fen(rLo.total));
      }),
      { numRuns: 300 },
    );
  });

  it('a higher actual never lowers the plan part', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: MAX_H }), (a, otherH) => {
        const [lo, hi] = a.actualH <= otherH ? [a.actualH, otherH] : [otherH, a.actualH];
        const rLo = computePayInput(toInput({ ...a, actualH: lo }));
        const rHi = computePayInput(toInput({ ...a, actualH: hi }));
        expect(fen(rHi.plan)).toBeGreaterThanOrEqual(fen(rLo.plan));
      }),
      { numRuns: 300 },
    );
  });
});

describe('pay: bad input names the field', () => {
  /** The InputError of a refused input (fails if accepted or if another error is thrown). */
  function refused(raw: unknown): InputError {
    try {
      computePayInput(raw);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return err as InputError;
    }
    throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
  }
  /** The message mentions `field:` as a field label (start of message body or list item). */
  const namesField = (message: string, field: string) =>
    new RegExp(`(^|: |- )${field.replace(/[.[\]()]/g, '\\$&')}: `, 'm').test(message);

  const cases: [string, unknown, string][] = [
    ['salaryTotal missing', { plan: 200, actual: 160, dailyScore: 90 }, 'salaryTotal'],
    ['salaryTotal as a string', { ...example, salaryTotal: '10000' }, 'salaryTotal'],
    ['salaryTotal negative', { ...example, salaryTotal: -1 }, 'salaryTotal'],
    ['salaryTotal with 3 decimals', { ...example, salaryTotal: 10000.001 }, 'salaryTotal'],
    ['salaryTotal above 10,000,000', { ...example, salaryTotal: 10_000_000.01 }, 'salaryTotal'],
    ['salaryTotal null', { ...example, salaryTotal: null }, 'salaryTotal'],
    ['plan missing', { salaryTotal: 10000, actual: 160, dailyScore: 90 }, 'plan'],
    ['plan 0', { ...example, plan: 0 }, 'plan'],
    ['plan negative', { ...example, plan: -200 }, 'plan'],
    ['plan with 5 decimals', { ...example, plan: 200.00001 }, 'plan'],
    ['plan as a string', { ...example, plan: '200' }, 'plan'],
    ['actual missing', { salaryTotal: 10000, plan: 200, dailyScore: 90 }, 'actual'],
    ['actual negative', { ...example, actual: -1 }, 'actual'],
    ['actual with 5 decimals', { ...example, actual: 160.00001 }, 'actual'],
    ['dailyScore missing (the default rate needs it)', { salaryTotal: 10000, plan: 200, actual: 160 }, 'dailyScore'],
    ['dailyScore missing, only monthlyScore given', { salaryTotal: 10000, plan: 200, actual: 160, monthlyScore: 90 }, 'dailyScore'],
    ['scoreRate daily without dailyScore', { salaryTotal: 10000, plan: 200, actual: 160, monthlyScore: 90, scoreRate: 'daily' }, 'dailyScore'],
    ['scoreRate monthly without monthlyScore', { ...example, scoreRate: 'monthly' }, 'monthlyScore'],
    ['dailyScore above 100', { ...example, dailyScore: 100.01 }, 'dailyScore'],
    ['dailyScore negative', { ...example, dailyScore: -0.01 }, 'dailyScore'],
    ['dailyScore with 3 decimals', { ...example, dailyScore: 89.995 }, 'dailyScore'],
    ['dailyScore as a string', { ...example, dailyScore: '90' }, 'dailyScore'],
    ['dailyScore null', { ...example, dailyScore: null }, 'dailyScore'],
    ['monthlyScore above 100 (checked when given)', { ...example, monthlyScore: 101 }, 'monthlyScore'],
    ['monthlyScore with 3 decimals', { ...example, monthlyScore: 88.123, scoreRate: 'monthly' }, 'monthlyScore'],
    ['monthlyScore as a string', { ...example, monthlyScore: '90', scoreRate: 'monthly' }, 'monthlyScore'],
    ['scoreRate unknown', { ...example, scoreRate: 'weekly' }, 'scoreRate'],
    ['split not summing to 100', { ...example, split: { base: 50, plan: 35, assessment: 14 } }, 'split'],
    ['split summing to 100.01', { ...example, split: { base: 50, plan: 35, assessment: 15.01 } }, 'split'],
    ['split part with 3 decimals', { ...example, split: { base: 49.995, plan: 35.005, assessment: 15 } }, 'split.base'],
    ['split part missing', { ...example, split: { base: 50, plan: 50 } }, 'split.assessment'],
    ['split part a string', { ...example, split: { base: '50', plan: 35, assessment: 15 } }, 'split.base'],
    ['split part negative', { ...example, split: { base: 70, plan: 35, assessment: -5 } }, 'split.assessment'],
    ['split unknown part', { ...example, split: { base: 50, plan: 35, assessment: 15, bonus: 0 } }, 'split.bonus'],
    ['split not an object', { ...example, split: [50, 35, 15] }, 'split'],
    ['unknown bonus policy', { ...example, bonus: { policy: 'tiered' } }, 'bonus.policy'],
    ['bonus without policy', { ...example, bonus: {} }, 'bonus.policy'],
    ['bonus not an object', { ...example, bonus: 'none' }, 'bonus'],
    ['per-point without percentPerPoint', { ...example, bonus: { policy: 'per-point' } }, 'bonus.percentPerPoint'],
    ['per-point negative', { ...example, bonus: { policy: 'per-point', percentPerPoint: -1 } }, 'bonus.percentPerPoint'],
    ['per-point with 3 decimals', { ...example, bonus: { policy: 'per-point', percentPerPoint: 0.125 } }, 'bonus.percentPerPoint'],
    ['bonus none with extra field', { ...example, bonus: { policy: 'none', percentPerPoint: 1 } }, 'bonus.percentPerPoint'],
    ['unknown top-level field', { ...example, salary: 10000 }, 'salary'],
    ['not an object (array)', [example], '(input)'],
    ['not an object (null)', null, '(input)'],
  ];

  it.each(cases)('%s → names %s', (_name, raw, field) => {
    const err = refused(raw);
    expect(err.problems.map((p) => p.field)).toContain(field);
    expect(namesField(err.message, field)).toBe(true);
  });

  it('several bad fields are all named in one message', () => {
    const err = refused({ salaryTotal: 'x', plan: 0, monthlyScore: 101, scoreRate: 'daily', bonus: { policy: 'tiered' }, extra: 1 });
    const fields = ['salaryTotal', 'plan', 'actual', 'monthlyScore', 'dailyScore', 'bonus.policy', 'extra'];
    expect(err.problems.map((p) => p.field).sort()).toEqual([...fields].sort());
    for (const f of fields) expect(namesField(err.message, f), f).toBe(true);
    expect(err.message).toContain(`(${fields.length} problems)`);
  });

  it('the missing score is named with the rate that needs it', () => {
    const daily = refused({ salaryTotal: 10000, plan: 200, actual: 160, monthlyScore: 90 });
    expect(daily.problems).toEqual([{ field: 'dailyScore', expected: expect.stringMatching(/daily-work score \(日常工作考核得分\).*the default; "scoreRate": "monthly" uses monthlyScore instead/) }]);
    const monthly = refused({ salaryTotal: 10000, plan: 200, actual: 160, dailyScore: 88, scoreRate: 'monthly' });
    expect(monthly.problems).toEqual([{ field: 'monthlyScore', expected: expect.stringMatching(/monthly score \(月度考核得分\).*scoreRate is "monthly"/) }]);
    expect(monthly.message).toMatch(/^Invalid pay input: monthlyScore: missing; expected the monthly score/);
    // An unknown rate is named, and no score is demanded for it.
    expect(refused({ ...example, scoreRate: 'weekly' }).problems.map((p) => p.field)).toEqual(['scoreRate']);
  });

  it('the message shows the value found and what is expected', () => {
    const err = refused({ ...example, plan: 0 });
    expect(err.message).toMatch(/^Invalid pay input: plan: got 0; expected .*above 0/);
  });

  it('edge values are accepted: salary 10,000,000.00, score 0 and 100, plan 0.0001, 4-decimal actual', () => {
    expect(() => computePayInput({ salaryTotal: 10_000_000, plan: 0.0001, actual: 1234.5678, dailyScore: 100 })).not.toThrow();
    expect(() => computePayInput({ ...example, dailyScore: 0, scoreRate: 'daily' })).not.toThrow();
    expect(() => computePayInput({ ...example, monthlyScore: 0, scoreRate: 'monthly' })).not.toThrow();
    expect(() => computePayInput({ ...example, monthlyScore: 100, scoreRate: 'monthly' })).not.toThrow();
    expect(() => computePayInput({ ...example, bonus: { policy: 'per-point', percentPerPoint: 100 } })).not.toThrow();
  });
});

describe('pay: a per-point bonus stays exact', () => {
  it('refuses a completion above 100,000% with a per-point bonus, naming actual', () => {
    expect(() => computePayInput({ salaryTotal: 38.97, plan: 0.01, actual: 437658888.13, dailyScore: 0, bonus: { policy: 'per-point', percentPerPoint: 63.52 } })).toThrow(
      /actual: got 437658888\.13; expected at most 1000 × plan \(0\.01\) with a per-point bonus/,
    );
  });
  it('accepts exactly 1000 × plan and stays exact to the fen', () => {
    const out = computePayInput({ salaryTotal: 10_000_000, plan: 1, actual: 1000, dailyScore: 100, bonus: { policy: 'per-point', percentPerPoint: 100 } });
    // bonus = 10,000,000 × 100% × 99,900 points
    expect(out.bonus).toBe(999_000_000_000);
    expect(out.total).toBe(out.base + out.plan + out.assessment + out.bonus);
  });
});
