/**
 * Annual score (年度考核得分) = the sum of the year's 12 monthly scores ÷ 12, rounded half-up to
 * 2 decimals. A month without a score counts as missing: it adds nothing, is listed, and the
 * divisor stays 12 (assessment.md Decision).
 */
import { roundHalfUpInt, toHundredths } from './decimal.ts';
import { MAX_YEAR, MIN_YEAR, parsePeriod, periodsOfYear } from './period.ts';
import { fieldPath, InputError, isPlainObject, unknownKeys, type Problem } from './problems.ts';

export interface AnnualInput {
  year: number;
  months: { period: string; monthlyScore: number }[];
}

export interface AnnualResult {
  annualScore: number;
  /** How many months were given. */
  months: number;
  /** Periods of the year with no score. */
  missing: string[];
}

export function computeAnnualInput(raw: unknown): AnnualResult {
  const problems = validateAnnualInput(raw);
  if (problems.length) throw new InputError(problems, 'annual input');
  return computeAnnual(raw as AnnualInput);
}

export function validateAnnualInput(raw: unknown): Problem[] {
  if (!isPlainObject(raw)) return [{ field: '(input)', value: raw, expected: 'a JSON object { year, months: [{ period, monthlyScore }] }' }];
  const problems = unknownKeys(raw, ['year', 'months'], '');
  const year = raw.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  if (!yearOk) problems.push({ field: 'year', ...('year' in raw ? { value: year } : {}), expected: `a year from ${MIN_YEAR} to ${MAX_YEAR}` });
  if (!Array.isArray(raw.months)) {
    problems.push({ field: 'months', ...('months' in raw ? { value: raw.months } : {}), expected: 'a list of { "period": "YYYY-MM", "monthlyScore": number }' });
    return problems;
  }
  const seen = new Set<string>();
  raw.months.forEach((m, i) => {
    const at = fieldPath('months', i);
    if (!isPlainObject(m)) return void problems.push({ field: at, value: m, expected: '{ "period": "YYYY-MM", "monthlyScore": number }' });
    problems.push(...unknownKeys(m, ['period', 'monthlyScore'], at));
    const p = parsePeriod(m.period);
    if (!p || (yearOk && p.year !== year)) problems.push({ field: `${at}.period`, value: m.period, expected: yearOk ? `a month of ${year} (${year}-01 … ${year}-12)` : 'a month YYYY-MM' });
    else if (seen.has(m.period as string)) problems.push({ field: `${at}.period`, value: m.period, expected: 'each month at most once' });
    else seen.add(m.period as string);
    const s = m.monthlyScore;
    if (typeof s !== 'number' || toHundredths(s) === null || s < 0 || s > 100) {
      problems.push({ field: `${at}.monthlyScore`, ...('monthlyScore' in m ? { value: s } : {}), expected: 'a score from 0 to 100, at most 2 decimals' });
    }
  });
  return problems;
}

export function computeAnnual(input: AnnualInput): AnnualResult {
  const sum = input.months.reduce((s, m) => s + toHundredths(m.monthlyScore)!, 0);
  const given = new Set(input.months.map((m) => m.period));
  return {
    annualScore: roundHalfUpInt(sum, 12) / 100,
    months: input.months.length,
    missing: periodsOfYear(input.year).filter((p) => !given.has(p)),
  };
}
