/**
 * The approval chain end to end through the handler map, on real files: four apps (the regional
 * manager's, sales planning's, the VP's and HR's), each with its own database, data folder and
 * signing identity, trusting each other's exported certificates. Real signatures, the real
 * verifier, poppler and qpdf on the result.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import { renderSheetPdf } from '../../electron/pdf/render.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { openStoredIdentity } from '../../electron/services/identities.ts';
import { OID, createIdentity, openIdentity, signPdf } from '../../electron/signing/index.ts';
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import type { ChainRole, IdentityInfo, InboxEntry, MonthRow, StoredFile } from '../../shared/api/types.ts';
import { call as callHandler, fail as failHandler } from '../helpers/call.ts';
import { formatLocalTime } from '../../shared/time.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PASS: Record<ChainRole, string> = { manager: '经理 passphrase 1', planning: 'planning-secret-2', vp: 'vp secret 3', hr: '人事 4' };
const NAMES: Record<ChainRole, string> = { manager: '王磊', planning: '李娜', vp: '张伟', hr: '陈静' };
/** The manager's identity is the demo's regional manager of SOUTH (employee number M-201). */
const MANAGER_REGION = 'SOUTH';
const MANAGER_NO = 'M-201';

interface App {
  role: ChainRole;
  dir: string;
  db: Db;
  h: Handlers;
  identity: IdentityInfo;
}

let root: string;
const apps = {} as Record<ChainRole, App>;

/** The shared helpers, on one app's handler map. */
const call = <N extends HandlerName>(app: App, name: N, input: InputOf<N>) => callHandler(app.h, name, input);
const fail = (app: App, name: HandlerName, input: unknown) => failHandler(app.h, name, input);
const upload = (fileName: string, data: Buffer) => ({ fileName, dataBase64: data.toString('base64') });
const fromFile = (f: StoredFile) => ({ fileName: f.fileName, dataBase64: f.dataBase64 });

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
function pdfsig(file: string) {
  return run('pdfsig', [file])
    .stdout.split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      total: /- Total document signed/.test(block),
    }));
}

/** The month's people and statuses; in the manager's app, of the manager's own region (SOUTH: a manager exports only their region). */
function monthRows(app: App, period: string): MonthRow[] {
  return app.db
    .prepare(
      `SELECT p.id AS personId, p.employee_no AS employeeNo, p.role, s.status FROM people p LEFT JOIN sheets s ON s.person_id = p.id AND s.period = ?
         LEFT JOIN regions r ON r.id = p.region_id
        WHERE ? IS NULL OR r.code = ?
        ORDER BY p.employee_no`,
    )
    .all(period, app.role === 'manager' ? MANAGER_REGION : null, app.role === 'manager' ? MANAGER_REGION : null) as MonthRow[];
}

/** HR's roster: the organisation's regions and people, as the manager's app has them (HR's import checks each sheet against it). */
function copyRoster(from: App, to: App): void {
  to.db.prepare('ATTACH DATABASE ? AS source').run(join(from.dir, 'scorecard.db'));
  try {
    to.db.exec('INSERT INTO regions SELECT * FROM source.regions; INSERT INTO people SELECT * FROM source.people;');
  } finally {
    to.db.exec('DETACH DATABASE source');
  }
}

function auditText(app: App): string {
  return JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all());
}

/** Appends an incremental update (correct xref) that replaces one object, as an editing tool would. */
function appendRevision(pdf: Buffer, num: number, body: string): Buffer {
  const trailerText = pdf.toString('latin1', pdf.lastIndexOf('trailer'));
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(trailerText)![1]);
  const size = Number(/\/Size (\d+)/.exec(trailerText)![1]);
  const rootRef = /\/Root (\d+ \d+ R)/.exec(trailerText)![1];
  const head = Buffer.from(`\n${num} 0 obj\n${body}\nendobj\n`, 'latin1');
  const at = pdf.length + 1;
  const xrefAt = pdf.length + head.length;
  const tail = `xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${rootRef} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF`;
  return Buffer.concat([pdf, head, Buffer.from(tail, 'latin1')]);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chain-services-'));
  for (const role of ['manager', 'planning', 'vp', 'hr'] as ChainRole[]) {
    const dir = join(root, role);
    mkdirSync(dir);
    const db = openDatabase(join(dir, 'scorecard.db'));
    const h = createHandlers(db, { dbPath: join(dir, 'scorecard.db'), appVersion: 'test' });
    apps[role] = { role, dir, db, h, identity: undefined as unknown as IdentityInfo };
  }
  loadDemo(apps.manager.db, TODAY);
  loadDemo(apps.planning.db, TODAY); // sales planning scores the regional managers' own sheets
  copyRoster(apps.manager, apps.hr); // HR's roster is the authority at import
  for (const app of Object.values(apps)) {
    app.identity = await call(app, 'identities.create', {
      name: NAMES[app.role],
      role: app.role,
      passphrase: PASS[app.role],
      algorithm: app.role === 'planning' || app.role === 'hr' ? 'RSA-2048' : 'ECDSA-P256',
      ...(app.role === 'hr' ? { email: 'chen.jing@example.com' } : {}),
      ...(app.role === 'manager' ? { employeeNo: MANAGER_NO } : {}),
    });
  }
}, 60_000);

