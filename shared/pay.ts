/**
 * Monthly pay (薪酬发放): base + plan part + assessment part + over-plan bonus, in integer fen,
 * each component rounded half-up once. Plan completion = actual ÷ plan, exact, capped at 100%
 * inside the plan part; above 100% is the bonus policy's business.
 */
import { roundHalfUp, toScaled } from './decimal.ts';
import { InputError, isPlainObject, unknownKeys, type Problem, type ProblemRule } from './problems.ts';

export interface PaySplit {
  /** Percent of the salary total, at most 2 decimals each, summing to 100. */
  base: number;
  plan: number;
  assessment: number;
}

export type BonusPolicy = { policy: 'none' } | { policy: 'per-point'; percentPerPoint: number };

/**
 * Which score is the 日常考核得分率 (÷ 100): the daily-work score (日常工作考核得分, the default: the
 * source's 日常(工作)考核 and its 日常工作考核工资) or the monthly score (月度考核得分, attendance
 * included; the default before the revision of 2026-12-07, kept as a setting).
 */
export type ScoreRateSource = 'daily' | 'monthly';

export interface PaySettings {
  split: PaySplit;
  bonus: BonusPolicy;
  /** Which score is the 日常考核得分率: the daily-work score (default) or the monthly score. */
  scoreRate: ScoreRateSource;
}

export const DEFAULT_PAY_SETTINGS: PaySettings = {
  split: { base: 50, plan: 35, assessment: 15 },
  bonus: { policy: 'none' },
  scoreRate: 'daily',
};

/**
 * `createdBy` of the pay-settings version the database update of 2026-12-07 records (the rate a
 * database with sheets used before, see electron/db/migrations/004): stored data, never changed;
 * the settings screen words it in the user's language.
 */
export const RECORDED_AT_UPDATE = '(database update 2026-12-07)';

/** The input field that carries the score a rate uses. */
export const SCORE_FIELD: Record<ScoreRateSource, 'dailyScore' | 'monthlyScore'> = { daily: 'dailyScore', monthly: 'monthlyScore' };

export interface PayInput {
  /** 工资总额 in yuan, at most 2 decimals. */
  salaryTotal: number;
  plan: number;
  actual: number;
  /** The daily-work score: required when the rate is 'daily' (the default). */
  dailyScore?: number;
  /** The monthly score: required when the rate is 'monthly'. */
  monthlyScore?: number;
  split?: PaySplit;
  bonus?: BonusPolicy;
  scoreRate?: ScoreRateSource;
}

/** Yuan amounts (exact to the fen). */
export interface PayResult {
  base: number;
  plan: number;
  assessment: number;
  bonus: number;
  total: number;
  /** Plan completion in percent, rounded half-up to 2 decimals (display only; the parts use the exact ratio). */
  completionPercent: number;
}

/** Limits of pay's inputs; the salary/KPI records (kpi.ts) use the same. */
export const MAX_SALARY = 10_000_000;
export const MAX_QUANTITY = 1_000_000_000;
export const QUANTITY_DECIMALS = 4;
const MAX_COMPLETION = 1000n;
const PAY_FIELDS = ['salaryTotal', 'plan', 'actual', 'dailyScore', 'monthlyScore', 'split', 'bonus', 'scoreRate'];

/** Validate and compute; throws InputError naming every problem. */
export function computePayInput(raw: unknown): PayResult {
  const problems = validatePayInput(raw);
  if (problems.length) throw new InputError(problems, 'pay input');
  return computePay(raw as PayInput);
}

