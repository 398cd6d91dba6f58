/**
 * Every rule a problem can carry (shared/problems.ts ProblemRule) is worded in both languages,
 * with its numbers: the sheet editor shows "要求 4 到 10 之间的数…" to a Chinese user, not the
 * backend's English.
 */
import { describe, expect, it } from 'vitest';
import type { ProblemRule } from '../../shared/problems.ts';
import { fieldText, ruleText } from '../../renderer/app/ruleText.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const DICTIONARIES = { zh, en };

/** One of each code (the type makes this list complete: a new code without a sample fails to compile below). */
const SAMPLES: { [C in ProblemRule['code']]: Extract<ProblemRule, { code: C }> } = {
  'whole-number': { code: 'whole-number', min: 0, max: 99 },
  amount: { code: 'amount', min: 4, max: 10 },
  number: { code: 'number', min: 0, max: 200, decimals: 4, unit: 'percent' },
  'note-length': { code: 'note-length', max: 2000 },
  'at-most': { code: 'at-most', max: 31 },
  date: { code: 'date' },
  'date-time': { code: 'date-time' },
  'date-in-month': { code: 'date-in-month', period: '2026-10' },
  'date-once': { code: 'date-once' },
  required: { code: 'required' },
  identifier: { code: 'identifier', max: 20 },
  'once-in-file': { code: 'once-in-file', line: 7 },
  'one-line': { code: 'one-line' },
  role: { code: 'role', names: ['销售员', '区域经理'], ids: ['salesperson', 'regional-manager'] },
  'region-needed': { code: 'region-needed', roles: ['部长以上'] },
  region: { code: 'region', regions: ['华东', 'North'], more: 3 },
  'region-code': { code: 'region-code', codes: ['R01', 'R07'] },
  'active-region': { code: 'active-region', regions: ['华东'], more: 0 },
  month: { code: 'month' },
  'month-up-to': { code: 'month-up-to', month: '2026-08' },
  'known-employee': { code: 'known-employee' },
  'assessed-in': { code: 'assessed-in', period: '2026-10', name: '王磊', from: '2024-01', to: '2026-06' },
  'in-view': { code: 'in-view', period: '2026-10', name: '王磊', region: true },
  'roster-name': { code: 'roster-name', employeeNo: 'S-0001', name: '王磊' },
  'unique-employee-no': { code: 'unique-employee-no' },
  'unique-region-code': { code: 'unique-region-code' },
  sum: { code: 'sum', total: 100, sum: 99.5 },
  'header-columns': { code: 'header-columns', missing: ['工号 / employee no', '区域 / region'] },
  'one-column': { code: 'one-column', column: '工号', columns: [{ at: 1, header: '工号' }, { at: 4, header: 'Employee No' }] },
  'value-column': { code: 'value-column', salary: '工资总额 / salary total', examples: ['销售计划数量', '实际销售数量'] },
  'month-from': { code: 'month-from', month: '2026-03' },
  passphrase: { code: 'passphrase' },
  'identity-file': { code: 'identity-file', file: 'certificate' },
  'certificate-role': { code: 'certificate-role', role: 'planning' },
  file: { code: 'file', reason: { code: 'xlsx-not-zip', fileName: 'roster.xlsx' } },
  email: { code: 'email' },
  'chain-role': { code: 'chain-role' },
  'finding-item': { code: 'finding-item', rubric: 'field-service@2', department: 'claims', items: [{ zh: '驻区去向', en: 'Whereabouts on post' }, { zh: '索赔单填写', en: 'Claim forms' }] },
  'not-assessed-by': { code: 'not-assessed-by', item: { zh: '用户投诉', en: 'Customer complaints' }, department: 'claims', assessors: ['field-management', 'correspondence'], items: [{ zh: '索赔单填写', en: 'Claim forms' }] },
  'finding-columns': { code: 'finding-columns', item: { zh: '工作素质', en: 'Competence' }, columns: ['等级', '扣分'] },
  'one-of': { code: 'one-of', options: [{ zh: '熟练掌握', en: 'Proficient' }, { zh: '基本胜任', en: 'Adequate' }] },
  'one-grade': { code: 'one-grade', line: 4 },
  'finding-open': { code: 'finding-open' },
  'finding-choice-waiting': { code: 'finding-choice-waiting', name: '王强', items: [{ zh: '工作素质', en: 'Competence' }] },
};

/**
 * Keys whose value is worded (a unit, a kind of file, a step of the chain, a file's reason:
 * test/renderer/refusals.test.ts; a department by its name, titles in the UI's language: below), not shown as it is.
 */
