/**
 * The data folder (the folder of the database file) and the files the signing feature keeps in
 * it: identities/, exports/YYYY-MM/, approved/YYYY-MM/, inbox/, received/YYYY-MM/, returns/YYYY-MM/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/database.ts';
import type { SavedFile } from '../../shared/api/types.ts';
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

/**
 * Write files into a folder the user chose, never replacing one of theirs: a file already there
 * with the same bytes is left as it is; one with the same name and other bytes keeps its name and
 * the new file takes "name (2).ext" (3, 4…). Each file is written whole or not at all.
 */
export function saveIntoFolder(folder: string, files: readonly { name: string; data: Buffer }[]): SavedFile[] {
  return files.map(({ name, data }) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const savedAs = n === 1 ? name : `${stem} (${n})${ext}`;
      const path = join(folder, savedAs);
      let there: Buffer | null = null;
      try {
        there = readFileSync(path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') continue; // a folder of that name: the name is taken
        if (code !== 'ENOENT') throw err;
      }
      if (there?.equals(data)) return { fileName: name, savedAs, already: true };
      if (there) continue;
      writeFileAtomic(path, data);
      return { fileName: name, savedAs, already: false };
    }
  });
}
