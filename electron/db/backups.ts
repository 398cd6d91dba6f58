/**
 * Backups of the database, in a `backups/` folder next to it, made with SQLite's online backup
 * API (a consistent copy while the database is open):
 *
 * - `pre-migration`: at open, before a migration runs on a file that already has data (kept: 3);
 * - `daily`: at open, when the newest daily backup is older than a day (kept: 7);
 * - `manual`: made from Settings (kept: 10);
 * - `pre-restore`: the current database, kept before a restore replaces it (kept: 5).
 *
 * A backup is made only from a database that passes `PRAGMA integrity_check`, so a damaged
 * database never rotates good backups away. File names say what and when:
 * `<db name>-<kind>-<UTC time>-v<schema>.db`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Refusal } from '../../shared/refusals.ts';

type Db = Database.Database;

export const BACKUP_KINDS = ['daily', 'pre-migration', 'manual', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const KEEP: Record<BackupKind, number> = { daily: 7, 'pre-migration': 3, manual: 10, 'pre-restore': 5 };
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupFile {
  /** The file name inside the backups folder (what `backups.restore` takes). */
  name: string;
  kind: BackupKind;
  /** ISO time the backup was made (from its name). */
  createdAt: string;
  bytes: number;
  /** The schema version (user_version) recorded in the file's header. */
  schemaVersion: number;
}

/** A failure of a backup or restore: the message in English (the CLI, the logs), the refusal as data for the UI. */
export class BackupError extends Error {
  readonly refusal: Refusal;
  constructor(message: string, refusal: Refusal) {
    super(message);
    this.name = 'BackupError';
    this.refusal = refusal;
  }
}

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

function stem(dbPath: string): string {
  return basename(dbPath, extname(dbPath));
}

/** 2026-11-27T12:30:00.123Z → 20261127T123000123Z (sortable, valid in every file system). */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function unstamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : '';
}

const NAME = /^(.+)-(daily|pre-migration|manual|pre-restore)-(\d{8}T\d{9}Z)(?:-\d+)?-v(\d+)\.db$/;

/** The backups of a database, newest first. */
export function listBackups(dbPath: string): BackupFile[] {
  const dir = backupDir(dbPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no folder yet (or not a folder, or not readable): no backups to list
  }
  const own = stem(dbPath);
  const out: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m || m[1] !== own) continue;
    const path = join(dir, name);
    let bytes: number;
    try {
      bytes = statSync(path).size;
    } catch {
      continue;
    }
    out.push({ name, kind: m[2] as BackupKind, createdAt: unstamp(m[3]!), bytes, schemaVersion: headerInt(path, 60) ?? Number(m[4]) });
  }
  return out.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** A big-endian 32-bit integer of the SQLite header (60: user_version, 68: application_id). */
export function headerInt(path: string, offset: number): number | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4);
    return readSync(fd, buf, 0, 4, offset) === 4 ? buf.readInt32BE(0) : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Throws a BackupError unless `PRAGMA integrity_check` says ok. */
