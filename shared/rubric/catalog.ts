/** Loading rubrics (validate + hash) and finding the one a sheet names. */
import { contentHash } from '../canonical.ts';
import { InputError, type Problem } from '../problems.ts';
import { rubricProblems } from './problems.ts';
import { rubricSchema, type Rubric } from './schema.ts';
import { salesperson, salespersonV2 } from './builtin/salesperson.ts';
import { regionalManager } from './builtin/regional-manager.ts';
import { fieldService, fieldServiceV2 } from './builtin/field-service.ts';

/** Validate a rubric definition and attach its content hash. Throws InputError naming every problem. */
export function loadRubric(definition: unknown): Rubric {
  const parsed = rubricSchema.safeParse(definition);
  // Each problem at its own field (rubricProblems looks inside the item-or-group unions).
  if (!parsed.success) throw new InputError(rubricProblems(definition), 'rubric');
  return { ...parsed.data, hash: contentHash(parsed.data) };
}

/**
 * The rubrics that ship with the app, every version ever shipped (stored sheets and signed files
 * name theirs), validated at load. A correction is a new version, never an edit: a bare id takes
 * the newest version in force for the period (resolveRubric), so a version in force from the
 * same month as the one before replaces it for every month.
 */
export const BUILTIN_RUBRICS: readonly Rubric[] = [salesperson, salespersonV2, regionalManager, fieldService, fieldServiceV2].map(loadRubric);

/**
 * Built-in versions a revision replaced, with the first month no sheet is scored on them any more
 * (the revisions shipped 2026-12-07). A sheet of an earlier month may still carry the old version
 * (it was marked ready before the revision, and keeps it); a sheet of that month or later was
 * started after the revision shipped, so it is on the new one — a file that says otherwise was
 * made to score under the old, milder rules, and is refused.
 */
export const SUPERSEDED_FROM: Readonly<Record<string, string>> = { 'salesperson@1': '2027-01', 'field-service@1': '2027-01' };

const REF_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(\d+))?$/;

export type Resolution = { ok: true; rubric: Rubric } | { ok: false; problem: Problem };

/**
 * The rubric a sheet names: `id@version` exactly, or for a bare `id` the newest version in force
 * for `period` (effectiveFrom ≤ period).
 */
export function resolveRubric(ref: string, period: string, rubrics: readonly Rubric[] = BUILTIN_RUBRICS): Resolution {
  // The usual case, a ref written as `${id}@${version}` (every stored sheet names its version):
  // the first rubric with that ref is the one the general path finds, without parsing the ref.
  for (const r of rubrics) if (canonicalRef(r) === ref) return { ok: true, rubric: r };
  const m = REF_PATTERN.exec(ref);
  if (!m) return unresolved(ref, `a rubric id, optionally with @version (known: ${knownIds(rubrics)})`);
  const [, id, version] = m;
  if (version !== undefined) {
    // Exactly id@version (the usual case: a stored or exported sheet names its version).
    const wanted = Number(version);
    for (const r of rubrics) if (r.id === id && r.version === wanted) return { ok: true, rubric: r };
  }
  const versions = rubrics.filter((r) => r.id === id);
  if (versions.length > 1) versions.sort((a, b) => a.version - b.version);
  if (versions.length === 0) return unresolved(ref, `one of the known rubrics: ${knownIds(rubrics)}`);
  if (version !== undefined) return unresolved(ref, `a version of ${id} that exists: ${versions.map((r) => r.version).join(', ')}`);
  let inForce: Rubric | undefined;
  for (const r of versions) if (r.effectiveFrom <= period) inForce = r;
  if (!inForce) return unresolved(ref, `a rubric in force for ${period} (${id} starts ${versions[0]!.effectiveFrom})`);
  return { ok: true, rubric: inForce };
}

const canonicalRefs = new WeakMap<Rubric, string | null>();

/**
 * `id@version` of a rubric, as REF_PATTERN reads it back to this id and version (null when it
 * would not: an id REF_PATTERN does not take, a version that is not written in plain digits).
 * Kept per rubric object: a loaded rubric is never changed (its hash is of its content).
 */
export function canonicalRef(r: Rubric): string | null {
  let ref = canonicalRefs.get(r);
  if (ref === undefined) {
    const text = `${r.id}@${r.version}`;
    ref = Number.isSafeInteger(r.version) && r.version >= 0 && REF_PATTERN.test(text) ? text : null;
    canonicalRefs.set(r, ref);
  }
  return ref;
}

function knownIds(rubrics: readonly Rubric[]): string {
  return [...new Set(rubrics.map((r) => r.id))].join(', ');
}

function unresolved(ref: string, expected: string): Resolution {
  return { ok: false, problem: { field: 'rubric', value: ref, expected } };
}
