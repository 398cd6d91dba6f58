/**
 * Every action the services write to the audit log (shared/audit.ts, the type appendAudit takes)
 * is shown in words in both languages, built from the details the service stores: what was done,
 * to what, and what changed. A Chinese user reads Chinese — the data (names, months, file names,
 * employee numbers, e-mail addresses) as they are — never the raw JSON or the action's id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/types.ts';
import { AUDIT_ACTIONS, type AuditAction } from '../../shared/audit.ts';
import { auditAction, auditEntity, auditSummary, type AuditLookups } from '../../renderer/features/settings/auditSummary.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const ITEM_TITLES: Record<string, Record<'zh' | 'en', string>> = { quality: { zh: '工作质量', en: 'Quality of work' }, claims: { zh: '索赔', en: 'Claims' } };
const lookupsIn = (lang: 'zh' | 'en'): AuditLookups => ({ itemTitle: (_r, id) => ITEM_TITLES[id]?.[lang] ?? id, regionName: (id) => (id === 1 ? '华东区' : undefined), personName: () => undefined });

const SHA = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const FILE = 'F-101-2026-10.pdf';
const input = (items: Record<string, unknown>) => ({ period: '2026-10', rubric: 'salesperson@1', person: { name: '孙明', employeeNo: 'F-101' }, items, handIns: {}, absences: [] });
/** The same details for a bulk approval and a bulk return (inbox-bulk.ts). */
const bulk = (): Sample => ({
  entity: 'job',
  entityId: 'job-7',
  after: { signer: '周敏', role: 'planning', done: 4, skipped: [{ fileName: 'F-102-2026-10.pdf', code: 'not-pending' }], reused: 3 },
  shown: ['周敏', 'F-102-2026-10.pdf'],
});

interface Sample {
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The stored values the line shows as they are (in both languages). */
  shown: string[];
}

