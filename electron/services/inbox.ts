/**
 * The reviewer's inbox (sales planning, the VP, HR): signed score sheets dropped in are verified
 * (sheet-verify.ts) and kept with their verdict in <data dir>/inbox/<sha256>.pdf; the reviewer
 * whose step is next approves (appends their signature, with an optional comment, as an
 * incremental update; the new file goes to <data dir>/approved/YYYY-MM/) or returns the sheet
 * with a signed return note (inbox-return.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Amendment } from '../../shared/amendment.ts';
import type { ApproveResult, ChainRole, FileData, InboxEntry, InboxState, SignerInfo, StoredFile } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { signPdf } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { exportFileName, reasonFor } from './export.ts';
import { dataPath, decodeBase64, sha256Hex, writeFileAtomic } from './files.ts';
import { signerFor } from './session-unlock.ts';
import { yieldToEventLoop } from './jobs.ts';
import { verdictBasis } from './verdict-basis.ts';
import { isRegionSummaryData, summaryInfo, verifySummaryPdf, type RegionSummaryJson } from './region-summary.ts';
import type { Signer } from './export.ts';
import type { TrustedSigner } from '../signing/index.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { assertNotOnChain, withRosterChecks } from './roster-trust.ts';
import { knownRubrics } from './rubrics.ts';
import { assertSignerClock, firstReceivedIn } from './sheet-times.ts';
import { type SheetVerification, describeData, fileVerdict, signerInfo, trustedSigners, verifySheetPdf } from './sheet-verify.ts';

export interface FileRow {
  sha256: string;
  kind: 'export' | 'received' | 'return-note';
  sheet_id: number | null;
  employee_no: string | null;
  period: string | null;
  file_name: string;
  path: string;
  size: number;
  chain: string;
  verdict: string | null;
  export_sha256: string | null;
  state: string | null;
  note: string | null;
  received_at: string;
  handled_at: string | null;
}

/** What the verdict column keeps of a received sheet: the verdict and what the file says (`amendment`: absent in verdicts kept before amendments). */
export type StoredVerdict = Omit<InboxEntry, 'sha256' | 'fileName' | 'path' | 'receivedAt' | 'signers' | 'state' | 'handledAt' | 'note' | 'amendment' | 'amendedEntry' | 'superseded'> & {
  exportedAt: string | null;
  amendment?: Amendment | null;
  /** What the verdict depended on (verdict-basis.ts); absent in verdicts kept before bulk approval. */
  basis?: string;
  /** A verified region summary's list (region-summary.ts); absent for a score sheet. */
  regionSummary?: RegionSummaryJson | null;
  /** Each signer as the one-person check reads it (absent before bulk approval). */
  holders?: { fingerprint: string; name: string; role: ChainRole | null; email: string | null; employeeNo: string | null }[];
};

export function fileRow(db: Db, sha256: string): FileRow | undefined {
  return db.prepare('SELECT * FROM sheet_files WHERE sha256 = ?').get(sha256) as FileRow | undefined;
}

/** Inside the transaction that handles it: refuse an entry someone approved or returned meanwhile. */
export function assertStillPending(db: Db, row: FileRow): void {
  const current = fileRow(db, row.sha256)!;
  if (current.state && current.state !== 'pending') throw alreadyHandled(row.file_name, current.state);
}

/** A file someone approved, returned or imported already. */
function alreadyHandled(fileName: string, state: string): ServiceError {
  return new ServiceError('conflict', `${fileName} was already ${state}`, { code: 'file-handled', fileName, state: state as 'approved' | 'returned' | 'imported' });
}

/** The verifier refuses a file (`fileName`: the received one, or its newly signed copy). */
function notVerified(message: string, fileName: string, v: Pick<SheetVerification, 'verdict'>): ServiceError {
  const failure = v.verdict.failure;
  return new ServiceError('conflict', message, {
    code: 'file-not-verified',
    fileName,
    failure: failure ?? { check: 'data-check', message: 'the file does not verify', reason: { code: 'unexpected' } },
  });
}

function storedVerdict(v: SheetVerification, basis?: string): StoredVerdict {
  const raw = v.raw as { exportedAt?: unknown } | null;
  return {
    ...(basis ? { basis } : {}),
    regionSummary: v.verdict.ok && isRegionSummaryData(v.raw) ? (v.raw as RegionSummaryJson) : null,
    holders: v.verdict.signatures.map((s) => ({ fingerprint: s.fingerprint, name: s.name, role: s.role, email: s.email, employeeNo: s.employeeNo })),
    verdict: fileVerdict(v.verdict),
    ...describeData(v.raw),
    steps: v.steps,
    nextStep: v.nextStep,
    complete: v.complete,
    exportedAt: raw && typeof raw.exportedAt === 'string' ? raw.exportedAt : null,
    // Only a verified file's amendment is shown as one (its shape checked with the data).
    amendment: v.data?.amendment ?? null,
  };
}

