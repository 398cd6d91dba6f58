/**
 * `findings import --db PATH --month YYYY-MM --from GROUP FILE [--dry-run] [--json]`: a
 * department's findings for the month (findings.preview, findings.import) into the draft sheets;
 * `findings template --db PATH --month YYYY-MM --from GROUP --out FILE.xlsx`: the department's
 * template. GROUP: a department's id or Chinese name (索赔组, claims, …).
 * `findings choices --db PATH --month YYYY-MM [--json]`: the choices waiting where findings differ
 * from the manager's value or from each other (findings.month, as the month screen lists them);
 * `findings choose --db PATH --month YYYY-MM --employee NO --item ITEM --take CHOICE`: the
 * manager's choice (findings.resolve).
 */
import { writeFileSync } from 'node:fs';
import type { FindingConflict, FindingsPreview } from '../../../shared/api/findings-types.ts';
import { DEPARTMENT_IDS, DEPARTMENT_NAMES } from '../../../shared/departments.ts';
import type { Choice, FindingPart } from '../../../shared/findings.ts';
import { formatProblem } from '../../../shared/problems.ts';
import { findingsMonth, findingsRefusal, findingsTemplate, importFindings, parseDepartment, previewFindings, resolveFinding } from '../../services/findings.ts';
import type { Db } from '../../db/database.ts';
import { CliError, checkInput, parseFlags, type Outcome } from '../args.ts';
import { openDb, personByNo } from '../database.ts';
import { fileSources, runImport, uploadOf } from '../file-import.ts';
import { json } from '../io.ts';

const USAGE = [
  'usage: scorecard findings import --db PATH --month YYYY-MM --from GROUP FILE [--dry-run] [--json]',
  '       scorecard findings template --db PATH --month YYYY-MM --from GROUP --out FILE.xlsx',
  '       scorecard findings choices --db PATH --month YYYY-MM [--json]',
  '       scorecard findings choose --db PATH --month YYYY-MM --employee NO --item ITEM --take all|departments|manager|GROUP',
].join('\n');

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

const DEPARTMENTS_IN_WORDS = DEPARTMENT_IDS.map((id) => `${id} (${DEPARTMENT_NAMES[id].zh})`).join(', ');

function department(text: string | undefined) {
  if (!text) throw new CliError(USAGE);
  const d = parseDepartment(text);
  if (!d) throw new CliError(`--from: got ${JSON.stringify(text)}; expected a department by id or name: ${DEPARTMENTS_IN_WORDS}`);
  return d;
}

/** What each choice keeps, in the command line's words: the options of findings.resolve. */
const CHOICE_WORDS: Partial<Record<Choice, string>> = { all: 'count all', departments: "only the departments'", manager: "the manager's" };

/** A choice in words: "all (count all)", "claims (索赔组)". */
function choiceText(c: Choice): string {
  const dept = c === 'all' || c === 'departments' || c === 'manager' ? null : DEPARTMENT_NAMES[c];
  return `${c} (${dept ? dept.zh : CHOICE_WORDS[c]})`;
}

/** One side of a choice: who says it (the manager or a department). */
function sideText(from: string): string {
  return from === 'manager' ? 'manager' : choiceText(from as Choice);
}

/** The choices waiting in the month among the user's people (the month screen's list: findings.month). */
function openChoices(db: Db, period: string): FindingConflict[] {
  return findingsMonth(db, { period }).conflicts;
}