/** One entry of each action, with the details its service stores (the type makes the list complete). */
const SAMPLES: Record<AuditAction, Sample> = {
  'sheet.add': { entity: 'sheet', entityId: 'F-101/2026-10', after: { status: 'draft', input: input({ quality: { grade: 'B' } }), monthlyScore: 96 }, shown: ['孙明', 'F-101', '2026-10', '96'] },
  'sheet.edit': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'draft', input: input({}), monthlyScore: 100 },
    after: { status: 'ready', input: input({ quality: { grade: 'B' } }), monthlyScore: 96 },
    shown: ['孙明', 'F-101', '100', '96'],
  },
  'sheet.findings': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'draft', input: input({}), monthlyScore: 100 },
    after: { status: 'draft', input: input({ claims: { occurrences: 1 } }), monthlyScore: 98, department: 'claims', file: 'claims.xlsx', sha256: SHA },
    shown: ['孙明', '98'],
  },
  'sheet.findings-choice': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'draft', input: input({ claims: { occurrences: 1 } }), monthlyScore: 98 },
    after: { status: 'draft', input: input({ claims: { occurrences: 2 } }), monthlyScore: 96, item: 'claims', choice: 'department', candidates: [] },
    shown: ['孙明', '96'],
  },
  'sheet.amend': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'approved', version: 1, input: input({}), monthlyScore: 100 },
    after: { status: 'ready', version: 2, amends: { version: 1, sha256: SHA }, reason: '漏记一次投诉', input: input({ quality: { grade: 'B' } }), monthlyScore: 96, changes: [], absences: null },
    shown: ['孙明', '漏记一次投诉', '96'],
  },
  'sheet.export': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'ready' },
    after: { status: 'signed', version: 1, signer: '李静', role: 'manager', fingerprint: FP, file: `/data/exports/${FILE}`, sha256: SHA, monthlyScore: 96.5 },
    shown: ['F-101', '李静', '96.5'],
  },
  'sheet.import': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: null,
    after: { status: 'approved', version: 1, file: SHA, fileName: FILE, monthlyScore: 96.5, signers: [{ role: 'manager', name: '李静', at: '2026-11-02T08:00:00.000Z' }, { role: 'hr', name: '赵敏', at: '2026-11-04T08:00:00.000Z' }] },
    shown: [FILE, '96.5', '李静', '赵敏'],
  },
  'sheet.import-replace': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'approved', version: 1, file: SHA, monthlyScore: 96.5 },
    after: { status: 'approved', version: 1, file: SHA, fileName: FILE, monthlyScore: 97, signers: [{ role: 'manager', name: '李静', at: '2026-11-02T08:00:00.000Z' }] },
    shown: [FILE, '96.5', '97', '李静'],
  },
  'sheet.import-amendment': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'approved', version: 1, file: SHA, monthlyScore: 100 },
    after: { status: 'approved', version: 2, amends: { version: 1, sha256: SHA }, reason: '漏记一次投诉', changes: [], file: SHA, fileName: FILE, monthlyScore: 96, signers: [{ role: 'manager', name: '李静', at: '2026-11-09T08:00:00.000Z' }] },
    shown: [FILE, '漏记一次投诉', '李静'],
  },
  'sheet.return': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'signed' },
    after: { status: 'returned', reason: '第 3 项分数有误', returnedBy: { name: '周敏', role: 'planning' }, note: SHA },
    shown: ['F-101', '第 3 项分数有误', '周敏'],
  },
  'return.ignore': {
    entity: 'sheet',
    entityId: 'F-101/2026-10',
    before: { status: 'approved' },
    after: { status: 'approved', reason: '第 3 项分数有误', returnedBy: { name: '周敏', role: 'planning' }, note: SHA, ignored: 'the sheet is approved, not signed: nothing to reopen' },
    shown: ['第 3 项分数有误', '周敏'],
  },
  'findings.import': {
    entity: 'findings',
    entityId: '2026-10/claims',
    before: { file: 'claims-old.xlsx', importedAt: '2026-11-01T08:00:00.000Z' },
    after: { file: 'claims.xlsx', sha256: SHA, rows: 12, added: 3, updated: 2, needsAmendment: ['F-103'], skipped: ['W-201'], conflicts: ['F-101/claims'] },
    shown: ['claims.xlsx', 'claims-old.xlsx', '12', 'F-103', 'W-201', '2026-10'],
  },
  'figures.save': { entity: 'figures', entityId: 'F-101/2026-10', before: { salaryTotal: 6000, kpis: {} }, after: { salaryTotal: 6500, kpis: {} }, shown: ['F-101', '6000', '6500'] },
  'figures.import': { entity: 'figures', entityId: 'F-101/2026-10', after: { salaryTotal: 6500, kpis: { 'plan-quantity': 60 } }, shown: ['F-101', '6500', '60'] },
  'figures.from-sheet': { entity: 'figures', entityId: 'F-101/2026-10', before: { salaryTotal: 6500, kpis: {} }, after: { salaryTotal: 6500, kpis: { 'actual-quantity': 58 } }, shown: ['58'] },
  'figures.confirm': {
    entity: 'figures',
    entityId: '2026-10',
    after: { confirmed: 3, people: [{ employeeNo: 'F-101', kpis: ['plan-quantity', 'actual-quantity'] }, { employeeNo: 'F-102', kpis: ['actual-quantity'] }] },
    shown: ['2026-10', 'F-101', 'F-102'],
  },
  'figures.conflict': { entity: 'figures', entityId: 'F-101/2026-10', after: { file: SHA, conflicts: [{ kpi: 'actual-quantity', hr: 58, sheet: 59 }] }, shown: ['F-101'] },
  'figures.conflict-resolve': { entity: 'figures', entityId: 'F-101/2026-10', before: { kpi: 'actual-quantity', hrValue: 58, sheetValue: 59, file: SHA }, after: { kept: 'sheet', value: 59 }, shown: ['59'] },
  'figures.take-sheet': { entity: 'figures', entityId: 'F-101/2026-10', before: { salaryTotal: 6500, kpis: { 'actual-quantity': 58 } }, after: { salaryTotal: 6500, kpis: { 'actual-quantity': 59 } }, shown: ['58', '59'] },
  'person.add': { entity: 'person', entityId: '7', after: { employeeNo: 'F-101', name: '孙明', role: 'salesperson', regionId: 1, managerId: null, activeFrom: '2026-01' }, shown: ['F-101', '孙明', '华东区'] },
  'person.edit': { entity: 'person', entityId: '7', before: { employeeNo: 'F-101', name: '孙明', role: 'salesperson' }, after: { employeeNo: 'F-101', name: '孙明明', role: 'salesperson' }, shown: ['孙明明'] },
  'region.add': { entity: 'region', entityId: '1', after: { code: 'EAST', name: '华东区', active: true }, shown: ['EAST', '华东区'] },
  'region.edit': { entity: 'region', entityId: '1', before: { code: 'EAST', name: '华东区', active: true }, after: { code: 'EAST', name: '华东大区', active: true }, shown: ['华东大区'] },
  'region.activate': { entity: 'region', entityId: '1', before: { code: 'EAST', name: '华东区', active: false }, after: { code: 'EAST', name: '华东区', active: true }, shown: ['EAST'] },
  'region.deactivate': { entity: 'region', entityId: '1', before: { code: 'EAST', name: '华东区', active: true }, after: { code: 'EAST', name: '华东区', active: false }, shown: ['EAST'] },
  'user.set': { entity: 'user', entityId: 'local', after: { name: '李静', chainRole: 'manager', regionId: 1 }, shown: ['李静', '华东区'] },
  'paySettings.save': {
    entity: 'pay-settings',
    entityId: '2',
    before: { version: 1, split: { base: 50, plan: 35, assessment: 15 }, bonus: { policy: 'none' }, scoreRate: 'daily' },
    after: { effectiveFrom: '2026-11', split: { base: 40, plan: 40, assessment: 20 }, bonus: { policy: 'per-point', percentPerPoint: 2 }, scoreRate: 'monthly' },
    shown: ['2026-11', '40%', '20%'],
  },
  'backup.restore': { entity: 'database', entityId: 'scorecard-2026-11-01.db', before: { keptAs: 'before-restore.db' }, after: { restored: 'scorecard-2026-11-01.db', schemaVersion: 9 }, shown: ['scorecard-2026-11-01.db', 'before-restore.db'] },
  'rubric.save': {
    entity: 'rubric',
    entityId: 'salesperson@2',
    before: { id: 'salesperson', version: 1, effectiveFrom: '2026-01', hash: SHA },
    after: { id: 'salesperson', version: 2, effectiveFrom: '2026-12', hash: SHA },
    shown: ['2026-12'],
  },
  'rubric.publish': { entity: 'rubric', entityId: 'salesperson@2', after: { hash: SHA, signer: '周敏', fingerprint: FP }, shown: ['周敏'] },
  'rubric.import': {
    entity: 'rubric',
    entityId: 'field-service@3',
    after: { id: 'field-service', version: 3, effectiveFrom: '2027-01', hash: SHA, fileName: 'field-service-3.pdf', signer: { name: '周敏', fingerprint: FP } },
    shown: ['2027-01', 'field-service-3.pdf', '周敏'],
  },
  'identity.create': { entity: 'identity', entityId: FP, after: { fingerprint: FP, name: '李静', role: 'manager', email: 'li.jing@example.com', employeeNo: 'M-201', p12File: 'x.p12' }, shown: ['李静', 'li.jing@example.com', 'M-201'] },
  'identity.import': { entity: 'identity', entityId: FP, after: { fingerprint: FP, name: '周敏', role: 'planning', email: null, employeeNo: null, p12File: 'x.p12' }, shown: ['周敏'] },
  'trust.add': {
    entity: 'trusted-signer',
    entityId: FP,
    after: { name: '赵敏', role: 'hr', email: 'zhao.min@example.com', employeeNo: null, fileName: 'zhao.cer' },
    shown: ['赵敏', 'zhao.min@example.com', 'zhao.cer'],
  },
  'trust.remove': { entity: 'trusted-signer', entityId: FP, before: { name: '赵敏', role: 'hr', email: 'zhao.min@example.com' }, shown: ['赵敏', 'zhao.min@example.com'] },
  'inbox.add': {
    entity: 'file',
    entityId: SHA,
    after: { fileName: FILE, ok: false, failure: { check: 'trust', message: 'signature 1 is by Wang Lei, who is not trusted' }, employeeNo: 'F-101', period: '2026-10', signatures: 1 },
    shown: [FILE],
  },
  'inbox.approve': {
    entity: 'file',
    entityId: SHA,
    before: { state: 'pending' },
    after: { state: 'approved', signer: '周敏', role: 'planning', fingerprint: FP, comment: '同意', employeeNo: 'F-101', period: '2026-10', file: `/data/${FILE}`, sha256: SHA },
    shown: ['F-101', '2026-10', '周敏', '同意'],
  },
  'inbox.return': {
    entity: 'file',
    entityId: SHA,
    before: { state: 'pending' },
    after: { state: 'returned', reason: '第 3 项分数有误', signer: '周敏', role: 'planning', employeeNo: 'F-101', period: '2026-10', note: '/data/note.pdf', sha256: SHA },
    shown: ['F-101', '第 3 项分数有误', '周敏'],
  },
  'inbox.remove': { entity: 'file', entityId: SHA, before: { fileName: FILE, failure: 'signature-present' }, shown: [FILE] },
  'inbox.approveMany': bulk(),
  'inbox.returnMany': bulk(),
};

