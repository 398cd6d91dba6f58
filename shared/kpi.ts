/**
 * The KPIs the source lists (assessment.md, "KPIs the source lists"), recorded per person and
 * month beside the score sheet. They are shown on the sheet and in reports and never mixed into
 * the rubric score; plan and actual quantity also feed pay (plan completion).
 */
import { toScaled } from './decimal.ts';
import { completionPercentOf, MAX_QUANTITY, MAX_SALARY, QUANTITY_DECIMALS } from './pay.ts';
import { isPlainObject, type Problem } from './problems.ts';

export type KpiUnit = 'quantity' | 'percent' | 'yuan';

export interface KpiDefinition {
  id: string;
  zh: string;
  en: string;
  unit: KpiUnit;
  min: number;
  max: number;
  decimals: number;
}

const percent = (id: string, zh: string, en: string, min = 0, max = 100): KpiDefinition => ({ id, zh, en, unit: 'percent', min, max, decimals: 2 });

/** In the order reports and sheets show them. Ids are stable (they are stored and imported). */
export const KPIS: readonly KpiDefinition[] = [
  { id: 'plan-quantity', zh: '销售计划数量', en: 'Sales plan (quantity)', unit: 'quantity', min: 0, max: MAX_QUANTITY, decimals: QUANTITY_DECIMALS },
  { id: 'actual-quantity', zh: '实际销售数量', en: 'Actual sales (quantity)', unit: 'quantity', min: 0, max: MAX_QUANTITY, decimals: QUANTITY_DECIMALS },
  percent('sales-growth', '销售额增长率', 'Sales growth', -100, 10_000),
  percent('price-retention', '销售价格保持率', 'Price retention', 0, 1000),
  { id: 'sales-expense', zh: '销售费用', en: 'Sales expense', unit: 'yuan', min: 0, max: 100_000_000, decimals: 2 },
  percent('receivables-collection', '欠款回收率', 'Receivables collection', 0, 1000),
  percent('visit-success', '访问成功率', 'Visit success'),
  percent('complaint-rate', '顾客意见发生率', 'Complaint rate'),
  percent('new-customer-rate', '新顾客开发率', 'New-customer rate', 0, 1000),
  percent('retention-rate', '老顾客保持率', 'Customer retention'),
  percent('customer-info-completeness', '客户信息完整度', 'Customer-info completeness'),
  percent('churn-rate', '客户流失率', 'Customer churn'),
  percent('return-rate', '退货率', 'Return rate'),
  percent('satisfaction', '客户满意度', 'Customer satisfaction'),
];

export type KpiId = string;
/** Recorded KPI values by id; a KPI not recorded is absent. */
export type KpiValues = Record<KpiId, number>;

export const KPI_BY_ID: ReadonlyMap<string, KpiDefinition> = new Map(KPIS.map((k) => [k.id, k]));

export function kpiExpected(k: KpiDefinition): string {
  const unit = k.unit === 'percent' ? ' (percent)' : k.unit === 'yuan' ? ' (yuan)' : '';
  return `a number from ${k.min} to ${k.max}${unit}, at most ${k.decimals} decimals`;
}

/** Problems of one KPI value, or none. */
export function checkKpiValue(k: KpiDefinition, value: unknown, field: string): Problem[] {
  const ok = typeof value === 'number' && toScaled(value, k.decimals) !== null && value >= k.min && value <= k.max;
  const unit = k.unit === 'percent' || k.unit === 'yuan' ? { unit: k.unit } : {};
  return ok ? [] : [{ field, value, expected: kpiExpected(k), rule: { code: 'number', min: k.min, max: k.max, decimals: k.decimals, ...unit } }];
}

/** Check a record of KPI values (`null` clears a value where `allowNull`). */
export function checkKpiValues(raw: unknown, field = 'kpis', allowNull = false): Problem[] {
  if (!isPlainObject(raw)) return [{ field, value: raw, expected: `an object keyed by KPI id (${KPIS.map((k) => k.id).join(', ')})` }];
  const problems: Problem[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const k = KPI_BY_ID.get(id);
    if (!k) problems.push({ field: `${field}.${id}`, value, expected: `a KPI id: ${KPIS.map((x) => x.id).join(', ')}` });
    else if (!(allowNull && value === null)) problems.push(...checkKpiValue(k, value, `${field}.${id}`));
  }
  return problems;
}

