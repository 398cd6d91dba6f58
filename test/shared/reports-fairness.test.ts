/** Fairness (shared/reports/fairness.ts): calibration flags, deductions without a note, and sheets in plain words (explain.ts). */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import { explainSheet } from '../../shared/reports/explain.ts';
import { calibration, calibrationFlags, CALIBRATION, fairnessOf, unexplainedDeductions, type FairnessSheet } from '../../shared/reports/fairness.ts';
import { moments } from '../../shared/reports/stats.ts';
import { scoreFileExample } from '../helpers/examples.ts';

const rubric = (id: string) => BUILTIN_RUBRICS.find((r) => r.id === id)!;
const clean = scoreInput({ rubric: 'salesperson', period: '2026-10', items: {} });
const sheetOf = (scorer: string, monthlyScore: number, i: number): FairnessSheet => ({ personId: i, period: '2026-10', status: 'ready', monthlyScore, scorer, regionKey: 'EAST', result: clean, items: {} });
const h = (scores: number[]) => moments(scores.map((s) => Math.round(s * 100)));

describe('calibration', () => {
  it('the thresholds: mean more than 5 points off, spread below half or above double, at least 5 sheets', () => {
    expect(CALIBRATION).toEqual({ meanGap: 5, spreadLow: 0.5, spreadHigh: 2, minSheets: 5 });
  });

  it('flags the mean only beyond the gap, exactly', () => {
    const company = h([80, 90, 80, 90]); // mean 85, spread 5
    expect(calibrationFlags(h([90, 90, 90, 90, 90]), company)).toEqual(['spread-low']); // +5 is not more than 5
    expect(calibrationFlags(h([90.01, 90.01, 90.01, 90.01, 90.01]), company)).toEqual(['mean-high', 'spread-low']);
    expect(calibrationFlags(h([75, 85, 75, 85, 80]), company)).toEqual([]);
    expect(calibrationFlags(h([70, 80, 75, 85, 75]), company)).toEqual(['mean-low']); // mean 77: 8 below
  });

  it('flags the spread at half and double the company spread, not at the boundary', () => {
    const company = h([80, 90]); // spread 5
    // spread exactly 2.5 (half) is not below half; exactly 10 (double) is not above double
    expect(calibrationFlags(h([82.5, 87.5, 82.5, 87.5, 82.5, 87.5]), company)).toEqual([]);
    expect(calibrationFlags(h([82.6, 87.4, 82.6, 87.4, 82.6, 87.4]), company)).toEqual(['spread-low']);
    expect(calibrationFlags(h([75, 95, 75, 95, 75, 95]), company)).toEqual([]);
    expect(calibrationFlags(h([74.9, 95.1, 74.9, 95.1, 74.9, 95.1]), company)).toEqual(['spread-high']);
  });

  it('too few sheets: listed, not flagged', () => {
    expect(calibrationFlags(h([40, 40, 40, 40]), h([80, 90]))).toEqual([]);
  });

  it('calibration rows: flagged scorers first, with count, mean and spread', () => {
    const sheets = [...[60, 62, 61, 60, 62].map((s, i) => sheetOf('严经理', s, i)), ...[80, 90, 85, 95, 75, 88, 92].map((s, i) => sheetOf('宽经理', s, 100 + i)), sheetOf('新经理', 99, 200)];
    const { company, rows } = calibration(sheets);
    expect(company.count).toBe(13);
    expect(rows[0]).toMatchObject({ scorer: '严经理', count: 5, mean: 61, flags: ['mean-low', 'spread-low'] });
    expect(rows.find((r) => r.scorer === '新经理')).toMatchObject({ count: 1, flags: [] });
  });

  it('each row says its verdict: below the minimum of sheets it is too few to judge, not in line', () => {
    const sheets = [...[60, 62, 61, 60, 62].map((s, i) => sheetOf('严经理', s, i)), ...[80, 90, 85, 95, 75, 88, 92].map((s, i) => sheetOf('宽经理', s, 100 + i)), ...[40, 41, 40, 41].map((s, i) => sheetOf('新经理', s, 200 + i))];
    const { rows } = calibration(sheets);
    expect(rows.find((r) => r.scorer === '严经理')).toMatchObject({ verdict: 'flagged' });
    // A scorer who is the whole company is in line with it.
    expect(calibration([75, 85, 80, 90, 70].map((s, i) => sheetOf('宽经理', s, i))).rows).toMatchObject([{ verdict: 'in-line', flags: [] }]);
    // 4 sheets far below the company: not flagged, and not called in line either.
    expect(rows.find((r) => r.scorer === '新经理')).toMatchObject({ count: 4, flags: [], verdict: 'too-few' });
    expect(calibration(sheets, { ...CALIBRATION, minSheets: 4 }).rows.find((r) => r.scorer === '新经理')).toMatchObject({ verdict: 'flagged' });
  });
});

