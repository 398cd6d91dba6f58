/** Who assesses an item and what counts as on time, in words (shared/rubric/describe.ts), both languages. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { describeAssessedBy, describeDeadline } from '../../shared/rubric/describe.ts';
import { leafItems, type ItemNode, type Rubric } from '../../shared/rubric/schema.ts';

const rubric = (id: string, version: number): Rubric => BUILTIN_RUBRICS.find((r) => r.id === id && r.version === version)!;
const item = (r: Rubric, id: string): ItemNode => leafItems(r.items).find((l) => l.item.id === id)!.item;

describe('describeAssessedBy', () => {
  const fs = rubric('field-service', 2);
  it('names the departments as a sentence: 由索赔组考核 / Assessed by the claims group', () => {
    expect(describeAssessedBy(item(fs, 'special'), 'zh')).toBe('由索赔组考核');
    expect(describeAssessedBy(item(fs, 'special'), 'en')).toBe('Assessed by the claims group');
    expect(describeAssessedBy(item(fs, 'complaints'), 'zh')).toBe('由现场管理组、函电组考核');
    expect(describeAssessedBy(item(fs, 'complaints'), 'en')).toBe('Assessed by the field management and correspondence groups');
    expect(describeAssessedBy(item(fs, 'whereabouts'), 'en')).toBe('Assessed by the field management, correspondence, claims, technical and parts groups');
  });

  it('a receiving department that is not a group keeps its own name', () => {
    const sp = rubric('salesperson', 2);
    expect(describeAssessedBy(item(sp, 'ad-plan'), 'zh')).toBe('由广告信息部考核');
    expect(describeAssessedBy(item(sp, 'ad-plan'), 'en')).toBe('Assessed by the advertising and information department');
    expect(describeAssessedBy(item(sp, 'dealer.terminal-daily-report'), 'en')).toBe('Assessed by the regional planner');
    expect(describeAssessedBy(item(sp, 'weekly-report.plan'), 'en')).toBeNull();
  });

  it('every item of field-service@2 says who assesses it, in Chinese without English words', () => {
    for (const { item: node } of leafItems(fs.items)) expect(describeAssessedBy(node, 'zh')).toMatch(/^由[^A-Za-z]+考核$/);
  });

  it('version 1 words its scoredBy text; salesperson@1 says nothing', () => {
    const v1 = rubric('field-service', 1);
    expect(describeAssessedBy(item(v1, 'service-center.claims'), 'zh')).toBe('由索赔组考核');
    expect(describeAssessedBy(item(v1, 'service-center.claims'), 'en')).toBe('Assessed by: Claims group');
    for (const { item: node } of leafItems(rubric('salesperson', 1).items)) expect(describeAssessedBy(node, 'en')).toBeNull();
  });
});

describe('describeDeadline says the day or the time itself is on time', () => {
  const cases = [
    [{ kind: 'day-of-month', day: 13 }, '每月13日前(含13日)', 'by the 13th of the month (the 13th counts as on time)'],
    [{ kind: 'day-of-next-month', day: 8 }, '次月8日前(含8日)', 'by the 8th of the next month (the 8th counts as on time)'],
    [{ kind: 'days-after-event', days: 5, event: { zh: '活动结束', en: 'the promotion ends' } }, '活动结束后5日内(含第5日)', 'within 5 days after the promotion ends (the 5th day counts as on time)'],
    [{ kind: 'same-day', time: '16:00', event: { zh: '终端销售', en: 'the terminal sale' } }, '终端销售当日16:00前(含16:00)', 'by 16:00 on the day of the terminal sale (16:00 counts as on time)'],
  ] as const;
  it.each(cases)('%o', (deadline, zh, en) => {
    expect(describeDeadline(deadline, 'zh')).toBe(zh);
    expect(describeDeadline(deadline, 'en')).toBe(en);
  });
});
