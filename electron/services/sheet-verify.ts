/**
 * Verifying a signed score sheet: the one verifier (electron/signing verifyPdf) with
 *   - the trusted signers of this app (or of a --trust folder),
 *   - the chain the sheet's person goes through (assessment.md §1: manager → planning → vp → hr;
 *     a regional manager's own sheet planning → vp → hr),
 *   - a data check that recomputes the embedded input with the embedded rubric by the shared
 *     engine and compares every field of the result with the embedded output.
 * Used by the inbox, the HR import, return notes and the CLI.
 */
import type { ChainRole, FileVerdict, InboxEntry, SignerInfo } from '../../shared/api/types.ts';
import { CHAIN_ROLES } from '../../shared/api/types.ts';
import { InputError, formatProblems, isPlainObject } from '../../shared/problems.ts';
import { loadRubric } from '../../shared/rubric/catalog.ts';
import { ROLE_IDS, type RoleId, type Rubric } from '../../shared/rubric/schema.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import type { Db } from '../db/database.ts';
import { SCORESHEET_FORMAT, chainSteps, type ScoresheetJson } from '../pdf/sheet.ts';
import { type Role, type SignatureReport, type TrustedSigner, type Verdict, verifyPdf } from '../signing/index.ts';
import { sha256Hex } from './files.ts';

/** The steps a person's sheet goes through. */
export function stepsFor(role: RoleId): ChainRole[] {
  return chainSteps(role);
}

const FULL_CHAIN: Role[] = [...CHAIN_ROLES];
const OWN_SHEET_CHAIN: Role[] = stepsFor('regional-manager');

/** The trusted signers recorded in this app's database. */
export function trustedSigners(db: Db): TrustedSigner[] {
  return (db.prepare('SELECT certificate, role FROM trusted_signers').all() as { certificate: Buffer; role: Role }[]).map((r) => ({
    certificate: r.certificate,
    role: r.role,
  }));
}

// ---------------------------------------------------------------------------------------------
// The data check

/** The first place two JSON values differ, as "path: a vs b", or null when equal. */
function firstDifference(embedded: unknown, recomputed: unknown, path: string): string | null {
  if (Array.isArray(recomputed)) {
    if (!Array.isArray(embedded)) return `${path}: the file has ${short(embedded)}, recomputed a list`;
    if (embedded.length !== recomputed.length) return `${path}: the file has ${embedded.length} entries, recomputed ${recomputed.length}`;
    for (let i = 0; i < recomputed.length; i++) {
      const d = firstDifference(embedded[i], recomputed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (recomputed !== null && typeof recomputed === 'object') {
    if (!isPlainObject(embedded)) return `${path}: the file has ${short(embedded)}, recomputed an object`;
    const keys = new Set([...Object.keys(recomputed), ...Object.keys(embedded)]);
    for (const key of keys) {
      const d = firstDifference(embedded[key], (recomputed as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  if (embedded === recomputed) return null; // numbers: -0 === 0, as JSON has it

  return `${path}: the file says ${short(embedded)}, recomputed ${short(recomputed)}`;
}

function short(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Check an embedded scoresheet.json: its shape, the rubric (valid, and its hash its content's),
 * the input (valid against that rubric), and the output, recomputed by the shared engine, equal
 * in every field. Returns the reason it fails, or null.
 */
export function checkScoresheet(json: unknown): string | null {
  if (!isPlainObject(json)) return 'scoresheet.json is not a JSON object';
  if (json.format !== SCORESHEET_FORMAT) {
    if (json.format === RETURN_NOTE_FORMAT) return 'this file is a return note, not a score sheet (import it with the return notes)';
    return `scoresheet.json has format ${short(json.format)}; expected "${SCORESHEET_FORMAT}"`;
  }
  for (const key of ['input', 'output', 'rubric', 'person', 'chain', 'exportedAt']) {
    if (!(key in json)) return `scoresheet.json has no "${key}"`;
  }
  if (!isPlainObject(json.rubric)) return 'the embedded rubric is not an object';
  const { hash, ...definition } = json.rubric;
  let rubric: Rubric;
  try {
    rubric = loadRubric(definition);
  } catch (err) {
    if (err instanceof InputError) return `the embedded rubric is not valid: ${formatProblems(err.problems, 'rubric')}`;
    throw err;
  }
  if (hash !== rubric.hash) return `the embedded rubric's hash ${short(hash)} is not the hash of its content (${rubric.hash})`;

  const checked = validateSheetInput(json.input, [rubric]);
  if (!checked.ok) return `the embedded input does not fit the embedded rubric: ${formatProblems(checked.problems, 'input')}`;
  if (checked.rubric.hash !== rubric.hash) return 'the embedded input names another rubric than the embedded one';
  const recomputed: unknown = JSON.parse(JSON.stringify(scoreSheet(checked.input, rubric)));
  const difference = firstDifference(json.output, recomputed, 'output');
  if (difference) return `the embedded numbers do not match a recomputation with the embedded rubric: ${difference}`;

  const person = json.person;
  if (!isPlainObject(person) || typeof person.employeeNo !== 'string' || typeof person.name !== 'string' || !ROLE_IDS.includes(person.role as RoleId)) {
    return 'the embedded person is not { employeeNo, name, role }';
  }
  if (person.role !== rubric.role) return `the person is a ${String(person.role)} but the rubric ${rubric.id} is for ${rubric.role}`;
  const named = checked.input.person;
  if (!named || named.id !== person.employeeNo || named.name !== person.name) return 'the person of the input is not the person of the sheet';
  if (!Array.isArray(json.chain)) return 'the embedded chain is not a list';
  if (typeof json.exportedAt !== 'string') return 'exportedAt is not a time';
  if ('region' in json && json.region !== undefined) {
    const region = json.region;
    if (!isPlainObject(region) || typeof region.code !== 'string' || typeof region.name !== 'string') return 'the embedded region is not { code, name }';
  }
  return null;
}

export const RETURN_NOTE_FORMAT = 'returnnote/1';

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

/**
 * Verify a signed score sheet against the trusted signers and the chain of its person's role.
 * The signatures must be a prefix of that chain (a sheet on its way); `complete` says whether
 * every step has signed.
 */
export async function verifySheetPdf(pdf: Buffer, trusted: TrustedSigner[]): Promise<SheetVerification> {
  const options = (expectedChain: Role[]) => ({ trusted, expectedChain, checkData: checkScoresheet });
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
      },
    };
  }
  const role = personRole(verdict.data);
  const steps = verdict.ok && role ? stepsFor(role) : null;
  const signed = verdict.signatures.length;
  const first = verdict.signatures[0];
  return {
    verdict,
    data: verdict.ok ? (verdict.data as ScoresheetJson) : null,
    raw: verdict.data ?? null,
    steps,
    nextStep: steps && signed < steps.length ? steps[signed]! : null,
    complete: steps !== null && signed === steps.length,
    exportSha256: first && first.revisionEnd <= pdf.length ? sha256Hex(pdf.subarray(0, first.revisionEnd)) : null,
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

export function isChainRole(value: unknown): value is ChainRole {
  return typeof value === 'string' && (CHAIN_ROLES as readonly string[]).includes(value);
}
