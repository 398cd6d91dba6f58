/**
 * Verifying a 4-signature sheet (manager → sales planning → VP → HR, each an incremental update,
 * as the inbox and HR's import receive them): verifySheetPdf, the one verifier behind the inbox,
 * HR's import and the CLI (structure, byte ranges, every CMS, revisions, trust, chain order, and
 * the embedded data recomputed by the shared engine). Ten different files, after one warm-up
 * pass; the median over three passes. Baseline: poppler's pdfsig on the same files (a process
 * per file, as a user runs it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainRole } from '../../shared/api/types.ts';
import { reasonFor } from '../../electron/services/export.ts';
import { trustedSigners, verifySheetPdf } from '../../electron/services/sheet-verify.ts';
import { signPdf } from '../../electron/signing/index.ts';
import type { Company } from './data.ts';
import { openIdentity } from './exporting.ts';
import { median, progress, since } from './measure.ts';

export interface VerifyResult {
  files: number;
  productMs: number;
  baselineMs: number | null;
  baselineNote: string;
}

const REVIEWERS: { role: ChainRole; name: string; comment: string }[] = [
  { role: 'planning', name: '李娜', comment: '销售计划部：数据已核对' },
  { role: 'vp', name: '张伟', comment: '同意' },
  { role: 'hr', name: '陈静', comment: '人力资源部：已归档' },
];

export async function measureVerify(company: Company, managerFiles: string[], count = 10): Promise<VerifyResult> {
  const reviewers = [];
  for (const r of REVIEWERS) reviewers.push({ ...r, identity: await openIdentity(company, r.role, r.name) });
  const files: { path: string; pdf: Buffer }[] = [];
  for (const [i, source] of managerFiles.slice(0, count).entries()) {
    let pdf: Buffer = readFileSync(source);
    for (const r of reviewers) pdf = await signPdf(pdf, r.identity, { reason: reasonFor(r.role, false), comment: r.comment });
    const path = join(company.dir, `four-signatures-${i + 1}.pdf`);
    writeFileSync(path, pdf);
    files.push({ path, pdf });
  }
  const trusted = trustedSigners(company.db);

  const times: number[] = [];
  for (let pass = 0; pass < 4; pass++) {
    for (const file of files) {
      const start = performance.now();
      const v = await verifySheetPdf(file.pdf, trusted);
      const ms = since(start);
      if (!v.verdict.ok || !v.complete || v.verdict.signatures.length !== 4) throw new Error(`${file.path} does not verify as a complete 4-signature sheet: ${v.verdict.failure?.message ?? 'incomplete'}`);
      if (pass > 0) times.push(ms);
    }
  }
  progress(`  verifySheetPdf: median ${median(times).toFixed(1)} ms over ${times.length} verifications of ${files.length} files`);

  const probe = spawnSync('pdfsig', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { files: files.length, productMs: median(times), baselineMs: null, baselineNote: 'baseline unavailable: pdfsig (poppler-utils) is not installed' };
  const version = (probe.stderr || probe.stdout).split('\n')[0]!.trim();
  const pdfsig: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (const file of files) {
      const start = performance.now();
      const r = spawnSync('pdfsig', [file.path], { encoding: 'utf8' });
      const ms = since(start);
      const valid = (r.stdout.match(/Signature is Valid/g) ?? []).length;
      if (valid !== 4) throw new Error(`pdfsig finds ${valid} valid signatures in ${file.path}, not 4: ${r.stdout.slice(0, 300)}`);
      pdfsig.push(ms);
    }
  }
  progress(`  pdfsig: median ${median(pdfsig).toFixed(1)} ms over ${pdfsig.length} runs`);
  return { files: files.length, productMs: median(times), baselineMs: median(pdfsig), baselineNote: version };
}
