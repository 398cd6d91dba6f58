/**
 * The KPIs an exported sheet's data carries (scoresheet.json `kpis`, docs/data.md "Figures from a
 * signed sheet"): written by scoresheetJson when the app has any, left out when it has none, and
 * checked by checkScoresheet against the KPI catalogue (an unknown KPI, a value out of its range
 * or a text is refused by name); a file without them stays valid.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { checkScoresheet } from '../../shared/score-file.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';

function sheetJson(kpis?: unknown) {
  const input = { rubric: 'salesperson@2', period: '2026-10', person: { id: 'S-1', name: '王磊' }, absences: [], items: {}, handIns: {} };
  return {
    format: 'scoresheet/1',
    input,
    output: JSON.parse(JSON.stringify(scoreInput(input))),
    rubric: BUILTIN_RUBRICS.find((r) => r.id === 'salesperson' && r.version === 2)!,
    person: { id: 1, employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionId: 1, managerId: null, activeFrom: '2026-01', activeTo: null },
    chain: [],
    exportedAt: '2026-11-01T08:00:00.000Z',
    ...(kpis === undefined ? {} : { kpis }),
  };
}

describe('the KPIs in a sheet’s data', () => {
  it('valid KPIs pass, and so does a sheet without them', () => {
    expect(checkScoresheet(sheetJson())).toBeNull();
    expect(checkScoresheet(sheetJson({ 'plan-quantity': 200, 'actual-quantity': 160.5, satisfaction: 92.25 }))).toBeNull();
  });

  it('an unknown KPI, a negative quantity, too many decimals, a text or a list is refused, naming it', () => {
    expect(checkScoresheet(sheetJson({ 'plan-quantity': -1 }))).toMatch(/^the embedded KPIs are not valid: .*kpis\.plan-quantity/);
    expect(checkScoresheet(sheetJson({ 'bonus-points': 5 }))).toMatch(/kpis\.bonus-points/);
    expect(checkScoresheet(sheetJson({ satisfaction: 92.255 }))).toMatch(/kpis\.satisfaction/);
    expect(checkScoresheet(sheetJson({ 'actual-quantity': '160' }))).toMatch(/kpis\.actual-quantity/);
    expect(checkScoresheet(sheetJson([200]))).toMatch(/the embedded KPIs are not valid/);
  });
});
