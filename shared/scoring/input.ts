/**
 * The input contract of a score sheet (what a manager recorded) and its validation against the
 * rubric. Every problem names the field, the value and what is allowed; all are reported at once.
 */
import { toHundredths } from '../decimal.ts';
import { daysInMonth, isDate, parsePeriod, PERIOD_EXPECTED } from '../period.ts';
import { fieldPath, isPlainObject, onlyKeys, unknownKeys, type Problem } from '../problems.ts';
import { resolveRubric, BUILTIN_RUBRICS } from '../rubric/catalog.ts';
import { checkHandIns, type HandIn } from './handins.ts';
import { DEFAULT_MAX_OCCURRENCES, leafItems, type IncidentKind, type ItemNode, type Rubric } from '../rubric/schema.ts';
import { compileRubric } from './compiled.ts';
import { checkSources, type ValueSource } from '../findings.ts';

export type AbsenceLength = 'full' | 'half';
export const ABSENCE_LENGTHS: readonly AbsenceLength[] = ['full', 'half'];

export interface Absence {
  date?: string;
  length: AbsenceLength;
}

export interface IncidentInput {
  kind: string;
  deduction: number;
  note?: string;
  /** Marked severe (only where the item's rule has a `severeFlag`): no extra points, the flag on the sheet. */
  severe?: boolean;
}

/**
 * What a manager recorded for one item: the fields of its rule kind (see fieldsOf), a note, and
 * `doubled`. A value without its kind's field (`{}`, a note alone) means "no deduction": the
 * engine takes nothing for a field that is absent (a note alone records evidence of a check).
 */
export interface ItemInput {
  violated?: boolean;
  falsified?: boolean;
  occurrences?: number;
  points?: number;
  grade?: string;
  deduction?: number;
  incidents?: IncidentInput[];
  note?: string;
  doubled?: boolean;
  /** Who gave the value: the departments' findings and the manager's part (shared/findings.ts); absent: the manager entered it. */
  sources?: ValueSource[];
}

export interface SheetInput {
  rubric: string;
  period: string;
  person?: { id: string; name: string };
  absences?: Absence[];
  items?: Record<string, ItemInput>;
  /** When deadline items were handed in; late ones become deductions (see handins.ts). */
  handIns?: Record<string, HandIn[]>;
}

export const MAX_NOTE_LENGTH = 2000;
const TOP_FIELDS = ['rubric', 'period', 'person', 'absences', 'items', 'handIns'];
const PERSON_FIELDS = ['id', 'name'];

export type Validated = { ok: true; input: SheetInput; rubric: Rubric } | { ok: false; problems: Problem[] };

/** Check a sheet input against the contract and the rubric it names. */
export function validateSheetInput(raw: unknown, rubrics: readonly Rubric[] = BUILTIN_RUBRICS): Validated {
  if (!isPlainObject(raw)) return { ok: false, problems: [{ field: '(input)', value: raw, expected: 'a JSON object with rubric, period and items' }] };
  // The checks below add to this one list; field paths are built only once a problem is found.
  const problems: Problem[] = onlyKeys(raw, TOP_FIELDS) ? [] : unknownKeys(raw, TOP_FIELDS, '');

  const period = parsePeriod(raw.period);
  if (!period) problems.push(present(raw, 'period', PERIOD_EXPECTED));
  // A period parsePeriod accepts is already written as formatPeriod writes it (YYYY-MM).
  const periodText = period ? (raw.period as string) : undefined;

  let rubric: Rubric | undefined;
  if (typeof raw.rubric !== 'string') {
    problems.push(present(raw, 'rubric', `a rubric id: ${[...new Set(rubrics.map((r) => r.id))].join(', ')}`));
  } else {
    // Without a valid period, still check the items against the newest version.
    const found = resolveRubric(raw.rubric, periodText ?? '9999-12', rubrics);
    if (found.ok) rubric = found.rubric;
    else problems.push(found.problem);
  }

  if ('person' in raw) checkPerson(raw.person, problems);
  if ('absences' in raw) checkAbsences(raw.absences, period ? daysInMonth(period) : 0, periodText, problems);
  if ('items' in raw) {
    if (!isPlainObject(raw.items)) problems.push({ field: 'items', value: raw.items, expected: 'an object keyed by item id' });
    else if (rubric) checkItems(raw.items, rubric, problems);
  }
  if ('handIns' in raw && rubric) checkHandIns(raw.handIns, rubric, periodText, problems);

  if (problems.length || !rubric) return { ok: false, problems };
  return { ok: true, input: raw as unknown as SheetInput, rubric };
}

