/**
 * Saving a month: the 5,000 sheets of the last month, two ways:
 *   - sheets.saveMany, one call through the handler map (the input checked by the contract, then
 *     every sheet checked and scored before the first write, then all written in one transaction
 *     with their audit entries); median of 3;
 *   - sheets.save (saveSheet) once per sheet inside one transaction, the editor's path: each save
 *     is its own savepoint and answers with the whole sheet record (last month's result, the
 *     doubling proposals, a manager's team); once, for information.
 * Baseline: raw better-sqlite3 prepared INSERTs of exactly the rows saveMany wrote (sheets,
 * absences, hand-ins, audit entries), in one transaction (median of 3). Every run, product and
 * baseline alike, goes into a copy of the database as it was before the save (same schema,
 * indexes, pragmas and size) through one connection, and is undone before the next; the runs
 * alternate so that a busy moment of the machine falls on both.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../electron/db/database.ts';
import { writeTransaction } from '../../electron/db/transaction.ts';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { saveSheet } from '../../electron/services/sheets.ts';
import type { Company } from './data.ts';
import { median, progress, since } from './measure.ts';

export interface SavingResult {
  sheets: number;
  /** sheets.saveMany: median ms, and the rows it wrote. */
  batchMs: number;
  rows: number;
  /** Raw INSERTs of those rows: median ms. */
  baselineMs: number;
  /** sheets.save once per sheet, in one transaction. */
  oneByOneMs: number;
}

type Row = Record<string, unknown>;
type Tables = [string, Row[]][];

export async function measureSaving(company: Company, runs = 3): Promise<SavingResult> {
  const { db, last } = company;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = join(company.dir, 'baseline.db');
  copyFileSync(company.dbPath, copy);
  const auditBefore = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
  const request = {
    period: last,
    sheets: company.lastMonth.map(({ personId, entry }) => ({ personId, entry, status: 'ready' as const, expectedRevision: 0 })),
  };

  // The month, saved into the benchmark's database for the measurements after this one.
  const first = await saveMany(company.handlers, request);
  progress(`  sheets.saveMany (${company.lastMonth.length} sheets) into the benchmark's database: ${first.toFixed(0)} ms`);
  // Exactly what it wrote.
  const tables: Tables = [
    ['sheets', db.prepare('SELECT * FROM sheets WHERE period = ? ORDER BY id').all(last) as Row[]],
    ['absences', db.prepare('SELECT a.* FROM absences a JOIN sheets s ON s.id = a.sheet_id WHERE s.period = ?').all(last) as Row[]],
    ['hand_ins', db.prepare('SELECT h.* FROM hand_ins h JOIN sheets s ON s.id = h.sheet_id WHERE s.period = ?').all(last) as Row[]],
    ['audit_log', db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(auditBefore) as Row[]],
  ];
  const rows = rowsIn(tables);

  // The copy, opened with the app's pragmas (openDatabase's) but without its checks and backups.
  const base = new Database(copy);
  base.pragma('journal_mode = WAL');
  base.pragma('synchronous = FULL');
  base.pragma('foreign_keys = ON');
  try {
    // Setup, not measured: let the runs remove their rows in between (the audit log is append-only).
    base.exec('DROP TRIGGER IF EXISTS audit_log_append_only_delete');
    const handlers = createHandlers(base, { dbPath: copy, appVersion: 'bench' });
    const inserts = tables.map(([table, list]) => {
      const columns = Object.keys(list[0]!);
      return { list, statement: base.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) };
    });
    const batch: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < runs; run++) {
      const t = performance.now();
      writeTransaction(base, () => {
        for (const { list, statement } of inserts) for (const row of list) statement.run(...Object.values(row));
      });
      baseline.push(since(t));
      undo(base, last, auditBefore);
      batch.push(await saveMany(handlers, request));
      const written = count(base, last, auditBefore);
      if (written !== rows) throw new Error(`sheets.saveMany wrote ${written} rows into the copy, ${rows} into the benchmark's database`);
      undo(base, last, auditBefore);
      progress(`  run ${run + 1}/${runs}: raw INSERT of the ${rows.toLocaleString('en')} rows ${baseline.at(-1)!.toFixed(0)} ms, sheets.saveMany ${batch.at(-1)!.toFixed(0)} ms`);
    }

    const t = performance.now();
    writeTransaction(base, () => {
      for (const s of request.sheets) saveSheet(base, { ...s, period: last });
    });
    const oneByOneMs = since(t);
    const written = count(base, last, auditBefore);
    if (written !== rows) throw new Error(`sheets.save one at a time wrote ${written} rows, sheets.saveMany ${rows}`);
    progress(`  sheets.save × ${company.lastMonth.length}, one transaction: ${oneByOneMs.toFixed(0)} ms`);
    return { sheets: company.lastMonth.length, batchMs: median(batch), rows, baselineMs: median(baseline), oneByOneMs };
  } finally {
    base.close();
  }
}

/** One sheets.saveMany call through the handler map (the contract's check included): its ms. */
async function saveMany(handlers: ReturnType<typeof createHandlers>, request: unknown): Promise<number> {
  const t = performance.now();
  const outcome = await invoke(handlers, 'sheets.saveMany', request);
  const ms = since(t);
  if (!outcome.ok) throw new Error(`sheets.saveMany failed: ${outcome.error.message}`);
  return ms;
}

const rowsIn = (tables: Tables) => tables.reduce((n, [, list]) => n + list.length, 0);

/** The rows a month's save took: sheets, absences, hand-ins, audit entries. */
function count(db: Db, period: string, auditBefore: number): number {
  const one = (sql: string, arg: string | number) => (db.prepare(sql).get(arg) as { n: number }).n;
  return (
    one('SELECT count(*) AS n FROM sheets WHERE period = ?', period) +
    one('SELECT count(*) AS n FROM absences WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)', period) +
    one('SELECT count(*) AS n FROM hand_ins WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)', period) +
    one('SELECT count(*) AS n FROM audit_log WHERE id > ?', auditBefore)
  );
}

function undo(base: Db, period: string, auditBefore: number): void {
  writeTransaction(base, () => {
    base.prepare('DELETE FROM absences WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)').run(period);
    base.prepare('DELETE FROM hand_ins WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)').run(period);
    base.prepare('DELETE FROM sheets WHERE period = ?').run(period);
    base.prepare('DELETE FROM audit_log WHERE id > ?').run(auditBefore);
  });
  base.pragma('wal_checkpoint(TRUNCATE)');
}