export function validatePayInput(raw: unknown): Problem[] {
  if (!isPlainObject(raw)) return [{ field: '(input)', value: raw, expected: 'a JSON object { salaryTotal, plan, actual, dailyScore }' }];
  const problems = unknownKeys(raw, PAY_FIELDS, '');
  const num = (key: string, min: number, max: number, decimals: number, required = true, exclusiveMin = false) => {
    if (!(key in raw)) {
      if (required) problems.push({ field: key, expected: `a number from ${min} to ${max}` });
      return;
    }
    const v = raw[key];
    const ok = typeof v === 'number' && toScaled(v, decimals) !== null && (exclusiveMin ? v > min : v >= min) && v <= max;
    if (!ok) problems.push({ field: key, value: v, expected: `a number ${exclusiveMin ? 'above' : 'from'} ${min} ${exclusiveMin ? 'up to' : 'to'} ${max}, at most ${decimals} decimals` });
  };
  num('salaryTotal', 0, MAX_SALARY, 2);
  num('plan', 0, MAX_QUANTITY, QUANTITY_DECIMALS, true, true);
  num('actual', 0, MAX_QUANTITY, QUANTITY_DECIMALS);
  // Both scores are checked when given; only the one the rate uses is required (the other is ignored).
  num('dailyScore', 0, 100, 2, false);
  num('monthlyScore', 0, 100, 2, false);
  if ('scoreRate' in raw && raw.scoreRate !== 'monthly' && raw.scoreRate !== 'daily') {
    problems.push({ field: 'scoreRate', value: raw.scoreRate, expected: '"daily" (the daily-work score, the default) or "monthly" (the monthly score)' });
  } else {
    const rate = (raw.scoreRate as ScoreRateSource | undefined) ?? DEFAULT_PAY_SETTINGS.scoreRate;
    const field = SCORE_FIELD[rate];
    if (!(field in raw)) {
      problems.push({
        field,
        expected:
          rate === 'daily'
            ? `the daily-work score (日常工作考核得分), a number from 0 to 100: the score rate is the daily-work score${'scoreRate' in raw ? ' (scoreRate "daily")' : ' (the default; "scoreRate": "monthly" uses monthlyScore instead)'}`
            : 'the monthly score (月度考核得分), a number from 0 to 100: scoreRate is "monthly"',
      });
    }
  }
  // A per-point bonus grows with completion: at most 100,000% keeps every amount an exact integer.
  const perPoint = isPlainObject(raw.bonus) && raw.bonus.policy === 'per-point';
  if (perPoint && !problems.length && toScaled(raw.actual as number, QUANTITY_DECIMALS)! > toScaled(raw.plan as number, QUANTITY_DECIMALS)! * MAX_COMPLETION) {
    problems.push({ field: 'actual', value: raw.actual, expected: `at most ${MAX_COMPLETION} × plan (${raw.plan}) with a per-point bonus` });
  }
  if ('split' in raw) problems.push(...validateSplit(raw.split));
  if ('bonus' in raw) problems.push(...validateBonus(raw.bonus));
  return problems;
}

/** Check a settings object { split, bonus, scoreRate } (all three required). */
export function validatePaySettings(raw: unknown, base = 'settings'): Problem[] {
  const at = (f: string) => (base ? `${base}.${f}` : f);
  if (!isPlainObject(raw)) return [{ field: base || '(input)', value: raw, expected: 'pay settings { "split", "bonus", "scoreRate" }' }];
  const problems = unknownKeys(raw, ['split', 'bonus', 'scoreRate'], base);
  if (!('split' in raw)) problems.push({ field: at('split'), expected: 'percents { "base", "plan", "assessment" } summing to 100' });
  else problems.push(...validateSplit(raw.split).map((p) => ({ ...p, field: base ? `${base}.${p.field}` : p.field })));
  if (!('bonus' in raw)) problems.push({ field: at('bonus'), expected: '{ "policy": "none" } or { "policy": "per-point", "percentPerPoint": number }' });
  else problems.push(...validateBonus(raw.bonus).map((p) => ({ ...p, field: base ? `${base}.${p.field}` : p.field })));
  if (raw.scoreRate !== 'monthly' && raw.scoreRate !== 'daily') {
    problems.push({ field: at('scoreRate'), ...('scoreRate' in raw ? { value: raw.scoreRate } : {}), expected: '"daily" (the daily-work score) or "monthly" (the monthly score)' });
  }
  return problems;
}

/** A pay setting's percent, as a form's problem (the UI words it). */
const PERCENT_RULE: ProblemRule = { code: 'number', min: 0, max: 100, decimals: 2, unit: 'percent' };

