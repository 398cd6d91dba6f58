/**
 * exports.get: hand back a file this app exported, by its SHA-256, so the renderer can offer it
 * as a download (in browser mode the files live in the backend's data folder, out of the page's
 * reach). Only two kinds of file are ever read:
 *   - a signed score sheet recorded in sheet_files as kind 'export' (at the path recorded there);
 *   - a signed region summary of a month's export, in <data dir>/exports/YYYY-MM/summary/.
 * The caller names a hash, never a path; the bytes read must hash to it (a sheet exported again
 * replaces its file: the old hash then finds nothing).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileData } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { ServiceError } from './errors.ts';
import { dataPath, sha256Hex } from './files.ts';

const MONTH_FOLDER = /^\d{4}-\d{2}$/;

/** The bytes at `path` when they hash to `sha256`, else null. */
function readIfHash(path: string, sha256: string): Buffer | null {
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  return sha256Hex(bytes) === sha256 ? bytes : null;
}

/** Summary files' hashes by path, valid while the file's size and mtime are unchanged: each file is hashed once, not at every download. */
const summaryHashes = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

function summaryHash(path: string): string {
  const st = statSync(path);
  const known = summaryHashes.get(path);
  if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.sha256;
  const sha256 = sha256Hex(readFileSync(path));
  summaryHashes.set(path, { size: st.size, mtimeMs: st.mtimeMs, sha256 });
  return sha256;
}

/** A region summary PDF with this hash, from the summary folders of the exports folder. */
function findSummary(db: Db, sha256: string): { fileName: string; bytes: Buffer } | null {
  const exports = dataPath(db, 'exports');
  if (!existsSync(exports)) return null;
  for (const month of readdirSync(exports, { withFileTypes: true })) {
    if (!month.isDirectory() || !MONTH_FOLDER.test(month.name)) continue;
    const folder = join(exports, month.name, 'summary');
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder, { withFileTypes: true })) {
      if (!file.isFile() || !file.name.toLowerCase().endsWith('.pdf')) continue;
      const path = join(folder, file.name);
      if (summaryHash(path) !== sha256) continue;
      // Read and hashed again: what is handed back is exactly what was asked for.
      const bytes = readIfHash(path, sha256);
      if (bytes) return { fileName: file.name, bytes };
    }
  }
  return null;
}

export function getExportedFile(db: Db, input: { sha256: string }): FileData {
  const row = db.prepare("SELECT file_name, path FROM sheet_files WHERE sha256 = ? AND kind = 'export'").get(input.sha256) as { file_name: string; path: string } | undefined;
  if (row) {
    const bytes = readIfHash(row.path, input.sha256);
    if (!bytes) {
      throw new ServiceError('not-found', `the exported file ${row.file_name} is no longer at ${row.path} as it was exported (it was exported again since, or moved)`, {
        code: 'exported-file-moved',
        fileName: row.file_name,
        path: row.path,
      });
    }
    return { fileName: row.file_name, dataBase64: bytes.toString('base64') };
  }
  const summary = findSummary(db, input.sha256);
  if (summary) return { fileName: summary.fileName, dataBase64: summary.bytes.toString('base64') };
  throw new ServiceError('not-found', `this app has exported no file with the SHA-256 ${input.sha256}`, { code: 'not-found', what: 'exported-file', id: input.sha256 });
}
