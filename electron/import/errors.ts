import type { FileReason } from '../../shared/refusals.ts';

/**
 * A file the import refuses as a whole (not a row problem): too big, not the kind of file its
 * name says, unreadable text, a possible zip bomb. `expected` says what would be accepted and
 * why this file is not, in English words (the CLI, the logs); `reason` says it as data for the UI
 * (shared/refusals.ts FileReason). The service turns it into an InputError on `file`.
 */
export class FileRefused extends Error {
  readonly expected: string;
  readonly reason: FileReason;
  constructor(expected: string, reason: FileReason) {
    super(expected);
    this.name = 'FileRefused';
    this.expected = expected;
    this.reason = reason;
  }
}