export function toEntry(row: FileRow): InboxEntry {
  const stored = JSON.parse(row.verdict ?? 'null') as StoredVerdict | null;
  return {
    sha256: row.sha256,
    fileName: row.file_name,
    path: row.path,
    receivedAt: row.received_at,
    verdict: stored?.verdict ?? { ok: false, failure: { check: 'pdf-format', message: 'not verified' } },
    person: stored?.person ?? null,
    region: stored?.region ?? null,
    period: stored?.period ?? null,
    scores: stored?.scores ?? null,
    flags: stored?.flags ?? [],
    signers: JSON.parse(row.chain) as SignerInfo[],
    steps: stored?.steps ?? null,
    nextStep: stored?.nextStep ?? null,
    complete: stored?.complete ?? false,
    state: (row.state ?? 'pending') as InboxState,
    handledAt: row.handled_at,
    note: row.note,
    amendment: stored?.amendment ?? null,
    amendedEntry: null,
    superseded: null,
    summary: null,
  };
}

/** An entry as the inbox lists it: a region summary with its list linked to this inbox's entries; a sheet with its other versions. */
export function entryOf(db: Db, row: FileRow): InboxEntry {
  const entry = toEntry(row);
  const stored = JSON.parse(row.verdict ?? 'null') as StoredVerdict | null;
  if (stored?.regionSummary) return { ...entry, summary: summaryInfo(db, stored.regionSummary) };
  return withVersions(db, entry);
}

/**
 * A file whose embedded data is a region summary is checked as one (the sheet verifier refuses it
 * as not a score sheet); any other verification stands.
 */
export async function asSummaryWhenOne(bytes: Buffer, v: SheetVerification, trusted: TrustedSigner[], firstReceived: (sha256: string) => Date | null): Promise<SheetVerification> {
  if (v.verdict.ok || !isRegionSummaryData(v.raw)) return v;
  const verdict = await verifySummaryPdf(bytes, trusted, v.verdict.signatures[0]?.role ?? null, { firstReceived });
  return { verdict, data: null, raw: verdict.data ?? v.raw, steps: null, nextStep: null, complete: false, exportSha256: null };
}

/** The version a verified entry carries: 1, or its amendment's number; null when the file did not verify. */
function entryVersion(entry: InboxEntry): number | null {
  if (!entry.verdict.ok) return null;
  return entry.amendment?.version ?? 1;
}

/**
 * An entry with its links to the other versions of its sheet in this inbox: the entry holding the
 * version it amends (by that version's exported file), and for a pending entry the newest
 * verified file of the same person and month with a higher version (it is then superseded and can
 * no longer be approved).
 */
export function withVersions(db: Db, entry: InboxEntry): InboxEntry {
  if (!entry.person || !entry.period) return entry;
  const others = (
    db.prepare("SELECT * FROM sheet_files WHERE kind = 'received' AND employee_no = ? AND period = ? AND sha256 <> ?").all(entry.person.employeeNo, entry.period, entry.sha256) as FileRow[]
  ).map(toEntry);
  const amends = entry.amendment?.amends.sha256;
  const held = amends ? (db.prepare("SELECT * FROM sheet_files WHERE kind = 'received' AND export_sha256 = ? ORDER BY received_at DESC LIMIT 1").get(amends) as FileRow | undefined) : undefined;
  const version = entryVersion(entry);
  let superseded: InboxEntry['superseded'] = null;
  if (entry.state === 'pending' && version !== null) {
    for (const other of others) {
      const v = entryVersion(other);
      if (v !== null && v > version && (superseded === null || v > superseded.version)) superseded = { sha256: other.sha256, fileName: other.fileName, version: v };
    }
  }
  return {
    ...entry,
    amendedEntry: held ? { sha256: held.sha256, fileName: held.file_name, state: (held.state ?? 'pending') as InboxState } : null,
    superseded,
  };
}

/**
 * Keep a received signed sheet and its verdict (re-verified when the same file comes again:
 * the trusted list may have changed). Returns the row.
 */
