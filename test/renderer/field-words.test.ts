/**
 * A sheet's field problems name their place in the UI's language: "客户拜访纪实 · 得分", "第 2 次缺勤 · 日期",
 * never "客户拜访纪实 points" or "absences[1].date" (renderer/app/ruleText.ts sheetFieldParts and
 * fieldText, used by the sheet editor's problem list, its items and FailureAlert's problemText).
 */
import { describe, expect, it } from 'vitest';
import { fieldText, problemText, sheetFieldParts } from '../../renderer/app/ruleText.ts';
import { paths } from '../../renderer/features/scoring/draft.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const TITLES: Record<string, { zh: string; en: string }> = {
  'customer-visits': { zh: '客户拜访纪实', en: 'Customer visit records' },
  ad: { zh: '广告', en: 'Advertising' },
};

/** Every field path the sheet input can produce (shared/scoring/input.ts), for an id that needs quoting and one that does not. */
function sheetPaths(): string[] {
  const out: string[] = ['absences'];
  for (const id of Object.keys(TITLES)) {
    out.push(paths.item(id));
    for (const f of ['points', 'occurrences', 'grade', 'deduction', 'note', 'doubled', 'violated', 'falsified', 'incidents']) out.push(paths.field(id, f));
    for (const i of [0, 3]) {
      out.push(`${paths.field(id, 'incidents')}[${i}]`);
      for (const f of ['kind', 'deduction', 'note', 'severe']) out.push(paths.incident(id, i, f));
      out.push(paths.handInRow(id, i), paths.handIn(id, i, 'date'), paths.handIn(id, i, 'event'));
    }
    out.push(paths.handIns(id));
  }
  for (const i of [0, 1, 30]) out.push(`absences[${i}]`, paths.absence(i, 'date'), paths.absence(i, 'length'));
  return out;
}

describe('a sheet field’s place in words', () => {
  it('the examples: an item’s points, the second absence’s date, an incident, a hand-in', () => {
    const title = (lang: 'zh' | 'en') => (id: string) => TITLES[id]?.[lang];
    expect(sheetFieldParts(paths.field('customer-visits', 'points'), zh, title('zh'))).toEqual(['客户拜访纪实', '得分']);
    expect(sheetFieldParts('absences[1].date', zh)).toEqual(['第 2 次缺勤', '日期']);
    expect(sheetFieldParts('absences[1].date', en)).toEqual(['Absence 2', 'date']);
    expect(sheetFieldParts(paths.incident('ad', 0, 'deduction'), zh, title('zh'))).toEqual(['广告', '第 1 项事件', '扣分']);
    expect(sheetFieldParts(paths.handIn('customer-visits', 2, 'event'), en, title('en'))).toEqual(['Customer visit records', 'hand-in 3', 'event date']);
    expect(fieldText('absences[1].date', zh)).toBe('第 2 次缺勤 · 日期');
    expect(problemText({ field: paths.field('customer-visits', 'points'), value: 11, expected: 'a number from 0 to 10', rule: { code: 'amount', min: 0, max: 10 } }, zh, true, title('zh'))).toBe(
      '客户拜访纪实 · 得分: 当前值 11; 要求 0 到 10 之间的数,最多两位小数',
    );
    // Not a sheet's path: as before.
    expect(sheetFieldParts('period', zh)).toBeNull();
    expect(fieldText('sheets[3].status', zh)).toBe('sheets[3].status');
  });

  it.each(sheetPaths())('%s: no ASCII field name in Chinese, no Chinese in English', (field) => {
    const zhText = fieldText(field, zh, (id) => TITLES[id]?.zh);
    const enText = fieldText(field, en, (id) => TITLES[id]?.en);
    expect(zhText).not.toMatch(/[A-Za-z[\]"]/);
    expect(zhText).toMatch(/[\u4e00-\u9fff]/);
    expect(enText).not.toMatch(/[\u4e00-\u9fff[\]"]/);
    expect(enText).not.toMatch(/\b(absences|handIns|items|occurrences\.|incidents\[)/);
  });
});
