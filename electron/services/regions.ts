/** Regions (区域): list, add, rename, deactivate. */
import type { Region } from '../../shared/api/types.ts';
import { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';

interface RegionRow {
  id: number;
  code: string;
  name: string;
  active: number;
}

const toRegion = (r: RegionRow): Region => ({ id: r.id, code: r.code, name: r.name, active: r.active === 1 });

export function listRegions(db: Db): Region[] {
  return (db.prepare('SELECT * FROM regions ORDER BY code').all() as RegionRow[]).map(toRegion);
}

export function getRegion(db: Db, id: number): Region {
  const row = db.prepare('SELECT * FROM regions WHERE id = ?').get(id) as RegionRow | undefined;
  if (!row) throw new ServiceError('not-found', `region ${id} does not exist`, { code: 'not-found', what: 'region', id: String(id) });
  return toRegion(row);
}

export function saveRegion(db: Db, input: { id?: number; code: string; name: string }): Region {
  return writeTransaction(db, () => {
    const clash = db.prepare('SELECT id FROM regions WHERE code = ? AND id IS NOT ?').get(input.code, input.id ?? null) as { id: number } | undefined;
    if (clash) throw new InputError([{ field: 'code', value: input.code, expected: 'a code no other region has', rule: { code: 'unique-region-code' } }], 'region');
    if (input.id === undefined) {
      const id = Number(db.prepare('INSERT INTO regions (code, name) VALUES (?, ?)').run(input.code, input.name).lastInsertRowid);
      const created = getRegion(db, id);
      appendAudit(db, { action: 'region.add', entity: 'region', entityId: id, after: created });
      return created;
    }
    const before = getRegion(db, input.id);
    db.prepare('UPDATE regions SET code = ?, name = ? WHERE id = ?').run(input.code, input.name, input.id);
    const after = getRegion(db, input.id);
    appendAudit(db, { action: 'region.edit', entity: 'region', entityId: input.id, before, after });
    return after;
  });
}

export function setRegionActive(db: Db, input: { id: number; active: boolean }): Region {
  return writeTransaction(db, () => {
    const before = getRegion(db, input.id);
    db.prepare('UPDATE regions SET active = ? WHERE id = ?').run(input.active ? 1 : 0, input.id);
    const after = getRegion(db, input.id);
    appendAudit(db, { action: input.active ? 'region.activate' : 'region.deactivate', entity: 'region', entityId: input.id, before, after });
    return after;
  });
}
