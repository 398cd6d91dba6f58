/**
 * Rubric editing through the handler map on real database files: a new version in force from a
 * month leaves earlier sheets on their version, a rubric file signed by sales planning carries the
 * exact version (and its hash) to another database that trusts the signer, and bad edits and bad
 * files (unsigned, signed by another step or an untrusted key, changed) are refused, naming the
 * field or the reason, with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.ts';
import type { Db } from '../../electron/db/database.ts';
import { openStoredIdentity } from '../../electron/services/identities.ts';
import { renderRubricFile, rubricFileJson, verifyRubricFile } from '../../electron/services/rubric-file.ts';
import { createIdentity, openIdentity, signPdf } from '../../electron/signing/index.ts';
import type { FileData } from '../../shared/api/types.ts';
import { contentHash } from '../../shared/canonical.ts';
import type { ItemNode, Rubric, RubricDefinition, RubricNode } from '../../shared/rubric/schema.ts';
import { bind } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

type Role = 'manager' | 'planning' | 'vp' | 'hr';

/** A database with one region and one salesperson, and the current user in `role`. */
async function setup(role: Role = 'planning') {
  const { db, path } = tempDb();
  const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
  const { call, fail } = bind(h);
  const region = await call('regions.save', { code: 'EAST', name: '华东区' });
  const asUser = (chainRole: Role) => call('user.set', { name: chainRole === 'manager' ? '李静' : '张总部', chainRole, regionId: chainRole === 'manager' ? region.id : null });
  await asUser(role);
  const person = await call('people.save', {
    employeeNo: 'S-0042',
    name: '王磊',
    role: 'salesperson',
    regionId: region.id,
    managerId: null,
    activeFrom: '2026-01',
    activeTo: null,
  });
  const saveSheet = async (period: string, items: Record<string, unknown>) => {
    const before = await call('sheets.get', { personId: person.id, period });
    await call('sheets.save', { personId: person.id, period, entry: { items, absences: [{ length: 'half' }] }, status: 'ready', expectedRevision: before.revision });
    return call('sheets.get', { personId: person.id, period });
  };
  return { db, call, fail, asUser, person, saveSheet };
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function latest(rubrics: Rubric[], id: string): Rubric {
  return rubrics.filter((r) => r.id === id).sort((a, b) => b.version - a.version)[0]!;
}

/** The definition of a rubric (no hash), as a fresh copy to edit. */
function definitionOf(rubric: Rubric): RubricDefinition {
  const { hash: _hash, ...definition } = structuredClone(rubric);
  void _hash;
  return definition;
}

function findItem(nodes: RubricNode[], id: string): ItemNode {
  for (const n of nodes) {
    if (n.type === 'item' && n.id === id) return n;
    if (n.type === 'group') {
      try {
        return findItem(n.children, id);
      } catch {
        /* not in this group */
      }
    }
  }
  throw new Error(`no item ${id}`);
}

/** The next salesperson version (v3 after the built-in v2): an ad plan handed in late costs 3 points instead of 2, in force from 2026-09. */
function adPlanCosts3(v1: Rubric): RubricDefinition {
  const next = definitionOf(v1);
  next.version = v1.version + 1;
  next.effectiveFrom = '2026-09';
  const item = findItem(next.items, 'ad-plan');
  if (item.rule.kind !== 'per-occurrence') throw new Error('ad-plan is per occurrence');
  item.rule.deduction = 3;
  return next;
}

const encode = (json: unknown): FileData => ({ fileName: 'rubric.json', dataBase64: Buffer.from(JSON.stringify(json), 'utf8').toString('base64') });

describe('saving a new rubric version', () => {
  it('earlier sheets keep their version and numbers; sheets from the effective month use the new deduction', async () => {
    const { db, call, saveSheet } = await setup('planning');
    const august = await saveSheet('2026-08', { 'ad-plan': { occurrences: 1 } });
    expect(august.rubric).toMatchObject({ id: 'salesperson', version: 2 }); // the newest built-in
    expect(august.result).toMatchObject({ dailyScore: 98, attendance: { score: 96 }, monthlyScore: 97.4 });
    const augustRead = await call('sheets.get', { personId: august.person.id, period: '2026-08' });

    const v1 = latest(await call('rubrics.list', {}), 'salesperson');
    const saved = await call('rubrics.save', { definition: adPlanCosts3(v1) });
    expect(saved).toMatchObject({ id: 'salesperson', version: 3, effectiveFrom: '2026-09' });
    expect(saved.hash).toBe(contentHash(definitionOf(saved)));
    expect(saved.hash).not.toBe(v1.hash);
    const listed = (await call('rubrics.list', {})).filter((r) => r.id === 'salesperson');
    expect(listed.map((r) => [r.version, r.effectiveFrom, r.hash])).toEqual([
      [1, '2000-01', expect.stringMatching(/^sha256:/)],
      [2, v1.effectiveFrom, v1.hash],
      [3, '2026-09', saved.hash],
    ]);

    // The August sheet reads back exactly as before, and saving it again recomputes on v1.
    expect(await call('sheets.get', { personId: august.person.id, period: '2026-08' })).toEqual(augustRead);
    const resaved = await saveSheet('2026-08', { 'ad-plan': { occurrences: 1 } });
    expect(resaved.rubric).toMatchObject({ version: 2, hash: v1.hash });
    expect(resaved.result).toEqual(august.result);

    // A September sheet takes v2: the same late ad plan now costs 3.
    const september = await saveSheet('2026-09', { 'ad-plan': { occurrences: 1 } });
    expect(september.rubric).toMatchObject({ id: 'salesperson', version: 3, hash: saved.hash });
    expect(september.result).toMatchObject({ rubric: { version: 3, hash: saved.hash }, dailyScore: 97, monthlyScore: 96.7 });
    expect(september.result.items.find((i) => i.id === 'ad-plan')).toMatchObject({ deduction: 3, points: 2 });

    const audit = db.prepare("SELECT actor, entity_id, before, after FROM audit_log WHERE action = 'rubric.save'").all() as { actor: string; entity_id: string; before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: '张总部', entity_id: 'salesperson@3' });
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ version: 2, hash: v1.hash });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ version: 3, effectiveFrom: '2026-09', hash: saved.hash });
  });

  it('refuses each bad definition naming the field, and stores nothing', async () => {
    const { db, call, fail } = await setup('vp');
    const v1 = latest(await call('rubrics.list', {}), 'salesperson');
    await call('rubrics.save', { definition: adPlanCosts3(v1) }); // v3 from 2026-09 (v2 is the newest built-in)
    const v2 = latest(await call('rubrics.list', {}), 'salesperson');
    const edit = (change: (d: RubricDefinition) => void) => {
      const d = definitionOf(v2);
      d.version = 4;
      d.effectiveFrom = '2026-10';
      findItem(d.items, 'vehicle').title.en = 'Pool vehicles'; // a real change, so only `change` is wrong
      change(d);
      return d;
    };
    const adPlan = (d: RubricDefinition) => findItem(d.items, 'ad-plan');
    const cases: [string, unknown, RegExp][] = [
      ['deduction not a number', edit((d) => Object.assign(adPlan(d).rule, { deduction: 'three' })), /^items\[1\]\.children\[\d+\]\.rule\.deduction$/],
      ['deduction above the item', edit((d) => Object.assign(adPlan(d).rule, { deduction: 6 })), /^items\[1\]\.children\[\d+\]\.rule\.deduction$/],
      ['points with 3 decimals', edit((d) => Object.assign(adPlan(d), { points: 4.999 })), /^items\[1\]\.children\[\d+\]\.points$/],
      ['empty title', edit((d) => (adPlan(d).title.zh = '')), /^items\[1\]\.children\[\d+\]\.title\.zh$/],
      ['weights not 100', edit((d) => (d.weights = { daily: 60, attendance: 30 })), /^weights$/],
      ['deadline day 32', edit((d) => (adPlan(d).deadline = { kind: 'day-of-month', day: 32 })), /^items\[1\]\.children\[\d+\]\.deadline\.day$/],
      ['items no longer add up', edit((d) => Object.assign(adPlan(d), { points: 6 })), /^dailyMax$/],
      ['duplicate id', edit((d) => (findItem(d.items, 'vehicle').id = 'ad-plan')), /^items\[1\]\.children\[\d+\]\.id$/],
      ['unknown field', edit((d) => Object.assign(adPlan(d).rule, { bonus: 1 })), /^items\[1\]\.children\[\d+\]\.rule$/],
      ['version skipped', edit((d) => (d.version = 5)), /^version$/],
      ['month not a month', edit((d) => (d.effectiveFrom = '2026-13')), /^effectiveFrom$/],
      ['before the previous version', edit((d) => (d.effectiveFrom = '2026-08')), /^effectiveFrom$/],
      ['another role', edit((d) => (d.role = 'field-service')), /^role$/],
      ['a second rubric for the role', edit((d) => ((d.id = 'salesperson-east'), (d.version = 1))), /^id$/],
      ['nothing changed', Object.assign(definitionOf(v2), { version: 4, effectiveFrom: '2026-10' }), /^definition$/],
      ['not a rubric', 'salesperson', /^\(input\)$/],
    ];
    const rows = count(db, 'rubric_versions');
    const audits = count(db, 'audit_log');
    for (const [what, definition, field] of cases) {
      const error = await fail('rubrics.save', { definition }, what);
      expect(error.kind, what).toBe('input');
      expect(error.problems?.map((p) => p.field).some((f) => field.test(f)), `${what}: ${JSON.stringify(error.problems)}`).toBe(true);
    }
    expect(count(db, 'rubric_versions')).toBe(rows);
    expect(count(db, 'audit_log')).toBe(audits);

    // A version someone else saved first is a conflict, not a second v3.
    expect(await fail('rubrics.save', { definition: Object.assign(adPlanCosts3(v1), { effectiveFrom: '2026-10' }) })).toMatchObject({ kind: 'conflict', message: /salesperson@3 already exists/ });
    // The same month as the previous version is allowed: the new one replaces it from then on.
    expect(await call('rubrics.save', { definition: edit((d) => (d.effectiveFrom = '2026-09')) })).toMatchObject({ version: 4, effectiveFrom: '2026-09' });
  });

  it('a regional manager may not save edits', async () => {
    const { db, call, fail } = await setup('manager');
    const v1 = latest(await call('rubrics.list', {}), 'salesperson');
    const rows = count(db, 'rubric_versions');
    const error = await fail('rubrics.save', { definition: adPlanCosts3(v1) });
    expect(error).toMatchObject({ kind: 'input', problems: [{ field: 'user.chainRole', value: 'manager' }] });
    expect(error.message).toMatch(/HQ/);
    expect(count(db, 'rubric_versions')).toBe(rows);
  });
});

