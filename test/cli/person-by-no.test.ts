/**
 * The command line finds a person by the employee number a flag gives (sheet show --person,
 * findings choose --employee): in any case, but where the roster holds numbers that differ only
 * in case, the one written exactly so, and a refusal naming them when none is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { personByNo } from '../../electron/cli/database.ts';
import { openDatabase } from '../../electron/db/database.ts';
import { call } from '../helpers/call.ts';
import { handlersFor } from '../helpers/safety.ts';

const dir = mkdtempSync(join(tmpdir(), 'person-by-no-'));
const path = join(dir, 'scorecard.db');
const db = openDatabase(path);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('takes the exact number first, any case otherwise, and refuses a number two people match only in case', async () => {
  const h = handlersFor(db, path);
  const region = await call(h, 'regions.save', { code: 'EAST', name: '华东区' });
  for (const [employeeNo, name] of [['F-101', '李强'], ['f-101', '王芳'], ['G-7', '赵敏'], ['ab-1', '周敏'], ['AB-1', '孙明']]) {
    await call(h, 'people.save', { employeeNo: employeeNo!, name: name!, role: 'salesperson', regionId: region.id, managerId: null, activeFrom: '2026-01', activeTo: null });
  }
  expect(personByNo(db, '--employee', 'F-101').name).toBe('李强');
  expect(personByNo(db, '--employee', ' f-101 ').name).toBe('王芳');
  expect(personByNo(db, '--employee', 'g-7').name).toBe('赵敏');
  expect(() => personByNo(db, '--employee', 'Ab-1')).toThrow('--employee: got "Ab-1"; expected one of AB-1 (孙明), ab-1 (周敏), written exactly so (their numbers differ only in case)');
  expect(() => personByNo(db, '--person', 'X-1')).toThrow('--person: got "X-1"; expected the employee number of a person in the roster');
});
