import type { ApiFailure } from '../../shared/api/types.ts';
import type { Refusal } from '../../shared/refusals.ts';
import { ClockBehindError, SignError } from '../signing/sign.ts';

/** Failures a service reports to its caller (beside InputError for bad input). */
export class ServiceError extends Error {
  readonly kind: 'not-found' | 'conflict';
  /** The refusal as data, for the UI to word in its language (shared/refusals.ts); `message` says it in English for the CLI and the logs. */
  readonly refusal: Refusal;
  constructor(kind: 'not-found' | 'conflict', message: string, refusal: Refusal) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
    this.refusal = refusal;
  }
}

/**
 * A signing failure as a refusal (the English message keeps the detail): the clock behind the
 * file's latest signature when signPdf itself finds it (the service checked before, and the clock
 * went back or another signature came in between), or another SignError. Null for other errors.
 */
export function signFailure(err: unknown): ApiFailure | null {
  if (err instanceof ClockBehindError) return { kind: 'conflict', message: err.message, refusal: { code: 'clock-behind', previous: err.previous.toISOString(), now: err.at.toISOString() } };
  if (err instanceof SignError) return { kind: 'conflict', message: `The file could not be signed: ${err.message}`, refusal: { code: 'sign-failed' } };
  return null;
}
