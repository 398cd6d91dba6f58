/**
 * Refusals carry their code and values through the handler map (shared/refusals.ts), beside the
 * English message the CLI prints: an export of a draft, a wrong passphrase, and a file signed
 * by a certificate the app does not trust — whose fingerprint the reason names, so the UI can
 * say which certificate to add. Real SQLite files, real signatures, the real verifier.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers, invoke, type Handlers } from '../../electron/handlers.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import type { ApiFailure, ExportResult, IdentityInfo, InboxEntry } from '../../shared/api/types.ts';
import type { Db } from '../../electron/db/database.ts';
import { tempDb } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PASS = 'correct horse battery';

async function ok<T>(h: Handlers, name: string, input: unknown): Promise<T> {
  const r = await invoke(h, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.result as T;
}
async function failure(h: Handlers, name: string, input: unknown): Promise<ApiFailure> {
  const r = await invoke(h, name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

/** A demo database with a manager's signing identity. */
async function managerApp(): Promise<{ db: Db; h: Handlers; identity: IdentityInfo }> {
  const { db, path } = tempDb();
  loadDemo(db, TODAY);
  const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
  const identity = await ok<IdentityInfo>(h, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASS });
  return { db, h, identity };
}

/** A sheet of a person the regional manager signs first, in the given status. */
function sheetIn(db: Db, status: string): { personId: number; period: string; name: string; employeeNo: string } {
  const row = db
    .prepare(
      `SELECT s.person_id AS personId, s.period, p.name, p.employee_no AS employeeNo FROM sheets s JOIN people p ON p.id = s.person_id
        WHERE s.status = ? AND p.role IN ('salesperson', 'field-service') ORDER BY s.period DESC, p.employee_no LIMIT 1`,
    )
    .get(status) as { personId: number; period: string; name: string; employeeNo: string } | undefined;
  if (!row) throw new Error(`no ${status} sheet in the demo`);
  return row;
}

describe('refusals as data', () => {
  it('an export of a draft: conflict, code not-exportable with the person, month and status; the English message stays', async () => {
    const { db, h, identity } = await managerApp();
    const draft = sheetIn(db, 'draft');
    const f = await failure(h, 'sheets.export', { personId: draft.personId, period: draft.period, fingerprint: identity.fingerprint, passphrase: PASS, language: 'zh' });
    expect(f.kind).toBe('conflict');
    expect(f.refusal).toEqual({ code: 'not-exportable', name: draft.name, employeeNo: draft.employeeNo, period: draft.period, status: 'draft' });
    expect(f.message).toBe(`the sheet of ${draft.name} (${draft.employeeNo}) for ${draft.period} is a draft: mark it ready first`);
  });

  it('a wrong passphrase: an input problem at the passphrase with its rule, the passphrase never echoed', async () => {
    const { db, h, identity } = await managerApp();
    const ready = sheetIn(db, 'ready');
    const f = await failure(h, 'sheets.export', { personId: ready.personId, period: ready.period, fingerprint: identity.fingerprint, passphrase: 'not the passphrase', language: 'zh' });
    expect(f.kind).toBe('input');
    expect(f.problems).toEqual([{ field: 'passphrase', expected: 'the passphrase of this identity (the one given does not open it)', rule: { code: 'passphrase' } }]);
    expect(JSON.stringify(f)).not.toContain('not the passphrase');
  });

  it('a person, a job or a certificate not found: code not-found naming what and which', async () => {
    const { h } = await managerApp();
    expect((await failure(h, 'sheets.get', { personId: 99999, period: '2026-10' })).refusal).toEqual({ code: 'not-found', what: 'person', id: '99999' });
    const jobId = '00000000-0000-4000-8000-000000000000';
    expect((await failure(h, 'jobs.get', { jobId })).refusal).toEqual({ code: 'not-found', what: 'job', id: jobId });
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    expect((await failure(h, 'trust.remove', { fingerprint })).refusal).toEqual({ code: 'not-found', what: 'trusted-signer', id: fingerprint });
  });

  it('a file signed by an untrusted certificate: the trust check names the signer, its step and fingerprint; approving it is refused with that reason', async () => {
    const manager = await managerApp();
    const ready = sheetIn(manager.db, 'ready');
    const exported = await ok<ExportResult>(manager.h, 'sheets.export', {
      personId: ready.personId,
      period: ready.period,
      fingerprint: manager.identity.fingerprint,
      passphrase: PASS,
      language: 'zh',
    });

    // Sales planning's app, which has not added the manager's certificate.
    const { db, path } = tempDb();
    const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
    const planner = await ok<IdentityInfo>(h, 'identities.create', { name: '李娜', role: 'planning', passphrase: PASS });
    const [entry] = await ok<InboxEntry[]>(h, 'inbox.add', { files: [{ fileName: exported.fileName, dataBase64: exported.dataBase64 }] });
    expect(entry!.verdict.ok).toBe(false);
    expect(entry!.verdict.failure).toMatchObject({
      check: 'trust',
      reason: { code: 'untrusted', signature: 1, name: '王磊', role: 'manager', fingerprint: manager.identity.fingerprint },
    });
    // The list reads the stored verdict with its reason.
    expect((await ok<InboxEntry[]>(h, 'inbox.list', {}))[0]!.verdict.failure?.reason).toEqual(entry!.verdict.failure?.reason);

    const f = await failure(h, 'inbox.approve', { sha256: entry!.sha256, fingerprint: planner.fingerprint, passphrase: PASS });
    expect(f.kind).toBe('conflict');
    expect(f.refusal).toMatchObject({ code: 'file-not-verified', fileName: exported.fileName, failure: { check: 'trust', reason: { code: 'untrusted', fingerprint: manager.identity.fingerprint } } });
  });
});
