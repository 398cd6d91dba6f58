/**
 * `findings import --db PATH --month YYYY-MM --from GROUP FILE [--dry-run] [--json]`: a
 * department's findings for the month (findings.preview, findings.import) into the draft sheets;
 * `findings template --db PATH --month YYYY-MM --from GROUP --out FILE.xlsx`: the department's
 * template. GROUP: a department's id or Chinese name (索赔组, claims, …).
 */
import { writeFileSync } from 'node:fs';
import type { FindingsPreview } from '../../../shared/api/findings-types.ts';
import { DEPARTMENT_IDS, DEPARTMENT_NAMES } from '../../../shared/departments.ts';
import type { FindingPart } from '../../../shared/findings.ts';
import { formatProblem } from '../../../shared/problems.ts';
import { findingsRefusal, findingsTemplate, importFindings, parseDepartment, previewFindings } from '../../services/findings.ts';
import { CliError, checkInput, parseFlags, type Outcome } from '../args.ts';
import { openDb } from '../database.ts';
import { fileSources, runImport, uploadOf } from '../file-import.ts';

const USAGE = 'usage: scorecard findings import --db PATH --month YYYY-MM --from GROUP FILE [--dry-run] [--json]\n       scorecard findings template --db PATH --month YYYY-MM --from GROUP --out FILE.xlsx';

/** A finding's part in a few words: "occurrences 2", "grade poor −6", "incident escalation −3", "handed in 2026-10-15". */
export function partText(part: FindingPart | null | undefined): string {
  if (!part) return '';
  const out: string[] = [];
  if (part.occurrences) out.push(`occurrences ${part.occurrences}`);
  if (part.violated) out.push('violated');
  if (part.grade !== undefined) out.push(`grade ${part.grade}${part.deduction !== undefined ? ` −${part.deduction}` : ''}`);
  for (const i of part.incidents ?? []) out.push(`incident ${i.kind} −${i.deduction}`);
  if (part.handedIn !== undefined) out.push(`handed in ${part.handedIn}${part.event ? ` (event ${part.event})` : ''}`);
  return out.join(', ');
}

function department(text: string | undefined) {
  if (!text) throw new CliError(USAGE);
  const d = parseDepartment(text);
  if (!d) throw new CliError(`--from: got ${JSON.stringify(text)}; expected a department by id or name: ${DEPARTMENT_IDS.map((id) => `${id} (${DEPARTMENT_NAMES[id].zh})`).join(', ')}`);
  return d;
}

export async function findings(args: readonly string[]): Promise<string | Outcome> {
  const [sub, ...rest] = args;
  if (sub === 'template') {
    const { positional, flags } = parseFlags(rest, [], ['--db', '--month', '--from', '--out']);
    if (!flags['--db'] || !flags['--month'] || !flags['--out'] || positional.length) throw new CliError(USAGE);
    const input = checkInput('findings.template', { period: flags['--month'], department: department(flags['--from']) }, { period: { flag: '--month', text: flags['--month'] } });
    const db = openDb(flags['--db'], false);
    try {
      const file = await findingsTemplate(db, input);
      writeFileSync(flags['--out'], Buffer.from(file.dataBase64, 'base64'));
      return `template of ${DEPARTMENT_NAMES[input.department].zh} (${input.department}) for ${input.period}: ${flags['--out']}`;
    } finally {
      db.close();
    }
  }
  if (sub !== 'import') throw new CliError(USAGE);
  const { positional, flags } = parseFlags(rest, ['--dry-run', '--json'], ['--db', '--month', '--from']);
  const [dbPath, month] = [flags['--db'], flags['--month']];
  if (!dbPath || !month || positional.length !== 1) throw new CliError(USAGE);
  const file = positional[0]!;
  const input = checkInput('findings.preview', { ...uploadOf(file), period: month, department: department(flags['--from']) }, { ...fileSources(file), period: { flag: '--month', text: month } });
  const db = openDb(dbPath, false);
  try {
    return await runImport<FindingsPreview>(db, { file, dryRun: flags['--dry-run'] === 'true', json: flags['--json'] === 'true' }, {
      what: `findings of ${DEPARTMENT_NAMES[input.department].zh} (${input.department}, ${input.period})`,
      preview: () => previewFindings(db, input),
      refusal: (preview) => findingsRefusal(input.fileName, preview.rows),
      counts: (preview) => ({
        added: preview.sheets.filter((s) => s.action === 'add').length,
        updated: preview.sheets.filter((s) => s.action === 'update').length,
        unchanged: preview.sheets.filter((s) => s.action === 'unchanged').length,
      }),
      rowLines: (preview) => [
        ...preview.rows.flatMap((r) => {
          if (r.action === 'blank' || r.action === 'skipped') return [];
          const line = `  line ${r.row}  ${(r.action === 'error' ? 'problem' : r.action).padEnd(9)}  ${[r.employeeNo, r.name ?? '', r.itemId ?? r.item, partText(r.part), r.status ?? ''].filter(Boolean).join('  ')}`;
          return [line, ...r.problems.map((p) => `          ${formatProblem(p)}`)];
        }),
        ...(preview.skipped.length ? [`skipped (outside this app's region): ${preview.skipped.map((s) => `${s.employeeNo} ${s.name ?? ''} (line ${s.row})`).join(', ')}`] : []),
        ...preview.sheets.filter((s) => s.action === 'amend').map((s) => `needs an amendment: ${s.employeeNo} ${s.name} — the sheet is ${s.status}; findings change only a draft`),
        ...preview.conflicts.map(
          (c) => `to choose: ${c.employeeNo} ${c.name} ${c.itemId} — ${c.candidates.map((x) => `${x.from}: ${partText(x.part)}`).join(' | ')} (options: ${c.options.join(', ')}; the item keeps its value until chosen)`,
        ),
      ],
      apply: () => importFindings(db, input),
    });
  } finally {
    db.close();
  }
}
