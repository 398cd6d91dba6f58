/**
 * Exact decimal arithmetic for points and money.
 *
 * Scores are kept as integers in hundredths of a point and money as integers in fen, so that
 * 0.7 × 88 + 0.3 × 92 is exactly 89.2 and never 89.19999. Values arrive as JS numbers (JSON);
 * they are converted through their shortest decimal string, which is exact for every number a
 * person can type.
 */

/**
 * `x` as an integer scaled by 10^decimals, or null when `x` has more decimals than that
 * (or is not a finite number, or is too large to be exact).
 */
export function toScaled(x: number, decimals: number): bigint | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const text = String(Math.abs(x));
  // Shortest round-trip form; exponent forms only appear beyond the ranges we accept.
  if (/e/i.test(text)) return null;
  const [whole = '0', frac = ''] = text.split('.');
  if (frac.length > decimals) return null;
  const scaled = BigInt(whole + frac.padEnd(decimals, '0'));
  return x < 0 ? -scaled : scaled;
}

/** `x` in hundredths as a safe integer, or null when it has more than 2 decimals. */
export function toHundredths(x: number): number | null {
  // Fast path, the same answer without strings or BigInt: x has at most 2 decimals exactly when
  // some integer n gives n / 100 === x (n / 100 is the double nearest the decimal n/100, and
  // x·100 is within rounding of n). Beyond 1e13 (x·100 near 2^53) the string path decides.
  if (typeof x === 'number' && x > -1e13 && x < 1e13) {
    const n = Math.round(x * 100);
    if (n / 100 === x) return n + 0; // + 0: never -0
  }
  const scaled = toScaled(x, 2);
  if (scaled === null) return null;
  const n = Number(scaled);
  return Number.isSafeInteger(n) ? n : null;
}

/** Hundredths back to a number; n / 100 is the double nearest the decimal, so it prints exactly. */
export function fromHundredths(n: number): number {
  return n / 100;
}

/** Round the non-negative rational p / q half-up to an integer. */
export function roundHalfUp(p: bigint, q: bigint): bigint {
  if (q <= 0n) throw new RangeError('denominator must be positive');
  if (p < 0n) throw new RangeError('roundHalfUp expects a non-negative value');
  return (2n * p + q) / (2n * q);
}

/** Round the non-negative integer ratio p / q half-up (numbers small enough to be exact). */
export function roundHalfUpInt(p: number, q: number): number {
  // Safe integers: the same integer division in doubles (a % b and the division are exact).
  if (Number.isSafeInteger(p) && Number.isSafeInteger(q) && p >= 0 && q > 0 && 2 * p + q <= Number.MAX_SAFE_INTEGER) {
    const a = 2 * p + q;
    const b = 2 * q;
    return (a - (a % b)) / b;
  }
  return Number(roundHalfUp(BigInt(p), BigInt(q)));
}

/** Format hundredths with up to 2 decimals ("89.2", "88", "0.05"). */
export function formatHundredths(n: number): string {
  return String(fromHundredths(n));
}
