/**
 * Opening a database from the command line. The command line shares the file with a running app
 * (no instance lock: SQLite keeps the writes one at a time); when it cannot get the write lock
 * within the busy timeout, `busyMessage` says who holds the database instead of "database is
 * locked".
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseRefused, openDatabase, type Db } from '../db/database.ts';
import { describeBusy } from '../db/instance-lock.ts';
import type { Person } from '../../shared/api/types.ts';
import { listPeople } from '../services/people.ts';
import { CliError } from './args.ts';

/** The databases this run opened (the busy message names the one that is locked). */
const opened = new Set<string>();

/** Open a database: `create` makes it (and its folder) when it does not exist; otherwise a missing file is refused. */
export function openDb(path: string, create: boolean): Db {
  if (!create && !existsSync(path)) throw new CliError(`cannot open ${path}: no such file`);
  try {
    if (create) mkdirSync(dirname(resolve(path)), { recursive: true });
    opened.add(path);
    return openDatabase(path);
  } catch (err) {
    const busy = busyMessage(err);
    if (busy) throw new CliError(busy);
    throw new CliError(err instanceof DatabaseRefused ? err.message : `cannot open ${path}: ${(err as Error).message}`);
  }
}

/** An SQLITE_BUSY failure on a database this run opened, in words ("the database is in use by …"); null for any other error. */
export function busyMessage(err: unknown): string | null {
  for (const path of opened) {
    const message = describeBusy(path, err);
    if (message) return message;
  }
  return null;
}

/**
 * The person of the roster with the employee number a flag gives (people no longer assessed too):
 * the one written exactly so, else the one it matches in any case; else a refusal naming the flag.
 * The roster may hold numbers that differ only in case ("f-101", "F-101"): then only the exact one is taken.
 */
export function personByNo(db: Db, flag: string, text: string): Person {
  const no = text.trim();
  const people = listPeople(db, { includeInactive: true });
  const exact = people.find((p) => p.employeeNo === no);
  if (exact) return exact;
  const like = people.filter((p) => p.employeeNo.toLowerCase() === no.toLowerCase());
  if (like.length > 1) throw new CliError(`${flag}: got ${JSON.stringify(no)}; expected one of ${like.map((p) => `${p.employeeNo} (${p.name})`).join(', ')}, written exactly so (their numbers differ only in case)`);
  if (!like[0]) throw new CliError(`${flag}: got ${JSON.stringify(no)}; expected the employee number of a person in the roster`);
  return like[0];
}
