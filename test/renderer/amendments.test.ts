/**
 * The renderer's amendment rules and words: who is offered 修订… (the app of the sheet's first
 * step, as sheets.amend decides), the reason's bounds (as the contract trims and bounds it), an
 * item's recorded value in words, and a sheet's versions as its history lists them.
 */
import { describe, expect, it } from 'vitest';
import { AMEND_REASON_MAX, amendmentChanges, type AmendedItemState } from '../../shared/amendment.ts';
import { contract } from '../../shared/api/contract.ts';
import type { SheetRecord, SheetVersionInfo } from '../../shared/api/types.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { leafItems, type ItemNode } from '../../shared/rubric/schema.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import type { SheetInput } from '../../shared/scoring/input.ts';
import { describeItemState, historyRows } from '../../renderer/app/amendmentText.ts';
import { amendAuthor, reasonProblem } from '../../renderer/features/scoring/amend.ts';
import { amendEn, amendZh } from '../../renderer/i18n/amendments.ts';
import { auditAction, auditSummary } from '../../renderer/features/settings/auditSummary.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const salesperson = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson' && r.version === 1)!;
const node = (id: string): ItemNode => leafItems(salesperson.items).find(({ item }) => item.id === id)!.item;
const state = (value: AmendedItemState['value'], extra: Partial<AmendedItemState> = {}): AmendedItemState => ({ value, points: 0, deduction: 0, ...extra });

describe('who is offered 修订…', () => {
  it('the first step of the person’s chain only: the manager for a salesperson and a field-service representative, sales planning for a regional manager', () => {
    expect(amendAuthor('salesperson', 'manager')).toEqual({ can: true, first: 'manager', mine: 'manager' });
    expect(amendAuthor('field-service', 'manager').can).toBe(true);
    for (const later of ['planning', 'vp', 'hr'] as const) expect(amendAuthor('salesperson', later)).toEqual({ can: false, first: 'manager', mine: later });
    expect(amendAuthor('regional-manager', 'planning')).toEqual({ can: true, first: 'planning', mine: 'planning' });
    expect(amendAuthor('regional-manager', 'manager')).toEqual({ can: false, first: 'planning', mine: 'manager' });
    expect(amendAuthor('salesperson', null)).toEqual({ can: false, first: 'manager', mine: null });
  });
});

describe('the reason', () => {
  const schema = contract['sheets.amend'].input;
  const call = (reason: string) => schema.safeParse({ personId: 1, period: '2026-12', entry: { items: {}, absences: [], handIns: {} }, reason, expectedRevision: 1 }).success;

  it('is required: empty or only spaces is missing, as the contract refuses it', () => {
    expect(reasonProblem('')).toEqual({ kind: 'missing' });
    expect(reasonProblem(' \n\t ')).toEqual({ kind: 'missing' });
    expect(call('   ')).toBe(false);
  });

  it('is 1 to 2000 characters once trimmed, at the boundaries as the contract decides', () => {
    expect(AMEND_REASON_MAX).toBe(2000);
    for (const [reason, ok] of [
      ['x', true],
      ['修'.repeat(2000), true],
      [`  ${'x'.repeat(2000)}  `, true],
      ['x'.repeat(2001), false],
    ] as const) {
      expect(reasonProblem(reason) === null, reason.slice(0, 10)).toBe(ok);
      expect(call(reason), reason.slice(0, 10)).toBe(ok);
    }
    expect(reasonProblem('x'.repeat(2001))).toEqual({ kind: 'too-long', length: 2001 });
  });
});

describe('an item recorded, in words', () => {
  it('names what the rule records, in either language, and "nothing recorded" for full marks', () => {
    expect(describeItemState(state({ violated: true }), node('vehicle'), 'zh', amendZh)).toBe('违反');
    expect(describeItemState(state({ violated: true }), node('vehicle'), 'en', amendEn)).toBe('violated');
    expect(describeItemState(state(null), node('vehicle'), 'zh', amendZh)).toBe('无扣分记录');
    expect(describeItemState(state({}), node('vehicle'), 'en', amendEn)).toBe('nothing recorded');
    expect(describeItemState(state({ occurrences: 2 }), node('ad-plan'), 'zh', amendZh)).toBe('2 次');
    expect(describeItemState(state({ occurrences: 1 }), node('ad-plan'), 'en', amendEn)).toBe('1 time');
    expect(describeItemState(state({ falsified: true, note: ' 重复填报 ' }), node('market-feedback'), 'zh', amendZh)).toBe('发现不实，备注“重复填报”');
    expect(describeItemState(state({ points: 3 }), node('quality-feedback'), 'en', amendEn)).toBe('3 points given');
    expect(describeItemState(state(null, { handIns: [{ date: '2026-12-03' }, { date: '2026-12-09' }] }), node('ad-plan'), 'zh', amendZh)).toBe('上交记录 2 条');
  });

  it('names a grade and an incident kind by their titles from the rubric, by their ids without it', () => {
    const graded = BUILTIN_RUBRICS.flatMap((r) => leafItems(r.items).map(({ item }) => item)).find((i) => i.rule.kind === 'grade');
    if (graded && graded.rule.kind === 'grade') {
      const g = graded.rule.grades[0]!;
      expect(describeItemState(state({ grade: g.id }), graded, 'zh', amendZh)).toBe(g.title.zh);
      expect(describeItemState(state({ grade: g.id }), undefined, 'zh', amendZh)).toBe(g.id);
    }
    const withIncidents = BUILTIN_RUBRICS.flatMap((r) => leafItems(r.items).map(({ item }) => item)).find((i) => i.rule.kind === 'incidents');
    if (withIncidents && withIncidents.rule.kind === 'incidents') {
      const k = withIncidents.rule.incidents[0]!;
      expect(describeItemState(state({ incidents: [{ kind: k.id, deduction: 2, severe: true }] }), withIncidents, 'zh', amendZh)).toBe(`${k.title.zh} −2（严重）`);
      expect(describeItemState(state({ incidents: [{ kind: k.id, deduction: 2 }] }), withIncidents, 'en', amendEn)).toBe(`${k.title.en} −2`);
    }
    expect(graded ?? withIncidents).toBeDefined();
  });
});

