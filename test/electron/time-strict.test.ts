/**
 * Times that can be checked, strict embedded data and one imported file per sheet, tried as a
 * dishonest signer holding a trusted key would: every forged file is made with the app's own
 * renderer (renderSheetPdf, or its document definition for the embedded JSON) and signer
 * (signPdf; signPdfWithDigest where the app's signer itself refuses, as a modified app would),
 * and the verifier refuses it with its reason code. A genuine chain still verifies, and HR
 * imports it. Real SQLite files, real signatures, the real verifier.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import { renderDocument, renderSheetPdf } from '../../electron/pdf/render.ts';
import { sheetDocDefinition } from '../../electron/pdf/sheet.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { ServiceError } from '../../electron/services/errors.ts';
import { assertSignerClock, firstReceivedIn } from '../../electron/services/sheet-times.ts';
import { verifySheetPdf } from '../../electron/services/sheet-verify.ts';
import { ClockBehindError, createIdentity, openIdentity, readCertificate, signPdf, type SigningIdentity, type TrustedSigner } from '../../electron/signing/index.ts';
import { signPdfWithDigest } from '../../electron/signing/sign.ts';
import { parseIsoTime, signerClockBehind, timeProblem } from '../../electron/signing/timing.ts';
import type { ChainRole, SheetRecord } from '../../shared/api/types.ts';
import { SCORE_FILE_NAME, scoresheetJson } from '../../shared/score-file.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { call, fail } from '../helpers/call.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NAMES: Record<ChainRole, string> = { manager: '王磊', planning: '李娜', vp: '张伟', hr: '陈静' };

let root: string;
let managerDb: Db;
let record: SheetRecord;
let region: { code: string; name: string };
let managerNo: string;
const ids = {} as Record<ChainRole, SigningIdentity>;
const certs = {} as Record<ChainRole, Buffer>;
let trusted: TrustedSigner[];
/** A trusted manager certificate that expired ten days ago (created with the clock set back). */
let expired: SigningIdentity;
let expiredNotAfter: Date;

/** The sheet rendered as the manager's export would render it, at `exportedAt`. */
function render(sheet: SheetRecord, exportedAt: string): Promise<Buffer> {
  return renderSheetPdf(sheet, { language: 'zh', exportedAt, region, regionName: region.name, chain: [{ role: 'manager', name: NAMES.manager, at: exportedAt }] });
}

/** Exported at `at` (signed then), then each later step signs now, as the app's signer does. */
async function genuineChain(sheet: SheetRecord = record, at = new Date()): Promise<Buffer> {
  let pdf = await signPdf(await render(sheet, at.toISOString()), ids.manager, { signingTime: at });
  for (const role of ['planning', 'vp', 'hr'] as const) pdf = await signPdf(pdf, ids[role]);
  return pdf;
}

const verify = (pdf: Buffer, options: Parameters<typeof verifySheetPdf>[2] = {}) => verifySheetPdf(pdf, trusted, options);

