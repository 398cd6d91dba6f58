/** Annual score (assessment.md §1; score-file.md `scorecard annual`). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAnnualInput } from '../../shared/annual.ts';
import { InputError } from '../../shared/problems.ts';

const ALL = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`);
const months = (scores: number[], year = 2026) => scores.map((monthlyScore, i) => ({ period: `${year}-${String(i + 1).padStart(2, '0')}`, monthlyScore }));

function refused(raw: unknown): InputError {
  try {
    computeAnnualInput(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}
const fieldsOf = (raw: unknown) => refused(raw).problems.map((p) => p.field);

describe('annual score: boundaries', () => {
  it('all 12 months at 100 → 100, nothing missing', () => {
    expect(computeAnnualInput({ year: 2026, months: months(Array(12).fill(100)) })).toEqual({ annualScore: 100, months: 12, missing: [] });
  });

  it('all 12 months at 0 → 0', () => {
    expect(computeAnnualInput({ year: 2026, months: months(Array(12).fill(0)) }).annualScore).toBe(0);
  });

  it('no month given → 0 with all 12 missing', () => {
    expect(computeAnnualInput({ year: 2026, months: [] })).toEqual({ annualScore: 0, months: 0, missing: ALL });
  });

  it('a missing month still divides by 12 and is listed', () => {
    // 11 × 90 = 990 / 12 = 82.5
    const r = computeAnnualInput({ year: 2026, months: months(Array(11).fill(90)) });
    expect(r).toEqual({ annualScore: 82.5, months: 11, missing: ['2026-12'] });
  });

  it('one month of 100 → 100/12 = 8.333… → 8.33', () => {
    expect(computeAnnualInput({ year: 2026, months: [{ period: '2026-07', monthlyScore: 100 }] }).annualScore).toBe(8.33);
  });

  it('order of the months does not matter', () => {
    const r = computeAnnualInput({ year: 2026, months: months([90, 80, 70]).reverse() });
    expect(r).toEqual({ annualScore: 20, months: 3, missing: ALL.slice(3) });
  });

  it('rounds half-up at exactly .xx5: 0.06 / 12 = 0.005 → 0.01', () => {
    expect(computeAnnualInput({ year: 2026, months: [{ period: '2026-01', monthlyScore: 0.06 }] }).annualScore).toBe(0.01);
    // 0.05 / 12 = 0.004166… → 0
    expect(computeAnnualInput({ year: 2026, months: [{ period: '2026-01', monthlyScore: 0.05 }] }).annualScore).toBe(0);
  });

  it('rounds half-up at 99.995: 11 × 100 + 99.94 = 1,199.94 / 12 = 99.995 → 100', () => {
    expect(computeAnnualInput({ year: 2026, months: months([...Array(11).fill(100), 99.94]) }).annualScore).toBe(100);
    // 1,199.93 / 12 = 99.994166… → 99.99
    expect(computeAnnualInput({ year: 2026, months: months([...Array(11).fill(100), 99.93]) }).annualScore).toBe(99.99);
  });

  it('exact in hundredths: twelve months of 89.2 → 89.2 (no float drift)', () => {
    expect(computeAnnualInput({ year: 2026, months: months(Array(12).fill(89.2)) }).annualScore).toBe(89.2);
    // 0.1 + 0.2 style drift: 0.1 × 6 + 0.2 × 6 = 1.8 / 12 = 0.15
    expect(computeAnnualInput({ year: 2026, months: months([...Array(6).fill(0.1), ...Array(6).fill(0.2)]) }).annualScore).toBe(0.15);
  });

  it('accepts the years 2000 and 2099', () => {
    expect(computeAnnualInput({ year: 2000, months: [{ period: '2000-02', monthlyScore: 12 }] }).annualScore).toBe(1);
    expect(computeAnnualInput({ year: 2099, months: [] }).missing).toEqual(ALL.map((p) => p.replace('2026', '2099')));
  });
});

describe('annual score: bad input is refused naming the field', () => {
  it('duplicate month', () => {
    expect(fieldsOf({ year: 2026, months: [{ period: '2026-03', monthlyScore: 90 }, { period: '2026-03', monthlyScore: 80 }] })).toEqual(['months[1].period']);
  });

  it('a month of another year', () => {
    const err = refused({ year: 2026, months: [{ period: '2025-12', monthlyScore: 90 }] });
    expect(err.problems.map((p) => p.field)).toEqual(['months[0].period']);
    expect(err.message).toContain('months[0].period: got "2025-12"');
  });

  it('an invalid period', () => {
    for (const period of ['2026-13', '2026-00', '2026-1', 202601, null]) {
      expect(fieldsOf({ year: 2026, months: [{ period, monthlyScore: 90 }] }), String(period)).toEqual(['months[0].period']);
    }
  });

  it('score above 100, negative, 3 decimals, string, missing', () => {
    for (const monthlyScore of [100.01, -0.01, 90.005, '90', null]) {
      expect(fieldsOf({ year: 2026, months: [{ period: '2026-01', monthlyScore }] }), String(monthlyScore)).toEqual(['months[0].monthlyScore']);
    }
    expect(fieldsOf({ year: 2026, months: [{ period: '2026-01' }] })).toEqual(['months[0].monthlyScore']);
  });

  it('year out of range, not an integer, a string, missing', () => {
    for (const year of [1999, 2100, 2026.5, '2026', null]) {
      expect(fieldsOf({ year, months: [] }), String(year)).toEqual(['year']);
    }
    expect(fieldsOf({ months: [] })).toEqual(['year']);
  });

  it('months missing or not a list; a month not an object', () => {
    expect(fieldsOf({ year: 2026 })).toEqual(['months']);
    expect(fieldsOf({ year: 2026, months: { '2026-01': 90 } })).toEqual(['months']);
    expect(fieldsOf({ year: 2026, months: [90] })).toEqual(['months[0]']);
  });

  it('unknown fields at top level and in a month', () => {
    expect(fieldsOf({ year: 2026, months: [], average: 1 })).toEqual(['average']);
    expect(fieldsOf({ year: 2026, months: [{ period: '2026-01', monthlyScore: 90, note: 'x' }] })).toEqual(['months[0].note']);
  });

  it('not an object', () => {
    expect(fieldsOf([])).toEqual(['(input)']);
    expect(fieldsOf('2026')).toEqual(['(input)']);
  });

  it('several problems are all named in one message', () => {
    const err = refused({
      year: 2026,
      months: [
        { period: '2026-01', monthlyScore: 101 },
        { period: '2025-02', monthlyScore: 90 },
        { period: '2026-01', monthlyScore: 90.001 },
      ],
    });
    const fields = ['months[0].monthlyScore', 'months[1].period', 'months[2].period', 'months[2].monthlyScore'];
    expect(err.problems.map((p) => p.field).sort()).toEqual([...fields].sort());
    for (const f of fields) expect(err.message).toContain(`${f}: `);
    expect(err.message).toContain('(4 problems)');
  });
});

describe('annual score: property', () => {
  const arb = fc.record({
    year: fc.integer({ min: 2000, max: 2099 }),
    // a subset of the months, each with a score in hundredths
    given: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
    scoresH: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12, maxLength: 12 }),
  });

  it('equals the half-up ÷ 12 of the exact sum, computed independently with BigInt; missing ∪ given = the 12 months', () => {
    fc.assert(
      fc.property(arb, ({ year, given, scoresH }) => {
        const ms = given.map((m, i) => ({ period: `${year}-${String(m).padStart(2, '0')}`, monthlyScore: scoresH[i]! / 100 }));
        const r = computeAnnualInput({ year, months: ms });

        const sumH = scoresH.slice(0, given.length).reduce((s, x) => s + BigInt(x), 0n);
        const expectedH = (2n * sumH + 12n) / 24n; // floor((2·sum + 12) / 24) = round-half-up(sum / 12)
        expect(r.annualScore).toBe(Number(expectedH) / 100);
        expect(Math.round(r.annualScore * 100)).toBe(Number(expectedH));

        expect(r.months).toBe(given.length);
        const all = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
        expect(r.missing).toEqual(all.filter((p) => !ms.some((m) => m.period === p))); // January first
        expect(new Set([...r.missing, ...ms.map((m) => m.period)])).toEqual(new Set(all));
        expect(r.missing.length + given.length).toBe(12);

        // annualScore is within 0.005 of sum ÷ 12, so × 12 is within 0.06 of the sum
        expect(Math.abs(r.annualScore * 12 - Number(sumH) / 100)).toBeLessThanOrEqual(0.06 + 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});
