/**
 * Amendments (docs/trust.md, "Amendments"), on real files with four apps (the SOUTH regional
 * manager, sales planning, the VP, HR with the organisation's roster): a signed sheet changes only
 * by a numbered amendment with a reason; its file says so; the reviewers' inboxes show it and the
 * version it supersedes can no longer be approved; HR replaces an imported sheet only by a
 * declared amendment of exactly that version and keeps every version, its pay report and pay files
 * saying which score came from an amendment. The refused files are made
 * with the app's own renderer and signer and trusted keys, as a dishonest signer would make them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSheetPdf } from '../../electron/pdf/render.ts';
import { openStoredIdentity } from '../../electron/services/identities.ts';
import { verifySheetPdf, trustedSigners } from '../../electron/services/sheet-verify.ts';
import { signPdf } from '../../electron/signing/index.ts';
import { amendmentChanges, type Amendment } from '../../shared/amendment.ts';
import type { ChainRole, ExportResult, SheetRecord, StoredFile } from '../../shared/api/types.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import { callApp, type ChainApp, failApp, NAMES, PASS, setUpChainApps, tearDownChainApps, upload } from '../helpers/chain-apps.ts';
import { parseCsv, xlsxRows } from '../helpers/report-files.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PERIOD = '2026-09';
const REASON = '复核发现车辆管理记录有误,依据退回意见更正';

type App = ChainApp;

let root: string;
const apps = {} as Record<ChainRole, App>;
const call = callApp;
const fail = failApp;
const bytesOf = (file: { dataBase64: string }) => Buffer.from(file.dataBase64, 'base64');

function personId(app: App, employeeNo: string): number {
  return (app.db.prepare('SELECT id FROM people WHERE employee_no = ?').get(employeeNo) as { id: number }).id;
}

async function sheet(app: App, employeeNo: string): Promise<SheetRecord> {
  return call(app, 'sheets.get', { personId: personId(app, employeeNo), period: PERIOD });
}

/** The manager's sheet of `employeeNo`, marked ready if it is not. */
async function ready(employeeNo: string): Promise<SheetRecord> {
  const rec = await sheet(apps.manager, employeeNo);
  if (rec.status !== 'ready') {
    const { items, absences, handIns } = rec.input;
    await call(apps.manager, 'sheets.save', { personId: rec.person.id, period: PERIOD, entry: { items, absences, handIns }, status: 'ready', expectedRevision: rec.revision });
  }
  return sheet(apps.manager, employeeNo);
}

async function exportSheet(employeeNo: string): Promise<ExportResult> {
  return call(apps.manager, 'sheets.export', { personId: personId(apps.manager, employeeNo), period: PERIOD, fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
}

/** The entry with `vehicle` flipped: a change a manager makes after signing. */
function changedEntry(rec: SheetRecord) {
  const items: Record<string, ItemInput> = { ...(rec.input.items ?? {}) };
  const violated = items.vehicle?.violated === true;
  items.vehicle = { violated: !violated };
  return { items, absences: rec.input.absences, handIns: rec.input.handIns };
}

async function amend(employeeNo: string, reason = REASON) {
  const rec = await sheet(apps.manager, employeeNo);
  return call(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), reason, expectedRevision: rec.revision });
}

/** Each reviewer in turn adds the file to their inbox and approves it; the fully signed file. */
async function throughChain(file: StoredFile | ExportResult, roles: ChainRole[] = ['planning', 'vp', 'hr']): Promise<StoredFile> {
  let current: { fileName: string; dataBase64: string } = file;
  let last: StoredFile | undefined;
  for (const role of roles) {
    const app = apps[role];
    const [entry] = await call(app, 'inbox.add', { files: [upload(current.fileName, bytesOf(current))] });
    expect(entry!.verdict, JSON.stringify(entry!.verdict)).toMatchObject({ ok: true });
    last = (await call(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.identity.fingerprint, passphrase: PASS[role] })).file;
    current = last;
  }
  return last!;
}

async function hrImport(file: StoredFile) {
  const [outcome] = await call(apps.hr, 'hr.import', { files: [upload(file.fileName, bytesOf(file))] });
  return outcome!;
}

