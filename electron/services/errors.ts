import type { Refusal } from '../../shared/refusals.ts';

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
