/**
 * One app per database file. The desktop app and browser mode (`npm run web`) each take a lock
 * file beside the database (`scorecard.db.lock`, JSON: pid, start time, kind, host name) before
 * opening it; a second one on the same file is refused with a message naming the one running.
 * The lock is taken in the entry points (electron/main.ts, electron/web/main.ts), not in
 * openDatabase: tests, the crash test's child and the command line open files directly. The
 * command line shares the file (SQLite's own locking keeps its writes one at a time) and, when it
 * cannot get the write lock in time, `describeBusy` says who holds the database.
 *
 * The lock file is created atomically (open with 'wx': exactly one of two starting apps
 * creates it). A lock left behind by an app that died (its pid is not running on this computer, or
 * it started before this computer did) is stale: the next app takes it over. The lock is removed
 * when the app exits.
 */
import { formatLocalTime } from '../../shared/time.ts';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname, uptime } from 'node:os';
import { resolve } from 'node:path';
import { BUSY_TIMEOUT_MS } from './database.ts';

export type InstanceKind = 'desktop' | 'browser';

/** What the lock file says. */
export interface LockHolder {
  pid: number;
  /** When the app started (ISO 8601, UTC). */
  startedAt: string;
  kind: InstanceKind;
  hostname: string;
}

/** A second app on the same database: refused. The message is for the user. */
export class InstanceLocked extends Error {
  readonly holder: LockHolder | null;
  readonly lockPath: string;
  constructor(message: string, lockPath: string, holder: LockHolder | null) {
    super(message);
    this.name = 'InstanceLocked';
    this.lockPath = lockPath;
    this.holder = holder;
  }
}

export interface InstanceLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Remove the lock file (if it is still this app's). Done on exit as well. */
  release(): void;
}

export interface LockOptions {
  /** Who takes the lock (tests): default this process, now, this computer. */
  pid?: number;
  now?: Date;
  hostname?: string;
  /** Remove the lock when this process exits (default true). */
  releaseOnExit?: boolean;
}

/** The lock file of a database: beside it, its name + `.lock`. */
export function lockPathOf(dbPath: string): string {
  return `${resolve(dbPath)}.lock`;
}

/**
 * Take the database's lock for this app, or throw InstanceLocked naming the app that holds it.
 * A stale lock (its app is gone) is taken over.
 */
export function acquireInstanceLock(dbPath: string, kind: InstanceKind, options: LockOptions = {}): InstanceLock {
  const path = lockPathOf(dbPath);
  const holder: LockHolder = {
    pid: options.pid ?? process.pid,
    startedAt: (options.now ?? new Date()).toISOString(),
    kind,
    hostname: options.hostname ?? osHostname(),
  };
  const content = `${JSON.stringify(holder)}\n`;
  // A few rounds: each either creates the file, refuses, or removes a stale lock and tries again.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, content)) return lockHandle(path, holder, content, options.releaseOnExit !== false);
    const found = readLock(path);
    if (found === 'missing') continue; // removed between our attempt and the read: try again
    if (found === 'unreadable') {
      // A lock file being written right now (an app just created it) or left empty by a crash.
      if (ageMs(path) < 10_000) throw new InstanceLocked(`${dbPath} is being opened by another app right now (lock file ${path}). Wait a moment and try again.`, path, null);
      takeOver(path, null);
      continue;
    }
    if (isAlive(found.holder)) throw new InstanceLocked(refusal(dbPath, path, found.holder), path, found.holder);
    takeOver(path, found.raw);
  }
  throw new InstanceLocked(`${dbPath}: its lock file ${path} keeps changing (another app is starting on it). Try again.`, path, null);
}

/** The app that holds the database's lock, if the lock file names one that is running (the CLI uses it to say who). */
export function runningHolder(dbPath: string): LockHolder | null {
  const found = readLock(lockPathOf(dbPath));
  if (typeof found === 'string') return null;
  return isAlive(found.holder) ? found.holder : null;
}

/** Whether the app a lock names still runs. On another computer this cannot be told: assumed running. */
export function isAlive(holder: LockHolder, thisHost: string = osHostname()): boolean {
  if (holder.hostname !== thisHost) return true;
  // Started before this computer booted: the pid now belongs to someone else.
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(holder.startedAt) < bootedAt - 60_000) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** "the browser-mode app (npm run web, process 1234 on this computer, started 2026-12-07 17:09:33)". */
export function describeHolder(holder: LockHolder, thisHost: string = osHostname()): string {
  const app = holder.kind === 'desktop' ? 'the desktop app (' : 'the browser-mode app (npm run web, ';
  const where = holder.hostname === thisHost ? 'on this computer' : `on the computer ${holder.hostname}`;
  return `${app}process ${holder.pid} ${where}, started ${formatLocalTime(holder.startedAt)})`;
}

/** SQLite could not get the lock in time (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * An SQLITE_BUSY failure in words, naming the app that holds the database when its lock file
 * names a running one; null for any other error. For the command line, which waits up to the
 * busy timeout and then says this instead of "database is locked".
 */
export function describeBusy(dbPath: string, err: unknown): string | null {
  if (!isBusy(err)) return null;
  const holder = runningHolder(dbPath);
  const who = holder ? describeHolder(holder) : 'another program (another scorecard command, or a backup being made)';
  const held = (err as { code: string }).code === 'SQLITE_BUSY' ? ` stayed locked for more than ${BUSY_TIMEOUT_MS / 1000} s, so nothing was written to it` : ' was busy, so nothing was written to it';
  return `the database is in use by ${who}: ${dbPath}${held}. Try again when it is idle.`;
}

function refusal(dbPath: string, lockPath: string, holder: LockHolder): string {
  const here = holder.hostname === osHostname();
  return (
    `${dbPath} is already open in ${describeHolder(holder)}. One app at a time writes to a database: ` +
    `use that one, or close it first${holder.kind === 'browser' ? ' (Ctrl+C where it runs)' : ''}, or open another database (--db PATH).` +
    (here ? '' : ` If that computer no longer has it open, delete ${lockPath}.`)
  );
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

type ReadLock = { holder: LockHolder; raw: string } | 'missing' | 'unreadable';

function readLock(path: string): ReadLock {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  const holder = parseLock(raw);
  return holder ? { holder, raw } : 'unreadable';
}

function parseLock(raw: string): LockHolder | null {
  try {
    const v = JSON.parse(raw) as Partial<LockHolder> | null;
    if (v && Number.isInteger(v.pid) && typeof v.startedAt === 'string' && (v.kind === 'desktop' || v.kind === 'browser') && typeof v.hostname === 'string') {
      return v as LockHolder;
    }
  } catch {
    // not JSON
  }
  return null;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

/**
 * Remove a stale lock: renamed aside first (atomic: of two apps taking it over, one renames it),
 * then checked to be the stale one read (`expected`; null: an unreadable file) — if another app
 * took it over in between, what was renamed is that app's live lock: it is put back.
 */
function takeOver(path: string, expected: string | null): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readFileSync(aside, 'utf8');
  const stale = expected === null ? parseLock(moved) === null : moved === expected;
  if (!stale) {
    // Put it back; if yet another lock was created meanwhile, keep that one.
    createExclusive(path, moved);
  }
  unlinkSync(aside);
}

function lockHandle(path: string, holder: LockHolder, content: string, releaseOnExit: boolean): InstanceLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      // Only this app's lock: a lock another app took over (after this one was thought dead) stays.
      if (readFileSync(path, 'utf8') === content) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  if (releaseOnExit) process.once('exit', release);
  return { path, holder, release };
}