/** The same sheet, another month: the input moved and the result recomputed by the engine (hand-ins and absences dated in the old month dropped). */
function inMonth(sheet: SheetRecord, period: string): SheetRecord {
  const input = { ...sheet.input, period, absences: [], handIns: {} };
  return { ...sheet, period, input, result: scoreSheet(input, sheet.rubric) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'time-strict-'));
  mkdirSync(join(root, 'manager'));
  managerDb = openDatabase(join(root, 'manager', 'scorecard.db'));
  loadDemo(managerDb, TODAY);
  const h = createHandlers(managerDb, { dbPath: join(root, 'manager', 'scorecard.db'), appVersion: 'test' });
  const row = managerDb
    .prepare(
      `SELECT s.person_id AS personId, r.code, r.name, m.employee_no AS managerNo FROM sheets s JOIN people p ON p.id = s.person_id
         JOIN regions r ON r.id = p.region_id JOIN people m ON m.id = p.manager_id
        WHERE s.period = '2026-09' AND s.status = 'ready' AND p.role = 'salesperson' ORDER BY p.employee_no LIMIT 1`,
    )
    .get() as { personId: number; code: string; name: string; managerNo: string };
  record = await call(h, 'sheets.get', { personId: row.personId, period: '2026-09' });
  region = { code: row.code, name: row.name };
  managerNo = row.managerNo;
  // The four identities were made two days ago (so a signature may claim an earlier hour).
  vi.useFakeTimers({ toFake: ['Date'] });
  const realNow = Date.now();
  vi.setSystemTime(new Date(realNow - 2 * DAY));
  try {
    for (const role of ['manager', 'planning', 'vp', 'hr'] as const) {
      const made = await createIdentity({ name: NAMES[role], role, ...(role === 'manager' ? { employeeNo: managerNo } : {}) }, 'pass');
      ids[role] = await openIdentity(made.p12, 'pass');
      certs[role] = made.certificate;
    }
  } finally {
    vi.useRealTimers();
  }
  // Valid for CERT_VALIDITY_YEARS from (now − 5 years − 10 days): expired ten days ago.
  vi.useFakeTimers({ toFake: ['Date'] });
  const back = new Date(realNow);
  back.setUTCFullYear(back.getUTCFullYear() - 5);
  vi.setSystemTime(new Date(back.getTime() - 10 * DAY));
  let made;
  try {
    made = await createIdentity({ name: NAMES.manager, role: 'manager', ...{ employeeNo: managerNo } }, 'old');
  } finally {
    vi.useRealTimers();
  }
  expired = await openIdentity(made.p12, 'old');
  trusted = [...(['manager', 'planning', 'vp', 'hr'] as const).map((role) => ({ certificate: certs[role], role })), { certificate: made.certificate, role: 'manager' }];
  expiredNotAfter = readCertificate(made.certificate).notAfter;
  expect(expiredNotAfter.getTime()).toBeLessThan(Date.now() - 9 * DAY);
}, 60_000);

afterAll(() => {
  managerDb?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the time rules (electron/signing/timing.ts)', () => {
  it('exportedAt parses only as an ISO 8601 date-time with its zone that names a real moment', () => {
    expect(parseIsoTime('2026-11-02T10:00:00.000Z')?.toISOString()).toBe('2026-11-02T10:00:00.000Z');
    expect(parseIsoTime('2026-11-02T18:00+08:00')?.toISOString()).toBe('2026-11-02T10:00:00.000Z');
    for (const bad of ['2026-11-02', '2026-11-02T10:00:00', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-11-02T24:00:00Z', 'yesterday', '', 20261102, null]) {
      expect(parseIsoTime(bad), String(bad)).toBeNull();
    }
  });

  it('a file first received within the certificate’s validity: its signature counts as received then (the earliest revision that carries it)', () => {
    const sig = (name: string, signingTime: Date, revisionEnd: number, notAfter = new Date('2030-01-01T00:00:00Z')) => ({
      name,
      fingerprint: 'FP',
      signingTime,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter,
      revisionEnd,
    });
    const pdf = Buffer.from('0123456789');
    const now = new Date('2026-12-01T00:00:00Z');
    const signatures = [sig('a', new Date('2026-10-01T00:00:00Z'), 4, new Date('2026-11-01T00:00:00Z')), sig('b', new Date('2026-10-02T00:00:00Z'), 10)];
    // Never seen: received now, after a's certificate expired.
    expect(timeProblem(pdf, signatures, null, { now })?.reason).toMatchObject({ code: 'certificate-expired-when-received', signature: 1, receivedAt: now.toISOString() });
    // The first revision (a's) was received on 10-05: a was received then, within its validity.
    const first = createHash('sha256').update(pdf.subarray(0, 4)).digest('hex');
    const seen = (sha: string) => (sha === first ? new Date('2026-10-05T00:00:00Z') : null);
    expect(timeProblem(pdf, signatures, null, { now, firstReceived: seen })).toBeNull();
    // Seen whole (both revisions) on 10-06: a counts as received then too.
    const whole = createHash('sha256').update(pdf).digest('hex');
    expect(timeProblem(pdf, signatures, null, { now, firstReceived: (sha) => (sha === whole ? new Date('2026-10-06T00:00:00Z') : null) })).toBeNull();
    // A signature dated more than 5 minutes after it was received is from the future.
    expect(timeProblem(pdf, [sig('a', new Date(now.getTime() + 6 * MINUTE), 10)], null, { now })?.reason).toMatchObject({ code: 'signed-in-future' });
    expect(timeProblem(pdf, [sig('a', new Date(now.getTime() + 4 * MINUTE), 10)], null, { now })).toBeNull();
  });
});

describe('a genuine chain', () => {
  it('verifies, complete, with every time in order', async () => {
    const v = await verify(await genuineChain());
    expect(v.verdict.failure).toBeUndefined();
    expect(v.complete).toBe(true);
    const times = v.verdict.signatures.map((s) => s.signingTime!.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  }, 30_000);

  it('the manager’s clock up to 5 minutes ahead still verifies; the next signer’s app, whose clock is behind it, refuses to sign', async () => {
    const ahead = new Date(Date.now() + 4 * MINUTE);
    const exported = await signPdf(await render(record, ahead.toISOString()), ids.manager, { signingTime: ahead });
    expect((await verify(exported)).verdict.ok).toBe(true);
    expect(signerClockBehind(exported, new Date())?.getTime()).toBe(Math.floor(ahead.getTime() / 1000) * 1000);
    await expect(signPdf(exported, ids.planning)).rejects.toBeInstanceOf(ClockBehindError);
    try {
      assertSignerClock(exported, 'S-1.pdf');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).refusal).toMatchObject({ code: 'signer-clock-behind', fileName: 'S-1.pdf', previous: new Date(Math.floor(ahead.getTime() / 1000) * 1000).toISOString() });
    }
    // In the same second as the previous signature is not behind (/M has whole seconds).
    expect(signerClockBehind(exported, new Date(Math.floor(ahead.getTime() / 1000) * 1000 + 999))).toBeNull();
  }, 30_000);
});

