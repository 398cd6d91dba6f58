/**
 * Scoring engine: sheets validated and scored per second (scoreInput, as the CLI and the import
 * paths use it: validate against the rubric, then score), over 100,000 generated inputs.
 * Baseline: JSON.parse of the same inputs' JSON text, i.e. merely reading them.
 */
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import type { Company } from './data.ts';
import { scoringInputs } from './data.ts';
import { median, progress, since } from './measure.ts';

export const SCORING_SHEETS = 100_000;

export interface ScoringResult {
  sheets: number;
  /** Sheets per second, median of the passes. */
  productPerSecond: number;
  baselinePerSecond: number;
}

export function measureScoring(company: Company, passes = 5): ScoringResult {
  const inputs = scoringInputs(company, BUILTIN_RUBRICS, SCORING_SHEETS);
  const texts = inputs.map((input) => JSON.stringify(input));
  let checksum = 0;
  // Warm-up (JIT), then alternate product and baseline passes so both see the same machine.
  for (let i = 0; i < 20_000; i++) checksum += scoreInput(inputs[i]!).monthlyScore + (JSON.parse(texts[i]!) as { period: string }).period.length;
  const product: number[] = [];
  const baseline: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    let start = performance.now();
    for (const input of inputs) checksum += scoreInput(input).monthlyScore;
    product.push((inputs.length / since(start)) * 1000);
    start = performance.now();
    for (const text of texts) checksum += (JSON.parse(text) as { period: string }).period.length;
    baseline.push((texts.length / since(start)) * 1000);
    progress(`  pass ${pass + 1}/${passes}: ${Math.round(product.at(-1)!).toLocaleString('en')} sheets/s scored, ${Math.round(baseline.at(-1)!).toLocaleString('en')}/s parsed`);
  }
  if (!Number.isFinite(checksum)) throw new Error('scoring produced no numbers');
  return { sheets: inputs.length, productPerSecond: median(product), baselinePerSecond: median(baseline) };
}