/** What HR's database holds of sheets, to show a refused import wrote nothing. */
function hrState() {
  const db = apps.hr.db;
  return {
    sheets: db.prepare('SELECT * FROM sheets ORDER BY id').all(),
    versions: db.prepare('SELECT * FROM sheet_versions ORDER BY sheet_id, version').all(),
    imported: db.prepare("SELECT sha256 FROM sheet_files WHERE state = 'imported' ORDER BY sha256").all(),
  };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'amendments-'));
  await setUpChainApps(apps, root, TODAY);
  const south = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
  await call(apps.manager, 'user.set', { name: NAMES.manager, chainRole: 'manager', regionId: south });
  await call(apps.planning, 'user.set', { name: NAMES.planning, chainRole: 'planning', regionId: null });
}, 60_000);

afterAll(() => tearDownChainApps(apps, root));

describe('an amendment through the chain to HR', () => {
  const who = 'S-201';
  let v1: ExportResult;
  let v2: ExportResult;

  it('a signed sheet is not changed in place; sheets.amend makes version 2 with its reason, kept on the rubric version of the first signature, audited', async () => {
    const rec = await ready(who);
    v1 = await exportSheet(who);
    const signed = await sheet(apps.manager, who);
    expect(signed).toMatchObject({ status: 'signed', amendment: null });
    expect(signed.versions).toMatchObject([{ version: 1, sha256: v1.sha256, reason: null, amendsSha256: null, fileSha256: null }]);
    const refused = await fail(apps.manager, 'sheets.save', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), status: 'ready', expectedRevision: signed.revision });
    expect(refused.refusal).toMatchObject({ code: 'sheet-not-editable', status: 'signed' });

    // A reason is required (trimmed, 1–2000 characters); the revision read must be the stored one.
    expect((await fail(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), reason: '   ', expectedRevision: signed.revision })).problems).toMatchObject([{ field: 'reason' }]);
    expect((await fail(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), reason: 'x'.repeat(2001), expectedRevision: signed.revision })).kind).toBe('input');
    expect((await fail(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), reason: REASON, expectedRevision: signed.revision - 1 })).refusal).toMatchObject({ code: 'sheet-changed' });
    // Nothing changed: no amendment.
    const { items, absences, handIns } = signed.input;
    expect((await fail(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: { items, absences, handIns }, reason: REASON, expectedRevision: signed.revision })).refusal).toMatchObject({ code: 'amendment-unchanged' });

    const amended = await call(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(signed), reason: `  ${REASON}  `, expectedRevision: signed.revision });
    expect(amended).toMatchObject({ status: 'ready', amendment: { version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON } });
    expect(amended.changes.map((c) => c.item)).toContain('vehicle');
    const vehicle = amended.changes.find((c) => c.item === 'vehicle')!;
    expect(vehicle.before.value?.violated === true).toBe(!(vehicle.after.value?.violated === true));
    expect(amended.scores.before.monthlyScore).toBe(signed.result.monthlyScore);
    expect(amended.scores.after.monthlyScore).toBe(amended.monthlyScore);

    const now = await sheet(apps.manager, who);
    expect(now).toMatchObject({ status: 'ready', amendment: { version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON } });
    expect(`${now.rubric.id}@${now.rubric.version}`).toBe(`${signed.rubric.id}@${signed.rubric.version}`);
    // Not yet exported: no version 2 kept, and sheets.get says what the amendment changes (the editor's history shows it).
    expect(now.versions.map((x) => x.version)).toEqual([1]);
    expect(now.versions[0]!.changes).toBeNull();
    expect(now.amendment!.changes).toEqual({ changes: amended.changes, scores: amended.scores });
    const audit = apps.manager.db.prepare("SELECT before, after FROM audit_log WHERE action = 'sheet.amend'").all() as { before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ status: 'signed', version: 1, monthlyScore: signed.result.monthlyScore });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ status: 'ready', version: 2, reason: REASON, amends: { version: 1, sha256: v1.sha256 }, changes: amended.changes });
    // A ready amendment is amended with a save, not a second amendment.
    expect((await fail(apps.manager, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(now), reason: REASON, expectedRevision: now.revision })).refusal).toMatchObject({ code: 'not-amendable', status: 'ready' });
  }, 60_000);

  it('the export signs version 2: its data and its page say what it amends, why and what changed', async () => {
    v2 = await exportSheet(who);
    const v = await verifySheetPdf(bytesOf(v2), trustedSigners(apps.planning.db));
    expect(v.verdict.ok, JSON.stringify(v.verdict.failure)).toBe(true);
    const amendment = v.data!.amendment!;
    expect(amendment).toMatchObject({ version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON });
    const before = await verifySheetPdf(bytesOf(v1), trustedSigners(apps.planning.db));
    expect(amendment).toEqual({ version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON, ...amendmentChanges({ input: before.data!.input, result: before.data!.output }, { input: v.data!.input, result: v.data!.output }) });
    const rec = await sheet(apps.manager, who);
    expect(rec.status).toBe('signed');
    expect(rec.versions.map((x) => [x.version, x.sha256, x.reason])).toEqual([
      [1, v1.sha256, null],
      [2, v2.sha256, REASON],
    ]);
    // Each kept amendment says what changed from the version before it: what the file declared.
    expect(rec.versions[1]!.changes).toEqual({ changes: amendment.changes, scores: amendment.scores });
    expect(rec.amendment!.changes).toEqual(rec.versions[1]!.changes);
    // The page: pdftotext of the signed file.
    const { spawnSync } = await import('node:child_process');
    const text = spawnSync('pdftotext', ['-layout', v2.path, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('修订 第 2 版');
    expect(text).toContain('修订原因');
    expect(spawnSync('pdfinfo', [v2.path], { encoding: 'utf8' }).stdout).toMatch(/Pages:\s+1\n/); // still one page
    expect(text).toContain(REASON.slice(0, 8));
    expect(text).toContain(v1.sha256.slice(0, 16));
    // In English, the same section.
    const english = join(root, 'amendment-en.pdf');
    writeFileSync(english, await renderSheetPdf(rec, { language: 'en', exportedAt: new Date().toISOString(), amendment }));
    const en = spawnSync('pdftotext', ['-layout', english, '-'], { encoding: 'utf8' }).stdout;
    expect(en).toContain('Amendment, version 2');
    expect(en).toContain('amends version 1');
    expect(en).toContain('Reason:');
    expect(en).toContain('Changes:');
    expect(en).toMatch(/Monthly score \d+(\.\d+)? → \d+/);
  }, 60_000);

  it('planning, VP and HR approve version 1, HR imports it; then version 2: each inbox shows the amendment, HR replaces its sheet and keeps both versions with their files', async () => {
    const full1 = await throughChain(v1);
    expect(await hrImport(full1)).toMatchObject({ outcome: 'imported', version: 1 });

    let current: StoredFile | ExportResult = v2;
    for (const role of ['planning', 'vp', 'hr'] as ChainRole[]) {
      const app = apps[role];
      const [entry] = await call(app, 'inbox.add', { files: [upload(current.fileName, bytesOf(current))] });
      expect(entry).toMatchObject({ verdict: { ok: true }, amendment: { version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON }, superseded: null });
      expect(entry!.amendment!.changes.map((c) => c.item)).toContain('vehicle');
      // Linked to the version this reviewer approved (HR: the file it imported).
      expect(entry!.amendedEntry).toMatchObject({ state: role === 'hr' ? 'imported' : 'approved' });
      current = (await call(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.identity.fingerprint, passphrase: PASS[role] })).file;
    }
    const full2 = current as StoredFile;
    const outcome = await hrImport(full2);
    expect(outcome).toMatchObject({ outcome: 'replaced', version: 2 });
    const rec = await sheet(apps.hr, who);
    expect(rec).toMatchObject({ status: 'approved', amendment: { version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON } });
    expect(rec.versions.map((x) => [x.version, x.sha256, x.fileSha256, x.reason])).toEqual([
      [1, v1.sha256, full1.sha256, null],
      [2, v2.sha256, full2.sha256, REASON],
    ]);
    expect(rec.versions[1]!.changes!.changes.map((c) => c.item)).toContain('vehicle');
    expect(rec.versions[1]!.changes!.scores.after.monthlyScore).toBe(rec.result.monthlyScore);
    const manager = await sheet(apps.manager, who);
    expect(rec.result).toEqual(manager.result);
    // HR's pay report takes the newest approved version and says it is an amendment; a version 1 says nothing.
    const pay = await call(apps.hr, 'reports.pay', { period: PERIOD });
    const payRow = pay.rows.find((r) => r.personId === rec.person.id)!;
    expect(payRow).toMatchObject({ amendment: 2, monthlyScore: rec.result.monthlyScore });
    expect(pay.rows.filter((r) => r.personId !== rec.person.id).every((r) => r.amendment === undefined)).toBe(true);
    // So does the month grid's row, in HR's app and in the manager's.
    for (const app of [apps.hr, apps.manager]) {
      const month = await call(app, 'sheets.month', { period: PERIOD });
      expect(month.find((r) => r.personId === personId(app, who))!.amendment).toBe(2);
      expect(month.filter((r) => r.personId !== personId(app, who)).every((r) => r.amendment === undefined)).toBe(true);
    }
    // Both files kept, each imported.
    const files = apps.hr.db.prepare("SELECT sha256 FROM sheet_files WHERE state = 'imported' AND sheet_id = (SELECT id FROM sheets WHERE person_id = ? AND period = ?) ORDER BY handled_at").all(rec.person.id, PERIOD);
    expect(files).toEqual([{ sha256: full1.sha256 }, { sha256: full2.sha256 }]);
    const audit = apps.hr.db.prepare("SELECT after FROM audit_log WHERE action = 'sheet.import-amendment'").all() as { after: string }[];
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ version: 2, reason: REASON, amends: { version: 1, sha256: v1.sha256 } });
    // The same amendment again is one record.
    expect(await hrImport(full2)).toMatchObject({ outcome: 'already-imported' });
  }, 120_000);

  it('HR’s pay files (XLSX and CSV, both languages) say which score came from an amendment; a version 1 and a person without a sheet say nothing', async () => {
    const original = 'S-206';
    await ready(original);
    expect(await hrImport(await throughChain(await exportSheet(original)))).toMatchObject({ outcome: 'imported', version: 1 });
    const pay = await call(apps.hr, 'reports.pay', { period: PERIOD });
    const scoreOf = (employeeNo: string) => pay.rows.find((r) => r.employeeNo === employeeNo)!;
    expect(scoreOf(who)).toMatchObject({ amendment: 2, monthlyScore: expect.any(Number) });
    expect(scoreOf(original)).toMatchObject({ status: 'approved', monthlyScore: expect.any(Number) });
    expect(scoreOf(original).amendment).toBeUndefined();
    const cases = [
      ['zh', '得分来自修订', '修订 第 2 版'],
      ['en', 'Score from amendment', 'Amendment, version 2'],
    ] as const;
    for (const [language, header, words] of cases) {
      const xlsx = await xlsxRows(bytesOf(await call(apps.hr, 'reports.file', { report: 'pay', period: PERIOD, format: 'xlsx', language })));
      const csv = parseCsv(bytesOf(await call(apps.hr, 'reports.file', { report: 'pay', period: PERIOD, format: 'csv', language })).toString('utf8'));
      for (const [format, rows] of [['xlsx', xlsx], ['csv', csv]] as const) {
        const at = rows[0]!.indexOf(header);
        // The last column, after 待确认 (unconfirmed figures): where the row's figures came from.
        expect(at, `${language} ${format}`).toBe(rows[0]!.length - 1);
        // One line per person (then the totals line); only the amended person's says so.
        const cells = new Map(rows.slice(1, pay.rows.length + 1).map((r) => [r[0], r[at] ?? '']));
        expect(cells.size, `${language} ${format}`).toBe(pay.rows.length);
        expect(cells.get(who), `${language} ${format}`).toBe(words);
        expect(cells.get(original), `${language} ${format}`).toBe('');
        expect([...cells].filter(([, cell]) => cell !== ''), `${language} ${format}`).toEqual([[who, words]]);
      }
    }
  }, 120_000);
});

