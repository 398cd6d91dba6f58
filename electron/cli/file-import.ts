/**
 * The command line's file imports (roster, salary/KPI figures): the app's own services — the
 * preview (what each row would do, and its problems), then the import — with the app's rules and
 * refusals. A file with a problem is refused as a whole and nothing is written; --dry-run prints
 * the preview and writes nothing.
 *
 * Whose import it is: the services read the database's recorded user (Settings: who uses this
 * copy), as they do in the app; a regional manager imports figures for their region's people only.
 * A database without a recorded user is seen whole, as HR and sales planning see it.
 */
import { basename } from 'node:path';
import type { User } from '../../shared/api/types.ts';
import type { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { listRegions } from '../services/regions.ts';
import { currentUser } from '../services/settings.ts';
import { Outcome, type ArgSource } from './args.ts';
import { json, readBytes } from './io.ts';

/** A file as the app's import handlers take it (roster.preview, figures.preview, …). */
export function uploadOf(file: string): { fileName: string; dataBase64: string } {
  return { fileName: basename(file), dataBase64: readBytes(file).toString('base64') };
}

/** Where an upload's fields came from: the FILE argument. */
export function fileSources(file: string): Record<'fileName' | 'dataBase64', ArgSource> {
  const source = { flag: 'FILE', text: file };
  return { fileName: source, dataBase64: source };
}

/** The database's recorded user, whom the import acts as, in words. */
function actingAs(db: Db, user: User | null): string {
  if (!user) return 'no user recorded in the database (every person, as HR sees them)';
  const region = user.regionId === null ? null : listRegions(db).find((r) => r.id === user.regionId);
  return `${user.name} (${user.chainRole}${region ? `, region ${region.code}` : ''})`;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

interface Preview {
  fileName: string;
  encoding: string;
  rows: readonly unknown[];
  errorCount: number;
}

export interface FileImport<P extends Preview> {
  /** "roster", "salary/KPI": the first words of the summary. */
  what: string;
  /** The service's preview (writes nothing). */
  preview: () => Promise<P>;
  /** The service's refusal of a preview with problems, naming line and column; null when it has none. */
  refusal: (preview: P) => InputError | null;
  /** What each row would do, one or more lines each (unchanged rows are only counted). */
  rowLines: (preview: P) => string[];
  /** The rows that would be added, updated, left as they are. */
  counts: (preview: P) => ImportCounts;
  /** The service's import (in one transaction, all or nothing). */
  apply: () => Promise<ImportCounts>;
  /** More about what the import wrote, a line printed after the counts (none: nothing more). */
  writtenNote?: (written: ImportCounts) => string | null;
}

/** Preview, then (unless a dry run, and only when no row has a problem) import. */
export async function runImport<P extends Preview>(db: Db, options: { file: string; dryRun: boolean; json: boolean }, steps: FileImport<P>): Promise<Outcome> {
  const user = currentUser(db);
  const preview = await steps.preview();
  const refusal = steps.refusal(preview);
  const written = refusal || options.dryRun ? null : await steps.apply();
  const code = refusal ? 1 : 0;
  const stderr = refusal?.message ?? '';
  if (options.json) return new Outcome(json({ file: options.file, dryRun: options.dryRun, user, preview, written }), code, stderr);

  const c = steps.counts(preview);
  const lines = [
    `${steps.what} file ${options.file} (${preview.encoding}): ${preview.rows.length} rows — ${c.added} to add, ${c.updated} to update, ${c.unchanged} unchanged, ${preview.errorCount} with problems`,
    `as: ${actingAs(db, user)}`,
    ...steps.rowLines(preview),
  ];
  if (written) lines.push(`written: ${written.added} added, ${written.updated} updated, ${written.unchanged} unchanged`, ...[steps.writtenNote?.(written) ?? ''].filter(Boolean));
  else lines.push(refusal ? 'nothing was written: the file has problems (see above)' : 'dry run: nothing was written');
  return new Outcome(lines.join('\n'), code, stderr);
}
