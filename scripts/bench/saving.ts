/**
 * Saving a month: the 5,000 sheets of the last month through the sheets.save service (saveSheet:
 * validate, score, store the rubric version, write the row with its absences and hand-ins, the
 * audit entry, and read back the saved sheet), all in one transaction as an import or the demo
 * does. Baseline: raw better-sqlite3 prepared INSERTs of exactly the rows the service wrote
 * (sheets, absences, hand-ins, audit entries), in one transaction, into a copy of the database as
 * it was before the save (same schema, indexes, pragmas and size).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../electron/db/database.ts';
import { saveSheet } from '../../electron/services/sheets.ts';
import type { Company } from './data.ts';
import { median, progress, since } from './measure.ts';

export interface SavingResult {
  sheets: number;
  rows: number;
  productMs: number;
  baselineMs: number;
}

type Row = Record<string, unknown>;

export function measureSaving(company: Company, baselineRuns = 3): SavingResult {
  const { db, last } = company;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = join(company.dir, 'baseline.db');
  copyFileSync(company.dbPath, copy);
  const auditBefore = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

  const start = performance.now();
  db.transaction(() => {
    for (const { personId, entry } of company.lastMonth) saveSheet(db, { personId, period: last, entry, status: 'ready', expectedRevision: 0 });
  })();
  const productMs = since(start);
  progress(`  sheets.save × ${company.lastMonth.length}: ${productMs.toFixed(0)} ms`);

  // Exactly what the service wrote.
  const tables: [string, Row[]][] = [
    ['sheets', db.prepare('SELECT * FROM sheets WHERE period = ? ORDER BY id').all(last) as Row[]],
    ['absences', db.prepare('SELECT a.* FROM absences a JOIN sheets s ON s.id = a.sheet_id WHERE s.period = ?').all(last) as Row[]],
    ['hand_ins', db.prepare('SELECT h.* FROM hand_ins h JOIN sheets s ON s.id = h.sheet_id WHERE s.period = ?').all(last) as Row[]],
    ['audit_log', db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(auditBefore) as Row[]],
  ];
  const rows = tables.reduce((n, [, list]) => n + list.length, 0);

  // The copy opened with the app's pragmas (openDatabase's), without its checks and backups.
  const base = new Database(copy);
  base.pragma('journal_mode = WAL');
  base.pragma('synchronous = FULL');
  base.pragma('foreign_keys = ON');
  try {
    // Setup, not measured: let the baseline remove its rows between runs (the audit log is append-only).
    base.exec('DROP TRIGGER IF EXISTS audit_log_append_only_delete');
    const inserts = tables.map(([table, list]) => {
      const columns = Object.keys(list[0] ?? {});
      return { list, statement: columns.length ? base.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) : null };
    });
    const times: number[] = [];
    for (let run = 0; run < baselineRuns; run++) {
      const t = performance.now();
      base.transaction(() => {
        for (const { list, statement } of inserts) for (const row of list) statement!.run(...Object.values(row));
      })();
      times.push(since(t));
      progress(`  raw INSERT of the same ${rows.toLocaleString('en')} rows, run ${run + 1}/${baselineRuns}: ${times.at(-1)!.toFixed(0)} ms`);
      if (run < baselineRuns - 1) undo(base, last, auditBefore);
    }
    return { sheets: company.lastMonth.length, rows, productMs, baselineMs: median(times) };
  } finally {
    base.close();
  }
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
