/** The append-only audit log: who changed what, when, before and after. */
import type { AuditEntry } from '../../shared/api/types.ts';
import type { AuditAction } from '../../shared/audit.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { currentUser } from './current-user.ts';

export interface AuditRecord {
  /** One of shared/audit.ts's list, which the renderer words in each language. */
  action: AuditAction;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** The actor recorded when no user is set. */
export const NO_USER = '(not set)';

/** `stamp` (who and when) defaults to the current user and now; a batch reads them once and passes them. */
export function appendAudit(db: Db, record: AuditRecord, stamp?: { actor: string; at: string }): void {
  statement(db, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    stamp?.at ?? new Date().toISOString(),
    stamp?.actor ?? currentUser(db)?.name ?? NO_USER,
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
