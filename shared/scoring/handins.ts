/**
 * Hand-in dates → automatic deductions. For an item with a deadline, the sheet may record when
 * each piece of material was handed in; each late one counts as one occurrence (per-occurrence
 * items) or as the violation (violation and all-or-nothing items, and group gates).
 */
import { dueDate, isLate, type DueDate } from '../deadlines.ts';
import { parseDate } from '../period.ts';
import { fieldPath, isPlainObject, unknownKeys, type Problem } from '../problems.ts';
import { allGroups, leafItems, type Deadline, type Rubric } from '../rubric/schema.ts';
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
  const targets = new Map<string, { deadline: Deadline; effect: 'violated' | 'occurrence' }>();
  for (const { item } of leafItems(rubric.items)) {
    if (!item.deadline) continue;
    const k = item.rule.kind;
    if (k === 'violation' || k === 'all-or-nothing') targets.set(item.id, { deadline: item.deadline, effect: 'violated' });
    if (k === 'per-occurrence') targets.set(item.id, { deadline: item.deadline, effect: 'occurrence' });
  }
  for (const g of allGroups(rubric.items)) if (g.gate && g.deadline) targets.set(g.id, { deadline: g.deadline, effect: 'violated' });
  return targets;
}

export function checkHandIns(raw: unknown, rubric: Rubric, period: string | undefined): Problem[] {
  if (!isPlainObject(raw)) return [{ field: 'handIns', value: raw, expected: 'an object keyed by item id, each a list of { "date", "event"? }' }];
  const targets = handInTargets(rubric);
  const problems: Problem[] = [];
  for (const [id, list] of Object.entries(raw)) {
    const at = fieldPath('handIns', id);
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
  const items: Record<string, ItemInput> = { ...(input.items ?? {}) };
  const late = new Map<string, LateHandIn[]>();
  const targets = handInTargets(rubric);
  for (const [id, list] of Object.entries(input.handIns ?? {})) {
    const target = targets.get(id);
    if (!target) continue;
    const missed = list.flatMap((h): LateHandIn[] => {
      const due = dueDate(target.deadline, input.period, h.event);
      return due && isLate(due, h.date) ? [{ due, handedIn: h.date }] : [];
    });
    if (missed.length === 0) continue;
    late.set(id, missed);
    const recorded = items[id] ?? {};
    items[id] = target.effect === 'violated' ? { ...recorded, violated: true } : { ...recorded, occurrences: (recorded.occurrences ?? 0) + missed.length };
  }
  return { items, late };
}
