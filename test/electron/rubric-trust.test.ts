/**
 * Rubrics come only from HQ, never from a sheet (docs/trust.md, "Rubrics"). Four apps on real
 * database files (the regional manager's, sales planning's, the VP's and HR's), each with its own
 * signing identity, trusting each other. The attacks are made as an attacker holding trusted keys
 * would make them: the app's own engine scores the sheet, the app's own renderer draws it, and the
 * trusted manager, sales planning, VP and HR keys sign it — the data holds together, only its rubric
 * is not HQ's. Each is refused by the inbox, by `scorecard verify` and by HR's import, naming the
 * rubric; HR's rubrics stay as they were. A version HQ publishes (a rubric file signed by sales
 * planning) is accepted once imported, and sheets scored with it verify and import.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../electron/cli/commands/verify.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import { renderSheetPdf } from '../../electron/pdf/render.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { openStoredIdentity } from '../../electron/services/identities.ts';
import { trustedSigners, verifySheetPdf } from '../../electron/services/sheet-verify.ts';
import { signPdf } from '../../electron/signing/index.ts';
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import type { ChainRole, FileData, IdentityInfo, SheetRecord } from '../../shared/api/types.ts';
import { BUILTIN_RUBRICS, loadRubric } from '../../shared/rubric/catalog.ts';
import type { Rubric, RubricDefinition } from '../../shared/rubric/schema.ts';
import type { ScoresheetJson } from '../../shared/score-file.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import { call as callHandler, fail as failHandler } from '../helpers/call.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const ROLES: ChainRole[] = ['manager', 'planning', 'vp', 'hr'];
const PASS: Record<ChainRole, string> = { manager: 'm-pass', planning: 'p-pass', vp: 'v-pass', hr: 'h-pass' };
const NAMES: Record<ChainRole, string> = { manager: '王磊', planning: '李娜', vp: '张伟', hr: '陈静' };

interface App {
  role: ChainRole;
  dir: string;
  dbPath: string;
  db: Db;
  h: Handlers;
  identity: IdentityInfo;
}

let root: string;
const apps = {} as Record<ChainRole, App>;
let managerRegion: { code: string; name: string };

const call = <N extends HandlerName>(app: App, name: N, input: InputOf<N>) => callHandler(app.h, name, input);
const fail = (app: App, name: HandlerName, input: unknown) => failHandler(app.h, name, input);
const upload = (fileName: string, data: Buffer): FileData => ({ fileName, dataBase64: data.toString('base64') });
const rubricRows = (app: App) => app.db.prepare('SELECT rubric_id, version, hash, published FROM rubric_versions ORDER BY rubric_id, version').all();

/** The definition of a rubric (no hash), as a fresh copy to edit. */
function definitionOf(rubric: Rubric): RubricDefinition {
  const { hash: _hash, ...definition } = structuredClone(rubric);
  void _hash;
  return definition;
}
const builtin = (id: string, version: number) => BUILTIN_RUBRICS.find((r) => r.id === id && r.version === version)!;
const newestSalesperson = () => BUILTIN_RUBRICS.filter((r) => r.id === 'salesperson').at(-1)!;

/** Sign a PDF at each step in turn, with each app's own (trusted) identity. */
async function signChain(pdf: Buffer, steps: ChainRole[] = ROLES): Promise<Buffer> {
  let signed = pdf;
  for (const role of steps) signed = await signPdf(signed, await openStoredIdentity(apps[role].db, apps[role].identity.fingerprint, PASS[role]), { reason: `approval: ${role}` });
  return signed;
}

/**
 * A sheet scored with `rubric` by the app's own engine and drawn by its own renderer: the numbers
 * recompute with the embedded rubric, as a dishonest holder of a trusted key would make it.
 */
async function sheetScoredWith(record: SheetRecord, rubric: Rubric): Promise<Buffer> {
  const input = { ...record.input, rubric: `${rubric.id}@${rubric.version}` };
  const checked = validateSheetInput(input, [rubric]);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const result = scoreSheet(checked.input, rubric);
  return renderSheetPdf({ ...record, rubric, input: checked.input, result }, { language: 'zh', region: managerRegion });
}

