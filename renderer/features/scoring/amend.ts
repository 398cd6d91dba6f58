/**
 * Who may amend a signed sheet here, and whether a reason is acceptable: the rules the backend
 * applies (sheets.amend: only the app of the sheet's first step, shared/chain.ts firstStepFor; a
 * reason of 1 to AMEND_REASON_MAX characters, trimmed), asked before the call so the editor
 * offers 修订… only where it can succeed and says why not elsewhere. The backend checks again.
 */
import { AMEND_REASON_MAX } from '../../../shared/amendment.ts';
import { firstStepFor, type ChainRole } from '../../../shared/chain.ts';
import type { RoleId } from '../../../shared/rubric/schema.ts';

export interface AmendAuthor {
  can: boolean;
  /** The step that amends this person's sheets (its first step). */
  first: ChainRole;
  /** This app's step, or null without a user. */
  mine: ChainRole | null;
}

export function amendAuthor(role: RoleId, mine: ChainRole | null): AmendAuthor {
  const first = firstStepFor(role);
  return { can: mine === first, first, mine };
}

export type ReasonProblem = { kind: 'missing' } | { kind: 'too-long'; length: number };

/** Why a reason is not accepted (as the contract trims and bounds it), or null. */
export function reasonProblem(reason: string): ReasonProblem | null {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return { kind: 'missing' };
  if (trimmed.length > AMEND_REASON_MAX) return { kind: 'too-long', length: trimmed.length };
  return null;
}
