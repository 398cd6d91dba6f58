/**
 * Opening the app's SQLite database: refuse what is not ours, is damaged, is newer than this app
 * or lies on a network share — all checked on a read-only connection first, so a refused file is
 * left byte-identical — then back it up (before a migration; daily) and migrate. Every migration
 * runs in one transaction with its user_version, so a failure leaves schema and version as they
 * were.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, createBackupSync, dailyBackupDue, recoveryAdvice } from './backups.ts';
import { detectNetworkShare, type NetworkShare } from './network.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';
import { writeTransaction } from './transaction.ts';

export type Db = Database.Database;

/** How long a connection waits for another's write lock before SQLITE_BUSY (every write transaction begins IMMEDIATE: see transaction.ts). */
export const BUSY_TIMEOUT_MS = 5000;

/** "SCD1": marks a database file as this app's (PRAGMA application_id). */
export const APPLICATION_ID = 0x53434431;
const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * What is wrong with a database file the app refuses (checkDatabaseFile), as data: a restore names
 * the backup by it (refusals backup-unusable, backup-newer). Opening refusals that are not about
 * the file's content (a network share, a failed backup) carry none.
 */
export type FileProblem = { problem: 'not-database' | 'truncated' | 'damaged' | 'other-app' } | { problem: 'newer'; schema: number; latest: number };

/** A database the app refuses to open; the message is for the user. */
export class DatabaseRefused extends Error {
  readonly file: FileProblem | undefined;
  constructor(message: string, file?: FileProblem) {
    super(message);
    this.name = 'DatabaseRefused';
    this.file = file;
  }
}

export interface OpenOptions {
  /** better-sqlite3's native binding (the Electron build points at its own; tests and CLI use the default). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** Automatic backups (before a migration, daily) into `backups/` next to the file. Default: on. */
  backups?: boolean;
  /** Where the file lives, for the network-share check (tests pass a sample); default: this machine's mount table. */
  networkShare?: (absolutePath: string) => NetworkShare | null;
  /** "Now", for the daily backup (tests). */
  now?: Date;
}

/** Backups made while opening, and migrations applied (for the caller to report). */
export interface OpenReport {
  backups: string[];
  migrated: number[];
  /** A daily backup that could not be made (the database opened anyway; the message says why). */
  warnings?: string[];
}

const reports = new WeakMap<Db, OpenReport>();
const bindings = new WeakMap<Db, string>();

/** The native binding a database was opened with (the Electron build's), for other connections to the same file. */
export function nativeBindingOf(db: Db): string | undefined {
  return bindings.get(db);
}

