/**
 * People a signed sheet is about and signed by (docs/trust.md): HR's roster is the authority at
 * import, the manager step is the region's manager, a regional manager exports only their region,
 * one person signs one step. Each attack is made as a dishonest signer holding a trusted key would
 * make it: the app's own renderer (renderSheetPdf, which embeds scoresheet.json) and signer
 * (signPdf) with trusted identities; the honest later steps sign what they are given. Four apps
 * with real SQLite files; HR's database holds the organisation's roster.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../electron/db/database.ts';
import { renderSheetPdf } from '../../electron/pdf/render.ts';
import { openStoredIdentity } from '../../electron/services/identities.ts';
import { checkAgainstRoster } from '../../electron/services/roster-trust.ts';
import { scoresheetJson } from '../../shared/score-file.ts';
import { ServiceError } from '../../electron/services/errors.ts';
import { createIdentity, readCertificate, signPdf } from '../../electron/signing/index.ts';
import { samePerson } from '../../electron/signing/same-person.ts';
import type { ChainRole, HrImportOutcome, IdentityInfo, SheetRecord } from '../../shared/api/types.ts';
import { fingerprintCode } from '../../shared/fingerprint.ts';
import { callApp, type ChainApp, failApp, MANAGER_NO, PASS, setUpChainApps, tearDownChainApps, upload } from '../helpers/chain-apps.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PERIOD = '2026-09';

type App = ChainApp;

let root: string;
const apps = {} as Record<ChainRole, App>;
const call = callApp;
const fail = failApp;

function person(employeeNo: string): { id: number; name: string; role: string; region: string } {
  return apps.manager.db
    .prepare('SELECT p.id, p.name, p.role, r.code AS region FROM people p LEFT JOIN regions r ON r.id = p.region_id WHERE p.employee_no = ?')
    .get(employeeNo) as { id: number; name: string; role: string; region: string };
}

async function record(app: App, employeeNo: string): Promise<SheetRecord> {
  const id = (app.db.prepare('SELECT id FROM people WHERE employee_no = ?').get(employeeNo) as { id: number }).id;
  return call(app, 'sheets.get', { personId: id, period: PERIOD });
}

/** The record with another person on it, in the data and in the scored input alike (as a forger makes it hold together). */
function relabel(rec: SheetRecord, who: { employeeNo: string; name: string }): SheetRecord {
  return { ...rec, person: { ...rec.person, ...who }, input: { ...rec.input, person: { ...rec.input.person, id: who.employeeNo, name: who.name } } } as SheetRecord;
}

const REGIONS: Record<string, string> = { EAST: '华东区', SOUTH: '华南区', NORTH: '华北区' };

/** A sheet rendered by the app's renderer (scoresheet.json embedded) and signed first by `first`, then by each later step in turn. */
async function chainSigned(rec: SheetRecord, regionCode: string, signers: { app: App; identity?: IdentityInfo; pass?: string }[]): Promise<Buffer> {
  const exportedAt = new Date().toISOString();
  const first = signers[0]!;
  let pdf = await renderSheetPdf(rec, {
    language: 'zh',
    region: { code: regionCode, name: REGIONS[regionCode] ?? regionCode },
    regionName: REGIONS[regionCode],
    exportedAt,
    chain: [{ role: first.app.role, name: (first.identity ?? first.app.identity).name, at: exportedAt }],
  });
  for (const s of signers) {
    const id = s.identity ?? s.app.identity;
    const opened = await openStoredIdentity(s.app.db, id.fingerprint, s.pass ?? PASS[s.app.role]);
    pdf = await signPdf(pdf, opened, { reason: `approval: ${s.app.role}` });
  }
  return pdf;
}

/** What HR's database holds, to show a refused import wrote nothing. */
function hrState() {
  const db = apps.hr.db;
  return {
    people: db.prepare('SELECT * FROM people ORDER BY id').all(),
    regions: db.prepare('SELECT * FROM regions ORDER BY id').all(),
    sheets: db.prepare('SELECT * FROM sheets ORDER BY id').all(),
    files: db.prepare('SELECT sha256, state FROM sheet_files ORDER BY sha256').all(),
  };
}

