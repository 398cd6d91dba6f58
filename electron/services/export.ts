/**
 * Export and sign: a sheet marked ready becomes a PDF (electron/pdf) carrying scoresheet.json,
 * signed by the first step of its chain (the regional manager; for a regional manager's own
 * sheet, sales planning), kept as <data dir>/exports/YYYY-MM/<employeeNo>-<period>.pdf, and the
 * sheet's status becomes 'signed'.
 *
 * Re-export: a 'signed' sheet may be exported again (a new file, same path) as long as this app
 * has not seen a countersigned copy of one of its exports; once a later step has signed, the
 * reviewer must return it (a return note reopens the sheet). A signed sheet is not edited in place:
 * a change is an amendment (sheets.amend, amendments.ts), which this export signs as the next
 * version, its file carrying the amendment (the version it amends, the reason, the changes). Each
 * signed export is recorded as a version (sheet_versions).
 *
 * A month's batch runs as a job: the sheets are rendered and signed by a pool of worker threads
 * (one per core; export-pool.ts) while this thread reads them and keeps the files in order,
 * yielding to the event loop between sheets.
 */
import { join } from 'node:path';
import type { ChainRole, ExportResult, JobStatus, Language, Person, SheetRecord, SheetStatus } from '../../shared/api/types.ts';
import { assessedInSql } from '../../shared/assessed.ts';
import { firstStepFor } from '../../shared/chain.ts';
import { isExportable } from '../../shared/sheet-status.ts';
import type { Refusal } from '../../shared/refusals.ts';
import type { ChainEntry } from '../../shared/score-file.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { renderDocument } from '../pdf/render.ts';
import { embeddedDataFile, FONT_FAMILY, formatPoints, sheetKpis } from '../pdf/sheet.ts';
import { REGION_SUMMARY_FORMAT, type RegionSummaryJson } from './region-summary.ts';
import { flagWords, sheetLabels } from '../pdf/labels.ts';
import { allGroups, leafItems } from '../../shared/rubric/schema.ts';
import { type SigningIdentity, signPdf } from '../signing/index.ts';
import type { Amendment } from '../../shared/amendment.ts';
import { hasChanges } from '../../shared/amendment.ts';
import { amendmentForExport, currentVersionNo, recordSignedVersion } from './amendments.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { type ExportPool, PoolUnavailable, openExportPool, poolSizeFor } from './export-pool.ts';
import { type SheetExportTask, renderAndSignSheet } from './export-render.ts';
import { personFigures } from './figures.ts';
import { dataPath, safeName, sha256Hex, writeFileAtomic } from './files.ts';
import { openStoredIdentity } from './identities.ts';
import { createJob, finishJob, yieldToEventLoop } from './jobs.ts';
import { getPerson } from './people.ts';
import { assertOwnRegion, exportRegion } from './roster-trust.ts';
import { getSheet } from './sheets.ts';
import { currentUser } from './settings.ts';
import { formatLocalTime } from '../../shared/time.ts';

/** An opened identity with the chain role it signs for. */
export type Signer = SigningIdentity & { role: ChainRole };

export interface ExportOptions {
  personId: number;
  period: string;
  identity: Signer;
  language: Language;
  /** Where to write the file; default <data dir>/exports/YYYY-MM. */
  outDir?: string;
}

/** The /Reason of a chain signature. */
export function reasonFor(role: ChainRole, first: boolean): string {
  return first ? `approval: ${role} (scored and exported)` : `approval: ${role}`;
}

export function exportFileName(employeeNo: string, period: string): string {
  return `${safeName(employeeNo)}-${period}.pdf`;
}

function regionOf(db: Db, person: Person): { code: string; name: string } | undefined {
  if (person.regionId === null) return undefined;
  return statement(db, 'SELECT code, name FROM regions WHERE id = ?').get(person.regionId) as { code: string; name: string } | undefined;
}

