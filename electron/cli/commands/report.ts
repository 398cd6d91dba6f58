/**
 * `report pay|annual`: the same figures as the app (reports.pay, reports.annual, reports.file), as
 * a table on standard output or as a file. Bad arguments: one message, exit code 2.
 */
import { extname } from 'node:path';
import { annualTable, cellText, payTable, type ColumnKind, type ReportTable } from '../../../shared/reports/tables.ts';
import { writeFileAtomic } from '../../services/files.ts';
import { reportFile } from '../../services/report-files.ts';
import { annualReport, payReport } from '../../services/reports.ts';
import { CliError, UsageError, checkInput, languageFlag, parseFlags, type ArgSource } from '../args.ts';
import { openDb } from '../database.ts';

const REPORT_USAGE = {
  pay: 'usage: scorecard report pay --db PATH --month YYYY-MM [--out FILE.xlsx|FILE.csv] [--lang zh|en]',
  annual: 'usage: scorecard report annual --db PATH --year YYYY [--out FILE.xlsx|FILE.csv|FILE.pdf] [--basis approved|all] [--lang zh|en]',
};

/** Display width in a terminal: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** A report table as aligned text: texts left, numbers right, a rule under the header. */
function tableText(table: ReportTable, text: (cell: string | number | null, kind: ColumnKind) => string): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows.map((r) => r.map((cell, i) => text(cell, table.columns[i]!.kind)))];
  if (table.totals) lines.push(table.totals.map((cell, i) => text(cell, table.columns[i]!.kind)));
  // Control characters (a tab or line break in a name) would break the columns: shown as spaces.
  const clean = lines.map((l) => l.map((t) => [...t].map((ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch)).join('')));
  const widths = table.columns.map((_, i) => Math.max(...clean.map((l) => displayWidth(l[i]!))));
  const pad = (t: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - displayWidth(t));
    return table.columns[i]!.kind === 'text' ? t + gap : gap + t;
  };
  const out = clean.map((l) => l.map(pad).join('  ').trimEnd());
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (table.totals) out.splice(out.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [table.title, '', ...out].join('\n');
}

export async function report(args: readonly string[]): Promise<string> {
  const [kind, ...rest] = args;
  if (kind !== 'pay' && kind !== 'annual') throw new UsageError(`report: got ${kind === undefined ? 'nothing' : `"${kind}"`}; expected pay or annual\n${REPORT_USAGE.pay}\n${REPORT_USAGE.annual}`);
  const usage = REPORT_USAGE[kind];
  let parsed;
  try {
    parsed = parseFlags(rest, [], kind === 'pay' ? ['--db', '--month', '--out', '--lang'] : ['--db', '--year', '--out', '--basis', '--lang']);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
  const { positional, flags } = parsed;
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"\n${usage}`);
  const dbPath = flags['--db'];
  if (!dbPath) throw new UsageError(`--db is required\n${usage}`);
  const language = languageFlag(flags, UsageError);
  const out = flags['--out'];
  const format = out === undefined ? null : extname(out).slice(1).toLowerCase();
  const formats = kind === 'pay' ? ['xlsx', 'csv'] : ['xlsx', 'csv', 'pdf'];
  if (out !== undefined && !formats.includes(format!)) throw new UsageError(`--out: got "${out}"; expected a file name ending ${formats.map((f) => `.${f}`).join(', ')}`);

  // The handler's input, checked with the contract's schema: reports.file for a file, else reports.pay or reports.annual.
  const monthText = flags['--month'];
  const yearText = flags['--year'];
  const basisText = flags['--basis'] ?? 'approved';
  if (kind === 'pay' && !monthText) throw new UsageError(`--month is required\n${usage}`);
  if (kind === 'annual' && !yearText) throw new UsageError(`--year is required\n${usage}`);
  const sources: Record<string, ArgSource> = {
    period: { flag: '--month', text: monthText ?? '' },
    year: { flag: '--year', text: yearText ?? '' },
    basis: { flag: '--basis', text: basisText, expected: 'approved (only approved sheets count, HR\'s rule) or all (every sheet, a preview)' },
    format: { flag: '--out', text: out ?? '' },
    language: { flag: '--lang', text: language },
  };
  // A year that is not a whole number is checked as 0: the contract's range refuses it in its words.
  const year = yearText === undefined ? undefined : /^\d{1,9}$/.test(yearText) ? Number(yearText) : 0;
  const period = monthText;
  const basis = kind === 'annual' ? basisText : undefined;
  const pay = kind === 'pay' ? checkInput('reports.pay', { period }, sources, UsageError) : null;
  const annual = kind === 'annual' ? checkInput('reports.annual', { year, basis }, sources, UsageError) : null;
  const fileInput = out === undefined ? null : checkInput('reports.file', { report: kind, period, year, basis, format, language }, sources, UsageError);

  let db;
  try {
    db = openDb(dbPath, false);
  } catch (err) {
    throw new UsageError(`--db: ${(err as Error).message}`);
  }
  try {
    if (out !== undefined && fileInput) {
      const file = await reportFile(db, fileInput);
      try {
        writeFileAtomic(out, Buffer.from(file.dataBase64, 'base64'));
      } catch (err) {
        throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
      }
      return kind === 'pay' ? `wrote ${out} (pay ${period})` : `wrote ${out} (annual ${year}, basis ${basis})`;
    }
    const table = pay ? payTable(payReport(db, pay), language) : annualTable(annualReport(db, annual!), language);
    return tableText(table, cellText);
  } finally {
    db.close();
  }
}
