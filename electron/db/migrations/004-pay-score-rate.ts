/**
 * 004: pay's score rate, revised 2026-12-07 (assessment.md "Pay"). The built-in pay settings
 * (version 0) now take the 日常考核得分率 from the daily-work score; before, from the monthly score.
 * A database that already has sheets computed its pay with the old built-in for every month no
 * pay-settings version of its own covered, so those months get that rate recorded as an explicit
 * version: the old built-in's settings (50/35/15, no over-plan bonus, the monthly score), in force
 * from the earliest month with a sheet. Added only when such a month exists (a sheet earlier than
 * the first saved version, or no saved version at all), and never over a saved version: it is in
 * force strictly before the first one, so every month computes exactly as before. A new database
 * (no sheets) gets nothing and starts with the daily-work rate. Settings then offers the corrected
 * rate as a new version from a month HR chooses.
 */
import { contentHash } from '../../../shared/canonical.ts';
import { RECORDED_AT_UPDATE } from '../../../shared/pay.ts';

/** The built-in pay settings before 2026-12-07, in the shape pay-settings.ts stores (fixed here: never derived from today's default). */
export const PRE_2026_12_07_PAY_SETTINGS = {
  split: { base: 50, plan: 35, assessment: 15 },
  bonus: { policy: 'none' },
  scoreRate: 'monthly',
} as const;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const sql = /* sql */ `
INSERT INTO pay_settings (version, effective_from, settings, hash, created_at, created_by)
SELECT
  (SELECT coalesce(max(version), 0) + 1 FROM pay_settings),
  first.period,
  ${quote(JSON.stringify(PRE_2026_12_07_PAY_SETTINGS))},
  ${quote(contentHash(PRE_2026_12_07_PAY_SETTINGS))},
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  ${quote(RECORDED_AT_UPDATE)}
FROM (SELECT min(period) AS period FROM sheets) AS first
WHERE first.period IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM pay_settings WHERE effective_from <= first.period);
`;