/**
 * A salesperson of the manager's region whose sheet of the month is a draft or not started (so it
 * takes the newest version in force when saved), or (`orReady`) ready, saved as ready: the
 * manager can export it.
 */
async function readySheet(period: string, { orReady = true } = {}): Promise<{ personId: number; record: SheetRecord }> {
  const app = apps.manager;
  const row = app.db
    .prepare(
      `SELECT p.id FROM people p JOIN regions r ON r.id = p.region_id LEFT JOIN sheets s ON s.person_id = p.id AND s.period = ?
        WHERE p.role = 'salesperson' AND r.code = ? AND (s.status IS NULL OR s.status = 'draft' OR (? AND s.status = 'ready')) ORDER BY p.employee_no LIMIT 1`,
    )
    .get(period, managerRegion.code, orReady ? 1 : 0) as { id: number };
  const before = await call(app, 'sheets.get', { personId: row.id, period });
  if (before.status !== 'ready') {
    await call(app, 'sheets.save', { personId: row.id, period, entry: { items: before.input.items, absences: before.input.absences }, status: 'ready', expectedRevision: before.revision });
  }
  return { personId: row.id, record: await call(app, 'sheets.get', { personId: row.id, period }) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rubric-trust-'));
  for (const role of ROLES) {
    const dir = join(root, role);
    mkdirSync(dir);
    const dbPath = join(dir, 'scorecard.db');
    const db = openDatabase(dbPath);
    apps[role] = { role, dir, dbPath, db, h: createHandlers(db, { dbPath, appVersion: 'test' }), identity: undefined as unknown as IdentityInfo };
  }
  loadDemo(apps.manager.db, TODAY);
  // HR's roster: the organisation as the manager's app has it.
  apps.hr.db.prepare('ATTACH DATABASE ? AS source').run(apps.manager.dbPath);
  apps.hr.db.exec('INSERT INTO regions SELECT * FROM source.regions; INSERT INTO people SELECT * FROM source.people;');
  apps.hr.db.exec('DETACH DATABASE source');
  // The manager is the regional manager of one region (the manager step's signer is that region's manager).
  const rm = apps.manager.db
    .prepare("SELECT p.employee_no AS employeeNo, p.name, r.id AS regionId, r.code, r.name AS regionName FROM people p JOIN regions r ON r.id = p.region_id WHERE p.role = 'regional-manager' ORDER BY r.code LIMIT 1")
    .get() as { employeeNo: string; name: string; regionId: number; code: string; regionName: string };
  managerRegion = { code: rm.code, name: rm.regionName };
  await call(apps.manager, 'user.set', { name: rm.name, chainRole: 'manager', regionId: rm.regionId });
  await call(apps.planning, 'user.set', { name: NAMES.planning, chainRole: 'planning', regionId: null });
  await call(apps.hr, 'user.set', { name: NAMES.hr, chainRole: 'hr', regionId: null });
  for (const role of ROLES) {
    apps[role].identity = await call(apps[role], 'identities.create', {
      name: role === 'manager' ? rm.name : NAMES[role],
      role,
      passphrase: PASS[role],
      algorithm: 'ECDSA-P256',
      ...(role === 'manager' ? { employeeNo: rm.employeeNo } : {}),
    });
  }
  const trustDir = join(root, 'trust');
  mkdirSync(trustDir);
  for (const app of Object.values(apps)) {
    const cert = await call(app, 'identities.exportCertificate', { fingerprint: app.identity.fingerprint, format: 'der' });
    writeFileSync(join(trustDir, `${app.role}.cer`), Buffer.from(cert.dataBase64, 'base64'));
    for (const other of Object.values(apps)) if (other !== app) await call(other, 'trust.add', cert);
  }
}, 120_000);

