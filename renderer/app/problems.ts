/** Matching input problems (from a failed call or local validation) to the fields they name. */
import type { Problem } from '../../shared/problems.ts';
import { ApiError } from '../api/client.ts';

/** The problems of a failed call, or none. */
export function problemsOf(error: unknown): readonly Problem[] {
  return error instanceof ApiError && error.failure.kind === 'input' ? (error.failure.problems ?? []) : [];
}

/** Problems at `path` or inside it (`path.x`, `path[0]`). */
export function problemsAt(problems: readonly Problem[], path: string, exact = false): Problem[] {
  return problems.filter((p) => p.field === path || (!exact && (p.field.startsWith(`${path}.`) || p.field.startsWith(`${path}[`))));
}
