/**
 * saveSheet answers small — what changed: the new revision, the status, when, and the scores —
 * and that answer must be exactly what getSheet reads afterwards, for new and edited sheets of
 * every role, absences with and without dates, hand-ins given in any order (and empty lists),
 * notes and a regional manager's team.
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/services/demo.ts';
import { listPeople } from '../../electron/services/people.ts';
import { getSheet, saveSheet, type SaveSheetInput } from '../../electron/services/sheets.ts';
import { tempDb } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10

describe('saveSheet answers what getSheet then reads', () => {
  it('new and edited sheets of every role, with and without hand-ins and dates', () => {
    const { db } = tempDb();
    loadDemo(db, TODAY);
    const people = listPeople(db);
    const salesperson = people.find((p) => p.role === 'salesperson')!;
    const field = people.find((p) => p.role === 'field-service')!;
    const manager = people.find((p) => p.role === 'regional-manager')!;
    const entries: [number, SaveSheetInput['entry']][] = [
      [
        salesperson.id,
        {
          items: { vehicle: { violated: true, note: '周转车私用' }, 'ad-plan': { occurrences: 1 } },
          absences: [{ date: '2026-11-09', length: 'full' }, { length: 'half' }, { date: '2026-11-02', length: 'half' }],
          // Not in item order, and one empty list: the database hands them back sorted, without the empty one.
          handIns: { 'dealer.rebate-forms': [{ date: '2026-11-27' }, { date: '2026-11-20' }], 'ad-plan': [{ date: '2026-11-15' }], 'promotion-review': [] },
        },
      ],
      [field.id, { items: {}, absences: [], handIns: {} }],
      [manager.id, { items: {}, handIns: { 'on-time': [{ date: '2026-11-28' }] } }],
      [salesperson.id, {}],
    ];
    for (const period of ['2026-11', '2026-10']) {
      for (const [personId, entry] of entries) {
        const before = getSheet(db, { personId, period });
        const saved = saveSheet(db, { personId, period, entry: withPeriod(entry, period), status: 'ready', expectedRevision: before.revision });
        const read = getSheet(db, { personId, period });
        expect(saved).toEqual({
          personId,
          period,
          revision: read.revision,
          status: read.status,
          updatedAt: read.updatedAt,
          dailyScore: read.result.dailyScore,
          attendanceScore: read.result.attendance.score,
          monthlyScore: read.result.monthlyScore,
        });
        expect(saved.revision).toBe(before.revision + 1);
        expect(read.status).toBe('ready');
      }
    }
  });
});

/** The entry's dates moved into `period`. */
function withPeriod(entry: SaveSheetInput['entry'], period: string): SaveSheetInput['entry'] {
  return JSON.parse(JSON.stringify(entry).replaceAll('2026-11-', `${period}-`));
}