/** Why a sheet cannot be exported by this signer now (in English and as data), or null. */
function exportRefusal(db: Db, record: SheetRecord, role: ChainRole): { message: string; refusal: Refusal } | null {
  const who = `${record.person.name} (${record.person.employeeNo}) for ${record.period}`;
  const sheet = { name: record.person.name, employeeNo: record.person.employeeNo, period: record.period };
  const first = firstStepFor(record.person.role);
  if (first !== role) {
    return {
      message: `the sheet of ${who} is signed first by ${first === 'manager' ? 'the regional manager' : 'sales planning'}, not by ${role}`,
      refusal: { code: 'export-other-step', ...sheet, first, role },
    };
  }
  if (record.status === 'not-started') return { message: `the sheet of ${who} has not been started`, refusal: { code: 'not-exportable', ...sheet, status: 'not-started' } };
  if (!isExportable(record.status)) {
    if (record.status === 'approved') return { message: `the sheet of ${who} is approved (final)`, refusal: { code: 'not-exportable', ...sheet, status: 'approved' } };
    const status = record.status === 'returned' ? 'returned' : 'draft';
    return { message: `the sheet of ${who} is ${status === 'returned' ? 'returned' : 'a draft'}: mark it ready first`, refusal: { code: 'not-exportable', ...sheet, status } };
  }
  if (record.status === 'signed') {
    const countersigned = statement(
      db,
      `SELECT 1 FROM sheet_files r
           JOIN sheet_files e ON e.sha256 = r.export_sha256 AND e.kind = 'export'
           JOIN sheets s ON s.id = e.sheet_id
           JOIN people p ON p.id = s.person_id
          WHERE p.id = ? AND s.period = ? AND r.kind = 'received' AND json_array_length(r.chain) >= 2`,
    ).get(record.person.id, record.period);
    if (countersigned) {
      return { message: `the sheet of ${who} has been countersigned already; ask the reviewer to return it before exporting it again`, refusal: { code: 'countersigned', ...sheet } };
    }
  }
  return null;
}

/** A sheet checked and read for export: what to render and sign, and where the file goes. */
interface PreparedExport {
  record: SheetRecord;
  /** The amendment the file carries (version 2, 3…), or undefined for version 1. */
  amendment: Amendment | undefined;
  task: SheetExportTask;
  exportedAt: string;
  fileName: string;
  path: string;
}

/** Read and check a sheet for export (throws ServiceError when this signer may not export it now). */
function prepareExport(db: Db, options: ExportOptions): PreparedExport {
  const record = getSheet(db, { personId: options.personId, period: options.period });
  const role = options.identity.role;
  const refusal = exportRefusal(db, record, role);
  if (refusal) throw new ServiceError(record.status === 'not-started' ? 'not-found' : 'conflict', refusal.message, refusal.refusal);
  assertOwnRegion(db, options.identity, record.person);

  const amendment = amendmentForExport(db, record);
  if (amendment && !hasChanges(amendment)) {
    throw new ServiceError('conflict', `the amendment of the sheet of ${record.person.name} for ${record.period} changes nothing from version ${amendment.amends.version}`, {
      code: 'amendment-unchanged',
      name: record.person.name,
      period: record.period,
    });
  }
  const region = regionOf(db, record.person);
  const exportedAt = new Date().toISOString();
  const chain: ChainEntry[] = [{ role, name: options.identity.name, at: exportedAt }];
  const fileName = exportFileName(record.person.employeeNo, record.period);
  const kpis = personFigures(db, record.person.id, record.period).kpis;
  return {
    record,
    amendment,
    task: {
      record: { ...record, status: 'ready' },
      // The KPIs recorded for the month go on the sheet for information (never part of the score).
      pdf: {
        language: options.language,
        scorer: options.identity.name,
        regionName: region?.name,
        region,
        chain,
        exportedAt,
        kpis: sheetKpis(kpis, options.language),
        // …and as numbers in scoresheet.json: HR keeps them as figures from the sheet, unconfirmed.
        kpiValues: kpis,
        ...(amendment ? { amendment } : {}),
      },
      reason: reasonFor(role, true),
      signingTime: exportedAt,
    },
    exportedAt,
    fileName,
    path: join(options.outDir ?? dataPath(db, 'exports', record.period), fileName),
  };
}