const WORDED = ['code', 'unit', 'file', 'role', 'reason', 'department', 'assessors', 'item', 'items', 'options'];

/** The rule's values as they must appear in its wording (a list: each of its items; a count of 0 need not). */
const shownValues = (rule: ProblemRule): string[] =>
  Object.entries(rule)
    .filter(([k, v]) => !WORDED.includes(k) && typeof v !== 'boolean' && v !== null && !(k === 'more' && v === 0))
    .flatMap(([, v]) => (Array.isArray(v) ? v.flatMap((item) => (typeof item === 'object' ? Object.values(item as object).map(String) : [String(item)])) : [String(v)]));

describe('problem rules in words', () => {
  it.each(Object.values(SAMPLES))('%j: both languages, with the rule’s numbers', (rule) => {
    const zh = ruleText(rule, DICTIONARIES.zh);
    const en = ruleText(rule, DICTIONARIES.en);
    // The values (numbers, the file's own words such as 销售员 or a region's name) appear as they
    // are; the code and the unit are worded, in the UI's language only.
    const values = shownValues(rule);
    for (const value of values) {
      expect(zh).toContain(value);
      expect(en).toContain(value);
    }
    const withoutValues = (text: string) => values.reduce((rest, value) => rest.replaceAll(value, ''), text);
    expect(withoutValues(zh)).toMatch(/[\u4e00-\u9fff]/);
    expect(withoutValues(zh)).not.toMatch(/\b(from|number|text|characters|each|at most|region|role|month|line|value)\b/);
    expect(withoutValues(en)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a person assessed until now, and the month grid rather than a region', () => {
    expect(ruleText({ code: 'assessed-in', period: '2026-10', name: '王磊', from: '2026-11', to: null }, DICTIONARIES.zh)).toBe('2026-10 参加考核的人员(王磊 的考核期为 2026-11 – 至今)');
    expect(ruleText({ code: 'in-view', period: '2026-10', name: '王磊', region: false }, DICTIONARIES.en)).toBe('one of the people of the month grid in 2026-10 (王磊 is not)');
  });

  it('a department’s findings: departments by name, titles and options in the UI’s language', () => {
    expect(ruleText(SAMPLES['not-assessed-by'], DICTIONARIES.zh)).toBe('索赔组考核的项目(“用户投诉”由现场管理组、函电组考核;本部门考核:索赔单填写)');
    expect(ruleText(SAMPLES['not-assessed-by'], DICTIONARIES.en)).toBe('an item Claims group assesses (Customer complaints is assessed by Field management group, Correspondence group; this department assesses Claim forms)');
    expect(ruleText(SAMPLES['finding-item'], DICTIONARIES.zh)).toBe('此人考核表(field-service@2)中由索赔组考核的项目(填代码或名称):驻区去向、索赔单填写');
    expect(ruleText(SAMPLES['one-of'], DICTIONARIES.en)).toBe('one of Proficient, Adequate');
    expect(ruleText(SAMPLES['one-of'], DICTIONARIES.zh)).toBe('以下之一:熟练掌握、基本胜任');
  });

  it('the English wording of a range', () => {
    expect(ruleText(SAMPLES.amount, DICTIONARIES.en)).toBe('a number from 4 to 10, at most 2 decimals');
    expect(ruleText(SAMPLES['whole-number'], DICTIONARIES.zh)).toBe('0 到 99 之间的整数');
    expect(ruleText(SAMPLES.number, DICTIONARIES.zh)).toBe('0 到 200 之间的数(百分比),最多 4 位小数');
    expect(ruleText({ code: 'number', min: 0, max: 10_000_000, decimals: 2, unit: 'yuan' }, DICTIONARIES.en)).toBe('a number from 0 to 10000000 (yuan), at most 2 decimals');
  });
});

describe('a problem’s place in a file, in words', () => {
  it('a header line and a line’s column in either language; other fields as they are', () => {
    expect(fieldText('line 1 (header)', zh)).toBe('第 1 行(表头)');
    expect(fieldText('line 12, 工号 (employee no)', zh)).toBe('第 12 行,工号 (employee no)');
    expect(fieldText('line 7, role', en)).toBe('line 7, role');
    expect(fieldText('sheets[3].status', zh)).toBe('sheets[3].status');
    // An uploaded file refused as a whole (the imports' problem on `file`).
    expect(fieldText('file', zh)).toBe('文件');
    expect(fieldText('file', en)).toBe('the file');
    expect(fieldText('dataBase64', zh)).toBe('文件');
  });
});