export function assertIntegrity(db: Db, what = 'The database'): void {
  let rows: string[];
  try {
    rows = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (err) {
    throw new BackupError(`${what} is damaged (${(err as Error).message}); nothing was written. Restore a backup (Settings → Backups).`, { code: 'database-damaged' });
  }
  if (rows.length !== 1 || rows[0] !== 'ok') {
    throw new BackupError(`${what} failed its integrity check (${rows.slice(0, 3).join('; ')}); nothing was written. Restore a backup (Settings → Backups).`, { code: 'database-damaged' });
  }
}

/** How long a passed integrity_check is trusted before exports run it again. */
export const INTEGRITY_TRUSTED_MS = 10 * 60_000;
const lastIntegrityOk = new WeakMap<Db, number>();

/**
 * assertIntegrity for exports: a full integrity_check reads the whole file (hundreds of ms on a
 * company's database), so a pass is trusted for INTEGRITY_TRUSTED_MS on this connection; a
 * failure is never cached. Backups and restores always check.
 */
export function assertIntegrityRecent(db: Db, now = Date.now()): void {
  const last = lastIntegrityOk.get(db);
  if (last !== undefined && now - last < INTEGRITY_TRUSTED_MS && now >= last) return;
  assertIntegrity(db);
  lastIntegrityOk.set(db, now);
}

function newBackupPath(dbPath: string, kind: BackupKind, schema: number, now: Date): string {
  const dir = backupDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const base = `${stem(dbPath)}-${kind}-${stamp(now)}`;
  let path = join(dir, `${base}-v${schema}.db`);
  for (let i = 2; existsSync(path); i++) path = join(dir, `${base}-${i}-v${schema}.db`);
  return path;
}

/**
 * The native handle better-sqlite3 keeps under a private symbol. Its `backup` runs SQLite's
 * online backup API; driven here in one synchronous step, for the backups taken while opening
 * (`openDatabase` is synchronous). Undefined if a future better-sqlite3 hides it.
 */
function nativeHandle(db: Db): { backup: (db: Db, attached: string, dest: string, unlink: boolean) => { transfer(pages: number): { remainingPages: number; totalPages: number }; close(): void } } | undefined {
  for (const s of Object.getOwnPropertySymbols(db)) {
    const v = (db as unknown as Record<symbol, unknown>)[s];
    if (v && typeof (v as { backup?: unknown }).backup === 'function') return v as ReturnType<typeof nativeHandle>;
  }
  return undefined;
}

/** Write the backup to a temporary name, then rename it into place: a listed backup is always whole. */
function backupSyncTo(db: Db, dest: string): void {
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  try {
    if (!copyAllPages(db, tmp, true)) db.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, dest);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Copy every page of `src` into the database file `dest` with SQLite's online backup API in one
 * synchronous step: one write transaction on `dest`, so it is all or nothing and no other write
 * can slip in between steps. `unlinkOnFailure` deletes `dest` if the copy fails (never for a live
 * database). Returns false when the native handle is not available (the caller falls back).
 */
export function copyAllPages(src: Db, dest: string, unlinkOnFailure: boolean): boolean {
  const native = nativeHandle(src);
  if (!native) return false;
  const b = native.backup(src, 'main', dest, unlinkOnFailure);
  try {
    const step = b.transfer(-1);
    // SQLITE_BUSY comes back as a step that copied nothing: never take it for a finished copy.
    if (step.remainingPages !== 0 || step.totalPages === 0) {
      throw new BackupError('The database is busy (another program holds a lock on it); nothing was copied. Try again.', { code: 'database-busy', seconds: null });
    }
  } finally {
    b.close();
  }
  return true;
}

/** A backup taken synchronously (while opening). Checks integrity first; rotates. Returns the file name. */
export function createBackupSync(db: Db, dbPath: string, kind: BackupKind, now = new Date()): string {
  assertIntegrity(db);
  const dest = newBackupPath(dbPath, kind, db.pragma('user_version', { simple: true }) as number, now);
  backupSyncTo(db, dest);
  rotate(dbPath, kind);
  return basename(dest);
}

/**
 * A backup with better-sqlite3's asynchronous `db.backup()` (the database stays usable while it
 * runs). Checks integrity first unless told not to (the copy kept before a restore is taken even
 * from a damaged database); rotates. Returns the file name.
 */
export async function createBackup(db: Db, dbPath: string, kind: BackupKind, options: { checkIntegrity?: boolean; now?: Date } = {}): Promise<string> {
  if (options.checkIntegrity !== false) assertIntegrity(db);
  const dest = newBackupPath(dbPath, kind, db.pragma('user_version', { simple: true }) as number, options.now ?? new Date());
  const tmp = `${dest}.partial`;
  try {
    await db.backup(tmp);
    renameSync(tmp, dest);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  rotate(dbPath, kind);
  return basename(dest);
}

/** Keep the newest KEEP[kind] backups of a kind; delete the rest. */
export function rotate(dbPath: string, kind: BackupKind): string[] {
  const old = listBackups(dbPath)
    .filter((b) => b.kind === kind)
    .slice(KEEP[kind]);
  for (const b of old) rmSync(join(backupDir(dbPath), b.name), { force: true });
  return old.map((b) => b.name);
}

/** True when no daily backup is younger than a day. */
export function dailyBackupDue(dbPath: string, now = new Date()): boolean {
  const newest = listBackups(dbPath).find((b) => b.kind === 'daily');
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAY_MS;
}

/** The path of a listed backup; refuses anything else (no other folder, no other database's backups). */
export function backupPath(dbPath: string, name: string): string {
  const found = listBackups(dbPath).find((b) => b.name === name);
  if (!found) throw new BackupError(`There is no backup "${name}" of this database in ${backupDir(dbPath)}.`, { code: 'not-found', what: 'backup', id: name });
  return join(backupDir(dbPath), found.name);
}

/** What to tell a user whose database was refused: restore a backup, or start a new file. */
export function recoveryAdvice(dbPath: string): string {
  const backups = listBackups(dbPath);
  const fresh = `or start with a new database file (choose another path with --db PATH or SCORECARD_DB)`;
  if (backups.length === 0) return `No backup of it was found in ${backupDir(dbPath)}: restore a copy of your own, ${fresh}.`;
  const newest = backups[0]!;
  return (
    `${backups.length} backup${backups.length === 1 ? '' : 's'} of it ${backups.length === 1 ? 'is' : 'are'} in ${backupDir(dbPath)} (newest: ${newest.name}, ${newest.createdAt}). ` +
    `Restore one with \`scorecard db restore --db "${dbPath}" --backup ${newest.name}\` (the refused file is kept beside the backups), ${fresh}.`
  );
}
