/**
 * Migration 004 (pay's score rate, revised 2026-12-07): a database made with schema 3 and its data
 * keeps every pay figure of every month (the rate it relied on, the old built-in's monthly score,
 * is recorded as a version of its own); a new database starts with the daily-work score.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { PRE_2026_12_07_PAY_SETTINGS } from '../../electron/db/migrations/004-pay-score-rate.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { BUILTIN_PAY_SETTINGS, listPaySettings, paySettingsFor, savePaySettings } from '../../electron/services/pay-settings.ts';
import { payReport } from '../../electron/services/reports.ts';
import type { PayReport } from '../../shared/api/report-types.ts';
import { contentHash } from '../../shared/canonical.ts';
import { computePay, RECORDED_AT_UPDATE, type PaySettings } from '../../shared/pay.ts';
import { payTotals } from '../../shared/reports/pay.ts';
import { tempDir, track } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15);
const UP_TO_003 = MIGRATIONS.slice(0, 3);
const UP_TO_004 = MIGRATIONS.slice(0, 4);
const OLD_BUILTIN: PaySettings = { split: { base: 50, plan: 35, assessment: 15 }, bonus: { policy: 'none' }, scoreRate: 'monthly' };

const periodsOf = (db: Db) => (db.prepare('SELECT DISTINCT period FROM sheets ORDER BY period').all() as { period: string }[]).map((r) => r.period);

/**
 * The pay report of schema 3's app: the same rows, pay computed with the version in force, where a
 * month without a saved version used the built-in of that time (the monthly score).
 */
function oldAppReport(db: Db, period: string): PayReport {
  const report = payReport(db, { period });
  const settings = report.settings.version === 0 ? OLD_BUILTIN : report.settings.settings;
  const rows = report.rows.map((r) => ({
    ...r,
    pay: r.pay && computePay({ salaryTotal: r.salaryTotal!, plan: r.plan!, actual: r.actual!, monthlyScore: r.monthlyScore!, dailyScore: r.dailyScore!, ...settings }),
  }));
  return { ...report, rows, totals: payTotals(rows) };
}

/** Every figure of a report: per person, pay (or what is missing); and the totals. */
const figures = (r: PayReport) => ({ rows: r.rows.map((x) => [x.employeeNo, x.pay, x.missing]), totals: r.totals });

/** A schema-3 database with the demo's data (six months of sheets, salaries and plan figures), closed. */
function version3WithData(extra?: (db: Db) => void): { path: string; before: Map<string, PayReport> } {
  const path = join(tempDir(), 'v3.db');
  const v3 = openDatabase(path, { migrations: UP_TO_003 });
  loadDemo(v3, TODAY);
  extra?.(v3);
  expect(schemaVersion(v3)).toBe(3);
  const before = new Map(periodsOf(v3).map((p) => [p, oldAppReport(v3, p)]));
  v3.close();
  return { path, before };
}

