/**
 * Approving a region's month at once (inbox.approveMany as its job runs it): sales planning's
 * inbox holds 120 sheets its region's manager signed (added beforehand, as they arrive: not
 * measured); the clock runs from the passphrase typed once (the identity opened) to the job's
 * last file kept — each entry checked (the verdict stored when it arrived reused: nothing changed
 * since), signed, its signed copy verified again, written and recorded. Baseline: the same 120
 * files signed by 120 separate `scorecard sign FILE --identity planning.p12 --trust DIR`
 * processes, one after the other, as a reviewer without the app would run them.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createStoredIdentity, openStoredIdentity } from '../../electron/services/identities.ts';
import { addToInbox, fileRow } from '../../electron/services/inbox.ts';
import { runBulkApproval } from '../../electron/services/inbox-bulk.ts';
import { createJob } from '../../electron/services/jobs.ts';
import { sha256Hex } from '../../electron/services/files.ts';
import { createIdentity } from '../../electron/signing/index.ts';
import type { Company } from './data.ts';
import { progress, since } from './measure.ts';

export const BULK_SHEETS = 120;
const PASSPHRASE = 'bench bulk approval';

export interface BulkApprovalResult {
  sheets: number;
  signed: number;
  reused: number;
  productMs: number;
  /** 120 `scorecard sign` processes; null when not measured. */
  baselineMs: number | null;
  baselineNote: string;
}

export async function measureBulkApproval(company: Company, managerFiles: string[], options: { baseline?: boolean } = {}): Promise<BulkApprovalResult> {
  const files = managerFiles.slice(0, BULK_SHEETS);
  if (files.length < BULK_SHEETS) throw new Error(`only ${files.length} signed sheets to approve, not ${BULK_SHEETS}`);
  const { db } = company;
  // Sales planning's identity, in the app's store and as a .p12 for the command line.
  const created = await createIdentity({ name: '计划部 赵敏', role: 'planning' }, PASSPHRASE);
  const dir = join(company.dir, 'bulk-approval');
  mkdirSync(dir, { recursive: true });
  const p12 = join(dir, 'planning.p12');
  writeFileSync(p12, created.p12);
  const info = await createStoredIdentity(db, { name: '计划部 赵敏', role: 'planning', passphrase: PASSPHRASE });

  // The files arrive in the inbox (verified and stored with their verdict): not measured.
  const started = performance.now();
  for (let i = 0; i < files.length; i += 20) {
    await addToInbox(db, { files: files.slice(i, i + 20).map((path) => ({ fileName: basename(path), dataBase64: readFileSync(path).toString('base64') })) });
  }
  progress(`  ${files.length} sheets added to the inbox (${(since(started) / 1000).toFixed(1)} s, not measured)`);
  const rows = files.map((path) => fileRow(db, sha256Hex(readFileSync(path)))!);

  // Measured: the passphrase once, then the job.
  const start = performance.now();
  const identity = await openStoredIdentity(db, info.fingerprint, PASSPHRASE);
  const job = createJob('approve-many', rows.length);
  await runBulkApproval(db, rows, identity, job);
  const productMs = since(start);
  const outcomes = job.outcomes ?? [];
  const signed = outcomes.filter((o) => o.outcome === 'signed').length;
  if (signed !== files.length) {
    const skip = outcomes.find((o) => o.outcome === 'skipped');
    throw new Error(`bulk approval signed ${signed} of ${files.length}: ${skip?.message ?? ''}`);
  }
  const reused = outcomes.filter((o) => o.reused).length;
  progress(`  bulk approval: ${signed} signed in ${(productMs / 1000).toFixed(1)} s (${reused} with the stored verdict)`);
  if (options.baseline === false) return { sheets: files.length, signed, reused, productMs, baselineMs: null, baselineNote: 'not measured' };

  // Baseline: a process per file, as `scorecard sign` is run by hand.
  const trust = join(dir, 'trust');
  mkdirSync(trust, { recursive: true });
  const certs = db.prepare("SELECT fingerprint, certificate FROM trusted_signers WHERE role = 'manager'").all() as { fingerprint: string; certificate: Buffer }[];
  for (const [i, c] of certs.entries()) writeFileSync(join(trust, `manager-${i}.cer`), c.certificate);
  const copies = join(dir, 'cli');
  mkdirSync(copies, { recursive: true });
  const targets = files.map((path) => {
    const copy = join(copies, basename(path));
    copyFileSync(path, copy);
    return copy;
  });
  const cli = join(process.cwd(), 'electron/cli/bin.mjs');
  const base = performance.now();
  for (const [i, file] of targets.entries()) {
    execFileSync(process.execPath, [cli, 'sign', file, '--identity', p12, '--trust', trust], { env: { ...process.env, SCORECARD_PASSPHRASE: PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
    if ((i + 1) % 20 === 0) progress(`  scorecard sign: ${i + 1}/${targets.length} (${(since(base) / 1000).toFixed(1)} s)`);
  }
  const baselineMs = since(base);
  progress(`  ${targets.length} scorecard sign processes: ${(baselineMs / 1000).toFixed(1)} s`);
  return { sheets: files.length, signed, reused, productMs, baselineMs, baselineNote: `${targets.length} processes of node ${process.version} + tsx, one after the other` };
}
