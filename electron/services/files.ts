/**
 * The data folder (the folder of the database file) and the files the signing feature keeps in
 * it: identities/, exports/YYYY-MM/, approved/YYYY-MM/, inbox/, received/YYYY-MM/, returns/YYYY-MM/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/database.ts';
import { InputError } from '../../shared/problems.ts';
import { ServiceError } from './errors.ts';

/** The folder of the database file. */
export function dataDir(db: Db): string {
  if (!db.name || db.name === ':memory:' || db.memory) throw new ServiceError('conflict', 'signing needs a database file: an in-memory database has no data folder', { code: 'in-memory', need: 'files' });
  return dirname(resolve(db.name));
}

export function dataPath(db: Db, ...parts: string[]): string {
  return join(dataDir(db), ...parts);
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write a file whole or not at all (temp file + rename), creating its folder. */
export function writeFileAtomic(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** A file name part safe on every OS (employee numbers already are; this guards the rest). */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || '_';
}

/** The bytes of an uploaded file; refuses text that is not base64. */
export function decodeBase64(field: string, data: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new InputError([{ field, expected: "the file's bytes as base64" }], 'file');
  }
  return Buffer.from(compact, 'base64');
}
