/**
 * Score statistics for dashboards and calibration, exact: scores go in as integer hundredths,
 * the mean and the population standard deviation come out rounded half-up to 2 decimals
 * without a float sum or a float square root on the way.
 */
import { roundHalfUpInt } from '../decimal.ts';
import type { Distribution } from '../api/report-types.ts';

/** Lower bounds of the score bands, in points: [<60, 60–69.99, 70–79.99, 80–89.99, 90–100]. */
export const BAND_FLOORS = [60, 70, 80, 90] as const;

/** Largest integer r with r² ≤ n (n ≥ 0). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // The float guess is within a few units; settle it exactly.
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

export interface Moments {
  count: number;
  /** Σx and Σx² over scores in hundredths. */
  sum: bigint;
  sumSquares: bigint;
}

export function moments(hundredths: readonly number[]): Moments {
  let sum = 0n;
  let sumSquares = 0n;
  for (const h of hundredths) {
    const x = BigInt(h);
    sum += x;
    sumSquares += x * x;
  }
  return { count: hundredths.length, sum, sumSquares };
}

/** The mean in hundredths, rounded half-up; null without scores. */
export function meanHundredths(m: Moments): number | null {
  return m.count === 0 ? null : roundHalfUpInt(Number(m.sum), m.count);
}

/**
 * The population standard deviation in hundredths, rounded half-up; null without scores.
 * sd = √D ÷ n with D = nΣx² − (Σx)². Rounded: the largest k with sd ≥ k − ½, i.e.
 * n²(2k − 1)² ≤ 4D, which is k = ⌊(m + 1) ÷ 2⌋ with m = ⌊√⌊4D ÷ n²⌋⌋.
 */
export function spreadHundredths(m: Moments): number | null {
  if (m.count === 0) return null;
  const n = BigInt(m.count);
  const d = n * m.sumSquares - m.sum * m.sum;
  const root = isqrt((4n * d) / (n * n));
  return Number((root + 1n) / 2n);
}

export function bands(hundredths: readonly number[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const h of hundredths) {
    let band = 0;
    while (band < BAND_FLOORS.length && h >= BAND_FLOORS[band]! * 100) band++;
    counts[band]!++;
  }
  return counts;
}

/** The distribution of some monthly scores (in hundredths). */
export function distribution(key: string, label: string, hundredths: readonly number[]): Distribution {
  const m = moments(hundredths);
  const mean = meanHundredths(m);
  const spread = spreadHundredths(m);
  let min: number | null = null;
  let max: number | null = null;
  for (const h of hundredths) {
    if (min === null || h < min) min = h;
    if (max === null || h > max) max = h;
  }
  const points = (h: number | null) => (h === null ? null : h / 100);
  return { key, label, count: m.count, mean: points(mean), spread: points(spread), min: points(min), max: points(max), bands: bands(hundredths) };
}
