/**
 * Backups from the app: list, make one now, restore one (see electron/db/backups.ts and
 * electron/db/restore.ts). A restore takes effect at once on the open connection; the database
 * as it was is kept as a `pre-restore` backup, so a restore can itself be undone.
 */
import type { BackupInfo, BackupList, RestoreResult } from '../../shared/api/types.ts';
import { appendAudit } from './audit.ts';
import { BackupError, backupDir, createBackup, listBackups } from '../db/backups.ts';
import type { Db } from '../db/database.ts';
import { restoreLive } from '../db/restore.ts';
import { ServiceError } from './errors.ts';

function fileDb(dbPath: string): void {
  if (dbPath === ':memory:') throw new ServiceError('conflict', 'This database lives in memory only; it has no backups.', { code: 'in-memory', need: 'backups' });
}

export function listDbBackups(dbPath: string): BackupList {
  if (dbPath === ':memory:') return { folder: '', backups: [] };
  return { folder: backupDir(dbPath), backups: listBackups(dbPath) };
}

export async function createDbBackup(db: Db, dbPath: string): Promise<BackupInfo> {
  fileDb(dbPath);
  const name = await createBackup(db, dbPath, 'manual');
  return listBackups(dbPath).find((b) => b.name === name)!;
}

let restoring = false;

export async function restoreDbBackup(db: Db, dbPath: string, input: { name: string }): Promise<RestoreResult> {
  fileDb(dbPath);
  if (!listBackups(dbPath).some((b) => b.name === input.name)) throw new ServiceError('not-found', `There is no backup "${input.name}" of this database.`, { code: 'not-found', what: 'backup', id: input.name });
  if (restoring) throw new ServiceError('conflict', 'A restore is already running.', { code: 'restore-running' });
  restoring = true;
  try {
    const result = await restoreLive(db, dbPath, input.name);
    // Recorded in the restored database's own (append-only) log.
    appendAudit(db, { action: 'backup.restore', entity: 'database', entityId: input.name, before: { keptAs: result.keptAs }, after: { restored: result.restored, schemaVersion: result.schemaVersion } });
    return result;
  } finally {
    restoring = false;
  }
}

export { BackupError };