function present(obj: Record<string, unknown>, key: string, expected: string): Problem {
  return key in obj ? { field: key, value: obj[key], expected } : { field: key, expected };
}

function checkPerson(person: unknown, problems: Problem[]): void {
  const expected = 'an object { "id": string, "name": string }';
  if (!isPlainObject(person)) return void problems.push({ field: 'person', value: person, expected });
  if (!onlyKeys(person, PERSON_FIELDS)) problems.push(...unknownKeys(person, PERSON_FIELDS, 'person'));
  for (const key of PERSON_FIELDS) {
    const v = person[key];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 200) {
      problems.push({ ...present(person, key, 'a non-empty text of at most 200 characters'), field: `person.${key}` });
    }
  }
}

const ABSENCE_FIELDS = ['date', 'length'];

/** `days` and `period`: the month's (period undefined when the sheet's period is not valid). */
function checkAbsences(absences: unknown, days: number, period: string | undefined, problems: Problem[]): void {
  if (!Array.isArray(absences)) return void problems.push({ field: 'absences', value: absences, expected: 'a list of { "length": "full" | "half", "date"?: "YYYY-MM-DD" }' });
  if (period !== undefined && absences.length > days) {
    problems.push({ field: 'absences', value: `${absences.length} absences`, expected: `at most ${days}, the days in ${period}`, rule: { code: 'at-most', max: days } });
  }
  let dates: Set<string> | undefined;
  for (let i = 0; i < absences.length; i++) {
    if (!(i in absences)) continue; // as forEach: holes are skipped
    const a: unknown = absences[i];
    if (!isPlainObject(a)) {
      problems.push({ field: fieldPath('absences', i), value: a, expected: '{ "length": "full" | "half", "date"?: "YYYY-MM-DD" }' });
      continue;
    }
    if (!onlyKeys(a, ABSENCE_FIELDS)) problems.push(...unknownKeys(a, ABSENCE_FIELDS, fieldPath('absences', i)));
    if (!ABSENCE_LENGTHS.includes(a.length as AbsenceLength)) {
      problems.push({ ...present(a, 'length', '"full" or "half" (a half day counts as a full day)'), field: `${fieldPath('absences', i)}.length` });
    }
    if ('date' in a) {
      const date = a.date;
      if (!isDate(date)) problems.push({ field: `${fieldPath('absences', i)}.date`, value: date, expected: 'a date YYYY-MM-DD', rule: { code: 'date' } });
      else if (period !== undefined && !date.startsWith(period)) problems.push({ field: `${fieldPath('absences', i)}.date`, value: date, expected: `a date in ${period}`, rule: { code: 'date-in-month', period } });
      else if (dates?.has(date)) problems.push({ field: `${fieldPath('absences', i)}.date`, value: date, expected: 'each date at most once', rule: { code: 'date-once' } });
      else (dates ??= new Set()).add(date);
    }
  }
}

export { fieldsOf } from './compiled.ts';

function checkItems(items: Record<string, unknown>, rubric: Rubric, problems: Problem[]): void {
  const { leafById: leaves, groupById: groups, itemPaths, inputNodes } = compileRubric(rubric);
  for (const id in items) {
    if (!Object.hasOwn(items, id)) continue;
    const value = items[id];
    const known = inputNodes.get(id);
    if (!known) {
      const gated = [...groups.values()].filter((g) => g.gate).map((g) => g.id);
      problems.push({ field: pathOf(itemPaths, id), value: id, expected: `an item of ${rubric.id}@${rubric.version}: ${[...leaves.keys(), ...gated].join(', ')}` });
      continue;
    }
    if (!isPlainObject(value)) {
      problems.push({ field: pathOf(itemPaths, id), value, expected: 'an object with the fields of the item’s rule' });
      continue;
    }
    const { item, group, fields } = known;
    if (group && !group.gate) {
      problems.push({ field: pathOf(itemPaths, id), value, expected: `the items of group ${id} (${leafItems(group.children).map((l) => l.item.id).join(', ')}); the group itself has no gate` });
      continue;
    }
    const node = (item ?? group)!;
    for (const key in value) {
      if (!Object.hasOwn(value, key) || fields.includes(key)) continue;
      problems.push({ field: fieldPath(pathOf(itemPaths, id), key), value: value[key], expected: `a field of this item (${fields.join(', ')})` });
    }
    if ('note' in value && (typeof value.note !== 'string' || value.note.length > MAX_NOTE_LENGTH)) {
      problems.push({ field: `${pathOf(itemPaths, id)}.note`, value: value.note, expected: `a text of at most ${MAX_NOTE_LENGTH} characters`, rule: { code: 'note-length', max: MAX_NOTE_LENGTH } });
    }
    if ('sources' in value) checkSources(value.sources, pathOf(itemPaths, id), problems);
    // `doubled: false` says "not doubled" and is accepted on any item; `doubled: true` only where
    // doubling applies (hand-in nodes of a rubric that gives it).
    if ('doubled' in value) {
      if (typeof value.doubled !== 'boolean') problems.push({ field: `${pathOf(itemPaths, id)}.doubled`, value: value.doubled, expected: 'true or false' });
      else if (value.doubled && !node.handIn) problems.push({ field: `${pathOf(itemPaths, id)}.doubled`, value: value.doubled, expected: noDoubling(rubric) });
    }
    if (item) checkItemValue(item, value, id, itemPaths, problems, rubric);
    else if ('violated' in value && typeof value.violated !== 'boolean') problems.push({ field: `${pathOf(itemPaths, id)}.violated`, value: value.violated, expected: 'true or false' });
  }
}

