/**
 * A month's export through the worker pool (export-pool.ts): real worker threads render and sign,
 * the app's thread keeps the files. The pooled files pass the verifier and carry the same data as
 * the same sheets exported one at a time in the app's thread; the job's progress counts up to the
 * total and the files come in plan order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/types.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { planMonthExport, reasonFor, runMonthExport } from '../../electron/services/export.ts';
import { openExportPool, PoolUnavailable } from '../../electron/services/export-pool.ts';
import { createStoredIdentity, openStoredIdentity } from '../../electron/services/identities.ts';
import { createJob, getJob } from '../../electron/services/jobs.ts';
import { trustedSigners, verifySheetPdf } from '../../electron/services/sheet-verify.ts';
import { getSheet } from '../../electron/services/sheets.ts';
import { tempDb, tempDir } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PERIOD = '2026-09';

/** The embedded data without the export's own time (it differs between two exports). */
function dataOf(file: string, trusted: ReturnType<typeof trustedSigners>) {
  return verifySheetPdf(readFileSync(file), trusted).then((v) => {
    expect(v.verdict.failure).toBeUndefined();
    expect(v.verdict.ok).toBe(true);
    const data = structuredClone(v.data!) as unknown as Record<string, unknown> & { chain: { at?: string }[] };
    delete data.exportedAt;
    for (const entry of data.chain) delete entry.at;
    return data;
  });
}

describe('a month exported by the worker pool', () => {
  it('gives files the verifier accepts, with the same data as exporting one sheet at a time', async () => {
    const { db } = tempDb();
    loadDemo(db, TODAY);
    const info = await createStoredIdentity(db, { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: 'pool test', algorithm: 'ECDSA-P256' });
    const identity = await openStoredIdentity(db, info.fingerprint, 'pool test');
    const plan = planMonthExport(db, { period: PERIOD, role: 'manager' });
    expect(plan.targets.length).toBeGreaterThanOrEqual(6);
    plan.targets.splice(6); // a few sheets keep the test quick; two workers still share them

    const pooledDir = tempDir();
    const job = createJob('export-month', plan.targets.length);
    const progress: number[] = [];
    const poll = setInterval(() => progress.push(getJob({ jobId: job.id }).done), 5);
    try {
      await runMonthExport(db, { period: PERIOD, identity, language: 'zh', outDir: pooledDir, workers: 2 }, job, plan);
    } finally {
      clearInterval(poll);
    }
    const done: JobStatus = getJob({ jobId: job.id });
    expect(done.failures).toEqual([]);
    expect(done.finished).toBe(true);
    expect(done.done).toBe(plan.targets.length);
    expect(done.files.map((f) => f.personId)).toEqual(plan.targets.map((t) => t.personId));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.every((n) => n <= plan.targets.length)).toBe(true);

    // The same sheets again (a signed sheet may be exported again), one at a time in this thread.
    const again = planMonthExport(db, { period: PERIOD, role: 'manager', includeSigned: true });
    const singles = { ...again, targets: again.targets.filter((t) => plan.targets.some((p) => p.personId === t.personId)) };
    const singleDir = tempDir();
    const job2 = createJob('export-month', singles.targets.length);
    await runMonthExport(db, { period: PERIOD, identity, language: 'zh', outDir: singleDir, workers: 0 }, job2, singles);
    expect(job2.failures).toEqual([]);
    expect(job2.files).toHaveLength(plan.targets.length);

    const trusted = trustedSigners(db);
    for (const file of done.files) {
      const single = job2.files.find((f) => f.personId === file.personId)!;
      expect(file.fileName).toBe(single.fileName);
      expect(await dataOf(file.path, trusted)).toEqual(await dataOf(join(singleDir, single.fileName), trusted));
      // The pooled file is the one recorded and kept (the re-export wrote to another folder).
      expect(file.path).toBe(join(pooledDir, file.fileName));
    }
  }, 120_000);

  it('a worker renders and signs what it is sent; a closed pool takes no more sheets (the batch then renders them itself)', async () => {
    const { db } = tempDb();
    loadDemo(db, TODAY);
    const info = await createStoredIdentity(db, { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: 'x', algorithm: 'ECDSA-P256' });
    const identity = await openStoredIdentity(db, info.fingerprint, 'x');
    const target = planMonthExport(db, { period: PERIOD, role: 'manager' }).targets[0]!;
    const record = getSheet(db, { personId: target.personId, period: PERIOD });
    const at = new Date().toISOString();
    const pool = openExportPool(identity, 1);
    const signed = await pool.run({
      record,
      pdf: { language: 'en', scorer: identity.name, chain: [{ role: 'manager', name: identity.name, at }], exportedAt: at },
      reason: reasonFor('manager', true),
      signingTime: at,
    });
    await pool.close();
    const v = await verifySheetPdf(signed, trustedSigners(db));
    expect(v.verdict.failure).toBeUndefined();
    expect(v.data?.person.employeeNo).toBe(target.employeeNo);
    expect(v.verdict.signatures.map((s) => s.name)).toEqual([identity.name]);
    await expect(pool.run({} as never)).rejects.toBeInstanceOf(PoolUnavailable);
  }, 60_000);
});
