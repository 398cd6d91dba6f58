/**
 * Verifying a signed score sheet: the one verifier (electron/signing verifyPdf) with
 *   - the trusted signers of this app (or of a --trust folder),
 *   - the chain the sheet's person goes through (assessment.md §1: manager → planning → vp → hr;
 *     a regional manager's own sheet planning → vp → hr),
 *   - a data check that finds the sheet's rubric (id, version, hash) among the rubrics the
 *     receiver knows (built-ins, versions HQ published: never the sheet's own copy), recomputes
 *     the embedded input with it by the shared engine and compares every field of the result
 *     with the embedded output.
 * Used by the inbox, the HR import, return notes and the CLI.
 */
import type { ChainRole, FileVerdict, InboxEntry, SignerInfo } from '../../shared/api/types.ts';
import { CHAIN_ROLES, chainStepsFor, firstStepFor, nextStepFor } from '../../shared/chain.ts';
import { isPlainObject } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { ROLE_IDS, type RoleId, type Rubric } from '../../shared/rubric/schema.ts';
import { RETURN_NOTE_FORMAT, SCORESHEET_FORMAT, SCORE_FILE_NAME, checkScoresheet, type ScoresheetJson } from '../../shared/score-file.ts';
import { parseJsonBytes, readEmbeddedFile } from '../signing/embedded-data.ts';
import { parsePdf } from '../signing/pdf-objects.ts';
import type { Db } from '../db/database.ts';
import { type DataProblem, type Role, type SignatureReport, type TimeOptions, type TrustedSigner, type Verdict, verifyPdf } from '../signing/index.ts';
import { sha256Hex } from './files.ts';

const FULL_CHAIN: Role[] = [...CHAIN_ROLES];
const OWN_SHEET_CHAIN: Role[] = chainStepsFor('regional-manager');

/** The trusted signers recorded in this app's database. */
export function trustedSigners(db: Db): TrustedSigner[] {
  return (db.prepare('SELECT certificate, role FROM trusted_signers').all() as { certificate: Buffer; role: Role }[]).map((r) => ({
    certificate: r.certificate,
    role: r.role,
  }));
}


// ---------------------------------------------------------------------------------------------
// Verifying a score sheet

export interface SheetVerification {
  verdict: Verdict;
  /** The checked data; only when the verdict is ok. */
  data: ScoresheetJson | null;
  /** What the file says, read leniently for display even when the verdict is not ok. */
  raw: unknown;
  steps: ChainRole[] | null;
  nextStep: ChainRole | null;
  complete: boolean;
  /** SHA-256 (hex) of the first signed revision: the file as the first step exported it. */
  exportSha256: string | null;
}

function personRole(data: unknown): RoleId | null {
  if (!isPlainObject(data) || !isPlainObject(data.person)) return null;
  const role = data.person.role;
  return ROLE_IDS.includes(role as RoleId) ? (role as RoleId) : null;
}

/** The score-file check (shared/score-file.ts) with its reason as data: a return note, another file, or data that does not hold together. */
export function scoresheetProblem(json: unknown, rubrics: readonly Rubric[] = BUILTIN_RUBRICS): DataProblem | null {
  const message = checkScoresheet(json, rubrics);
  if (message === null) return null;
  if (typeof message !== 'string') return message; // a rubric this app does not know, named
  const format = isPlainObject(json) ? json.format : undefined;
  if (format === RETURN_NOTE_FORMAT) return { message, reason: { code: 'return-note-not-sheet' } };
  if (format !== SCORESHEET_FORMAT) return { message, reason: { code: 'not-score-sheet' } };
  return { message, reason: { code: 'data-inconsistent' } };
}

/** What the receiving side knows beside its trusted signers (and, TimeOptions, when it first had the file: sheet-times.ts firstReceivedIn). */
export interface SheetCheckOptions extends TimeOptions {
  /**
   * The rubrics a sheet may be scored with: the database's known rubrics (knownRubrics: built-ins
   * and versions HQ published there), or the built-ins when there is no database (the default).
   */
  rubrics?: readonly Rubric[];
}

/**
 * Verify a signed score sheet against the trusted signers and the chain of its person's role.
 * The signatures must be a prefix of that chain (a sheet on its way); `complete` says whether
 * every step has signed.
 */
