/** The handler map: every contract name is served, every input is checked before a service runs. */
import { describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '../../shared/api/contract.ts';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { bind } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

describe('handler map', () => {
  it('has a handler for every name of the contract', () => {
    const { db, path } = tempDb();
    const handlers = createHandlers(db, { dbPath: path, appVersion: 'test' });
    expect(Object.keys(handlers).sort()).toEqual([...HANDLER_NAMES].sort());
  });

  it.each(HANDLER_NAMES)('%s refuses an input with an unknown field, naming it, and writes nothing', async (name) => {
    const { db, path } = tempDb();
    const handlers = createHandlers(db, { dbPath: path, appVersion: 'test' });
    const before = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const outcome = await invoke(handlers, name, { intruder: 1 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.kind).toBe('input');
      expect(outcome.error.message).toMatch(/intruder/);
    }
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before);
  });

  it('turns service failures into clear failures, never a throw', async () => {
    const { db, path } = tempDb();
    const handlers = createHandlers(db, { dbPath: path, appVersion: 'test' });
    expect(await invoke(handlers, 'sheets.get', { personId: 5, period: '2026-10' })).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'person 5 does not exist', refusal: { code: 'not-found', what: 'person', id: '5' } },
    });
    expect(await invoke(handlers, 'nope', {})).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await invoke(handlers, 'people.save', { employeeNo: 'S 1', name: '', role: 'boss', regionId: null, managerId: null, activeFrom: '2026-13', activeTo: null })).toMatchObject({
      ok: false,
      error: { kind: 'input', problems: [{ field: 'employeeNo' }, { field: 'name' }, { field: 'role' }, { field: 'activeFrom' }] },
    });
  });

  it('runs a whole flow: demo, user, month grid, save a sheet', async () => {
    const { db, path } = tempDb();
    const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
    const { call } = bind(h);
    await call('demo.load', {});
    const regions = await call('regions.list', {});
    await call('user.set', { name: '李静', chainRole: 'manager', regionId: regions[0]!.id });
    const info = await call('app.info', {});
    expect(info).toMatchObject({ user: { name: '李静' }, counts: { people: 40 } });
    const now = new Date();
    const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const rows = await call('sheets.month', { period });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.role !== 'regional-manager')).toBe(true);
    // the first paint's page: the first rows of the same list, in the same order
    expect(await call('sheets.month', { period, limit: 3 })).toEqual(rows.slice(0, 3));
    expect(await invoke(h, 'sheets.month', { period, limit: 0 })).toMatchObject({ ok: false, error: { kind: 'input', problems: [{ field: 'limit' }] } });
    const person = rows.find((r) => r.role === 'salesperson')!;
    const saved = await call('sheets.save', {
      personId: person.personId,
      period,
      entry: { items: { 'dealer.network-plan': { violated: true }, 'dealer.special-issues': { violated: true } }, absences: [{ length: 'half' }] },
      status: 'draft',
      expectedRevision: 0,
    });
    expect(saved).toMatchObject({ personId: person.personId, period, status: 'draft', dailyScore: 90, attendanceScore: 96, revision: 1 });
  });
});