afterAll(() => {
  for (const app of Object.values(apps)) app.db?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('identities and trusted signers', () => {
  it('identities.create writes the .p12 and .cer into <data dir>/identities and records the identity; OpenSSL opens the .p12', async () => {
    const app = apps.manager;
    expect(app.identity).toMatchObject({ name: '王磊', role: 'manager', source: 'created', email: null, employeeNo: MANAGER_NO });
    expect(app.identity.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const files = readdirSync(join(app.dir, 'identities')).sort();
    expect(files).toEqual([app.identity.p12File.replace('.p12', '.cer'), app.identity.p12File].sort());
    const p12 = join(app.dir, 'identities', app.identity.p12File);
    const opened = run('openssl', ['pkcs12', '-in', p12, '-nokeys', '-passin', `pass:${PASS.manager}`]);
    expect(opened.status, opened.stderr).toBe(0);
    expect(await call(app, 'identities.list', {})).toEqual([app.identity]);
    // Your own certificate is trusted in your own app.
    expect((await call(app, 'trust.list', {})).map((t) => [t.name, t.role, t.fingerprint])).toEqual([['王磊', 'manager', app.identity.fingerprint]]);
    const cer = readFileSync(join(app.dir, 'identities', app.identity.p12File.replace('.p12', '.cer')));
    const der = await call(app, 'identities.exportCertificate', { fingerprint: app.identity.fingerprint, format: 'der' });
    expect(Buffer.from(der.dataBase64, 'base64').equals(cer)).toBe(true);
    const pem = await call(app, 'identities.exportCertificate', { fingerprint: app.identity.fingerprint.replace(/:/g, '').toLowerCase(), format: 'pem' });
    expect(Buffer.from(pem.dataBase64, 'base64').toString('ascii')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(pem.fileName).toMatch(/\.pem$/);
  });

  it('every app trusts the others from their exported certificates (DER or PEM), role read from the certificate', async () => {
    for (const app of Object.values(apps)) {
      for (const other of Object.values(apps)) {
        if (other === app) continue;
        const format = other.role === 'vp' ? 'pem' : 'der';
        const cert = await call(other, 'identities.exportCertificate', { fingerprint: other.identity.fingerprint, format });
        const added = await call(app, 'trust.add', cert);
        expect(added).toMatchObject({ name: NAMES[other.role], role: other.role, fingerprint: other.identity.fingerprint });
      }
      const list = await call(app, 'trust.list', {});
      expect(list.map((t) => t.role).sort()).toEqual(['hr', 'manager', 'planning', 'vp']);
    }
    // Adding again is harmless; claiming another role than the certificate records is refused.
    const vpCert = await call(apps.vp, 'identities.exportCertificate', { fingerprint: apps.vp.identity.fingerprint, format: 'der' });
    expect((await call(apps.hr, 'trust.add', vpCert)).role).toBe('vp');
    const wrongRole = await fail(apps.hr, 'trust.add', { ...vpCert, role: 'hr' });
    expect(wrongRole).toMatchObject({ kind: 'input', message: expect.stringMatching(/role.*\(vp\)/) });
    expect((await fail(apps.hr, 'trust.add', upload('x.cer', Buffer.from('not a certificate')))).kind).toBe('input');
  });

  it('trust.remove takes a signer off the list; its signatures then fail the trust check', async () => {
    const extra = await createIdentity({ name: '赵六', role: 'vp' }, 'x');
    const added = await call(apps.hr, 'trust.add', upload('zhao.cer', extra.certificate));
    const removed = await call(apps.hr, 'trust.remove', { fingerprint: added.fingerprint });
    expect(removed).toMatchObject({ name: '赵六', role: 'vp' });
    expect((await call(apps.hr, 'trust.list', {})).map((t) => t.fingerprint)).not.toContain(added.fingerprint);
    expect((await fail(apps.hr, 'trust.remove', { fingerprint: added.fingerprint })).kind).toBe('not-found');
  });

  it('identities.import takes a company PKCS#12 made by OpenSSL, with the role given when the certificate has none', async () => {
    const key = join(root, 'company.key');
    const crt = join(root, 'company.crt');
    const p12 = join(root, 'company.p12');
    expect(run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-utf8', '-subj', '/CN=周敏/O=Company']).status).toBe(0);
    expect(run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', 'pass:company!']).status).toBe(0);
    const data = readFileSync(p12);
    const noRole = await fail(apps.vp, 'identities.import', { ...upload('company.p12', data), passphrase: 'company!' });
    expect(noRole).toMatchObject({ kind: 'input', message: expect.stringMatching(/role/) });
    const wrong = await fail(apps.vp, 'identities.import', { ...upload('company.p12', data), passphrase: 'not it', role: 'vp' });
    expect(wrong.message).toMatch(/passphrase/);
    expect(wrong.message).not.toContain('not it');
    const imported = await call(apps.vp, 'identities.import', { ...upload('company.p12', data), passphrase: 'company!', role: 'vp' });
    expect(imported).toMatchObject({ name: '周敏', role: 'vp', source: 'imported' });
    expect(existsSync(join(apps.vp.dir, 'identities', imported.p12File))).toBe(true);
    expect((await fail(apps.vp, 'identities.import', { ...upload('company.p12', data), passphrase: 'company!', role: 'vp' })).kind).toBe('conflict');
    // An OpenSSL certificate with the role extension: the role comes from it.
    const crt2 = join(root, 'company2.crt');
    expect(
      run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt2, '-days', '30', '-utf8', '-subj', '/CN=孙丽', '-addext', `${OID.staffAssessmentRole}=ASN1:UTF8String:hr`])
        .status,
    ).toBe(0);
    expect(await call(apps.manager, 'trust.add', upload('sun.crt', readFileSync(crt2)))).toMatchObject({ name: '孙丽', role: 'hr' });
  });

  it('passphrases are never stored, echoed or audited', async () => {
    const bad = await fail(apps.manager, 'identities.create', { name: '', role: 'manager', passphrase: 'hunter2-secret' });
    expect(JSON.stringify(bad)).not.toContain('hunter2-secret');
    const notString = await fail(apps.manager, 'sheets.export', { personId: 1, period: '2026-10', fingerprint: apps.manager.identity.fingerprint, passphrase: 12345678, language: 'zh' });
    expect(JSON.stringify(notString)).not.toContain('12345678');
    const wrong = await fail(apps.manager, 'sheets.export', { personId: 2, period: '2026-10', fingerprint: apps.manager.identity.fingerprint, passphrase: 'wrong one', language: 'zh' });
    expect(wrong).toMatchObject({ kind: 'input', message: expect.stringMatching(/passphrase/) });
    for (const app of Object.values(apps)) {
      const everything = auditText(app) + JSON.stringify(app.db.prepare('SELECT * FROM settings').all()) + JSON.stringify(app.db.prepare('SELECT name, role, email, p12_file FROM identities').all());
      for (const secret of Object.values(PASS)) expect(everything).not.toContain(secret);
    }
  });
});

let exported: StoredFile & { personId: number; employeeNo: string };
let rmExport: StoredFile;

describe('export and sign', () => {
  it('sheets.export signs a ready sheet as the manager, keeps it under exports/YYYY-MM/, sets the status signed', async () => {
    const app = apps.manager;
    const row = monthRows(app, '2026-09').find((r) => r.role === 'salesperson' && r.status === 'ready')!;
    const result = await call(app, 'sheets.export', { personId: row.personId, period: '2026-09', fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect(result).toMatchObject({ personId: row.personId, employeeNo: row.employeeNo, period: '2026-09', status: 'signed', fileName: `${row.employeeNo}-2026-09.pdf` });
    expect(result.path).toBe(join(app.dir, 'exports', '2026-09', `${row.employeeNo}-2026-09.pdf`));
    const bytes = readFileSync(result.path);
    expect(bytes.equals(Buffer.from(result.dataBase64, 'base64'))).toBe(true);
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect((await call(app, 'sheets.get', { personId: row.personId, period: '2026-09' })).status).toBe('signed');
    expect(pdfsig(result.path)).toEqual([{ commonName: '王磊', valid: true, total: true }]);
    expect(app.db.prepare('SELECT kind, employee_no, period FROM sheet_files WHERE sha256 = ?').get(result.sha256)).toEqual({ kind: 'export', employee_no: row.employeeNo, period: '2026-09' });
    expect(auditText(app)).toContain('sheet.export');

    // A signed sheet is not edited in place: a conflict naming the status, the stored sheet unchanged.
    const signed = await call(app, 'sheets.get', { personId: row.personId, period: '2026-09' });
    const stored = app.db.prepare('SELECT * FROM sheets WHERE person_id = ? AND period = ?').get(row.personId, '2026-09');
    const audits = app.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const status of ['draft', 'ready'] as const) {
      const refused = await fail(app, 'sheets.save', { personId: row.personId, period: '2026-09', entry: { items: { vehicle: { violated: true } } }, status, expectedRevision: signed.revision });
      expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'sheet-not-editable', status: 'signed', name: signed.person.name, period: '2026-09' } });
      expect(refused.message).toContain('is signed and on its way up the approval chain');
    }
    expect(app.db.prepare('SELECT * FROM sheets WHERE person_id = ? AND period = ?').get(row.personId, '2026-09')).toEqual(stored);
    expect(app.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(audits);

    // Re-export while nobody has countersigned: allowed, a new file at the same place.
    const again = await call(app, 'sheets.export', { personId: row.personId, period: '2026-09', fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect(again.path).toBe(result.path);
    expect(again.sha256).not.toBe(result.sha256);
    exported = again;
  });

  it('refuses a draft, a sheet not started, and a sheet whose first step is not the signer’s', async () => {
    const app = apps.manager;
    const rows = monthRows(app, '2026-10');
    const draft = rows.find((r) => r.status === 'draft')!;
    const notStarted = rows.find((r) => r.status === null && r.role !== 'regional-manager')!;
    const rm = monthRows(app, '2026-09').find((r) => r.role === 'regional-manager')!;
    const input = { fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'en' as const };
    expect(await fail(app, 'sheets.export', { ...input, personId: draft.personId, period: '2026-10' })).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/mark it ready/) });
    expect(await fail(app, 'sheets.export', { ...input, personId: notStarted.personId, period: '2026-10' })).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/not been started/) });
    expect(await fail(app, 'sheets.export', { ...input, personId: rm.personId, period: '2026-09' })).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/sales planning/) });
    // sheets.save cannot set the chain's statuses.
    const saved = await fail(app, 'sheets.save', { personId: draft.personId, period: '2026-10', entry: {}, status: 'approved', expectedRevision: 0 });
    expect(saved).toMatchObject({ kind: 'input', problems: [{ field: 'status' }] });
  });

  it('sales planning exports a regional manager’s own sheet (chain planning → VP → HR)', async () => {
    const app = apps.planning;
    const rm = monthRows(app, '2026-09').find((r) => r.role === 'regional-manager' && r.status === 'ready')!;
    rmExport = await call(app, 'sheets.export', { personId: rm.personId, period: '2026-09', fingerprint: app.identity.fingerprint, passphrase: PASS.planning, language: 'en' });
    expect(pdfsig(rmExport.path)).toEqual([{ commonName: '李娜', valid: true, total: true }]);
  });

  it('sheets.exportMonth runs a region’s month as a job: progress, files, a signed summary, the event loop kept free', async () => {
    const app = apps.manager;
    const regionId = (app.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const { jobId, total } = await call(app, 'sheets.exportMonth', { period: '2026-08', regionId, fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect(total).toBe(12); // 9 salespeople + 3 field service; the regional manager's own sheet is sales planning's
    const seen: number[] = [];
    let job = await call(app, 'jobs.get', { jobId });
    while (!job.finished) {
      seen.push(job.done);
      await new Promise((r) => setTimeout(r, 20));
      job = await call(app, 'jobs.get', { jobId });
    }
    clearInterval(timer);
    expect(job).toMatchObject({ done: 12, total: 12, failures: [] });
    expect(new Set(seen).size).toBeGreaterThan(2); // progress was visible along the way
    expect(maxGap).toBeLessThan(1500);
    expect(job.files).toHaveLength(12);
    for (const f of job.files) {
      expect(f.path).toBe(join(app.dir, 'exports', '2026-08', `${f.employeeNo}-2026-08.pdf`));
      expect(existsSync(f.path)).toBe(true);
    }
    expect(job.summary?.path).toBe(join(app.dir, 'exports', '2026-08', 'summary', 'summary-SOUTH-2026-08.pdf'));
    expect(pdfsig(job.summary!.path)).toEqual([{ commonName: '王磊', valid: true, total: true }]);
    expect(run('pdftotext', [job.summary!.path, '-']).stdout).toContain('月度考核汇总');
    expect(monthRows(app, '2026-08').filter((r) => r.status === 'signed')).toHaveLength(12);
    // Already signed now: a second run has nothing to do.
    const second = await call(app, 'sheets.exportMonth', { period: '2026-08', regionId, fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect(second.total).toBe(0);
    const skipped = (await call(app, 'jobs.get', { jobId: second.jobId })).skipped;
    expect(skipped).toHaveLength(12);
    expect(skipped.every((s) => s.code === 'already-signed' && s.reason === 'already signed')).toBe(true);
    expect((await fail(app, 'jobs.get', { jobId: '00000000-0000-4000-8000-000000000000' })).kind).toBe('not-found');
  }, 60_000);
});

let fullySigned: StoredFile;

describe('review: inbox, approve, return; HR import', () => {
  let planningEntry: InboxEntry;

  it('inbox.add verifies each file: verdict, person, period, scores, signers, next step', async () => {
    const [entry] = await call(apps.planning, 'inbox.add', { files: [fromFile(exported)] });
    planningEntry = entry!;
    const sheet = await call(apps.manager, 'sheets.get', { personId: exported.personId, period: '2026-09' });
    expect(entry).toMatchObject({
      sha256: exported.sha256,
      fileName: exported.fileName,
      verdict: { ok: true, failure: null },
      person: { employeeNo: exported.employeeNo, name: sheet.person.name, role: 'salesperson' },
      period: '2026-09',
      scores: { dailyScore: sheet.result.dailyScore, attendanceScore: sheet.result.attendance.score, monthlyScore: sheet.result.monthlyScore },
      steps: ['manager', 'planning', 'vp', 'hr'],
      nextStep: 'planning',
      complete: false,
      state: 'pending',
    });
    expect(entry!.region?.code).toMatch(/^(EAST|SOUTH|NORTH)$/);
    expect(entry!.signers).toMatchObject([{ name: '王磊', role: 'manager', fingerprint: apps.manager.identity.fingerprint }]);
    expect(entry!.path).toBe(join(apps.planning.dir, 'inbox', `${exported.sha256}.pdf`));
    expect(await call(apps.planning, 'inbox.list', { state: 'pending' })).toEqual([entry]);
    // The same file again: one entry.
    await call(apps.planning, 'inbox.add', { files: [fromFile(exported)] });
    expect(await call(apps.planning, 'inbox.list', {})).toHaveLength(1);
  });

  it('only the next step may approve: the VP cannot sign before sales planning', async () => {
    // The VP's app holds the manager-signed file too.
    await call(apps.vp, 'inbox.add', { files: [fromFile(exported)] });
    const early = await fail(apps.vp, 'inbox.approve', { sha256: exported.sha256, fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp });
    expect(early).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/next step .* is planning/) });
  });

  it('planning, VP and HR approve in turn; each appends a signature with its comment', async () => {
    let file: StoredFile = exported;
    const comments: Record<string, string> = { planning: '销售计划部：数据已核对', vp: '同意', hr: '人力资源部：已归档' };
    for (const role of ['planning', 'vp', 'hr'] as ChainRole[]) {
      const app = apps[role];
      const [entry] = await call(app, 'inbox.add', { files: [fromFile(file)] });
      expect(entry).toMatchObject({ verdict: { ok: true }, nextStep: role });
      const approved = await call(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.identity.fingerprint, passphrase: PASS[role], comment: comments[role] });
      expect(approved.entry).toMatchObject({ sha256: entry!.sha256, state: 'approved', note: comments[role] });
      expect(approved.file.path).toBe(join(app.dir, 'approved', '2026-09', exported.fileName));
      expect(approved.signers.at(-1)).toMatchObject({ name: NAMES[role], role, comment: comments[role] });
      expect(approved.complete).toBe(role === 'hr');
      expect(approved.nextStep).toBe(role === 'planning' ? 'vp' : role === 'vp' ? 'hr' : null);
      // incremental: the earlier file is a prefix of the new one
      const bytes = Buffer.from(approved.file.dataBase64, 'base64');
      expect(bytes.subarray(0, Buffer.from(file.dataBase64, 'base64').length).equals(Buffer.from(file.dataBase64, 'base64'))).toBe(true);
      // approving twice is refused
      expect((await fail(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.identity.fingerprint, passphrase: PASS[role] })).kind).toBe('conflict');
      file = approved.file;
    }
    fullySigned = file;
    expect(planningEntry.state).toBe('pending');
  }, 30_000);

  it('the 4-signature sheet: pdfsig valid ×4 with the last covering the document, qpdf --check clean on every revision, pdfdetach, pdftotext', () => {
    const file = fullySigned.path;
    const report = pdfsig(file);
    expect(report.map((s) => s.commonName)).toEqual(['王磊', '李娜', '张伟', '陈静']);
    expect(report.every((s) => s.valid), JSON.stringify(report)).toBe(true);
    expect(report.map((s) => s.total)).toEqual([false, false, false, true]);

    const bytes = readFileSync(file);
    const revisions = [...bytes.toString('latin1').matchAll(/%%EOF/g)].map((m) => m.index! + 5);
    expect(revisions).toHaveLength(5); // the unsigned document + one update per signature
    expect(revisions.at(-1)).toBe(bytes.length);
    for (const [k, end] of revisions.entries()) {
      const rev = join(root, `revision-${k}.pdf`);
      writeFileSync(rev, bytes.subarray(0, end));
      const check = run('qpdf', ['--check', rev]);
      expect(check.status, `revision ${k}: ${check.stdout}${check.stderr}`).toBe(0);
    }

    const json = join(root, 'detached.json');
    expect(run('pdfdetach', ['-save', '1', '-o', json, file]).status).toBe(0);
    const data = JSON.parse(readFileSync(json, 'utf8'));
    expect(data).toMatchObject({ format: 'scoresheet/1', person: { employeeNo: exported.employeeNo }, chain: [{ role: 'manager', name: '王磊' }] });
    const text = run('pdftotext', ['-layout', file, '-']).stdout;
    expect(text).toContain('经销商的管理');
    expect(text).toContain('月度考核得分');
    expect(text).toContain(String(data.output.monthlyScore));
    expect(text).toContain(String(data.output.dailyScore));
  });

  it('hr.import: fully approved files only; idempotent by SHA-256; the region, person and approved sheet land in HR’s database', async () => {
    const hr = apps.hr;
    // Not yet complete (three signatures): refused with the step that is missing.
    const vpApproved = (hr.db.prepare("SELECT path FROM sheet_files WHERE kind = 'received' AND state = 'approved'").get() as { path: string }).path;
    const [partial] = await call(hr, 'hr.import', { files: [upload('partial.pdf', readFileSync(vpApproved))] });
    expect(partial).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/not fully approved.*next step is hr/) });

    const [first] = await call(hr, 'hr.import', { sha256: [fullySigned.sha256] });
    expect(first).toMatchObject({ outcome: 'imported', employeeNo: exported.employeeNo, period: '2026-09' });
    expect(first!.path).toBe(join(hr.dir, 'received', '2026-09', `${exported.employeeNo}-2026-09-${fullySigned.sha256.slice(0, 12)}.pdf`));
    expect(readFileSync(first!.path!).equals(Buffer.from(fullySigned.dataBase64, 'base64'))).toBe(true);
    const [again] = await call(hr, 'hr.import', { files: [fromFile(fullySigned)] });
    expect(again).toMatchObject({ outcome: 'already-imported', personId: first!.personId });
    expect(hr.db.prepare('SELECT count(*) AS n FROM sheets').get()).toEqual({ n: 1 });

    const original = await call(apps.manager, 'sheets.get', { personId: exported.personId, period: '2026-09' });
    const imported = await call(hr, 'sheets.get', { personId: first!.personId!, period: '2026-09' });
    expect(imported.status).toBe('approved');
    expect(imported.result).toEqual(original.result);
    expect(imported.input).toEqual(original.input);
    expect(imported.person).toMatchObject({ employeeNo: original.person.employeeNo, name: original.person.name, role: original.person.role });
    const region = (await call(hr, 'regions.list', {})).find((r) => r.code === MANAGER_REGION)!;
    expect(region.id).toBe(imported.person.regionId);
    expect((await call(hr, 'inbox.list', { state: 'imported' })).map((e) => e.sha256)).toEqual([fullySigned.sha256]);
    // HR's approved sheet is final: refused as a conflict naming the status (not a crash), nothing written.
    const rowBefore = hr.db.prepare('SELECT * FROM sheets').all();
    const refused = await fail(hr, 'sheets.save', { personId: first!.personId, period: '2026-09', entry: {}, status: 'draft', expectedRevision: imported.revision });
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'sheet-not-editable', status: 'approved', name: imported.person.name, period: '2026-09' } });
    expect(refused.message).toMatch(/is approved \(final\): a signed sheet is not changed in place/);
    expect(hr.db.prepare('SELECT * FROM sheets').all()).toEqual(rowBefore);
  });

  it('the regional manager’s own sheet goes planning → VP → HR and is imported with three signatures', async () => {
    let file = rmExport;
    for (const role of ['vp', 'hr'] as ChainRole[]) {
      const [entry] = await call(apps[role], 'inbox.add', { files: [fromFile(file)] });
      expect(entry).toMatchObject({ verdict: { ok: true }, steps: ['planning', 'vp', 'hr'], nextStep: role });
      file = (await call(apps[role], 'inbox.approve', { sha256: entry!.sha256, fingerprint: apps[role].identity.fingerprint, passphrase: PASS[role] })).file;
    }
    const [outcome] = await call(apps.hr, 'hr.import', { files: [fromFile(file)] });
    expect(outcome).toMatchObject({ outcome: 'imported' });
    expect(pdfsig(outcome!.path!).map((s) => [s.commonName, s.valid])).toEqual([['李娜', true], ['张伟', true], ['陈静', true]]);
  }, 30_000);

  it('inbox.return: a signed return note that the manager imports to reopen the sheet, with the reason', async () => {
    // A fresh export from the manager; sales planning returns it.
    const app = apps.manager;
    const row = monthRows(app, '2026-07').find((r) => r.role === 'field-service' && r.status === 'ready')!;
    const file = await call(app, 'sheets.export', { personId: row.personId, period: '2026-07', fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    const [entry] = await call(apps.planning, 'inbox.add', { files: [fromFile(file)] });
    const reason = '出勤记录与考勤表不符，请核对 10 月 9 日';
    await call(apps.vp, 'inbox.add', { files: [fromFile(file)] });
    const wrongStep = await fail(apps.vp, 'inbox.return', { sha256: entry!.sha256, fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp, reason });
    expect(wrongStep).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/next step .* is planning/) });
    const note = await call(apps.planning, 'inbox.return', { sha256: entry!.sha256, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning, reason });
    expect(note.path).toMatch(new RegExp(`returns/2026-07/${row.employeeNo}-2026-07-return-[0-9a-f]{8}\\.pdf$`));
    expect(pdfsig(note.path)).toEqual([{ commonName: '李娜', valid: true, total: true }]);
    expect(run('pdftotext', [note.path, '-']).stdout).toContain('出勤记录与考勤表不符');
    expect((await call(apps.planning, 'inbox.list', { state: 'returned' }))[0]).toMatchObject({ sha256: entry!.sha256, note: reason });
    // A return note is not a score sheet: the inbox and HR refuse it as such.
    const [asSheet] = await call(apps.hr, 'inbox.add', { files: [fromFile(note)] });
    expect(asSheet!.verdict.ok).toBe(false);

    const [reopened] = await call(app, 'returns.import', { files: [fromFile(note)] });
    expect(reopened).toMatchObject({ outcome: 'reopened', note: { reason, returnedBy: { name: '李娜', role: 'planning' }, employeeNo: row.employeeNo, period: '2026-07', applied: true } });
    expect((await call(app, 'sheets.get', { personId: row.personId, period: '2026-07' })).status).toBe('returned');
    expect(await call(app, 'returns.list', { period: '2026-07' })).toMatchObject([{ reason, personId: row.personId }]);
    // The note prints when it was returned as local time with its zone, never the stored UTC.
    const noteText = run('pdftotext', [note.path, '-']).stdout;
    expect(noteText).toContain(formatLocalTime(reopened!.note!.returnedAt));
    expect(noteText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const [twice] = await call(app, 'returns.import', { files: [fromFile(note)] });
    expect(twice!.outcome).toBe('already-imported');
    // The reopened sheet carries the note it is corrected for: the reason, who returned it and when.
    const sheet = await call(app, 'sheets.get', { personId: row.personId, period: '2026-07' });
    expect(sheet.returnNote).toMatchObject({ reason, returnedBy: { name: '李娜', role: 'planning' }, returnedAt: reopened!.note!.returnedAt, applied: true });
    // Saved as a draft, it still shows the note; exported again, the note is done with.
    const draft = await call(app, 'sheets.save', { personId: row.personId, period: '2026-07', entry: { items: sheet.input.items, absences: [], handIns: sheet.input.handIns }, status: 'draft', expectedRevision: sheet.revision });
    expect((await call(app, 'sheets.get', { personId: row.personId, period: '2026-07' })).returnNote).toMatchObject({ reason });
    // A returned sheet is edited, marked ready and exported again.
    await call(app, 'sheets.save', { personId: row.personId, period: '2026-07', entry: { items: sheet.input.items, absences: [], handIns: sheet.input.handIns }, status: 'ready', expectedRevision: draft.revision });
    await call(app, 'sheets.export', { personId: row.personId, period: '2026-07', fingerprint: app.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect((await call(app, 'sheets.get', { personId: row.personId, period: '2026-07' })).returnNote).toBeNull();

    // A tampered return note is refused.
    const bytes = Buffer.from(note.dataBase64, 'base64');
    const tampered = Buffer.from(bytes);
    tampered[200] = tampered[200]! ^ 1;
    const [bad] = await call(app, 'returns.import', { files: [upload('bad.pdf', tampered)] });
    expect(bad).toMatchObject({ outcome: 'refused' });
  }, 30_000);

  it('a countersigned sheet cannot be exported again by the manager once the manager’s app has seen the countersigned copy', async () => {
    const [seen] = await call(apps.manager, 'inbox.add', { files: [fromFile(fullySigned)] });
    expect(seen!.verdict.ok).toBe(true);
    const refused = await fail(apps.manager, 'sheets.export', { personId: exported.personId, period: '2026-09', fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    expect(refused).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/countersigned/) });
  });
});

