/**
 * Reviewing at scale on real files with four apps (the SOUTH regional manager, sales planning, the
 * VP, HR): bulk approval at two steps with one passphrase, each entry signed or skipped with its
 * refusal; the stored verdict reused while the file and what it depended on are unchanged, and
 * the file verified again after a trust change; a bulk return with one reason; the signed files as
 * one zip; removing a refused entry; the overview per region and month; an identity unlocked for
 * the session and locked again after the idle time (an injected clock).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.ts';
import { createJob, finishJob } from '../../electron/services/jobs.ts';
import { IDLE_LOCK_MS, setUnlockClock } from '../../electron/services/session-unlock.ts';
import type { BulkOutcome, ChainRole, ExportResult, JobStatus } from '../../shared/api/types.ts';
import { call as callHandlers, fail as failHandlers } from '../helpers/call.ts';
import { callApp, type ChainApp, failApp, NAMES, PASS, setUpChainApps, tearDownChainApps, upload } from '../helpers/chain-apps.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PERIOD = '2026-09';

type App = ChainApp;
let root: string;
const apps = {} as Record<ChainRole, App>;
const call = callApp;
const fail = failApp;

let exported: ExportResult[] = [];
/** SOUTH's salespeople, whose sheets the manager exports. */
let team: string[] = [];

