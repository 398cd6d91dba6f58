/**
 * Opening the app's SQLite database: refuse what is not ours or is newer than this app, then
 * migrate. Every migration runs in one transaction with its user_version, so a failure leaves
 * schema and version as they were.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

/** "SCD1": marks a database file as this app's (PRAGMA application_id). */
export const APPLICATION_ID = 0x53434431;
const SQLITE_HEADER = 'SQLite format 3\0';

/** A database the app refuses to open; the message is for the user. */
export class DatabaseRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRefused';
  }
}

export interface OpenOptions {
  /** better-sqlite3's native binding (the Electron build points at its own; tests and CLI use the default). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const isNew = path === ':memory:' || !existsSync(path);
  if (!isNew) checkFileLooksOurs(path);

  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (!isNew) checkHeaderPragmas(db, path, migrations.at(-1)?.version ?? 0);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (isNew) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Refuse, before SQLite touches it, a file that is not an SQLite database at all. */
function checkFileLooksOurs(path: string): void {
  const size = statSync(path).size;
  if (size === 0) throw new DatabaseRefused(`${path} is an empty file, not a database of this app. Choose another file or move it away.`);
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_HEADER) throw new DatabaseRefused(`${path} is not an SQLite database (it may be another kind of file). It was not changed.`);
  } finally {
    closeSync(fd);
  }
}

function checkHeaderPragmas(db: Db, path: string, latest: number): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    throw new DatabaseRefused(`${path} is an SQLite database of another application (application_id ${appId}), not of this app. It was not changed.`);
  }
  if (version > latest) {
    throw new DatabaseRefused(`${path} was written by a newer version of this app (schema ${version}; this app knows up to ${latest}). Update the app to open it.`);
  }
}

/** Apply every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_SCHEMA_VERSION };
