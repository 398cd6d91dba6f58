/**
 * Export + sign, through the services the app uses, with an identity stored and opened as
 * sheets.export opens it:
 *   - one sheet: exportWithIdentity (read, render, sign, write the file, record it, audit), one
 *     sheet at a time in the app's thread; the median of 20 after 30 warm-up exports (reported);
 *   - a batch: the 500 ready sheets of one region, exported by its manager as sheets.exportMonth
 *     runs it (planMonthExport + runMonthExport: a worker thread per core), progress polled from
 *     the job as the renderer does.
 * Baseline: LibreOffice headless converting the same sheets, written as XLSX, to PDF (no signing):
 * one file per soffice run, and the 500 files split over one soffice process per core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ChainRole } from '../../shared/api/types.ts';
import { exportWithIdentity, planMonthExport, runMonthExport, type Signer } from '../../electron/services/export.ts';
import { createStoredIdentity, openStoredIdentity } from '../../electron/services/identities.ts';
import { createJob, getJob } from '../../electron/services/jobs.ts';
import { trustedSigners, verifySheetPdf } from '../../electron/services/sheet-verify.ts';
import { getSheet } from '../../electron/services/sheets.ts';
import { BATCH_REGION, type Company } from './data.ts';
import { convertAll, sofficeVersion, writeSheetXlsx } from './libreoffice.ts';
import { median, progress, since } from './measure.ts';

export const SINGLE_RUNS = 20;
/** Exports before the measured ones: the first loads the fonts; JIT and caches settle over the next ones. */
export const SINGLE_WARMUP = 30;
const PASSPHRASE = 'bench passphrase';

export interface ExportResultRow {
  /** One sheet: the first (fonts loaded and parsed), the median of the other warm-up exports, and of the measured ones, ms. */
  singleFirstMs: number;
  warmupMs: number;
  warmup: number;
  singleMs: number;
  singleRuns: number;
  batchSheets: number;
  batchMs: number;
  workers: number;
  /** The files of the single exports (signed by the manager), for the verification benchmark. */
  singleFiles: string[];
  /** The batch's files (a region's month, signed by its manager), for the bulk approval benchmark. */
  batchFiles: string[];
  manager: Signer;
  /** LibreOffice: one file, and the batch over `workers` processes; null when soffice is missing. */
  baselineSingleMs: number | null;
  baselineBatchMs: number | null;
  baselineNote: string;
}

export async function openIdentity(company: Company, role: ChainRole, name: string, employeeNo?: string): Promise<Signer> {
  // A regional manager's identity carries their employee number (the roster's checks need it).
  const info = await createStoredIdentity(company.db, { name, role, passphrase: PASSPHRASE, algorithm: 'ECDSA-P256', ...(employeeNo ? { employeeNo } : {}) });
  return openStoredIdentity(company.db, info.fingerprint, PASSPHRASE);
}

