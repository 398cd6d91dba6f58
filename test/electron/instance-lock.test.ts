/**
 * One app per database file (electron/db/instance-lock.ts): real lock files, real processes
 * holding them, stale locks taken over, and browser mode's entry point refusing a second one.
 */
import { formatLocalTime } from '../../shared/time.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { acquireInstanceLock, describeBusy, InstanceLocked, lockPathOf, type LockHolder } from '../../electron/db/instance-lock.ts';
import { tempDir, track } from '../helpers/db.ts';

const HOLDER = join('test', 'helpers', 'lock-holder.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** The start time as the user reads it (local time, to the second). */
/** A start time as the message shows it: local time with its zone (shared/time.ts), "2026-12-07 23:52 (UTC+8)". */
const shown = (iso: string) => formatLocalTime(iso);

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A real process that takes the lock; resolves with what it wrote to the lock file, or rejects with its error output. */
function holder(dbPath: string, kind: 'desktop' | 'browser' = 'browser'): Promise<{ child: ChildProcess; lock: LockHolder }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dbPath, kind], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^locked (.*)$/m.exec(out);
      if (m) resolve({ child, lock: JSON.parse(m[1]!) as LockHolder });
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

/** A pid that was running a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid!;
}

function refusal(fn: () => unknown): InstanceLocked {
  try {
    fn();
  } catch (err) {
    if (err instanceof InstanceLocked) return err;
    throw err;
  }
  throw new Error('expected InstanceLocked');
}

describe('instance lock', () => {
  it('is a JSON file beside the database naming pid, start time, kind and host; release removes it', () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const lock = acquireInstanceLock(dbPath, 'desktop', { releaseOnExit: false });
    expect(lock.path).toBe(`${dbPath}.lock`);
    const stored = JSON.parse(readFileSync(lock.path, 'utf8')) as LockHolder;
    expect(stored).toEqual({ pid: process.pid, startedAt: lock.holder.startedAt, kind: 'desktop', hostname: hostname() });
    expect(Math.abs(Date.parse(stored.startedAt) - Date.now())).toBeLessThan(10_000);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second app while a real process holds the lock, naming its pid and start time; gone when that process exits', async () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const { child, lock } = await holder(dbPath, 'browser');
    expect(lock.pid).toBe(child.pid);
    const refused = refusal(() => acquireInstanceLock(dbPath, 'desktop', { releaseOnExit: false }));
    expect(refused.message).toContain(`${dbPath} is already open in the browser-mode app (npm run web, process ${child.pid} on this computer, started ${shown(lock.startedAt)})`);
    expect(refused.message).toContain(`process ${child.pid} on this computer`);
    expect(refused.message).toContain(`started ${shown(lock.startedAt)}`);
    expect(refused.holder).toEqual(lock);
    // The lock file is untouched by the refusal.
    expect(JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8'))).toEqual(lock);

    child.stdin!.end(); // it exits normally: its lock goes with it
    expect(await exited(child)).toBe(0);
    expect(existsSync(lockPathOf(dbPath))).toBe(false);
    const mine = acquireInstanceLock(dbPath, 'desktop', { releaseOnExit: false });
    expect(mine.holder.pid).toBe(process.pid);
    mine.release();
  });

  it('takes over the lock of a process that was killed (its pid is gone)', async () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const { child, lock } = await holder(dbPath, 'desktop');
    child.kill('SIGKILL');
    await exited(child);
    // Killed: nothing removed its lock file.
    expect(JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8'))).toEqual(lock);
    const mine = acquireInstanceLock(dbPath, 'browser', { releaseOnExit: false });
    expect(JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8'))).toMatchObject({ pid: process.pid, kind: 'browser' });
    mine.release();
  });

  it('takes over a stale lock naming a dead pid, and one older than this computer\'s boot', async () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const pid = await deadPid();
    writeFileSync(lockPathOf(dbPath), JSON.stringify({ pid, startedAt: new Date().toISOString(), kind: 'browser', hostname: hostname() }));
    const mine = acquireInstanceLock(dbPath, 'desktop', { releaseOnExit: false });
    expect(mine.holder.pid).toBe(process.pid);
    mine.release();

    // This very process, but "started" in 2001: the pid was reused after a reboot.
    writeFileSync(lockPathOf(dbPath), JSON.stringify({ pid: process.pid, startedAt: '2001-01-01T00:00:00.000Z', kind: 'browser', hostname: hostname() }));
    const again = acquireInstanceLock(dbPath, 'desktop', { releaseOnExit: false });
    expect(JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8'))).toMatchObject({ kind: 'desktop', startedAt: again.holder.startedAt });
    again.release();
  });

  it('refuses a lock held on another computer (its process cannot be checked) and says how to clear it', async () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const lock = { pid: await deadPid(), startedAt: new Date().toISOString(), kind: 'desktop', hostname: 'other-pc' };
    writeFileSync(lockPathOf(dbPath), JSON.stringify(lock));
    const refused = refusal(() => acquireInstanceLock(dbPath, 'browser', { releaseOnExit: false }));
    expect(refused.message).toContain(`the desktop app (process ${lock.pid} on the computer other-pc, started ${shown(lock.startedAt)})`);
    expect(refused.message).toContain(`delete ${lockPathOf(dbPath)}`);
  });

  it('an unreadable lock file: refused while fresh (an app is writing it), taken over when old', () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    writeFileSync(lockPathOf(dbPath), '');
    expect(refusal(() => acquireInstanceLock(dbPath, 'browser', { releaseOnExit: false })).message).toMatch(/being opened by another app right now/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(dbPath), old, old);
    const mine = acquireInstanceLock(dbPath, 'browser', { releaseOnExit: false });
    expect(mine.holder.pid).toBe(process.pid);
    mine.release();
  });

  it('release leaves alone a lock another app has taken over since', () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const lock = acquireInstanceLock(dbPath, 'browser', { releaseOnExit: false });
    const other = JSON.stringify({ pid: 1, startedAt: new Date().toISOString(), kind: 'desktop', hostname: hostname() });
    writeFileSync(lock.path, other);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(other);
  });

  it('of four processes starting at once on one file, exactly one gets the lock', async () => {
    const dbPath = join(tempDir(), 'scorecard.db');
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => holder(dbPath)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    for (const l of lost) expect(String(l.reason)).toMatch(/is already open in the browser-mode app|is being opened by another app right now/);
  }, 30_000);

  it('describeBusy: a real SQLITE_BUSY in words, naming the running app when there is one', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'scorecard.db');
    track(openDatabase(dbPath));
    const writer = track(new Database(dbPath));
    writer.exec('BEGIN IMMEDIATE');
    const waiter = track(new Database(dbPath, { timeout: 50 }));
    let busy: unknown;
    try {
      waiter.exec('BEGIN IMMEDIATE');
    } catch (err) {
      busy = err;
    }
    writer.exec('ROLLBACK');
    expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');

    expect(describeBusy(dbPath, busy)).toBe(
      `the database is in use by another program (another scorecard command, or a backup being made): ${dbPath} stayed locked for more than 5 s, so nothing was written to it. Try again when it is idle.`,
    );
    const { child, lock } = await holder(dbPath, 'browser');
    expect(describeBusy(dbPath, busy)).toContain(`the database is in use by the browser-mode app (npm run web, process ${child.pid} on this computer, started ${shown(lock.startedAt)})`);
    expect(describeBusy(dbPath, new Error('something else'))).toBeNull();
    expect(describeBusy(dbPath, Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
  });

  it('browser mode (electron/web/main.ts) refuses to start on a file another browser mode has open, naming it', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'scorecard.db');
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test</title>');
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--db', dbPath, '--port', '0'], { env: { ...process.env, SCORECARD_STATIC_DIR: staticDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      return { child, output: () => out };
    };
    const first = start();
    await expect.poll(first.output, { timeout: 30_000 }).toMatch(/Open this address in a browser/);
    const lock = JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8')) as LockHolder;
    expect(lock).toMatchObject({ pid: first.child.pid, kind: 'browser' });

    const second = start();
    expect(await exited(second.child)).toBe(1);
    expect(second.output()).toContain(`${dbPath} is already open in the browser-mode app (npm run web, process ${first.child.pid} on this computer, started ${shown(lock.startedAt)})`);
    expect(second.output()).not.toMatch(/Open this address/);

    first.child.kill('SIGTERM'); // npm run web's Ctrl+C: it stops and removes its lock
    expect(await exited(first.child)).toBe(0);
    expect(existsSync(lockPathOf(dbPath))).toBe(false);
  }, 60_000);
});