describe('migration 004: pay keeps its figures', () => {
  it('a schema-3 database relying on the built-in: the monthly score is recorded from its first month, every month pays the same', () => {
    const { path, before } = version3WithData();
    const periods = [...before.keys()];
    expect(periods.length).toBeGreaterThanOrEqual(6);
    const paid = [...before.values()].reduce((n, r) => n + r.totals.people, 0);
    expect(paid).toBeGreaterThan(100);

    const db = track(openDatabase(path, { migrations: UP_TO_004 }));
    expect(schemaVersion(db)).toBe(4);
    const recorded = listPaySettings(db);
    expect(recorded).toEqual([
      BUILTIN_PAY_SETTINGS,
      { version: 1, effectiveFrom: periods[0], settings: OLD_BUILTIN, hash: contentHash(OLD_BUILTIN), createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), createdBy: RECORDED_AT_UPDATE },
    ]);
    // Stored as the app stores a version it saves: the same JSON, so the same hash.
    expect(db.prepare('SELECT settings FROM pay_settings').get()).toEqual({ settings: JSON.stringify(OLD_BUILTIN) });
    expect(PRE_2026_12_07_PAY_SETTINGS).toEqual(OLD_BUILTIN);

    for (const period of periods) {
      const after = payReport(db, { period });
      expect(after.settings.version, period).toBe(1);
      expect(figures(after), period).toEqual(figures(before.get(period)!));
    }
    // Without the recorded version the new built-in (the daily-work score) would change past pay:
    // the comparison above can fail.
    const builtInNow = (period: string) =>
      payReport(db, { period }).rows.map((r) => r.pay && computePay({ salaryTotal: r.salaryTotal!, plan: r.plan!, actual: r.actual!, monthlyScore: r.monthlyScore!, dailyScore: r.dailyScore!, ...BUILTIN_PAY_SETTINGS.settings }));
    expect(periods.some((p) => JSON.stringify(builtInNow(p)) !== JSON.stringify(before.get(p)!.rows.map((r) => r.pay)))).toBe(true);
    // A month before the first sheet has no pay to keep: the new default applies there.
    expect(paySettingsFor(db, '2020-01')).toBe(BUILTIN_PAY_SETTINGS);
  });

  it('a database with saved versions keeps them; only the months before the first one get the recorded rate', () => {
    let periods: string[] = [];
    const { path, before } = version3WithData((v3) => {
      periods = periodsOf(v3);
      // HR saved two versions with schema 3: a per-point bonus from the 3rd month, the daily-work score from the 5th.
      savePaySettings(v3, { effectiveFrom: periods[2]!, settings: { split: { base: 60, plan: 30, assessment: 10 }, bonus: { policy: 'per-point', percentPerPoint: 0.5 }, scoreRate: 'monthly' } });
      savePaySettings(v3, { effectiveFrom: periods[4]!, settings: { ...OLD_BUILTIN, scoreRate: 'daily' } });
    });
    const db = track(openDatabase(path, { migrations: UP_TO_004 }));
    expect(listPaySettings(db).map((v) => [v.version, v.effectiveFrom, v.settings.scoreRate])).toEqual([
      [0, '2000-01', 'daily'],
      [1, periods[2], 'monthly'],
      [2, periods[4], 'daily'],
      [3, periods[0], 'monthly'],
    ]);
    expect(periods.map((p) => paySettingsFor(db, p).version)).toEqual([3, 3, 1, 1, 2, 2, ...periods.slice(6).map(() => 2)]);
    for (const period of periods) expect(figures(payReport(db, { period })), period).toEqual(figures(before.get(period)!));
  });

  it('a database whose saved version covers its first month gets nothing new', () => {
    let first = '';
    const { path, before } = version3WithData((v3) => {
      first = periodsOf(v3)[0]!;
      savePaySettings(v3, { effectiveFrom: '2026-01', settings: { ...OLD_BUILTIN, split: { base: 55, plan: 30, assessment: 15 } } });
    });
    expect(first > '2026-01').toBe(true);
    const db = track(openDatabase(path, { migrations: UP_TO_004 }));
    expect(listPaySettings(db).map((v) => v.version)).toEqual([0, 1]);
    for (const [period, old] of before) expect(figures(payReport(db, { period })), period).toEqual(figures(old));
  });

  it('a new database has no version of its own and pays by the daily-work score, also after the demo', () => {
    const db = track(openDatabase(join(tempDir(), 'new.db')));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(listPaySettings(db)).toEqual([BUILTIN_PAY_SETTINGS]);
    expect(BUILTIN_PAY_SETTINGS.settings.scoreRate).toBe('daily');
    loadDemo(db, TODAY);
    const period = periodsOf(db)[0]!;
    const report = payReport(db, { period });
    expect(report.settings).toBe(BUILTIN_PAY_SETTINGS);
    const rows = report.rows.filter((r) => r.pay && r.dailyScore !== r.monthlyScore);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      // 工资总额 (fen) × 15% × the daily-work score ÷ 100, half-up to the fen.
      const [salary, daily] = [BigInt(Math.round(row.salaryTotal! * 100)), BigInt(Math.round(row.dailyScore! * 100))];
      expect(BigInt(Math.round(row.pay!.assessment * 100)), row.employeeNo).toBe((2n * salary * 15n * daily + 1_000_000n) / 2_000_000n);
    }
  });

  it('an empty schema-3 database (no sheets) gets nothing and starts with the daily-work score', () => {
    const path = join(tempDir(), 'empty-v3.db');
    openDatabase(path, { migrations: UP_TO_003 }).close();
    const db = track(openDatabase(path, { migrations: UP_TO_004 }));
    expect(schemaVersion(db)).toBe(4);
    expect(listPaySettings(db)).toEqual([BUILTIN_PAY_SETTINGS]);
  });
});