describe('a sheet’s versions, as the history lists them', () => {
  const input = (items: SheetInput['items']): SheetInput => ({ rubric: 'salesperson@1', period: '2026-12', absences: [], items, handIns: {} });
  const v1 = { input: input({}), result: scoreSheet(input({}), salesperson) };
  const v2 = { input: input({ vehicle: { violated: true } }), result: scoreSheet(input({ vehicle: { violated: true } }), salesperson) };
  const diff = amendmentChanges(v1, v2);
  const SHA1 = '1'.repeat(64);
  const SHA2 = '2'.repeat(64);
  const kept = (version: number, extra: Partial<SheetVersionInfo> = {}): SheetVersionInfo => ({
    version,
    sha256: version === 1 ? SHA1 : SHA2,
    fileSha256: null,
    signedAt: `2026-12-0${version}T10:00:00.000Z`,
    reason: version === 1 ? null : '漏记车辆违规',
    amendsSha256: version === 1 ? null : SHA1,
    rubric: 'salesperson@1',
    monthlyScore: version === 1 ? v1.result.monthlyScore : v2.result.monthlyScore,
    changes: version === 1 ? null : diff,
    ...extra,
  });
  const record = (r: Partial<Pick<SheetRecord, 'versions' | 'amendment' | 'status'>>): Pick<SheetRecord, 'versions' | 'amendment' | 'result' | 'status'> => ({
    versions: [],
    amendment: null,
    status: 'signed',
    result: v2.result,
    ...r,
  });

  it('a signed version 1 alone is the current one', () => {
    expect(historyRows(record({ versions: [kept(1)] }))).toMatchObject([{ version: 1, state: 'current', amendedBy: null, sha256: SHA1, changes: null }]);
  });

  it('an amendment saved and not exported is on top, unsent, with its reason and changes; version 1 is amended by it', () => {
    const rows = historyRows(record({ status: 'ready', versions: [kept(1)], amendment: { version: 2, amends: { version: 1, sha256: SHA1 }, reason: '漏记车辆违规', changes: diff } }));
    expect(rows).toMatchObject([
      { version: 2, state: 'unsent', at: null, sha256: null, reason: '漏记车辆违规', monthlyScore: v2.result.monthlyScore },
      { version: 1, state: 'amended', amendedBy: 2, sha256: SHA1 },
    ]);
    expect(rows[0]!.changes!.changes.map((c) => c.item)).toEqual(['vehicle']);
    expect(rows[0]!.changes!.scores.before.monthlyScore).toBeGreaterThan(rows[0]!.changes!.scores.after.monthlyScore);
  });

  it('at HR both versions kept, the newest current with its imported file; no unsent row once exported', () => {
    const rows = historyRows(record({ status: 'approved', versions: [kept(1, { fileSha256: 'a'.repeat(64) }), kept(2, { fileSha256: 'b'.repeat(64) })], amendment: { version: 2, amends: { version: 1, sha256: SHA1 }, reason: '漏记车辆违规' } }));
    expect(rows.map((r) => [r.version, r.state, r.amendedBy, r.fileSha256?.[0]])).toEqual([
      [2, 'current', null, 'b'],
      [1, 'amended', 2, 'a'],
    ]);
  });

  it('a sheet never signed has no history', () => {
    expect(historyRows(record({ status: 'draft' }))).toEqual([]);
  });
});

describe('the Chinese words', () => {
  it('hold no English word beyond SHA-256', () => {
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'function') texts.push(String((value as (...a: unknown[]) => unknown)(2, 'x1', 'x2')));
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(amendZh);
    for (const text of texts) expect(text.replace(/SHA-256/g, '').replace(/x[12]/g, ''), text).not.toMatch(/[A-Za-z]{2,}/);
  });
});

describe('the audit log', () => {
  it('names an amendment and its import, and gives the version and reason with the items changed', () => {
    expect(auditAction('sheet.amend', zh)).toBe('修订已签署的评分表');
    expect(auditAction('sheet.import-amendment', en)).toBe('Import an approved amendment');
    const lookups = { itemTitle: (_rubric: string, id: string) => (id === 'vehicle' ? '周转车辆管理' : id), regionName: () => undefined, personName: () => undefined };
    const entry = {
      id: 1,
      at: '2026-12-07T10:00:00.000Z',
      actor: '王磊',
      action: 'sheet.amend',
      entity: 'sheet',
      entityId: 'S-101/2026-10',
      before: { status: 'signed', version: 1, input: { rubric: 'salesperson@1', items: {} }, monthlyScore: 90.4 },
      after: { status: 'ready', version: 2, reason: '漏记车辆违规', input: { rubric: 'salesperson@1', items: { vehicle: { violated: true } } }, monthlyScore: 86.9 },
    };
    const lines = auditSummary(entry, zh, lookups);
    expect(lines.join('\n')).toContain('周转车辆管理');
    expect(lines.at(-1)).toBe('第 2 版 · 原因：漏记车辆违规');
    // An ordinary save says nothing of versions.
    expect(auditSummary({ ...entry, action: 'sheet.edit' }, zh, lookups).join('\n')).not.toContain('原因');
  });
});
