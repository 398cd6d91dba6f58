/**
 * Reviewing at scale (docs/guide.md, "For reviewers"): approve or return many received sheets
 * with one passphrase (or the identity unlocked for the session), as a job with progress and an
 * outcome per entry (signed, returned, or skipped with its refusal); the inbox's overview per
 * region and month; removing a refused entry.
 *
 * Before signing, an entry's check reuses the verdict the inbox stored when the file came in,
 * while the file's SHA-256 is unchanged (the kept copy is hashed again) and nothing the verdict
 * depended on changed since (verdict-basis.ts: trusted signers, known rubrics, the roster);
 * otherwise the file is verified again and the new verdict is stored. The signed file itself is
 * always verified before it is kept (signApproval).
 */
import { rmSync } from 'node:fs';
import type { BulkOutcome, ChainRole, FileData, InboxOverviewRow, JobStatus, Language, SavedFile, SavedToFolder } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import type { TrustedSigner, Verdict } from '../signing/index.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { appendAudit } from './audit.ts';
import { currentUser } from './current-user.ts';
import { ServiceError } from './errors.ts';
import { saveIntoFolder, sha256Hex } from './files.ts';
import type { Signer } from './export.ts';
import { readFileSync } from 'node:fs';
import { assertReviewable, assertStillPending, fileRow, pendingFor, readKept, recordVerdict, signApproval, toEntry, withVersions, type FileRow, type StoredVerdict } from './inbox.ts';
import { returnChecked } from './inbox-return.ts';
import { createJob, finishJob, getJob, yieldToEventLoop } from './jobs.ts';
import { withRosterChecks } from './roster-trust.ts';
import { knownRubrics } from './rubrics.ts';
import { signerFor, touchUnlocked } from './session-unlock.ts';
import { firstReceivedIn } from './sheet-times.ts';
import { type SheetVerification, trustedSigners, verifySheetPdf } from './sheet-verify.ts';
import { verdictBasis } from './verdict-basis.ts';
import { zipFiles } from './zip-writer.ts';

/** What a bulk job checks against, read once for the whole job. */
export interface BulkContext {
  basis: string;
  trusted: TrustedSigner[];
  rubrics: Rubric[];
}

export function bulkContext(db: Db): BulkContext {
  return { basis: verdictBasis(db), trusted: trustedSigners(db), rubrics: knownRubrics(db) };
}

function received(db: Db, sha256: string): FileRow {
  const row = fileRow(db, sha256);
  if (!row || row.kind !== 'received') throw new ServiceError('not-found', `there is no received file ${sha256} in the inbox`, { code: 'not-found', what: 'file', id: sha256 });
  return row;
}

function stored(row: FileRow): StoredVerdict | null {
  return JSON.parse(row.verdict ?? 'null') as StoredVerdict | null;
}

/**
 * The pending received entries at `role`'s step by their stored verdict, of a month and a region
 * when given, in file-name order; an entry whose verdict was found under other trusted signers,
 * rubrics or roster (`basis`) is taken too, to be verified again.
 */
export function pendingAtStep(db: Db, role: ChainRole, filter: { period?: string; regionCode?: string } = {}, basis: string = verdictBasis(db)): FileRow[] {
  const rows = db.prepare("SELECT * FROM sheet_files WHERE kind = 'received' AND coalesce(state, 'pending') = 'pending' ORDER BY file_name, received_at").all() as FileRow[];
  return rows.filter((row) => {
    const v = stored(row);
    if (!v) return false;
    const stale = v.basis !== basis;
    if (!stale && (!v.verdict.ok || v.nextStep !== role)) return false;
    // A stale refused verdict may not have read the data: the month the file came in with, the region when known.
    const period = v.period ?? (stale ? row.period : null);
    if (filter.period !== undefined && period !== filter.period) return false;
    if (filter.regionCode !== undefined && v.region?.code !== filter.regionCode && !(stale && v.region === null)) return false;
    return true;
  });
}

/** Approve one entry (checked with its stored verdict when still valid): signed, or skipped with its refusal. */
export async function approveEntry(db: Db, row: FileRow, identity: Signer, ctx: BulkContext, comment?: string): Promise<BulkOutcome> {
  const seen = { reused: false };
  try {
    return await approveChecked(db, row, identity, ctx, seen, comment);
  } catch (err) {
    return skipped(fileRow(db, row.sha256) ?? row, err, seen.reused);
  }
}