/**
 * Plan completion in percent (half-up, 2 decimals) when both quantities are recorded, each a value
 * its KPI accepts, and the plan is above 0; otherwise null. Never throws: the figures panel
 * computes it live from what is being typed (a negative or over-precise quantity is null here and
 * refused at its field).
 */
export function planCompletionPercent(kpis: KpiValues): number | null {
  const plan = quantityOf(kpis, 'plan-quantity');
  const actual = quantityOf(kpis, 'actual-quantity');
  if (plan === null || actual === null || plan <= 0n) return null;
  return completionPercentOf(actual, plan);
}

/** A recorded quantity scaled by QUANTITY_DECIMALS when its KPI's check accepts it, else null. */
function quantityOf(kpis: KpiValues, id: 'plan-quantity' | 'actual-quantity'): bigint | null {
  const value = kpis[id];
  if (value === undefined || checkKpiValue(KPI_BY_ID.get(id)!, value, id).length) return null;
  return toScaled(value, QUANTITY_DECIMALS);
}

// ---- salary total (工资总额) ------------------------------------------------------------------

/** The largest salary total a person's month may record, in yuan. */
export const SALARY_MAX = MAX_SALARY;
export const SALARY_EXPECTED = `a salary total in yuan from 0 to ${SALARY_MAX.toLocaleString('en-US')}, at most 2 decimals (or nothing)`;

/** A salary total in yuan as integer fen, or null when it is not one (negative, too large, more than 2 decimals). */
export function salaryFen(yuan: unknown): number | null {
  if (typeof yuan !== 'number' || yuan < 0 || yuan > SALARY_MAX) return null;
  const fen = toScaled(yuan, 2);
  return fen === null ? null : Number(fen);
}

export function checkSalaryTotal(value: unknown, field = 'salaryTotal'): Problem[] {
  return value === null || salaryFen(value) !== null ? [] : [{ field, value, expected: SALARY_EXPECTED, rule: { code: 'number', min: 0, max: SALARY_MAX, decimals: 2, unit: 'yuan' } }];
}

// ---- showing values ---------------------------------------------------------------------------

/** Digits with thousands separators, up to `decimals` decimals, no float noise (the value is already exact to them). */
function grouped(value: number, decimals: number, minDecimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: minDecimals, maximumFractionDigits: decimals, useGrouping: true });
}

/** A salary total for people: "12,345.67" (always two decimals). */
export function formatYuan(yuan: number): string {
  return grouped(yuan, 2, 2);
}

/** A KPI value with its unit, the same in both languages except the currency word: "95.5%", "1,234", "12,345.67 元" / "¥12,345.67". */
export function formatKpi(k: KpiDefinition, value: number, language: 'zh' | 'en'): string {
  if (k.unit === 'percent') return `${grouped(value, k.decimals)}%`;
  if (k.unit === 'yuan') return language === 'zh' ? `${formatYuan(value)} 元` : `¥${formatYuan(value)}`;
  return grouped(value, k.decimals);
}

/** The name of a KPI in a language. */
export const kpiName = (k: KpiDefinition, language: 'zh' | 'en'): string => (language === 'zh' ? k.zh : k.en);

export const PLAN_COMPLETION_NAME = { zh: '销售计划完成率', en: 'Plan completion' } as const;

/**
 * The recorded KPIs of a month as label and text, in catalog order, with plan completion (derived,
 * never stored) right after the actual quantity when both quantities are recorded.
 */
export function kpiLines(kpis: KpiValues, language: 'zh' | 'en'): { id: string; name: string; value: string }[] {
  const lines: { id: string; name: string; value: string }[] = [];
  const completion = planCompletionPercent(kpis);
  for (const k of KPIS) {
    const v = kpis[k.id];
    if (v !== undefined) lines.push({ id: k.id, name: kpiName(k, language), value: formatKpi(k, v, language) });
    if (k.id === 'actual-quantity' && completion !== null) lines.push({ id: 'plan-completion', name: PLAN_COMPLETION_NAME[language], value: `${grouped(completion, 2)}%` });
  }
  return lines;
}
