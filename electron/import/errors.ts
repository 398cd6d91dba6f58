/**
 * A file the import refuses as a whole (not a row problem): too big, not the kind of file its
 * name says, unreadable text, a possible zip bomb. `expected` says what would be accepted and
 * why this file is not, in words for the user; the service turns it into an InputError.
 */
export class FileRefused extends Error {
  readonly expected: string;
  constructor(expected: string) {
    super(expected);
    this.name = 'FileRefused';
    this.expected = expected;
  }
}
