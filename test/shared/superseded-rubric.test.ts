/**
 * A built-in version a revision replaced is refused on a sheet of a month it can no longer carry
 * (SUPERSEDED_FROM): a dishonest manager cannot keep scoring new months under the milder @1
 * (2 missing key-account entries not zeroed, no severe-complaint flag). Earlier months keep it:
 * a sheet marked ready before the revision shipped stays on @1.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS, SUPERSEDED_FROM } from '../../shared/rubric/catalog.ts';
import { checkScoresheet } from '../../shared/score-file.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';

function sheetJson(rubric: string, period: string) {
  const input = { rubric, period, person: { id: 'S-1', name: '王磊' }, absences: [], items: { 'weekly-report.key-accounts': { occurrences: 2 } }, handIns: {} };
  const [id, version] = rubric.split('@');
  const definition = BUILTIN_RUBRICS.find((r) => r.id === id && r.version === Number(version))!;
  return {
    format: 'scoresheet/1',
    input,
    output: JSON.parse(JSON.stringify(scoreInput(input))),
    rubric: definition,
    person: { id: 1, employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionId: 1, managerId: null, activeFrom: '2026-01', activeTo: null },
    chain: [],
    exportedAt: '2027-03-01T08:00:00.000Z',
  };
}

describe('a superseded built-in version', () => {
  it('salesperson@1 and field-service@1 are superseded from 2027-01; @2 and the regional manager’s @1 are not', () => {
    expect(SUPERSEDED_FROM).toEqual({ 'salesperson@1': '2027-01', 'field-service@1': '2027-01' });
  });

  it('a sheet of 2027-01 or later on salesperson@1 is refused, naming the version and the month; 2026-12 on @1 and 2027-01 on @2 pass', () => {
    expect(checkScoresheet(sheetJson('salesperson@1', '2027-01'))).toMatchObject({ reason: { code: 'rubric-superseded', id: 'salesperson', version: 1, period: '2027-01', from: '2027-01' } });
    expect(checkScoresheet(sheetJson('salesperson@1', '2027-06'))).toMatchObject({ reason: { code: 'rubric-superseded', period: '2027-06' } });
    expect(checkScoresheet(sheetJson('salesperson@1', '2026-12'))).toBeNull();
    expect(checkScoresheet(sheetJson('salesperson@2', '2027-01'))).toBeNull();
  });
});
