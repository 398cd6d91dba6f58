/** The approval chain a person's sheet goes through (assessment.md §1). */
import type { RoleId } from '../rubric/schema.ts';
import { CHAIN_ROLES, type ChainRole } from './types.ts';

/** Regional manager → sales planning → sales VP → HR; a regional manager's own sheet starts at sales planning. */
export function chainStepsFor(role: RoleId): ChainRole[] {
  return role === 'regional-manager' ? ['planning', 'vp', 'hr'] : [...CHAIN_ROLES];
}

/** The step that exports and signs a person's sheet first. */
export function firstStepFor(role: RoleId): ChainRole {
  return chainStepsFor(role)[0]!;
}