afterAll(() => {
  for (const app of Object.values(apps)) app.db?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a sheet never brings its own rubric', () => {
  it('salesperson@99 (in force from 2000-01, weights 0/100), signed by every trusted step: refused by the inbox, verify and HR’s import, naming the rubric; HR’s rubrics unchanged', async () => {
    const { record } = await readySheet('2026-09');
    const rubric = loadRubric({ ...definitionOf(newestSalesperson()), version: 99, effectiveFrom: '2000-01', weights: { daily: 0, attendance: 100 } });
    // Attendance is all that counts on @99: the absences go too.
    const pdf = await signChain(await sheetScoredWith({ ...record, input: { ...record.input, absences: [] } }, rubric));
    const reason = { code: 'unknown-rubric', id: 'salesperson', version: 99, hash: rubric.hash };
    // The data holds together: were its own rubric trusted, it would verify and import at 100.
    const lenient = await verifySheetPdf(pdf, trustedSigners(apps.hr.db), { rubrics: [...BUILTIN_RUBRICS, rubric] });
    expect(lenient.verdict.failure).toBeUndefined();
    expect((lenient.data as ScoresheetJson).output.monthlyScore).toBe(100);

    const rubricsBefore = await call(apps.hr, 'rubrics.list', {});
    const rowsBefore = rubricRows(apps.hr);
    const [entry] = await call(apps.hr, 'inbox.add', { files: [upload('forged-99.pdf', pdf)] });
    expect(entry!.verdict.failure).toMatchObject({ check: 'data-check', reason, message: expect.stringMatching(/salesperson@99 .* is not one this app knows/) });
    const [outcome] = await call(apps.hr, 'hr.import', { files: [upload('forged-99.pdf', pdf)] });
    expect(outcome).toMatchObject({ outcome: 'refused', refusal: { code: 'file-not-verified', failure: { check: 'data-check', reason } } });
    expect(outcome!.message).toMatch(/salesperson@99/);
    expect(await call(apps.hr, 'rubrics.list', {})).toEqual(rubricsBefore);
    expect(rubricRows(apps.hr)).toEqual(rowsBefore);
    expect(apps.hr.db.prepare("SELECT count(*) AS n FROM sheets WHERE rubric_version = 99").get()).toEqual({ n: 0 });

    // `scorecard verify`: with HR's database, and without one (the built-ins, and it says what it did not check).
    const file = join(root, 'forged-99.pdf');
    writeFileSync(file, pdf);
    const withDb = await verify([file, '--db', apps.hr.dbPath, '--json']);
    expect(withDb.code).toBe(1);
    expect(JSON.parse(withDb.stdout)).toMatchObject([{ ok: false, failure: { check: 'data-check', reason }, rubrics: 'database' }]);
    const noDb = await verify([file, '--trust', join(root, 'trust')]);
    expect(noDb.code).toBe(1);
    expect(noDb.stdout).toMatch(/FAIL .*data-check: the sheet's rubric salesperson@99/);
    expect(noDb.stdout).toMatch(/built-in rubrics only.*the roster was not checked/);
  }, 60_000);

  it('a home-made salesperson@1 with every deduction 0: refused as a hash mismatch (in a new HR database too); a genuine sheet still imports', async () => {
    const { personId, record } = await readySheet('2026-08');
    const v1 = builtin('salesperson', 1);
    const zero = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(zero);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'deduction' && typeof v === 'number') (node as Record<string, unknown>)[k] = 0;
          else zero(v);
        }
      }
    };
    const definition = definitionOf(v1);
    zero(definition);
    const homeMade = loadRubric(definition);
    expect(homeMade.hash).not.toBe(v1.hash);
    const withViolations = { ...record, input: { ...record.input, items: { ...record.input.items, vehicle: { violated: true }, 'ad-plan': { occurrences: 2 } } } };
    const pdf = await signChain(await sheetScoredWith(withViolations, homeMade));
    const reason = { code: 'rubric-hash-mismatch', id: 'salesperson', version: 1, hash: homeMade.hash, known: v1.hash };

    // A new HR database: nothing stored yet, the file is still refused, and nothing is stored by it.
    const freshPath = join(root, 'fresh-hr.db');
    const fresh = openDatabase(freshPath);
    try {
      const h = createHandlers(fresh, { dbPath: freshPath, appVersion: 'test' });
      for (const app of Object.values(apps)) await callHandler(h, 'trust.add', await call(app, 'identities.exportCertificate', { fingerprint: app.identity.fingerprint, format: 'der' }));
      const [outcome] = await callHandler(h, 'hr.import', { files: [upload('home-made.pdf', pdf)] });
      expect(outcome).toMatchObject({ outcome: 'refused', refusal: { code: 'file-not-verified', failure: { check: 'data-check', reason } } });
      expect(fresh.prepare('SELECT count(*) AS n FROM rubric_versions').get()).toEqual({ n: 0 });
    } finally {
      fresh.close();
    }
    const [inHr] = await call(apps.hr, 'hr.import', { files: [upload('home-made.pdf', pdf)] });
    expect(inHr).toMatchObject({ outcome: 'refused', refusal: { failure: { reason } } });
    expect(inHr!.message).toMatch(/salesperson@1 has the hash .* but salesperson@1 here is/);

    // The genuine sheet of the same person and month, exported by the manager's app and signed on: imported.
    const exported = await call(apps.manager, 'sheets.export', { personId, period: '2026-08', fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    const genuine = await signChain(Buffer.from(exported.dataBase64, 'base64'), ['planning', 'vp', 'hr']);
    const [imported] = await call(apps.hr, 'hr.import', { files: [upload('genuine.pdf', genuine)] });
    expect(imported).toMatchObject({ outcome: 'imported', period: '2026-08' });
    const sheet = await call(apps.hr, 'sheets.get', { personId: imported!.personId!, period: '2026-08' });
    expect(sheet.rubric.hash).toBe(record.rubric.hash);
    expect(sheet.result).toEqual(record.result);
    // What HR stored is the built-in it knows (no published flag: it came with no rubric file).
    expect(apps.hr.db.prepare('SELECT hash, published FROM rubric_versions WHERE rubric_id = ? AND version = ?').get(record.rubric.id, record.rubric.version)).toEqual({ hash: record.rubric.hash, published: null });
  }, 60_000);
});