export function recordReceived(db: Db, bytes: Buffer, fileName: string, v: SheetVerification, keepAt?: string, basis: string = verdictBasis(db)): FileRow {
  const sha256 = sha256Hex(bytes);
  const path = keepAt ?? dataPath(db, 'inbox', `${sha256}.pdf`);
  const summary = storedVerdict(v, basis);
  const chain = JSON.stringify(v.verdict.signatures.map(signerInfo));
  return writeTransaction(db, () => {
    const existing = fileRow(db, sha256);
    if (keepAt || !existsSync(existing?.path ?? path)) writeFileAtomic(path, bytes);
    if (existing) {
      if (keepAt) db.prepare('UPDATE sheet_files SET path = ? WHERE sha256 = ?').run(path, sha256);
      db.prepare('UPDATE sheet_files SET verdict = ?, chain = ?, employee_no = ?, period = ?, export_sha256 = ? WHERE sha256 = ?').run(
        JSON.stringify(summary),
        chain,
        summary.person?.employeeNo ?? null,
        summary.period,
        v.exportSha256,
        sha256,
      );
      if (existing.kind !== 'received') {
        // A file this app wrote (an approval, say) dropped into its own inbox: keep it as received.
        db.prepare("UPDATE sheet_files SET kind = 'received', state = coalesce(state, 'pending') WHERE sha256 = ?").run(sha256);
      }
    } else {
      db.prepare(
        `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, verdict, export_sha256, state, note, received_at)
         VALUES (?, 'received', NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, ?)`,
      ).run(sha256, summary.person?.employeeNo ?? null, summary.period, fileName, path, bytes.length, chain, JSON.stringify(summary), v.exportSha256, new Date().toISOString());
    }
    appendAudit(db, {
      action: 'inbox.add',
      entity: 'file',
      entityId: sha256,
      after: { fileName, ok: v.verdict.ok, failure: v.verdict.failure ?? null, employeeNo: summary.person?.employeeNo ?? null, period: summary.period, signatures: v.verdict.signatures.length },
    });
    return fileRow(db, sha256)!;
  });
}

/** Keep a verdict found again for a received file (bulk approval re-verifies when what it depended on changed). */
export function recordVerdict(db: Db, sha256: string, v: SheetVerification, basis: string): void {
  writeTransaction(db, () => {
    db.prepare('UPDATE sheet_files SET verdict = ?, chain = ? WHERE sha256 = ?').run(JSON.stringify(storedVerdict(v, basis)), JSON.stringify(v.verdict.signatures.map(signerInfo)), sha256);
  });
}

/** inbox.add: verify and keep each file; one entry per file, in order. */
export async function addToInbox(db: Db, input: { files: FileData[] }): Promise<InboxEntry[]> {
  const trusted = trustedSigners(db);
  const basis = verdictBasis(db);
  const entries: InboxEntry[] = [];
  for (const [i, file] of input.files.entries()) {
    const bytes = decodeBase64(`files[${i}].dataBase64`, file.dataBase64);
    const sheet = withRosterChecks(db, await verifySheetPdf(bytes, trusted, { rubrics: knownRubrics(db), firstReceived: firstReceivedIn(db) }), { onlyWithRoster: true });
    const v = await asSummaryWhenOne(bytes, sheet, trusted, firstReceivedIn(db));
    entries.push(entryOf(db, recordReceived(db, bytes, file.fileName, v, undefined, basis)));
    await yieldToEventLoop();
  }
  return entries;
}

export function listInbox(db: Db, input: { state?: InboxState }): InboxEntry[] {
  const rows = db
    .prepare("SELECT * FROM sheet_files WHERE kind = 'received' AND (@state IS NULL OR coalesce(state, 'pending') = @state) ORDER BY received_at DESC, file_name")
    .all({ state: input.state ?? null }) as FileRow[];
  return rows.map((row) => entryOf(db, row));
}

/** A received file, re-verified now, that the given identity may act on as the next step. */
export async function pendingForReviewer(db: Db, sha256: string, fingerprint: string, passphrase: string | undefined) {
  const row = fileRow(db, sha256);
  if (!row || row.kind !== 'received') throw new ServiceError('not-found', `there is no received file ${sha256} in the inbox`, { code: 'not-found', what: 'file', id: sha256 });
  if (row.state && row.state !== 'pending') throw alreadyHandled(row.file_name, row.state);
  const identity = await signerFor(db, fingerprint, passphrase);
  return pendingFor(db, row, identity);
}

/** A received pending file, verified now, that the opened identity may act on as the next step. */
export async function pendingFor(db: Db, row: FileRow, identity: Signer) {
  const bytes = readKept(row);
  const v = withRosterChecks(db, await verifySheetPdf(bytes, trustedSigners(db), { rubrics: knownRubrics(db), firstReceived: firstReceivedIn(db) }), { onlyWithRoster: true });
  assertReviewable(row, v, identity);
  return { row, bytes, v, identity, data: v.data! };
}

/** The kept copy of a received file, refused when it changed on disk since it was added. */
export function readKept(row: FileRow): Buffer {
  const bytes = readFileSync(row.path);
  if (sha256Hex(bytes) !== row.sha256) throw new ServiceError('conflict', `the kept copy of ${row.file_name} (${row.path}) has changed on disk; add the file again`, { code: 'kept-file-changed', fileName: row.file_name, path: row.path });
  return bytes;
}

