/**
 * Plan completion (shared/kpi.ts planCompletionPercent) is computed live from what a person types
 * on the figures panel: it never throws, whatever the fields hold. A negative actual quantity
 * once replaced the whole screen with "roundHalfUp expects a non-negative value".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKpiValue, KPI_BY_ID, planCompletionPercent } from '../../shared/kpi.ts';
import { MAX_QUANTITY, QUANTITY_DECIMALS } from '../../shared/pay.ts';

const PLAN = KPI_BY_ID.get('plan-quantity')!;
const ACTUAL = KPI_BY_ID.get('actual-quantity')!;

/** A quantity the checks accept: 0 to MAX_QUANTITY with at most QUANTITY_DECIMALS decimals. */
const quantity = fc.bigInt({ min: 0n, max: BigInt(MAX_QUANTITY) * 10n ** BigInt(QUANTITY_DECIMALS) }).map((scaled) => Number(scaled) / 10 ** QUANTITY_DECIMALS);

describe('plan completion', () => {
  it('is null, never a throw, for a negative actual quantity or one with too many decimals', () => {
    expect(() => planCompletionPercent({ 'plan-quantity': 100, 'actual-quantity': -5 })).not.toThrow();
    expect(planCompletionPercent({ 'plan-quantity': 100, 'actual-quantity': -5 })).toBeNull();
    expect(planCompletionPercent({ 'plan-quantity': -100, 'actual-quantity': 5 })).toBeNull();
    expect(planCompletionPercent({ 'plan-quantity': 100, 'actual-quantity': 1.234567 })).toBeNull();
    expect(planCompletionPercent({ 'plan-quantity': 100, 'actual-quantity': Number.NaN })).toBeNull();
  });

  it('over every accepted plan and actual: a finite percent at or above 0 (plan above 0), null for plan 0', () => {
    fc.assert(
      fc.property(quantity, quantity, (plan, actual) => {
        expect(checkKpiValue(PLAN, plan, 'p')).toEqual([]);
        expect(checkKpiValue(ACTUAL, actual, 'a')).toEqual([]);
        const c = planCompletionPercent({ 'plan-quantity': plan, 'actual-quantity': actual });
        if (plan === 0) expect(c).toBeNull();
        else {
          expect(Number.isFinite(c)).toBe(true);
          expect(c!).toBeGreaterThanOrEqual(0);
          // Half-up to 2 decimals of 100 × actual ÷ plan: within half a hundredth (and a float's rounding).
          expect(Math.abs(c! - (100 * actual) / plan)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.max(1, c!));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('over any numbers at all (what a field may hold while typed): never throws; a value only when both pass their checks', () => {
    const anyNumber = fc.oneof(quantity, fc.double(), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(-0, -1, -0.0001, 1e-7, Number.MAX_VALUE, -Infinity));
    fc.assert(
      fc.property(anyNumber, anyNumber, (plan, actual) => {
        const c = planCompletionPercent({ 'plan-quantity': plan, 'actual-quantity': actual });
        const valid = checkKpiValue(PLAN, plan, 'p').length === 0 && checkKpiValue(ACTUAL, actual, 'a').length === 0 && plan > 0;
        expect(c === null).toBe(!valid);
      }),
      { numRuns: 3000 },
    );
  });
});