/** Why `doubled: true` is refused on an item: where doubling applies in this rubric, if anywhere. */
function noDoubling(rubric: Rubric): string {
  const ids = [...compileRubric(rubric).handInIds];
  return ids.length
    ? `false: doubling applies only to the hand-in items of ${rubric.id}@${rubric.version} (${ids.join(', ')})`
    : `false: ${rubric.id}@${rubric.version} has no doubling (the rule book gives it for the regional-manager and salesperson hand-ins only)`;
}

/** Why `severe` is refused on an incident: which items of this rubric take it, if any. */
function notSevere(rubric: Rubric): string {
  const ids = compileRubric(rubric)
    .leaves.filter(({ item }) => item.rule.kind === 'incidents' && item.rule.severeFlag !== undefined)
    .map(({ item }) => item.id);
  return ids.length
    ? `no "severe" here: only an incident of ${ids.join(', ')} may be marked severe`
    : `no "severe" here: no item of ${rubric.id}@${rubric.version} takes incidents marked severe`;
}

/**
 * The item's field path, `items.<id>` (kept per rubric): asked for only once a problem is found,
 * so a valid value builds no strings. (Plain functions rather than closures per sheet here: the
 * hot path creates no functions.)
 */
function pathOf(paths: ReadonlyMap<string, string>, id: string): string {
  return paths.get(id) ?? fieldPath('items', id);
}

/** The problems of one item's value, added to `problems`. */
function checkItemValue(item: ItemNode, v: Record<string, unknown>, id: string, paths: ReadonlyMap<string, string>, problems: Problem[], rubric: Rubric): void {
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
    case 'all-or-nothing':
      if ('violated' in v && typeof v.violated !== 'boolean') problems.push({ field: `${pathOf(paths, id)}.violated`, value: v.violated, expected: 'true or false' });
      break;
    case 'falsified':
      if ('falsified' in v && typeof v.falsified !== 'boolean') problems.push({ field: `${pathOf(paths, id)}.falsified`, value: v.falsified, expected: 'true or false' });
      break;
    case 'per-occurrence':
    case 'penalty':
      if ('occurrences' in v) {
        const n = v.occurrences;
        const max = r.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
        if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max)) problems.push({ field: `${pathOf(paths, id)}.occurrences`, value: n, expected: `a whole number from 0 to ${max}`, rule: { code: 'whole-number', min: 0, max } });
      }
      if (r.kind === 'per-occurrence' && r.incidents && 'incidents' in v) checkIncidents(v.incidents, r.incidents, false, id, paths, problems, rubric);
      break;
    case 'incidents':
      if ('incidents' in v) checkIncidents(v.incidents, r.incidents, r.severeFlag !== undefined, id, paths, problems, rubric);
      break;
    case 'judged':
      if ('points' in v && !amountOk(v.points, 0, item.points)) problems.push(amountProblem(v.points, `${pathOf(paths, id)}.points`, 0, item.points, 'points'));
      break;
    case 'grade': {
      const grade = findById(r.grades, v.grade);
      if ('grade' in v && !grade) problems.push({ field: `${pathOf(paths, id)}.grade`, value: v.grade, expected: `one of ${r.grades.map((g) => `"${g.id}"`).join(', ')}` });
      if (grade && 'range' in grade) {
        if (!('deduction' in v)) {
          problems.push({ field: `${pathOf(paths, id)}.deduction`, expected: `a deduction from ${grade.range.min} to ${grade.range.max} for grade "${grade.id}"`, rule: { code: 'amount', ...grade.range } });
        }
        else if (!amountOk(v.deduction, grade.range.min, grade.range.max)) problems.push(amountProblem(v.deduction, `${pathOf(paths, id)}.deduction`, grade.range.min, grade.range.max, `deduction for grade "${grade.id}"`));
      } else if ('deduction' in v) {
        const fixed = grade ? `grade "${grade.id}" has a fixed outcome` : 'deduction only with a grade that has a range';
        problems.push({ field: `${pathOf(paths, id)}.deduction`, value: v.deduction, expected: `no deduction: ${fixed} (ranged grades: ${r.grades.filter((g) => 'range' in g).map((g) => g.id).join(', ') || 'none'})` });
      }
      break;
    }
  }
}

