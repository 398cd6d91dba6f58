/**
 * The approval chain (assessment.md §1): the one home of which steps a person's sheet goes
 * through and who signs next. The PDF, the verifier, signing identities, the CLI and the
 * renderer all ask here.
 *
 * Regional manager → sales planning → sales VP → HR. A regional manager's own sheet starts at
 * sales planning (its head scores regional managers). A field-service representative's sheet is
 * filled and signed by the region's manager and goes up the salesperson's chain (Decision).
 */
import type { RoleId } from './rubric/schema.ts';

/** Every step of the chain, in order. */
export const CHAIN_ROLES = ['manager', 'planning', 'vp', 'hr'] as const;
/** A step of the approval chain: regional manager, sales planning, sales VP, HR. */
export type ChainRole = (typeof CHAIN_ROLES)[number];

/** The steps at headquarters (sales planning, the VP, HR): they edit rubrics and review, a regional manager does neither. */
export const HQ_STEPS: readonly ChainRole[] = CHAIN_ROLES.filter((r) => r !== 'manager');

export const isHqStep = (role: unknown): boolean => (HQ_STEPS as readonly unknown[]).includes(role);

export function isChainRole(value: unknown): value is ChainRole {
  return typeof value === 'string' && (CHAIN_ROLES as readonly string[]).includes(value);
}

/** The steps a person's sheet goes through, in order. */
export function chainStepsFor(role: RoleId): ChainRole[] {
  return role === 'regional-manager' ? ['planning', 'vp', 'hr'] : [...CHAIN_ROLES];
}

/** The step that exports and signs a person's sheet first. */
export function firstStepFor(role: RoleId): ChainRole {
  return chainStepsFor(role)[0]!;
}

/** The step that signs after `signed` signatures, or null when the chain is complete. */
export function nextStepFor(role: RoleId, signed: number): ChainRole | null {
  return chainStepsFor(role)[signed] ?? null;
}

/**
 * The steps to show for a sheet: its person's chain, plus any step a (possibly foreign) file
 * says signed, in chain order — so a page never hides a signature it carries.
 */
export function shownSteps(role: RoleId, signedRoles: readonly ChainRole[] = []): ChainRole[] {
  const steps = new Set<ChainRole>(chainStepsFor(role));
  for (const r of signedRoles) steps.add(r);
  return CHAIN_ROLES.filter((r) => steps.has(r));
}
