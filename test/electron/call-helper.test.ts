/** The tests' call helper: a failure thrown with its data, a success where a failure was expected refused. */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.ts';
import { bind, call, CallError, fail } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

function handlers() {
  const { db, path } = tempDb();
  return createHandlers(db, { dbPath: path, appVersion: 'test' });
}

describe('call and fail', () => {
  it('call gives the result, validated by the contract like the app’s calls', async () => {
    const h = handlers();
    const region = await call(h, 'regions.save', { code: 'EAST', name: '华东区' });
    expect(region).toMatchObject({ code: 'EAST', name: '华东区' });
    expect(await bind(h).call('regions.list', {})).toEqual([region]);
  });

  it('a failed call throws name, kind and message, carrying the failure’s kind, problems and refusal', async () => {
    const h = handlers();
    const missing = await call(h, 'sheets.get', { personId: 5, period: '2026-10' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CallError);
    expect(missing).toMatchObject({ message: 'sheets.get: not-found: person 5 does not exist', kind: 'not-found', call: 'sheets.get' });
    expect((missing as CallError).refusal).toEqual((await fail(h, 'sheets.get', { personId: 5, period: '2026-10' })).refusal);

    // An input the contract refuses (the type refuses it too, hence the cast): kind input, the problem named.
    const bad = await call(h, 'regions.save', { code: '', name: '华东区' } as never).catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: 'input', problems: [{ field: 'code' }] });
    expect((bad as CallError).message).toMatch(/^regions\.save: input: /);
  });

  it('fail returns the failure, and throws when the call succeeded', async () => {
    const h = handlers();
    expect(await fail(h, 'regions.save', { code: 'EAST' })).toMatchObject({ kind: 'input', problems: [{ field: 'name' }] });
    await expect(fail(h, 'regions.list', {})).rejects.toThrow('regions.list succeeded, expected a failure');
    await expect(bind(h).fail('regions.list', {}, 'a refusal')).rejects.toThrow('regions.list succeeded, expected a failure (a refusal)');
  });
});
