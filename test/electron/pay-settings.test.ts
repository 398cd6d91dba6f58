/** Pay settings versions: the built-in default, versions in force from a month, refusals, and rows that never change. */
import { describe, expect, it } from 'vitest';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { BUILTIN_PAY_SETTINGS, paySettingsFor } from '../../electron/services/pay-settings.ts';
import { contentHash } from '../../shared/canonical.ts';
import { DEFAULT_PAY_SETTINGS, type PaySettings } from '../../shared/pay.ts';
import { call } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

const PER_POINT: PaySettings = { split: { base: 40, plan: 40, assessment: 20 }, bonus: { policy: 'per-point', percentPerPoint: 0.5 }, scoreRate: 'daily' };

function setup() {
  const { db, path } = tempDb();
  return { db, h: createHandlers(db, { dbPath: path, appVersion: 'test' }) };
}

describe('pay settings', () => {
  it('starts with the built-in version 0 of assessment.md: 50/35/15, no bonus, the daily-work score (revised 2026-12-07)', async () => {
    const { db, h } = setup();
    expect(await call(h, 'paySettings.list', {})).toEqual([BUILTIN_PAY_SETTINGS]);
    expect(BUILTIN_PAY_SETTINGS).toMatchObject({ version: 0, settings: { split: { base: 50, plan: 35, assessment: 15 }, bonus: { policy: 'none' }, scoreRate: 'daily' } });
    expect(paySettingsFor(db, '2026-02')).toBe(BUILTIN_PAY_SETTINGS);
  });

  it('a version effective 2026-03 applies from 2026-03 on and leaves 2026-02 on the earlier one', async () => {
    const { db, h } = setup();
    await call(h, 'user.set', { name: '人力资源部', chainRole: 'hr', regionId: null });
    const saved = await call(h, 'paySettings.save', { effectiveFrom: '2026-03', settings: PER_POINT });
    expect(saved).toMatchObject({ version: 1, effectiveFrom: '2026-03', settings: PER_POINT, hash: contentHash(PER_POINT), createdBy: '人力资源部' });
    expect(paySettingsFor(db, '2026-02').version).toBe(0);
    expect(paySettingsFor(db, '2026-03').version).toBe(1);
    expect(paySettingsFor(db, '2027-01').version).toBe(1);

    // A later version, and one added afterwards for an earlier month: each month keeps the newest in force then.
    const v2 = await call(h, 'paySettings.save', { effectiveFrom: '2026-06', settings: DEFAULT_PAY_SETTINGS });
    const v3 = await call(h, 'paySettings.save', { effectiveFrom: '2026-03', settings: { ...PER_POINT, scoreRate: 'monthly' } });
    expect([v2.version, v3.version]).toEqual([2, 3]);
    expect(['2026-02', '2026-03', '2026-05', '2026-06'].map((p) => paySettingsFor(db, p).version)).toEqual([0, 3, 3, 2]);
    expect((await call(h, 'paySettings.list', {})).map((v) => v.version)).toEqual([0, 1, 2, 3]);
    // The same settings always hash the same, whatever order the keys came in.
    expect(v2.hash).toBe(BUILTIN_PAY_SETTINGS.hash);
    const audit = db.prepare("SELECT action, entity_id FROM audit_log WHERE action = 'paySettings.save' ORDER BY id").all();
    expect(audit).toEqual([1, 2, 3].map((v) => ({ action: 'paySettings.save', entity_id: String(v) })));
  });

  it('refuses a split not summing to 100, a bad bonus and a bad score rate, naming each field, and writes nothing', async () => {
    const { db, h } = setup();
    const count = () => db.prepare('SELECT (SELECT count(*) FROM pay_settings) AS versions, (SELECT count(*) FROM audit_log) AS audit').get();
    const before = count();
    const refused = await invoke(h, 'paySettings.save', {
      effectiveFrom: '2026-03',
      settings: { split: { base: 50, plan: 35, assessment: 20 }, bonus: { policy: 'per-point', percentPerPoint: -1 }, scoreRate: 'yearly' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'input',
        problems: [
          { field: 'settings.split', expected: 'parts summing to 100 (they sum to 105)' },
          { field: 'settings.bonus.percentPerPoint', value: -1, expected: 'a percent from 0 to 100, at most 2 decimals' },
          { field: 'settings.scoreRate', value: 'yearly' },
        ],
      },
    });
    const split = await invoke(h, 'paySettings.save', { effectiveFrom: '2026-03', settings: { ...PER_POINT, split: { base: 50.001, plan: 35, assessment: 14.999 } } });
    expect(split).toMatchObject({ ok: false, error: { problems: [{ field: 'settings.split.base', value: 50.001 }, { field: 'settings.split.assessment', value: 14.999 }] } });
    const bonus = await invoke(h, 'paySettings.save', { effectiveFrom: '2026-03', settings: { ...PER_POINT, bonus: { policy: 'double' } } });
    expect(bonus).toMatchObject({ ok: false, error: { problems: [{ field: 'settings.bonus.policy', value: 'double', expected: '"none" or "per-point"' }] } });
    const month = await invoke(h, 'paySettings.save', { effectiveFrom: '2026-3', settings: PER_POINT });
    expect(month).toMatchObject({ ok: false, error: { kind: 'input', problems: [{ field: 'effectiveFrom' }] } });
    expect(count()).toEqual(before);
  });

  it('never changes a stored version: the trigger refuses an update', async () => {
    const { db, h } = setup();
    await call(h, 'paySettings.save', { effectiveFrom: '2026-03', settings: PER_POINT });
    const row = db.prepare('SELECT * FROM pay_settings').get();
    expect(() => db.prepare("UPDATE pay_settings SET effective_from = '2020-01' WHERE version = 1").run()).toThrow(/a pay settings version is never changed: save a new version/);
    expect(() => db.prepare("UPDATE pay_settings SET settings = '{}'").run()).toThrow(/never changed/);
    expect(db.prepare('SELECT * FROM pay_settings').get()).toEqual(row);
  });
});
