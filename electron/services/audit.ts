/** The append-only audit log: who changed what, when, before and after. */
import type { AuditEntry } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { currentUser } from './settings.ts';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

export function appendAudit(db: Db, record: AuditRecord): void {
  statement(db, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    currentUser(db)?.name ?? '(not set)',
    record.action,
    record.entity,
    String(record.entityId),
    record.before === undefined ? null : JSON.stringify(record.before),
    record.after === undefined ? null : JSON.stringify(record.after),
  );
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export function listAudit(db: Db, input: { limit?: number }): AuditEntry[] {
  const rows = statement(db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(input.limit ?? 200) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}
