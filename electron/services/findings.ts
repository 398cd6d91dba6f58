/**
 * The departments' findings (docs/guide.md, "Findings from the departments"; docs/data.md): a
 * department's file for a month — CSV in any supported encoding, or XLSX — read into the month's
 * draft sheets, each deduction keeping its source (department, file, row, date).
 *
 * Columns by header, Chinese or English: 工号 / employee no, 项目 / item (id or title), 次数 /
 * occurrences, 等级 / grade, 扣分 / deduction, 事件 / incident, 交付日期 / handed in, 日期 / date,
 * 备注 / note (姓名 / name optional, checked against the roster). Every row is checked against the
 * rubric of the person's sheet for the month and the roster; a row for an item the department
 * does not assess is refused; while any row has a problem nothing is written. People outside this
 * app's region are skipped and listed. Only draft sheets (or new ones) are written; a ready,
 * signed, returned or approved sheet is listed: a change to it goes through an amendment.
 *
 * Each department's contribution is kept apart (table findings): a department's next file for the
 * month replaces its own findings only; occurrences from several departments add up; where the
 * manager's own value meets departments' findings, or two departments' grades differ, the item
 * keeps its value until the manager chooses (findings.resolve; table finding_choices).
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FileData, Person, SheetStatus } from '../../shared/api/types.ts';
import type { FindingConflict, FindingFileInfo, FindingRow, FindingSheet, FindingsImportResult, FindingsMonth, FindingsPreview, SkippedPerson } from '../../shared/api/findings-types.ts';
import { activeIn } from '../../shared/assessed.ts';
import { canonicalJson } from '../../shared/canonical.ts';
import { parseDateText } from '../../shared/date-text.ts';
import { DEPARTMENT_IDS, DEPARTMENT_NAMES, type DepartmentId } from '../../shared/departments.ts';
import { assessorsOf, itemsAssessedBy, mergeFindings, partOf, partWords, rubricAssessors, type Choice, type FindingPart, type ValueSource } from '../../shared/findings.ts';
import { parseNumberText } from '../../shared/number-text.ts';
import { InputError, type Problem, type ProblemRule } from '../../shared/problems.ts';
import { leafItems, type ItemNode, type Rubric } from '../../shared/rubric/schema.ts';
import type { HandIn } from '../../shared/scoring/handins.ts';
import { MAX_NOTE_LENGTH, validateSheetInput, type IncidentInput, type ItemInput, type SheetInput } from '../../shared/scoring/input.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { writeTransaction } from '../db/transaction.ts';
import type { SheetRow as FileLine } from '../import/sheet-file.ts';
import type { AuditAction } from '../../shared/audit.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { getPerson, listPeople } from './people.ts';
import { capProblems, COLUMN_NAMES, normalizeHeader, oneColumnRule, readUploadedSheet, refuseFile } from './roster-import.ts';
import { rubricCatalog, rubricVersion, storeRubric } from './rubrics.ts';
import { monthRows, saveRubric, saveStamp, sheetRow, storedInput, writeSheetRow, type SheetRow } from './sheets.ts';

export interface FindingsUpload {
  fileName: string;
  dataBase64: string;
  period: string;
  department: DepartmentId;
}

export const MAX_FINDING_ROWS = 20_000;
const WHAT = 'findings file';

type Column = 'employeeNo' | 'name' | 'item' | 'occurrences' | 'grade' | 'deduction' | 'incident' | 'handedIn' | 'date' | 'note';

/** Header names per column (compared after normalizeHeader). The first is how problems name it, with the English after. */
export const FINDING_COLUMNS: Record<Column, readonly string[]> = {
  employeeNo: COLUMN_NAMES.employeeNo,
  name: COLUMN_NAMES.name,
  item: ['项目', '考核项目', 'item', 'item id'],
  occurrences: ['次数', 'occurrences', 'times'],
  grade: ['等级', 'grade'],
  deduction: ['扣分', 'deduction'],
  incident: ['事件', '事件类型', 'incident', 'incident kind'],
  handedIn: ['交付日期', '上交日期', 'handed in', 'handedIn', 'hand-in date'],
  date: ['日期', '发现日期', 'date'],
  note: ['备注', '说明', 'note'],
};
const COLUMNS = Object.keys(FINDING_COLUMNS) as Column[];
const EN: Record<Column, string> = {
  employeeNo: 'employee no',
  name: 'name',
  item: 'item',
  occurrences: 'occurrences',
  grade: 'grade',
  deduction: 'deduction',
  incident: 'incident',
  handedIn: 'handed in',
  date: 'date',
  note: 'note',
};
/** A column as problems name it: "次数 (occurrences)". */
export const columnLabel = (c: Column) => `${FINDING_COLUMNS[c][0]} (${EN[c]})`;

/** A department by its id, or its name in Chinese or English. */
export function parseDepartment(text: string): DepartmentId | null {
  const t = normalizeHeader(text);
  return DEPARTMENT_IDS.find((id) => normalizeHeader(id) === t || normalizeHeader(DEPARTMENT_NAMES[id].zh) === t || normalizeHeader(DEPARTMENT_NAMES[id].en) === t) ?? null;
}

interface FindingsFile {
  encoding: string;
  sha256: string;
  columns: Partial<Record<Column, number>>;
  lines: FileLine[];
}

// ---- reading ------------------------------------------------------------------------------

