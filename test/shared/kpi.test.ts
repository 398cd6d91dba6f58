/** The KPI catalog's checks and formatting, and the salary total in fen. */
import { describe, expect, it } from 'vitest';
import { checkKpiValues, checkSalaryTotal, formatKpi, KPI_BY_ID, KPIS, kpiLines, planCompletionPercent, salaryFen } from '../../shared/kpi.ts';

describe('salary total', () => {
  it('is exact integer fen for up to 2 decimals within 0 – 10,000,000', () => {
    expect(salaryFen(12345.67)).toBe(1234567);
    expect(salaryFen(0.1 + 0.2)).toBeNull(); // 0.30000000000000004 is not a typed amount
    expect(salaryFen(0.3)).toBe(30);
    expect(salaryFen(10_000_000)).toBe(1_000_000_000);
    for (const bad of [-0.01, 10_000_000.01, 1.005, Number.NaN, Infinity, '100', null]) expect(salaryFen(bad)).toBeNull();
    expect(checkSalaryTotal(null)).toEqual([]);
    expect(checkSalaryTotal(1.005)).toEqual([
      {
        field: 'salaryTotal',
        value: 1.005,
        expected: 'a salary total in yuan from 0 to 10,000,000, at most 2 decimals (or nothing)',
        rule: { code: 'number', min: 0, max: 10_000_000, decimals: 2, unit: 'yuan' },
      },
    ]);
  });
});

describe('KPIs', () => {
  it('have unique stable ids and names in both languages', () => {
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(KPIS.length);
    for (const k of KPIS) expect(k.zh && k.en).toBeTruthy();
  });

  it('check each value against its range and decimals; null only where allowed', () => {
    expect(checkKpiValues({ 'sales-growth': -100, 'complaint-rate': 100 })).toEqual([]);
    expect(checkKpiValues({ 'sales-growth': -100.01 })).toMatchObject([{ field: 'kpis.sales-growth', expected: 'a number from -100 to 10000 (percent), at most 2 decimals' }]);
    expect(checkKpiValues({ satisfaction: null })).toMatchObject([{ field: 'kpis.satisfaction', value: null }]);
    expect(checkKpiValues({ satisfaction: null }, 'kpis', true)).toEqual([]);
  });

  it('plan completion is actual ÷ plan in percent, half-up to 2 decimals, only with a plan above 0', () => {
    expect(planCompletionPercent({ 'plan-quantity': 200, 'actual-quantity': 160 })).toBe(80);
    expect(planCompletionPercent({ 'plan-quantity': 3, 'actual-quantity': 2 })).toBe(66.67);
    expect(planCompletionPercent({ 'plan-quantity': 0, 'actual-quantity': 2 })).toBeNull();
    expect(planCompletionPercent({ 'plan-quantity': 10 })).toBeNull();
  });

  it('format with their units, and list in catalog order with plan completion after the actual', () => {
    expect(formatKpi(KPI_BY_ID.get('sales-expense')!, 1234567.5, 'zh')).toBe('1,234,567.50 元');
    expect(formatKpi(KPI_BY_ID.get('sales-expense')!, 0.05, 'en')).toBe('¥0.05');
    expect(formatKpi(KPI_BY_ID.get('return-rate')!, 2.25, 'en')).toBe('2.25%');
    expect(formatKpi(KPI_BY_ID.get('plan-quantity')!, 12345.0625, 'en')).toBe('12,345.0625');
    expect(kpiLines({ satisfaction: 90, 'actual-quantity': 3, 'plan-quantity': 2 }, 'en')).toEqual([
      { id: 'plan-quantity', name: 'Sales plan (quantity)', value: '2' },
      { id: 'actual-quantity', name: 'Actual sales (quantity)', value: '3' },
      { id: 'plan-completion', name: 'Plan completion', value: '150%' },
      { id: 'satisfaction', name: 'Customer satisfaction', value: '90%' },
    ]);
  });
});