describe('attacks with a trusted key, each refused with its reason', () => {
  it('a trusted but expired certificate backdating /M: valid at its claimed time, refused because this app first receives it after it expired', async () => {
    const at = new Date(expiredNotAfter.getTime() - 20 * DAY); // within its validity, and after the sheet's month
    const pdf = await signPdf(await render(record, at.toISOString()), expired, { signingTime: at });
    const v = await verify(pdf);
    expect(v.verdict.failure).toMatchObject({
      check: 'time',
      reason: { code: 'certificate-expired-when-received', signature: 1, name: NAMES.manager, notAfter: expiredNotAfter.toISOString() },
    });
    // The claimed time itself is within the validity: the trust check alone let it through.
    expect(v.verdict.signatures[0]!.signingTime!.getTime()).toBe(at.getTime() - (at.getTime() % 1000));
    // Had this app recorded the file before the certificate expired, the same bytes would verify.
    const sha = createHash('sha256').update(pdf).digest('hex');
    const early = new Date(expiredNotAfter.getTime() - 19 * DAY);
    expect((await verify(pdf, { firstReceived: (s) => (s === sha ? early : null) })).verdict.ok).toBe(true);
  }, 30_000);

  it('a signing time in 2031', async () => {
    const exported = await signPdf(await render(record, new Date().toISOString()), ids.manager, { signingTime: new Date() });
    const pdf = await signPdf(exported, ids.planning, { signingTime: new Date('2031-01-01T09:00:00Z') });
    expect((await verify(pdf)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'signed-in-future', signature: 2, name: NAMES.planning, signedAt: '2031-01-01T09:00:00.000Z' } });
  }, 30_000);

  it('a later signature dated before the manager’s: the app’s signer refuses to write it; written by a modified signer, the verifier refuses it', async () => {
    const at = new Date(Date.now() - 3_600_000);
    const exported = await signPdf(await render(record, at.toISOString()), ids.manager, { signingTime: at });
    const before = new Date(at.getTime() - 3_600_000); // within the certificate's validity
    await expect(signPdf(exported, ids.planning, { signingTime: before })).rejects.toBeInstanceOf(ClockBehindError);
    const pdf = await signPdfWithDigest(exported, ids.planning, { signingTime: before }, 'SHA-256');
    expect((await verify(pdf)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'signed-before-previous', signature: 2, name: NAMES.planning, previousName: NAMES.manager } });
  }, 30_000);

  it('exportedAt "9999-…", and one that is not a time', async () => {
    const now = new Date();
    const far = await signPdf(await render(record, '9999-12-31T23:59:59.999Z'), ids.manager, { signingTime: now });
    expect((await verify(far)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'signed-before-export', signature: 1, exportedAt: '9999-12-31T23:59:59.999Z' } });
    // Signed a day ahead (within the certificate's validity) does not help: still before the export, and from the future.
    const ahead = await signPdf(await render(record, '9999-12-31T23:59:59.999Z'), ids.manager, { signingTime: new Date(now.getTime() + DAY) });
    expect((await verify(ahead)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'signed-before-export' } });
    const aheadExport = new Date(now.getTime() + DAY).toISOString();
    const future = await signPdf(await render(record, aheadExport), ids.manager, { signingTime: new Date(aheadExport) });
    expect((await verify(future)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'signed-in-future', signature: 1 } });
    const junk = await signPdf(await render(record, '31/12/9999'), ids.manager, { signingTime: now });
    expect((await verify(junk)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'exported-at-invalid', value: '31/12/9999' } });
  }, 30_000);

  it('a sheet for 2099', async () => {
    const at = new Date();
    const pdf = await signPdf(await render(inMonth(record, '2099-01'), at.toISOString()), ids.manager, { signingTime: at });
    expect((await verify(pdf)).verdict.failure).toMatchObject({ check: 'time', reason: { code: 'period-after-export', period: '2099-01', exportedAt: at.toISOString() } });
  }, 30_000);

  it('duplicate keys in the embedded JSON (monthlyScore twice): JSON.parse reads the genuine value, another parser the first; refused', async () => {
    const at = new Date().toISOString();
    const definition = sheetDocDefinition(record, { language: 'zh', exportedAt: at, region, chain: [{ role: 'manager', name: NAMES.manager, at }] });
    const genuine = JSON.stringify(scoresheetJson(record, [{ role: 'manager', name: NAMES.manager, at }], at, region));
    const twice = genuine.replace('"output":{', '"output":{"monthlyScore":100,');
    expect(JSON.parse(twice).output.monthlyScore).toBe(record.result.monthlyScore); // what this app would have read
    definition.files[SCORE_FILE_NAME]!.src = `data:application/json;base64,${Buffer.from(twice).toString('base64')}`;
    const pdf = await signPdf((await renderDocument(definition)).pdf, ids.manager, { signingTime: new Date(at) });
    expect((await verify(pdf)).verdict.failure).toMatchObject({ check: 'embedded-data', reason: { code: 'duplicate-key', file: SCORE_FILE_NAME, key: 'output.monthlyScore' } });
    // The same file with the genuine JSON verifies (the control).
    definition.files[SCORE_FILE_NAME]!.src = `data:application/json;base64,${Buffer.from(genuine).toString('base64')}`;
    expect((await verify(await signPdf((await renderDocument(definition)).pdf, ids.manager, { signingTime: new Date(at) }))).verdict.ok).toBe(true);
  }, 30_000);

  it('spaces (or upper case) in the unsigned /Contents: the same sheet under another SHA-256, refused', async () => {
    const pdf = await genuineChain();
    const text = pdf.toString('latin1');
    const open = text.lastIndexOf('/Contents <') + '/Contents <'.length;
    const close = text.indexOf('>', open);
    const padding = text.slice(open, close).search(/0+$/);
    expect(close - (open + padding)).toBeGreaterThan(1000); // the zeros after the CMS
    const spaced = Buffer.from(pdf);
    spaced.write('  ', close - 10, 'latin1');
    const v = await verify(spaced);
    expect(v.verdict.failure).toMatchObject({ check: 'cms', reason: { code: 'contents-padding', signature: 4 } });
    const upper = Buffer.from(pdf);
    upper.write(text.slice(open, open + 40).toUpperCase(), open, 'latin1');
    expect(upper.equals(pdf)).toBe(false);
    expect((await verify(upper)).verdict.failure).toMatchObject({ check: 'cms', reason: { code: 'contents-padding', signature: 4 } });
    expect((await verify(pdf)).verdict.ok).toBe(true);
  }, 30_000);
});