async function readFindings(input: FindingsUpload): Promise<FindingsFile> {
  // 交付日期 and 日期 are days: an Excel date cell there reads as YYYY-MM-DD (with HH:MM where its format shows a time).
  const sheet = await readUploadedSheet(input, WHAT, MAX_FINDING_ROWS, [...FINDING_COLUMNS.handedIn, ...FINDING_COLUMNS.date]);
  const [header, ...data] = sheet.rows;
  const hint = `${columnLabel('employeeNo')}, ${columnLabel('item')}, and the value: ${['occurrences', 'grade', 'deduction', 'incident', 'handedIn'].map((c) => columnLabel(c as Column)).join(', ')}`;
  if (!header) throw refuseFile(input, WHAT, `a header row (${hint}) and a row per finding — the file has no rows`, { code: 'file-no-rows', fileName: input.fileName });
  const text = header.cells.map((c) => c.trim());
  const found = new Map<Column, number[]>();
  text.forEach((h, i) => {
    if (h === '') return;
    const column = COLUMNS.find((c) => FINDING_COLUMNS[c].some((n) => normalizeHeader(n) === normalizeHeader(h)));
    if (column) found.set(column, [...(found.get(column) ?? []), i]);
  });
  const problems: Problem[] = [];
  const field = `line ${header.line} (header)`;
  const missing = (['employeeNo', 'item'] as const).filter((c) => !found.has(c));
  if (missing.length) {
    problems.push({ field, value: text, expected: `a header row with the columns ${missing.map(columnLabel).join(', ')} (the first non-blank row is the header; columns: ${hint})`, rule: { code: 'header-columns', missing: missing.map((c) => `${FINDING_COLUMNS[c][0]} / ${EN[c]}`) } });
  }
  for (const [c, at] of found) {
    if (at.length > 1) problems.push({ field, value: text, expected: `one column for ${columnLabel(c)}`, rule: oneColumnRule(FINDING_COLUMNS[c][0]!, at, text) });
  }
  if (problems.length) throw new InputError(problems, `${WHAT} header`);
  const columns: Partial<Record<Column, number>> = {};
  for (const [c, at] of found) columns[c] = at[0]!;
  return {
    encoding: sheet.encoding,
    sha256: createHash('sha256').update(Buffer.from(input.dataBase64, 'base64')).digest('hex'),
    columns,
    lines: data.filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

// ---- checking the rows --------------------------------------------------------------------

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** An item of the rubric by id or title (Chinese or English). */
function findItem(rubric: Rubric, text: string): ItemNode | null {
  const t = norm(text);
  return leafItems(rubric.items).find(({ item }) => norm(item.id) === t || norm(item.title.zh) === t || norm(item.title.en) === t)?.item ?? null;
}

/** What a person's sheet for the month is scored with if findings are written to it (a draft moves to the newest version), and the stored row. */
interface PersonSheet {
  person: Person;
  row: SheetRow | undefined;
  status: SheetStatus | 'not-started';
  rubric: Rubric;
  writable: boolean;
}

interface Context {
  db: Db;
  period: string;
  department: DepartmentId;
  fileName: string;
  people: Map<string, Person>;
  visible: Set<number>;
  sheets: Map<number, PersonSheet>;
  catalog: ReturnType<typeof rubricCatalog>;
}

function personSheet(ctx: Context, person: Person): PersonSheet {
  let s = ctx.sheets.get(person.id);
  if (!s) {
    const row = sheetRow(ctx.db, person.id, ctx.period);
    const status = row?.status ?? 'not-started';
    const writable = status === 'not-started' || status === 'draft';
    const rubric = writable ? saveRubric(ctx.catalog, person, ctx.period, row, 'draft') : rubricVersion(ctx.catalog.all, row!.rubric_id, row!.rubric_version);
    s = { person, row, status, rubric, writable };
    ctx.sheets.set(person.id, s);
  }
  return s;
}

/** The columns an item's rule takes in a findings file. */
function columnsOf(item: ItemNode): Column[] {
  const r = item.rule;
  const hand: Column[] = item.deadline ? ['handedIn'] : [];
  switch (r.kind) {
    case 'per-occurrence':
      return [...(r.incidents ? ['occurrences', 'incident', 'deduction'] as Column[] : ['occurrences'] as Column[]), ...hand];
    case 'penalty':
      return ['occurrences'];
    case 'violation':
    case 'all-or-nothing':
      return ['occurrences', ...hand];
    case 'grade':
      return ['grade', 'deduction'];
    case 'incidents':
      return ['incident', 'deduction'];
    default:
      return [];
  }
}

const VALUE_COLUMNS: Column[] = ['occurrences', 'grade', 'deduction', 'incident', 'handedIn'];

interface Evaluated {
  row: FindingRow;
  source: ValueSource | null;
  /** The person's sheet, for a row that is not skipped. */
  sheet: PersonSheet | null;
}

function evaluateRows(ctx: Context, file: FindingsFile): { rows: Evaluated[]; skipped: SkippedPerson[] } {
  const skipped: SkippedPerson[] = [];
  const grades = new Map<string, { line: number; key: string }>();
  const rows = file.lines.map((line): Evaluated => {
    const cell = (c: Column) => (file.columns[c] === undefined ? '' : (line.cells[file.columns[c]!] ?? '').trim());
    const problems: Problem[] = [];
    const employeeNo = cell('employeeNo');
    const fileName = cell('name') || null;
    const itemText = cell('item');
    const base: FindingRow = { row: line.line, employeeNo, name: fileName, personId: null, item: itemText, itemId: null, itemTitle: null, part: null, partText: null, date: null, note: null, action: 'error', problems };
    const person = ctx.people.get(employeeNo);
    const noField = columnLabel('employeeNo');
    if (employeeNo === '') problems.push({ field: noField, value: '', expected: 'an employee number (the column is required)', rule: { code: 'required' } });
    else if (!person) problems.push({ field: noField, value: employeeNo, expected: 'the employee number of a person in the roster (no one has this one)', rule: { code: 'known-employee' } });
    else if (!activeIn(person, ctx.period)) {
      problems.push({ field: noField, value: employeeNo, expected: `a person assessed in ${ctx.period} (${person.name} is assessed ${person.activeFrom} – ${person.activeTo ?? 'now'})`, rule: { code: 'assessed-in', period: ctx.period, name: person.name, from: person.activeFrom, to: person.activeTo } });
    } else if (!ctx.visible.has(person.id)) {
      skipped.push({ row: line.line, employeeNo, name: person.name, reason: 'other-region' });
      return { row: { ...base, name: person.name, personId: person.id, action: 'skipped' }, source: null, sheet: null };
    }
    if (person) {
      base.name = person.name;
      base.personId = person.id;
      if (fileName !== null && fileName !== person.name) {
        problems.push({ field: columnLabel('name'), value: fileName, expected: `the name the roster has for ${employeeNo}: ${person.name} (or leave the name empty)`, rule: { code: 'roster-name', employeeNo, name: person.name } });
      }
    }
    const given = VALUE_COLUMNS.filter((c) => cell(c) !== '');
    if (given.length === 0) {
      // A template's row left empty: nothing found (a note alone records nothing either).
      return { row: { ...base, action: problems.length ? 'error' : 'blank' }, source: null, sheet: null };
    }
    const sheet = person && activeIn(person, ctx.period) && ctx.visible.has(person.id) ? personSheet(ctx, person) : null;
    let item: ItemNode | null = null;
    if (itemText === '') problems.push({ field: columnLabel('item'), value: '', expected: 'the item (its id or title)', rule: { code: 'required' } });
    else if (sheet) {
      item = findItem(sheet.rubric, itemText);
      const mine = itemsAssessedBy(sheet.rubric, ctx.department);
      if (!item) {
        problems.push({
          field: columnLabel('item'),
          value: itemText,
          expected: `an item of ${sheet.rubric.id}@${sheet.rubric.version} that ${DEPARTMENT_NAMES[ctx.department].en} assesses, by id or title: ${mine.map((i) => `${i.title.zh} (${i.id})`).join(', ') || 'none'}`,
          rule: { code: 'finding-item', rubric: `${sheet.rubric.id}@${sheet.rubric.version}`, department: ctx.department, items: mine.map((i) => ({ ...i.title })) },
        });
      } else {
        base.itemId = item.id;
        base.itemTitle = { ...item.title };
        const assessors = assessorsOf(sheet.rubric, item.id);
        if (!assessors.includes(ctx.department)) {
          problems.push({
            field: columnLabel('item'),
            value: itemText,
            expected: `an item ${DEPARTMENT_NAMES[ctx.department].en} assesses (${item.title.zh} is assessed by ${assessors.map((d) => DEPARTMENT_NAMES[d].en).join(', ') || 'the manager'}; this department assesses: ${mine.map((i) => i.title.zh).join(', ') || 'none'})`,
            rule: { code: 'not-assessed-by', item: { ...item.title }, department: ctx.department, assessors, items: mine.map((i) => ({ ...i.title })) },
          });
          item = null;
        }
      }
    }
    const date = cell('date');
    if (date !== '') {
      const d = parseDateText(date, ctx.period);
      if (!d) problems.push({ field: columnLabel('date'), value: date, expected: 'a date YYYY-MM-DD', rule: { code: 'date' } });
      else base.date = d;
    }
    const note = cell('note');
    if (note !== '') {
      if (note.length > MAX_NOTE_LENGTH) problems.push({ field: columnLabel('note'), value: `${note.slice(0, 40)}…`, expected: `a text of at most ${MAX_NOTE_LENGTH} characters`, rule: { code: 'note-length', max: MAX_NOTE_LENGTH } });
      else base.note = note;
    }
    if (item && sheet) {
      const part = readPart(item, sheet.rubric, ctx.period, base.date, given, cell, problems);
      if (part) {
        base.part = part;
        base.partText = { zh: partWords(item, part, 'zh'), en: partWords(item, part, 'en') };
        if (part.grade !== undefined) {
          const key = `${employeeNo}|${item.id}`;
          const g = `${part.grade}|${part.deduction ?? ''}`;
          const first = grades.get(key);
          if (!first) grades.set(key, { line: line.line, key: g });
          else if (first.key !== g) problems.push({ field: columnLabel('grade'), value: cell('grade'), expected: `the grade line ${first.line} gives the same person and item (one grade per item and person in a file)`, rule: { code: 'one-grade', line: first.line } });
          else problems.push({ field: columnLabel('grade'), value: cell('grade'), expected: `one row per grade: line ${first.line} already gives it`, rule: { code: 'once-in-file', line: first.line } });
        }
      }
    }
    const source: ValueSource | null =
      base.part && !problems.length
        ? { from: ctx.department, file: ctx.fileName, row: line.line, ...(base.date ? { date: base.date } : {}), ...(base.note ? { note: base.note } : {}), ...base.part }
        : null;
    return { row: { ...base, action: problems.length ? 'error' : 'unchanged' }, source, sheet };
  });
  return { rows, skipped };
}

/** A row's value cells as the part of the item's value they give; problems added (named by column). */
function readPart(item: ItemNode, rubric: Rubric, period: string, date: string | null, given: Column[], cell: (c: Column) => string, problems: Problem[]): FindingPart | null {
  const takes = columnsOf(item);
  const before = problems.length;
  const title = { ...item.title };
  if (takes.length === 0) {
    problems.push({ field: columnLabel('item'), value: item.id, expected: `an item a department's finding can give (${item.title.zh} is judged on the sheet)`, rule: { code: 'finding-columns', item: title, columns: [] } });
    return null;
  }
  for (const c of given) {
    if (!takes.includes(c)) {
      problems.push({ field: columnLabel(c), value: cell(c), expected: `nothing here: ${item.title.zh} takes ${takes.map(columnLabel).join(', ')}`, rule: { code: 'finding-columns', item: title, columns: takes.map((t) => FINDING_COLUMNS[t][0]!) } });
    }
  }
  if (problems.length > before) return null;
  const part: FindingPart = {};
  const r = item.rule;
  /** The cell's number; text that is none is refused with the rule of what the column takes there. */
  const number = (c: Column, rule: ProblemRule): number | null => {
    const n = parseNumberText(cell(c));
    if (n === null) problems.push({ field: columnLabel(c), value: cell(c), expected: rule.code === 'whole-number' ? `a whole number from ${rule.min} to ${rule.max}` : 'a number', rule });
    return n;
  };
  if (cell('occurrences') !== '') {
    const n = number('occurrences', { code: 'whole-number', min: 1, max: 100 });
    if (n !== null) {
      if (!Number.isInteger(n) || n < 1 || n > 100) problems.push({ field: columnLabel('occurrences'), value: cell('occurrences'), expected: 'a whole number from 1 to 100', rule: { code: 'whole-number', min: 1, max: 100 } });
      else if (r.kind === 'violation' || r.kind === 'all-or-nothing') part.violated = true;
      else part.occurrences = n;
    }
  }
  if (r.kind === 'grade') {
    if (cell('grade') === '') problems.push({ field: columnLabel('grade'), value: '', expected: `a grade: ${r.grades.map((g) => `${g.title.zh} (${g.id})`).join(', ')}`, rule: { code: 'one-of', options: r.grades.map((g) => ({ ...g.title })) } });
    else {
      const g = r.grades.find((x) => norm(x.id) === norm(cell('grade')) || norm(x.title.zh) === norm(cell('grade')) || norm(x.title.en) === norm(cell('grade')));
      if (!g) problems.push({ field: columnLabel('grade'), value: cell('grade'), expected: `one of ${r.grades.map((x) => `${x.title.zh} (${x.id})`).join(', ')}`, rule: { code: 'one-of', options: r.grades.map((x) => ({ ...x.title })) } });
      else {
        part.grade = g.id;
        if ('range' in g) {
          if (cell('deduction') === '') problems.push({ field: columnLabel('deduction'), value: '', expected: `a deduction from ${g.range.min} to ${g.range.max} for ${g.title.zh}`, rule: { code: 'amount', ...g.range } });
          else {
            const n = number('deduction', { code: 'amount', ...g.range });
            if (n !== null) part.deduction = n;
          }
        } else if (cell('deduction') !== '') {
          problems.push({ field: columnLabel('deduction'), value: cell('deduction'), expected: `nothing: ${g.title.zh} has a fixed outcome`, rule: { code: 'finding-columns', item: title, columns: ['等级'] } });
        }
      }
    }
  }
  const kinds = r.kind === 'incidents' ? r.incidents : r.kind === 'per-occurrence' ? r.incidents : undefined;
  if (kinds && (cell('incident') !== '' || cell('deduction') !== '')) {
    const k = kinds.find((x) => norm(x.id) === norm(cell('incident')) || norm(x.title.zh) === norm(cell('incident')) || norm(x.title.en) === norm(cell('incident')));
    const options = kinds.map((x) => `${x.title.zh} (${x.id}) ${x.min}…${x.max}`);
    if (!k) problems.push({ field: columnLabel('incident'), value: cell('incident'), expected: `one of ${options.join(', ')}`, rule: { code: 'one-of', options: kinds.map((x) => ({ zh: `${x.title.zh} ${x.min}–${x.max}`, en: `${x.title.en} ${x.min}–${x.max}` })) } });
    else if (cell('deduction') === '') problems.push({ field: columnLabel('deduction'), value: '', expected: `a deduction from ${k.min} to ${k.max} for ${k.title.zh}`, rule: { code: 'amount', min: k.min, max: k.max } });
    else {
      const n = number('deduction', { code: 'amount', min: k.min, max: k.max });
      if (n !== null) part.incidents = [{ kind: k.id, deduction: n } satisfies IncidentInput];
    }
  }
  if (cell('handedIn') !== '' && item.deadline) {
    const needsEvent = item.deadline.kind === 'days-after-event' || item.deadline.kind === 'same-day';
    const text = cell('handedIn');
    const m = /^(.*?)(?:\s+|T)(\d{1,2}:\d{2})$/.exec(text);
    const day = parseDateText(m ? m[1]! : text, period);
    const time = m ? m[2]!.padStart(5, '0') : null;
    if (!day) problems.push({ field: columnLabel('handedIn'), value: text, expected: item.deadline.kind === 'same-day' ? 'a date and time YYYY-MM-DD HH:MM' : 'a date YYYY-MM-DD', rule: { code: item.deadline.kind === 'same-day' ? 'date-time' : 'date' } });
    else {
      part.handedIn = time ? `${day}T${time}` : day;
      if (needsEvent) {
        if (!date) problems.push({ field: columnLabel('date'), value: '', expected: `the date the deadline of ${item.title.zh} counts from (the event: the promotion's end, the day of the report), YYYY-MM-DD`, rule: { code: 'date' } });
        else part.event = date;
      }
    }
  }
  if (problems.length > before) return null;
  // The value's own rules (ranges, dates in the month…), named by column.
  const probe: Record<string, unknown> = { rubric: `${rubric.id}@${rubric.version}`, period, items: {}, handIns: {} };
  const { handedIn, event, ...valuePart } = part;
  if (Object.keys(valuePart).length) (probe.items as Record<string, unknown>)[item.id] = valuePart;
  if (handedIn !== undefined) (probe.handIns as Record<string, unknown>)[item.id] = [event !== undefined ? { date: handedIn, event } : { date: handedIn }];
  const checked = validateSheetInput(probe, [rubric]);
  if (!checked.ok) for (const p of checked.problems) problems.push({ ...p, field: columnOfField(p.field) });
  return problems.length > before ? null : part;
}

function columnOfField(field: string): string {
  if (/\.occurrences$/.test(field)) return columnLabel('occurrences');
  if (/\.grade$/.test(field)) return columnLabel('grade');
  if (/incidents\[\d+\]\.kind$/.test(field)) return columnLabel('incident');
  if (/deduction$/.test(field)) return columnLabel('deduction');
  if (/\.event$/.test(field)) return columnLabel('date');
  if (field.startsWith('handIns')) return columnLabel('handedIn');
  return field;
}

// ---- the plan: what the findings do to the sheets ------------------------------------------

interface StoredFinding extends ValueSource {
  personId: number;
  itemId: string;
}

function storedFindings(db: Db, period: string, exceptDepartment?: DepartmentId): StoredFinding[] {
  const rows = statement(db, `SELECT f.department, f.person_id, f.item_id, f.row, f.date, f.part, f.note, ff.file_name FROM findings f JOIN finding_files ff ON ff.id = f.file_id WHERE f.period = ? ORDER BY f.id`).all(period) as {
    department: DepartmentId;
    person_id: number;
    item_id: string;
    row: number;
    date: string | null;
    part: string;
    note: string | null;
    file_name: string;
  }[];
  return rows
    .filter((r) => r.department !== exceptDepartment)
    .map((r) => ({ personId: r.person_id, itemId: r.item_id, from: r.department, file: r.file_name, row: r.row, ...(r.date ? { date: r.date } : {}), ...(r.note ? { note: r.note } : {}), ...(JSON.parse(r.part) as FindingPart) }));
}

function sourceOf(f: StoredFinding): ValueSource {
  const s: ValueSource & { personId?: number; itemId?: string } = { ...f };
  delete s.personId;
  delete s.itemId;
  return s;
}

function storedChoice(db: Db, period: string, personId: number, itemId: string): { candidates: string; choice: Choice | null } | undefined {
  return statement(db, 'SELECT candidates, choice FROM finding_choices WHERE period = ? AND person_id = ? AND item_id = ?').get(period, personId, itemId) as { candidates: string; choice: Choice | null } | undefined;
}

const groups = new WeakMap<readonly StoredFinding[], Map<string, StoredFinding[]>>();

/** The findings by person and item ("personId/itemId"), in their order (kept per list). */
function grouped(findings: readonly StoredFinding[]): Map<string, StoredFinding[]> {
  let g = groups.get(findings);
  if (!g) {
    g = new Map();
    for (const f of findings) {
      const key = `${f.personId}/${f.itemId}`;
      const list = g.get(key);
      if (list) list.push(f);
      else g.set(key, [f]);
    }
    groups.set(findings, g);
  }
  return g;
}

interface SheetPlan {
  sheet: PersonSheet;
  input: SheetInput;
  changed: boolean;
  conflicts: FindingConflict[];
  /** Problems of the merged input, by item id (or '' for the sheet). */
  problems: Map<string, Problem[]>;
}

/** The merged input of one person's sheet with `findings` (every department's, for the items `items`). */
function planSheet(ctx: Context, sheet: PersonSheet, items: Set<string>, findings: readonly StoredFinding[]): SheetPlan {
  const { person, row } = sheet;
  const current: SheetInput = row
    ? storedInput(ctx.db, row, person)
    : { rubric: `${sheet.rubric.id}@${sheet.rubric.version}`, period: ctx.period, person: { id: person.employeeNo, name: person.name }, absences: [], items: {}, handIns: {} };
  const nextItems: Record<string, ItemInput> = { ...(current.items ?? {}) };
  const nextHandIns: Record<string, HandIn[]> = { ...(current.handIns ?? {}) };
  const conflicts: FindingConflict[] = [];
  for (const itemId of items) {
    const item = leafItems(sheet.rubric.items).find((l) => l.item.id === itemId)?.item;
    if (!item) continue;
    const departments = (grouped(findings).get(`${person.id}/${itemId}`) ?? []).map(sourceOf);
    let merged = mergeFindings(current.items?.[itemId], current.handIns?.[itemId], departments);
    if ('conflict' in merged) {
      const stored = storedChoice(ctx.db, ctx.period, person.id, itemId);
      const same = stored && stored.candidates === canonicalJson(merged.conflict.candidates);
      const choice = same ? stored.choice : null;
      if (choice !== null) merged = mergeFindings(current.items?.[itemId], current.handIns?.[itemId], departments, choice);
      if ('conflict' in merged) {
        const texts = merged.conflict.candidates.map((c) => ({ zh: partWords(item, c.part, 'zh'), en: partWords(item, c.part, 'en') }));
        conflicts.push({ ...merged.conflict, texts, personId: person.id, employeeNo: person.employeeNo, name: person.name, itemId, itemTitle: { ...item.title }, choice: null });
        continue;
      }
    }
    if (merged.value === undefined) delete nextItems[itemId];
    else nextItems[itemId] = merged.value;
    if (merged.handIns.length) nextHandIns[itemId] = merged.handIns;
    else delete nextHandIns[itemId];
  }
  const input: SheetInput = { ...current, rubric: `${sheet.rubric.id}@${sheet.rubric.version}`, items: nextItems, handIns: nextHandIns };
  const problems = new Map<string, Problem[]>();
  const checked = validateSheetInput(input, [sheet.rubric]);
  if (!checked.ok) {
    for (const p of checked.problems) {
      const id = /^(?:items|handIns)\["?([^"\]]+)"?\]|^(?:items|handIns)\.([^.[]+)/.exec(p.field);
      const key = id ? (id[1] ?? id[2] ?? '') : '';
      problems.set(key, [...(problems.get(key) ?? []), p]);
    }
  }
  const changed = !row || canonicalJson({ items: current.items ?? {}, handIns: current.handIns ?? {}, rubric: current.rubric }) !== canonicalJson({ items: nextItems, handIns: nextHandIns, rubric: input.rubric });
  return { sheet, input, changed, conflicts, problems };
}

