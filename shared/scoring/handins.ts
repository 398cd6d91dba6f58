/**
 * Hand-in dates → automatic deductions. For an item with a deadline, the sheet may record when
 * each piece of material was handed in; each late one counts as one occurrence (per-occurrence
 * items) or as the violation (violation and all-or-nothing items, and group gates).
 */
import { dueDate, isLate, type DueDate } from '../deadlines.ts';
import { dateAt, isDate } from '../period.ts';
import { fieldPath, isPlainObject, onlyKeys, unknownKeys, type Problem } from '../problems.ts';
import type { Deadline, Rubric } from '../rubric/schema.ts';
import { compileRubric, type CompiledRubric } from './compiled.ts';
import type { ItemInput, SheetInput } from './input.ts';

export interface HandIn {
  /** When it was handed in: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` for same-day deadlines. */
  date: string;
  /** The event the deadline counts from (promotion end, day of the sale), `YYYY-MM-DD`. */
  event?: string;
}

export interface LateHandIn {
  due: DueDate;
  handedIn: string;
}

export const MAX_HAND_INS = 62;
/** The form of a hand-in date (handInDateOk reads it without a regex). */
export const HAND_IN_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d)?$/;

/** The nodes (items or gated groups) that take hand-in dates, with their deadline and the field a late hand-in sets. */
export function handInTargets(rubric: Rubric): Map<string, { deadline: Deadline; effect: 'violated' | 'occurrence' }> {
  return new Map(compileRubric(rubric).handInTargets);
}

/** The problems of a sheet's hand-ins, added to `problems`; field paths are built only for a problem found. */
export function checkHandIns(raw: unknown, rubric: Rubric, period: string | undefined, problems: Problem[]): void {
  if (!isPlainObject(raw)) return void problems.push({ field: 'handIns', value: raw, expected: 'an object keyed by item id, each a list of { "date", "event"? }' });
  const { handInTargets: targets, handInPaths } = compileRubric(rubric);
  for (const id in raw) {
    if (!Object.hasOwn(raw, id)) continue;
    const list = raw[id];
    const target = targets.get(id);
    if (!target) {
      problems.push({ field: pathOf(handInPaths, id), value: list, expected: `an item with a deadline: ${[...targets.keys()].join(', ')}` });
      continue;
    }
    if (!Array.isArray(list) || list.length > MAX_HAND_INS) {
      problems.push({ field: pathOf(handInPaths, id), value: list, expected: `a list of at most ${MAX_HAND_INS} hand-ins { "date": "YYYY-MM-DD", "event"?: "YYYY-MM-DD" }`, rule: { code: 'at-most', max: MAX_HAND_INS } });
      continue;
    }
    const needsEvent = target.deadline.kind === 'days-after-event' || target.deadline.kind === 'same-day';
    const withTime = target.deadline.kind === 'same-day';
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) continue; // as forEach: holes are skipped
      const h: unknown = list[i];
      if (!isPlainObject(h)) {
        problems.push({ field: fieldPath(pathOf(handInPaths, id), i), value: h, expected: '{ "date": "YYYY-MM-DD", "event"?: "YYYY-MM-DD" }' });
        continue;
      }
      const fields = needsEvent ? WITH_EVENT : DATE_ONLY;
      if (!onlyKeys(h, fields)) problems.push(...unknownKeys(h, fields, fieldPath(pathOf(handInPaths, id), i)));
      if (!handInDateOk(h.date, withTime)) {
        problems.push({ field: `${fieldPath(pathOf(handInPaths, id), i)}.date`, ...('date' in h ? { value: h.date } : {}), expected: withTime ? 'a date and time YYYY-MM-DDTHH:MM' : 'a date YYYY-MM-DD (optionally THH:MM)', rule: { code: withTime ? 'date-time' : 'date' } });
      }
      if (needsEvent) {
        if (!isDate(h.event)) problems.push({ field: `${fieldPath(pathOf(handInPaths, id), i)}.event`, ...('event' in h ? { value: h.event } : {}), expected: 'the date of the event the deadline counts from, YYYY-MM-DD', rule: { code: 'date' } });
        else if (period && !h.event.startsWith(period)) problems.push({ field: `${fieldPath(pathOf(handInPaths, id), i)}.event`, value: h.event, expected: `a date in ${period}`, rule: { code: 'date-in-month', period } });
      }
    }
  }
}

