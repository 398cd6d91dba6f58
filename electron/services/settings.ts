/** Who is using this copy of the app, and their preferences (the settings table). */
import type { Language, User } from '../../shared/api/types.ts';
import { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { appendAudit } from './audit.ts';
import { currentUser, getSetting, putSetting } from './current-user.ts';

export { currentUser };

export function setUser(db: Db, user: User): User {
  if (user.regionId !== null && !statement(db, 'SELECT 1 FROM regions WHERE id = ?').get(user.regionId)) {
    throw new InputError([{ field: 'regionId', value: user.regionId, expected: 'the id of an existing region' }], 'user');
  }
  if (user.chainRole === 'manager' && user.regionId === null) {
    throw new InputError([{ field: 'regionId', value: null, expected: 'a region: a regional manager scores the people of one region' }], 'user');
  }
  const before = currentUser(db);
  writeTransaction(db, () => {
    putSetting(db, 'user', user);
    appendAudit(db, { action: 'user.set', entity: 'user', entityId: 'local', before, after: user });
  });
  return user;
}

export function language(db: Db): Language | null {
  return getSetting<Language>(db, 'language');
}

export function setLanguage(db: Db, input: { language: Language }): { language: Language } {
  putSetting(db, 'language', input.language);
  return input;
}