interface Plan {
  rows: FindingRow[];
  skipped: SkippedPerson[];
  sheets: FindingSheet[];
  plans: SheetPlan[];
  conflicts: FindingConflict[];
  sources: { personId: number; itemId: string; source: ValueSource }[];
  /** This app's people for the month (a regional manager's region). */
  visible: ReadonlySet<number>;
}

function context(db: Db, input: FindingsUpload): Context {
  return {
    db,
    period: input.period,
    department: input.department,
    fileName: input.fileName,
    people: new Map(listPeople(db, { includeInactive: true }).map((p) => [p.employeeNo, p])),
    visible: new Set(monthRows(db, { period: input.period }).map((r) => r.personId)),
    sheets: new Map(),
    catalog: rubricCatalog(db),
  };
}

function plan(db: Db, input: FindingsUpload, file: FindingsFile): Plan {
  const ctx = context(db, input);
  const { rows: evaluated, skipped } = evaluateRows(ctx, file);
  const rows = evaluated.map((e) => e.row);
  const sources = evaluated.filter((e) => e.source && e.row.personId !== null && e.row.itemId !== null).map((e) => ({ personId: e.row.personId!, itemId: e.row.itemId!, source: e.source! }));
  const others = storedFindings(db, input.period, input.department);
  const previous = storedFindings(db, input.period).filter((f) => f.from === input.department && ctx.visible.has(f.personId));
  // Another region's findings of this department stay (a company-wide file skips those people).
  others.push(...storedFindings(db, input.period).filter((f) => f.from === input.department && !ctx.visible.has(f.personId)));
  const findings: StoredFinding[] = [...others, ...sources.map((s) => ({ ...s.source, personId: s.personId, itemId: s.itemId }))];
  // The items each person's sheet takes again: this department's now and before.
  const touched = new Map<number, Set<string>>();
  for (const f of [...previous, ...sources.map((s) => ({ personId: s.personId, itemId: s.itemId }))]) {
    if (!touched.has(f.personId)) touched.set(f.personId, new Set());
    touched.get(f.personId)!.add(f.itemId);
  }
  const byId = new Map([...ctx.people.values()].map((p) => [p.id, p]));
  const ctxSheets: SheetPlan[] = [];
  const sheets: FindingSheet[] = [];
  for (const [personId, items] of touched) {
    const person = byId.get(personId);
    if (!person || !activeIn(person, input.period) || !ctx.visible.has(personId)) continue;
    const sheet = personSheet(ctx, person);
    const before = sheet.row ? (JSON.parse(sheet.row.result) as { monthlyScore: number }).monthlyScore : null;
    if (!sheet.writable) {
      sheets.push({ personId, employeeNo: person.employeeNo, name: person.name, status: sheet.status, action: 'amend', before, after: null });
      continue;
    }
    const p = planSheet(ctx, sheet, items, findings);
    ctxSheets.push(p);
    const after = p.problems.size ? null : scoreSheet(p.input, sheet.rubric).monthlyScore;
    sheets.push({ personId, employeeNo: person.employeeNo, name: person.name, status: sheet.status, action: !sheet.row ? (p.changed ? 'add' : 'unchanged') : p.changed ? 'update' : 'unchanged', before, after });
  }
  // Each row takes its sheet's outcome; a merged value's problems go to the rows of that item.
  const byPerson = new Map(sheets.map((s) => [s.personId, s]));
  const plans = new Map(ctxSheets.map((p) => [p.sheet.person.id, p]));
  for (const r of rows) {
    if (r.action !== 'unchanged' || r.personId === null) continue;
    const s = byPerson.get(r.personId);
    if (!s) continue;
    if (s.action === 'amend') {
      r.action = 'amend';
      r.status = s.status as SheetStatus;
      continue;
    }
    const p = plans.get(r.personId)!;
    const found = p.problems.get(r.itemId ?? '') ?? [];
    if (found.length) {
      r.problems.push(...found.map((q) => ({ ...q, field: `${columnOfField(q.field)} — ${r.itemTitle?.zh ?? r.item}: the findings together` })));
      r.action = 'error';
    } else if (p.conflicts.some((c) => c.itemId === r.itemId)) r.action = 'conflict';
    else r.action = s.action;
  }
  return { rows, skipped, sheets, plans: ctxSheets, conflicts: ctxSheets.flatMap((p) => p.conflicts), sources, visible: ctx.visible };
}

