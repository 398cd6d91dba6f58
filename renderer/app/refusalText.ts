/**
 * A failed call's refusal and the verifier's reason in the UI's language (shared/refusals.ts,
 * worded in i18n/refusals.ts); the service's English message only when there is no refusal
 * (an unexpected error).
 */
import type { ApiFailure } from '../../shared/api/types.ts';
import type { Refusal, VerifyFailure, VerifyReason } from '../../shared/refusals.ts';
import type { Messages } from '../i18n/en.ts';

/** A failure's sentence: its refusal worded in the UI's language, else the service's message. */
export function failureText(failure: Pick<ApiFailure, 'message' | 'refusal'>, t: Messages): string {
  return failure.refusal ? refusalText(failure.refusal, t) : failure.message;
}

/** A service's refusal in the UI's language. */
export function refusalText(refusal: Refusal, t: Messages): string {
  // Each code's wording takes that code's refusal (checked in i18n/refusals.ts by `satisfies`).
  const words = t.failure.refusals[refusal.code] as (r: Refusal) => string;
  return words(refusal);
}

/** Why the verifier refused a file, in the UI's language (a verdict kept before reasons existed: the check's name). */
export function verifyText(failure: Pick<VerifyFailure, 'check' | 'reason'>, t: Messages): string {
  if (!failure.reason) return t.approvals.checks[failure.check] ?? failure.check;
  const words = t.failure.reasons[failure.reason.code] as (r: VerifyReason) => string;
  return words(failure.reason);
}
