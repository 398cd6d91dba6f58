/**
 * `roster import --db PATH FILE [--dry-run] [--json]`: the app's roster import (roster.preview,
 * roster.import) on a CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM) or XLSX file.
 */
import type { RosterPreview } from '../../../shared/api/types.ts';
import { importRoster, previewRoster, rosterRefusal } from '../../services/roster-import.ts';
import { CliError, checkInput, parseFlags, type Outcome } from '../args.ts';
import { openDb } from '../database.ts';
import { fileSources, runImport, uploadOf } from '../file-import.ts';

export async function roster(args: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  const usage = 'usage: scorecard roster import --db PATH FILE [--dry-run] [--json]';
  if (sub !== 'import') throw new CliError(usage);
  const { positional, flags } = parseFlags(rest, ['--dry-run', '--json'], ['--db']);
  const dbPath = flags['--db'];
  if (!dbPath || positional.length !== 1) throw new CliError(usage);
  const file = positional[0]!;
  const upload = checkInput('roster.preview', uploadOf(file), fileSources(file));
  const db = openDb(dbPath, false);
  try {
    return await runImport<RosterPreview>(db, { file, dryRun: flags['--dry-run'] === 'true', json: flags['--json'] === 'true' }, {
      what: 'roster',
      preview: () => previewRoster(db, upload),
      refusal: (preview) => rosterRefusal(upload.fileName, preview.rows),
      counts: (preview) => {
        const ok = preview.rows.filter((r) => r.errors.length === 0);
        return { added: ok.filter((r) => r.action === 'add').length, updated: ok.filter((r) => r.action === 'update').length, unchanged: ok.filter((r) => r.action === 'unchanged').length };
      },
      rowLines: (preview) =>
        preview.rows.flatMap((r) => {
          if (r.errors.length === 0 && r.action === 'unchanged') return [];
          const action = r.errors.length ? 'problem' : r.action;
          const line = `  line ${r.line}  ${action.padEnd(7)}  ${[r.employeeNo, r.name, r.role, r.region, r.activeFrom && `from ${r.activeFrom}`].filter(Boolean).join('  ')}`;
          return [line, ...r.errors.map((e) => `          ${e}`)];
        }),
      apply: () => importRoster(db, upload),
    });
  } finally {
    db.close();
  }
}