function choicesOutput(period: string, open: readonly FindingConflict[], asJson: boolean): string {
  if (asJson) {
    return json({
      period,
      choices: open.map((c) => ({
        employeeNo: c.employeeNo,
        name: c.name,
        item: { id: c.itemId, ...c.itemTitle },
        kind: c.kind,
        sides: c.candidates.map((x, i) => ({ from: x.from, department: x.from === 'manager' ? null : { ...DEPARTMENT_NAMES[x.from] }, value: x.part, text: c.texts[i] ?? null, rows: x.rows })),
        take: c.options,
      })),
    });
  }
  if (!open.length) return `no choices wait in ${period}`;
  return [
    `choices waiting in ${period}: ${open.length} (the item keeps its value until chosen; a sheet with a choice waiting cannot be marked ready)`,
    ...open.flatMap((c) => [
      `${c.employeeNo} ${c.name}  ${c.itemId} ${c.itemTitle.zh}`,
      ...c.candidates.map((x) => `    ${sideText(x.from).padEnd(28)} ${partText(x.part)}${x.rows.length ? `  [${x.rows.map((r) => `${r.file} line ${r.row}`).join(', ')}]` : ''}`),
      `    --take ${c.options.map(choiceText).join(' | ')}`,
    ]),
  ].join('\n');
}

/** `--take`: all, departments, manager, or a department by id or name. */
function takeFlag(text: string): Choice {
  if (text === 'all' || text === 'departments' || text === 'manager') return text;
  const d = parseDepartment(text);
  if (!d) throw new CliError(`--take: got ${JSON.stringify(text)}; expected all, departments, manager, or a department by id or name: ${DEPARTMENTS_IN_WORDS}`);
  return d;
}

async function choose(flags: Record<string, string | undefined>): Promise<string> {
  const [dbPath, month, employee, itemText, takeText] = [flags['--db'], flags['--month'], flags['--employee'], flags['--item'], flags['--take']];
  if (!dbPath || !month || !employee || !itemText || !takeText) throw new CliError(USAGE);
  const { period } = checkInput('findings.month', { period: month }, { period: { flag: '--month', text: month } });
  const take = takeFlag(takeText);
  const db = openDb(dbPath, false);
  try {
    const person = personByNo(db, '--employee', employee);
    const mine = openChoices(db, period).filter((c) => c.personId === person.id);
    const wanted = itemText.trim().toLowerCase();
    const conflict = mine.find((c) => [c.itemId, c.itemTitle.zh, c.itemTitle.en].some((t) => t.toLowerCase() === wanted));
    if (!conflict) {
      const waiting = mine.map((c) => `${c.itemId} (${c.itemTitle.zh})`).join(', ');
      throw new CliError(`--item: got ${JSON.stringify(itemText)}; expected an item of ${person.employeeNo} ${person.name}'s sheet where a choice waits in ${period} (by id or title): ${waiting || `none waits (see scorecard findings choices)`}`);
    }
    if (!conflict.options.includes(take)) {
      throw new CliError(`--take: got ${JSON.stringify(takeText)}; expected one of ${conflict.options.map(choiceText).join(', ')} (the sides of ${person.name}'s ${conflict.itemTitle.zh} in ${period})`);
    }
    const input = checkInput('findings.resolve', { period, personId: person.id, itemId: conflict.itemId, choice: take }, { period: { flag: '--month', text: month }, itemId: { flag: '--item', text: itemText }, choice: { flag: '--take', text: takeText } });
    const done = resolveFinding(db, input);
    const left = openChoices(db, period).filter((c) => c.personId === person.id).length;
    return `${person.employeeNo} ${person.name} ${period} ${conflict.itemId} ${conflict.itemTitle.zh}: took ${choiceText(done.choice)}; monthly score ${done.monthlyScore}; choices still waiting on the sheet: ${left}`;
  } finally {
    db.close();
  }
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
  if (sub === 'choices') {
    const { positional, flags } = parseFlags(rest, ['--json'], ['--db', '--month']);
    if (!flags['--db'] || !flags['--month'] || positional.length) throw new CliError(USAGE);
    const { period } = checkInput('findings.month', { period: flags['--month'] }, { period: { flag: '--month', text: flags['--month'] } });
    const db = openDb(flags['--db'], false);
    try {
      return choicesOutput(period, openChoices(db, period), flags['--json'] === 'true');
    } finally {
      db.close();
    }
  }
  if (sub === 'choose') {
    const { positional, flags } = parseFlags(rest, [], ['--db', '--month', '--employee', '--item', '--take']);
    if (positional.length) throw new CliError(USAGE);
    return choose(flags);
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