/** Keep a signed export: the file, its record, the status 'signed' and the audit entry, in one transaction. */
function commitExport(db: Db, prepared: PreparedExport, signed: Buffer, identity: Signer): ExportResult {
  const { record, exportedAt, fileName, path } = prepared;
  const role = identity.role;
  const sha256 = sha256Hex(signed);
  writeTransaction(db, () => {
    const row = statement(db, 'SELECT id, status, revision, amends_version, amends_sha256, amend_reason FROM sheets WHERE person_id = ? AND period = ?').get(record.person.id, record.period) as
      | { id: number; status: string; revision: number; amends_version: number | null; amends_sha256: string | null; amend_reason: string | null }
      | undefined;
    if (!row || row.revision !== record.revision || row.status !== record.status) {
      throw new ServiceError('conflict', `the sheet of ${record.person.name} for ${record.period} changed while it was being exported; export it again`, {
        code: 'changed-during-export',
        name: record.person.name,
        period: record.period,
      });
    }
    const now = new Date().toISOString();
    const actor = currentUser(db)?.name ?? identity.name;
    statement(db, "UPDATE sheets SET status = 'signed', revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?").run(now, actor, row.id);
    statement(
      db,
      `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, verdict, export_sha256, state, note, received_at)
       VALUES (?, 'export', ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?)`,
    ).run(
      sha256,
      row.id,
      record.person.employeeNo,
      record.period,
      fileName,
      path,
      signed.length,
      JSON.stringify([{ name: identity.name, role, fingerprint: identity.fingerprint, signingTime: exportedAt, reason: reasonFor(role, true), comment: '' }]),
      sha256,
      now,
    );
    const version = currentVersionNo(row);
    recordSignedVersion(db, {
      sheetId: row.id,
      version,
      rubric: { id: record.rubric.id, version: record.rubric.version },
      input: record.input,
      result: record.result,
      sha256,
      amendsSha256: row.amends_sha256,
      reason: row.amend_reason,
      signedAt: exportedAt,
    });
    writeFileAtomic(path, signed);
    appendAudit(db, {
      action: 'sheet.export',
      entity: 'sheet',
      entityId: `${record.person.employeeNo}/${record.period}`,
      before: { status: record.status },
      after: { status: 'signed', version, signer: identity.name, role, fingerprint: identity.fingerprint, file: path, sha256, monthlyScore: record.result.monthlyScore },
    });
  });
  return {
    personId: record.person.id,
    employeeNo: record.person.employeeNo,
    period: record.period,
    status: 'signed',
    fileName,
    path,
    sha256,
    dataBase64: signed.toString('base64'),
  };
}

/** Export one sheet with an opened identity: render, sign, keep the file, set the status 'signed'. */
export async function exportWithIdentity(db: Db, options: ExportOptions): Promise<ExportResult> {
  const prepared = prepareExport(db, options);
  const signed = await renderAndSignSheet(prepared.task, options.identity);
  return commitExport(db, prepared, signed, options.identity);
}

/** sheets.export: one sheet, signed with one of this app's identities. */
export async function exportSheet(db: Db, input: { personId: number; period: string; fingerprint: string; passphrase: string; language: Language }): Promise<ExportResult> {
  getPerson(db, input.personId);
  const identity = await openStoredIdentity(db, input.fingerprint, input.passphrase);
  return exportWithIdentity(db, { personId: input.personId, period: input.period, identity, language: input.language });
}

// ---------------------------------------------------------------------------------------------
// A month at a time

export interface MonthPlan {
  targets: { personId: number; employeeNo: string; name: string }[];
  skipped: JobStatus['skipped'];
}

/** The sheets of a month (optionally one region) this signer would export, and the others with why not. */
export function planMonthExport(db: Db, input: { period: string; regionId?: number; role: ChainRole; includeSigned?: boolean }): MonthPlan {
  if (input.regionId !== undefined && !statement(db, 'SELECT 1 FROM regions WHERE id = ?').get(input.regionId)) {
    throw new ServiceError('not-found', `region ${input.regionId} does not exist`, { code: 'not-found', what: 'region', id: String(input.regionId) });
  }
  const rows = statement(
    db,
    `SELECT p.id, p.employee_no, p.name, p.role, s.status
         FROM people p
         LEFT JOIN regions r ON r.id = p.region_id
         LEFT JOIN sheets s ON s.person_id = p.id AND s.period = @period
        WHERE ${assessedInSql('@period')}
          AND (@region IS NULL OR p.region_id = @region)
        ORDER BY r.code, p.employee_no`,
  ).all({ period: input.period, region: input.regionId ?? null }) as { id: number; employee_no: string; name: string; role: Person['role']; status: string | null }[];
  const plan: MonthPlan = { targets: [], skipped: [] };
  for (const r of rows) {
    const who = { personId: r.id, employeeNo: r.employee_no, name: r.name };
    const first = firstStepFor(r.role);
    if (first !== input.role) continue; // another step's sheet: not this signer's to export
    if (r.status === 'ready' || (r.status === 'signed' && input.includeSigned)) plan.targets.push(who);
    else if (r.status === null) plan.skipped.push({ ...who, code: 'not-started', reason: 'not started' });
    else if (r.status === 'signed') plan.skipped.push({ ...who, code: 'already-signed', reason: 'already signed' });
    else if (r.status === 'approved') plan.skipped.push({ ...who, code: 'approved', reason: 'approved' });
    else plan.skipped.push({ ...who, code: 'not-ready', reason: `not ready (${r.status})`, status: r.status as SheetStatus });
  }
  return plan;
}

