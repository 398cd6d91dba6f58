/**
 * A signing identity's input problems carry their rule, so the UI words them in its language:
 * through the contract (the app's form: an e-mail, a name's length, an employee number, a
 * passphrase) and in the service itself (createStoredIdentity without the contract, as any other
 * caller would): each named by its field, with its rule and its boundary. Real SQLite files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import { createStoredIdentity } from '../../electron/services/identities.ts';
import { problemText } from '../../renderer/app/ruleText.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';
import type { ChainRole } from '../../shared/chain.ts';
import { describeValue, InputError, type Problem } from '../../shared/problems.ts';
import { call, fail } from '../helpers/call.ts';

const PASS = 'correct horse 42';
let dir: string;
let db: Db;
let h: Handlers;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'identity-problems-'));
  db = openDatabase(join(dir, 'app.sqlite'));
  h = createHandlers(db, { dbPath: join(dir, 'app.sqlite'), appVersion: 'test' });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Chinese with no English word left once the value is taken out. */
function expectChinese(p: Problem) {
  const value = 'value' in p ? describeValue(p.value) : '';
  const text = problemText(p, zh, false).replace(value, '');
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text, text).not.toMatch(/[A-Za-z]{2,}/);
  expect(problemText(p, en, false).replace(value, '')).not.toMatch(/[\u4e00-\u9fff]/);
}

describe('through the contract', () => {
  it('an e-mail that is not an address, and a name of 65 characters: each with its rule; 64 characters is accepted', { timeout: 30_000 }, async () => {
    const bad = await fail(h, 'identities.create', { name: '王磊', role: 'planning', email: '王磊 at example', passphrase: PASS });
    expect(bad.problems).toEqual([{ field: 'email', value: '王磊 at example', expected: expect.any(String), rule: { code: 'email' } }]);
    expectChinese(bad.problems![0]!);
    const long = await fail(h, 'identities.create', { name: '名'.repeat(65), role: 'planning', passphrase: PASS });
    expect(long.problems).toEqual([{ field: 'name', value: '名'.repeat(65), expected: expect.any(String), rule: { code: 'note-length', max: 64 } }]);
    expectChinese(long.problems![0]!);
    const made = await call(h, 'identities.create', { name: '名'.repeat(64), role: 'planning', email: 'li.na@example.com', passphrase: PASS });
    expect(made.name).toBe('名'.repeat(64));
  });
});

describe('in the service', () => {
  const problems = async (input: Partial<Parameters<typeof createStoredIdentity>[1]>) => {
    const err = await createStoredIdentity(db, { name: '李娜', role: 'planning', passphrase: PASS, ...input }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  };

  it('each input problem by its field, with its rule, worded in Chinese', async () => {
    const cases: [Partial<Parameters<typeof createStoredIdentity>[1]>, Problem][] = [
      [{ name: '  ' }, { field: 'name', value: '  ', expected: expect.any(String) as unknown as string, rule: { code: 'required' } }],
      [{ name: '名'.repeat(65) }, { field: 'name', value: '名'.repeat(65), expected: expect.any(String) as unknown as string, rule: { code: 'note-length', max: 64 } }],
      [{ role: 'boss' as ChainRole }, { field: 'role', value: 'boss', expected: expect.any(String) as unknown as string, rule: { code: 'chain-role' } }],
      [{ email: 'li.na at example' }, { field: 'email', value: 'li.na at example', expected: expect.any(String) as unknown as string, rule: { code: 'email' } }],
      [{ employeeNo: 'S 1' }, { field: 'employeeNo', value: 'S 1', expected: expect.any(String) as unknown as string, rule: { code: 'identifier', max: 20 } }],
      [{ passphrase: '' }, { field: 'passphrase', expected: expect.any(String) as unknown as string, rule: { code: 'required' } }],
    ];
    for (const [input, expected] of cases) {
      const found = await problems(input);
      expect(found, JSON.stringify(input)).toEqual([expected]);
      expectChinese(found[0]!);
    }
  });
});
