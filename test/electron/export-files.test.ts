/**
 * exports.get on a real SQLite file and data folder: hands back exactly the files this app
 * exported (a signed sheet, a month's files and region summary), by SHA-256, and nothing else —
 * not an unknown hash, not a sheet's older export, not the key file or the database next to them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import type { JobStatus } from '../../shared/api/types.ts';
import { call, fail } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

const PASS = 'export files passphrase';
const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function setUp() {
  const { db, path } = tempDb();
  const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
  loadDemo(db, new Date(2026, 10, 15)); // demo months 2026-05 … 2026-10
  const region = (db.prepare("SELECT id FROM regions WHERE code = 'EAST'").get() as { id: number }).id;
  await call(h, 'user.set', { name: '王磊', chainRole: 'manager', regionId: region });
  const identity = await call(h, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASS });
  return { db, path, h, region, identity, dir: join(path, '..') };
}

describe('exports.get', () => {
  it('returns an exported sheet byte for byte; after a re-export only the new file; refuses other hashes', async () => {
    const { db, path, h, identity, dir } = await setUp();
    const row = db
      .prepare("SELECT p.id FROM people p JOIN sheets s ON s.person_id = p.id WHERE s.period = '2026-09' AND s.status = 'ready' AND p.role = 'salesperson' ORDER BY p.id LIMIT 1")
      .get() as { id: number };
    const input = { personId: row.id, period: '2026-09', fingerprint: identity.fingerprint, passphrase: PASS, language: 'zh' as const };
    const first = await call(h, 'sheets.export', input);

    const got = await call(h, 'exports.get', { sha256: first.sha256 });
    expect(got.fileName).toBe(first.fileName);
    const bytes = Buffer.from(got.dataBase64, 'base64');
    expect(bytes.equals(readFileSync(first.path))).toBe(true);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hash(bytes)).toBe(first.sha256);

    // Exported again: a new file at the same path; the old hash no longer finds anything.
    const second = await call(h, 'sheets.export', input);
    expect(second.sha256).not.toBe(first.sha256);
    expect(Buffer.from((await call(h, 'exports.get', { sha256: second.sha256 })).dataBase64, 'base64').equals(readFileSync(second.path))).toBe(true);
    expect(await fail(h, 'exports.get', { sha256: first.sha256 })).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/exported again/) });

    // Unknown hashes, and files of the data folder that are not exports, are refused.
    expect(await fail(h, 'exports.get', { sha256: '0'.repeat(64) })).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/no file/) });
    const p12 = readFileSync(join(dir, 'identities', identity.p12File));
    expect((await fail(h, 'exports.get', { sha256: hash(p12) })).kind).toBe('not-found');
    expect((await fail(h, 'exports.get', { sha256: hash(readFileSync(path)) })).kind).toBe('not-found');

    // The input is a hash, never a path.
    expect(await fail(h, 'exports.get', { sha256: first.path })).toMatchObject({ kind: 'input', problems: [{ field: 'sha256' }] });
    expect((await fail(h, 'exports.get', { sha256: first.sha256.toUpperCase() })).kind).toBe('input');
    expect((await fail(h, 'exports.get', { sha256: first.sha256, path: first.path })).kind).toBe('input');
  });

  it('returns every file of a month’s export and its region summary', async () => {
    const { h, region, identity } = await setUp();
    const { jobId, total } = await call(h, 'sheets.exportMonth', { period: '2026-08', regionId: region, fingerprint: identity.fingerprint, passphrase: PASS, language: 'en' });
    expect(total).toBeGreaterThan(0);
    let job: JobStatus = await call(h, 'jobs.get', { jobId });
    while (!job.finished) {
      await new Promise((r) => setTimeout(r, 20));
      job = await call(h, 'jobs.get', { jobId });
    }
    expect(job.failures).toEqual([]);
    expect(job.files).toHaveLength(total);
    for (const f of job.files) {
      const got = await call(h, 'exports.get', { sha256: f.sha256 });
      expect(got.fileName).toBe(f.fileName);
      expect(Buffer.from(got.dataBase64, 'base64').equals(readFileSync(f.path))).toBe(true);
    }
    const summary = job.summary!;
    expect(summary.path).toMatch(/summary-EAST-2026-08\.pdf$/);
    const got = await call(h, 'exports.get', { sha256: summary.sha256 });
    expect(got.fileName).toBe(summary.fileName);
    expect(Buffer.from(got.dataBase64, 'base64').equals(readFileSync(summary.path))).toBe(true);
  }, 60_000);
});