describe('deductions without a note', () => {
  it('an item with a note, a late hand-in, or a noted incident is explained; others are listed; a gated group once', () => {
    const items: Record<string, ItemInput> = {
      'dealer.rebate-forms': { violated: true, note: '返利表 10/27 才交' },
      'dealer.network-plan': { violated: true },
      'weekly-report': { violated: true },
      'weekly-report.key-accounts': { occurrences: 1 },
    };
    const result = scoreInput({ rubric: 'salesperson', period: '2026-10', items, handIns: { 'ad-plan': [{ date: '2026-10-14' }] } });
    const list = unexplainedDeductions(result, items, rubric('salesperson'));
    expect(list.map((u) => [u.itemId, u.deduction])).toEqual([
      ['dealer.network-plan', 5],
      ['weekly-report', 40],
    ]);
    expect(list[1]!.title.zh).toContain('周报');
    const fs = scoreInput({ rubric: 'field-service', period: '2026-10', items: { complaints: { incidents: [{ kind: 'escalation', deduction: 3, note: '投诉升级' }] } } });
    expect(unexplainedDeductions(fs, { complaints: { incidents: [{ kind: 'escalation', deduction: 3, note: '投诉升级' }] } }, rubric('field-service'))).toEqual([]);
  });
});

describe('explain a sheet in plain words', () => {
  it('a late hand-in: "handed in on the 27th, due the 25th (that day counts as on time)" and 27日上交,应于25日前上交(含当日)', () => {
    const input = { rubric: 'salesperson', period: '2026-10', items: { 'dealer.rebate-forms': { note: '返利表晚交' } }, handIns: { 'dealer.rebate-forms': [{ date: '2026-10-27' }] } };
    const result = scoreInput(input);
    const en = explainSheet(result, rubric('salesperson'), 'en', input.items);
    const zh = explainSheet(result, rubric('salesperson'), 'zh', input.items);
    expect(en).toEqual([{ itemId: 'dealer.rebate-forms', deduction: 5, text: '−5 Rebate forms not handed in on time: handed in on the 27th, due the 25th (that day counts as on time); note: 返利表晚交' }]);
    expect(zh[0]!.text).toBe('−5 各种返利表不及时上报：27日上交，应于25日前上交（含当日）；备注：返利表晚交');
  });

  it('a time-of-day deadline, and dates outside the sheet’s month said with their month', () => {
    const input = { rubric: 'salesperson', period: '2026-10', items: {}, handIns: { 'dealer.terminal-daily-report': [{ date: '2026-10-12T17:30', event: '2026-10-12' }], 'promotion-review': [{ date: '2026-11-03', event: '2026-10-27' }] } };
    const result = scoreInput(input);
    expect(explainSheet(result, rubric('salesperson'), 'en', {}).map((l) => l.text)).toEqual([
      '−5 Dealer terminal daily report late: handed in at 17:30 on the 12th, due by 16:00 that day (16:00 counts as on time)',
      '−2 Promotion results review: handed in on 3 Nov, due 1 Nov (that day counts as on time)',
    ]);
    expect(explainSheet(result, rubric('salesperson'), 'zh', {}).map((l) => l.text)).toEqual(['−5 经销商终端日报上报不及时：12日17:30上交，应于当日16:00前上交（含16:00）', '−2 促销效果评价：11月3日上交，应于11月1日前上交（含当日）']);
    const rm = scoreInput({ rubric: 'regional-manager', period: '2026-02', items: {}, handIns: { 'on-time': [{ date: '2026-03-02' }] } });
    expect(explainSheet(rm, rubric('regional-manager'), 'en', {})[0]!.text).toBe('−10 Monthly report on time: handed in on 2 Mar, due the 28th (that day counts as on time); so the item scores 0');
  });

  it('the score-file example: each deduction with its reason, and the absences', () => {
    const result = scoreInput(scoreFileExample);
    const lines = explainSheet(result, rubric('salesperson'), 'en', scoreFileExample.items);
    expect(lines.map((l) => [l.itemId, l.deduction])).toEqual([
      ['dealer.rebate-forms', 5],
      ['weekly-report.key-accounts', 3],
      ['weekly-report.visit-records', 2],
      ['ad-plan', 2],
      ['attendance', 8],
    ]);
    expect(lines[0]!.text).toContain('violated, −5; note: 返利表 10/27 才交');
    expect(lines[1]!.text).toContain('1 time × −3');
    expect(lines[2]!.text).toContain('judged 8 of 10');
    expect(lines[4]!.text).toBe('−8 Attendance: absent 2 days (a half day counts as a day), −4 each, attendance 92');
    // Every deduction of the sheet has its line: the daily-work points lost add up.
    expect(lines.filter((l) => l.itemId !== 'attendance').reduce((s, l) => s + l.deduction, 0)).toBe(100 - result.dailyScore);
    const zh = explainSheet(result, rubric('salesperson'), 'zh', scoreFileExample.items);
    expect(zh[4]!.text).toBe('−8 出勤：缺勤2天（半天按1天计），每天扣4分，出勤92分');
  });

  it('doubling, the floor at 0, a gated group, grades and penalties', () => {
    const items: Record<string, ItemInput> = { 'ad-plan': { occurrences: 2, doubled: true }, 'weekly-report': { violated: true, note: '第三周周报未交' } };
    const result = scoreInput({ rubric: 'salesperson', period: '2026-10', items });
    const lines = explainSheet(result, rubric('salesperson'), 'en', items);
    const en = lines.map((l) => l.text);
    expect(lines.find((l) => l.itemId === 'weekly-report')).toMatchObject({ deduction: 40 });
    expect(en.filter((t) => t.startsWith('−40'))).toHaveLength(1); // the group once, not its items
    expect(en.find((t) => t.startsWith('−40'))).toMatch(/the whole group scores 0; note: 第三周周报未交$/);
    expect(en.find((t) => t.includes('Advertising plan'))).toBe('−5 Advertising plan: 2 times × −2; doubled: also not handed in last month; an item never goes below 0 (it has 5 points)');
    const fsItems: Record<string, ItemInput> = { competence: { grade: 'adequate' }, special: { occurrences: 2 } };
    const fs = scoreInput({ rubric: 'field-service', period: '2026-10', items: fsItems });
    const fsLines = explainSheet(fs, rubric('field-service'), 'zh', fsItems).map((l) => l.text);
    expect(fsLines.find((t) => t.includes('工作素质'))).toMatch(/评级：/);
    expect(fsLines.find((t) => t.startsWith('−30'))).toMatch(/发现2次，从日常工作总分扣30分；并调离岗位$/);
  });
});

