/** `import`: HR imports fully approved signed sheets (the app's hr.import; idempotent). */
import { basename } from 'node:path';
import { importFiles } from '../../services/hr-import.ts';
import { CliError, Outcome, parseFlags } from '../args.ts';
import { openDb } from '../database.ts';
import { json, pdfFiles, readBytes } from '../io.ts';
import { trustFolder } from '../signing.ts';

export async function importSheets(args: readonly string[]): Promise<Outcome> {
  const usage = 'usage: scorecard import --db PATH FILE|DIR... [--trust DIR]';
  const { positional, flags } = parseFlags(args, [], ['--db', '--trust']);
  if (!flags['--db'] || positional.length === 0) throw new CliError(usage);
  const extraTrusted = flags['--trust'] ? trustFolder(flags['--trust']) : [];
  const files = pdfFiles(positional);
  if (files.length === 0) throw new CliError(`no PDF files in ${positional.join(', ')}`);
  const db = openDb(flags['--db'], true);
  try {
    const outcomes = await importFiles(
      db,
      files.map((file) => ({ fileName: basename(file), bytes: readBytes(file) })),
      { extraTrusted },
    );
    const result = outcomes.map((o, i) => ({ file: files[i], outcome: o.outcome, message: o.message, employeeNo: o.employeeNo, period: o.period, sha256: o.sha256, keptAt: o.path }));
    const refused = outcomes.filter((o) => o.outcome === 'refused').length;
    return new Outcome(json(result), refused ? 1 : 0, refused ? `${refused} of ${outcomes.length} files refused` : '');
  } finally {
    db.close();
  }
}