/** What `openDatabase` did to a database it opened. */
export function openReport(db: Db): OpenReport {
  return reports.get(db) ?? { backups: [], migrated: [] };
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  const memory = path === ':memory:';
  if (!memory) refuseNetworkShare(path, options.networkShare ?? detectNetworkShare);
  const isNew = memory || !existsSync(path);
  if (!isNew) {
    try {
      checkDatabaseFile(path, latest, options.nativeBinding);
    } catch (err) {
      if (err instanceof DatabaseRefused) throw new DatabaseRefused(`${err.message} ${recoveryAdvice(path)}`, err.file);
      throw err;
    }
  }

  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const report: OpenReport = { backups: [], migrated: [] };
  try {
    if (!isNew) checkHeaderPragmas(db, path, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (isNew) db.pragma(`application_id = ${APPLICATION_ID}`);
    const backups = !memory && !isNew && options.backups !== false;
    const version = schemaVersion(db);
    if (backups && version > 0 && migrations.some((m) => m.version > version)) {
      // A migration is about to change a file that has data: keep it as it was.
      report.backups.push(backupOrRefuse(db, path, 'pre-migration', options.now));
    }
    report.migrated = migrate(db, migrations);
    if (backups && dailyBackupDue(path, options.now)) {
      // A failed daily backup does not keep the user from their data: the database opens, with a warning.
      try {
        report.backups.push(createBackupSync(db, path, 'daily', options.now));
      } catch (err) {
        const message = `${path}: today's automatic backup could not be made (${(err as Error).message}). Free some disk space or check the backups folder's permissions.`;
        console.warn(message);
        report.warnings = [message];
      }
    }
    reports.set(db, report);
    if (options.nativeBinding) bindings.set(db, options.nativeBinding);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The backup before a migration: without it, no migration (and the database is not opened). */
function backupOrRefuse(db: Db, path: string, kind: 'pre-migration', now: Date | undefined): string {
  try {
    return createBackupSync(db, path, kind, now);
  } catch (err) {
    const why = err instanceof BackupError ? err.message : (err as Error).message;
    throw new DatabaseRefused(`${path}: the automatic backup before updating the database could not be made (${why}), so it was neither updated nor opened. Free some disk space or check the folder's permissions.`);
  }
}

function refuseNetworkShare(path: string, detect: (absolutePath: string) => NetworkShare | null): void {
  const share = detect(resolve(path));
  if (!share) return;
  throw new DatabaseRefused(
    `${path} is on a network share (${share.type} at ${share.where}). SQLite cannot lock files reliably over a network, so two people or a dropped connection could damage it. ` +
      `Copy the file to a folder on this computer and open that copy (--db PATH or SCORECARD_DB); it was not changed.`,
  );
}

/**
 * Look at an existing file through a read-only connection (nothing can be written to it):
 * ours, not newer than this app, and `PRAGMA quick_check` ok.
 */
/**
 * Every check an existing file passes before this app writes to it (or restores it), without
 * changing it: an SQLite file of this app, whole, not newer than `latest`, passing quick_check.
 * Throws DatabaseRefused naming the file and the problem.
 */
export function checkDatabaseFile(path: string, latest: number, nativeBinding?: string): void {
  checkFileLooksOurs(path);
  checkReadOnly(path, latest, nativeBinding);
}

function checkReadOnly(path: string, latest: number, nativeBinding: string | undefined): void {
  let ro: Db;
  try {
    ro = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new DatabaseRefused(`${path} cannot be opened as a database (${(err as Error).message}). It was not changed.`, { problem: 'not-database' });
  }
  try {
    try {
      checkHeaderPragmas(ro, path, latest);
    } catch (err) {
      if (err instanceof DatabaseRefused) throw err;
      throw new DatabaseRefused(`${path} is damaged or not a complete database (${(err as Error).message}). It was not changed.`, { problem: 'damaged' });
    }
    let rows: string[];
    try {
      rows = (ro.pragma('quick_check(10)') as { quick_check: string }[]).map((r) => r.quick_check);
    } catch (err) {
      throw new DatabaseRefused(`${path} is damaged (${(err as Error).message}). It was not changed.`, { problem: 'damaged' });
    }
    if (rows.length !== 1 || rows[0] !== 'ok') {
      throw new DatabaseRefused(`${path} is damaged: SQLite's quick check found ${rows.length === 10 ? 'at least 10' : rows.length} problem${rows.length === 1 ? '' : 's'} (${rows.slice(0, 2).join('; ').replace(/\s*\n\s*/g, ' ')}). It was not changed.`, {
        problem: 'damaged',
      });
    }
  } finally {
    ro.close();
  }
}

/** Refuse, before SQLite touches it, a file that is not an SQLite database at all. */
function checkFileLooksOurs(path: string): void {
  const size = statSync(path).size;
  if (size === 0) throw new DatabaseRefused(`${path} is an empty file, not a database of this app. Choose another file or move it away.`, { problem: 'not-database' });
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_HEADER) throw new DatabaseRefused(`${path} is not an SQLite database (it may be another kind of file). It was not changed.`, { problem: 'not-database' });
    const truncated = () =>
      new DatabaseRefused(`${path} is truncated (${size} bytes): part of the database is missing, perhaps from an interrupted copy. It was not changed.`, { problem: 'truncated' });
    if (size < 100) throw truncated();
    const rest = Buffer.alloc(84);
    readSync(fd, rest, 0, 84, 16);
    const rawPageSize = rest.readUInt16BE(0);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
      throw new DatabaseRefused(`${path} is damaged (its header gives an impossible page size ${rawPageSize}). It was not changed.`, { problem: 'damaged' });
    }
    // Bytes 28–31: the size in pages, valid when the change counter (24) equals "version valid for" (92).
    const pages = rest.readUInt32BE(28 - 16);
    const headerValid = rest.readUInt32BE(24 - 16) === rest.readUInt32BE(92 - 16);
    if (size % pageSize !== 0 || size < pageSize || (headerValid && pages > 0 && size < pages * pageSize)) throw truncated();
  } finally {
    closeSync(fd);
  }
}

function checkHeaderPragmas(db: Db, path: string, latest: number): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    throw new DatabaseRefused(`${path} is an SQLite database of another application (application_id ${appId}), not of this app. It was not changed.`, { problem: 'other-app' });
  }
  if (version > latest) {
    throw new DatabaseRefused(`${path} was written by a newer version of this app (schema ${version}; this app knows up to ${latest}). Update the app to open it.`, {
      problem: 'newer',
      schema: version,
      latest,
    });
  }
}

/** Apply every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    writeTransaction(db, () => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
    applied.push(m.version);
  }
  return applied;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_SCHEMA_VERSION };
