/**
 * Every rule a problem can carry (shared/problems.ts ProblemRule) is worded in both languages,
 * with its numbers: the sheet editor shows "要求 4 到 10 之间的数…" to a Chinese user, not the
 * backend's English.
 */
import { describe, expect, it } from 'vitest';
import type { ProblemRule } from '../../shared/problems.ts';
import { ruleText } from '../../renderer/app/ruleText.ts';
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
};

describe('problem rules in words', () => {
  it.each(Object.values(SAMPLES))('%j: both languages, with the rule’s numbers', (rule) => {
    const zh = ruleText(rule, DICTIONARIES.zh);
    const en = ruleText(rule, DICTIONARIES.en);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/\b(from|number|text|characters|each|at most)\b/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    // The numbers appear as they are; the code and the unit are worded.
    for (const value of Object.entries(rule).filter(([k]) => k !== 'code' && k !== 'unit').map(([, v]) => String(v))) {
      expect(zh).toContain(value);
      expect(en).toContain(value);
    }
  });

  it('the English wording of a range', () => {
    expect(ruleText(SAMPLES.amount, DICTIONARIES.en)).toBe('a number from 4 to 10, at most 2 decimals');
    expect(ruleText(SAMPLES['whole-number'], DICTIONARIES.zh)).toBe('0 到 99 之间的整数');
    expect(ruleText(SAMPLES.number, DICTIONARIES.zh)).toBe('0 到 200 之间的数(百分比),最多 4 位小数');
    expect(ruleText({ code: 'number', min: 0, max: 10_000_000, decimals: 2, unit: 'yuan' }, DICTIONARIES.en)).toBe('a number from 0 to 10000000 (yuan), at most 2 decimals');
  });
});