export async function verifySheetPdf(pdf: Buffer, trusted: TrustedSigner[], check: SheetCheckOptions = {}): Promise<SheetVerification> {
  const rubrics = check.rubrics ?? BUILTIN_RUBRICS;
  const options = (expectedChain: Role[]) => ({ trusted, expectedChain, checkData: (json: unknown) => scoresheetProblem(json, rubrics), now: check.now, firstReceived: check.firstReceived });
  // The chain depends on the person's role, which the verifier reads only after the signer
  // order: try the usual chain, and the regional manager's own-sheet chain when the order fails.
  const full = await verifyPdf(pdf, options(FULL_CHAIN));
  let verdict = full;
  if (full.failure?.check === 'signer-order') {
    const own = await verifyPdf(pdf, options(OWN_SHEET_CHAIN));
    // The signatures fit the own-sheet chain: that is the verdict when the sheet is a regional
    // manager's own (or its data cannot be read, which fails on its own).
    if (own.failure?.check !== 'signer-order' && (own.data === undefined || personRole(own.data) === 'regional-manager')) verdict = own;
  } else if (full.data !== undefined && personRole(full.data) === 'regional-manager') {
    const first = full.signatures[0];
    verdict = {
      ...full,
      ok: false,
      failure: {
        check: 'signer-order',
        message: `signature #1 is by ${first?.role ?? '?'} "${first?.name ?? '?'}" but a regional manager's own sheet is scored by sales planning (expected order: ${OWN_SHEET_CHAIN.join(' → ')})`,
        reason: { code: 'own-sheet-order', name: first?.name ?? '', role: first?.role ?? null, chain: [...OWN_SHEET_CHAIN] },
      },
    };
  }
  verdict = amendmentOrder(pdf, verdict);
  const role = personRole(verdict.data);
  const steps = verdict.ok && role ? chainStepsFor(role) : null;
  const signed = verdict.signatures.length;
  const first = verdict.signatures[0];
  return {
    verdict,
    data: verdict.ok ? (verdict.data as ScoresheetJson) : null,
    raw: verdict.data ?? null,
    steps,
    nextStep: verdict.ok && role ? nextStepFor(role, signed) : null,
    complete: steps !== null && signed === steps.length,
    exportSha256: first && first.revisionEnd <= pdf.length ? sha256Hex(pdf.subarray(0, first.revisionEnd)) : null,
  };
}

/**
 * An amendment first signed by a later step (docs/trust.md, "Amendments"): only the sheet's first
 * step authors an amendment. The order check fails such a file at its first signature before the
 * data is read; when the first signed revision's data declares an amendment, the failure says so
 * (amendment-not-by-first-step) instead of only naming the order.
 */
function amendmentOrder(pdf: Buffer, verdict: Verdict): Verdict {
  const reason = verdict.failure?.reason;
  const firstWrong = reason?.code === 'own-sheet-order' || (reason?.code === 'wrong-order' && reason.signature === 1);
  const first = verdict.signatures[0];
  if (verdict.failure?.check !== 'signer-order' || !firstWrong || !first) return verdict;
  let data: unknown;
  try {
    data = parseJsonBytes(readEmbeddedFile(parsePdf(pdf), first.revisionEnd, SCORE_FILE_NAME));
  } catch {
    return verdict; // no readable data: the order failure stands
  }
  if (!isPlainObject(data) || data.amendment === undefined) return verdict;
  const role = personRole(data);
  const step = role ? firstStepFor(role) : reason.code === 'own-sheet-order' ? 'planning' : 'manager';
  return {
    ...verdict,
    failure: {
      check: 'signer-order',
      message: `the file is an amendment first signed by ${first.role ?? '?'} "${first.name}": only the sheet's first step (${step}) authors an amendment`,
      reason: { code: 'amendment-not-by-first-step', name: first.name, role: first.role ?? null, first: step },
    },
  };
}

export function fileVerdict(verdict: Verdict): FileVerdict {
  return { ok: verdict.ok, failure: verdict.failure ?? null };
}

export function signerInfo(s: SignatureReport): SignerInfo {
  return {
    name: s.name,
    role: s.role,
    fingerprint: s.fingerprint,
    signingTime: s.signingTime ? s.signingTime.toISOString() : null,
    reason: s.reason,
    comment: s.comment,
  };
}

/** What an inbox shows of a file's data: read leniently (the verdict says whether to trust it). */
export function describeData(raw: unknown): Pick<InboxEntry, 'person' | 'region' | 'period' | 'scores' | 'flags'> {
  const out: Pick<InboxEntry, 'person' | 'region' | 'period' | 'scores' | 'flags'> = { person: null, region: null, period: null, scores: null, flags: [] };
  if (!isPlainObject(raw)) return out;
  const p = raw.person;
  if (isPlainObject(p) && typeof p.employeeNo === 'string' && typeof p.name === 'string' && ROLE_IDS.includes(p.role as RoleId)) {
    out.person = { employeeNo: p.employeeNo, name: p.name, role: p.role as RoleId };
  }
  const r = raw.region;
  if (isPlainObject(r) && typeof r.code === 'string' && typeof r.name === 'string') out.region = { code: r.code, name: r.name };
  const o = raw.output;
  if (isPlainObject(o)) {
    if (typeof o.period === 'string') out.period = o.period;
    const att = isPlainObject(o.attendance) ? o.attendance.score : undefined;
    if (typeof o.dailyScore === 'number' && typeof att === 'number' && typeof o.monthlyScore === 'number') {
      out.scores = { dailyScore: o.dailyScore, attendanceScore: att, monthlyScore: o.monthlyScore };
    }
    if (Array.isArray(o.flags)) out.flags = o.flags.filter((f): f is string => typeof f === 'string');
  }
  return out;
}
