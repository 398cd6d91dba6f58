/**
 * Hand-in dates → automatic deductions. For an item with a deadline, the sheet may record when
 * each piece of material was handed in; each late one counts as one occurrence (per-occurrence
 * items) or as the violation (violation and all-or-nothing items, and group gates).
 */
import { dueDate, isLate, type DueDate } from '../deadlines.ts';
import { parseDate } from '../period.ts';
import { fieldPath, isPlainObject, unknownKeys, type Problem } from '../problems.ts';
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
const HAND_IN_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d)?$/;

/** The nodes (items or gated groups) that take hand-in dates, with their deadline and the field a late hand-in sets. */
export function handInTargets(rubric: Rubric): Map<string, { deadline: Deadline; effect: 'violated' | 'occurrence' }> {
  return new Map(compileRubric(rubric).handInTargets);
}

export function checkHandIns(raw: unknown, rubric: Rubric, period: string | undefined): Problem[] {
  if (!isPlainObject(raw)) return [{ field: 'handIns', value: raw, expected: 'an object keyed by item id, each a list of { "date", "event"? }' }];
  const { handInTargets: targets, handInPaths } = compileRubric(rubric);
  const problems: Problem[] = [];
  for (const [id, list] of Object.entries(raw)) {
    const at = handInPaths.get(id) ?? fieldPath('handIns', id);
    const target = targets.get(id);
    if (!target) {
      problems.push({ field: at, value: list, expected: `an item with a deadline: ${[...targets.keys()].join(', ')}` });
      continue;
    }
    if (!Array.isArray(list) || list.length > MAX_HAND_INS) {
      problems.push({ field: at, value: list, expected: `a list of at most ${MAX_HAND_INS} hand-ins { "date": "YYYY-MM-DD", "event"?: "YYYY-MM-DD" }` });
      continue;
    }
    const needsEvent = target.deadline.kind === 'days-after-event' || target.deadline.kind === 'same-day';
    list.forEach((h, i) => {
      const here = fieldPath(at, i);
      if (!isPlainObject(h)) return void problems.push({ field: here, value: h, expected: '{ "date": "YYYY-MM-DD", "event"?: "YYYY-MM-DD" }' });
      problems.push(...unknownKeys(h, needsEvent ? ['date', 'event'] : ['date'], here));
      const m = typeof h.date === 'string' ? HAND_IN_PATTERN.exec(h.date) : null;
      const withTime = target.deadline.kind === 'same-day';
      if (!m || !parseDate(m[1]) || (withTime && m[2] === undefined)) {
        problems.push({ field: `${here}.date`, ...('date' in h ? { value: h.date } : {}), expected: withTime ? 'a date and time YYYY-MM-DDTHH:MM' : 'a date YYYY-MM-DD (optionally THH:MM)' });
      }
      if (needsEvent) {
        const ev = parseDate(h.event);
        if (!ev) problems.push({ field: `${here}.event`, ...('event' in h ? { value: h.event } : {}), expected: 'the date of the event the deadline counts from, YYYY-MM-DD' });
        else if (period && !(h.event as string).startsWith(period)) problems.push({ field: `${here}.event`, value: h.event, expected: `a date in ${period}` });
      }
      return undefined;
    });
  }
  return problems;
}

/**
 * The items as scored: the recorded values plus what late hand-ins add, and the late hand-ins
 * per item (shown on the sheet as automatic deductions).
 */
export function applyHandIns(input: SheetInput, rubric: Rubric): { items: Record<string, ItemInput>; late: Map<string, LateHandIn[]> } {
  const applied = lateHandIns(input, rubric);
  return { items: applied.items === input.items || applied.items === NO_ITEMS ? { ...applied.items } : applied.items, late: applied.late };
}

const NO_ITEMS: Record<string, ItemInput> = Object.freeze({});

/**
 * applyHandIns for the engine, which only reads the items: without late hand-ins the recorded
 * items themselves come back (not a copy).
 */
export function lateHandIns(input: SheetInput, rubric: Rubric): { items: Readonly<Record<string, ItemInput>>; late: Map<string, LateHandIn[]> } {
  const late = new Map<string, LateHandIn[]>();
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
    late.set(id, missed);
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
