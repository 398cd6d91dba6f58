/** Shared by the database-safety tests: hashing files, a small roster, sheet writes through the handlers. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import type { Db } from '../../electron/db/database.ts';
import { call } from './call.ts';

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function handlersFor(db: Db, dbPath: string): Handlers {
  return createHandlers(db, { dbPath, appVersion: 'test' });
}

/** One region and `n` salespeople active from 2026-01; returns their ids. */
export async function seedPeople(h: Handlers, n = 3): Promise<number[]> {
  const region = await call(h, 'regions.save', { code: 'EAST', name: '华东区' });
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) {
    const p = await call(h, 'people.save', { employeeNo: `S-${i}`, name: `销售${i}`, role: 'salesperson', regionId: region.id, managerId: null, activeFrom: '2026-01', activeTo: null });
    ids.push(p.id);
  }
  return ids;
}

/** Save a draft sheet whose note carries `mark`; returns the new revision. */
export async function writeMark(h: Handlers, personId: number, period: string, mark: string): Promise<number> {
  const current = await call(h, 'sheets.get', { personId, period }).catch(() => ({ revision: 0 }));
  const saved = await call(h, 'sheets.save', {
    personId,
    period,
    entry: { items: { 'dealer.rebate-forms': { violated: false, note: mark } } },
    status: 'draft',
    expectedRevision: current.revision,
  });
  return saved.revision;
}

/** The mark stored in a sheet, or null when there is no sheet. */
export function readMark(db: Db, personId: number, period: string): string | null {
  const row = db.prepare('SELECT items FROM sheets WHERE person_id = ? AND period = ?').get(personId, period) as { items: string } | undefined;
  if (!row) return null;
  const items = JSON.parse(row.items) as Record<string, { note?: string }>;
  return items['dealer.rebate-forms']?.note ?? null;
}
