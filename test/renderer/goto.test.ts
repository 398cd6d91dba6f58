/** Ctrl+G on the sheet: which item a few typed letters go to (renderer/features/scoring/goTo.ts). */
import { describe, expect, it } from 'vitest';
import { goToTargets, matchTargets } from '../../renderer/features/scoring/goTo.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';

const salesperson = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson')!;
const zh = goToTargets(salesperson, (t) => t.zh, '缺勤');
const first = (typed: string) => matchTargets(zh, typed)[0]?.id;

describe('go to an item', () => {
  it('an item code’s first letters go to it before items that only contain them', () => {
    expect(first('ad')).toBe('ad-plan');
    expect(first('veh')).toBe('vehicle');
    expect(first('key')).toBe('weekly-report.key-accounts');
    expect(first('abs')).toBe('absences');
  });

  it('words of the title in either language', () => {
    expect(first('广告')).toBe('ad-plan');
    expect(first('缺勤')).toBe('absences');
    expect(first('advertising')).toBe('ad-plan');
    expect(first('VISIT records')).toBe('weekly-report.visit-records');
  });

  it('every part typed must match; nothing typed lists every item and the absences', () => {
    expect(matchTargets(zh, 'ad zzz')).toEqual([]);
    expect(matchTargets(zh, '  ').map((t) => t.id)).toEqual(zh.map((t) => t.id));
    expect(zh.at(-1)!.id).toBe('absences');
  });
});