describe('published rubric files (signed by sales planning)', () => {
  const PASS = 'planning passphrase';

  /** HQ: sales planning's app with its identity, having saved salesperson@3. */
  async function hq() {
    const app = await setup('planning');
    const v1 = latest(await app.call('rubrics.list', {}), 'salesperson');
    const saved = await app.call('rubrics.save', { definition: adPlanCosts3(v1) });
    const identity = await app.call('identities.create', { name: '李娜', role: 'planning', passphrase: PASS, algorithm: 'ECDSA-P256' });
    const certificate = await app.call('identities.exportCertificate', { fingerprint: identity.fingerprint, format: 'der' });
    const publish = (version: number) => app.call('rubrics.export', { id: 'salesperson', version, fingerprint: identity.fingerprint, passphrase: PASS, language: 'en' });
    return { ...app, v1, saved, identity, certificate, publish };
  }

  it('export → import into another database that trusts the signer: the same hash, the same scores, the signer named', async () => {
    const h = await hq();
    const file = await h.publish(3);
    expect(file.fileName).toBe('rubric-salesperson-v3.pdf');
    const pdf = Buffer.from(file.dataBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The page prints what it carries (id@version, month, hash); the data is the rubric itself.
    const { verdict, rubric } = await verifyRubricFile(pdf, [{ certificate: Buffer.from(h.certificate.dataBase64, 'base64'), role: 'planning' }]);
    expect(verdict.ok).toBe(true);
    expect(rubric).toEqual(h.saved);
    expect(verdict.data).toMatchObject({ format: 'rubricfile/1', hash: h.saved.hash, publishedBy: { name: '李娜', fingerprint: h.identity.fingerprint } });
    expect(h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'rubric.publish'").get()).toEqual({ n: 1 });
    const hqSheet = await h.saveSheet('2026-09', { 'ad-plan': { occurrences: 1 }, vehicle: { violated: true } });

    // A regional manager's copy of the app trusts HQ's planning certificate and imports the file.
    const branch = await setup('manager');
    await branch.call('trust.add', h.certificate);
    const imported = await branch.call('rubrics.import', file);
    expect(imported).toEqual({ ...h.saved, signer: { name: '李娜', fingerprint: h.identity.fingerprint } });
    expect(branch.db.prepare("SELECT published FROM rubric_versions WHERE rubric_id = 'salesperson' AND version = 3").get()).toEqual({ published: 'imported' });
    const rows = count(branch.db, 'rubric_versions');
    const audits = count(branch.db, 'audit_log');
    expect(await branch.call('rubrics.import', file)).toEqual(imported); // again: nothing new
    expect(count(branch.db, 'rubric_versions')).toBe(rows);
    expect(count(branch.db, 'audit_log')).toBe(audits);
    const branchSheet = await branch.saveSheet('2026-09', { 'ad-plan': { occurrences: 1 }, vehicle: { violated: true } });
    expect(branchSheet.rubric.hash).toBe(h.saved.hash);
    expect(branchSheet.result).toEqual(hqSheet.result);
    expect(branchSheet.result).toMatchObject({ dailyScore: 92, monthlyScore: 93.2 });

    // A built-in version is published too, and importing it where it ships stores nothing.
    const builtin = await h.publish(h.v1.version);
    const before = count(branch.db, 'rubric_versions');
    expect(await branch.call('rubrics.import', builtin)).toMatchObject({ ...h.v1, signer: { name: '李娜' } });
    expect(count(branch.db, 'rubric_versions')).toBe(before);
    expect(await h.fail('rubrics.export', { id: 'salesperson', version: 9, fingerprint: h.identity.fingerprint, passphrase: PASS })).toMatchObject({ kind: 'not-found' });
  }, 30_000);

  it('refuses an unsigned JSON file, a file signed by a manager, by an untrusted planning key, or changed after signing; stores nothing', async () => {
    const h = await hq();
    const file = await h.publish(3);
    const branch = await setup('manager');
    await branch.call('trust.add', h.certificate);
    // The branch's own manager identity (trusted in its own app, for the manager step).
    const manager = await branch.call('identities.create', { name: '王磊', role: 'manager', passphrase: 'm', algorithm: 'ECDSA-P256', employeeNo: 'M-0001' });
    const managerKey = await openStoredIdentity(branch.db, manager.fingerprint, 'm');
    const unsignedPdf = await renderRubricFile(rubricFileJson(h.saved, { name: '王磊', fingerprint: manager.fingerprint }), 'zh');
    const byManager = await signPdf(unsignedPdf, managerKey);
    const impostor = await openIdentity((await createIdentity({ name: '李娜', role: 'planning' }, 'x')).p12, 'x');
    const byImpostor = await signPdf(unsignedPdf, impostor);
    const flipped = Buffer.from(file.dataBase64, 'base64');
    const at = flipped.indexOf('/Producer');
    flipped[at + 2] = flipped[at + 2]! ^ 0x20;
    const oldJson = { format: 'scorecard-rubric', hash: h.saved.hash, definition: definitionOf(h.saved) };

    const rows = count(branch.db, 'rubric_versions');
    const pdf = (name: string, bytes: Buffer): FileData => ({ fileName: name, dataBase64: bytes.toString('base64') });
    const unsigned = await branch.fail('rubrics.import', encode(oldJson));
    expect(unsigned).toMatchObject({ kind: 'conflict', refusal: { code: 'rubric-file-unsigned', fileName: 'rubric.json' } });
    expect(unsigned.message).toMatch(/unsigned rubric JSON file/);
    const cases: [string, FileData, object][] = [
      ['signed by a manager', pdf('m.pdf', byManager), { check: 'signer-order', reason: { code: 'wrong-order', name: '王磊', role: 'manager', step: 'planning' } }],
      ['an unsigned PDF', pdf('u.pdf', unsignedPdf), { check: 'signature-present', reason: { code: 'unsigned' } }],
      ['an untrusted key named 李娜', pdf('i.pdf', byImpostor), { check: 'trust', reason: { code: 'untrusted', name: '李娜', fingerprint: impostor.fingerprint } }],
      ['a byte changed after signing', pdf('f.pdf', flipped), { check: 'cms' }],
    ];
    for (const [what, upload, failure] of cases) {
      const error = await branch.fail('rubrics.import', upload, what);
      expect(error, what).toMatchObject({ kind: 'conflict', refusal: { code: 'file-not-verified', fileName: upload.fileName, failure } });
    }
    expect(await branch.fail('rubrics.import', { fileName: 'x.txt', dataBase64: Buffer.from('hello').toString('base64') })).toMatchObject({ kind: 'input', problems: [{ field: 'file' }] });
    expect(count(branch.db, 'rubric_versions')).toBe(rows);
    expect((await branch.call('rubrics.list', {})).some((r) => r.hash === h.saved.hash)).toBe(false);

    // Only a sales planning identity signs a rubric file.
    expect(await branch.fail('rubrics.export', { id: 'salesperson', version: 1, fingerprint: manager.fingerprint, passphrase: 'm' })).toMatchObject({
      kind: 'conflict',
      refusal: { code: 'rubric-signer-not-planning', name: '王磊', role: 'manager' },
    });
  }, 30_000);

  it('refuses another content under a version that is already here', async () => {
    const h = await hq();
    const file = await h.publish(3);
    const other = await setup('hr');
    await other.call('trust.add', h.certificate);
    await other.call('rubrics.save', { definition: Object.assign(adPlanCosts3(h.v1), { effectiveFrom: '2026-10' }) });
    const rows = count(other.db, 'rubric_versions');
    expect(await other.fail('rubrics.import', file)).toMatchObject({ kind: 'conflict', message: /salesperson@3 is already here with another content/ });
    expect(count(other.db, 'rubric_versions')).toBe(rows);
  }, 30_000);
});