async function exportSheet(employeeNo: string): Promise<ExportResult> {
  const id = (apps.manager.db.prepare('SELECT id FROM people WHERE employee_no = ?').get(employeeNo) as { id: number }).id;
  const rec = await call(apps.manager, 'sheets.get', { personId: id, period: PERIOD });
  if (rec.status !== 'ready' && rec.status !== 'signed') {
    const { items, absences, handIns } = rec.input;
    await call(apps.manager, 'sheets.save', { personId: id, period: PERIOD, entry: { items, absences, handIns }, status: 'ready', expectedRevision: rec.revision });
  }
  return call(apps.manager, 'sheets.export', { personId: id, period: PERIOD, fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
}

async function finished(app: App, jobId: string): Promise<JobStatus> {
  for (;;) {
    const job = await call(app, 'jobs.get', { jobId });
    if (job.finished) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const byFile = (outcomes: BulkOutcome[] | undefined) => Object.fromEntries((outcomes ?? []).map((o) => [o.fileName, o]));

/** pdfsig's count of valid signatures in a file. */
function validSignatures(path: string): number {
  const r = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return (r.stdout.match(/Signature is Valid/g) ?? []).length;
}

function zipNames(dataBase64: string): string[] {
  const path = join(root, `zip-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(path, Buffer.from(dataBase64, 'base64'));
  const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
  expect(test.status, test.stdout + test.stderr).toBe(0);
  return spawnSync('zipinfo', ['-1', path], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bulk-approval-'));
  await setUpChainApps(apps, root, TODAY);
  const south = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
  await call(apps.manager, 'user.set', { name: NAMES.manager, chainRole: 'manager', regionId: south });
  await call(apps.planning, 'user.set', { name: NAMES.planning, chainRole: 'planning', regionId: null });
  await call(apps.vp, 'user.set', { name: NAMES.vp, chainRole: 'vp', regionId: null });
  team = (
    apps.manager.db.prepare("SELECT p.employee_no FROM people p JOIN regions r ON r.id = p.region_id WHERE r.code = 'SOUTH' AND p.role = 'salesperson' ORDER BY p.employee_no LIMIT 6").all() as {
      employee_no: string;
    }[]
  ).map((r) => r.employee_no);
  expect(team).toHaveLength(6);
  exported = [];
  for (const no of team) exported.push(await exportSheet(no));
}, 120_000);

afterAll(() => tearDownChainApps(apps, root));
afterEach(() => setUnlockClock());

describe('bulk approval at two steps', () => {
  let planningFiles: { fileName: string; path: string; sha256: string }[] = [];
  let planningJob = '';

  it('sales planning approves a region’s month in one call: each signed, one skipped as already approved, a refused file skipped with its reason', async () => {
    const [first, ...rest] = exported.slice(0, 5);
    // A refused file: a sheet whose bytes were changed after signing.
    const tampered = Buffer.from(exported[5]!.dataBase64, 'base64');
    const at = Math.floor(tampered.length / 3);
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    const added = await call(apps.planning, 'inbox.add', {
      files: [...exported.slice(0, 5).map((f) => upload(f.fileName, Buffer.from(f.dataBase64, 'base64'))), upload('tampered.pdf', tampered)],
    });
    expect(added.map((e) => e.verdict.ok)).toEqual([true, true, true, true, true, false]);
    // One approved on its own first: the bulk call skips it.
    await call(apps.planning, 'inbox.approve', { sha256: added[0]!.sha256, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning });

    // A wrong passphrase starts nothing.
    const wrong = await fail(apps.planning, 'inbox.approveMany', { sha256: added.map((e) => e.sha256), fingerprint: apps.planning.identity.fingerprint, passphrase: 'wrong' });
    expect(wrong.problems?.[0]?.field).toBe('passphrase');
    expect(apps.planning.db.prepare("SELECT count(*) AS n FROM sheet_files WHERE kind = 'received' AND state = 'approved'").get()).toEqual({ n: 1 });

    const started = await call(apps.planning, 'inbox.approveMany', { sha256: added.map((e) => e.sha256), fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning, comment: '已核对' });
    expect(started.total).toBe(6);
    const job = await finished(apps.planning, started.jobId);
    expect(job).toMatchObject({ kind: 'approve-many', done: 6, total: 6 });
    const out = byFile(job.outcomes);
    expect(out[first!.fileName]).toMatchObject({ outcome: 'skipped', refusal: { code: 'file-handled', state: 'approved' } });
    expect(out['tampered.pdf']).toMatchObject({ outcome: 'skipped', reused: true, refusal: { code: 'file-not-verified' } });
    for (const f of rest) {
      // The stored verdict (nothing changed since the files came in) is the check before signing.
      expect(out[f.fileName], f.fileName).toMatchObject({ outcome: 'signed', reused: true, refusal: null, nextStep: 'vp', complete: false });
      const signed = out[f.fileName]!.file!;
      expect(readFileSync(signed.path).subarray(0, f.dataBase64.length)).toBeTruthy();
      expect(validSignatures(signed.path), signed.path).toBe(2);
    }
    planningFiles = rest.map((f) => out[f.fileName]!.file!);
    // The new files carry the comment; each entry is approved; one audit entry names the job.
    expect(apps.planning.db.prepare("SELECT count(*) AS n FROM sheet_files WHERE kind = 'received' AND state = 'approved'").get()).toEqual({ n: 5 });
    const audit = await call(apps.planning, 'audit.list', { limit: 50 });
    expect(audit.find((a) => a.action === 'inbox.approveMany')).toBeTruthy();

    // The signed files as one zip.
    const zip = await call(apps.planning, 'inbox.bulkFiles', { jobId: started.jobId });
    expect(zip.fileName).toMatch(/^approved-\d{4}-\d{2}-\d{2}-4\.zip$/);
    expect(zipNames(zip.dataBase64)).toEqual(planningFiles.map((f) => f.fileName).sort());
    planningJob = started.jobId;

    // Nothing left pending at the step: "all pending" is refused with its reason.
    expect((await fail(apps.planning, 'inbox.approveMany', { pending: { period: PERIOD }, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning })).refusal).toEqual({
      code: 'nothing-pending',
      role: 'planning',
    });
  }, 90_000);

  it('the desktop saves the signed files into the folder chosen in its dialog, never replacing a file of the user’s; browser mode has no folder', async () => {
    expect(planningJob).not.toBe('');
    const folder = join(root, 'chosen');
    const titles: string[] = [];
    let answer: string | null = folder;
    // The desktop's handlers: the same services, with the native dialog (here: what the user picks).
    const desktop = createHandlers(apps.planning.db, { dbPath: join(apps.planning.dir, 'scorecard.db'), appVersion: 'test', chooseFolder: async (title) => (titles.push(title), answer) });
    expect((await callHandlers(desktop, 'app.info', {})).folderChooser).toBe(true);
    expect((await callApp(apps.planning, 'app.info', {})).folderChooser).toBe(false);

    // A file of the user's already has the first file's name.
    mkdirSync(folder);
    const names = planningFiles.map((f) => f.fileName).sort();
    writeFileSync(join(folder, names[0]!), 'the user’s own file');
    const saved = await callHandlers(desktop, 'inbox.saveBulkFiles', { jobId: planningJob, title: '选择保存签署后文件的文件夹' });
    expect(titles).toEqual(['选择保存签署后文件的文件夹']);
    expect(saved.folder).toBe(folder);
    const [stem, ext] = [names[0]!.replace(/\.pdf$/, ''), '.pdf'];
    expect(saved.files.map((f) => [f.fileName, f.savedAs, f.already]).sort()).toEqual(names.map((n, i) => [n, i === 0 ? `${stem} (2)${ext}` : n, false]));
    expect(readFileSync(join(folder, names[0]!), 'utf8')).toBe('the user’s own file');
    for (const f of planningFiles) {
      const as = saved.files.find((s) => s.fileName === f.fileName)!.savedAs;
      expect(readFileSync(join(folder, as)).equals(readFileSync(f.path)), as).toBe(true);
      expect(validSignatures(join(folder, as)), as).toBe(2);
    }
    expect(readdirSync(folder).sort()).toEqual([...names, `${stem} (2)${ext}`].sort());

    // Saved again into the same folder: every file is already there, nothing written.
    const again = await callHandlers(desktop, 'inbox.saveBulkFiles', { jobId: planningJob, title: 't' });
    expect(again.files.every((f) => f.already)).toBe(true);
    expect(readdirSync(folder)).toHaveLength(names.length + 1);

    // The dialog cancelled: nothing saved.
    answer = null;
    expect(await callHandlers(desktop, 'inbox.saveBulkFiles', { jobId: planningJob, title: 't' })).toEqual({ folder: null, files: [] });

    // A "folder" that is a file: refused with how many were saved (none), nothing half-written.
    answer = join(root, 'not-a-folder');
    writeFileSync(answer, 'x');
    expect((await failHandlers(desktop, 'inbox.saveBulkFiles', { jobId: planningJob, title: 't' })).refusal).toEqual({
      code: 'folder-not-writable',
      folder: answer,
      saved: 0,
      total: names.length,
      problem: 'other',
    });

    // A job still running, or one that is not a bulk job: refused before any dialog.
    titles.length = 0;
    const running = createJob('approve-many', 3);
    expect((await failHandlers(desktop, 'inbox.saveBulkFiles', { jobId: running.id, title: 't' })).refusal).toEqual({ code: 'job-running', done: 0, total: 3 });
    finishJob(running);
    const exportJob = createJob('export-month', 0);
    finishJob(exportJob);
    expect((await failHandlers(desktop, 'inbox.saveBulkFiles', { jobId: exportJob.id, title: 't' })).refusal).toMatchObject({ code: 'not-found', what: 'job' });
    expect(titles).toEqual([]);

    // A kept file changed on disk since the job wrote it: neither the zip nor the folder hands it on.
    const kept = planningFiles[0]!;
    const original = readFileSync(kept.path);
    writeFileSync(kept.path, Buffer.concat([original, Buffer.from('\n% changed\n')]));
    try {
      expect((await failApp(apps.planning, 'inbox.bulkFiles', { jobId: planningJob })).refusal).toEqual({ code: 'job-file-changed', fileName: kept.fileName, path: kept.path });
      answer = join(root, 'chosen-again');
      expect((await failHandlers(desktop, 'inbox.saveBulkFiles', { jobId: planningJob, title: 't' })).refusal).toMatchObject({ code: 'job-file-changed' });
      expect(existsSync(answer)).toBe(false);
    } finally {
      writeFileSync(kept.path, original);
    }

    // Browser mode: no folder dialog, the zip is its way; an unknown job is refused before any dialog.
    expect((await failApp(apps.planning, 'inbox.saveBulkFiles', { jobId: planningJob, title: 't' })).refusal).toEqual({ code: 'no-folder-chooser' });
    titles.length = 0;
    answer = folder;
    expect((await failHandlers(desktop, 'inbox.saveBulkFiles', { jobId: '00000000-0000-4000-8000-000000000000', title: 't' })).kind).toBe('not-found');
    expect(titles).toEqual([]);
  });

  it('a refused entry can be removed from the inbox (with its kept copy); a verified one cannot', async () => {
    const entries = await call(apps.planning, 'inbox.list', {});
    const refused = entries.find((e) => e.fileName === 'tampered.pdf')!;
    const ok = entries.find((e) => e.verdict.ok)!;
    expect((await fail(apps.planning, 'inbox.remove', { sha256: ok.sha256 })).refusal).toEqual({ code: 'entry-not-refused', fileName: ok.fileName });
    expect(existsSync(refused.path)).toBe(true);
    expect(await call(apps.planning, 'inbox.remove', { sha256: refused.sha256 })).toEqual({ sha256: refused.sha256, fileName: 'tampered.pdf' });
    expect(existsSync(refused.path)).toBe(false);
    expect((await call(apps.planning, 'inbox.list', {})).map((e) => e.fileName)).not.toContain('tampered.pdf');
    expect((await fail(apps.planning, 'inbox.remove', { sha256: refused.sha256 })).refusal).toMatchObject({ code: 'not-found', what: 'file' });
  }, 90_000);

  it('the VP approves every pending sheet of SOUTH’s month at the VP step; after a trust change each file is verified again', async () => {
    const files = planningFiles.map((f) => upload(f.fileName, readFileSync(f.path)));
    const added = await call(apps.vp, 'inbox.add', { files });
    expect(added.every((e) => e.verdict.ok && e.nextStep === 'vp')).toBe(true);
    const overview = await call(apps.vp, 'inbox.overview', {});
    expect(overview).toEqual([{ period: PERIOD, region: { code: 'SOUTH', name: expect.any(String) }, pendingAtStep: 4, pendingElsewhere: 0, approved: 0, returned: 0, complete: 0 }]);

    // The stored verdict is used as is while nothing changed: a verdict marked refused in the
    // store (as if the file had failed when it came in) makes the bulk call skip that file.
    const [a, b, c, d] = added;
    const keptVerdict = (apps.vp.db.prepare('SELECT verdict FROM sheet_files WHERE sha256 = ?').get(a!.sha256) as { verdict: string }).verdict;
    const marked = JSON.parse(keptVerdict) as { verdict: object; nextStep: unknown };
    marked.verdict = { ok: false, failure: { check: 'trust', message: 'marked', reason: { code: 'unexpected' } } };
    marked.nextStep = null;
    apps.vp.db.prepare('UPDATE sheet_files SET verdict = ? WHERE sha256 = ?').run(JSON.stringify(marked), a!.sha256);
    let job = await finished(apps.vp, (await call(apps.vp, 'inbox.approveMany', { sha256: [a!.sha256], fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp })).jobId);
    expect(job.outcomes).toMatchObject([{ outcome: 'skipped', reused: true, refusal: { code: 'file-not-verified', failure: { check: 'trust' } } }]);

    // A trust change (the sales planning signer no longer trusted): the files are verified again and refused.
    await call(apps.vp, 'trust.remove', { fingerprint: apps.planning.identity.fingerprint });
    job = await finished(apps.vp, (await call(apps.vp, 'inbox.approveMany', { sha256: [a!.sha256, b!.sha256], fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp })).jobId);
    expect(job.outcomes).toMatchObject([
      { outcome: 'skipped', reused: false, refusal: { code: 'file-not-verified', failure: { check: 'trust' } } },
      { outcome: 'skipped', reused: false, refusal: { code: 'file-not-verified', failure: { check: 'trust' } } },
    ]);
    // Trusted again: verified again (the verdict kept under the other trust list is not reused), and signed.
    await call(apps.vp, 'trust.add', await call(apps.planning, 'identities.exportCertificate', { fingerprint: apps.planning.identity.fingerprint, format: 'der' }));
    // A kept copy changed on disk is refused whatever the stored verdict says.
    writeFileSync(d!.path, Buffer.concat([readFileSync(d!.path), Buffer.from('\n')]));
    job = await finished(apps.vp, (await call(apps.vp, 'inbox.approveMany', { pending: { period: PERIOD, regionCode: 'SOUTH' }, fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp })).jobId);
    const out = byFile(job.outcomes);
    expect(job.total).toBe(4);
    expect(out[a!.fileName]).toMatchObject({ outcome: 'signed', reused: false, nextStep: 'hr' });
    expect(out[b!.fileName]).toMatchObject({ outcome: 'signed', reused: false, nextStep: 'hr' });
    // c's verdict was stored before the trust change, under the list that holds again now: reused.
    expect(out[c!.fileName]).toMatchObject({ outcome: 'signed', reused: true, nextStep: 'hr' });
    expect(out[d!.fileName]).toMatchObject({ outcome: 'skipped', refusal: { code: 'kept-file-changed' } });
    for (const o of [out[a!.fileName]!, out[b!.fileName]!, out[c!.fileName]!]) expect(validSignatures(o.file!.path)).toBe(3);

    // Another region's month has nothing pending: refused.
    expect((await fail(apps.vp, 'inbox.approveMany', { pending: { period: PERIOD, regionCode: 'EAST' }, fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp })).refusal).toMatchObject({ code: 'nothing-pending', role: 'vp' });
    expect(await call(apps.vp, 'inbox.overview', {})).toMatchObject([{ period: PERIOD, pendingAtStep: 1, approved: 3 }]);
  }, 90_000);

  it('a bulk return: one reason, a signed return note per sheet, the entries returned; a sheet at another step skipped', async () => {
    // Sales planning receives two more sheets; the VP-step file is at another step.
    const more = await exportSheet(team[5]!);
    const [e1] = await call(apps.planning, 'inbox.add', { files: [upload(more.fileName, Buffer.from(more.dataBase64, 'base64'))] });
    const vpFile = readFileSync(planningFiles[0]!.path);
    const started = await call(apps.vp, 'inbox.returnMany', { sha256: [(await call(apps.vp, 'inbox.list', { state: 'pending' }))[0]!.sha256], fingerprint: apps.vp.identity.fingerprint, passphrase: PASS.vp, reason: '数据需核对' });
    const vpJob = await finished(apps.vp, started.jobId);
    expect(vpJob.outcomes).toMatchObject([{ outcome: 'skipped', refusal: { code: 'kept-file-changed' } }]);

    const [e2] = await call(apps.planning, 'inbox.add', { files: [upload('vp-step.pdf', vpFile)] });
    expect(e2!.fileName).toBe(planningFiles[0]!.fileName);
    expect(e2!.nextStep).toBe('vp');
    const job = await finished(
      apps.planning,
      (await call(apps.planning, 'inbox.returnMany', { sha256: [e1!.sha256, e2!.sha256], fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning, reason: '  出勤记录需核对  ' })).jobId,
    );
    expect(job.kind).toBe('return-many');
    expect(job.outcomes).toMatchObject([
      { fileName: more.fileName, outcome: 'returned' },
      // The file this app signed, dropped into its own inbox, keeps its name.
      { fileName: planningFiles[0]!.fileName, outcome: 'skipped', refusal: { code: 'not-next-step', next: 'vp', role: 'planning' } },
    ]);
    const note = job.outcomes![0]!.file!;
    expect(validSignatures(note.path)).toBe(1);
    expect((await call(apps.planning, 'inbox.list', { state: 'returned' })).map((e) => [e.fileName, e.note])).toEqual([[more.fileName, '出勤记录需核对']]);
    expect(zipNames((await call(apps.planning, 'inbox.bulkFiles', { jobId: job.id })).dataBase64)).toEqual([note.fileName]);
    // The manager imports the note: the sheet is returned.
    const [imported] = await call(apps.manager, 'returns.import', { files: [upload(note.fileName, readFileSync(note.path))] });
    expect(imported).toMatchObject({ outcome: 'reopened', note: { reason: '出勤记录需核对', returnedBy: { role: 'planning' } } });
  }, 90_000);
});

describe('what a stored verdict depends on', () => {
  it('a roster change (a region added) makes the next bulk approval verify again; unchanged, the stored verdict is used', async () => {
    const app = apps.planning;
    const [f1, f2] = [await exportSheet(team[3]!), await exportSheet(team[4]!)];
    const [e1, e2] = await call(app, 'inbox.add', { files: [upload(`again-${f1.fileName}`, Buffer.from(f1.dataBase64, 'base64')), upload(`again-${f2.fileName}`, Buffer.from(f2.dataBase64, 'base64'))] });
    let job = await finished(app, (await call(app, 'inbox.approveMany', { sha256: [e1!.sha256], fingerprint: app.identity.fingerprint, passphrase: PASS.planning })).jobId);
    expect(job.outcomes).toMatchObject([{ outcome: 'signed', reused: true }]);
    await call(app, 'regions.save', { code: 'WEST', name: '西部区' });
    job = await finished(app, (await call(app, 'inbox.approveMany', { sha256: [e2!.sha256], fingerprint: app.identity.fingerprint, passphrase: PASS.planning })).jobId);
    expect(job.outcomes).toMatchObject([{ outcome: 'signed', reused: false, nextStep: 'vp' }]);
  }, 90_000);
});

describe('an identity unlocked for the session', () => {
  it('signs without the passphrase until it is locked, or idle for the idle time; the user at work keeps it unlocked', async () => {
    let now = Date.parse('2026-12-07T09:00:00Z');
    setUnlockClock(() => now);
    const app = apps.planning;
    const fp = app.identity.fingerprint;
    const sheets = [await exportSheet(team[0]!)];
    // Re-exported sheets (new files) come into the inbox.
    const added = await call(app, 'inbox.add', { files: sheets.map((f) => upload(`again-${f.fileName}`, Buffer.from(f.dataBase64, 'base64'))) });
    expect(added[0]!.verdict.ok).toBe(true);

    // Locked: without a passphrase the approval is refused, naming the identity and the idle time.
    expect((await fail(app, 'inbox.approve', { sha256: added[0]!.sha256, fingerprint: fp })).refusal).toEqual({ code: 'identity-locked', name: NAMES.planning, idleMinutes: IDLE_LOCK_MS / 60_000 });
    expect((await fail(app, 'identities.unlock', { fingerprint: fp, passphrase: 'wrong' })).problems?.[0]?.field).toBe('passphrase');
    expect(await call(app, 'identities.unlocked', {})).toEqual({ idleMs: IDLE_LOCK_MS, unlocked: [] });

    const unlocked = await call(app, 'identities.unlock', { fingerprint: fp, passphrase: PASS.planning });
    expect(unlocked).toEqual({ fingerprint: fp, name: NAMES.planning, role: 'planning', idleMs: IDLE_LOCK_MS, locksAt: new Date(now + IDLE_LOCK_MS).toISOString() });
    // Nothing of it is written: no table or setting holds the passphrase or the opened key.
    const dump = JSON.stringify(app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().flatMap((t) => app.db.prepare(`SELECT * FROM "${(t as { name: string }).name}"`).all()));
    expect(dump).not.toContain(PASS.planning);

    // Just before the idle time, the user at work: still unlocked, its idle time starts again.
    now += IDLE_LOCK_MS - 1000;
    expect((await call(app, 'identities.unlocked', { active: true })).unlocked).toHaveLength(1);
    now += IDLE_LOCK_MS - 1000;
    const approved = await call(app, 'inbox.approve', { sha256: added[0]!.sha256, fingerprint: fp });
    expect(validSignatures(approved.file.path)).toBe(2);

    // Idle for the idle time: locked again.
    now += IDLE_LOCK_MS;
    expect((await call(app, 'identities.unlocked', {})).unlocked).toEqual([]);
    expect((await fail(app, 'inbox.approveMany', { pending: {}, fingerprint: fp })).refusal).toMatchObject({ code: 'identity-locked' });

    // Unlocked again, then locked by the user.
    await call(app, 'identities.unlock', { fingerprint: fp, passphrase: PASS.planning });
    expect(await call(app, 'identities.lock', { fingerprint: fp })).toEqual([]);
    expect((await fail(app, 'inbox.returnMany', { sha256: [added[0]!.sha256], fingerprint: fp, reason: 'x' })).refusal).toMatchObject({ code: 'identity-locked' });
    // Another app's database does not share it.
    await call(app, 'identities.unlock', { fingerprint: fp, passphrase: PASS.planning });
    expect((await call(apps.vp, 'identities.unlocked', {})).unlocked).toEqual([]);
    await call(app, 'identities.lock', {});
  }, 90_000);
});

describe('the region summary as a file of its own', () => {
  const MONTH = '2026-08';

  it('a month’s export embeds its list in the signed summary; the inbox recognises it, links the sheets it lists, and they are approved together', async () => {
    const south = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
    const { jobId } = await call(apps.manager, 'sheets.exportMonth', { period: MONTH, regionId: south, fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    const job = await finished(apps.manager, jobId);
    expect(job.failures).toEqual([]);
    expect(job.summary).not.toBeNull();
    const summaryPath = job.summary!.path;
    expect(validSignatures(summaryPath)).toBe(1);
    // The list is embedded (qpdf shows the attachment).
    const attachments = spawnSync('qpdf', ['--list-attachments', summaryPath], { encoding: 'utf8' }).stdout;
    expect(attachments).toContain('scoresheet.json');

    // Sales planning receives the summary and all but one of the sheets it lists.
    const files = job.files.map((f) => upload(f.fileName, readFileSync(f.path)));
    const [summary] = await call(apps.planning, 'inbox.add', { files: [upload(job.summary!.fileName, readFileSync(summaryPath))] });
    expect(summary!.verdict).toEqual({ ok: true, failure: null });
    expect(summary!.summary).toMatchObject({ region: { code: 'SOUTH' }, period: MONTH, signer: { name: NAMES.manager, role: 'manager' } });
    expect(summary!.summary!.sheets).toHaveLength(job.files.length);
    expect(summary!.summary!.sheets.every((s) => s.entry === null)).toBe(true);
    const added = await call(apps.planning, 'inbox.add', { files: files.slice(1) });
    const listed = (await call(apps.planning, 'inbox.list', {})).find((e) => e.sha256 === summary!.sha256)!.summary!;
    // Each sheet the summary lists, with the entry holding its file (the first one was not received).
    expect(listed.sheets.map((s) => s.entry?.sha256 ?? null)).toEqual([null, ...added.map((e) => e.sha256)]);
    expect(listed.sheets[1]).toMatchObject({ entry: { state: 'pending', nextStep: 'planning', ok: true } });
    // The summary is not a sheet pending at a step: the overview of its month counts only the sheets.
    expect((await call(apps.planning, 'inbox.overview', {})).find((r) => r.period === MONTH)).toMatchObject({ pendingAtStep: added.length });

    // "Approve these": the sheets it lists that are in the inbox.
    const these = listed.sheets.flatMap((s) => (s.entry ? [s.entry.sha256] : []));
    const done = await finished(apps.planning, (await call(apps.planning, 'inbox.approveMany', { sha256: these, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning })).jobId);
    expect(done.outcomes!.map((o) => o.outcome)).toEqual(these.map(() => 'signed'));
    // The VP's inbox links the same summary to the files sales planning signed (the same export underneath).
    await call(apps.vp, 'inbox.add', { files: done.outcomes!.map((o) => upload(o.file!.fileName, readFileSync(o.file!.path))) });
    const [vpSummary] = await call(apps.vp, 'inbox.add', { files: [upload(job.summary!.fileName, readFileSync(summaryPath))] });
    expect(vpSummary!.summary!.sheets.filter((s) => s.entry?.nextStep === 'vp')).toHaveLength(these.length);

    // A summary changed after signing is refused, and can be removed; so can a verified summary.
    const tampered = readFileSync(summaryPath);
    const at = Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    const [bad] = await call(apps.planning, 'inbox.add', { files: [upload('summary-tampered.pdf', tampered)] });
    expect(bad!.verdict.ok).toBe(false);
    expect(await call(apps.planning, 'inbox.remove', { sha256: bad!.sha256 })).toMatchObject({ fileName: 'summary-tampered.pdf' });
    expect(await call(apps.planning, 'inbox.remove', { sha256: summary!.sha256 })).toMatchObject({ fileName: job.summary!.fileName });
  }, 120_000);
});
