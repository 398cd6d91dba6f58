/**
 * The one way the app writes: a transaction begun IMMEDIATE. SQLite then takes the write lock at
 * BEGIN, waiting up to the connection's busy_timeout for another writer (another process on the
 * same file: the CLI, a backup) to finish. A deferred transaction would take it only at its first
 * write, after its reads, and in WAL mode a writer that read an older snapshot cannot wait: it
 * fails at once with SQLITE_BUSY ("database is locked"), however long the timeout.
 *
 * Inside another transaction, the call is a savepoint of it (better-sqlite3's nesting): a service
 * that writes through this helper can be called from another service's transaction.
 *
 * The lint (eslint.config.mjs) refuses a bare `db.transaction(` everywhere else in electron/ and
 * scripts/.
 */
import type Database from 'better-sqlite3';

/** Run `fn` in a write transaction (BEGIN IMMEDIATE, or a savepoint when already in one) and return its result; rolled back if it throws. `fn` must be synchronous. */
export function writeTransaction<R>(db: Database.Database, fn: () => R): R {
  return db.transaction(fn).immediate();
}
