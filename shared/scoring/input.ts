/**
 * The input contract of a score sheet (what a manager recorded) and its validation against the
 * rubric. Every problem names the field, the value and what is allowed; all are reported at once.
 */
import { toHundredths } from '../decimal.ts';
import { daysInMonth, formatPeriod, parseDate, parsePeriod, PERIOD_EXPECTED } from '../period.ts';
import { fieldPath, isPlainObject, unknownKeys, type Problem } from '../problems.ts';
import { resolveRubric, BUILTIN_RUBRICS } from '../rubric/catalog.ts';
import { checkHandIns, type HandIn } from './handins.ts';
import { DEFAULT_MAX_OCCURRENCES, leafItems, type GroupNode, type IncidentKind, type ItemNode, type Rubric } from '../rubric/schema.ts';
import { compileRubric } from './compiled.ts';

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
}

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
  const problems: Problem[] = onlyKeys(raw, TOP_FIELDS) ? [] : unknownKeys(raw, TOP_FIELDS, '');

  const period = parsePeriod(raw.period);
  if (!period) problems.push(present(raw, 'period', PERIOD_EXPECTED));
  const periodText = period ? formatPeriod(period) : undefined;

  let rubric: Rubric | undefined;
  if (typeof raw.rubric !== 'string') {
    problems.push(present(raw, 'rubric', `a rubric id: ${[...new Set(rubrics.map((r) => r.id))].join(', ')}`));
  } else {
    // Without a valid period, still check the items against the newest version.
    const found = resolveRubric(raw.rubric, periodText ?? '9999-12', rubrics);
    if (found.ok) rubric = found.rubric;
    else problems.push(found.problem);
  }

  if ('person' in raw) problems.push(...checkPerson(raw.person));
  if ('absences' in raw) problems.push(...checkAbsences(raw.absences, period ? { days: daysInMonth(period), period: periodText! } : undefined));
  if ('items' in raw) {
    if (!isPlainObject(raw.items)) problems.push({ field: 'items', value: raw.items, expected: 'an object keyed by item id' });
    else if (rubric) problems.push(...checkItems(raw.items, rubric));
  }
  if ('handIns' in raw && rubric) problems.push(...checkHandIns(raw.handIns, rubric, periodText));

  if (problems.length || !rubric) return { ok: false, problems };
  return { ok: true, input: raw as unknown as SheetInput, rubric };
}

/** Whether `obj` has no own keys but `allowed` (then unknownKeys has nothing to say). */
function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key) && !allowed.includes(key)) return false;
  return true;
}

function present(obj: Record<string, unknown>, key: string, expected: string): Problem {
  return key in obj ? { field: key, value: obj[key], expected } : { field: key, expected };
}

function checkPerson(person: unknown): Problem[] {
  const expected = 'an object { "id": string, "name": string }';
  if (!isPlainObject(person)) return [{ field: 'person', value: person, expected }];
  const problems = onlyKeys(person, PERSON_FIELDS) ? [] : unknownKeys(person, PERSON_FIELDS, 'person');
  for (const key of PERSON_FIELDS) {
    const v = person[key];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 200) {
      problems.push({ ...present(person, key, 'a non-empty text of at most 200 characters'), field: `person.${key}` });
    }
  }
  return problems;
}

function checkAbsences(absences: unknown, month: { days: number; period: string } | undefined): Problem[] {
  if (!Array.isArray(absences)) return [{ field: 'absences', value: absences, expected: 'a list of { "length": "full" | "half", "date"?: "YYYY-MM-DD" }' }];
  const problems: Problem[] = [];
  if (month && absences.length > month.days) {
    problems.push({ field: 'absences', value: `${absences.length} absences`, expected: `at most ${month.days}, the days in ${month.period}` });
  }
  const dates = new Set<string>();
  absences.forEach((a, i) => {
    const at = fieldPath('absences', i);
    if (!isPlainObject(a)) return problems.push({ field: at, value: a, expected: '{ "length": "full" | "half", "date"?: "YYYY-MM-DD" }' });
    problems.push(...unknownKeys(a, ['date', 'length'], at));
    if (!ABSENCE_LENGTHS.includes(a.length as AbsenceLength)) {
      problems.push({ ...present(a, 'length', '"full" or "half" (a half day counts as a full day)'), field: `${at}.length` });
    }
    if ('date' in a) {
      const d = parseDate(a.date);
      if (!d) problems.push({ field: `${at}.date`, value: a.date, expected: 'a date YYYY-MM-DD' });
      else if (month && !(a.date as string).startsWith(month.period)) problems.push({ field: `${at}.date`, value: a.date, expected: `a date in ${month.period}` });
      else if (dates.has(a.date as string)) problems.push({ field: `${at}.date`, value: a.date, expected: 'each date at most once' });
      else dates.add(a.date as string);
    }
    return undefined;
  });
  return problems;
}

