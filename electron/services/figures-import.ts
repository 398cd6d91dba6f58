/**
 * Importing a month's salary totals and KPIs (工资总额、关键指标) from CSV/XLSX, like the roster
 * import: a preview of every row with its problems (nothing written), then the import, all or
 * nothing. Columns by header: 工号 / employee no (required), 姓名 / name (optional, checked
 * against the roster), 工资总额 / salary total, and any KPI by its Chinese or English name or id
 * (shared/kpi.ts). Other columns are ignored.
 *
 * An empty cell leaves that value as it is stored: a file can carry only the salary, or only some
 * KPIs, without clearing the rest. (To clear a value, edit it on the sheet screen.)
 *
 * The file is the authority (sales planning's figures): a KPI it carries replaces one HR's import
 * took from a signed sheet, confirmed or not, and settles a difference listed for it
 * (sheet-figures.ts); the outcome counts both (fromSheets, conflictsSettled).
 */
import type { FiguresImportResult, FiguresPreview, FiguresRow, MonthFigures } from '../../shared/api/report-types.ts';
import { KPIS, checkKpiValue, checkSalaryTotal, salaryFen, type KpiDefinition, type KpiValues } from '../../shared/kpi.ts';
import { parseNumberText } from '../../shared/number-text.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import type { SheetRow } from '../import/sheet-file.ts';
import { emptyFigures, figuresDiffer, keptSources, loadFigures, mergeKpis, salaryFenOf, writeFigures } from './figures.ts';
import { dropConflictsOf, sheetFiguresReplacedBy } from './sheet-figures.ts';
import { activeIn } from '../../shared/assessed.ts';
import { listPeople } from './people.ts';
import { capProblems, COLUMN_NAMES, normalizeHeader, oneColumnRule, readUploadedSheet, refuseFile, type RosterUpload } from './roster-import.ts';
import { currentUser } from './settings.ts';
import { monthRows } from './sheets.ts';

export interface FiguresUpload extends RosterUpload {
  period: string;
}

export const MAX_FIGURES_ROWS = 20_000;
const WHAT = 'salary/KPI file';

const SALARY_NAMES = ['工资总额', '工资', 'salary total', 'salaryTotal', 'salary'];
/** The salary column as the messages name it. */
const SALARY_COLUMN = '工资总额 / salary total';

/** A column's name as a file's header writes it (Chinese): employeeNo, name, salary or a KPI id. */
function columnName(key: string): string {
  if (key === 'employeeNo' || key === 'name') return COLUMN_NAMES[key][0]!;
  if (key === 'salary') return SALARY_NAMES[0]!;
  return KPIS.find((k) => k.id === key)?.zh ?? key;
}

/** A column of the file that carries a value: the salary or one KPI. */
interface ValueColumn {
  index: number;
  /** The header as written in the file (problems name it). */
  header: string;
  kpi: KpiDefinition | null;
}

interface FiguresFile {
  encoding: string;
  employeeNo: number;
  name: number | undefined;
  values: ValueColumn[];
  rows: SheetRow[];
}

interface Evaluated {
  row: FiguresRow;
  /** What the row writes, when it has no problem and changes something. */
  write: { personId: number; salaryFen: number | null; kpis: KpiValues } | null;
  /** The KPIs the row carries (the file's authority: they replace what came from sheets), when it has no problem. */
  carried: { personId: number; kpis: string[] } | null;
}

/** What importing the file would do, row by row (writes nothing). */
export async function previewFigures(db: Db, input: FiguresUpload): Promise<FiguresPreview> {
  const file = await readFigures(input);
  const rows = evaluate(db, file, input.period).map((e) => e.row);
  return { fileName: input.fileName, encoding: file.encoding, period: input.period, rows, errorCount: rows.filter((r) => r.action === 'error').length };
}

