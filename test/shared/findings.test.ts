/**
 * The findings' sources (shared/findings.ts): a value's sources follow the manager's edit
 * (reconcileSources: idempotent, departments kept while the value holds them, the rest the
 * manager's), the merge of several departments (occurrences add up; a grade is one value; the
 * manager's own value or different grades wait for a choice), and the embedded data check refuses
 * sources that do not make up the value.
 */
import { describe, expect, it } from 'vitest';
import { mergeFindings, reconcileSources, sourcesProblem, type ValueSource } from '../../shared/findings.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { checkScoresheet, SCORESHEET_FORMAT } from '../../shared/score-file.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';

const claims: ValueSource = { from: 'claims', file: 'c.csv', row: 2, occurrences: 2 };
const tech: ValueSource = { from: 'technical', file: 't.csv', row: 5, occurrences: 1 };

describe('reconcileSources', () => {
  it('keeps the departments while the value holds them; the rest is the manager’s; idempotent', () => {
    const v = { occurrences: 4, sources: [claims, tech] };
    const r = reconcileSources(v, undefined);
    expect(r).toEqual({ occurrences: 4, sources: [claims, tech, { from: 'manager', occurrences: 1 }] });
    expect(reconcileSources(r, undefined)).toEqual(r);
    // Exactly the departments' sum: no manager part (the boundary).
    expect(reconcileSources({ occurrences: 3, sources: [claims, tech] }, undefined)).toEqual({ occurrences: 3, sources: [claims, tech] });
    // One less: the source that no longer fits goes (in order), its place taken by the manager's.
    expect(reconcileSources({ occurrences: 2, sources: [claims, tech] }, undefined)).toEqual({ occurrences: 2, sources: [claims] });
    expect(reconcileSources({ occurrences: 1, sources: [claims, tech] }, undefined)).toEqual({ occurrences: 1, sources: [tech] });
    expect(reconcileSources({ occurrences: 0, sources: [claims, tech] }, undefined)).toEqual({ occurrences: 0 });
    // A grade changed by the manager: the department's no longer makes it up.
    const g: ValueSource = { from: 'technical', grade: 'late', deduction: 4 };
    expect(reconcileSources({ grade: 'late', deduction: 4, sources: [g] }, undefined)).toEqual({ grade: 'late', deduction: 4, sources: [g] });
    expect(reconcileSources({ grade: 'late', deduction: 3, sources: [g] }, undefined)).toEqual({ grade: 'late', deduction: 3 });
    // A hand-in source stays while the sheet has that hand-in.
    const h: ValueSource = { from: 'advertising', handedIn: '2026-10-15' };
    expect(reconcileSources({ sources: [h] }, [{ date: '2026-10-15' }])).toEqual({ sources: [h] });
    expect(reconcileSources({ sources: [h] }, [{ date: '2026-10-14' }])).toEqual({});
  });
});

describe('mergeFindings', () => {
  it('adds up departments; the manager’s own value beside them waits for a choice', () => {
    expect(mergeFindings(undefined, undefined, [claims, tech])).toEqual({ value: { occurrences: 3, sources: [claims, tech] }, handIns: [] });
    const typed = { occurrences: 1, note: '电话不通' };
    const open = mergeFindings(typed, undefined, [claims]);
    expect(open).toMatchObject({ conflict: { kind: 'added', options: ['all', 'departments', 'manager'] } });
    expect(mergeFindings(typed, undefined, [claims], 'all')).toEqual({ value: { note: '电话不通', occurrences: 3, sources: [claims, { from: 'manager', occurrences: 1 }] }, handIns: [] });
    expect(mergeFindings(typed, undefined, [claims], 'departments')).toEqual({ value: { note: '电话不通', occurrences: 2, sources: [claims] }, handIns: [] });
    expect(mergeFindings(typed, undefined, [claims], 'manager')).toEqual({ value: { note: '电话不通', occurrences: 1 }, handIns: [] });
    // No finding left: the manager's value stays alone.
    expect(mergeFindings(typed, undefined, [])).toEqual({ value: typed, handIns: [] });
  });

  it('two departments agreeing on a grade is no conflict; different grades are', () => {
    const a: ValueSource = { from: 'field-management', grade: 'late', deduction: 2 };
    const b: ValueSource = { from: 'technical', grade: 'late', deduction: 2 };
    const c: ValueSource = { from: 'technical', grade: 'timely' };
    expect(mergeFindings(undefined, undefined, [a, b])).toEqual({ value: { grade: 'late', deduction: 2, sources: [a, b] }, handIns: [] });
    expect(mergeFindings(undefined, undefined, [a, c])).toMatchObject({ conflict: { kind: 'grade', options: ['field-management', 'technical'] } });
    expect(mergeFindings(undefined, undefined, [a, c], 'technical')).toEqual({ value: { grade: 'timely', sources: [c] }, handIns: [] });
  });
});

describe('the embedded data check of sources', () => {
  const rubric = BUILTIN_RUBRICS.find((r) => r.id === 'field-service' && r.version === 2)!;
  const person = { id: 1, employeeNo: 'F-101', name: '李强', role: 'field-service' as const, regionId: 1, managerId: null, activeFrom: '2024-01', activeTo: null };
  const file = (items: Record<string, unknown>) => {
    const input = { rubric: 'field-service@2', period: '2026-10', person: { id: 'F-101', name: '李强' }, absences: [], items, handIns: {} };
    const v = validateSheetInput(input, [rubric]);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    return { format: SCORESHEET_FORMAT, input, output: JSON.parse(JSON.stringify(scoreSheet(v.input, rubric))), rubric, person, chain: [], exportedAt: '2026-11-02T10:00:00.000Z' };
  };
  it('accepts sources that make up the value, refuses ones that do not', () => {
    expect(checkScoresheet(file({ whereabouts: { occurrences: 3, sources: [claims, tech] } }))).toBeNull();
    expect(checkScoresheet(file({ whereabouts: { occurrences: 2, sources: [claims, tech] } }))).toMatch(/^the embedded input's sources do not hold together: items\.whereabouts\.sources/);
    expect(sourcesProblem({ whereabouts: { occurrences: 4, sources: [claims, tech, { from: 'manager', occurrences: 1 }] } }, undefined)).toBeNull();
  });
  it('the input check refuses a source of unknown shape', () => {
    const v = validateSheetInput({ rubric: 'field-service@2', period: '2026-10', items: { whereabouts: { occurrences: 1, sources: [{ from: 'finance', row: 0 }] } } }, [rubric]);
    expect(v.ok ? [] : v.problems.map((p) => p.field)).toEqual(['items.whereabouts.sources[0].from', 'items.whereabouts.sources[0].row']);
  });
});
