/** writeTransaction (electron/db/transaction.ts): IMMEDIATE, waits for another process's writer, nests as a savepoint. */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { writeTransaction } from '../../electron/db/transaction.ts';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { tempDb, track } from '../helpers/db.ts';

function setUp() {
  const { db, path } = tempDb();
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  return { db, path };
}
const values = (db: Database.Database) => (db.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);

describe('writeTransaction', () => {
  it('holds the write lock from its start, before it writes anything', () => {
    const { db, path } = setUp();
    const other = track(new Database(path, { timeout: 0 }));
    const seen = writeTransaction(db, () => {
      // Nothing written yet, only read: another connection still cannot begin a write.
      db.prepare('SELECT count(*) FROM t').get();
      let code: string | undefined;
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
      } catch (err) {
        code = (err as { code?: string }).code;
      }
      db.prepare('INSERT INTO t VALUES (?)').run('a');
      return code;
    });
    expect(seen).toBe('SQLITE_BUSY');
    expect(values(db)).toEqual(['a']);
    // Once committed, the other connection writes.
    other.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (\'b\'); COMMIT');
    expect(values(db)).toEqual(['a', 'b']);
  });

  it('returns what fn returns; rolls back everything when fn throws', () => {
    const { db } = setUp();
    expect(writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('kept').changes)).toBe(1);
    expect(() =>
      writeTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (?)').run('lost');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(values(db)).toEqual(['kept']);
    expect(db.inTransaction).toBe(false);
  });

  it('inside another transaction it is a savepoint: its failure undoes only its own writes', () => {
    const { db } = setUp();
    writeTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (?)').run('outer');
      expect(() =>
        writeTransaction(db, () => {
          db.prepare('INSERT INTO t VALUES (?)').run('inner');
          throw new Error('inner refused');
        }),
      ).toThrow('inner refused');
      expect(db.inTransaction).toBe(true);
      writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('inner ok'));
    });
    expect(values(db)).toEqual(['outer', 'inner ok']);
  });

  it('waits for another process that holds the write lock, then writes (no "database is locked")', async () => {
    const { path } = setUp();
    const holdMs = 800;
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES ('child')");
         console.log('holding');
         const until = Date.now() + ${holdMs}; while (Date.now() < until) {}
         db.exec('COMMIT'); db.close();`,
        path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => c.toString().includes('holding') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const db = track(openDatabase(path));
    const started = Date.now();
    writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('parent'));
    const waited = Date.now() - started;
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    expect(child.exitCode).toBe(0);
    expect(values(db)).toEqual(['child', 'parent']);
    expect(waited).toBeGreaterThan(100);
  });
});

describe('a database busy past the timeout, through the handlers', () => {
  it('is a storage failure that says the change was not saved, not an internal error', async () => {
    const { db, path } = tempDb();
    db.pragma('busy_timeout = 100'); // the app waits 5 s; the test does not need to
    const handlers = createHandlers(db, { dbPath: path, appVersion: '0.0.0-test' });
    const other = track(new Database(path));
    other.exec('BEGIN IMMEDIATE');
    const busy = await invoke(handlers, 'regions.save', { code: 'R9', name: '测试大区' });
    other.exec('ROLLBACK');
    expect(busy).toMatchObject({ ok: false, error: { kind: 'storage', message: expect.stringMatching(/^The database is in use by another program .*this change was not saved/) } });
    // As data for the UI: busy for longer than the app's wait (5 s).
    expect(busy.ok ? null : busy.error.refusal).toEqual({ code: 'database-busy', seconds: 5 });
    // Once the other writer is done, the same call goes through.
    expect(await invoke(handlers, 'regions.save', { code: 'R9', name: '测试大区' })).toMatchObject({ ok: true, result: { code: 'R9' } });
  });
});
