/**
 * Prepared statements, compiled once per database connection and reused: preparing is most of
 * the cost of a small query (saving a sheet runs about twenty). Only for fixed SQL run with
 * get/all/run; a statement from here must not be switched to raw/pluck/expand mode (that would
 * change it for every other caller).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
