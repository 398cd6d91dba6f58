/** Loading rubrics (validate + hash) and finding the one a sheet names. */
import { contentHash } from '../canonical.ts';
import { InputError, zodProblems, type Problem } from '../problems.ts';
import { rubricSchema, type Rubric } from './schema.ts';
import { salesperson } from './builtin/salesperson.ts';
import { regionalManager } from './builtin/regional-manager.ts';
import { fieldService } from './builtin/field-service.ts';

/** Validate a rubric definition and attach its content hash. Throws InputError naming every problem. */
export function loadRubric(definition: unknown): Rubric {
  const parsed = rubricSchema.safeParse(definition);
  if (!parsed.success) {
    throw new InputError(zodProblems(parsed.error, definition), 'rubric');
  }
  return { ...parsed.data, hash: contentHash(parsed.data) };
}

/** The three rubrics that ship with the app, validated at load. */
export const BUILTIN_RUBRICS: readonly Rubric[] = [salesperson, regionalManager, fieldService].map(loadRubric);

const REF_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(\d+))?$/;

export type Resolution = { ok: true; rubric: Rubric } | { ok: false; problem: Problem };

/**
 * The rubric a sheet names: `id@version` exactly, or for a bare `id` the newest version in force
 * for `period` (effectiveFrom ≤ period).
 */
export function resolveRubric(ref: string, period: string, rubrics: readonly Rubric[] = BUILTIN_RUBRICS): Resolution {
  const fail = (expected: string): Resolution => ({ ok: false, problem: { field: 'rubric', value: ref, expected } });
  const m = REF_PATTERN.exec(ref);
  const ids = [...new Set(rubrics.map((r) => r.id))];
  if (!m) return fail(`a rubric id, optionally with @version (known: ${ids.join(', ')})`);
  const [, id, version] = m;
  const versions = rubrics.filter((r) => r.id === id).sort((a, b) => a.version - b.version);
  if (versions.length === 0) return fail(`one of the known rubrics: ${ids.join(', ')}`);
  if (version !== undefined) {
    const exact = versions.find((r) => r.version === Number(version));
    return exact ? { ok: true, rubric: exact } : fail(`a version of ${id} that exists: ${versions.map((r) => r.version).join(', ')}`);
  }
  const inForce = versions.filter((r) => r.effectiveFrom <= period).at(-1);
  if (!inForce) return fail(`a rubric in force for ${period} (${id} starts ${versions[0]!.effectiveFrom})`);
  return { ok: true, rubric: inForce };
}