function validateSplit(split: unknown): Problem[] {
  const expected = 'percents { "base", "plan", "assessment" }, each 0–100 with at most 2 decimals, summing to 100';
  if (!isPlainObject(split)) return [{ field: 'split', value: split, expected }];
  const problems = unknownKeys(split, ['base', 'plan', 'assessment'], 'split');
  let sum = 0n;
  for (const key of ['base', 'plan', 'assessment']) {
    const v = split[key];
    const scaled = typeof v === 'number' ? toScaled(v, 2) : null;
    if (scaled === null || scaled < 0n || scaled > 10000n) {
      problems.push({ field: `split.${key}`, ...(key in split ? { value: v } : {}), expected: 'a percent from 0 to 100, at most 2 decimals', rule: PERCENT_RULE });
    }
    else sum += scaled;
  }
  if (!problems.length && sum !== 10000n) {
    problems.push({ field: 'split', value: split, expected: `parts summing to 100 (they sum to ${Number(sum) / 100})`, rule: { code: 'sum', total: 100, sum: Number(sum) / 100 } });
  }
  return problems;
}

function validateBonus(bonus: unknown): Problem[] {
  const expected = '{ "policy": "none" } or { "policy": "per-point", "percentPerPoint": number } (percent of the salary total per percentage point above plan)';
  if (!isPlainObject(bonus)) return [{ field: 'bonus', value: bonus, expected }];
  if (bonus.policy === 'none') return unknownKeys(bonus, ['policy'], 'bonus');
  if (bonus.policy !== 'per-point') return [{ field: 'bonus.policy', value: bonus.policy, expected: '"none" or "per-point"' }];
  const problems = unknownKeys(bonus, ['policy', 'percentPerPoint'], 'bonus');
  const v = bonus.percentPerPoint;
  if (typeof v !== 'number' || toScaled(v, 2) === null || v < 0 || v > 100) {
    problems.push({ field: 'bonus.percentPerPoint', ...('percentPerPoint' in bonus ? { value: v } : {}), expected: 'a percent from 0 to 100, at most 2 decimals', rule: PERCENT_RULE });
  }
  return problems;
}

/** Plan completion in percent, half-up to 2 decimals, from quantities scaled by QUANTITY_DECIMALS (plan > 0). */
export function completionPercentOf(actual: bigint, plan: bigint): number {
  return Number(roundHalfUp(actual * 10000n, plan)) / 100;
}

/** Compute pay from a validated input. */
export function computePay(input: PayInput): PayResult {
  const split = input.split ?? DEFAULT_PAY_SETTINGS.split;
  const bonusPolicy = input.bonus ?? DEFAULT_PAY_SETTINGS.bonus;
  const scoreRate = input.scoreRate ?? DEFAULT_PAY_SETTINGS.scoreRate;
  const fen = toScaled(input.salaryTotal, 2)!;
  const plan = toScaled(input.plan, QUANTITY_DECIMALS)!;
  const actual = toScaled(input.actual, QUANTITY_DECIMALS)!;
  const score = toScaled(input[SCORE_FIELD[scoreRate]]!, 2)!; // hundredths of the score the rate uses
  const pct = (p: number) => toScaled(p, 2)!; // percent in hundredths: 50 → 5000
  const TEN_THOUSAND = 10000n;

  const base = roundHalfUp(fen * pct(split.base), TEN_THOUSAND);
  const capped = actual < plan ? actual : plan;
  const planPart = roundHalfUp(fen * pct(split.plan) * capped, TEN_THOUSAND * plan);
  const assessment = roundHalfUp(fen * pct(split.assessment) * score, TEN_THOUSAND * TEN_THOUSAND);
  let bonus = 0n;
  if (bonusPolicy.policy === 'per-point' && actual > plan) {
    // salary × rate% × (points above plan), points above = 100 × (actual − plan) ÷ plan
    bonus = roundHalfUp(fen * pct(bonusPolicy.percentPerPoint) * 100n * (actual - plan), TEN_THOUSAND * plan);
  }
  const yuan = (f: bigint) => Number(f) / 100;
  return {
    base: yuan(base),
    plan: yuan(planPart),
    assessment: yuan(assessment),
    bonus: yuan(bonus),
    total: yuan(base + planPart + assessment + bonus),
    completionPercent: completionPercentOf(actual, plan),
  };
}
