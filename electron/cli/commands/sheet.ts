/**
 * `sheet show --db PATH --person NO --month YYYY-MM [--json]`: one sheet as stored (sheets.get):
 * its input, its result and where each deduction came from (the departments' findings with file,
 * row and date, or the manager).
 */
import type { SheetRecord } from '../../../shared/api/types.ts';
import { DEPARTMENT_NAMES } from '../../../shared/departments.ts';
import type { ValueSource } from '../../../shared/findings.ts';
import { leafItems } from '../../../shared/rubric/schema.ts';
import { getSheet } from '../../services/sheets.ts';
import { CliError, checkInput, parseFlags } from '../args.ts';
import { openDb, personByNo } from '../database.ts';
import { json } from '../io.ts';
import { partText } from './findings.ts';

const USAGE = 'usage: scorecard sheet show --db PATH --person NO --month YYYY-MM [--json]';

/** Where an item's value came from: its sources, or the manager when it has none. */
export function deductionSources(record: SheetRecord): { item: string; title: string; max: number; points: number; deduction: number; sources: ValueSource[] }[] {
  const titles = new Map(leafItems(record.rubric.items).map((l) => [l.item.id, l.item.title.zh]));
  return record.result.items
    .filter((i) => i.deduction !== 0 || record.input.items?.[i.id]?.sources)
    .map((i) => {
      const value = record.input.items?.[i.id];
      const handIns = record.input.handIns?.[i.id];
      const sources: ValueSource[] = value?.sources ?? (value || handIns?.length ? [{ from: 'manager' }] : []);
      return { item: i.id, title: titles.get(i.id) ?? i.id, max: i.max, points: i.points, deduction: i.deduction, sources };
    });
}

function sourceText(s: ValueSource): string {
  if (s.from === 'manager') return `manager${partText(s) ? `: ${partText(s)}` : ''}`;
  const where = [s.file, s.row !== undefined ? `line ${s.row}` : null, s.date].filter(Boolean).join(', ');
  return `${DEPARTMENT_NAMES[s.from].zh} (${s.from})${where ? ` [${where}]` : ''}: ${partText(s)}${s.note ? ` — ${s.note}` : ''}`;
}

export async function sheet(args: readonly string[]): Promise<string> {
  const [sub, ...rest] = args;
  if (sub !== 'show') throw new CliError(USAGE);
  const { positional, flags } = parseFlags(rest, ['--json'], ['--db', '--person', '--month']);
  if (!flags['--db'] || !flags['--person'] || !flags['--month'] || positional.length) throw new CliError(USAGE);
  const { period } = checkInput('sheets.month', { period: flags['--month'] }, { period: { flag: '--month', text: flags['--month'] } });
  const db = openDb(flags['--db'], false);
  try {
    const person = personByNo(db, '--person', flags['--person']);
    const record = getSheet(db, { personId: person.id, period });
    const deductions = deductionSources(record);
    if (flags['--json'] === 'true') {
      return json({ person: { employeeNo: person.employeeNo, name: person.name, role: person.role }, period, status: record.status, revision: record.revision, input: record.input, result: record.result, deductions });
    }
    const r = record.result;
    const lines = [
      `${person.employeeNo} ${person.name} — ${period} — ${record.status} (revision ${record.revision}) — ${r.rubric.id}@${r.rubric.version}`,
      `daily ${r.dailyScore} · attendance ${r.attendance.score} (${r.attendance.absentDays} days absent) · monthly ${r.monthlyScore}${r.flags.length ? ` · flags: ${r.flags.join(', ')}` : ''}`,
      deductions.length ? 'deductions:' : 'no deductions',
      ...deductions.flatMap((d) => [`  ${d.item} ${d.title}: ${d.points}/${d.max} (−${d.deduction})`, ...d.sources.map((s) => `      from ${sourceText(s)}`)]),
    ];
    return lines.join('\n');
  } finally {
    db.close();
  }
}
