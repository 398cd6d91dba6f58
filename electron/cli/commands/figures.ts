/**
 * `figures import --db PATH --month YYYY-MM FILE [--dry-run] [--json]`: the app's salary/KPI
 * import (figures.preview, figures.import) for one month, on a CSV or XLSX file.
 */
import type { FiguresImportResult, FiguresPreview } from '../../../shared/api/report-types.ts';
import { formatYuan, KPIS } from '../../../shared/kpi.ts';
import { formatProblem } from '../../../shared/problems.ts';
import { figuresRefusal, importFigures, previewFigures } from '../../services/figures-import.ts';
import { CliError, checkInput, parseFlags, type Outcome } from '../args.ts';
import { openDb } from '../database.ts';
import { fileSources, runImport, uploadOf } from '../file-import.ts';

export async function figures(args: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  const usage = 'usage: scorecard figures import --db PATH --month YYYY-MM FILE [--dry-run] [--json]';
  if (sub !== 'import') throw new CliError(usage);
  const { positional, flags } = parseFlags(rest, ['--dry-run', '--json'], ['--db', '--month']);
  const [dbPath, month] = [flags['--db'], flags['--month']];
  if (!dbPath || !month || positional.length !== 1) throw new CliError(usage);
  const file = positional[0]!;
  // The input of the app's figures.preview / figures.import, checked with its schema.
  const input = checkInput('figures.preview', { ...uploadOf(file), period: month }, { ...fileSources(file), period: { flag: '--month', text: month } });
  const db = openDb(dbPath, false);
  try {
    return await runImport<FiguresPreview>(db, { file, dryRun: flags['--dry-run'] === 'true', json: flags['--json'] === 'true' }, {
      what: `salary/KPI (${input.period})`,
      preview: () => previewFigures(db, input),
      refusal: (preview) => figuresRefusal(input.fileName, preview.rows),
      counts: (preview) => ({
        added: preview.rows.filter((r) => r.action === 'add').length,
        updated: preview.rows.filter((r) => r.action === 'update').length,
        unchanged: preview.rows.filter((r) => r.action === 'unchanged').length,
      }),
      rowLines: (preview) =>
        preview.rows.flatMap((r) => {
          if (r.action === 'unchanged') return [];
          const values = [
            r.salaryTotal === null ? '' : `salary ${formatYuan(r.salaryTotal)}`,
            ...KPIS.filter((k) => r.kpis[k.id] !== undefined && r.kpis[k.id] !== null).map((k) => `${k.id} ${r.kpis[k.id]}`),
          ];
          const line = `  line ${r.row}  ${(r.action === 'error' ? 'problem' : r.action).padEnd(7)}  ${[r.employeeNo, r.name ?? '', ...values].filter(Boolean).join('  ')}`;
          return [line, ...r.problems.map((p) => `          ${formatProblem(p)}`)];
        }),
      apply: () => importFigures(db, input),
      // The file is the authority over figures HR's import took from signed sheets.
      writtenNote: (written) => {
        const r = written as FiguresImportResult;
        return r.fromSheets || r.conflictsSettled
          ? `from signed sheets: ${r.fromSheets} unconfirmed figure${r.fromSheets === 1 ? '' : 's'} replaced by the file, ${r.conflictsSettled} difference${r.conflictsSettled === 1 ? '' : 's'} settled`
          : null;
      },
    });
  } finally {
    db.close();
  }
}