describe('a superseded version in an inbox', () => {
  it('is marked superseded once its amendment arrives, and can no longer be approved; the amendment can', async () => {
    const who = 'S-202';
    await ready(who);
    const v1 = await exportSheet(who);
    const [old] = await call(apps.planning, 'inbox.add', { files: [upload(v1.fileName, bytesOf(v1))] });
    expect(old).toMatchObject({ state: 'pending', superseded: null, amendment: null });
    const waiting = async () => (await call(apps.planning, 'inbox.overview', {})).reduce((n, r) => n + r.pendingAtStep, 0);
    const waitingBefore = await waiting();
    await amend(who);
    const v2 = await exportSheet(who);
    const [amendment] = await call(apps.planning, 'inbox.add', { files: [upload('S-202 amended.pdf', bytesOf(v2))] });
    // The overview counts the sheet once: the superseded version waits for nobody.
    expect(await waiting()).toBe(waitingBefore);
    expect(amendment).toMatchObject({ state: 'pending', superseded: null, amendment: { version: 2, amends: { sha256: v1.sha256 } }, amendedEntry: { sha256: old!.sha256, state: 'pending' } });

    const listed = await call(apps.planning, 'inbox.list', { state: 'pending' });
    expect(listed.find((e) => e.sha256 === old!.sha256)).toMatchObject({ state: 'pending', superseded: { sha256: amendment!.sha256, fileName: 'S-202 amended.pdf', version: 2 } });
    const refused = await fail(apps.planning, 'inbox.approve', { sha256: old!.sha256, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning });
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'superseded', fileName: v1.fileName, byFileName: 'S-202 amended.pdf', version: 2 } });
    expect((apps.planning.db.prepare('SELECT state FROM sheet_files WHERE sha256 = ?').get(old!.sha256) as { state: string }).state).toBe('pending');
    const approved = await call(apps.planning, 'inbox.approve', { sha256: amendment!.sha256, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning });
    expect(approved.entry).toMatchObject({ state: 'approved', amendment: { version: 2 } });
  }, 60_000);
});