async function approveChecked(db: Db, row: FileRow, identity: Signer, ctx: BulkContext, seen: { reused: boolean }, comment?: string): Promise<BulkOutcome> {
  assertStillPending(db, row);
  const bytes = readKept(row);
  const kept = stored(row);
  let reused = false;
  let check: Pick<SheetVerification, 'verdict' | 'nextStep'>;
  let sheet: { employeeNo: string; period: string };
  if (kept && kept.basis === ctx.basis && kept.holders && (!kept.verdict.ok || (kept.person && kept.period))) {
    reused = seen.reused = true;
    check = {
      verdict: {
        ok: kept.verdict.ok,
        // The stored failure keeps its reason (FileVerdict types it loosely).
        ...(kept.verdict.failure ? { failure: kept.verdict.failure as NonNullable<Verdict['failure']> } : {}),
        signatures: kept.holders.map((h) => ({ ...h, signingTime: null, reason: '', comment: '', coversWholeFile: true, revisionEnd: 0 })),
      },
      nextStep: kept.nextStep,
    };
    sheet = { employeeNo: kept.person?.employeeNo ?? '', period: kept.period ?? '' };
  } else {
    const v = withRosterChecks(db, await verifySheetPdf(bytes, ctx.trusted, { rubrics: ctx.rubrics, firstReceived: firstReceivedIn(db) }), { onlyWithRoster: true });
    recordVerdict(db, row.sha256, v, ctx.basis);
    check = v;
    sheet = { employeeNo: v.data?.person.employeeNo ?? '', period: v.data?.output.period ?? '' };
  }
  assertReviewable(row, check, identity);
  const result = await signApproval(db, row, bytes, identity, sheet, comment, { trusted: ctx.trusted, rubrics: ctx.rubrics });
  return { ...base(fileRow(db, row.sha256)!), outcome: 'signed', reused, file: { fileName: result.file.fileName, path: result.file.path, sha256: result.file.sha256 }, complete: result.complete, nextStep: result.nextStep };
}

function base(row: FileRow): Omit<BulkOutcome, 'outcome' | 'reused' | 'file' | 'complete' | 'nextStep'> & { refusal: null; message: null } {
  const e = toEntry(row);
  return { sha256: e.sha256, fileName: e.fileName, person: e.person, region: e.region, period: e.period, refusal: null, message: null };
}

function skipped(row: FileRow, err: unknown, reused = false): BulkOutcome {
  return {
    ...base(row),
    outcome: 'skipped',
    reused,
    refusal: err instanceof ServiceError ? (err.refusal ?? null) : null,
    message: err instanceof Error ? err.message : String(err),
    file: null,
    complete: false,
    nextStep: null,
  };
}

/**
 * Run one bulk job: each row handled in order into `job` (an outcome each; one entry's failure is
 * its skip, never the job's), the unlocked identity kept awake, one audit entry at the end.
 */
async function runEach(db: Db, rows: readonly FileRow[], identity: Signer, job: JobStatus, action: 'inbox.approveMany' | 'inbox.returnMany', handle: (row: FileRow) => Promise<BulkOutcome>): Promise<void> {
  try {
    job.outcomes ??= [];
    for (const row of rows) {
      job.outcomes.push(await handle(row));
      job.done += 1;
      touchUnlocked(db, identity.fingerprint);
      await yieldToEventLoop();
    }
    appendBulkAudit(db, action, identity, job);
  } finally {
    finishJob(job);
  }
}

/** Run a bulk approval into `job`: one outcome per entry, in order; never throws for one entry. */
export async function runBulkApproval(db: Db, rows: readonly FileRow[], identity: Signer, job: JobStatus, comment?: string): Promise<void> {
  let ctx: BulkContext | undefined; // read once, inside the job (which always finishes)
  await runEach(db, rows, identity, job, 'inbox.approveMany', (row) => approveEntry(db, row, identity, (ctx ??= bulkContext(db)), comment));
}