/** Import the file: refused as a whole (InputError naming each row's problems) while any row has one; else every row in one transaction. */
export async function importFigures(db: Db, input: FiguresUpload): Promise<FiguresImportResult> {
  const file = await readFigures(input);
  return writeTransaction(db, () => {
    const rows = evaluate(db, file, input.period);
    const refusal = figuresRefusal(input.fileName, rows.map((e) => e.row));
    if (refusal) throw refusal;
    const stored = loadFigures(db, input.period);
    const people = new Map(listPeople(db, { includeInactive: true }).map((p) => [p.id, p]));
    const result: FiguresImportResult = { added: 0, updated: 0, unchanged: 0, fromSheets: 0, conflictsSettled: 0 };
    for (const { row, write, carried } of rows) {
      // The file is the authority for what it carries: a figure from a sheet it names is HR's now, and so is a listed difference.
      if (carried) {
        result.fromSheets += sheetFiguresReplacedBy(stored.get(carried.personId), carried.kpis).length;
        result.conflictsSettled += dropConflictsOf(db, carried.personId, input.period, carried.kpis);
      }
      if (!write) {
        result.unchanged++;
        continue;
      }
      const current = stored.get(write.personId) ?? emptyFigures(write.personId, input.period);
      const sources = Object.fromEntries(Object.entries(keptSources(current, write.kpis)).filter(([id]) => !carried?.kpis.includes(id)));
      writeFigures(db, people.get(write.personId)!, current, { ...write, sources }, 'figures.import');
      if (row.action === 'add') result.added++;
      else result.updated++;
    }
    return result;
  });
}

/**
 * The import's refusal of a file whose rows have problems (null when none has): each named by its
 * line and column, "line 4, 工号 (employee no)". The command line's preview refuses with the same words.
 */
export function figuresRefusal(fileName: string, rows: readonly FiguresRow[]): InputError | null {
  const problems = rows.flatMap((r) => r.problems.map((p): Problem => ({ ...p, field: `line ${r.row}, ${p.field}` })));
  return problems.length ? new InputError(capProblems(problems), `${WHAT} ${JSON.stringify(fileName)} (nothing was imported)`) : null;
}

// ---- reading the file ---------------------------------------------------------------------

const matches = (names: readonly string[], header: string) => names.some((n) => normalizeHeader(n) === normalizeHeader(header));

