/**
 * Database safety on real SQLite files: bad files refused and left byte-identical (sha256 before
 * and after), quick_check at open, network shares refused, a failing migration changing nothing,
 * disk full reported clearly with nothing committed lost.
 */
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/db/backups.ts';
import { APPLICATION_ID, DatabaseRefused, LATEST_SCHEMA_VERSION, openDatabase, openReport, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { networkShareOf, parseMacMount, parseProcMounts } from '../../electron/db/network.ts';
import { invoke } from '../../electron/handlers.ts';
import { tempDir, track } from '../helpers/db.ts';
import { handlersFor, readMark, seedPeople, sha256, writeMark } from '../helpers/safety.ts';

/** A database of this app with a few sheets, closed, checkpointed (one file). */
async function populated(dir = tempDir()): Promise<string> {
  const path = join(dir, 'scorecard.db');
  const db = openDatabase(path);
  const h = handlersFor(db, path);
  const ids = await seedPeople(h, 30);
  for (const id of ids) for (const period of ['2026-01', '2026-02', '2026-03']) await writeMark(h, id, period, `${'备注'.repeat(40)} ${id}/${period}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

const schemaDump = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return { version: db.pragma('user_version', { simple: true }), schema: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() };
  } finally {
    db.close();
  }
};

/** Refused with a message matching `message` that also says what to do; the file byte-identical afterwards. */
function refusedUnchanged(path: string, message: RegExp): string {
  const before = sha256(path);
  let error: unknown;
  try {
    track(openDatabase(path));
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(DatabaseRefused);
  const text = (error as Error).message;
  expect(text).toMatch(message);
  // The user is offered a way out: a backup to restore, or a new file.
  expect(text).toMatch(/restore/i);
  expect(text).toMatch(/new database file/);
  expect(sha256(path)).toBe(before);
  return text;
}

describe('bad database files: refused, clear message, original byte-identical (sha256)', () => {
  it('a file that is not SQLite', () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, '工号,姓名\nS-1,王磊\n'.repeat(300));
    refusedUnchanged(path, /is not an SQLite database/);
  });

  it('a 0-byte file', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    refusedUnchanged(path, /is an empty file/);
  });

  it('a truncated file', async () => {
    const path = await populated();
    truncateSync(path, Math.floor(statSync(path).size / 2) + 100);
    refusedUnchanged(path, /is truncated/);
  });

  it('a file cut at a page boundary', async () => {
    const path = await populated();
    truncateSync(path, 4096 * Math.floor(statSync(path).size / 4096 / 2));
    refusedUnchanged(path, /is truncated|is damaged/);
  });

  it('a file truncated inside its header', async () => {
    const path = await populated();
    truncateSync(path, 60);
    refusedUnchanged(path, /is truncated \(60 bytes\)/);
  });

  it('a file with one damaged page', async () => {
    const path = await populated();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const page = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0x5a, page * pageSize + 8, page * pageSize + 1500);
    writeFileSync(path, bytes);
    refusedUnchanged(path, /is damaged/);
  });

  it('another application’s SQLite file', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');");
    other.close();
    refusedUnchanged(path, /SQLite database of another application/);
  });

  it('a file from a newer version of the app', async () => {
    const path = await populated();
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    refusedUnchanged(path, /written by a newer version of this app/);
  });

  it('the message names the newest backup and how to restore it', async () => {
    const dir = tempDir();
    const path = await populated(dir);
    track(openDatabase(path)).close(); // the daily backup
    const [backup] = listBackups(path);
    expect(backup?.kind).toBe('daily');
    const bytes = readFileSync(path);
    bytes.fill(0, 4096 * 3, 4096 * 4);
    writeFileSync(path, bytes);
    const text = refusedUnchanged(path, /is damaged/);
    expect(text).toContain(backup!.name);
    expect(text).toContain('scorecard db restore');
  });
});

describe('quick_check at open', () => {
  it('a sound database opens; a damaged one is refused before anything is written', async () => {
    const path = await populated();
    track(openDatabase(path, { backups: false })).close();
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(path, copy);
    const bytes = readFileSync(copy);
    // One table leaf page (type 0x0D) with several cells: its cell pointers point out of the page.
    const pageSize = bytes.readUInt16BE(16);
    let page = Math.floor(bytes.length / pageSize) - 1;
    while (page > 2 && !(bytes[page * pageSize] === 0x0d && bytes.readUInt16BE(page * pageSize + 3) > 2)) page--;
    expect(page).toBeGreaterThan(2);
    bytes.writeUInt16BE(0xfff0, page * pageSize + 8 + 2);
    writeFileSync(copy, bytes);
    refusedUnchanged(copy, /is damaged/);
  });
});

describe('a database on a network share', () => {
  const procMounts = [
    '/dev/sda1 / ext4 rw,relatime 0 0',
    'proc /proc proc rw 0 0',
    '//fs01/data /mnt/data cifs rw,vers=3.0 0 0',
    'fs02:/export/home /home/shared nfs4 rw,relatime 0 0',
    'me@host:/srv /mnt/ssh fuse.sshfs rw 0 0',
    'me@host:/srv /mnt/ssh2 sshfs rw 0 0',
    '//fs03/x /mnt/smb\\040share smb3 rw 0 0',
    '/dev/sdb1 /mnt/data/local ext4 rw 0 0',
  ].join('\n');

  it('Linux: /proc/mounts types nfs, cifs, smb3, sshfs, fuse.sshfs; the longest mount point decides', () => {
    const at = (p: string) => networkShareOf(p, { platform: 'linux', mounts: procMounts });
    expect(at('/home/me/scorecard.db')).toBeNull();
    expect(at('/mnt/data/scorecard.db')).toEqual({ type: 'cifs', where: '/mnt/data' });
    expect(at('/home/shared/a/b.db')).toEqual({ type: 'nfs4', where: '/home/shared' });
    expect(at('/mnt/ssh/x.db')).toEqual({ type: 'fuse.sshfs', where: '/mnt/ssh' });
    expect(at('/mnt/ssh2/x.db')).toEqual({ type: 'sshfs', where: '/mnt/ssh2' });
    expect(at('/mnt/smb share/x.db')).toEqual({ type: 'smb3', where: '/mnt/smb share' });
    expect(at('/mnt/data/local/x.db')).toBeNull();
    expect(at('/mnt/database.db')).toBeNull(); // /mnt/data is not a prefix of /mnt/database.db
    expect(parseProcMounts(procMounts)).toHaveLength(8);
  });

  it('macOS: `mount` output smbfs, nfs, afpfs', () => {
    const mount = [
      '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
      '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)',
      '//me@nas/team on /Volumes/team (smbfs, nodev, nosuid, mounted by me)',
      'nas:/export on /Volumes/nfs (nfs, asynchronous)',
      'afp_0TQ@nas on /Volumes/old (afpfs, nodev, nosuid, mounted by me)',
    ].join('\n');
    const at = (p: string) => networkShareOf(p, { platform: 'darwin', mounts: mount });
    expect(parseMacMount(mount)).toHaveLength(5);
    expect(at('/Users/me/Library/Application Support/staff-assessment/scorecard.db')).toBeNull();
    expect(at('/Volumes/team/hr/scorecard.db')).toEqual({ type: 'smbfs', where: '/Volumes/team' });
    expect(at('/Volumes/nfs/x.db')?.type).toBe('nfs');
    expect(at('/Volumes/old/x.db')?.type).toBe('afpfs');
  });

  it('Windows: UNC paths \\\\server\\share (and \\\\?\\UNC\\…), not drive letters or device paths', () => {
    const at = (p: string) => networkShareOf(p, { platform: 'win32' });
    expect(at('\\\\fs01\\data\\scorecard.db')).toEqual({ type: 'unc', where: '\\\\fs01\\data' });
    expect(at('//fs01/data/scorecard.db')).toEqual({ type: 'unc', where: '\\\\fs01\\data' });
    expect(at('\\\\?\\UNC\\fs01\\data\\x.db')).toEqual({ type: 'unc', where: '\\\\fs01\\data' });
    expect(at('\\\\?\\C:\\Users\\me\\x.db')).toBeNull();
    expect(at('C:\\Users\\me\\AppData\\Roaming\\staff-assessment\\scorecard.db')).toBeNull();
  });

  it('is refused with a clear message before the file is touched', async () => {
    const path = await populated();
    const before = sha256(path);
    const share = () => ({ type: 'cifs', where: '/mnt/data' });
    expect(() => openDatabase(path, { networkShare: share })).toThrow(/is on a network share \(cifs at \/mnt\/data\).*Copy the file to a folder on this computer/);
    expect(sha256(path)).toBe(before);
    // nor is a new database created there
    const fresh = join(tempDir(), 'new.db');
    expect(() => openDatabase(fresh, { networkShare: share })).toThrow(DatabaseRefused);
    expect(() => statSync(fresh)).toThrow();
  });
});

describe('a migration that fails half-way', () => {
  it('leaves schema and user_version unchanged (and a pre-migration backup was taken)', async () => {
    const path = join(tempDir(), 'v1.db');
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare("INSERT INTO regions (code, name) VALUES ('EAST', '华东区')").run();
    v1.close();
    const before = schemaDump(path);
    expect(before.version).toBe(1);
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: "CREATE TABLE extra (a TEXT); ALTER TABLE regions ADD COLUMN colour TEXT; INSERT INTO extra VALUES ('x'); INSERT INTO missing_table VALUES (1);",
      },
    ];
    // Migration 2 succeeds (its own transaction), the broken one rolls back whole.
    expect(() => openDatabase(path, { migrations: broken })).toThrow(/no such table: missing_table/);
    const after = schemaDump(path);
    expect(after.version).toBe(LATEST_SCHEMA_VERSION);
    expect(JSON.stringify(after.schema)).not.toMatch(/extra|colour/);

    // A single failing step from the version on disk: schema byte-for-byte the same.
    const again = schemaDump(path);
    expect(() => openDatabase(path, { migrations: broken })).toThrow(/missing_table/);
    expect(schemaDump(path)).toEqual(again);
    const backups = listBackups(path).filter((b) => b.kind === 'pre-migration');
    expect(backups.map((b) => b.schemaVersion).sort()).toEqual([1, LATEST_SCHEMA_VERSION]);
  });
});

describe('disk full and I/O errors', () => {
  it('SQLITE_FULL is a clear storage failure and nothing committed is lost', async () => {
    const path = join(tempDir(), 'full.db');
    const db = track(openDatabase(path));
    const h = handlersFor(db, path);
    const [a, b] = await seedPeople(h, 2);
    await writeMark(h, a!, '2026-01', 'committed before the disk filled');
    // "Disk full": the database may not grow by one more page.
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 12}`);
    const big = (i: number) => `${i} ${'满'.repeat(1900)}`;
    let out;
    let month = 1;
    // Sheets of person b, month after month, until the disk is "full".
    do {
      const period = `2026-${String(month).padStart(2, '0')}`;
      out = await invoke(h, 'sheets.save', { personId: b!, period, entry: { items: { 'dealer.rebate-forms': { violated: false, note: big(month) } } }, status: 'draft', expectedRevision: 0 });
      month++;
    } while (out.ok && month <= 12);
    expect(out.ok ? 'saved' : out.error.kind).toBe('storage');
    expect(out.ok ? '' : out.error.message).toMatch(/^The disk is full: this change was not saved\. Everything saved before is safe\. Free some space/);
    expect(out.ok ? null : out.error.refusal).toEqual({ code: 'disk-full' });
    const failed = `2026-${String(month - 1).padStart(2, '0')}`;
    expect(readMark(db, a!, '2026-01')).toBe('committed before the disk filled');
    expect(readMark(db, b!, failed)).toBeNull();
    expect(month).toBeGreaterThan(2); // some sheets fitted before the disk was full
    for (let m = 1; m < month - 1; m++) expect(readMark(db, b!, `2026-${String(m).padStart(2, '0')}`)).toBe(big(m));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const reopened = track(openDatabase(path));
    expect(readMark(reopened, a!, '2026-01')).toBe('committed before the disk filled');
  });

  it('I/O errors map to a storage message too', async () => {
    const { storageFailure } = await import('../../electron/handlers.ts');
    expect(storageFailure(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))).toMatchObject({ kind: 'storage', message: expect.stringMatching(/could not be read or written \(SQLITE_IOERR_WRITE\)/) });
    // Each storage failure as data for the UI.
    expect(storageFailure(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))?.refusal).toEqual({ code: 'database-io', sqlite: 'SQLITE_IOERR_WRITE' });
    expect(storageFailure(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY_SNAPSHOT' }))?.refusal).toEqual({ code: 'database-busy', seconds: null });
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))?.refusal).toEqual({ code: 'disk-full' });
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))?.refusal).toEqual({ code: 'database-damaged' });
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_NOTADB' }))?.refusal).toEqual({ code: 'database-damaged' });
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DIRECTORY' }))?.refusal).toEqual({ code: 'database-read-only' });
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
    expect(storageFailure(new Error('x'))).toBeNull();
  });
});

describe('opening', () => {
  it('a new file gets no backup; the app id and latest schema as before', () => {
    const path = join(tempDir(), 'n.db');
    const db = track(openDatabase(path));
    expect(openReport(db)).toEqual({ backups: [], migrated: MIGRATIONS.map((m) => m.version) });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(listBackups(path)).toEqual([]);
  });
});