async function hrImportRefused(pdf: Buffer): Promise<HrImportOutcome> {
  const before = hrState();
  const [outcome] = await call(apps.hr, 'hr.import', { files: [upload('forged.pdf', pdf)] });
  expect(outcome!.outcome).toBe('refused');
  expect(hrState()).toEqual(before);
  return outcome!;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'people-trust-'));
  await setUpChainApps(apps, root, TODAY);
}, 60_000);

afterAll(() => tearDownChainApps(apps, root));

describe('identities bound to people', () => {
  it('a certificate carries the employee number in its extension and as the subject’s serialNumber (its own RDN); trusted signers keep it', () => {
    const der = apps.hr.db.prepare('SELECT certificate, employee_no FROM trusted_signers WHERE fingerprint = ?').get(apps.manager.identity.fingerprint) as { certificate: Buffer; employee_no: string };
    expect(der.employee_no).toBe(MANAGER_NO);
    expect(readCertificate(der.certificate)).toMatchObject({ name: '王磊', role: 'manager', employeeNo: MANAGER_NO });
    const file = join(root, 'manager.cer');
    writeFileSync(file, der.certificate);
    const subject = spawnSync('openssl', ['x509', '-inform', 'DER', '-in', file, '-noout', '-subject', '-nameopt', 'RFC2253,utf8'], { encoding: 'utf8' });
    expect(subject.status, subject.stderr).toBe(0);
    // Separate RDNs are joined by ","; a multi-valued RDN would show "+".
    expect(subject.stdout).toMatch(/serialNumber=M-201/);
    expect(subject.stdout).not.toContain('+');
    expect(apps.manager.identity.employeeNo).toBe(MANAGER_NO);
    expect(apps.vp.identity.employeeNo).toBeNull();
  });

  it('a manager’s identity needs the employee number; the other steps may leave it out', async () => {
    const refused = await fail(apps.manager, 'identities.create', { name: '王磊', role: 'manager', passphrase: 'another pass' });
    expect(refused).toMatchObject({ kind: 'input', problems: [{ field: 'employeeNo', rule: { code: 'required' } }] });
    expect((await fail(apps.manager, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M 201', passphrase: 'x' })).problems).toMatchObject([{ field: 'employeeNo' }]);
  });

  it('the phone code is the fingerprint’s first 16 hex digits in groups of four', () => {
    const fp = apps.vp.identity.fingerprint;
    expect(fingerprintCode(fp)).toBe(fp.replace(/:/g, '').slice(0, 16).match(/.{4}/g)!.join(' '));
    expect(fingerprintCode(fp)).toMatch(/^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/);
  });
});

describe('HR’s roster is the authority at import', () => {
  /** A SOUTH salesperson's genuine sheet, as the SOUTH manager scored it. */
  const southSeller = 'S-201';

  it('an unknown employee number is refused (not-in-roster), nothing written', async () => {
    const rec = await record(apps.manager, southSeller);
    const forged = relabel(rec, { employeeNo: 'S-999', name: '赵六' });
    const pdf = await chainSigned(forged, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toEqual({ code: 'not-in-roster', employeeNo: 'S-999', name: '赵六' });
  }, 30_000);

  it('a real employee number with another name is refused naming the name on each side', async () => {
    const rec = await record(apps.manager, southSeller);
    const pdf = await chainSigned(relabel(rec, { employeeNo: southSeller, name: '假名' }), 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toEqual({ code: 'roster-differs', employeeNo: southSeller, name: '假名', differences: { name: { sheet: '假名', roster: person(southSeller).name } } });
  }, 30_000);

  it('a person filed under another region than the roster’s is refused naming both regions', async () => {
    // The SOUTH manager files a SOUTH salesperson's sheet under EAST (the manager step is checked against the roster's region, SOUTH).
    const south = person('S-209');
    expect(south.region).toBe('SOUTH');
    const rec = await record(apps.manager, 'S-209');
    const pdf = await chainSigned(rec, 'EAST', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toEqual({ code: 'roster-differs', employeeNo: 'S-209', name: south.name, differences: { region: { sheet: 'EAST', roster: 'SOUTH' } } });
  }, 30_000);

  it('a salesperson’s sheet relabelled as a regional manager’s (skipping the manager) is refused naming the role', async () => {
    // Sales planning takes a regional manager's sheet and puts a salesperson's number and name on it: planning → VP → HR.
    const rm = await record(apps.planning, 'M-101');
    const seller = person('S-101');
    const relabelled = relabel(rm, { employeeNo: 'S-101', name: seller.name });
    const pdf = await chainSigned(relabelled, 'EAST', [{ app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toEqual({ code: 'roster-differs', employeeNo: 'S-101', name: seller.name, differences: { role: { sheet: 'regional-manager', roster: 'salesperson' } } });
  }, 30_000);

  it('a month the person is not assessed in is refused (not-assessed); a month after the current one (month-in-future)', async () => {
    const rec = await record(apps.manager, 'S-202');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const id = (apps.hr.db.prepare("SELECT id FROM people WHERE employee_no = 'S-202'").get() as { id: number }).id;
    apps.hr.db.prepare("UPDATE people SET active_to = '2026-08' WHERE id = ?").run(id); // left in August, in HR's roster
    try {
      const outcome = await hrImportRefused(pdf);
      expect(outcome.refusal).toMatchObject({ code: 'not-assessed', employeeNo: 'S-202', period: PERIOD, activeTo: '2026-08' });
    } finally {
      apps.hr.db.prepare('UPDATE people SET active_to = NULL WHERE id = ?').run(id);
    }
    // The month check, by HR's clock: the same data read a month earlier is a future month.
    const data = scoresheetJson(rec, [], new Date().toISOString(), { code: 'SOUTH', name: '华南区' });
    let refusal: unknown;
    try {
      checkAgainstRoster(apps.hr.db, data, new Date(2026, 7, 20));
    } catch (err) {
      refusal = (err as ServiceError).refusal;
    }
    expect(refusal).toEqual({ code: 'month-in-future', period: PERIOD, current: '2026-08' });
    expect(checkAgainstRoster(apps.hr.db, data, new Date(2026, 8, 1))).toBe(id);
  }, 30_000);
});

describe('the manager step is the region’s manager', () => {
  it('a sheet of another region signed by this manager is refused in the reviewer’s inbox and at HR’s import (manager-not-of-region)', async () => {
    // The SOUTH manager signs an EAST salesperson's genuine sheet, filed under EAST.
    const rec = await record(apps.manager, 'S-102');
    const managerOnly = await chainSigned(rec, 'EAST', [{ app: apps.manager }]);
    const [entry] = await call(apps.planning, 'inbox.add', { files: [upload('east.pdf', managerOnly)] });
    expect(entry!.verdict).toMatchObject({ ok: false, failure: { check: 'trust', reason: { code: 'manager-not-of-region', signature: 1, name: '王磊', employeeNo: MANAGER_NO, region: 'EAST' } } });
    const pdf = await chainSigned(rec, 'EAST', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'trust', reason: { code: 'manager-not-of-region', employeeNo: MANAGER_NO, region: 'EAST' } } });
  }, 30_000);

  it('an EAST person’s sheet filed under SOUTH by the SOUTH manager is refused: the roster’s region of the person counts, not the sheet’s', async () => {
    const east = person('S-104');
    expect(east.region).toBe('EAST');
    const rec = await record(apps.manager, 'S-104');
    const managerOnly = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }]);
    const [entry] = await call(apps.planning, 'inbox.add', { files: [upload('south.pdf', managerOnly)] });
    expect(entry!.verdict).toMatchObject({ ok: false, failure: { check: 'trust', reason: { code: 'manager-not-of-region', signature: 1, employeeNo: MANAGER_NO, region: 'EAST' } } });
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'trust', reason: { code: 'manager-not-of-region', employeeNo: MANAGER_NO, region: 'EAST' } } });
  }, 30_000);

  it('a former regional manager (roster row ended before the sheet’s month) is no longer the region’s manager, nor exports', async () => {
    const rec = await record(apps.manager, 'S-208');
    const managerOnly = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }]);
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const ended = (db: Db, to: string | null) => db.prepare('UPDATE people SET active_to = ? WHERE employee_no = ?').run(to, MANAGER_NO);
    for (const app of [apps.planning, apps.hr, apps.manager]) ended(app.db, '2026-08'); // left in August; the sheet is September's
    try {
      const [entry] = await call(apps.planning, 'inbox.add', { files: [upload('former.pdf', managerOnly)] });
      expect(entry!.verdict).toMatchObject({ ok: false, failure: { check: 'trust', reason: { code: 'manager-not-of-region', employeeNo: MANAGER_NO, region: 'SOUTH' } } });
      const outcome = await hrImportRefused(pdf);
      expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'trust', reason: { code: 'manager-not-of-region', employeeNo: MANAGER_NO, region: 'SOUTH' } } });
      // Export: a regional manager in the current month only.
      const input = { fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' as const };
      const refused = await fail(apps.manager, 'sheets.exportMonth', { ...input, period: '2026-08' });
      expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'signer-not-regional-manager', employeeNo: MANAGER_NO } });
    } finally {
      for (const app of [apps.planning, apps.hr, apps.manager]) ended(app.db, null);
    }
    // Still the manager in September's roster: the same files pass.
    const [entry] = await call(apps.planning, 'inbox.add', { files: [upload('former-again.pdf', await chainSigned(rec, 'SOUTH', [{ app: apps.manager }]))] });
    expect(entry!.verdict).toEqual({ ok: true, failure: null });
  }, 60_000);
});

