/** The team entry view's columns per rubric (shared/rubric/team-columns.ts). */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { leafItems } from '../../shared/rubric/schema.ts';
import { DEFAULT_TEAM_COLUMNS, teamCellField, teamColumnChoices, teamColumns } from '../../shared/rubric/team-columns.ts';

describe('team entry columns', () => {
  it('every built-in rubric has a default list, each of its items in the rubric and held by a cell', () => {
    for (const rubric of BUILTIN_RUBRICS.filter((r) => r.id !== 'executive')) {
      const defaults = DEFAULT_TEAM_COLUMNS[rubric.id];
      expect(defaults, rubric.id).toBeDefined();
      expect(teamColumns(rubric), rubric.id).toEqual(defaults);
    }
  });

  it('a cell holds each kind of rule but a list of incidents', () => {
    const salesperson = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson')!;
    const fields = new Map(leafItems(salesperson.items).map(({ item }) => [item.id, teamCellField(item)]));
    expect(fields.get('dealer.network-plan')).toBe('violated');
    expect(fields.get('weekly-report.summary')).toBe('falsified');
    expect(fields.get('ad-plan')).toBe('occurrences');
    expect(fields.get('weekly-report.visit-records')).toBe('points');
    expect(fields.get('vehicle')).toBe('violated');
    const service = BUILTIN_RUBRICS.find((r) => r.id === 'field-service')!;
    const serviceFields = new Map(leafItems(service.items).map(({ item }) => [item.id, teamCellField(item)]));
    expect(serviceFields.get('competence')).toBe('grade');
    expect(serviceFields.get('complaints')).toBeNull();
    expect(teamColumnChoices(service).map((i) => i.id)).not.toContain('complaints');
  });

  it('the user’s choice wins, less items the rubric no longer has; an empty choice is no columns', () => {
    const salesperson = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson')!;
    expect(teamColumns(salesperson, ['vehicle', 'gone-item', 'ad-plan'])).toEqual(['vehicle', 'ad-plan']);
    expect(teamColumns(salesperson, [])).toEqual([]);
    expect(teamColumns(salesperson, null)).toEqual(DEFAULT_TEAM_COLUMNS.salesperson);
  });

  it('a rubric without a default list starts with its first six items a cell holds', () => {
    const salesperson = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson')!;
    const renamed = { ...salesperson, id: 'custom-sales' };
    expect(teamColumns(renamed)).toEqual(teamColumnChoices(salesperson).slice(0, 6).map((i) => i.id));
  });
});
