/** Bad input for each rule kind and field: refused with the field, the value and what is allowed. */
import { describe, expect, it } from 'vitest';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { formatProblem } from '../../shared/problems.ts';
import { itemProblems, problemsOf } from '../helpers/sheet.ts';

/** The single problem of an input, as text. */
function only(problems: ReturnType<typeof problemsOf>): string {
  expect(problems).toHaveLength(1);
  return formatProblem(problems[0]!);
}

describe('top level', () => {
  it('not an object', () => {
    expect(only(problemsOf([]))).toMatch(/^\(input\): got \[\]; expected a JSON object/);
  });
  it('unknown rubric names the known ones', () => {
    expect(only(problemsOf({ rubric: 'sales', period: '2026-10' }))).toBe('rubric: got "sales"; expected one of the known rubrics: salesperson, regional-manager, field-service');
  });
  it('a pinned version that does not exist', () => {
    expect(only(problemsOf({ rubric: 'salesperson@3', period: '2026-10' }))).toMatch(/rubric: got "salesperson@3"; expected a version of salesperson that exists: 1/);
  });
  it('a pinned version that exists is used', () => {
    expect(scoreInput({ rubric: 'salesperson@1', period: '2026-10' }).rubric.version).toBe(1);
  });
  it('missing rubric and period', () => {
    const text = problemsOf({}).map(formatProblem);
    expect(text).toEqual([expect.stringMatching(/^period: missing; expected a month as YYYY-MM/), expect.stringMatching(/^rubric: missing; expected a rubric id/)]);
  });
  it.each(['2026-13', '2026-00', '2026-1', '1999-12', '2100-01', 202610, '2026/10'])('bad period %j', (period) => {
    expect(only(problemsOf({ rubric: 'salesperson', period }))).toMatch(/^period: got .*; expected a month as YYYY-MM/);
  });
  it('unknown top-level field (a typo must not drop data silently)', () => {
    expect(only(problemsOf({ rubric: 'salesperson', period: '2026-10', absence: [] }))).toMatch(/^absence: got \[\]; expected no such field \(allowed here: rubric, period, person, absences, items, handIns\)/);
  });
  it('person must have id and name', () => {
    expect(problemsOf({ rubric: 'salesperson', period: '2026-10', person: { id: '', age: 3 } }).map((p) => p.field).sort()).toEqual(['person.age', 'person.id', 'person.name']);
  });
});

describe('absences', () => {
  const abs = (absences: unknown, period = '2026-10') => problemsOf({ rubric: 'salesperson', period, absences });
  it('unknown length', () => expect(only(abs([{ length: 'quarter' }]))).toMatch(/absences\[0\]\.length: got "quarter"; expected "full" or "half"/));
  it('more absences than the month has days', () => {
    expect(only(abs(Array.from({ length: 29 }, () => ({ length: 'half' })), '2026-02'))).toBe('absences: got "29 absences"; expected at most 28, the days in 2026-02');
  });
  it('a date outside the period, an impossible date, a repeated date', () => {
    const problems = abs([{ length: 'full', date: '2026-11-01' }, { length: 'full', date: '2026-10-32' }, { length: 'half', date: '2026-10-05' }, { length: 'full', date: '2026-10-05' }]);
    expect(problems.map(formatProblem)).toEqual([
      'absences[0].date: got "2026-11-01"; expected a date in 2026-10',
      'absences[1].date: got "2026-10-32"; expected a date YYYY-MM-DD',
      'absences[3].date: got "2026-10-05"; expected each date at most once',
    ]);
  });
  it('not a list', () => expect(only(abs({ length: 'full' }))).toMatch(/^absences: got/));
});