describe('one person, one step', () => {
  it('two trusted identities with one employee number on two steps are refused by the verifier (same-person)', async () => {
    // The SOUTH manager also holds a VP identity (same employee number) that HR trusts.
    const second = await createIdentity({ name: '王磊', role: 'vp', employeeNo: MANAGER_NO }, 'second');
    const vp2 = await call(apps.vp, 'identities.import', { fileName: 'w.p12', dataBase64: second.p12.toString('base64'), passphrase: 'second' });
    await call(apps.hr, 'trust.add', upload('w.cer', second.certificate));
    const rec = await record(apps.manager, 'S-203');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp, identity: vp2, pass: 'second' }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'signer-duplicate', reason: { code: 'same-person', first: 1, second: 3, employeeNo: MANAGER_NO } } });
    // Signing refuses up front: the VP app will not sign with that identity a file its holder already signed.
    const twoSteps = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }]);
    const [entry] = await call(apps.vp, 'inbox.add', { files: [upload('two.pdf', twoSteps)] });
    expect(entry!.verdict.ok).toBe(true);
    const refused = await fail(apps.vp, 'inbox.approve', { sha256: entry!.sha256, fingerprint: vp2.fingerprint, passphrase: 'second' });
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'same-person-signed', name: '王磊', step: 'manager' } });
  }, 60_000);

  it('without employee numbers, the same name and e-mail are one person', async () => {
    // Sales planning's 李娜 (no number, no e-mail) with a second, VP identity of the same name.
    const second = await createIdentity({ name: '李娜', role: 'vp' }, 'li');
    const vp2 = await call(apps.vp, 'identities.import', { fileName: 'l.p12', dataBase64: second.p12.toString('base64'), passphrase: 'li' });
    await call(apps.hr, 'trust.add', upload('l.cer', second.certificate));
    const rec = await record(apps.manager, 'S-204');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp, identity: vp2, pass: 'li' }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'signer-duplicate', reason: { code: 'same-person', name: '李娜', first: 2, second: 3, employeeNo: null } } });
  }, 60_000);
});