async function readFigures(input: FiguresUpload): Promise<FiguresFile> {
  const sheet = await readUploadedSheet(input, WHAT, MAX_FIGURES_ROWS);
  const [header, ...data] = sheet.rows;
  const columnsHint = `工号 / employee no, and ${SALARY_COLUMN} or KPI columns by name (${KPIS.slice(0, 3).map((k) => k.zh).join(', ')}, …)`;
  if (!header) throw refuseFile(input, WHAT, `a header row (${columnsHint}) and a row per person — the file has no rows`, { code: 'file-no-rows', fileName: input.fileName });

  const headerText = header.cells.map((c) => c.trim());
  const found = new Map<string, number[]>();
  const note = (key: string, index: number) => found.set(key, [...(found.get(key) ?? []), index]);
  headerText.forEach((text, index) => {
    if (text === '') return;
    if (matches(COLUMN_NAMES.employeeNo, text)) note('employeeNo', index);
    else if (matches(COLUMN_NAMES.name, text)) note('name', index);
    else if (matches(SALARY_NAMES, text)) note('salary', index);
    else {
      const kpi = KPIS.find((k) => matches([k.id, k.zh, k.en], text));
      if (kpi) note(kpi.id, index);
    }
  });

  const problems: Problem[] = [];
  const field = `line ${header.line} (header)`;
  if (!found.has('employeeNo')) {
    problems.push({
      field,
      value: headerText,
      expected: `a header row with the column 工号 / employee no (the first non-blank row is the header; columns: ${columnsHint})`,
      rule: { code: 'header-columns', missing: [COLUMN_NAMES.employeeNo.join(' / ')] },
    });
  }
  const valueKeys = [...found.keys()].filter((k) => k !== 'employeeNo' && k !== 'name');
  if (found.has('employeeNo') && valueKeys.length === 0) {
    problems.push({ field, value: headerText, expected: `at least one value column: ${columnsHint}`, rule: { code: 'value-column', salary: SALARY_COLUMN, examples: KPIS.slice(0, 3).map((k) => k.zh) } });
  }
  for (const [key, at] of found) {
    if (at.length > 1) {
      problems.push({ field, value: headerText, expected: `one column for ${key} — columns ${at.map((i) => `${i + 1} (${JSON.stringify(headerText[i])})`).join(' and ')} both name it`, rule: oneColumnRule(columnName(key), at, headerText) });
    }
  }
  if (problems.length) throw new InputError(problems, `${WHAT} header`);

  return {
    encoding: sheet.encoding,
    employeeNo: found.get('employeeNo')![0]!,
    name: found.get('name')?.[0],
    values: valueKeys.map((key) => {
      const index = found.get(key)![0]!;
      return { index, header: headerText[index]!, kpi: key === 'salary' ? null : KPIS.find((k) => k.id === key)! };
    }),
    // Blank rows are left out (a spreadsheet often ends with some).
    rows: data.filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

// ---- checking the rows --------------------------------------------------------------------

function evaluate(db: Db, file: FiguresFile, period: string): Evaluated[] {
  const people = new Map(listPeople(db, { includeInactive: true }).map((p) => [p.employeeNo, p]));
  // The people the month grid shows this user: a manager imports for their region only.
  const visible = new Set(monthRows(db, { period }).map((r) => r.personId));
  const user = currentUser(db);
  const stored = loadFigures(db, period);
  const firstLine = new Map<string, number>();

  return file.rows.map((line): Evaluated => {
    const cell = (index: number | undefined) => (index === undefined ? '' : (line.cells[index] ?? '').trim());
    const problems: Problem[] = [];
    const employeeNo = cell(file.employeeNo);
    const name = file.name === undefined ? null : cell(file.name) || null;
    const employeeHeader = '工号 (employee no)';

    const person = people.get(employeeNo) ?? null;
    if (employeeNo === '') problems.push({ field: employeeHeader, value: '', expected: 'an employee number (the column is required)', rule: { code: 'required' } });
    else if (!person) problems.push({ field: employeeHeader, value: employeeNo, expected: 'the employee number of a person in the roster (no one has this one)', rule: { code: 'known-employee' } });
    else if (!activeIn(person, period)) {
      problems.push({
        field: employeeHeader,
        value: employeeNo,
        expected: `a person assessed in ${period} (${person.name} is assessed ${person.activeFrom} – ${person.activeTo ?? 'now'})`,
        rule: { code: 'assessed-in', period, name: person.name, from: person.activeFrom, to: person.activeTo },
      });
    } else if (!visible.has(person.id)) {
      const region = user?.chainRole === 'manager';
      problems.push({
        field: employeeHeader,
        value: employeeNo,
        expected: `one of the people of ${region ? 'your region' : 'the month grid'} in ${period} (${person.name} is not)`,
        rule: { code: 'in-view', period, name: person.name, region },
      });
    }
    if (employeeNo !== '') {
      const first = firstLine.get(employeeNo);
      if (first === undefined) firstLine.set(employeeNo, line.line);
      else problems.push({ field: employeeHeader, value: employeeNo, expected: `an employee number that appears once in the file (it is also on line ${first})`, rule: { code: 'once-in-file', line: first } });
    }
    if (person && name !== null && name !== person.name) {
      problems.push({
        field: '姓名 (name)',
        value: name,
        expected: `the name the roster has for ${employeeNo}: ${person.name} (or leave the name empty)`,
        rule: { code: 'roster-name', employeeNo, name: person.name },
      });
    }

    let salary: number | null | undefined; // undefined: the cell is empty, keep what is stored
    const kpis: Record<string, number> = {};
    for (const column of file.values) {
      const text = cell(column.index);
      if (text === '') continue;
      const n = parseNumberText(text); // the parser the app's number fields read typed text with
      if (column.kpi) {
        const found = checkKpiValue(column.kpi, n ?? text, column.header);
        if (found.length) problems.push(...found.map((p) => ({ ...p, value: text })));
        else kpis[column.kpi.id] = n!;
      } else {
        const found = checkSalaryTotal(n ?? text, column.header);
        if (found.length) problems.push(...found.map((p) => ({ ...p, value: text, expected: p.expected.replace(' (or nothing)', '') })));
        else salary = n!;
      }
    }

    const current: MonthFigures | undefined = person ? stored.get(person.id) : undefined;
    const next = {
      salaryFen: salary === undefined ? (current ? salaryFenOf(current) : null) : salaryFen(salary)!,
      kpis: mergeKpis(current?.kpis ?? {}, kpis),
    };
    let action: FiguresRow['action'];
    if (problems.length) action = 'error';
    else if (!current) action = next.salaryFen === null && Object.keys(next.kpis).length === 0 ? 'unchanged' : 'add';
    // A figure from a sheet that the file names becomes the file's, even at the same value.
    else action = figuresDiffer(current, next) || Object.keys(kpis).some((id) => current.sources[id] !== undefined) ? 'update' : 'unchanged';

    const row: FiguresRow = {
      row: line.line,
      employeeNo,
      name: name ?? person?.name ?? null,
      personId: person?.id ?? null,
      salaryTotal: next.salaryFen === null ? null : next.salaryFen / 100,
      kpis: next.kpis,
      action,
      problems,
    };
    return {
      row,
      write: action === 'add' || action === 'update' ? { personId: person!.id, ...next } : null,
      carried: action === 'error' || !person ? null : { personId: person.id, kpis: Object.keys(kpis) },
    };
  });
}