/** A verified file whose next step is the identity's, never signed by the same person before. */
export function assertReviewable(row: FileRow, v: Pick<SheetVerification, 'verdict' | 'nextStep'>, identity: Signer): void {
  if (!v.verdict.ok) {
    throw notVerified(`${row.file_name} does not verify (${v.verdict.failure?.check}: ${v.verdict.failure?.message})`, row.file_name, v);
  }
  if (v.nextStep === null) throw new ServiceError('conflict', `${row.file_name} is already signed by every step of its chain`, { code: 'chain-complete', fileName: row.file_name });
  if (v.nextStep !== identity.role) {
    throw new ServiceError('conflict', `the next step for ${row.file_name} is ${v.nextStep}; the identity ${identity.name} signs for ${identity.role}`, {
      code: 'not-next-step',
      fileName: row.file_name,
      next: v.nextStep,
      name: identity.name,
      role: identity.role,
    });
  }
  assertNotOnChain(row.file_name, v, identity);
}

/** A pending file a newer version of its sheet has superseded in this inbox cannot be approved. */
export function assertNotSuperseded(db: Db, row: FileRow): void {
  const { superseded } = withVersions(db, toEntry(row));
  if (superseded) {
    throw new ServiceError('conflict', `${row.file_name} is superseded by ${superseded.fileName} (version ${superseded.version} of the same sheet): approve that one instead`, {
      code: 'superseded',
      fileName: row.file_name,
      byFileName: superseded.fileName,
      version: superseded.version,
    });
  }
}

/** inbox.approve: the next step's reviewer appends their signature (with an optional comment). */
export async function approveInbox(db: Db, input: { sha256: string; fingerprint: string; passphrase?: string; comment?: string }): Promise<ApproveResult> {
  const { row, bytes, identity, data } = await pendingForReviewer(db, input.sha256, input.fingerprint, input.passphrase);
  return signApproval(db, row, bytes, identity, { employeeNo: data.person.employeeNo, period: data.output.period }, input.comment);
}

/**
 * Sign a checked pending file as the identity's step and keep the new file (approved/YYYY-MM/,
 * or `outDir`); the received entry becomes approved. The signed file is verified again before it
 * is kept.
 */
export async function signApproval(
  db: Db,
  row: FileRow,
  bytes: Buffer,
  identity: Signer,
  sheet: { employeeNo: string; period: string },
  commentText?: string,
  check: { trusted?: TrustedSigner[]; rubrics?: Rubric[] } = {},
): Promise<ApproveResult> {
  assertNotSuperseded(db, row);
  const comment = commentText?.trim() ?? '';
  assertSignerClock(bytes, row.file_name);
  const signed = await signPdf(bytes, identity, { reason: reasonFor(identity.role, false), comment });
  const after = await verifySheetPdf(signed, check.trusted ?? trustedSigners(db), { rubrics: check.rubrics ?? knownRubrics(db), firstReceived: firstReceivedIn(db) });
  if (!after.verdict.ok) throw notVerified(`the signed file does not verify (${after.verdict.failure?.check}: ${after.verdict.failure?.message})`, row.file_name, after);
  const sha256 = sha256Hex(signed);
  const data = { person: { employeeNo: sheet.employeeNo }, output: { period: sheet.period } };
  const fileName = exportFileName(data.person.employeeNo, data.output.period);
  const path = join(dataPath(db, 'approved', data.output.period), fileName);
  const signers = after.verdict.signatures.map(signerInfo);
  const now = new Date().toISOString();
  writeTransaction(db, () => {
    assertStillPending(db, row);
    assertNotSuperseded(db, row);
    writeFileAtomic(path, signed);
    db.prepare(
      `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, verdict, export_sha256, state, note, received_at)
       VALUES (?, 'export', NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ).run(sha256, data.person.employeeNo, data.output.period, fileName, path, signed.length, JSON.stringify(signers), JSON.stringify(storedVerdict(after)), after.exportSha256, comment || null, now);
    db.prepare("UPDATE sheet_files SET state = 'approved', handled_at = ?, note = ? WHERE sha256 = ?").run(now, comment || null, row.sha256);
    appendAudit(db, {
      action: 'inbox.approve',
      entity: 'file',
      entityId: row.sha256,
      before: { state: 'pending' },
      after: { state: 'approved', signer: identity.name, role: identity.role, fingerprint: identity.fingerprint, comment, employeeNo: data.person.employeeNo, period: data.output.period, file: path, sha256 },
    });
  });
  const file: StoredFile = { fileName, path, sha256, dataBase64: signed.toString('base64') };
  return { file, signers, complete: after.complete, nextStep: after.nextStep, entry: withVersions(db, toEntry(fileRow(db, row.sha256)!)) };
}