describe('a version HQ publishes', () => {
  it('salesperson@3 saved by sales planning, published as a signed rubric file, imported by the manager and HR: a sheet scored with it verifies and imports', async () => {
    const definition = { ...definitionOf(newestSalesperson()), version: 3, effectiveFrom: '2026-10' };
    const adPlan = JSON.stringify(definition).replace(/("id":"ad-plan".*?"deduction":)2/, '$13');
    const saved = await call(apps.planning, 'rubrics.save', { definition: JSON.parse(adPlan) as unknown });
    expect(saved).toMatchObject({ id: 'salesperson', version: 3 });
    const file = await call(apps.planning, 'rubrics.export', { id: 'salesperson', version: 3, fingerprint: apps.planning.identity.fingerprint, passphrase: PASS.planning, language: 'zh' });

    // Before HR imports the rubric file, a sheet on @3 is a rubric HR does not know.
    expect(await call(apps.manager, 'rubrics.import', file)).toMatchObject({ hash: saved.hash, signer: { name: NAMES.planning, fingerprint: apps.planning.identity.fingerprint } });
    const { personId, record } = await readySheet('2026-10', { orReady: false });
    expect(record.rubric).toMatchObject({ id: 'salesperson', version: 3, hash: saved.hash });
    const exported = await call(apps.manager, 'sheets.export', { personId, period: '2026-10', fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });
    const pdf = await signChain(Buffer.from(exported.dataBase64, 'base64'), ['planning', 'vp', 'hr']);
    const [early] = await call(apps.hr, 'hr.import', { files: [upload('on-v3.pdf', pdf)] });
    expect(early).toMatchObject({ outcome: 'refused', refusal: { failure: { reason: { code: 'unknown-rubric', id: 'salesperson', version: 3, hash: saved.hash } } } });

    expect(await call(apps.hr, 'rubrics.import', file)).toMatchObject({ hash: saved.hash, signer: { name: NAMES.planning } });
    const [entry] = await call(apps.hr, 'inbox.add', { files: [upload('on-v3.pdf', pdf)] });
    expect(entry!.verdict).toMatchObject({ ok: true });
    const [imported] = await call(apps.hr, 'hr.import', { files: [upload('on-v3.pdf', pdf)] });
    expect(imported).toMatchObject({ outcome: 'imported', period: '2026-10' });
    const sheet = await call(apps.hr, 'sheets.get', { personId: imported!.personId!, period: '2026-10' });
    expect(sheet.rubric).toMatchObject({ version: 3, hash: saved.hash });
    expect(sheet.result).toEqual(record.result);
    expect(apps.hr.db.prepare("SELECT published FROM rubric_versions WHERE rubric_id = 'salesperson' AND version = 3").get()).toEqual({ published: 'imported' });
  }, 60_000);

  it('a rubric file signed by the manager, or an unsigned JSON, is refused; the version stays unknown', async () => {
    const definition = { ...definitionOf(builtin('field-service', 2)), version: 3, effectiveFrom: '2026-10', title: { zh: '服务站人员考核(自制)', en: 'Field service (home-made)' } };
    const rubric = loadRubric(definition);
    const { renderRubricFile, rubricFileJson } = await import('../../electron/services/rubric-file.ts');
    const page = await renderRubricFile(rubricFileJson(rubric, { name: apps.manager.identity.name, fingerprint: apps.manager.identity.fingerprint }), 'zh');
    const byManager = await signPdf(page, await openStoredIdentity(apps.manager.db, apps.manager.identity.fingerprint, PASS.manager));
    const refused = await fail(apps.hr, 'rubrics.import', upload('field-service-v3.pdf', byManager));
    expect(refused).toMatchObject({ kind: 'conflict', refusal: { code: 'file-not-verified', failure: { check: 'signer-order', reason: { code: 'wrong-order', role: 'manager', step: 'planning' } } } });
    const json = Buffer.from(JSON.stringify({ format: 'scorecard-rubric', hash: rubric.hash, definition }));
    expect(await fail(apps.hr, 'rubrics.import', upload('field-service-v3.json', json))).toMatchObject({ kind: 'conflict', refusal: { code: 'rubric-file-unsigned', fileName: 'field-service-v3.json' } });
    expect((await call(apps.hr, 'rubrics.list', {})).some((r) => r.hash === rubric.hash)).toBe(false);
  }, 60_000);
});