describe('the first-received time is recorded, and HR imports one file per sheet', () => {
  let hrDb: Db;
  let hr: Handlers;
  let planningDb: Db;
  let planning: Handlers;

  beforeAll(async () => {
    for (const name of ['hr', 'planning']) mkdirSync(join(root, name));
    hrDb = openDatabase(join(root, 'hr', 'scorecard.db'));
    hr = createHandlers(hrDb, { dbPath: join(root, 'hr', 'scorecard.db'), appVersion: 'test' });
    // HR's roster: the same organisation, without sheets.
    loadDemo(hrDb, TODAY);
    hrDb.exec('DELETE FROM sheets');
    planningDb = openDatabase(join(root, 'planning', 'scorecard.db'));
    planning = createHandlers(planningDb, { dbPath: join(root, 'planning', 'scorecard.db'), appVersion: 'test' });
    for (const h of [hr, planning]) {
      for (const t of trusted) await call(h, 'trust.add', { fileName: 'x.cer', dataBase64: Buffer.from(t.certificate as Buffer).toString('base64') });
    }
  }, 60_000);

  afterAll(() => {
    hrDb?.close();
    planningDb?.close();
  });

  it('a file received while its certificate was valid keeps that time: the inbox re-verifies it later and it still verifies; the same bytes new to another app do not', async () => {
    const at = new Date(expiredNotAfter.getTime() - 20 * DAY);
    const pdf = await signPdf(await render(record, at.toISOString()), expired, { signingTime: at });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(expiredNotAfter.getTime() - 19 * DAY));
    let entry;
    try {
      [entry] = await call(planning, 'inbox.add', { files: [{ fileName: 'old.pdf', dataBase64: pdf.toString('base64') }] });
    } finally {
      vi.useRealTimers();
    }
    expect(entry!.verdict.ok).toBe(true);
    expect(entry!.receivedAt).toBe(new Date(expiredNotAfter.getTime() - 19 * DAY).toISOString());
    // Added again now: the row keeps its first-received time, and the verdict stays ok.
    const [again] = await call(planning, 'inbox.add', { files: [{ fileName: 'old.pdf', dataBase64: pdf.toString('base64') }] });
    expect(again).toMatchObject({ receivedAt: entry!.receivedAt, verdict: { ok: true } });
    expect(firstReceivedIn(planningDb)(entry!.sha256)?.toISOString()).toBe(entry!.receivedAt);
    // HR never had it: refused.
    const [hrEntry] = await call(hr, 'inbox.add', { files: [{ fileName: 'old.pdf', dataBase64: pdf.toString('base64') }] });
    expect(hrEntry!.verdict.failure).toMatchObject({ check: 'time', reason: { code: 'certificate-expired-when-received' } });
  }, 30_000);

  it('sales planning’s app refuses to approve while its clock is behind the manager’s signature, with the refusal as data', async () => {
    const identity = await call(planning, 'identities.create', { name: '李娜 (2)', role: 'planning', passphrase: 'planning pass' });
    const ahead = new Date(Date.now() + 4 * MINUTE);
    const exported = await signPdf(await render(record, ahead.toISOString()), ids.manager, { signingTime: ahead });
    const [entry] = await call(planning, 'inbox.add', { files: [{ fileName: 'ahead.pdf', dataBase64: exported.toString('base64') }] });
    expect(entry!.verdict.ok).toBe(true);
    const refused = await fail(planning, 'inbox.approve', { sha256: entry!.sha256, fingerprint: identity.fingerprint, passphrase: 'planning pass' });
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'signer-clock-behind', fileName: 'ahead.pdf' } });
  }, 30_000);

  it('HR imports a genuine chain; a second file for the same sheet is refused, naming the imported one', async () => {
    const first = await genuineChain();
    const [imported] = await call(hr, 'hr.import', { files: [{ fileName: 'first.pdf', dataBase64: first.toString('base64') }] });
    expect(imported, imported?.message).toMatchObject({ outcome: 'imported', period: '2026-09' });
    // Another genuine export of the same sheet, signed by every step: not imported in its place.
    const second = await genuineChain();
    const [refused] = await call(hr, 'hr.import', { files: [{ fileName: 'second.pdf', dataBase64: second.toString('base64') }] });
    expect(refused).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'sheet-already-imported', name: record.person.name, period: '2026-09', fileName: 'first.pdf', file: imported!.sha256.slice(0, 12) },
    });
    expect(refused!.message).toMatch(/imported already from first\.pdf/);
    // Refused means nothing kept: the database as it was, and no copy of the refused file on disk.
    expect(readdirSync(dirname(imported!.path!))).toEqual([basename(imported!.path!)]);
    // The first file again is the same record.
    const [again] = await call(hr, 'hr.import', { files: [{ fileName: 'first.pdf', dataBase64: first.toString('base64') }] });
    expect(again).toMatchObject({ outcome: 'already-imported' });
    expect(hrDb.prepare("SELECT count(*) AS n FROM sheet_files WHERE state = 'imported'").get()).toEqual({ n: 1 });
  }, 60_000);
});
