/**
 * A rubric definition's problems, each at the field it concerns.
 *
 * Zod reports a failed union (an item-or-group node, a grade) as one "Invalid input" at the
 * whole node, with each alternative's issues inside. For an editor that is useless: here the
 * alternative the node was meant to be is picked and its issues are reported at their own paths.
 */
import { ZodError, type core } from 'zod';
import { zodProblems, type Problem } from '../problems.ts';
import { rubricSchema } from './schema.ts';

type Issue = core.$ZodIssue;

/** Every problem of `definition` (none when it is a valid rubric definition). */
export function rubricProblems(definition: unknown): Problem[] {
  const parsed = rubricSchema.safeParse(definition);
  return parsed.success ? [] : zodProblems(new ZodError(parsed.error.issues.flatMap((i) => expand(i, []))), definition);
}

function expand(issue: Issue, prefix: PropertyKey[]): Issue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union') return [{ ...issue, path }];
  const branch = meantBranch(issue.errors);
  if (!branch) return [{ ...issue, path }];
  return branch.flatMap((i) => expand(i, path));
}

/**
 * The alternative the value was meant to be: not one whose tag (a literal field such as `type`)
 * it contradicts, and of those the one with the fewest issues; none when that is a tie.
 */
function meantBranch(branches: Issue[][]): Issue[] | null {
  const candidates = branches.filter((b) => !b.some((i) => i.code === 'invalid_value' && i.path.length === 1));
  if (candidates.length === 0) return null;
  const fewest = Math.min(...candidates.map((b) => b.length));
  const best = candidates.filter((b) => b.length === fewest);
  return best.length === 1 ? best[0]! : null;
}