describe('HR refuses anything else for an already-imported sheet, with its reason', () => {
  it('an undeclared newer export of an imported sheet (sheet-already-imported); an amendment of the version HR does not hold (amends-unknown-version)', async () => {
    const who = 'S-203';
    await ready(who);
    const v1 = await exportSheet(who);
    const imported = await throughChain(v1);
    expect(await hrImport(imported)).toMatchObject({ outcome: 'imported', version: 1 });

    // The manager exports the signed sheet again (it has seen no countersigned copy): a new file, no amendment.
    const again = await exportSheet(who);
    expect(again.sha256).not.toBe(v1.sha256);
    const undeclared = await throughChain(again);
    let before = hrState();
    const refused = await hrImport(undeclared);
    expect(refused).toMatchObject({ outcome: 'refused', refusal: { code: 'sheet-already-imported', fileName: imported.fileName, file: imported.sha256.slice(0, 12) } });
    expect(hrState()).toEqual(before);

    // The amendment names the manager's latest export (the one HR never had): not the version HR holds.
    const amended = await amend(who);
    expect(amended.amendment.amends).toEqual({ version: 1, sha256: again.sha256 });
    const v2 = await throughChain(await exportSheet(who));
    before = hrState();
    const unknown = await hrImport(v2);
    expect(unknown).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'amends-unknown-version', version: 1, file: again.sha256.slice(0, 12), held: { version: 1, file: v1.sha256.slice(0, 12) } },
    });
    expect(hrState()).toEqual(before);
  }, 180_000);

  it('an amendment of a sheet HR never imported is refused (amends-unknown-version, nothing held)', async () => {
    const who = 'S-204';
    await ready(who);
    await exportSheet(who); // version 1 goes nowhere
    await amend(who);
    const v2 = await throughChain(await exportSheet(who));
    const before = hrState();
    expect(await hrImport(v2)).toMatchObject({ outcome: 'refused', refusal: { code: 'amends-unknown-version', version: 1, held: null } });
    expect(hrState()).toEqual(before);
  }, 120_000);

  it('an amendment whose declared changes are not the real ones is refused (amendment-changes-differ)', async () => {
    const who = 'S-205';
    const rec = await ready(who);
    const v1 = await exportSheet(who);
    expect(await hrImport(await throughChain(v1))).toMatchObject({ outcome: 'imported' });
    // The manager's own renderer and key, with a change left out of the declared ones.
    const after = { ...rec, input: { ...rec.input, items: changedEntry(rec).items } } as SheetRecord;
    const { scoreSheet } = await import('../../shared/scoring/engine.ts');
    after.result = scoreSheet(after.input, rec.rubric);
    const real = amendmentChanges({ input: rec.input, result: rec.result }, { input: after.input, result: after.result });
    const hidden: Amendment = { version: 2, amends: { version: 1, sha256: v1.sha256 }, reason: REASON, ...real, scores: { ...real.scores, before: real.scores.after } };
    const forged = await chainSigned(after, hidden, [apps.manager, apps.planning, apps.vp, apps.hr]);
    const before = hrState();
    const [outcome] = await call(apps.hr, 'hr.import', { files: [upload('hidden.pdf', forged)] });
    expect(outcome).toMatchObject({ outcome: 'refused', refusal: { code: 'amendment-changes-differ', version: 2 } });
    expect(hrState()).toEqual(before);
  }, 120_000);

  it('an amendment by a later signer: sales planning cannot amend a salesperson’s sheet in its app, and a file it signs first is refused (amendment-not-by-first-step)', async () => {
    const who = 'S-201';
    const rec = await sheet(apps.planning, who);
    const refused = await fail(apps.planning, 'sheets.amend', { personId: rec.person.id, period: PERIOD, entry: changedEntry(rec), reason: REASON, expectedRevision: rec.revision });
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'amendment-not-by-first-step', first: 'manager', role: 'planning' } });

    // Sales planning makes version 3 of the sheet HR holds at version 2 and signs it first, then the VP and HR.
    const hrRec = await sheet(apps.hr, who);
    const v2 = hrRec.versions.at(-1)!;
    const changed = { ...hrRec, input: { ...hrRec.input, items: changedEntry(hrRec).items } } as SheetRecord;
    const { scoreSheet } = await import('../../shared/scoring/engine.ts');
    changed.result = scoreSheet(changed.input, hrRec.rubric);
    const diff = amendmentChanges({ input: hrRec.input, result: hrRec.result }, { input: changed.input, result: changed.result });
    const amendment: Amendment = { version: 3, amends: { version: 2, sha256: v2.sha256 }, reason: '销售计划部直接更正', ...diff };
    const forged = await chainSigned(changed, amendment, [apps.planning, apps.vp, apps.hr]);
    const before = hrState();
    const [outcome] = await call(apps.hr, 'hr.import', { files: [upload('by-planning.pdf', forged)] });
    expect(outcome).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'file-not-verified', failure: { check: 'signer-order', reason: { code: 'amendment-not-by-first-step', name: NAMES.planning, role: 'planning', first: 'manager' } } },
    });
    expect(hrState()).toEqual(before);
  }, 120_000);
});

/** A sheet rendered by the app's renderer with `amendment`, signed by each app's identity in turn (the first as the exporter). */
async function chainSigned(rec: SheetRecord, amendment: Amendment, signers: App[]): Promise<Buffer> {
  const exportedAt = new Date().toISOString();
  let pdf = await renderSheetPdf(rec, {
    language: 'zh',
    region: { code: 'SOUTH', name: '华南区' },
    regionName: '华南区',
    exportedAt,
    chain: [{ role: signers[0]!.role, name: signers[0]!.identity.name, at: exportedAt }],
    amendment,
  });
  for (const app of signers) {
    const opened = await openStoredIdentity(app.db, app.identity.fingerprint, PASS[app.role]);
    pdf = await signPdf(pdf, opened, { reason: `approval: ${app.role}` });
  }
  return pdf;
}
