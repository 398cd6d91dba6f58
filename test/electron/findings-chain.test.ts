/**
 * A sheet filled from the departments' findings goes through the approval chain on real files:
 * the manager exports it signed, sales planning, the VP and HR verify (the embedded data check
 * includes the sources) and countersign, HR imports it — and HR's copy keeps every deduction's
 * source (department, file, line, date).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainRole, StoredFile } from '../../shared/api/types.ts';
import { callApp, type ChainApp, NAMES, PASS, setUpChainApps, tearDownChainApps, upload } from '../helpers/chain-apps.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10; the findings of 2026-11
const PERIOD = '2026-11';

let root: string;
const apps = {} as Record<ChainRole, ChainApp>;
const call = callApp;
const bytesOf = (file: { dataBase64: string }) => Buffer.from(file.dataBase64, 'base64');
const personId = (app: ChainApp, no: string) => (app.db.prepare('SELECT id FROM people WHERE employee_no = ?').get(no) as { id: number }).id;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'findings-chain-'));
  await setUpChainApps(apps, root, TODAY);
  const south = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
  await call(apps.manager, 'user.set', { name: NAMES.manager, chainRole: 'manager', regionId: south });
}, 60_000);

afterAll(() => tearDownChainApps(apps, root));

describe('a sheet from findings through the chain', () => {
  it('is verified at every step and HR’s copy keeps each deduction’s source', async () => {
    // 索赔组 found F-201's claim forms poor (the demo's findings of the month); 索赔组 and 技术组 each a time not reachable.
    const rec = await call(apps.manager, 'sheets.get', { personId: personId(apps.manager, 'F-201'), period: PERIOD });
    const claims = rec.input.items?.['service-center.claims'];
    expect(claims).toMatchObject({ grade: 'poor', deduction: 6, sources: [{ from: 'claims', file: `索赔组-${PERIOD}.csv`, row: 2, date: `${PERIOD}-02`, note: '两张索赔单缺故障照片' }] });
    const whereabouts = rec.input.items?.whereabouts;
    expect(whereabouts?.sources?.map((s) => s.from)).toEqual(['claims', 'technical']);
    const { items, absences, handIns } = rec.input;
    await call(apps.manager, 'sheets.save', { personId: rec.person.id, period: PERIOD, entry: { items, absences, handIns }, status: 'ready', expectedRevision: rec.revision });
    const exported = await call(apps.manager, 'sheets.export', { personId: rec.person.id, period: PERIOD, fingerprint: apps.manager.identity.fingerprint, passphrase: PASS.manager, language: 'zh' });

    let current: { fileName: string; dataBase64: string } = exported;
    let last: StoredFile | undefined;
    for (const role of ['planning', 'vp', 'hr'] as const) {
      const [entry] = await call(apps[role], 'inbox.add', { files: [upload(current.fileName, bytesOf(current))] });
      expect(entry!.verdict, JSON.stringify(entry!.verdict)).toMatchObject({ ok: true });
      last = (await call(apps[role], 'inbox.approve', { sha256: entry!.sha256, fingerprint: apps[role].identity.fingerprint, passphrase: PASS[role] })).file;
      current = last;
    }
    const [outcome] = await call(apps.hr, 'hr.import', { files: [upload(last!.fileName, bytesOf(last!))] });
    expect(outcome).toMatchObject({ outcome: 'imported', employeeNo: 'F-201', period: PERIOD });
    const atHr = await call(apps.hr, 'sheets.get', { personId: personId(apps.hr, 'F-201'), period: PERIOD });
    expect(atHr.status).toBe('approved');
    expect(atHr.input.items?.['service-center.claims']).toEqual(claims);
    expect(atHr.input.items?.whereabouts).toEqual(whereabouts);
    expect(atHr.result.monthlyScore).toBe(rec.result.monthlyScore);
  }, 120_000);
});
