/**
 * The findings' audit entries in words: the import names the department and month in the UI's
 * language, the sheet's change and the choice are named as such (no English in the Chinese UI).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/types.ts';
import { auditAction, auditEntity } from '../../renderer/features/settings/auditSummary.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const entry = (action: string, entity: string, entityId: string): AuditEntry => ({ id: 1, at: '2026-11-02T08:00:00.000Z', actor: '王磊', action, entity, entityId, before: null, after: {} });

describe('the findings in the audit log', () => {
  it('names the department and month, and each action, in both languages', () => {
    expect(auditEntity(entry('findings.import', 'findings', '2026-10/claims'), zh)).toBe('索赔组 · 2026-10');
    expect(auditEntity(entry('findings.import', 'findings', '2026-10/claims'), en)).toBe('Claims group · 2026-10');
    expect(auditEntity(entry('findings.import', 'findings', '2026-10/finance'), zh)).toBe('findings 2026-10/finance');
    expect(['findings.import', 'sheet.findings', 'sheet.findings-choice'].map((a) => auditAction(a, zh))).toEqual(['导入部门考核结果', '按部门考核结果修改评分表', '选定考核结果']);
    expect(auditAction('sheet.findings', en)).toBe('Sheet changed by a department’s findings');
  });
});
