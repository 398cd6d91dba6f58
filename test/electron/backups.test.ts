/** Backups on real SQLite files: automatic (daily, before a migration), rotated, listed, made and restored through the handlers. */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { assertIntegrityRecent, backupDir, BackupError, createBackup, createBackupSync, DAY_MS, INTEGRITY_TRUSTED_MS, KEEP, listBackups } from '../../electron/db/backups.ts';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openDatabase, openReport, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { restoreOffline } from '../../electron/db/restore.ts';
import { run } from '../../electron/cli/scorecard.ts';
import { invoke } from '../../electron/handlers.ts';
import { tempDir, track } from '../helpers/db.ts';
import { call } from '../helpers/call.ts';
import { handlersFor, readMark, seedPeople, sha256, writeMark } from '../helpers/safety.ts';

async function withData(): Promise<{ path: string; ids: number[] }> {
  const path = join(tempDir(), 'scorecard.db');
  const db = openDatabase(path);
  const ids = await seedPeople(handlersFor(db, path), 2);
  await writeMark(handlersFor(db, path), ids[0]!, '2026-01', 'first');
  db.close();
  return { path, ids };
}

const integrity = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};

describe('automatic backups', () => {
  it('daily: at open when the newest daily backup is a day old; rotated to the last 7', async () => {
    const { path } = await withData();
    const t0 = Date.parse('2026-11-01T08:00:00Z');
    const open = (ms: number) => {
      const db = openDatabase(path, { now: new Date(ms) });
      const report = openReport(db);
      db.close();
      return report.backups;
    };
    expect(open(t0)).toHaveLength(1);
    expect(open(t0 + DAY_MS - 60_000)).toEqual([]); // not yet a day
    for (let day = 1; day <= 9; day++) expect(open(t0 + day * DAY_MS)).toHaveLength(1);
    const daily = listBackups(path).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(KEEP.daily);
    expect(daily[0]!.createdAt).toBe(new Date(t0 + 9 * DAY_MS).toISOString());
    expect(daily.at(-1)!.createdAt).toBe(new Date(t0 + 3 * DAY_MS).toISOString());
    expect(integrity(join(backupDir(path), daily[0]!.name))).toBe('ok');
    expect(readdirSync(backupDir(path)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('before a migration, only when the file has data and a migration is about to run; the last 3 kept', () => {
    const path = join(tempDir(), 'old.db');
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    expect(openReport(v1).backups).toEqual([]); // a new file: nothing to keep
    v1.prepare("INSERT INTO regions (code, name) VALUES ('EAST', '华东区')").run();
    v1.close();
    const db = openDatabase(path);
    const [pre] = openReport(db).backups;
    expect(pre).toMatch(/^old-pre-migration-\d{8}T\d{9}Z-v1\.db$/);
    db.close();
    const copy = new Database(join(backupDir(path), pre!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT name FROM regions').get()).toEqual({ name: '华东区' });
    copy.close();
    // Reopening at the latest version: no migration, no pre-migration backup.
    const again = openDatabase(path);
    expect(openReport(again).backups.filter((n) => n.includes('pre-migration'))).toEqual([]);
    for (let i = 0; i < 5; i++) createBackupSync(again, path, 'pre-migration', new Date(Date.now() + i * 1000));
    again.close();
    expect(listBackups(path).filter((b) => b.kind === 'pre-migration')).toHaveLength(KEEP['pre-migration']);
  });

  it('a database that fails integrity_check is not backed up (good backups are never rotated away by a bad one)', async () => {
    const { path } = await withData();
    // Change one key inside an index page behind SQLite's back: the index no longer agrees with its table.
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    let changed = false;
    for (let page = 1; page * pageSize < bytes.length && !changed; page++) {
      if (bytes[page * pageSize] !== 0x0a) continue; // index leaf page
      const at = bytes.subarray(page * pageSize, (page + 1) * pageSize).indexOf('2026-01');
      if (at >= 0) {
        bytes.write('2026-09', page * pageSize + at, 'latin1');
        changed = true;
      }
    }
    expect(changed).toBe(true);
    writeFileSync(path, bytes);
    const broken = new Database(path);
    await expect(createBackup(broken, path, 'manual')).rejects.toThrow(BackupError);
    await expect(createBackup(broken, path, 'manual')).rejects.toThrow(/failed its integrity check/);
    // exports check too, and a failure is never trusted: every attempt checks again
    expect(() => assertIntegrityRecent(broken)).toThrow(/failed its integrity check/);
    expect(() => assertIntegrityRecent(broken)).toThrow(/failed its integrity check/);
    broken.close();
    expect(listBackups(path)).toEqual([]);
  });
});

describe('integrity before exports', () => {
  it('a pass is trusted for INTEGRITY_TRUSTED_MS on the connection, then checked again', async () => {
    const { path } = await withData();
    const db = track(openDatabase(path, { backups: false }));
    const pragma = vi.spyOn(db, 'pragma');
    const checks = () => pragma.mock.calls.filter(([sql]) => String(sql).startsWith('integrity_check')).length;
    const t0 = 1_000_000;
    assertIntegrityRecent(db, t0);
    assertIntegrityRecent(db, t0 + INTEGRITY_TRUSTED_MS - 1);
    expect(checks()).toBe(1);
    assertIntegrityRecent(db, t0 + INTEGRITY_TRUSTED_MS);
    expect(checks()).toBe(2);
    assertIntegrityRecent(db, t0 - 1); // the clock went back: check
    expect(checks()).toBe(3);
  });
});

describe('when a backup cannot be made', () => {
  it('before a migration: the database is neither migrated nor opened, and left unchanged', () => {
    const path = join(tempDir(), 'old.db');
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare("INSERT INTO regions (code, name) VALUES ('EAST', '华东区')").run();
    v1.close();
    writeFileSync(backupDir(path), 'a file where the backups folder should be');
    const hash = sha256(path);
    expect(() => openDatabase(path)).toThrow(/the automatic backup before updating the database could not be made .*neither updated nor opened/);
    expect(sha256(path)).toBe(hash);
  });

  it('daily: the database opens anyway, with a warning', async () => {
    const { path, ids } = await withData();
    writeFileSync(backupDir(path), 'in the way');
    const db = track(openDatabase(path));
    expect(openReport(db).warnings?.[0]).toMatch(/today's automatic backup could not be made/);
    expect(readMark(db, ids[0]!, '2026-01')).toBe('first');
  });
});

describe('backups through the handlers', () => {
  it('list, create, restore: the open connection sees the restored data at once; the state before is kept', async () => {
    const { path, ids } = await withData();
    const db = track(openDatabase(path, { backups: false }));
    const h = handlersFor(db, path);
    const made = await call(h, 'backups.create', {});
    expect(made).toMatchObject({ kind: 'manual', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(made.bytes).toBeGreaterThan(4096);
    const list = await call(h, 'backups.list', {});
    expect(list.folder).toBe(backupDir(path));
    expect(list.backups.map((b) => b.name)).toEqual([made.name]);

    await writeMark(h, ids[0]!, '2026-01', 'second');
    await writeMark(h, ids[1]!, '2026-02', 'added later');
    const restored = await call(h, 'backups.restore', { name: made.name });
    expect(restored).toMatchObject({ restored: made.name, keptAs: expect.stringMatching(/-pre-restore-/), schemaVersion: LATEST_SCHEMA_VERSION });
    // the same connection, the same handlers
    expect(readMark(db, ids[0]!, '2026-01')).toBe('first');
    expect(readMark(db, ids[1]!, '2026-02')).toBeNull();
    expect(await call(h, 'sheets.get', { personId: ids[0]!, period: '2026-01' })).toMatchObject({ revision: 1 });
    await writeMark(h, ids[1]!, '2026-03', 'after the restore');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const audit = await call(h, 'audit.list', {});
    expect(audit.map((a) => a.action)).toContain('backup.restore');

    // the state before the restore is a backup of its own
    const kept = new Database(join(backupDir(path), restored.keptAs), { readonly: true });
    expect(readMark(kept, ids[0]!, '2026-01')).toBe('second');
    expect(readMark(kept, ids[1]!, '2026-02')).toBe('added later');
    kept.close();

    db.close();
    const reopened = track(openDatabase(path));
    expect(readMark(reopened, ids[0]!, '2026-01')).toBe('first');
    expect(readMark(reopened, ids[1]!, '2026-03')).toBe('after the restore');
  });

  it('a restore while another program holds a write lock is refused as busy, and changes nothing', async () => {
    const { path, ids } = await withData();
    const db = track(openDatabase(path, { backups: false }));
    const h = handlersFor(db, path);
    const made = await call(h, 'backups.create', {});
    await writeMark(h, ids[0]!, '2026-01', 'second');
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    other.prepare('BEGIN IMMEDIATE').run(); // another connection mid-write
    try {
      const started = Date.now();
      const outcome = await invoke(h, 'backups.restore', { name: made.name });
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'storage', message: expect.stringMatching(/busy|locked/i), refusal: { code: 'database-busy' } } });
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(readMark(db, ids[0]!, '2026-01')).toBe('second');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // once the lock is gone the same restore works
    await call(h, 'backups.restore', { name: made.name });
    expect(readMark(db, ids[0]!, '2026-01')).toBe('first');
  });

  it('a backup of an older schema is migrated up after the restore', async () => {
    const path = join(tempDir(), 'scorecard.db');
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare("INSERT INTO regions (code, name) VALUES ('OLD', '旧区')").run();
    v1.close();
    const db = track(openDatabase(path)); // takes the pre-migration backup (v1)
    const pre = listBackups(path).find((b) => b.kind === 'pre-migration')!;
    expect(pre.schemaVersion).toBe(1);
    db.prepare("INSERT INTO regions (code, name) VALUES ('NEW', '新区')").run();
    const h = handlersFor(db, path);
    expect(await call(h, 'backups.restore', { name: pre.name })).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT code FROM regions ORDER BY code').all()).toEqual([{ code: 'OLD' }]);
  });

  it('refuses to restore a damaged backup, another app’s file, a newer version, an unknown or foreign name — nothing changed', async () => {
    const { path, ids } = await withData();
    const db = track(openDatabase(path, { backups: false }));
    const h = handlersFor(db, path);
    const good = await call(h, 'backups.create', {});
    const dir = backupDir(path);
    const stamp = (n: number) => `scorecard-manual-2026010${n}T000000000Z-v${LATEST_SCHEMA_VERSION}.db`;

    const damaged = join(dir, stamp(1));
    const bytes = readFileSync(join(dir, good.name));
    bytes.fill(0x33, 4096 * 2 + 8, 4096 * 2 + 3000);
    writeFileSync(damaged, bytes);

    const other = new Database(join(dir, stamp(2)));
    other.exec('CREATE TABLE t (x)');
    other.close();

    const newer = join(dir, stamp(3));
    copyFileSync(join(dir, good.name), newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    n.close();

    await writeMark(h, ids[0]!, '2026-01', 'current');
    const before = (await call(h, 'backups.list', {})).backups.length;
    const refused = async (name: string) => {
      const out = await invoke(h, 'backups.restore', { name });
      expect(out.ok).toBe(false);
      return out.ok ? null : out.error;
    };
    expect(await refused(stamp(1))).toMatchObject({ kind: 'storage', message: expect.stringMatching(/is damaged/), refusal: { code: 'backup-unusable', name: stamp(1), problem: 'damaged' } });
    expect(await refused(stamp(2))).toMatchObject({
      kind: 'storage',
      message: expect.stringMatching(/of another application \(application_id 0\)/),
      refusal: { code: 'backup-unusable', name: stamp(2), problem: 'other-app' },
    });
    expect(await refused(stamp(3))).toMatchObject({
      kind: 'storage',
      message: expect.stringMatching(/written by a newer version of this app/),
      refusal: { code: 'backup-newer', name: stamp(3), schema: LATEST_SCHEMA_VERSION + 5, latest: LATEST_SCHEMA_VERSION },
    });
    expect(await refused('scorecard-manual-20990101T000000000Z-v2.db')).toMatchObject({ kind: 'not-found' });
    expect(await refused('../scorecard.db')).toMatchObject({ kind: 'input' });
    expect(readMark(db, ids[0]!, '2026-01')).toBe('current');
    // no pre-restore copies were made for refused restores
    expect((await call(h, 'backups.list', {})).backups.length).toBe(before);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('an in-memory database has no backups', async () => {
    const db = track(openDatabase(':memory:'));
    const h = handlersFor(db, ':memory:');
    expect(await call(h, 'backups.list', {})).toEqual({ folder: '', backups: [] });
    expect(await invoke(h, 'backups.create', {})).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });
});

describe('restoring over a database that cannot be opened (the command line)', () => {
  it('moves the refused file aside unchanged and puts the verified backup in its place', async () => {
    const { path, ids } = await withData();
    track(openDatabase(path)).close(); // daily backup
    const [daily] = listBackups(path);
    const bytes = readFileSync(path);
    bytes.fill(0, 4096 * 2, 4096 * 3);
    writeFileSync(path, bytes);
    const hash = sha256(path);
    expect(() => openDatabase(path)).toThrow(/is damaged/);
    const out = restoreOffline(path, daily!.name);
    expect(out.restored).toBe(daily!.name);
    expect(sha256(join(backupDir(path), out.keptAs))).toBe(hash);
    const db = track(openDatabase(path));
    expect(readMark(db, ids[0]!, '2026-01')).toBe('first');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(existsSync(`${path}.restoring`)).toBe(false);
  });

  it('the command line: the refusal names the backup, `scorecard db restore` puts it back', async () => {
    const { path, ids } = await withData();
    track(openDatabase(path)).close(); // daily backup
    writeFileSync(path, 'not a database any more');
    const io = () => {
      const out = { stdout: '', stderr: '' };
      return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), stdin: async () => '', passphrase: async () => '' } };
    };
    const demo = io();
    expect(await run(['demo', '--db', path], demo.io)).toBe(1);
    const name = /--backup ([^\s`]+)/.exec(demo.out.stderr)?.[1];
    expect(demo.out.stderr).toMatch(/is not an SQLite database.*backup of it is in/);
    const listed = io();
    expect(await run(['db', 'backups', '--db', path], listed.io)).toBe(0);
    expect((JSON.parse(listed.out.stdout) as { backups: { name: string }[] }).backups[0]!.name).toBe(name);
    const restored = io();
    expect(await run(['db', 'restore', '--db', path, '--backup', name!], restored.io)).toBe(0);
    expect(JSON.parse(restored.out.stdout)).toMatchObject({ restored: name, keptAs: expect.stringMatching(/^scorecard\.db\.replaced-/) });
    const db = track(openDatabase(path));
    expect(readMark(db, ids[0]!, '2026-01')).toBe('first');
    const bad = io();
    expect(await run(['db', 'restore', '--db', path, '--backup', 'nope.db'], bad.io)).toBe(1);
    expect(bad.out.stderr).toMatch(/There is no backup "nope\.db"/);
  });
});