describe('the inbox refuses, each with its reason', () => {
  let managerFile: Buffer;
  const add = async (name: string, data: Buffer) => (await call(apps.hr, 'inbox.add', { files: [upload(name, data)] }))[0]!;

  beforeAll(() => {
    managerFile = Buffer.from(exported.dataBase64, 'base64');
  });

  it('a flipped byte in a signed range', async () => {
    const pdf = Buffer.from(fullySigned.dataBase64, 'base64');
    const at = pdf.indexOf('/Producer');
    pdf[at + 2] = pdf[at + 2]! ^ 0x20;
    expect((await add('flipped.pdf', pdf)).verdict.failure).toMatchObject({ check: 'cms', message: expect.stringMatching(/modified/) });
  });

  it('an appended unsigned revision that changes the page or replaces the JSON', async () => {
    const pdf = Buffer.from(fullySigned.dataBase64, 'base64');
    const embedded = Number(/(\d+) 0 obj\s*<<\s*\/Type \/EmbeddedFile/.exec(pdf.toString('latin1'))![1]);
    const forged = appendRevision(pdf, embedded, '<< /Type /EmbeddedFile /Length 2 >>\nstream\n{}\nendstream');
    expect((await add('forged-json.pdf', forged)).verdict.failure).toMatchObject({ check: 'coverage' });
    const page = Number(/\/Type \/Page\s*\/Parent[^>]*?\/Contents (\d+) 0 R/.exec(pdf.toString('latin1'))![1]);
    const paint = 'BT /F1 24 Tf 72 720 Td (All: 100) Tj ET';
    const repainted = appendRevision(pdf, page, `<< /Length ${paint.length} >>\nstream\n${paint}\nendstream`);
    expect((await add('forged-page.pdf', repainted)).verdict.failure).toMatchObject({ check: 'coverage' });
  });

  it("a signature by an untrusted certificate carrying a trusted signer's name", async () => {
    const impostor = await openIdentity((await createIdentity({ name: '李娜', role: 'planning' }, 'x')).p12, 'x');
    const pdf = await signPdf(managerFile, impostor, { reason: 'approval: planning' });
    expect((await add('impostor.pdf', pdf)).verdict.failure).toMatchObject({ check: 'trust', message: expect.stringMatching(/"李娜".*not from a trusted certificate/) });
  });

  it('the right signers in the wrong order', async () => {
    const vp = await openStoredIdentity(apps.vp.db, apps.vp.identity.fingerprint, PASS.vp);
    const pdf = await signPdf(managerFile, vp, { reason: 'approval: vp' });
    expect((await add('order.pdf', pdf)).verdict.failure).toMatchObject({ check: 'signer-order', message: expect.stringMatching(/step 2 is planning/) });
    // A salesperson's sheet signed first by sales planning fits neither chain.
    const planning = await openStoredIdentity(apps.planning.db, apps.planning.identity.fingerprint, PASS.planning);
    const record = await call(apps.manager, 'sheets.get', { personId: exported.personId, period: '2026-09' });
    const unsigned = await renderSheetPdf(record, { language: 'en' });
    const byPlanning = await signPdf(unsigned, planning);
    expect((await add('planning-first.pdf', byPlanning)).verdict.failure).toMatchObject({ check: 'signer-order', message: expect.stringMatching(/step 1 is manager/) });
    // A regional manager's own sheet signed by a regional manager.
    const rmId = monthRows(apps.manager, '2026-09').find((r) => r.role === 'regional-manager')!.personId;
    const rmRecord = await call(apps.manager, 'sheets.get', { personId: rmId, period: '2026-09' });
    const manager = await openStoredIdentity(apps.manager.db, apps.manager.identity.fingerprint, PASS.manager);
    const ownByManager = await signPdf(await renderSheetPdf(rmRecord, { language: 'en' }), manager);
    expect((await add('own-sheet.pdf', ownByManager)).verdict.failure).toMatchObject({ check: 'signer-order', message: expect.stringMatching(/regional manager's own sheet is scored by sales planning/) });
  }, 30_000);

  it('a JSON whose numbers do not match its input (signed by the trusted manager all the same)', async () => {
    const manager = await openStoredIdentity(apps.manager.db, apps.manager.identity.fingerprint, PASS.manager);
    const record = await call(apps.manager, 'sheets.get', { personId: exported.personId, period: '2026-09' });
    const cooked = { ...record, result: { ...record.result, monthlyScore: record.result.monthlyScore + 5 } };
    const pdf = await signPdf(await renderSheetPdf(cooked, { language: 'zh' }), manager);
    const entry = await add('cooked.pdf', pdf);
    expect(entry.verdict.failure).toMatchObject({ check: 'data-check', message: expect.stringMatching(/output\.monthlyScore: the file says [\d.]+, recomputed [\d.]+/) });
    const [imported] = await call(apps.hr, 'hr.import', { files: [upload('cooked.pdf', pdf)] });
    expect(imported).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/^data-check: /) });
    // A rubric edited inside the file (its hash no longer its content's).
    const rubric = { ...record.rubric, title: { ...record.rubric.title, zh: '销售员考核（改）' } };
    const edited = await signPdf(await renderSheetPdf({ ...record, rubric }, { language: 'zh' }), manager);
    expect((await add('rubric.pdf', edited)).verdict.failure).toMatchObject({ check: 'data-check', message: expect.stringMatching(/hash/) });
  }, 30_000);

  it('a truncated file, a non-PDF, an unsigned PDF', async () => {
    const pdf = Buffer.from(fullySigned.dataBase64, 'base64');
    expect((await add('truncated.pdf', pdf.subarray(0, pdf.length - 300))).verdict.failure).toMatchObject({ check: 'pdf-format' });
    expect((await add('notes.pdf', Buffer.from('工号,姓名\nS-1,王磊\n'))).verdict.failure).toMatchObject({ check: 'pdf-format' });
    const record = await call(apps.manager, 'sheets.get', { personId: exported.personId, period: '2026-09' });
    expect((await add('unsigned.pdf', await renderSheetPdf(record, { language: 'zh' }))).verdict.failure).toMatchObject({ check: 'signature-present' });
    // HR's import refuses them with the verifier's reason, and records nothing.
    const before = apps.hr.db.prepare('SELECT count(*) AS n FROM sheets').get();
    const outcomes = await call(apps.hr, 'hr.import', { files: [upload('truncated.pdf', pdf.subarray(0, pdf.length - 300)), upload('x.pdf', Buffer.from('x'))] });
    expect(outcomes.map((o) => [o.outcome, o.message.split(':')[0]])).toEqual([['refused', 'pdf-format'], ['refused', 'pdf-format']]);
    expect(apps.hr.db.prepare('SELECT count(*) AS n FROM sheets').get()).toEqual(before);
  });
});