// ---- preview and import -------------------------------------------------------------------

/** What importing the file would do, row by row and sheet by sheet (writes nothing). */
export async function previewFindings(db: Db, input: FindingsUpload): Promise<FindingsPreview> {
  const file = await readFindings(input);
  const p = plan(db, input, file);
  return {
    fileName: input.fileName,
    encoding: file.encoding,
    period: input.period,
    department: input.department,
    rows: p.rows,
    errorCount: p.rows.filter((r) => r.action === 'error').length,
    skipped: p.skipped,
    sheets: p.sheets,
    conflicts: p.conflicts,
  };
}

/** The import's refusal of a file whose rows have problems (null when none has), each named by its line and column. */
export function findingsRefusal(fileName: string, rows: readonly FindingRow[]): InputError | null {
  const problems = rows.flatMap((r) => r.problems.map((p): Problem => ({ ...p, field: `line ${r.row}, ${p.field}` })));
  return problems.length ? new InputError(capProblems(problems), `${WHAT} ${JSON.stringify(fileName)} (nothing was imported)`) : null;
}

/** Import the file: refused whole while any row has a problem; else the department's findings for the month replaced and the draft sheets written, in one transaction. */
export async function importFindings(db: Db, input: FindingsUpload): Promise<FindingsImportResult> {
  return applyFindings(db, input, await readFindings(input));
}