function appendBulkAudit(db: Db, action: 'inbox.approveMany' | 'inbox.returnMany', identity: Signer, job: JobStatus): void {
  const outcomes = job.outcomes ?? [];
  writeTransaction(db, () =>
    appendAudit(db, {
      action,
      entity: 'job',
      entityId: job.id,
      after: {
        signer: identity.name,
        role: identity.role,
        done: outcomes.filter((o) => o.outcome !== 'skipped').length,
        skipped: outcomes.filter((o) => o.outcome === 'skipped').map((o) => ({ fileName: o.fileName, code: o.refusal?.code ?? null })),
        reused: outcomes.filter((o) => o.reused).length,
      },
    }),
  );
}

/** The rows a bulk call names (each must be a received file), or those pending at the identity's step. */
function chosenRows(db: Db, input: { sha256?: string[]; pending?: { period?: string; regionCode?: string } }, role: ChainRole): FileRow[] {
  const rows = input.sha256 ? [...new Set(input.sha256)].map((sha) => received(db, sha)) : pendingAtStep(db, role, input.pending);
  if (rows.length === 0) throw new ServiceError('conflict', `no received sheet is pending at the ${role} step`, { code: 'nothing-pending', role });
  return rows;
}

/** inbox.approveMany: start the job; returns at once with its id (progress and outcomes: jobs.get). */
export async function startBulkApproval(
  db: Db,
  input: { sha256?: string[]; pending?: { period?: string; regionCode?: string }; fingerprint: string; passphrase?: string; comment?: string },
): Promise<{ jobId: string; total: number }> {
  const identity = await signerFor(db, input.fingerprint, input.passphrase);
  const rows = chosenRows(db, input, identity.role);
  const job = createJob('approve-many', rows.length);
  job.outcomes = [];
  void runBulkApproval(db, rows, identity, job, input.comment);
  return { jobId: job.id, total: job.total };
}

/** Run a bulk return into `job`: each entry verified now and returned with the same reason. */
export async function runBulkReturn(db: Db, rows: readonly FileRow[], identity: Signer, job: JobStatus, input: { reason: string; language?: Language }): Promise<void> {
  await runEach(db, rows, identity, job, 'inbox.returnMany', async (row) => {
    try {
      assertStillPending(db, row);
      const checked = await pendingFor(db, row, identity);
      const note = await returnChecked(db, checked, input);
      return { ...base(fileRow(db, row.sha256)!), outcome: 'returned', reused: false, file: { fileName: note.fileName, path: note.path, sha256: note.sha256 }, complete: false, nextStep: null };
    } catch (err) {
      return skipped(fileRow(db, row.sha256) ?? row, err);
    }
  });
}

/** inbox.returnMany: start the job (one reason for every entry). */
export async function startBulkReturn(
  db: Db,
  input: { sha256: string[]; fingerprint: string; passphrase?: string; reason: string; language?: Language },
): Promise<{ jobId: string; total: number }> {
  const identity = await signerFor(db, input.fingerprint, input.passphrase);
  const rows = chosenRows(db, input, identity.role);
  const job = createJob('return-many', rows.length);
  job.outcomes = [];
  void runBulkReturn(db, rows, identity, job, { reason: input.reason.trim(), language: input.language });
  return { jobId: job.id, total: job.total };
}

/**
 * The files a finished bulk job wrote (approved sheets, or return notes), read from where the
 * backend keeps them and checked to be the very files it wrote (a copy missing or changed on disk
 * is refused, never handed on in its place).
 */