/** The first of `list` whose id is `id` (Array.find without a closure per call). */
function findById<T extends { id: string }>(list: readonly T[], id: unknown): T | undefined {
  for (const x of list) if (x.id === id) return x;
  return undefined;
}

function amountOk(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && toHundredths(value) !== null && value >= min && value <= max;
}

function amountProblem(value: unknown, field: string, min: number, max: number, what: string): Problem {
  return { field, value, expected: `${what} from ${min} to ${max}, at most 2 decimals`, rule: { code: 'amount', min, max } };
}

const INCIDENT_FIELDS = ['kind', 'deduction', 'note'];
const SEVERE_INCIDENT_FIELDS = [...INCIDENT_FIELDS, 'severe'];

/** `severe`: whether the item's incidents may be marked severe (its rule has a `severeFlag`). */
function checkIncidents(list: unknown, kinds: readonly IncidentKind[], severe: boolean, id: string, paths: ReadonlyMap<string, string>, problems: Problem[], rubric: Rubric): void {
  if (!Array.isArray(list)) return void problems.push({ field: `${pathOf(paths, id)}.incidents`, value: list, expected: incidentShape(kinds, severe) });
  if (list.length > DEFAULT_MAX_OCCURRENCES) {
    return void problems.push({ field: `${pathOf(paths, id)}.incidents`, value: `${list.length} incidents`, expected: `at most ${DEFAULT_MAX_OCCURRENCES}`, rule: { code: 'at-most', max: DEFAULT_MAX_OCCURRENCES } });
  }
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) continue; // as flatMap: holes are skipped
    const inc: unknown = list[i];
    if (!isPlainObject(inc)) {
      problems.push({ field: incidentPath(paths, id, i), value: inc, expected: incidentShape(kinds, severe) });
      continue;
    }
    if (!onlyKeys(inc, SEVERE_INCIDENT_FIELDS)) problems.push(...unknownKeys(inc, severe ? SEVERE_INCIDENT_FIELDS : INCIDENT_FIELDS, incidentPath(paths, id, i)).filter((p) => !p.field.endsWith('.severe')));
    if ('severe' in inc) {
      if (!severe) problems.push({ field: `${incidentPath(paths, id, i)}.severe`, value: inc.severe, expected: notSevere(rubric) });
      else if (typeof inc.severe !== 'boolean') problems.push({ field: `${incidentPath(paths, id, i)}.severe`, value: inc.severe, expected: 'true or false' });
    }
    const kind = findById(kinds, inc.kind);
    if (!kind) problems.push({ field: `${incidentPath(paths, id, i)}.kind`, ...('kind' in inc ? { value: inc.kind } : {}), expected: `one of ${kinds.map((k) => `"${k.id}" (${k.min}…${k.max})`).join(', ')}` });
    else if (!('deduction' in inc)) problems.push({ field: `${incidentPath(paths, id, i)}.deduction`, expected: `a deduction from ${kind.min} to ${kind.max} for "${kind.id}"`, rule: { code: 'amount', min: kind.min, max: kind.max } });
    else if (!amountOk(inc.deduction, kind.min, kind.max)) problems.push(amountProblem(inc.deduction, `${incidentPath(paths, id, i)}.deduction`, kind.min, kind.max, `deduction for "${kind.id}"`));
    if ('note' in inc && (typeof inc.note !== 'string' || inc.note.length > MAX_NOTE_LENGTH)) {
      problems.push({ field: `${incidentPath(paths, id, i)}.note`, value: inc.note, expected: `a text of at most ${MAX_NOTE_LENGTH} characters`, rule: { code: 'note-length', max: MAX_NOTE_LENGTH } });
    }
  }
}

function incidentShape(kinds: readonly IncidentKind[], severe: boolean): string {
  return `a list of { "kind": ${kinds.map((k) => `"${k.id}"`).join(' | ')}, "deduction": number, "note"?: string${severe ? ', "severe"?: boolean' : ''} }`;
}

function incidentPath(paths: ReadonlyMap<string, string>, id: string, i: number): string {
  return fieldPath(`${pathOf(paths, id)}.incidents`, i);
}
