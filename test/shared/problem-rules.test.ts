/**
 * The problems a person can make in the sheet editor carry their rule as data (shared/problems.ts
 * ProblemRule), so the UI words them in its language; `expected` keeps the English words for the
 * CLI and files. Each rule's numbers are the rubric's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_OCCURRENCES } from '../../shared/rubric/schema.ts';
import { MAX_NOTE_LENGTH } from '../../shared/scoring/input.ts';
import { itemProblems, problemsOf } from '../helpers/sheet.ts';
import { parseInput } from '../../shared/api/contract.ts';
import { InputError } from '../../shared/problems.ts';
import { validatePaySettings } from '../../shared/pay.ts';

const at = (problems: ReturnType<typeof problemsOf>, field: string) => {
  const found = problems.find((p) => p.field === field);
  expect(found, `${field} in ${JSON.stringify(problems)}`).toBeDefined();
  return found!;
};

describe('problems a form can produce carry their rule', () => {
  it('a count out of range: a whole number from 0 to the item’s maximum', () => {
    const p = at(itemProblems('salesperson', { 'ad-plan': { occurrences: 100 } }), 'items["ad-plan"].occurrences');
    expect(p.rule).toEqual({ code: 'whole-number', min: 0, max: DEFAULT_MAX_OCCURRENCES });
    expect(p.expected).toBe(`a whole number from 0 to ${DEFAULT_MAX_OCCURRENCES}`);
  });

  it('a judged deduction out of its grade’s range, and one missing', () => {
    expect(at(itemProblems('field-service', { competence: { grade: 'needs-help', deduction: 11 } }), 'items.competence.deduction').rule).toEqual({ code: 'amount', min: 4, max: 10 });
    expect(at(itemProblems('field-service', { competence: { grade: 'needs-help' } }), 'items.competence.deduction').rule).toEqual({ code: 'amount', min: 4, max: 10 });
  });

  it('an incident’s deduction out of its kind’s range, and a note too long', () => {
    const problems = itemProblems('field-service', { complaints: { incidents: [{ kind: 'escalation', deduction: 9, note: 'x'.repeat(MAX_NOTE_LENGTH + 1) }] } });
    expect(at(problems, 'items.complaints.incidents[0].deduction').rule).toEqual({ code: 'amount', min: 2, max: 5 });
    expect(at(problems, 'items.complaints.incidents[0].note').rule).toEqual({ code: 'note-length', max: MAX_NOTE_LENGTH });
  });

  it('absence dates: not a date, outside the month, twice', () => {
    const problems = problemsOf({
      rubric: 'salesperson',
      period: '2026-10',
      absences: [{ length: 'full', date: '2026-10-32' }, { length: 'half', date: '2026-11-02' }, { length: 'half', date: '2026-10-05' }, { length: 'full', date: '2026-10-05' }],
    });
    expect(at(problems, 'absences[0].date').rule).toEqual({ code: 'date' });
    expect(at(problems, 'absences[1].date').rule).toEqual({ code: 'date-in-month', period: '2026-10' });
    expect(at(problems, 'absences[3].date').rule).toEqual({ code: 'date-once' });
  });

  it('more absences than the month has days', () => {
    const absences = Array.from({ length: 32 }, () => ({ length: 'full' }));
    expect(at(problemsOf({ rubric: 'salesperson', period: '2026-10', absences }), 'absences').rule).toEqual({ code: 'at-most', max: 31 });
  });

  it('hand-in dates: not a date; an event outside the month', () => {
    const problems = problemsOf({ rubric: 'salesperson', period: '2026-10', handIns: { 'ad-plan': [{ date: '13 Oct' }], 'promotion-review': [{ date: '2026-10-20', event: '2026-09-30' }] } });
    expect(at(problems, 'handIns["ad-plan"][0].date').rule).toEqual({ code: 'date' });
    expect(at(problems, 'handIns["promotion-review"][0].event').rule).toEqual({ code: 'date-in-month', period: '2026-10' });
  });

  it('problems a form cannot produce (malformed JSON) have no rule: their English words stand', () => {
    const p = at(itemProblems('salesperson', { vehicle: true }), 'items.vehicle');
    expect(p.rule).toBeUndefined();
    expect(p.expected).toMatch(/an object/);
  });
});

describe('the contract’s problems a form can produce carry their rule', () => {
  const refusal = (name: Parameters<typeof parseInput>[0], raw: unknown) => {
    try {
      parseInput(name, raw);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).problems;
    }
    throw new Error(`${name} accepted ${JSON.stringify(raw)}`);
  };
  const person = { employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionId: null, managerId: null, activeFrom: '2026-01', activeTo: null };

  it('an employee number that is not one, an empty name, a name too long', () => {
    expect(refusal('people.save', { ...person, employeeNo: 'S 1', name: '' })).toEqual([
      { field: 'employeeNo', value: 'S 1', expected: 'letters, digits and "-", at most 20', rule: { code: 'identifier', max: 20 } },
      { field: 'name', value: '', expected: 'a non-empty text', rule: { code: 'required' } },
    ]);
    expect(refusal('regions.save', { code: 'R1', name: '区'.repeat(101) })).toEqual([{ field: 'name', value: '区'.repeat(101), expected: 'at most 100 characters', rule: { code: 'note-length', max: 100 } }]);
  });

  it('a check a form cannot fail (a role that is not one) keeps its English words only', () => {
    const [problem] = refusal('people.save', { ...person, role: 'boss' });
    expect(problem).toMatchObject({ field: 'role', value: 'boss' });
    expect(problem!.rule).toBeUndefined();
    // A limit that is not a text's length keeps its own words: a file's size.
    const [tooBig] = refusal('roster.preview', { fileName: 'a.csv', dataBase64: 'A'.repeat(14_000_004) });
    expect(tooBig).toMatchObject({ field: 'dataBase64', expected: 'a file of at most 10 MB' });
    expect(tooBig!.rule).toBeUndefined();
  });
});

describe('pay settings: the form’s problems carry their rule', () => {
  it('a part out of range, a split not summing to 100, a bonus percent out of range', () => {
    const problems = validatePaySettings({ split: { base: 50, plan: 101, assessment: 0 }, bonus: { policy: 'per-point', percentPerPoint: 100.5 }, scoreRate: 'monthly' });
    const percent = { code: 'number', min: 0, max: 100, decimals: 2, unit: 'percent' };
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['settings.split.plan', percent],
      ['settings.bonus.percentPerPoint', percent],
    ]);
    expect(validatePaySettings({ split: { base: 50, plan: 30, assessment: 19.5 }, bonus: { policy: 'none' }, scoreRate: 'monthly' }).map((p) => [p.field, p.rule])).toEqual([
      ['settings.split', { code: 'sum', total: 100, sum: 99.5 }],
    ]);
  });
});
