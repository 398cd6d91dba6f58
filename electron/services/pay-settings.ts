/**
 * Pay settings versions: each in force from a month; a month's pay uses the newest version in
 * force then (ties: the higher version). Version 0 is the built-in default of assessment.md
 * (50/35/15, no over-plan bonus, the daily-work score: revised 2026-12-07; a database with sheets
 * from before keeps the monthly score as a version of its own, see migration 004). Versions are
 * never changed, only added.
 */
import type { PaySettingsVersion } from '../../shared/api/report-types.ts';
import { contentHash } from '../../shared/canonical.ts';
import { DEFAULT_PAY_SETTINGS, validatePaySettings, type PaySettings } from '../../shared/pay.ts';
import { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { appendAudit } from './audit.ts';
import { currentUser } from './settings.ts';

export const BUILTIN_PAY_SETTINGS: PaySettingsVersion = {
  version: 0,
  effectiveFrom: '2000-01',
  settings: DEFAULT_PAY_SETTINGS,
  hash: contentHash(DEFAULT_PAY_SETTINGS),
  createdAt: null,
  createdBy: null,
};

interface Row {
  version: number;
  effective_from: string;
  settings: string;
  hash: string;
  created_at: string;
  created_by: string;
}

const fromRow = (r: Row): PaySettingsVersion => ({
  version: r.version,
  effectiveFrom: r.effective_from,
  settings: JSON.parse(r.settings) as PaySettings,
  hash: r.hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** Every version, the built-in default first. */
export function listPaySettings(db: Db): PaySettingsVersion[] {
  const rows = statement(db, 'SELECT * FROM pay_settings ORDER BY version').all() as Row[];
  return [BUILTIN_PAY_SETTINGS, ...rows.map(fromRow)];
}

/** The version in force in a period. */
export function paySettingsFor(db: Db, period: string): PaySettingsVersion {
  const row = statement(db, 'SELECT * FROM pay_settings WHERE effective_from <= ? ORDER BY effective_from DESC, version DESC LIMIT 1').get(period) as Row | undefined;
  return row ? fromRow(row) : BUILTIN_PAY_SETTINGS;
}

export function savePaySettings(db: Db, input: { effectiveFrom: string; settings: unknown }): PaySettingsVersion {
  const problems = validatePaySettings(input.settings);
  if (problems.length) throw new InputError(problems, 'pay settings');
  const s = input.settings as PaySettings;
  // Stored in a fixed shape, so the same settings always give the same hash.
  const settings: PaySettings = {
    split: { base: s.split.base, plan: s.split.plan, assessment: s.split.assessment },
    bonus: s.bonus.policy === 'per-point' ? { policy: 'per-point', percentPerPoint: s.bonus.percentPerPoint } : { policy: 'none' },
    scoreRate: s.scoreRate,
  };
  return writeTransaction(db, () => {
    const before = paySettingsFor(db, input.effectiveFrom);
    const row: Row = {
      version: ((statement(db, 'SELECT max(version) AS v FROM pay_settings').get() as { v: number | null }).v ?? 0) + 1,
      effective_from: input.effectiveFrom,
      settings: JSON.stringify(settings),
      hash: contentHash(settings),
      created_at: new Date().toISOString(),
      created_by: currentUser(db)?.name ?? '(not set)',
    };
    statement(db, 'INSERT INTO pay_settings (version, effective_from, settings, hash, created_at, created_by) VALUES (@version, @effective_from, @settings, @hash, @created_at, @created_by)').run(row);
    const saved = fromRow(row);
    appendAudit(db, { action: 'paySettings.save', entity: 'pay-settings', entityId: saved.version, before: { version: before.version, ...before.settings }, after: { effectiveFrom: saved.effectiveFrom, ...settings } });
    return saved;
  });
}