/** Which input fields each rule kind takes (beside `note` and, on hand-in items, `doubled`). */
export function fieldsOf(item: ItemNode): string[] {
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
    case 'all-or-nothing':
      return ['violated'];
    case 'falsified':
      return ['falsified'];
    case 'per-occurrence':
      return r.incidents ? ['occurrences', 'incidents'] : ['occurrences'];
    case 'judged':
      return ['points'];
    case 'grade':
      return ['grade', 'deduction'];
    case 'incidents':
      return ['incidents'];
    case 'penalty':
      return ['occurrences'];
  }
}

function checkItems(items: Record<string, unknown>, rubric: Rubric): Problem[] {
  const { leafById: leaves, groupById: groups, itemPaths } = compileRubric(rubric);
  const problems: Problem[] = [];
  for (const id in items) {
    if (!Object.hasOwn(items, id)) continue;
    const value = items[id];
    const at = itemPaths.get(id) ?? fieldPath('items', id);
    const item = leaves.get(id);
    const group = groups.get(id);
    if (!item && !group) {
      const gated = [...groups.values()].filter((g) => g.gate).map((g) => g.id);
      problems.push({ field: at, value: id, expected: `an item of ${rubric.id}@${rubric.version}: ${[...leaves.keys(), ...gated].join(', ')}` });
      continue;
    }
    if (!isPlainObject(value)) {
      problems.push({ field: at, value, expected: 'an object with the fields of the item’s rule' });
      continue;
    }
    if (group && !group.gate) {
      problems.push({ field: at, value, expected: `the items of group ${id} (${leafItems(group.children).map((l) => l.item.id).join(', ')}); the group itself has no gate` });
      continue;
    }
    const node = (item ?? group)!;
    const fields = fieldsWithExtras(node, item);
    for (const key in value) {
      if (!Object.hasOwn(value, key) || fields.includes(key)) continue;
      if (key === 'doubled') problems.push({ field: `${at}.doubled`, value: value.doubled, expected: `no doubling here: it applies to hand-in items only (${handInIds(rubric).join(', ')})` });
      else problems.push({ field: fieldPath(at, key), value: value[key], expected: `a field of this item (${fields.join(', ')})` });
    }
    if ('note' in value && (typeof value.note !== 'string' || value.note.length > MAX_NOTE_LENGTH)) {
      problems.push({ field: `${at}.note`, value: value.note, expected: `a text of at most ${MAX_NOTE_LENGTH} characters` });
    }
    if ('doubled' in value && node.handIn && typeof value.doubled !== 'boolean') {
      problems.push({ field: `${at}.doubled`, value: value.doubled, expected: 'true or false' });
    }
    if (item) checkItemValue(item, value, at, problems);
    else problems.push(...checkGate(group!, value, at));
  }
  return problems;
}

function handInIds(rubric: Rubric): string[] {
  const { leafById, groupById } = compileRubric(rubric);
  return [...leafById.values(), ...groupById.values()].filter((n) => n.handIn).map((n) => n.id);
}

/** The fields an item (or a gated group) takes: its rule's, `note`, and `doubled` on hand-in nodes. Kept per node. */
const nodeFields = new WeakMap<ItemNode | GroupNode, readonly string[]>();
function fieldsWithExtras(node: ItemNode | GroupNode, item: ItemNode | undefined): readonly string[] {
  let fields = nodeFields.get(node);
  if (!fields) {
    fields = [...(item ? fieldsOf(item) : ['violated']), 'note', ...(node.handIn ? ['doubled'] : [])];
    nodeFields.set(node, fields);
  }
  return fields;
}

function checkGate(_group: GroupNode, value: Record<string, unknown>, at: string): Problem[] {
  return 'violated' in value && typeof value.violated !== 'boolean' ? [{ field: `${at}.violated`, value: value.violated, expected: 'true or false' }] : [];
}

