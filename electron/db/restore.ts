/**
 * Restoring a backup.
 *
 * - `restoreLive` (the app, browser mode): the running connection stays open. The backup is
 *   verified, the current database is kept as a `pre-restore` backup, then SQLite's online backup
 *   API copies the backup *into* the live database: one write transaction on it, so the change is
 *   atomic (all or nothing, even if the app is killed half-way) and the open connection sees the
 *   restored data at once. No restart, no reopen. Older backups are then migrated up.
 * - `restoreOffline` (the command line, for a database that cannot be opened): the refused file
 *   (with its -wal/-shm) is moved, unchanged, into the backups folder, and the verified backup is
 *   copied to a temporary file beside the database and renamed into place.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, backupDir, backupPath, copyAllPages, createBackup, headerInt } from './backups.ts';
import { APPLICATION_ID, checkDatabaseFile, DatabaseRefused, LATEST_SCHEMA_VERSION, migrate, nativeBindingOf, schemaVersion, type Db } from './database.ts';

export interface RestoreOutcome {
  /** The backup restored. */
  restored: string;
  /** The copy of the database as it was before (in the backups folder). */
  keptAs: string;
  /** The schema version after the restore (backups of older versions are migrated). */
  schemaVersion: number;
}

/** Check a backup file before it replaces anything: the same checks as opening a database (database.ts). Returns its schema version. */
export function verifyBackupFile(path: string, latest = LATEST_SCHEMA_VERSION, nativeBinding?: string): number {
  try {
    checkDatabaseFile(path, latest, nativeBinding);
  } catch (err) {
    if (!(err instanceof DatabaseRefused)) throw err;
    // "<path> is damaged … It was not changed." → about the backup, by its name.
    const what = err.message.replace(path, '').replace(/\s*It was not changed\.\s*$/, '').trim();
    const name = basename(path);
    const file = err.file ?? { problem: 'damaged' as const };
    throw new BackupError(
      `The backup ${name} ${what}; nothing was changed. Choose another backup.`,
      file.problem === 'newer' ? { code: 'backup-newer', name, schema: file.schema, latest: file.latest } : { code: 'backup-unusable', name, problem: file.problem },
    );
  }
  return headerInt(path, 60) ?? 0;
}

/** Restore a backup into the open database (see the file comment). */
export async function restoreLive(db: Db, dbPath: string, name: string): Promise<RestoreOutcome> {
  const from = backupPath(dbPath, name);
  const nativeBinding = nativeBindingOf(db);
  verifyBackupFile(from, LATEST_SCHEMA_VERSION, nativeBinding);
  if (db.inTransaction) throw new BackupError('The database is busy; try the restore again.', { code: 'database-busy', seconds: null });
  // The database as it is now, even if damaged: the user may want it back.
  const keptAs = await createBackup(db, dbPath, 'pre-restore', { checkIntegrity: false });
  const src = new Database(from, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    // All pages in one synchronous step: one write transaction on the live database, taken and
    // released within this call (the asynchronous backup's first step holds the write lock while
    // copying nothing, and a save landing in that gap would wait for the busy timeout).
    if (!copyAllPages(src, dbPath, false)) await src.backup(dbPath, { progress: () => 0x7fffffff });
  } catch (err) {
    // Busy (another program holds the lock) says so; any other failure is the restore's.
    const busy = err instanceof BackupError ? err.refusal.code === 'database-busy' : String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
    throw new BackupError(`The restore of ${name} failed (${(err as Error).message}); the database was not changed.`, busy ? { code: 'database-busy', seconds: null } : { code: 'restore-failed', name });
  } finally {
    src.close();
  }
  migrate(db);
  return { restored: name, keptAs, schemaVersion: schemaVersion(db) };
}

/** Restore a backup over a database that is not open (the command line; see the file comment). */
export function restoreOffline(dbPath: string, name: string, nativeBinding?: string): RestoreOutcome {
  const from = backupPath(dbPath, name);
  verifyBackupFile(from, LATEST_SCHEMA_VERSION, nativeBinding);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const keptAs = `${basename(dbPath)}.replaced-${stamp}`;
  const tmp = `${dbPath}.restoring`;
  rmSync(tmp, { force: true });
  const src = new Database(from, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    // A consistent copy of the backup (VACUUM INTO writes a whole new database file and syncs it).
    src.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    src.close();
  }
  if (headerInt(tmp, 68) !== APPLICATION_ID) {
    rmSync(tmp, { force: true });
    throw new BackupError(`The copy of ${name} came out wrong; nothing was changed.`, { code: 'restore-failed', name });
  }
  // Move the current file (and its journal files) aside unchanged, then put the copy in its place.
  const dir = backupDir(dbPath);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, join(dir, keptAs + suffix));
  }
  renameSync(tmp, dbPath);
  return { restored: name, keptAs, schemaVersion: headerInt(dbPath, 60) ?? 0 };
}
