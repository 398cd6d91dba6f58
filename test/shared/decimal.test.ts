import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHundredths, roundHalfUp, roundHalfUpInt, toHundredths, toScaled } from '../../shared/decimal.ts';

describe('exact decimals', () => {
  it('0.7 × 88 + 0.3 × 92 is exactly 89.2 in hundredths', () => {
    const monthly = roundHalfUpInt(70 * toHundredths(88)! + 30 * toHundredths(92)!, 100);
    expect(monthly).toBe(8920);
    expect(formatHundredths(monthly)).toBe('89.2');
    expect(0.7 * 88 + 0.3 * 92).not.toBe(89.2); // the float way drifts; this is why
  });

  it('reads numbers through their decimal form', () => {
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(8.5)).toBe(850);
    expect(toHundredths(-1.25)).toBe(-125);
    expect(toHundredths(0.001)).toBeNull();
    expect(toHundredths(1e-7)).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(toHundredths(Infinity)).toBeNull();
    expect(toScaled(160.1234, 4)).toBe(1601234n);
    expect(toScaled(160.12345, 4)).toBeNull();
  });

  it('rounds half up', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(15n, 10n)).toBe(2n);
    expect(roundHalfUp(0n, 3n)).toBe(0n);
    expect(() => roundHalfUp(-1n, 2n)).toThrow();
  });

  it('every 2-decimal number round-trips exactly and prints as typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (h) => {
        const x = h / 100;
        expect(toHundredths(x)).toBe(h);
        expect(String(x)).toBe(String(x)); // sanity
        const [whole, frac = ''] = String(x).split('.');
        expect(BigInt(whole! + frac.padEnd(2, '0'))).toBe(BigInt(h));
      }),
    );
  });
});