describe('one person, one step: names as people write them', () => {
  it('the same name with a full-width space (or a zero-width character) is one person (same-person)', async () => {
    // Sales planning's 李娜 with a second, VP identity named 李, U+3000 (a full-width space), 娜 that HR trusts.
    const second = await createIdentity({ name: '李\u3000娜', role: 'vp' }, 'li-wide');
    const vp2 = await call(apps.vp, 'identities.import', { fileName: 'lw.p12', dataBase64: second.p12.toString('base64'), passphrase: 'li-wide' });
    await call(apps.hr, 'trust.add', upload('lw.cer', second.certificate));
    const rec = await record(apps.manager, 'S-206');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp, identity: vp2, pass: 'li-wide' }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'signer-duplicate', reason: { code: 'same-person', first: 2, second: 3, employeeNo: null } } });
    expect(samePerson({ name: '李娜', email: null, employeeNo: null }, { name: '李\u200B娜 ', email: null, employeeNo: null })).toBe('name');
    expect(samePerson({ name: '李娜', email: null, employeeNo: null }, { name: '李\uFEFF娜', email: null, employeeNo: null })).toBe('name');
  }, 60_000);

  it('an e-mail on one side only does not make two people: compared by name (same-person)', async () => {
    const second = await createIdentity({ name: '李娜', role: 'vp', email: 'li.na@example.com' }, 'li-mail');
    const vp2 = await call(apps.vp, 'identities.import', { fileName: 'lm.p12', dataBase64: second.p12.toString('base64'), passphrase: 'li-mail' });
    await call(apps.hr, 'trust.add', upload('lm.cer', second.certificate));
    const rec = await record(apps.manager, 'S-207');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp, identity: vp2, pass: 'li-mail' }, { app: apps.hr }]);
    const outcome = await hrImportRefused(pdf);
    expect(outcome.refusal).toMatchObject({ code: 'file-not-verified', failure: { check: 'signer-duplicate', reason: { code: 'same-person', name: '李娜', first: 2, second: 3 } } });
    // Both with an e-mail: two addresses are two people of one name; employee numbers on both sides decide alone, in any case.
    expect(samePerson({ name: '李娜', email: 'a@example.com', employeeNo: null }, { name: '李娜', email: 'b@example.com', employeeNo: null })).toBeNull();
    expect(samePerson({ name: '李娜', email: 'A@example.com', employeeNo: null }, { name: '李娜', email: 'a@example.com', employeeNo: null })).toBe('name-email');
    expect(samePerson({ name: '王磊', email: null, employeeNo: 'm-201' }, { name: 'x', email: 'x@example.com', employeeNo: 'M-201' })).toBe('employee-no');
    expect(samePerson({ name: '王磊', email: null, employeeNo: 'M-201' }, { name: '王磊', email: null, employeeNo: 'M-202' })).toBeNull();
  }, 60_000);
});

