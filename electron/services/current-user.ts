/**
 * The settings table, and who is using this copy of the app. Apart from settings.ts (which
 * changes them, with an audit entry) so that the audit log can name the current user without
 * an import circle.
 */
import type { User } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';

export function getSetting<T>(db: Db, key: string): T | null {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function putSetting(db: Db, key: string, value: unknown): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function currentUser(db: Db): User | null {
  return getSetting<User>(db, 'user');
}
