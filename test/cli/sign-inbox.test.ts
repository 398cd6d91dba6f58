/**
 * `scorecard sign --inbox`: the command line approves with the app's bulk approval on a
 * database's inbox (the same service, the same rules): files given are added and signed in
 * place, a refused one skipped with its reason while the others go on; without files, every
 * entry pending at the identity's step of a month and region.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, saveIntoFolder } from '../../electron/services/files.ts';
import { verifySheetPdf, trustedSigners } from '../../electron/services/sheet-verify.ts';
import type { ChainRole, ExportResult } from '../../shared/api/types.ts';
import { call } from '../helpers/call.ts';
import { NAMES, PASS, setUpChainApps, tearDownChainApps, type ChainApp } from '../helpers/chain-apps.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join('electron', 'cli', 'bin.mjs');
const TODAY = new Date(2026, 10, 15);
const PERIOD = '2026-09';

let root: string;
const apps = {} as Record<ChainRole, ChainApp>;
const exported: ExportResult[] = [];

function scorecard(args: string[], passphrase: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, SCORECARD_DEBUG: '', SCORECARD_PASSPHRASE: passphrase };
  delete env.SCORECARD_DB;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: '', encoding: 'utf8', env, timeout: 90_000 });
  if (r.error) throw r.error;
  return r;
}

/** The .p12 file the app keeps for an identity. */
function p12Of(app: ChainApp): string {
  const row = app.db.prepare('SELECT p12_file FROM identities WHERE fingerprint = ?').get(app.identity.fingerprint) as { p12_file: string };
  return dataPath(app.db, 'identities', row.p12_file);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sign-inbox-'));
  await setUpChainApps(apps, root, TODAY);
  const south = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
  await call(apps.manager.h, 'user.set', { name: NAMES.manager, chainRole: 'manager', regionId: south });
  const team = apps.manager.db.prepare("SELECT p.id FROM people p JOIN regions r ON r.id = p.region_id WHERE r.code = 'SOUTH' AND p.role = 'salesperson' ORDER BY p.employee_no LIMIT 4").all() as { id: number }[];
  for (const { id } of team) {
    const rec = await call(apps.manager.h, 'sheets.get', { personId: id, period: PERIOD });
    if (rec.status !== 'ready') {
      const { items, absences, handIns } = rec.input;
      await call(apps.manager.h, 'sheets.save', { personId: id, period: PERIOD, entry: { items, absences, handIns }, status: 'ready', expectedRevision: rec.revision });
    }
    exported.push(await call(apps.manager.h, 'sheets.export', { personId: id, period: PERIOD, fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' }));
  }
}, 120_000);

afterAll(() => tearDownChainApps(apps, root));

describe('scorecard sign --inbox', () => {
  it('adds the files to the database’s inbox and signs each in place; a refused one is skipped with its reason', async () => {
    const files = exported.slice(0, 2).map((f, i) => {
      const path = join(root, `given-${i}.pdf`);
      writeFileSync(path, Buffer.from(f.dataBase64, 'base64'));
      return path;
    });
    const bad = join(root, 'tampered.pdf');
    const tampered = Buffer.from(exported[2]!.dataBase64, 'base64');
    const at = Math.floor(tampered.length / 3);
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    writeFileSync(bad, tampered);

    const r = scorecard(['sign', ...files, bad, '--inbox', '--db', join(apps.planning.dir, 'scorecard.db'), '--identity', p12Of(apps.planning), '--comment', '已核对'], PASS.planning);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; outcome: string; reused: boolean; code?: string; nextStep?: string }[];
    expect(out).toMatchObject([
      { file: files[0], outcome: 'signed', reused: true, nextStep: 'vp' },
      { file: files[1], outcome: 'signed', reused: true, nextStep: 'vp' },
      { file: bad, outcome: 'skipped', code: 'file-not-verified' },
    ]);
    // The files given now carry sales planning's signature (the app's verifier: two signatures, next the VP).
    for (const file of files) {
      const v = await verifySheetPdf(readFileSync(file), trustedSigners(apps.vp.db));
      expect([v.verdict.ok, v.verdict.signatures.length, v.nextStep]).toEqual([true, 2, 'vp']);
    }
  }, 120_000);

  it('without files: every entry pending at the step, of a month and region; none left is refused', async () => {
    await call(apps.planning.h, 'inbox.add', { files: [{ fileName: exported[3]!.fileName, dataBase64: exported[3]!.dataBase64 }] });
    const db = join(apps.planning.dir, 'scorecard.db');
    const other = scorecard(['sign', '--inbox', '--db', db, '--identity', p12Of(apps.planning), '--month', PERIOD, '--region', 'EAST'], PASS.planning);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/no received sheet is pending at the planning step for 2026-09 in EAST/);
    const outDir = mkdtempSync(join(root, 'out-'));
    // A file of the user's with the same name stays; the signed one takes "… (2).pdf".
    const mine = exported[3]!.fileName.replace(/\.pdf$/, '');
    writeFileSync(join(outDir, `${mine}.pdf`), 'mine');
    expect(scorecard(['sign', '--inbox', '--db', db, '--identity', p12Of(apps.planning), '--out', join(root, 'missing')], PASS.planning).stderr).toMatch(/--out: .* is not a folder/);
    const r = scorecard(['sign', '--inbox', '--db', db, '--identity', p12Of(apps.planning), '--month', PERIOD, '--region', 'SOUTH', '--out', outDir], PASS.planning);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ file: exported[3]!.fileName, outcome: 'signed', reused: true, out: join(outDir, `${mine} (2).pdf`) }]);
    // --out: the signed file in the folder chosen, with two signatures.
    expect(readdirSync(outDir).sort()).toEqual([`${mine} (2).pdf`, `${mine}.pdf`]);
    expect(readFileSync(join(outDir, `${mine}.pdf`), 'utf8')).toBe('mine');
    const v = await verifySheetPdf(readFileSync(join(outDir, `${mine} (2).pdf`)), trustedSigners(apps.vp.db));
    expect([v.verdict.ok, v.verdict.signatures.length]).toEqual([true, 2]);
    const bad = scorecard(['sign', '--inbox', '--db', db, '--identity', p12Of(apps.planning), '--month', '2026-13'], PASS.planning);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--month/);
  }, 120_000);

  it('--out: a folder of the same name is passed over; a signed file the folder refuses is named in the listing (exit 1), signed and kept all the same', async () => {
    const taken = mkdtempSync(join(root, 'taken-'));
    mkdirSync(join(taken, 'a.pdf'));
    expect(saveIntoFolder(taken, [{ name: 'a.pdf', data: Buffer.from('x') }])).toEqual([{ fileName: 'a.pdf', savedAs: 'a (2).pdf', already: false }]);

    const given = join(root, 'given-2.pdf');
    writeFileSync(given, Buffer.from(exported[2]!.dataBase64, 'base64'));
    const outDir = mkdtempSync(join(root, 'out-'));
    // A link to itself: the folder cannot take a file of that name (reading it fails with ELOOP).
    symlinkSync(exported[2]!.fileName, join(outDir, exported[2]!.fileName));
    const r = scorecard(['sign', given, '--inbox', '--db', join(apps.planning.dir, 'scorecard.db'), '--identity', p12Of(apps.planning), '--out', outDir], PASS.planning);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/--out: 1 signed file\(s\) could not be written into .*; they are signed and kept in the database's approved\/ folder/);
    expect(JSON.parse(r.stdout)).toMatchObject([{ file: given, outcome: 'signed', outError: expect.stringMatching(/^ELOOP: not written into /) }]);
    const v = await verifySheetPdf(readFileSync(given), trustedSigners(apps.vp.db));
    expect([v.verdict.ok, v.verdict.signatures.length]).toEqual([true, 2]);
  }, 120_000);
});