/**
 * Import findings given as rows of cells under a header (the demo organisation's month): the same
 * checks and writes as a file's import. `input.dataBase64` is the bytes the rows stand for (hashed).
 */
export function importFindingRows(db: Db, input: FindingsUpload, header: readonly string[], rows: readonly (readonly string[])[]): FindingsImportResult {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const c = COLUMNS.find((x) => FINDING_COLUMNS[x].some((n) => normalizeHeader(n) === normalizeHeader(h)));
    if (c && columns[c] === undefined) columns[c] = i;
  });
  const file: FindingsFile = {
    encoding: 'UTF-8',
    sha256: createHash('sha256').update(Buffer.from(input.dataBase64, 'base64')).digest('hex'),
    columns,
    lines: rows.map((cells, i) => ({ line: i + 2, cells: [...cells] })),
  };
  return applyFindings(db, input, file);
}

function applyFindings(db: Db, input: FindingsUpload, file: FindingsFile): FindingsImportResult {
  return writeTransaction(db, () => {
    const p = plan(db, input, file);
    const refusal = findingsRefusal(input.fileName, p.rows);
    if (refusal) throw refusal;
    const stamp = saveStamp(db);
    const old = statement(db, 'SELECT id, file_name, imported_at FROM finding_files WHERE period = ? AND department = ? AND replaced_at IS NULL').get(input.period, input.department) as
      | { id: number; file_name: string; imported_at: string }
      | undefined;
    if (old) statement(db, 'UPDATE finding_files SET replaced_at = ? WHERE id = ?').run(stamp.at, old.id);
    // The department's findings for this app's people only: a company-wide file skips the others, so their findings here stay.
    statement(db, 'DELETE FROM findings WHERE period = ? AND department = ? AND person_id IN (SELECT value FROM json_each(?))').run(input.period, input.department, JSON.stringify([...p.visible]));
    const fileId = Number(
      statement(db, 'INSERT INTO finding_files (period, department, file_name, sha256, rows, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(input.period, input.department, input.fileName, file.sha256, p.sources.length, stamp.at, stamp.actor).lastInsertRowid,
    );
    const add = statement(db, 'INSERT INTO findings (file_id, period, department, person_id, item_id, row, date, part, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const { personId, itemId, source } of p.sources) {
      add.run(fileId, input.period, input.department, personId, itemId, source.row!, source.date ?? null, JSON.stringify(partOf(source)), source.note ?? null);
    }
    for (const c of p.conflicts) {
      statement(db, `INSERT INTO finding_choices (period, person_id, item_id, candidates, choice, asked_at) VALUES (?, ?, ?, ?, NULL, ?)
        ON CONFLICT (period, person_id, item_id) DO UPDATE SET candidates = excluded.candidates, choice = NULL, asked_at = excluded.asked_at, chosen_at = NULL, chosen_by = NULL`).run(input.period, c.personId, c.itemId, canonicalJson(c.candidates), stamp.at);
    }
    const result: FindingsImportResult = { added: 0, updated: 0, unchanged: 0, needsAmendment: p.sheets.filter((s) => s.action === 'amend'), skipped: p.skipped, conflicts: p.conflicts, replaced: old ? { fileName: old.file_name, importedAt: old.imported_at } : null };
    for (const sp of p.plans) {
      if (!sp.changed) {
        result.unchanged++;
        continue;
      }
      writeFindingsSheet(db, sp.sheet, sp.input, stamp, { action: 'sheet.findings', department: input.department, file: input.fileName, sha256: file.sha256 });
      if (sp.sheet.row) result.updated++;
      else result.added++;
    }
    appendAudit(db, { action: 'findings.import', entity: 'findings', entityId: `${input.period}/${input.department}`, before: old ? { file: old.file_name, importedAt: old.imported_at } : null, after: { file: input.fileName, sha256: file.sha256, rows: p.sources.length, added: result.added, updated: result.updated, needsAmendment: result.needsAmendment.map((s) => s.employeeNo), skipped: p.skipped.map((s) => s.employeeNo), conflicts: p.conflicts.map((c) => `${c.employeeNo}/${c.itemId}`) } }, stamp);
    return result;
  });
}

/** Write a draft sheet with the merged input (its revision one more), audited with what brought the change. */
function writeFindingsSheet(db: Db, sheet: PersonSheet, input: SheetInput, stamp: { actor: string; at: string }, why: Record<string, unknown> & { action: AuditAction }): void {
  const { person, row } = sheet;
  storeRubric(db, sheet.rubric);
  const result = scoreSheet(input, sheet.rubric);
  const before = row ? { status: row.status, input: storedInput(db, row, person), monthlyScore: (JSON.parse(row.result) as { monthlyScore: number }).monthlyScore } : null;
  writeSheetRow(db, row?.id ?? null, { personId: person.id, rubric: sheet.rubric, status: 'draft', input, result, revision: (row?.revision ?? 0) + 1 });
  const { action, ...rest } = why;
  appendAudit(db, { action, entity: 'sheet', entityId: `${person.employeeNo}/${input.period}`, before, after: { status: 'draft', input, monthlyScore: result.monthlyScore, ...rest } }, stamp);
}

/** The month's findings: each department's current file (or none) and the open conflicts of this app's people. */
export function findingsMonth(db: Db, input: { period: string }): FindingsMonth {
  const files = statement(db, 'SELECT * FROM finding_files WHERE period = ? AND replaced_at IS NULL').all(input.period) as {
    department: DepartmentId;
    file_name: string;
    sha256: string;
    rows: number;
    imported_at: string;
    imported_by: string;
  }[];
  const byDept = new Map(files.map((f): [DepartmentId, FindingFileInfo] => [f.department, { department: f.department, fileName: f.file_name, sha256: f.sha256, rows: f.rows, importedAt: f.imported_at, importedBy: f.imported_by }]));
  const catalog = rubricCatalog(db);
  const assessing = new Set(catalog.inForce.filter((r) => r.effectiveFrom <= input.period).flatMap((r) => rubricAssessors(r)));
  const departments = DEPARTMENT_IDS.filter((d) => assessing.has(d) || byDept.has(d)).map((id) => ({ id, file: byDept.get(id) ?? null }));
  return { period: input.period, departments, conflicts: openConflicts(db, input.period) };
}

/**
 * A sheet becomes ready only when no findings wait for the manager's choice on it: marked ready, the
 * choice would be left to nobody (and the file would carry the manager's value as if chosen).
 * `sheets`: the saves of the month that ask for status ready, each with the field it came in.
 */
export function assertNoChoiceWaiting(db: Db, period: string, sheets: { personId: number; field: string }[]): void {
  if (!sheets.length) return;
  const waiting = statement(db, 'SELECT DISTINCT person_id FROM finding_choices WHERE period = ? AND choice IS NULL').all(period) as { person_id: number }[];
  const asked = new Set(waiting.map((w) => w.person_id));
  const suspects = sheets.filter((s) => asked.has(s.personId));
  if (!suspects.length) return;
  const open = openConflicts(db, period).filter((c) => c.choice === null);
  const problems: Problem[] = [];
  for (const s of suspects) {
    const mine = open.filter((c) => c.personId === s.personId);
    if (!mine.length) continue;
    problems.push({
      field: s.field,
      value: 'ready',
      expected: `a draft until you choose between the findings of ${mine[0]!.name} on ${mine.map((c) => c.itemTitle.en).join(', ')}`,
      rule: { code: 'finding-choice-waiting', name: mine[0]!.name, items: mine.map((c) => c.itemTitle) },
    });
  }
  if (problems.length) throw new InputError(problems, 'sheet');
}

/** The open conflicts of the month among this app's people, as the merge sees them now. */
function openConflicts(db: Db, period: string): FindingConflict[] {
  const open = statement(db, 'SELECT person_id, item_id FROM finding_choices WHERE period = ? AND choice IS NULL').all(period) as { person_id: number; item_id: string }[];
  if (!open.length) return [];
  const ctx = context(db, { period, department: 'claims', fileName: '', dataBase64: '' });
  const findings = storedFindings(db, period);
  const out: FindingConflict[] = [];
  for (const o of open) {
    if (!ctx.visible.has(o.person_id)) continue;
    const sheet = personSheet(ctx, getPerson(db, o.person_id));
    if (!sheet.writable) continue;
    out.push(...planSheet(ctx, sheet, new Set([o.item_id]), findings).conflicts);
  }
  return out;
}

/** The manager's choice where findings conflict: written to the draft sheet, kept for a later import with the same candidates. */
export function resolveFinding(db: Db, input: { period: string; personId: number; itemId: string; choice: Choice }): { personId: number; period: string; itemId: string; choice: Choice; monthlyScore: number } {
  return writeTransaction(db, () => {
    const person = getPerson(db, input.personId);
    const ctx = context(db, { period: input.period, department: 'claims', fileName: '', dataBase64: '' });
    const sheet = personSheet(ctx, person);
    if (!sheet.writable) {
      throw new ServiceError('conflict', `the sheet of ${person.name} for ${input.period} is ${sheet.status}: findings change only a draft (a change to it is an amendment)`, {
        code: 'sheet-not-editable',
        name: person.name,
        period: input.period,
        status: sheet.status as SheetStatus,
      });
    }
    const findings = storedFindings(db, input.period);
    const current = sheet.row ? storedInput(db, sheet.row, person) : null;
    const departments = findings.filter((f) => f.personId === person.id && f.itemId === input.itemId).map(sourceOf);
    const asked = mergeFindings(current?.items?.[input.itemId], current?.handIns?.[input.itemId], departments);
    if (!('conflict' in asked)) throw new InputError([{ field: 'itemId', value: input.itemId, expected: `an item of ${person.name}'s sheet where findings wait for a choice (none does now)`, rule: { code: 'finding-open' } }], 'findings.resolve');
    if (!asked.conflict.options.includes(input.choice)) {
      const words = (c: Choice) => (c === 'all' ? { zh: '全部计入', en: 'count all' } : c === 'departments' ? { zh: '只计各部门的', en: 'only the departments’' } : c === 'manager' ? { zh: '经理填的', en: 'the manager’s' } : { ...DEPARTMENT_NAMES[c] });
      throw new InputError([{ field: 'choice', value: input.choice, expected: `one of ${asked.conflict.options.join(', ')}`, rule: { code: 'one-of', options: asked.conflict.options.map(words) } }], 'findings.resolve');
    }
    const merged = mergeFindings(current?.items?.[input.itemId], current?.handIns?.[input.itemId], departments, input.choice);
    if ('conflict' in merged) throw new Error('a valid choice left the conflict open');
    const items = { ...(current?.items ?? {}) };
    const handIns = { ...(current?.handIns ?? {}) };
    if (merged.value === undefined) delete items[input.itemId];
    else items[input.itemId] = merged.value;
    if (merged.handIns.length) handIns[input.itemId] = merged.handIns;
    else delete handIns[input.itemId];
    const next: SheetInput = {
      ...(current ?? { period: input.period, person: { id: person.employeeNo, name: person.name }, absences: [] }),
      rubric: `${sheet.rubric.id}@${sheet.rubric.version}`,
      items,
      handIns,
    };
    const checked = validateSheetInput(next, [sheet.rubric]);
    if (!checked.ok) throw new InputError(checked.problems, 'sheet');
    const stamp = saveStamp(db);
    writeFindingsSheet(db, sheet, next, stamp, { action: 'sheet.findings-choice', item: input.itemId, choice: input.choice, candidates: asked.conflict.candidates });
    statement(db, `INSERT INTO finding_choices (period, person_id, item_id, candidates, choice, asked_at, chosen_at, chosen_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period, person_id, item_id) DO UPDATE SET candidates = excluded.candidates, choice = excluded.choice, chosen_at = excluded.chosen_at, chosen_by = excluded.chosen_by`).run(
      input.period,
      person.id,
      input.itemId,
      canonicalJson(asked.conflict.candidates),
      input.choice,
      stamp.at,
      stamp.at,
      stamp.actor,
    );
    return { personId: person.id, period: input.period, itemId: input.itemId, choice: input.choice, monthlyScore: scoreSheet(next, sheet.rubric).monthlyScore };
  });
}

// ---- a department's template ---------------------------------------------------------------

/** The columns a template lists (the import reads them by header). */
const TEMPLATE_COLUMNS: Column[] = ['employeeNo', 'name', 'item', 'occurrences', 'grade', 'deduction', 'incident', 'handedIn', 'date', 'note'];

/**
 * A department's findings template for the month (XLSX): a row per person of this app's month and
 * item the department assesses on that person's rubric, value cells empty (a row left empty
 * records nothing); a second sheet says what each item takes.
 */
export async function findingsTemplate(db: Db, input: { period: string; department: DepartmentId; language?: 'zh' | 'en' }): Promise<FileData> {
  const ctx = context(db, { ...input, fileName: '', dataBase64: '' });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('findings');
  sheet.addRow(TEMPLATE_COLUMNS.map((c) => FINDING_COLUMNS[c][0]));
  sheet.getRow(1).font = { bold: true };
  const used = new Map<string, ItemNode>();
  for (const row of monthRows(db, { period: input.period })) {
    const person = getPerson(db, row.personId);
    const ps = personSheet(ctx, person);
    for (const item of itemsAssessedBy(ps.rubric, input.department)) {
      if (columnsOf(item).length === 0) continue;
      used.set(`${ps.rubric.id}/${item.id}`, item);
      sheet.addRow([person.employeeNo, person.name, item.title.zh]);
    }
  }
  sheet.columns.forEach((col, i) => {
    col.width = [10, 10, 22, 8, 12, 8, 12, 14, 12, 30][i] ?? 12;
  });
  // Text columns keep what is typed as typed: "14" or "10-14" read as days of the month (Excel would
  // turn "10-14" into a date of the current year) and "2026-10-14 16:00" keeps its time. A cell
  // formatted as a date is read as its day too (readUploadedSheet's dayColumns): either works.
  for (const c of ['handedIn', 'date', 'employeeNo'] as Column[]) sheet.getColumn(TEMPLATE_COLUMNS.indexOf(c) + 1).numFmt = '@';
  const help = workbook.addWorksheet('items');
  help.addRow(['项目 item', 'id', '填写 what to fill', '由 assessed by']);
  help.getRow(1).font = { bold: true };
  for (const item of used.values()) {
    const r = item.rule;
    const what = columnsOf(item).map((c) => FINDING_COLUMNS[c][0]).join(' / ');
    const options = r.kind === 'grade' ? r.grades.map((g) => `${g.title.zh}${'range' in g ? ` ${g.range.min}…${g.range.max}` : ''}`).join('; ') : r.kind === 'incidents' || (r.kind === 'per-occurrence' && r.incidents) ? (r.incidents ?? []).map((k) => `${k.title.zh} ${k.min}…${k.max}`).join('; ') : '';
    help.addRow([`${item.title.zh} / ${item.title.en}`, item.id, [what, options].filter(Boolean).join(': '), (item.assessedBy ?? []).map((d) => DEPARTMENT_NAMES[d].zh).join('、')]);
  }
  help.columns.forEach((col, i) => {
    col.width = [40, 26, 60, 30][i] ?? 20;
  });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `findings-${input.department}-${input.period}.xlsx`, dataBase64: bytes.toString('base64') };
}