function jobFiles(input: { jobId: string }): { kind: 'approved' | 'returned'; day: string; files: { name: string; data: Buffer }[] } {
  const job = getJob(input);
  if (job.kind !== 'approve-many' && job.kind !== 'return-many') throw new ServiceError('not-found', `job ${input.jobId} is not a bulk approval or return`, { code: 'not-found', what: 'job', id: input.jobId });
  if (!job.finished) throw new ServiceError('conflict', `the job is still running (${job.done} of ${job.total}): its files come when it has finished`, { code: 'job-running', done: job.done, total: job.total });
  const files = (job.outcomes ?? []).flatMap(({ file }) => {
    if (!file) return [];
    let data: Buffer | null = null;
    try {
      data = readFileSync(file.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (!data || sha256Hex(data) !== file.sha256) {
      throw new ServiceError('conflict', `${file.fileName} (${file.path}) is missing or no longer the file this job wrote: nothing was handed on`, { code: 'job-file-changed', fileName: file.fileName, path: file.path });
    }
    return [{ name: file.fileName, data }];
  });
  return { kind: job.kind === 'return-many' ? 'returned' : 'approved', day: job.startedAt.slice(0, 10), files };
}

/** inbox.bulkFiles: the files a bulk job signed, as one zip (approved sheets, or return notes). */
export function bulkFiles(input: { jobId: string }): FileData {
  const { kind, day, files } = jobFiles(input);
  return { fileName: `${kind}-${day}-${files.length}.zip`, dataBase64: zipFiles(files).toString('base64') };
}

/** The desktop's folder dialog (titled `title`): the folder chosen, or null when the user cancels. Browser mode has none. */
export type ChooseFolder = (title: string) => Promise<string | null>;

/**
 * inbox.saveBulkFiles: the files a bulk job wrote, saved into one folder the user chooses in the
 * desktop's own dialog (the path never comes from the page). A file of the user's is never
 * replaced (files.ts saveIntoFolder); a write that fails says how many were saved before it.
 */
export async function saveBulkFiles(input: { jobId: string; title: string }, chooseFolder: ChooseFolder | undefined): Promise<SavedToFolder> {
  if (!chooseFolder) throw new ServiceError('conflict', 'browser mode has no folder dialog: download the files as one zip instead', { code: 'no-folder-chooser' });
  const { files } = jobFiles(input);
  const folder = await chooseFolder(input.title);
  if (folder === null) return { folder: null, files: [] };
  const saved: SavedFile[] = [];
  try {
    for (const file of files) saved.push(...saveIntoFolder(folder, [file]));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'no-permission' : code === 'ENOSPC' ? 'disk-full' : 'other';
    throw new ServiceError('conflict', `cannot write into ${folder} (${code ?? (err as Error).message}): ${saved.length} of ${files.length} files were saved before it`, {
      code: 'folder-not-writable',
      folder,
      saved: saved.length,
      total: files.length,
      problem,
    });
  }
  return { folder, files: saved };
}

/** inbox.remove: a refused entry (its file does not verify) or a region summary leaves the inbox with its kept copy; a verified sheet stays (approve or return it). */
export function removeEntry(db: Db, input: { sha256: string }): { sha256: string; fileName: string } {
  const row = received(db, input.sha256);
  const entry = toEntry(row);
  if (entry.verdict.ok && !stored(row)?.regionSummary) throw new ServiceError('conflict', `${row.file_name} verifies: only a refused entry can be removed`, { code: 'entry-not-refused', fileName: row.file_name });
  writeTransaction(db, () => {
    db.prepare('DELETE FROM sheet_files WHERE sha256 = ?').run(row.sha256);
    appendAudit(db, { action: 'inbox.remove', entity: 'file', entityId: row.sha256, before: { fileName: row.file_name, failure: entry.verdict.failure?.check ?? null } });
  });
  rmSync(row.path, { force: true });
  return { sha256: row.sha256, fileName: row.file_name };
}

/** inbox.overview: per month and region, the received sheets by where they stand for this app's step. */
export function inboxOverview(db: Db): InboxOverviewRow[] {
  const role = currentUser(db)?.chainRole ?? null;
  const rows = db.prepare("SELECT * FROM sheet_files WHERE kind = 'received'").all() as FileRow[];
  const groups = new Map<string, InboxOverviewRow>();
  for (const row of rows) {
    const v = stored(row);
    if (!v?.verdict.ok || !v.period) continue;
    // A version its amendment superseded here cannot be approved: the amendment is the one counted.
    if ((row.state ?? 'pending') === 'pending' && withVersions(db, toEntry(row)).superseded) continue;
    const key = `${v.period}|${v.region?.code ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { period: v.period, region: v.region ?? null, pendingAtStep: 0, pendingElsewhere: 0, approved: 0, returned: 0, complete: 0 }));
    const state = row.state ?? 'pending';
    if (state === 'pending') {
      if (v.complete) g.complete += 1;
      else if (v.nextStep === role) g.pendingAtStep += 1;
      else g.pendingElsewhere += 1;
    } else if (state === 'returned') g.returned += 1;
    else if (state === 'approved') g.approved += 1;
    else g.complete += 1; // imported by HR
  }
  return [...groups.values()].sort((a, b) => b.period.localeCompare(a.period) || (a.region?.code ?? '').localeCompare(b.region?.code ?? ''));
}