/** The problems of one item's value, added to `problems`. */
function checkItemValue(item: ItemNode, v: Record<string, unknown>, at: string, problems: Problem[]): void {
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
    case 'all-or-nothing':
      checkBoolean(v, 'violated', at, problems);
      break;
    case 'falsified':
      checkBoolean(v, 'falsified', at, problems);
      break;
    case 'per-occurrence':
    case 'penalty':
      if ('occurrences' in v) problems.push(...checkCount(v, 'occurrences', at, r.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES));
      if (r.kind === 'per-occurrence' && r.incidents && 'incidents' in v) problems.push(...checkIncidents(v, r.incidents, at));
      break;
    case 'incidents':
      if ('incidents' in v) problems.push(...checkIncidents(v, r.incidents, at));
      break;
    case 'judged':
      if ('points' in v && !amountOk(v.points, 0, item.points)) problems.push(amountProblem(v.points, `${at}.points`, 0, item.points, 'points'));
      break;
    case 'grade': {
      const grade = r.grades.find((g) => g.id === v.grade);
      if ('grade' in v && !grade) problems.push({ field: `${at}.grade`, value: v.grade, expected: `one of ${r.grades.map((g) => `"${g.id}"`).join(', ')}` });
      if (grade && 'range' in grade) {
        if (!('deduction' in v)) problems.push({ field: `${at}.deduction`, expected: `a deduction from ${grade.range.min} to ${grade.range.max} for grade "${grade.id}"` });
        else if (!amountOk(v.deduction, grade.range.min, grade.range.max)) problems.push(amountProblem(v.deduction, `${at}.deduction`, grade.range.min, grade.range.max, `deduction for grade "${grade.id}"`));
      } else if ('deduction' in v) {
        const fixed = grade ? `grade "${grade.id}" has a fixed outcome` : 'deduction only with a grade that has a range';
        problems.push({ field: `${at}.deduction`, value: v.deduction, expected: `no deduction: ${fixed} (ranged grades: ${r.grades.filter((g) => 'range' in g).map((g) => g.id).join(', ') || 'none'})` });
      }
      break;
    }
  }
}

function checkBoolean(v: Record<string, unknown>, key: string, at: string, problems: Problem[]): void {
  if (key in v && typeof v[key] !== 'boolean') problems.push({ field: `${at}.${key}`, value: v[key], expected: 'true or false' });
}

function checkCount(v: Record<string, unknown>, key: string, at: string, max: number): Problem[] {
  if (!(key in v)) return [];
  const n = v[key];
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max) return [];
  return [{ field: `${at}.${key}`, value: n, expected: `a whole number from 0 to ${max}` }];
}

function checkAmount(value: unknown, field: string, min: number, max: number, what: string): Problem[] {
  return amountOk(value, min, max) ? [] : [amountProblem(value, field, min, max, what)];
}

function amountOk(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && toHundredths(value) !== null && value >= min && value <= max;
}

function amountProblem(value: unknown, field: string, min: number, max: number, what: string): Problem {
  return { field, value, expected: `${what} from ${min} to ${max}, at most 2 decimals` };
}

function checkIncidents(v: Record<string, unknown>, kinds: readonly IncidentKind[], at: string): Problem[] {
  if (!('incidents' in v)) return [];
  const list = v.incidents;
  const shape = `a list of { "kind": ${kinds.map((k) => `"${k.id}"`).join(' | ')}, "deduction": number, "note"?: string }`;
  if (!Array.isArray(list)) return [{ field: `${at}.incidents`, value: list, expected: shape }];
  if (list.length > DEFAULT_MAX_OCCURRENCES) return [{ field: `${at}.incidents`, value: `${list.length} incidents`, expected: `at most ${DEFAULT_MAX_OCCURRENCES}` }];
  return list.flatMap((inc, i): Problem[] => {
    const here = fieldPath(`${at}.incidents`, i);
    if (!isPlainObject(inc)) return [{ field: here, value: inc, expected: shape }];
    const problems = unknownKeys(inc, ['kind', 'deduction', 'note'], here);
    const kind = kinds.find((k) => k.id === inc.kind);
    if (!kind) problems.push({ field: `${here}.kind`, ...('kind' in inc ? { value: inc.kind } : {}), expected: `one of ${kinds.map((k) => `"${k.id}" (${k.min}…${k.max})`).join(', ')}` });
    else if (!('deduction' in inc)) problems.push({ field: `${here}.deduction`, expected: `a deduction from ${kind.min} to ${kind.max} for "${kind.id}"` });
    else problems.push(...checkAmount(inc.deduction, `${here}.deduction`, kind.min, kind.max, `deduction for "${kind.id}"`));
    if ('note' in inc && (typeof inc.note !== 'string' || inc.note.length > MAX_NOTE_LENGTH)) {
      problems.push({ field: `${here}.note`, value: inc.note, expected: `a text of at most ${MAX_NOTE_LENGTH} characters` });
    }
    return problems;
  });
}
