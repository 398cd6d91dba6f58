/**
 * Export and sign: a sheet marked ready becomes a PDF (electron/pdf) carrying scoresheet.json,
 * signed by the first step of its chain (the regional manager; for a regional manager's own
 * sheet, sales planning), kept as <data dir>/exports/YYYY-MM/<employeeNo>-<period>.pdf, and the
 * sheet's status becomes 'signed'.
 *
 * Re-export: a 'signed' sheet may be exported again (a new file, same path) as long as this app
 * has not seen a countersigned copy of one of its exports; once a later step has signed, the
 * reviewer must return it (a return note reopens the sheet). Editing a signed sheet (sheets.save)
 * sets it back to draft/ready, so the next export carries the edit.
 *
 * A month's batch runs as a job, one sheet at a time, yielding to the event loop between sheets.
 */
import { join } from 'node:path';
import type { ChainRole, ExportResult, JobStatus, Language, Person, SheetRecord } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { renderDocument, renderSheetPdf } from '../pdf/render.ts';
import { FONT_FAMILY, formatPoints, type ChainEntry } from '../pdf/sheet.ts';
import { sheetLabels } from '../pdf/labels.ts';
import { type SigningIdentity, signPdf } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { dataPath, safeName, sha256Hex, writeFileAtomic } from './files.ts';
import { openStoredIdentity } from './identities.ts';
import { createJob, finishJob, yieldToEventLoop } from './jobs.ts';
import { getPerson } from './people.ts';
import { getSheet } from './sheets.ts';
import { currentUser } from './settings.ts';
import { stepsFor } from './sheet-verify.ts';

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
  return db.prepare('SELECT code, name FROM regions WHERE id = ?').get(person.regionId) as { code: string; name: string } | undefined;
}

/** Why a sheet cannot be exported by this signer now, or null. */
function exportRefusal(db: Db, record: SheetRecord, role: ChainRole): string | null {
  const who = `${record.person.name} (${record.person.employeeNo}) for ${record.period}`;
  const first = stepsFor(record.person.role)[0]!;
  if (first !== role) {
    return `the sheet of ${who} is signed first by ${first === 'manager' ? 'the regional manager' : 'sales planning'}, not by ${role}`;
  }
  switch (record.status) {
    case 'ready':
      return null;
    case 'signed': {
      const countersigned = db
        .prepare(
          `SELECT 1 FROM sheet_files r
             JOIN sheet_files e ON e.sha256 = r.export_sha256 AND e.kind = 'export'
             JOIN sheets s ON s.id = e.sheet_id
             JOIN people p ON p.id = s.person_id
            WHERE p.id = ? AND s.period = ? AND r.kind = 'received' AND json_array_length(r.chain) >= 2`,
        )
        .get(record.person.id, record.period);
      return countersigned ? `the sheet of ${who} has been countersigned already; ask the reviewer to return it before exporting it again` : null;
    }
    case 'not-started':
      return `the sheet of ${who} has not been started`;
    case 'approved':
      return `the sheet of ${who} is approved (final)`;
    default:
      return `the sheet of ${who} is ${record.status === 'returned' ? 'returned' : 'a draft'}: mark it ready first`;
  }
}