describe('migration 005: which stored versions were published', () => {
  it('a version HQ saved before (the audit log says so) is known; one imported from unsigned JSON before, or brought in by a sheet, is not, and still recomputes', async () => {
    const { MIGRATIONS } = await import('../../electron/db/migrations/index.ts');
    const { knownRubrics, listRubrics } = await import('../../electron/services/rubrics.ts');
    const path = join(root, 'before-005.db');
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 4) });
    const base = definitionOf(newestSalesperson());
    const saved = loadRubric({ ...base, version: 3, effectiveFrom: '2026-09' });
    const imported = loadRubric({ ...base, version: 4, effectiveFrom: '2026-10', title: { ...base.title, en: 'Salesperson (v4)' } });
    const fromSheet = loadRubric({ ...base, id: 'field-service', role: 'field-service', version: 99, effectiveFrom: '2000-01', title: { zh: '自带', en: 'Carried by a sheet' } });
    for (const r of [saved, imported, fromSheet]) {
      const { hash, ...definition } = r;
      old.prepare('INSERT INTO rubric_versions (rubric_id, version, effective_from, hash, definition) VALUES (?, ?, ?, ?, ?)').run(r.id, r.version, r.effectiveFrom, hash, JSON.stringify(definition));
    }
    const audit = old.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-09-01T00:00:00.000Z', 'HQ', ?, 'rubric', ?)");
    audit.run('rubric.save', 'salesperson@3');
    audit.run('rubric.import', 'salesperson@4');
    audit.run('sheet.import', 'S-1/2026-09');
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT rubric_id, version, published FROM rubric_versions ORDER BY rubric_id, version').all()).toEqual([
        { rubric_id: 'field-service', version: 99, published: null },
        { rubric_id: 'salesperson', version: 3, published: 'saved' },
        { rubric_id: 'salesperson', version: 4, published: null },
      ]);
      const known = knownRubrics(db).map((r) => `${r.id}@${r.version}`);
      expect(known).toEqual(expect.arrayContaining(['salesperson@3', 'salesperson@1', 'field-service@1']));
      expect(known).not.toContain('field-service@99');
      expect(known).not.toContain('salesperson@4'); // unsigned JSON of old: known again once HQ's signed file is imported
      expect(listRubrics(db).map((r) => `${r.id}@${r.version}`)).toContain('field-service@99');
    } finally {
      db.close();
    }
  });
});
