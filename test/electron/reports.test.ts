/**
 * The report services on a real database through the contract: who sees what (a regional
 * manager their region; planning, VP and HR everyone), the scorer of a sheet, dashboards and
 * fairness, and a database read a fixed number of times per report.
 */
import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/contract.ts';
import { dashboard } from '../../electron/services/reports.ts';
import { tempDb } from '../helpers/db.ts';
import { call } from '../helpers/call.ts';
import { handlersFor } from '../helpers/safety.ts';

async function setup() {
  const { db, path } = tempDb();
  const h = handlersFor(db, path);
  const east = await call(h, 'regions.save', { code: 'EAST', name: '华东区' });
  const south = await call(h, 'regions.save', { code: 'SOUTH', name: '华南区' });
  const ids: Record<string, number> = {};
  const add = async (employeeNo: string, name: string, regionId: number, role: InputOf<'people.save'>['role'] = 'salesperson') => {
    ids[employeeNo] = (await call(h, 'people.save', { employeeNo, name, role, regionId, managerId: null, activeFrom: '2026-01', activeTo: null })).id;
  };
  await add('M-1', '东经理', east.id, 'regional-manager');
  await add('S-1', '王磊', east.id);
  await add('S-2', '李静', east.id);
  await add('S-3', '张伟', south.id);
  const save = async (who: string, user: string, regionId: number, items: Record<string, unknown>, status: InputOf<'sheets.save'>['status'] = 'ready') => {
    await call(h, 'user.set', { name: user, chainRole: 'manager', regionId });
    await call(h, 'sheets.save', { personId: ids[who]!, period: '2026-10', entry: { items }, status, expectedRevision: 0 });
  };
  await save('S-1', '东经理', east.id, { 'dealer.network-plan': { violated: true } });
  await save('S-2', '东经理', east.id, { 'ad-plan': { occurrences: 1, note: '字迹潦草' } });
  await save('S-3', '南经理', south.id, {}, 'draft');
  return { db, h, east, south, ids };
}

describe('report services', () => {
  it('a regional manager sees their region’s staff; planning sees everyone', async () => {
    const { h, east, south } = await setup();
    await call(h, 'user.set', { name: '东经理', chainRole: 'manager', regionId: east.id });
    const mine = await call(h, 'reports.pay', { period: '2026-10' });
    expect(mine.rows.map((r) => r.employeeNo)).toEqual(['S-1', 'S-2']);
    expect((await call(h, 'reports.annual', { year: 2026, basis: 'all' })).rows.map((r) => r.employeeNo)).toEqual(['S-1', 'S-2']);
    expect((await call(h, 'reports.dashboard', { period: '2026-10' })).byRegion.map((d) => d.key)).toEqual(['EAST']);
    await call(h, 'user.set', { name: '南经理', chainRole: 'manager', regionId: south.id });
    expect((await call(h, 'reports.fairness', { period: '2026-10' })).explanations).toEqual([]); // the south sheet is a draft
    await call(h, 'user.set', { name: '计划部', chainRole: 'planning', regionId: null });
    const all = await call(h, 'reports.pay', { period: '2026-10' });
    expect(all.rows.map((r) => r.employeeNo)).toEqual(['M-1', 'S-1', 'S-2', 'S-3']);
    expect(all.rows.map((r) => r.missing.includes('sheet'))).toEqual([true, false, false, true]);
    expect(all.settings.version).toBe(0);
  });

  it('dashboard and fairness: the scorer is who saved the sheet; deductions explained or listed', async () => {
    const { h } = await setup();
    await call(h, 'user.set', { name: 'HR', chainRole: 'hr', regionId: null });
    const d = await call(h, 'reports.dashboard', { period: '2026-10' });
    expect(d.company.count).toBe(2);
    expect(d.byScorer.map((s) => [s.key, s.count])).toEqual([['东经理', 2]]);
    expect(d.byRegion.map((r) => [r.key, r.count])).toEqual([
      ['EAST', 2],
      ['SOUTH', 0],
    ]);
    expect(d.unsigned.map((u) => u.status)).toEqual(['not-started', 'ready', 'ready', 'draft']);
    expect(d.topDeductions.map((t) => t.itemId).sort()).toEqual(['ad-plan', 'dealer.network-plan']);
    const f = await call(h, 'reports.fairness', { period: '2026-10' });
    expect(f.calibration).toEqual([{ scorer: '东经理', count: 2, mean: expect.any(Number), spread: expect.any(Number), flags: [], verdict: 'too-few' }]); // 2 sheets: below the minimum of 5
    expect(f.unexplained.map((u) => [u.name, u.itemId, u.deduction])).toEqual([['王磊', 'dealer.network-plan', 5]]);
    const wang = f.explanations.find((e) => e.name === '王磊')!;
    expect(wang.lines).toEqual([{ itemId: 'dealer.network-plan', deduction: 5, zh: expect.stringContaining('违反，扣5分'), en: expect.stringContaining('violated, −5') }]);
  });

  it('overdue once the 8th of the next month has passed (local date)', async () => {
    const { db } = await setup();
    expect(dashboard(db, { period: '2026-10' }, new Date(2026, 10, 8, 23, 0)).unsigned.every((u) => !u.overdue)).toBe(true);
    expect(dashboard(db, { period: '2026-10' }, new Date(2026, 10, 9, 0, 30)).unsigned.every((u) => u.overdue)).toBe(true);
  });

  it('reads the database a fixed number of times, however many people', async () => {
    const { db, h } = await setup();
    const prepare = db.prepare.bind(db);
    let runs = 0;
    // Count statement executions by wrapping what statements.ts caches: fresh connection state per report.
    const counted = (sql: string) => {
      const st = prepare(sql);
      for (const m of ['all', 'get', 'run'] as const) {
        const f = (st as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!.bind(st);
        (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => (runs++, f(...a));
      }
      return st;
    };
    (db as unknown as { prepare: typeof counted }).prepare = counted;
    const before = runs;
    await call(h, 'reports.fairness', { period: '2026-10' });
    const small = runs - before;
    for (let i = 0; i < 12; i++) {
      const p = await call(h, 'people.save', { employeeNo: `X-${i}`, name: `新人${i}`, role: 'salesperson', regionId: 1, managerId: null, activeFrom: '2026-01', activeTo: null });
      await call(h, 'sheets.save', { personId: p.id, period: '2026-10', entry: { items: { 'ad-plan': { occurrences: 1 } } }, status: 'ready', expectedRevision: 0 });
    }
    const mid = runs;
    await call(h, 'reports.fairness', { period: '2026-10' });
    expect(runs - mid).toBe(small);
  });
});