describe('items, per rule kind', () => {
  it('unknown item id lists the rubric’s items', () => {
    expect(only(itemProblems('salesperson', { 'ad-plans': { occurrences: 1 } }))).toMatch(/items\["ad-plans"\]: .*expected an item of salesperson@2: dealer\.terminal-daily-report, .*ad-plan/);
  });
  it('an item of another rubric', () => {
    expect(only(itemProblems('regional-manager', { vehicle: { violated: true } }))).toMatch(/items\.vehicle: .*expected an item of regional-manager@1/);
  });
  it('a group without a gate cannot be scored itself', () => {
    expect(only(itemProblems('salesperson', { dealer: { violated: true } }))).toMatch(/items\.dealer: .*expected the items of group dealer/);
  });
  it('violation: wrong field and wrong type', () => {
    expect(only(itemProblems('salesperson', { 'dealer.network-plan': { occurrences: 1 } }))).toBe('items["dealer.network-plan"].occurrences: got 1; expected a field of this item (violated, note, doubled, sources)');
    expect(only(itemProblems('salesperson', { vehicle: { violated: 'yes' } }))).toBe('items.vehicle.violated: got "yes"; expected true or false');
  });
  it('falsified: must be boolean', () => {
    expect(only(itemProblems('salesperson', { 'market-feedback': { falsified: 1 } }))).toBe('items["market-feedback"].falsified: got 1; expected true or false');
  });
  it.each([-1, 1.5, 100, '2'])('per occurrence: %j refused', (occurrences) => {
    expect(only(itemProblems('salesperson', { 'ad-plan': { occurrences } }))).toMatch(/items\["ad-plan"\]\.occurrences: got .*; expected a whole number from 0 to 99/);
  });
  it.each([-0.5, 20.01, 10.001, '15'])('judged: %j refused', (points) => {
    expect(only(itemProblems('regional-manager', { 'monthly-report.plan': { points } }))).toMatch(/items\["monthly-report\.plan"\]\.points: got .*; expected points from 0 to 20, at most 2 decimals/);
  });
  it('grade: unknown grade, ranged grade without or outside its range, fixed grade with a deduction', () => {
    expect(only(itemProblems('field-service', { competence: { grade: 'excellent' } }))).toBe('items.competence.grade: got "excellent"; expected one of "proficient", "adequate", "needs-help"');
    expect(only(itemProblems('field-service', { competence: { grade: 'needs-help' } }))).toBe('items.competence.deduction: missing; expected a deduction from 4 to 10 for grade "needs-help"');
    expect(only(itemProblems('field-service', { competence: { grade: 'needs-help', deduction: 3.99 } }))).toMatch(/deduction for grade "needs-help" from 4 to 10/);
    expect(only(itemProblems('field-service', { competence: { grade: 'needs-help', deduction: 10.5 } }))).toMatch(/got 10\.5;/);
    expect(only(itemProblems('field-service', { competence: { grade: 'adequate', deduction: 2 } }))).toMatch(/items\.competence\.deduction: got 2; expected no deduction: grade "adequate" has a fixed outcome \(ranged grades: needs-help\)/);
  });
  it('incidents: unknown kind, deduction outside the kind’s range, not a list', () => {
    expect(only(itemProblems('field-service', { complaints: { incidents: [{ kind: 'rude', deduction: 3 }] } }))).toBe(
      'items.complaints.incidents[0].kind: got "rude"; expected one of "escalation" (2…5), "media" (5…10)',
    );
    expect(only(itemProblems('field-service', { complaints: { incidents: [{ kind: 'escalation', deduction: 1 }] } }))).toMatch(/incidents\[0\]\.deduction: got 1; expected deduction for "escalation" from 2 to 5/);
    expect(only(itemProblems('field-service', { complaints: { incidents: [{ kind: 'media' }] } }))).toMatch(/incidents\[0\]\.deduction: missing/);
    expect(only(itemProblems('field-service', { complaints: { incidents: 'two' } }))).toMatch(/items\.complaints\.incidents: got "two"; expected a list of/);
  });
  it('per occurrence with incidents: whereabouts consequence 1…10', () => {
    expect(only(itemProblems('field-service', { whereabouts: { occurrences: 1, incidents: [{ kind: 'consequence', deduction: 11 }] } }))).toMatch(/from 1 to 10/);
  });
  it('penalty: occurrences must be a whole number', () => {
    expect(only(itemProblems('field-service', { special: { occurrences: -2 } }))).toMatch(/items\.special\.occurrences: got -2/);
  });
  it('doubled: true only on hand-in items, and only true/false', () => {
    expect(only(itemProblems('salesperson', { vehicle: { violated: true, doubled: true } }))).toMatch(
      /items\.vehicle\.doubled: got true; expected false: doubling applies only to the hand-in items of salesperson@2 \(dealer\.terminal-daily-report, dealer\.rebate-forms, .*ad-plan/,
    );
    expect(only(itemProblems('salesperson', { 'ad-plan': { occurrences: 1, doubled: 'yes' } }))).toMatch(/doubled: got "yes"; expected true or false/);
    expect(only(itemProblems('salesperson', { vehicle: { doubled: 'no' } }))).toMatch(/items\.vehicle\.doubled: got "no"; expected true or false/);
  });
  it('field-service@2 has no doubling: doubled: true refused on its former hand-in items, with the reason', () => {
    for (const [id, value] of [['reports', { grade: 'missing' }], ['service-center.parts-plan', { grade: 'late-no-impact', deduction: 2 }], ['training', { occurrences: 1 }]] as const) {
      expect(only(itemProblems('field-service', { [id]: { ...value, doubled: true } })), id).toMatch(
        /doubled: got true; expected false: field-service@2 has no doubling \(the rule book gives it for the regional-manager and salesperson hand-ins only\)/,
      );
    }
    // field-service@1 keeps its rule: stored sheets doubled there still validate and score as before.
    expect(scoreInput({ rubric: 'field-service@1', period: '2026-10', items: { reports: { grade: 'brief', deduction: 3, doubled: true } } }).flags).toEqual(['doubled:reports']);
  });
  it('an incident may be marked severe only where the rule allows it (complaints of field-service@2)', () => {
    const complaint = { kind: 'escalation', deduction: 3, severe: true };
    expect(scoreInput({ rubric: 'field-service', period: '2026-10', items: { complaints: { incidents: [complaint] } } }).flags).toEqual(['severe-complaint']);
    expect(only(itemProblems('field-service', { complaints: { incidents: [{ ...complaint, severe: 'yes' }] } }))).toBe('items.complaints.incidents[0].severe: got "yes"; expected true or false');
    expect(only(itemProblems('field-service', { whereabouts: { incidents: [{ kind: 'consequence', deduction: 2, severe: true }] } }))).toBe(
      'items.whereabouts.incidents[0].severe: got true; expected no "severe" here: only an incident of complaints may be marked severe',
    );
    expect(only(problemsOf({ rubric: 'field-service@1', period: '2026-10', items: { complaints: { incidents: [complaint] } } }))).toBe(
      'items.complaints.incidents[0].severe: got true; expected no "severe" here: no item of field-service@1 takes incidents marked severe',
    );
    // Another unknown field of an incident is still named as one.
    expect(only(itemProblems('field-service', { complaints: { incidents: [{ kind: 'media', deduction: 5, serious: true }] } }))).toBe(
      'items.complaints.incidents[0].serious: got true; expected no such field (allowed here: kind, deduction, note, severe)',
    );
  });
  it('a note must be text of at most 2000 characters', () => {
    expect(only(itemProblems('salesperson', { vehicle: { note: 5 } }))).toMatch(/items\.vehicle\.note: got 5; expected a text of at most 2000 characters/);
    expect(only(itemProblems('salesperson', { vehicle: { note: 'x'.repeat(2001) } }))).toMatch(/items\.vehicle\.note/);
  });
  it('an item value that is not an object', () => {
    expect(only(itemProblems('salesperson', { vehicle: true }))).toMatch(/items\.vehicle: got true; expected an object/);
  });
});

describe('several problems are all reported, in one message', () => {
  it('lists every problem', () => {
    const raw = { rubric: 'field-service', period: '2026-13', items: { competence: { grade: 'x' }, special: { occurrences: 1.5 }, nope: {} }, absences: [{ length: 'x' }] };
    expect(problemsOf(raw).map((p) => p.field)).toEqual(['period', 'absences[0].length', 'items.competence.grade', 'items.special.occurrences', 'items.nope']);
    expect(() => scoreInput(raw)).toThrow(/Invalid score sheet \(5 problems\):\n {2}- period: got "2026-13"/);
  });
});