/** `handIns.<id>` (kept per rubric), built only for a problem; a plain function: the hot path creates no closures. */
function pathOf(paths: ReadonlyMap<string, string>, id: string): string {
  return paths.get(id) ?? fieldPath('handIns', id);
}

const DATE_ONLY = ['date'];
const WITH_EVENT = ['date', 'event'];

/**
 * Whether a hand-in date matches HAND_IN_PATTERN with an existing date, and has the time when
 * `withTime`: the pattern read by char codes, as every hand-in of every sheet is checked.
 */
export function handInDateOk(date: unknown, withTime: boolean): boolean {
  if (typeof date !== 'string') return false;
  if (date.length === 16) {
    if (date.charCodeAt(10) !== 84 /* T */ || date.charCodeAt(13) !== 58 /* : */) return false;
    const h1 = date.charCodeAt(11) - 48;
    const h2 = date.charCodeAt(12) - 48;
    const m1 = date.charCodeAt(14) - 48;
    const m2 = date.charCodeAt(15) - 48;
    const hourOk = (h1 === 0 || h1 === 1) ? h2 >= 0 && h2 <= 9 : h1 === 2 && h2 >= 0 && h2 <= 3;
    if (!hourOk || !(m1 >= 0 && m1 <= 5) || !(m2 >= 0 && m2 <= 9)) return false;
  } else if (date.length !== 10 || withTime) return false;
  return dateAt(date) !== null;
}

/**
 * The items as scored: the recorded values plus what late hand-ins add, and the late hand-ins
 * per item (shown on the sheet as automatic deductions).
 */
export function applyHandIns(input: SheetInput, rubric: Rubric): { items: Record<string, ItemInput>; late: Map<string, LateHandIn[]> } {
  const applied = lateHandIns(input, rubric);
  return { items: applied.items === input.items || applied.items === NO_ITEMS ? { ...applied.items } : applied.items, late: applied.late ?? new Map() };
}

const NO_ITEMS: Record<string, ItemInput> = Object.freeze({});

/**
 * applyHandIns for the engine, which only reads the items: without late hand-ins the recorded
 * items themselves come back (not a copy), and no map of late ones (`late` is undefined).
 */
export function lateHandIns(input: SheetInput, rubric: Rubric): { items: Readonly<Record<string, ItemInput>>; late: Map<string, LateHandIn[]> | undefined } {
  let late: Map<string, LateHandIn[]> | undefined;
  let items: Record<string, ItemInput> = input.items ?? NO_ITEMS;
  if (!input.handIns) return { items, late };
  let copied = false;
  const compiled = compileRubric(rubric);
  for (const id in input.handIns) {
    if (!Object.hasOwn(input.handIns, id)) continue;
    const list = input.handIns[id]!;
    const target = compiled.handInTargets.get(id);
    if (!target || list.length === 0) continue;
    let missed: LateHandIn[] | undefined;
    for (const h of list) {
      const due = h.event === undefined ? dueWithoutEvent(compiled, id, target.deadline, input.period) : dueDate(target.deadline, input.period, h.event);
      if (due && isLate(due, h.date)) (missed ??= []).push({ due: { ...due }, handedIn: h.date });
    }
    if (!missed) continue;
    (late ??= new Map()).set(id, missed);
    if (!copied) {
      items = { ...items };
      copied = true;
    }
    const recorded = items[id] ?? {};
    items[id] = target.effect === 'violated' ? { ...recorded, violated: true } : { ...recorded, occurrences: (recorded.occurrences ?? 0) + missed.length };
  }
  return { items, late };
}

/** dueDate for a deadline that needs no event date: the same for every sheet of a month, so kept per rubric. */
function dueWithoutEvent(compiled: CompiledRubric, id: string, deadline: Deadline, period: string): DueDate | null {
  let month = compiled.dueDates.get(period);
  if (!month) {
    if (compiled.dueDates.size > 240) compiled.dueDates.clear();
    compiled.dueDates.set(period, (month = new Map()));
  }
  let due = month.get(id);
  if (due === undefined) month.set(id, (due = dueDate(deadline, period)));
  return due;
}