describe('a regional manager exports only their own region', () => {
  it('the month export of another region and one sheet of another region are refused (export-other-region); their own region exports', async () => {
    const m = apps.manager;
    const regions = await call(m, 'regions.list', {});
    const east = regions.find((r) => r.code === 'EAST')!;
    const input = { fingerprint: m.identity.fingerprint, passphrase: PASS.manager, language: 'zh' as const };
    const other = await fail(m, 'sheets.exportMonth', { ...input, period: '2026-08', regionId: east.id });
    expect(other).toMatchObject({ kind: 'conflict', refusal: { code: 'export-other-region', region: 'EAST', own: 'SOUTH', name: null } });
    const eastSeller = person('S-103');
    const one = await fail(m, 'sheets.export', { ...input, personId: eastSeller.id, period: PERIOD });
    expect(one).toMatchObject({ kind: 'conflict', refusal: { code: 'export-other-region', region: 'EAST', own: 'SOUTH', name: eastSeller.name } });
    expect(m.db.prepare("SELECT count(*) AS n FROM sheet_files WHERE kind = 'export'").get()).toEqual({ n: 0 });
    // Without a region: the manager's own region only.
    const { jobId, total } = await call(m, 'sheets.exportMonth', { ...input, period: '2026-08' });
    expect(total).toBe(12);
    let job = await call(m, 'jobs.get', { jobId });
    while (!job.finished) {
      await new Promise((r) => setTimeout(r, 50));
      job = await call(m, 'jobs.get', { jobId });
    }
    expect(job.failures).toEqual([]);
    expect(job.files.every((f) => person(f.employeeNo).region === 'SOUTH')).toBe(true);
  }, 60_000);
});

describe('a genuine chain', () => {
  it('the region’s manager → planning → VP → HR: verified in each inbox and imported by HR', async () => {
    const rec = await record(apps.manager, 'S-205');
    const pdf = await chainSigned(rec, 'SOUTH', [{ app: apps.manager }, { app: apps.planning }, { app: apps.vp }, { app: apps.hr }]);
    const [entry] = await call(apps.planning, 'inbox.add', { files: [upload('genuine.pdf', pdf)] });
    expect(entry!.verdict).toEqual({ ok: true, failure: null });
    const [outcome] = await call(apps.hr, 'hr.import', { files: [upload('genuine.pdf', pdf)] });
    expect(outcome).toMatchObject({ outcome: 'imported', employeeNo: 'S-205', period: PERIOD });
  }, 30_000);
});
