/**
 * Salary and KPI changes in the audit log in words (the Settings screen showed their raw JSON and
 * action ids — English in the Chinese UI): each action named, the person and month, and what
 * changed with its KPI's name in the UI's language.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/types.ts';
import { auditAction, auditEntity, auditSummary, type AuditLookups } from '../../renderer/features/settings/auditSummary.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const lookups: AuditLookups = { itemTitle: (_r, id) => id, regionName: () => undefined, personName: () => undefined };
const entry = (action: string, before: unknown, after: unknown): AuditEntry => ({ id: 1, at: '2026-11-02T08:00:00.000Z', actor: '周敏', action, entity: 'figures', entityId: 'F-303/2026-11', before, after });
/** Chinese, with no Latin word once the employee number is taken out. */
const chinese = (text: string) => {
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text.replace('F-303', ''), text).not.toMatch(/[A-Za-z]{2,}/);
};

describe('salary and KPIs in the audit log', () => {
  const actions = ['figures.save', 'figures.import', 'figures.from-sheet', 'figures.confirm', 'figures.conflict', 'figures.conflict-resolve', 'figures.take-sheet'];

  it('each action in both languages', () => {
    for (const action of actions) {
      chinese(auditAction(action, zh));
      expect(auditAction(action, en)).not.toBe(action);
    }
  });

  it('the person and month, and what changed, with the KPI’s name', () => {
    const changed = entry('figures.save', { salaryTotal: 6000, kpis: { 'actual-quantity': 58, 'churn-rate': 1.1 } }, { salaryTotal: 6500, kpis: { 'actual-quantity': 59, 'churn-rate': 1.1 } });
    expect(auditEntity(changed, zh)).toBe('F-303 · 2026-11');
    const zhLines = auditSummary(changed, zh, lookups);
    expect(zhLines).toEqual([`${zh.figures.salaryTotal}: 6000 → 6500 · 实际销售数量: 58 → 59`]);
    zhLines.forEach(chinese);
    expect(auditSummary(changed, en, lookups)).toEqual([`${en.figures.salaryTotal}: 6000 → 6500 · Actual sales (quantity): 58 → 59`]);
    // First recorded: the values it was recorded with; an unknown KPI by its id; no change said so.
    const first = auditSummary(entry('figures.import', null, { salaryTotal: null, kpis: { 'plan-quantity': 60, 'new-kpi': 3 } }), zh, lookups);
    expect(first).toEqual(['销售计划数量: 60 · new-kpi: 3']);
    expect(auditSummary(entry('figures.confirm', { salaryTotal: 1, kpis: {} }, { salaryTotal: 1, kpis: {} }), zh, lookups)).toEqual([zh.settings.noChange]);
  });
});