export async function measureExports(company: Company): Promise<ExportResultRow> {
  const { db, last } = company;
  const batchRegion = company.regions.find((r) => r.code === BATCH_REGION)!;
  const otherRegion = company.regions.find((r) => r.code !== BATCH_REGION)!;
  const head = company.people.find((p) => p.regionId === batchRegion.id && p.role === 'regional-manager')!;
  const manager = await openIdentity(company, 'manager', head.name, head.employeeNo);
  // A regional manager exports only their own region: the single exports (another region's sheets) are its manager's.
  const otherHead = company.people.find((p) => p.regionId === otherRegion.id && p.role === 'regional-manager')!;
  const otherManager = await openIdentity(company, 'manager', otherHead.name, otherHead.employeeNo);
  const plan = planMonthExport(db, { period: last, regionId: batchRegion.id, role: 'manager' });
  const singles = planMonthExport(db, { period: last, regionId: otherRegion.id, role: 'manager' }).targets.slice(0, SINGLE_WARMUP + SINGLE_RUNS);

  // The XLSX twins of the same sheets (before they are exported), for LibreOffice.
  const soffice = sofficeVersion();
  const xlsxDir = join(company.dir, 'xlsx');
  const xlsx: string[] = [];
  if (soffice) {
    mkdirSync(xlsxDir, { recursive: true });
    const started = performance.now();
    for (const target of [singles[0]!, ...plan.targets]) {
      const file = join(xlsxDir, `${target.employeeNo}.xlsx`);
      const record = getSheet(db, { personId: target.personId, period: last });
      await writeSheetXlsx(record, file, record.person.regionId === batchRegion.id ? batchRegion.name : otherRegion.name);
      xlsx.push(file);
    }
    progress(`  ${xlsx.length} XLSX sheets written for LibreOffice (${Math.round(since(started))} ms, not measured)`);
  }

  // One sheet at a time.
  const singleDir = join(company.dir, 'exports-single');
  const times: number[] = [];
  const singleFiles: string[] = [];
  for (const target of singles) {
    const start = performance.now();
    const result = await exportWithIdentity(db, { personId: target.personId, period: last, identity: otherManager, language: 'zh', outDir: singleDir });
    times.push(since(start));
    singleFiles.push(result.path);
  }
  const [singleFirstMs, ...rest] = times;
  const warm = rest.slice(0, SINGLE_WARMUP - 1);
  const measured = rest.slice(SINGLE_WARMUP - 1);
  progress(`  one sheet: first ${singleFirstMs!.toFixed(0)} ms (fonts loaded), next ${warm.length} median ${median(warm).toFixed(1)} ms, then median ${median(measured).toFixed(1)} ms over ${measured.length}`);

  // A region's month as one job.
  const batchDir = join(company.dir, 'exports-batch');
  const job = createJob('export-month', plan.targets.length);
  const start = performance.now();
  const poll = setInterval(() => {
    const status = getJob({ jobId: job.id });
    progress(`  batch: ${status.done}/${status.total} (${(since(start) / 1000).toFixed(1)} s)`);
  }, 2000);
  try {
    await runMonthExport(db, { period: last, regionId: batchRegion.id, identity: manager, language: 'zh', outDir: batchDir }, job, plan);
  } finally {
    clearInterval(poll);
  }
  const batchMs = since(start);
  if (job.failures.length) throw new Error(`the batch failed for ${job.failures.length} sheets: ${job.failures[0]!.message}`);
  // The batch's files are real: the verifier accepts a sample.
  for (const file of job.files.filter((_, i) => i % 100 === 0)) {
    const v = await verifySheetPdf(readFileSync(file.path), trustedSigners(db));
    if (!v.verdict.ok) throw new Error(`the batch's ${file.fileName} does not verify: ${v.verdict.failure?.message}`);
  }
  const workers = Math.min(availableParallelism(), plan.targets.length);
  progress(`  batch: ${job.files.length} sheets in ${(batchMs / 1000).toFixed(1)} s with ${workers} workers`);

  const row: ExportResultRow = {
    singleFirstMs: singleFirstMs!,
    warmupMs: median(warm),
    warmup: SINGLE_WARMUP,
    singleMs: median(measured),
    singleRuns: measured.length,
    batchSheets: job.files.length,
    batchMs,
    workers,
    singleFiles,
    batchFiles: job.files.map((f) => f.path),
    manager,
    baselineSingleMs: null,
    baselineBatchMs: null,
    baselineNote: soffice ? soffice.split('\n')[0]! : 'baseline unavailable: soffice (LibreOffice) is not installed',
  };
  if (!soffice) {
    progress('  LibreOffice: baseline unavailable (soffice not found)');
    return row;
  }
  try {
    const profiles = Array.from({ length: workers }, (_, i) => join(company.dir, `lo-profile-${i}`));
    // Each profile is created by a first conversion (not measured): a user's LibreOffice has one.
    await Promise.all(profiles.map((p, i) => convertAll([xlsx[0]!], join(company.dir, `lo-warm-${i}`), p)));
    const single: number[] = [];
    for (let run = 0; run < 3; run++) single.push((await convertAll([xlsx[0]!], join(company.dir, `lo-single-${run}`), profiles[0]!)).ms);
    row.baselineSingleMs = median(single);
    progress(`  LibreOffice, one sheet: median ${row.baselineSingleMs.toFixed(0)} ms (${single.map((t) => t.toFixed(0)).join(', ')})`);
    const files = xlsx.slice(1);
    const share = profiles.map((_, i) => files.filter((__, j) => j % workers === i));
    const t = performance.now();
    const runs = await Promise.all(share.map((list, i) => convertAll(list, join(company.dir, `lo-batch-${i}`), profiles[i]!)));
    row.baselineBatchMs = since(t);
    const retried = runs.reduce((n, r) => n + r.retried, 0);
    if (retried) row.baselineNote += `; in the batch soffice skipped ${retried} files, converted by a second run (timed)`;
    progress(`  LibreOffice, ${files.length} sheets over ${workers} processes: ${(row.baselineBatchMs / 1000).toFixed(1)} s${retried ? ` (${retried} files needed a second run)` : ''}`);
  } catch (err) {
    row.baselineNote = `baseline unavailable: ${(err as Error).message}`;
    progress(`  LibreOffice failed: ${(err as Error).message}`);
  }
  return row;
}
