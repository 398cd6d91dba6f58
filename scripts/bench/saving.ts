/**
 * Saving a month: the 5,000 sheets of the last month, all in one transaction (as an import or the
 * demo loader does), two ways:
 *   - the sheets.save service (saveSheet: read the person and the stored sheet, validate, score,
 *     store the rubric version, write the row with its absences and hand-ins, the audit entry, and
 *     answer with the saved sheet and last month's result; each save is its own savepoint);
 *   - the sheet writer alone, as HR's import uses it: validate, score, writeSheetRow.
 * Baseline for each: raw better-sqlite3 prepared INSERTs of exactly the rows that way wrote
 * (sheets, absences, hand-ins, and for the service its audit entries), in one transaction, into a
 * copy of the database as it was before the save (same schema, indexes, pragmas and size).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../electron/db/database.ts';
import { listRubrics, rubricForRole, storeRubric } from '../../electron/services/rubrics.ts';
import { saveSheet, writeSheetRow } from '../../electron/services/sheets.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import { sheetInput, type Company } from './data.ts';
import { median, progress, since } from './measure.ts';

export interface SavingResult {
  sheets: number;
  /** The service: its time, and the raw INSERTs of the same rows (with the audit entries). */
  serviceMs: number;
  serviceRows: number;
  serviceBaselineMs: number;
  /** The writer: validate + score + writeSheetRow, and the raw INSERTs of its rows. */
  writerMs: number;
  writerRows: number;
  writerBaselineMs: number;
}

type Row = Record<string, unknown>;
type Tables = [string, Row[]][];

export function measureSaving(company: Company, runs = 3): SavingResult {
  const { db, last } = company;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = join(company.dir, 'baseline.db');
  copyFileSync(company.dbPath, copy);
  const auditBefore = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

  const start = performance.now();
  db.transaction(() => {
    for (const { personId, entry } of company.lastMonth) saveSheet(db, { personId, period: last, entry, status: 'ready', expectedRevision: 0 });
  })();
  const serviceMs = since(start);
  progress(`  sheets.save × ${company.lastMonth.length}: ${serviceMs.toFixed(0)} ms`);

  // Exactly what the service wrote.
  const sheetTables: Tables = [
    ['sheets', db.prepare('SELECT * FROM sheets WHERE period = ? ORDER BY id').all(last) as Row[]],
    ['absences', db.prepare('SELECT a.* FROM absences a JOIN sheets s ON s.id = a.sheet_id WHERE s.period = ?').all(last) as Row[]],
    ['hand_ins', db.prepare('SELECT h.* FROM hand_ins h JOIN sheets s ON s.id = h.sheet_id WHERE s.period = ?').all(last) as Row[]],
  ];
  const serviceTables: Tables = [...sheetTables, ['audit_log', db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(auditBefore) as Row[]]];

  // The copy, opened with the app's pragmas (openDatabase's) but without its checks and backups.
  const base = new Database(copy);
  base.pragma('journal_mode = WAL');
  base.pragma('synchronous = FULL');
  base.pragma('foreign_keys = ON');
  try {
    // Setup, not measured: let the runs remove their rows in between (the audit log is append-only).
    base.exec('DROP TRIGGER IF EXISTS audit_log_append_only_delete');
    const serviceBaseline = insertRuns(base, serviceTables, runs, last, auditBefore, 'raw INSERT of the rows sheets.save wrote');
    const writerBaseline = insertRuns(base, sheetTables, runs, last, auditBefore, 'raw INSERT of the sheet rows alone');

    // The writer, on the copy (the same state as before the save), through the app's services.
    const people = new Map(company.people.map((p) => [p.id, p]));
    const rubrics = listRubrics(base);
    const writer: number[] = [];
    let writerRows = 0;
    for (let run = 0; run < runs; run++) {
      const t = performance.now();
      base.transaction(() => {
        for (const { personId, entry } of company.lastMonth) {
          const person = people.get(personId)!;
          const rubric = rubricForRole(rubrics, person.role, last);
          const checked = validateSheetInput(sheetInput(rubric, last, person, entry), [rubric]);
          if (!checked.ok) throw new Error(`invalid sheet: ${JSON.stringify(checked.problems)}`);
          storeRubric(base, rubric);
          writeSheetRow(base, null, { personId, rubric, status: 'ready', input: checked.input, result: scoreSheet(checked.input, rubric), revision: 1 });
        }
      })();
      writer.push(since(t));
      writerRows = count(base, last);
      progress(`  validate + score + writeSheetRow × ${company.lastMonth.length}, run ${run + 1}/${runs}: ${writer.at(-1)!.toFixed(0)} ms`);
      undo(base, last, auditBefore);
    }
    return {
      sheets: company.lastMonth.length,
      serviceMs,
      serviceRows: rowsIn(serviceTables),
      serviceBaselineMs: serviceBaseline,
      writerMs: median(writer),
      writerRows,
      writerBaselineMs: writerBaseline,
    };
  } finally {
    base.close();
  }
}

const rowsIn = (tables: Tables) => tables.reduce((n, [, list]) => n + list.length, 0);

/** The rows a month's sheets take: sheets, absences, hand-ins. */
function count(db: Db, period: string): number {
  const one = (sql: string) => (db.prepare(sql).get(period) as { n: number }).n;
  return (
    one('SELECT count(*) AS n FROM sheets WHERE period = ?') +
    one('SELECT count(*) AS n FROM absences WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)') +
    one('SELECT count(*) AS n FROM hand_ins WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)')
  );
}

/** Raw prepared INSERTs of `tables` in one transaction, `runs` times (undone in between): the median ms. */
function insertRuns(base: Db, tables: Tables, runs: number, period: string, auditBefore: number, what: string): number {
  const inserts = tables.map(([table, list]) => {
    const columns = Object.keys(list[0] ?? {});
    return { list, statement: columns.length ? base.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) : null };
  });
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    base.transaction(() => {
      for (const { list, statement } of inserts) for (const row of list) statement!.run(...Object.values(row));
    })();
    times.push(since(t));
    progress(`  ${what} (${rowsIn(tables).toLocaleString('en')} rows), run ${run + 1}/${runs}: ${times.at(-1)!.toFixed(0)} ms`);
    undo(base, period, auditBefore);
  }
  return median(times);
}

function undo(base: Db, period: string, auditBefore: number): void {
  base.transaction(() => {
    base.prepare('DELETE FROM absences WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)').run(period);
    base.prepare('DELETE FROM hand_ins WHERE sheet_id IN (SELECT id FROM sheets WHERE period = ?)').run(period);
    base.prepare('DELETE FROM sheets WHERE period = ?').run(period);
    base.prepare('DELETE FROM audit_log WHERE id > ?').run(auditBefore);
  })();
  base.pragma('wal_checkpoint(TRUNCATE)');
}
