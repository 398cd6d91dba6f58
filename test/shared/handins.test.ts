/** Hand-in dates for deadline items produce the deduction automatically. */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../shared/problems.ts';
import { item, problemsOf, score } from '../helpers/sheet.ts';

const withHandIns = (rubric: string, handIns: object, items: object = {}, period = '2026-10') => score(rubric, items as never, { handIns, period });

describe('hand-ins', () => {
  it('ad plan due the 13th: on the 13th on time, the 14th late → −2, shown with its due date', () => {
    expect(item(withHandIns('salesperson', { 'ad-plan': [{ date: '2026-10-13' }] }), 'ad-plan')).toMatchObject({ points: 5 });
    const late = item(withHandIns('salesperson', { 'ad-plan': [{ date: '2026-10-14' }] }), 'ad-plan');
    expect(late).toMatchObject({ points: 3, deduction: 2, late: [{ due: { date: '2026-10-13' }, handedIn: '2026-10-14' }] });
  });
  it('a late hand-in adds to what the manager recorded', () => {
    expect(item(withHandIns('salesperson', { 'promotion-plan': [{ date: '2026-10-16' }] }, { 'promotion-plan': { occurrences: 1 } }), 'promotion-plan').points).toBe(1);
  });
  it('promotion review: 5 days after each promotion ends, each late one −2', () => {
    const out = withHandIns('salesperson', {
      'promotion-review': [
        { date: '2026-10-10', event: '2026-10-05' },
        { date: '2026-10-11', event: '2026-10-05' },
        { date: '2026-11-01', event: '2026-10-27' },
      ],
    });
    expect(item(out, 'promotion-review')).toMatchObject({ points: 3, late: [{ due: { date: '2026-10-10' }, handedIn: '2026-10-11' }] });
  });
  it('rebate forms due the 25th: the 27th → the −5 violation', () => {
    expect(item(withHandIns('salesperson', { 'dealer.rebate-forms': [{ date: '2026-10-27' }] }), 'dealer.rebate-forms').points).toBe(0);
  });
  it('terminal daily report by 16:00 the same day', () => {
    const on = withHandIns('salesperson', { 'dealer.terminal-daily-report': [{ date: '2026-10-09T16:00', event: '2026-10-09' }] });
    const off = withHandIns('salesperson', { 'dealer.terminal-daily-report': [{ date: '2026-10-09T16:01', event: '2026-10-09' }] });
    expect(item(on, 'dealer.terminal-daily-report').points).toBe(5);
    expect(item(off, 'dealer.terminal-daily-report').points).toBe(0);
  });
  it('regional manager monthly report by the 30th, the 28th in February', () => {
    expect(item(withHandIns('regional-manager', { 'on-time': [{ date: '2026-02-28' }] }, {}, '2026-02'), 'on-time').points).toBe(10);
    expect(item(withHandIns('regional-manager', { 'on-time': [{ date: '2026-03-01' }] }, {}, '2026-02'), 'on-time').points).toBe(0);
    expect(item(withHandIns('regional-manager', { 'on-time': [{ date: '2026-10-31' }] }), 'on-time').points).toBe(0);
  });
  it('refuses hand-ins for items without a deadline, bad dates and missing events', () => {
    const problems = problemsOf({
      rubric: 'salesperson',
      period: '2026-10',
      handIns: {
        vehicle: [{ date: '2026-10-01' }],
        'ad-plan': [{ date: '2026-10-32' }],
        'promotion-review': [{ date: '2026-10-10' }],
        'dealer.terminal-daily-report': [{ date: '2026-10-09', event: '2026-10-09' }],
      },
    }).map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(/^handIns\.vehicle: .*expected an item with a deadline: dealer\.terminal-daily-report, dealer\.rebate-forms, ad-plan, promotion-plan, promotion-review$/),
      'handIns["ad-plan"][0].date: got "2026-10-32"; expected a date YYYY-MM-DD (optionally THH:MM)',
      'handIns["promotion-review"][0].event: missing; expected the date of the event the deadline counts from, YYYY-MM-DD',
      'handIns["dealer.terminal-daily-report"][0].date: got "2026-10-09"; expected a date and time YYYY-MM-DDTHH:MM',
    ]);
  });
});

describe('doubling proposal', () => {
  it('proposes hand-in items missed this month and the month before, not others, not when already doubled', async () => {
    const { doublingCandidates } = await import('../../shared/scoring/doubling.ts');
    const { BUILTIN_RUBRICS } = await import('../../shared/rubric/catalog.ts');
    const rubric = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson')!;
    const previous = score('salesperson', { 'ad-plan': { occurrences: 1 }, vehicle: { violated: true }, 'weekly-report': { violated: true }, 'dealer.rebate-forms': { violated: true } }, { period: '2026-09' });
    const current = score('salesperson', { 'ad-plan': { occurrences: 1 }, vehicle: { violated: true }, 'weekly-report': { violated: true }, 'promotion-plan': { occurrences: 1 } });
    expect(doublingCandidates(rubric, current, previous)).toEqual(['ad-plan', 'weekly-report']);
    expect(doublingCandidates(rubric, current, undefined)).toEqual([]);
    const confirmed = score('salesperson', { 'ad-plan': { occurrences: 1, doubled: true } });
    expect(doublingCandidates(rubric, confirmed, previous)).toEqual([]);
  });
});