const entryOf = (action: AuditAction): AuditEntry => {
  const s = SAMPLES[action];
  return { id: 1, at: '2026-11-02T08:00:00.000Z', actor: '李静', action, entity: s.entity, entityId: s.entityId, before: s.before ?? null, after: s.after ?? null };
};

/** What a row shows: the action, the thing changed, and the lines of the change. */
const rowText = (entry: AuditEntry, t: typeof en) => [auditAction(entry.action, t), auditEntity(entry, t), ...auditSummary(entry, t, lookupsIn(t === zh ? 'zh' : 'en'))];

/** The data the samples carry, shown as it is in either language (people, regions, numbers, months). */
const DATA = ['孙明明', '孙明', '华东大区', '华东区', '李静', '周敏', '赵敏', 'F-101', 'F-102', 'F-103', 'W-201', 'M-201', 'EAST', '2026-10', '2026-11', '2026-12', '2027-01'];

/** Names of formats a Chinese text may write in Latin letters, as Chinese software does. */
const FORMAT_NAMES = ['PDF'];

describe('every audit action in words', () => {
  it('the list is the services’ own: each action in it is written by a service', () => {
    // The type check makes every action a service writes one of the list; this, that none is stale.
    const dir = join(__dirname, '../../electron/services');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'audit.ts')
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(AUDIT_ACTIONS.filter((a) => !sources.includes(`'${a}'`))).toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it.each([...AUDIT_ACTIONS])('%s: Chinese in the Chinese UI, English in the English UI, with its values', (action) => {
    const entry = entryOf(action);
    const { shown } = SAMPLES[action];
    const zhLines = rowText(entry, zh);
    const enLines = rowText(entry, en);
    for (const lines of [zhLines, enLines]) {
      expect(lines[0]).not.toBe(action);
      for (const line of lines) {
        expect(line.trim(), action).not.toBe('');
        // Never the raw details: no JSON, no kind of thing changed with its id.
        expect(line, line).not.toMatch(/[{}"]/);
        expect(line).not.toBe(`${entry.entity} ${entry.entityId}`);
      }
    }
    const zhText = zhLines.join('\n');
    const enText = enLines.join('\n');
    for (const value of shown) {
      expect(zhText).toContain(value);
      expect(enText).toContain(value);
    }
    const withoutValues = (text: string) => [...shown, ...DATA].sort((a, b) => b.length - a.length).reduce((rest, value) => rest.replaceAll(value, ''), text);
    for (const line of zhLines) {
      const rest = FORMAT_NAMES.reduce((r, name) => r.replaceAll(name, ''), withoutValues(line));
      expect(rest, line).not.toMatch(/[A-Za-z]/);
    }
    expect(withoutValues(zhLines[0]!)).toMatch(/[\u4e00-\u9fff]/);
    for (const line of enLines) expect(withoutValues(line), line).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('rubrics, trusted signers, inbox removals and bulk jobs in both languages', () => {
    expect(rowText(entryOf('rubric.save'), zh)).toEqual(['保存考核细则的新版本', '考核细则:销售员 第 2 版', '第 2 版 · 自 2026-12 起执行', '此前最新:第 1 版']);
    expect(rowText(entryOf('rubric.save'), en)).toEqual(['Rubric version saved', 'Rubric: Salesperson, version 2', 'version 2 · in force from 2026-12', 'the latest before: version 1']);
    expect(rowText(entryOf('trust.add'), zh)).toEqual(['添加受信任的签名人', '赵敏(人力资源部)', '人力资源部 · zhao.min@example.com', '来自 zhao.cer']);
    expect(rowText(entryOf('trust.remove'), en)).toEqual(['Signer no longer trusted', '赵敏 (Human resources)', 'Human resources · zhao.min@example.com']);
    expect(rowText(entryOf('inbox.remove'), zh)).toEqual(['从收件箱移除文件', FILE, `未通过验证(${zh.approvals.checks['signature-present']});收到的原文件保持不变`]);
    expect(rowText(entryOf('inbox.approveMany'), zh)).toEqual(['批量审批评分表', '批量任务', '由 周敏(销售计划部) 签署 4 份,跳过 1 份', '跳过:F-102-2026-10.pdf', '3 份沿用了收到时的验证结果']);
    expect(rowText(entryOf('inbox.returnMany'), en)).toEqual([
      'Sheets returned together',
      'Bulk job',
      'by 周敏 (Sales planning): 4 sheets returned, 1 skipped',
      'skipped: F-102-2026-10.pdf',
      'the check made on arrival used again for 3 sheets',
    ]);
  });

  it('a region summary removed from the inbox (it verified: no failure stored) is not called refused', () => {
    const summary: AuditEntry = { ...entryOf('inbox.remove'), before: { fileName: 'EAST-2026-10.pdf', failure: null } };
    expect(rowText(summary, en)).toEqual(['File removed from the inbox', 'EAST-2026-10.pdf', 'the file received stays where it is']);
    expect(rowText(summary, zh)).toEqual(['从收件箱移除文件', 'EAST-2026-10.pdf', '收到的原文件保持不变']);
  });

  it('a version number missing or not a number is left unsaid, never shown as NaN', () => {
    const rubric: AuditEntry = { ...entryOf('rubric.save'), before: { id: 'salesperson', effectiveFrom: '2026-01' } };
    expect(rowText(rubric, en)).toEqual(['Rubric version saved', 'Rubric: Salesperson, version 2', 'version 2 · in force from 2026-12']);
    expect(rowText(rubric, zh)).toEqual(['保存考核细则的新版本', '考核细则:销售员 第 2 版', '第 2 版 · 自 2026-12 起执行']);
    const noVersions: AuditEntry = { ...rubric, after: { id: 'salesperson', effectiveFrom: '2026-12' } };
    expect(auditSummary(noVersions, en, lookupsIn('en'))).toEqual(['in force from 2026-12']);
    const pay: AuditEntry = { ...entryOf('paySettings.save'), entityId: 'latest' };
    expect(auditEntity(pay, en)).toBe('Pay settings, in force from 2026-11');
    expect(auditEntity(pay, zh)).toBe('薪酬设置,自 2026-11 起执行');
    expect(auditEntity({ ...pay, entityId: '', after: null }, en)).toBe('Pay settings');
    expect(auditEntity({ ...pay, entityId: '', after: null }, zh)).toBe('薪酬设置');
    expect(auditEntity(entryOf('paySettings.save'), en)).toBe('Pay settings v2, in force from 2026-11');
    for (const entry of [rubric, noVersions, pay, { ...pay, entityId: '' }]) {
      for (const t of [en, zh]) expect(rowText(entry, t).join('\n')).not.toMatch(/NaN/);
    }
  });

  it('an action this app does not know (an older database’s) is shown as recorded', () => {
    const entry: AuditEntry = { ...entryOf('inbox.remove'), action: 'legacy.thing', entity: 'thing', entityId: '9', before: null, after: { a: 1 } };
    expect(auditAction(entry.action, zh)).toBe('legacy.thing');
    expect(auditSummary(entry, zh, lookupsIn('zh'))).toEqual(['{"a":1}']);
  });

  it('a stored value named like a built-in property of an object (toString, constructor) is shown as it is', () => {
    const user: AuditEntry = { ...entryOf('user.set'), before: null, after: { name: '李静', chainRole: 'constructor', regionId: null } };
    expect(auditSummary(user, zh, lookupsIn('zh'))).toEqual(['李静 · constructor']);
    const sheet: AuditEntry = { ...entryOf('sheet.export'), before: { status: 'toString' }, after: { status: 'valueOf', signer: '李静', role: 'toString' } };
    expect(auditSummary(sheet, en, lookupsIn('en'))[0]).toMatch(/^toString → valueOf/);
    expect(auditSummary(sheet, en, lookupsIn('en'))[1]).toBe('signed by 李静 (toString)');
    const removed: AuditEntry = { ...entryOf('inbox.remove'), before: { fileName: FILE, failure: 'constructor' } };
    expect(auditSummary(removed, en, lookupsIn('en'))).toEqual(['it did not verify (constructor); the file received stays where it is']);
  });
});
