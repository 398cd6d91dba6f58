/** What an amendment says (shared/amendment.ts): the changes item by item, and the check of its shape in a sheet's data. */
import { describe, expect, it } from 'vitest';
import { amendmentChanges, amendmentProblem, changesDiffer, hasChanges, type Amendment } from '../../shared/amendment.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import type { SheetInput } from '../../shared/scoring/input.ts';

const rubric = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson' && r.version === 1)!;
const base: SheetInput = { rubric: 'salesperson@1', period: '2026-09', person: { id: 'S-201', name: '王磊' }, absences: [], items: { 'ad-plan': { occurrences: 1 } }, handIns: {} };
const version = (input: SheetInput) => ({ input, result: scoreSheet(input, rubric) });
const SHA = 'a'.repeat(64);

describe('amendmentChanges', () => {
  const before = version(base);
  const after = version({ ...base, items: { 'ad-plan': { occurrences: 0 }, vehicle: { violated: true } }, absences: [{ length: 'half' }] });
  const diff = amendmentChanges(before, after);

  it('lists each changed item with its value and points before and after, the absences when they differ, and both scores', () => {
    expect(diff.changes.map((c) => c.item).sort()).toEqual(['ad-plan', 'vehicle']);
    const vehicle = diff.changes.find((c) => c.item === 'vehicle')!;
    expect(vehicle.before).toMatchObject({ value: null });
    expect(vehicle.after).toMatchObject({ value: { violated: true } });
    expect(vehicle.after.points).toBeLessThan(vehicle.before.points);
    expect(diff.absences).toEqual({ before: [], after: [{ length: 'half' }] });
    expect(diff.scores).toEqual({
      before: { dailyScore: before.result.dailyScore, attendanceScore: before.result.attendance.score, monthlyScore: before.result.monthlyScore },
      after: { dailyScore: after.result.dailyScore, attendanceScore: after.result.attendance.score, monthlyScore: after.result.monthlyScore },
    });
    expect(hasChanges(diff)).toBe(true);
    expect(hasChanges(amendmentChanges(before, version(base)))).toBe(false);
  });

  it('the data check accepts the amendment that is the sheet’s, and refuses a shape or an `after` that is not', () => {
    const amendment: Amendment = { version: 2, amends: { version: 1, sha256: SHA }, reason: '补录缺勤', ...diff };
    const json = JSON.parse(JSON.stringify(amendment)) as Amendment;
    expect(amendmentProblem(undefined, after.input, after.result)).toBeNull();
    expect(amendmentProblem(json, after.input, after.result)).toBeNull();
    expect(amendmentProblem({ ...json, version: 1 }, after.input, after.result)).toMatch(/version/);
    expect(amendmentProblem({ ...json, amends: { version: 3, sha256: SHA } }, after.input, after.result)).toMatch(/not the version before it/);
    expect(amendmentProblem({ ...json, amends: { version: 1, sha256: 'ABC' } }, after.input, after.result)).toMatch(/SHA-256/);
    expect(amendmentProblem({ ...json, reason: '' }, after.input, after.result)).toMatch(/reason/);
    expect(amendmentProblem({ ...json, reason: ' x ' }, after.input, after.result)).toMatch(/reason/);
    expect(amendmentProblem({ ...json, changes: [], absences: undefined }, after.input, after.result)).toMatch(/changes nothing|absences/);
    const lying = { ...json, changes: json.changes.map((c) => ({ ...c, after: { ...c.after, points: c.after.points + 1 } })) };
    expect(amendmentProblem(lying, after.input, after.result)).toMatch(/points after/);
    expect(amendmentProblem({ ...json, scores: { ...json.scores, after: { ...json.scores.after, monthlyScore: 100 } } }, after.input, after.result)).toMatch(/scores after/);
    expect(amendmentProblem(null, after.input, after.result)).toMatch(/not an object/);
  });

  it('changesDiffer: the declared changes must be the real ones from the version the receiver holds', () => {
    expect(changesDiffer(diff, before, after)).toBeNull();
    expect(changesDiffer({ ...diff, changes: diff.changes.filter((c) => c.item !== 'vehicle') }, before, after)).toMatch(/vehicle/);
    expect(changesDiffer({ ...diff, scores: { ...diff.scores, before: diff.scores.after } }, before, after)).toMatch(/scores before/);
    const otherBefore = diff.changes.map((c) => (c.item === 'ad-plan' ? { ...c, before: { ...c.before, value: { occurrences: 2 } } } : c));
    expect(changesDiffer({ ...diff, changes: otherBefore }, before, after)).toMatch(/ad-plan/);
  });
});