describe('fairness report', () => {
  it('explains each scored sheet in both languages and lists the unexplained deductions', () => {
    const items = scoreFileExample.items as Record<string, ItemInput>;
    const result = scoreInput(scoreFileExample);
    const people = [{ personId: 1, employeeNo: 'S-0042', name: '王磊', role: 'salesperson' as const, regionName: '华东区' }];
    const sheets: FairnessSheet[] = [{ personId: 1, period: '2026-10', status: 'ready', monthlyScore: result.monthlyScore, scorer: '李经理', regionKey: 'EAST', result, items }];
    const report = fairnessOf('2026-10', people, sheets, (ref) => BUILTIN_RUBRICS.find((r) => r.id === ref.id && r.version === ref.version));
    expect(report.explanations).toHaveLength(1);
    expect(report.explanations[0]).toMatchObject({ name: '王磊', scorer: '李经理', monthlyScore: 89.2, dailyScore: 88 });
    expect(report.explanations[0]!.lines[0]).toMatchObject({ itemId: 'dealer.rebate-forms', deduction: 5 });
    expect(report.explanations[0]!.lines[0]!.zh).toContain('违反');
    expect(report.unexplained.map((u) => u.itemId)).toEqual(['weekly-report.key-accounts', 'weekly-report.visit-records', 'ad-plan']);
    // A draft is neither compared nor explained.
    expect(fairnessOf('2026-10', people, [{ ...sheets[0]!, status: 'draft' }], () => undefined)).toMatchObject({ company: { count: 0 }, explanations: [], unexplained: [] });
  });
});
