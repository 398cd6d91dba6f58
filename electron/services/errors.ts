/** Failures a service reports to its caller (beside InputError for bad input). */
export class ServiceError extends Error {
  readonly kind: 'not-found' | 'conflict';
  constructor(kind: 'not-found' | 'conflict', message: string) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
  }
}