/** Export one sheet with an opened identity: render, sign, keep the file, set the status 'signed'. */
export async function exportWithIdentity(db: Db, options: ExportOptions): Promise<ExportResult> {
  const record = getSheet(db, { personId: options.personId, period: options.period });
  const role = options.identity.role;
  const refusal = exportRefusal(db, record, role);
  if (refusal) throw new ServiceError(record.status === 'not-started' ? 'not-found' : 'conflict', refusal);

  const region = regionOf(db, record.person);
  const exportedAt = new Date().toISOString();
  const chain: ChainEntry[] = [{ role, name: options.identity.name, at: exportedAt }];
  const pdf = await renderSheetPdf(
    { ...record, status: 'ready' },
    { language: options.language, scorer: options.identity.name, regionName: region?.name, region, chain, exportedAt },
  );
  const signed = await signPdf(pdf, options.identity, { reason: reasonFor(role, true), signingTime: new Date(exportedAt) });
  const sha256 = sha256Hex(signed);
  const fileName = exportFileName(record.person.employeeNo, record.period);
  const path = join(options.outDir ?? dataPath(db, 'exports', record.period), fileName);

  db.transaction(() => {
    const row = db.prepare('SELECT id, status, revision FROM sheets WHERE person_id = ? AND period = ?').get(record.person.id, record.period) as
      | { id: number; status: string; revision: number }
      | undefined;
    if (!row || row.revision !== record.revision || row.status !== record.status) {
      throw new ServiceError('conflict', `the sheet of ${record.person.name} for ${record.period} changed while it was being exported; export it again`);
    }
    const now = new Date().toISOString();
    const actor = currentUser(db)?.name ?? options.identity.name;
    db.prepare("UPDATE sheets SET status = 'signed', revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?").run(now, actor, row.id);
    db.prepare(
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
      JSON.stringify([{ name: options.identity.name, role, fingerprint: options.identity.fingerprint, signingTime: exportedAt, reason: reasonFor(role, true), comment: '' }]),
      sha256,
      now,
    );
    writeFileAtomic(path, signed);
    appendAudit(db, {
      action: 'sheet.export',
      entity: 'sheet',
      entityId: `${record.person.employeeNo}/${record.period}`,
      before: { status: record.status },
      after: { status: 'signed', signer: options.identity.name, role, fingerprint: options.identity.fingerprint, file: path, sha256, monthlyScore: record.result.monthlyScore },
    });
  })();
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
  if (input.regionId !== undefined && !db.prepare('SELECT 1 FROM regions WHERE id = ?').get(input.regionId)) {
    throw new ServiceError('not-found', `region ${input.regionId} does not exist`);
  }
  const rows = db
    .prepare(
      `SELECT p.id, p.employee_no, p.name, p.role, s.status
         FROM people p
         LEFT JOIN regions r ON r.id = p.region_id
         LEFT JOIN sheets s ON s.person_id = p.id AND s.period = @period
        WHERE p.role <> 'executive' AND p.active_from <= @period AND (p.active_to IS NULL OR p.active_to >= @period)
          AND (@region IS NULL OR p.region_id = @region)
        ORDER BY r.code, p.employee_no`,
    )
    .all({ period: input.period, region: input.regionId ?? null }) as { id: number; employee_no: string; name: string; role: Person['role']; status: string | null }[];
  const plan: MonthPlan = { targets: [], skipped: [] };
  for (const r of rows) {
    const who = { personId: r.id, employeeNo: r.employee_no, name: r.name };
    const first = stepsFor(r.role)[0]!;
    if (first !== input.role) continue; // another step's sheet: not this signer's to export
    if (r.status === 'ready' || (r.status === 'signed' && input.includeSigned)) plan.targets.push(who);
    else plan.skipped.push({ ...who, reason: r.status === null ? 'not started' : r.status === 'signed' ? 'already signed' : r.status === 'approved' ? 'approved' : `not ready (${r.status})` });
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
}

/** Run a month's export into `job` (progress as it goes); never throws for one sheet's failure. */
export async function runMonthExport(db: Db, options: MonthExportOptions, job: JobStatus, plan: MonthPlan): Promise<void> {
  try {
    job.skipped = plan.skipped;
    for (const target of plan.targets) {
      try {
        const result = await exportWithIdentity(db, { personId: target.personId, period: options.period, identity: options.identity, language: options.language, outDir: options.outDir });
        job.files.push({ ...target, period: options.period, fileName: result.fileName, path: result.path, sha256: result.sha256 });
      } catch (err) {
        job.failures.push({ ...target, message: err instanceof Error ? err.message : String(err) });
      }
      job.done += 1;
      await yieldToEventLoop();
    }
    if (options.summary && job.files.length > 0) {
      try {
        job.summary = await writeSummary(db, options, job);
      } catch (err) {
        job.failures.push({ personId: 0, employeeNo: '', name: 'summary', message: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    finishJob(job);
  }
}

/** sheets.exportMonth: start the batch; returns at once with the job id (progress: jobs.get). */
export async function startMonthExport(
  db: Db,
  input: { period: string; regionId?: number; fingerprint: string; passphrase: string; language: Language },
): Promise<{ jobId: string; total: number }> {
  const identity = await openStoredIdentity(db, input.fingerprint, input.passphrase);
  const plan = planMonthExport(db, { period: input.period, regionId: input.regionId, role: identity.role });
  const job = createJob('export-month', plan.targets.length);
  void runMonthExport(db, { period: input.period, regionId: input.regionId, identity, language: input.language, summary: true }, job, plan);
  return { jobId: job.id, total: job.total };
}

// ---------------------------------------------------------------------------------------------
// The region summary: one table of the exported sheets, signed by the same signer.

async function writeSummary(db: Db, options: MonthExportOptions, job: JobStatus): Promise<NonNullable<JobStatus['summary']>> {
  const L = sheetLabels(options.language);
  const zh = options.language === 'zh';
  const region = options.regionId === undefined ? undefined : (db.prepare('SELECT code, name FROM regions WHERE id = ?').get(options.regionId) as { code: string; name: string });
  const rows = job.files.map((f) => {
    const r = getSheet(db, { personId: f.personId, period: options.period });
    return [r.person.employeeNo, r.person.name, L.roles[r.person.role], formatPoints(r.result.dailyScore), formatPoints(r.result.attendance.score), formatPoints(r.result.monthlyScore), r.result.flags.join(', ')];
  });
  const head = [L.employeeNo, L.name, L.role, L.dailyScore, L.attendanceScore, L.monthlyScore, zh ? '标记' : 'Flags'].map((text) => ({ text, bold: true, fillColor: '#e9edf1' }));
  const title = `${zh ? '月度考核汇总' : 'Monthly assessment summary'} · ${region ? region.name : zh ? '全部区域' : 'all regions'} · ${options.period}`;
  const signedAt = new Date();
  const { pdf } = await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 34, 36, 40],
    info: { title, creator: 'Staff Assessment' },
    language: zh ? 'zh-CN' : 'en',
    content: [
      { text: title, fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', '*'], body: [head, ...rows] } },
      { text: `${L.signedBy} ${options.identity.name} · ${signedAt.toISOString().slice(0, 10)} · ${rows.length}`, margin: [0, 8, 0, 0], color: '#5f6b76' },
    ],
    footer: () => '',
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 8.5 },
    files: {},
  });
  const signed = await signPdf(pdf, options.identity, { reason: 'region summary', signingTime: signedAt });
  const fileName = `summary-${region ? safeName(region.code) : 'ALL'}-${options.period}.pdf`;
  const path = join(options.outDir ?? dataPath(db, 'exports', options.period, 'summary'), fileName);
  writeFileAtomic(path, signed);
  return { fileName, path, sha256: sha256Hex(signed) };
}