export interface MonthExportOptions {
  period: string;
  regionId?: number;
  identity: Signer;
  language: Language;
  outDir?: string;
  /** Also a signed summary PDF of the exported sheets (<data dir>/exports/YYYY-MM/summary/). */
  summary?: boolean;
  /**
   * Worker threads that render and sign (export-pool.ts); default one per core for a batch of at
   * least POOL_MIN_SHEETS sheets. 0 renders every sheet in this thread.
   */
  workers?: number;
}

/** Below this many sheets a batch renders in the app's thread: starting workers costs more than it saves. */
export const POOL_MIN_SHEETS = 12;

/**
 * Run a month's export into `job` (progress as it goes); never throws for one sheet's failure.
 *
 * With workers, the app's thread reads each sheet, hands it to the pool, and keeps the signed
 * files in plan order as they come back (the same checks and transaction as one sheet's export);
 * a few sheets are in flight per worker. A sheet the pool cannot take (a worker stopped) is
 * rendered here instead.
 */
export async function runMonthExport(db: Db, options: MonthExportOptions, job: JobStatus, plan: MonthPlan): Promise<void> {
  let pool: ExportPool | null = null;
  try {
    job.skipped = plan.skipped;
    const workers = options.workers ?? (plan.targets.length >= POOL_MIN_SHEETS ? poolSizeFor(plan.targets.length) : 0);
    if (workers > 0 && plan.targets.length > 0) pool = openExportPool(options.identity, Math.min(workers, plan.targets.length));

    const inFlight: { target: MonthPlan['targets'][number]; work: Promise<{ prepared: PreparedExport; signed: Buffer }> }[] = [];
    const window = pool ? pool.size * 3 : 1;
    const settle = async () => {
      const { target, work } = inFlight.shift()!;
      try {
        const { prepared, signed } = await work;
        const result = commitExport(db, prepared, signed, options.identity);
        job.files.push({ ...target, period: options.period, fileName: result.fileName, path: result.path, sha256: result.sha256 });
      } catch (err) {
        job.failures.push({ ...target, message: err instanceof Error ? err.message : String(err), ...(err instanceof ServiceError ? { refusal: err.refusal } : {}) });
      }
      job.done += 1;
      await yieldToEventLoop();
    };
    for (const target of plan.targets) {
      const exportOptions: ExportOptions = { personId: target.personId, period: options.period, identity: options.identity, language: options.language, outDir: options.outDir };
      const work = renderForBatch(db, exportOptions, pool);
      work.catch(() => undefined); // its failure is recorded when it is settled, in plan order
      inFlight.push({ target, work });
      // Files are kept (committed) in plan order, as the sheets come back.
      while (inFlight.length >= window) await settle();
    }
    while (inFlight.length > 0) await settle();
    if (options.summary && job.files.length > 0) {
      try {
        job.summary = await writeSummary(db, options, job);
      } catch (err) {
        job.failures.push({ personId: 0, employeeNo: '', name: 'summary', message: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    await pool?.close();
    finishJob(job);
  }
}

/** One sheet of a batch, read here and rendered and signed by the pool (or here, without a pool or when the pool cannot). */
async function renderForBatch(db: Db, options: ExportOptions, pool: ExportPool | null): Promise<{ prepared: PreparedExport; signed: Buffer }> {
  const prepared = prepareExport(db, options);
  if (pool) {
    try {
      return { prepared, signed: await pool.run(prepared.task) };
    } catch (err) {
      if (!(err instanceof PoolUnavailable)) throw err;
    }
  }
  return { prepared, signed: await renderAndSignSheet(prepared.task, options.identity) };
}

/** sheets.exportMonth: start the batch; returns at once with the job id (progress: jobs.get). */
export async function startMonthExport(
  db: Db,
  input: { period: string; regionId?: number; fingerprint: string; passphrase: string; language: Language },
): Promise<{ jobId: string; total: number }> {
  const identity = await openStoredIdentity(db, input.fingerprint, input.passphrase);
  const regionId = exportRegion(db, identity, input.regionId);
  const plan = planMonthExport(db, { period: input.period, regionId, role: identity.role });
  const job = createJob('export-month', plan.targets.length);
  void runMonthExport(db, { period: input.period, regionId, identity, language: input.language, summary: true }, job, plan);
  return { jobId: job.id, total: job.total };
}

// ---------------------------------------------------------------------------------------------
// The region summary: one table of the exported sheets, signed by the same signer.

async function writeSummary(db: Db, options: MonthExportOptions, job: JobStatus): Promise<NonNullable<JobStatus['summary']>> {
  const L = sheetLabels(options.language);
  const zh = options.language === 'zh';
  const region = options.regionId === undefined ? undefined : (statement(db, 'SELECT code, name FROM regions WHERE id = ?').get(options.regionId) as { code: string; name: string });
  // The summary embeds its list (region-summary.ts): each sheet by its exported file, so an inbox links the two.
  const listed: RegionSummaryJson['sheets'] = [];
  const rows = job.files.map((f) => {
    const r = getSheet(db, { personId: f.personId, period: options.period });
    const titleOf = (id: string) => allGroups(r.rubric.items).find((g) => g.id === id)?.title[options.language] ?? leafItems(r.rubric.items).find((l) => l.item.id === id)?.item.title[options.language] ?? id;
    const flagList = r.result.flags.map((f) => flagWords(f, L, titleOf));
    const flags = flagList.join(L.listSep);
    listed.push({ employeeNo: r.person.employeeNo, name: r.person.name, role: r.person.role, sha256: f.sha256, fileName: f.fileName, monthlyScore: r.result.monthlyScore, flags: r.result.flags, flagWords: flagList });
    return [r.person.employeeNo, r.person.name, L.roles[r.person.role], formatPoints(r.result.dailyScore), formatPoints(r.result.attendance.score), formatPoints(r.result.monthlyScore), flags];
  });
  const head = [L.employeeNo, L.name, L.role, L.dailyScore, L.attendanceScore, L.monthlyScore, zh ? '标记' : 'Flags'].map((text) => ({ text, bold: true, fillColor: '#e9edf1' }));
  const title = `${zh ? '月度考核汇总' : 'Monthly assessment summary'} · ${region ? region.name : zh ? '全部区域' : 'all regions'} · ${options.period}`;
  const signedAt = new Date();
  const data: RegionSummaryJson = {
    format: REGION_SUMMARY_FORMAT,
    region: region ? { code: region.code, name: region.name } : null,
    period: options.period,
    language: options.language,
    signer: { name: options.identity.name, role: options.identity.role },
    signedAt: signedAt.toISOString(),
    sheets: listed,
  };
  const { pdf } = await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 34, 36, 40],
    info: { title, creator: 'Staff Assessment' },
    language: zh ? 'zh-CN' : 'en',
    content: [
      { text: title, fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', '*'], body: [head, ...rows] } },
      { text: `${L.signedBy} ${options.identity.name} · ${formatLocalTime(signedAt.toISOString())} · ${rows.length}`, margin: [0, 8, 0, 0], color: '#5f6b76' },
    ],
    footer: () => '',
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 8.5 },
    files: embeddedDataFile(JSON.stringify(data), `Region summary (${REGION_SUMMARY_FORMAT}): the sheets of a region's month, each by its exported file`, signedAt),
  });
  const signed = await signPdf(pdf, options.identity, { reason: 'region summary', signingTime: signedAt });
  const fileName = `summary-${region ? safeName(region.code) : 'ALL'}-${options.period}.pdf`;
  const path = join(options.outDir ?? dataPath(db, 'exports', options.period, 'summary'), fileName);
  writeFileAtomic(path, signed);
  return { fileName, path, sha256: sha256Hex(signed) };
}
