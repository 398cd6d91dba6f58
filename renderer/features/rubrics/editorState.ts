/**
 * The rubric editor's state: a draft definition edited by path, checked live with the shared
 * rubric validation (the same the backend runs before it stores a version).
 */
import { formatPeriod, nextPeriod, parsePeriod } from '../../../shared/period.ts';
import { fieldPath, type Problem } from '../../../shared/problems.ts';
import { rubricProblems } from '../../../shared/rubric/problems.ts';
import type { ItemNode, Rubric, RubricDefinition, Rule } from '../../../shared/rubric/schema.ts';

/** A field's place in the definition, as the problems name it: ['items', 1, 'children', 4, 'points']. */
export type Path = readonly (string | number)[];

/** The draft: the definition as typed so far (a number field may hold text until it parses). */
export type Draft = RubricDefinition;

export const pathKey = (path: Path): string => path.join('.');

/** The next version of `base` (the latest version of its id), in force from `effectiveFrom`. */
export function draftFrom(base: Rubric, effectiveFrom: string): Draft {
  const { hash: _hash, ...definition } = structuredClone(base);
  void _hash;
  return { ...definition, version: base.version + 1, effectiveFrom };
}

/** The month after `today`, but never before `notBefore`. */
export function defaultEffectiveFrom(notBefore: string, today = new Date()): string {
  const next = formatPeriod(nextPeriod({ year: today.getFullYear(), month: today.getMonth() + 1 }));
  return next < notBefore ? notBefore : next;
}

/** Months offered for "effective from": from `notBefore` (or a year back) to two years ahead. */
export function effectiveMonths(notBefore: string, today = new Date()): string[] {
  let p = { year: today.getFullYear() - 1, month: today.getMonth() + 1 };
  const from = parsePeriod(notBefore);
  if (from && formatPeriod(from) > formatPeriod(p)) p = from;
  const months: string[] = [];
  for (let i = 0; i < 40; i++, p = nextPeriod(p)) months.push(formatPeriod(p));
  return months;
}

export function getIn(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

/** A copy of `root` with `value` at `path` (undefined removes the field); the rest is shared. */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const node = root as unknown as Record<string | number, unknown> | unknown[];
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  const next = setIn(copy[key!], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[key!];
  else copy[key!] = next;
  return copy as T;
}

/** A number field's text as the draft keeps it: a number when it is one, else the text (the check names it). */
export function numberFromText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The rule a kind starts with when an item's kind is changed or an item is added. */
export function emptyRule(kind: Rule['kind'], points: number): Rule {
  switch (kind) {
    case 'violation':
      return { kind, deduction: points };
    case 'per-occurrence':
      return { kind, deduction: 1 };
    case 'grade':
      return { kind, grades: [{ id: 'ok', title: { zh: '合格', en: 'OK' }, deduction: 0 }] };
    case 'incidents':
      return { kind, incidents: [{ id: 'incident', title: { zh: '事件', en: 'Incident' }, min: 0, max: points }] };
    case 'penalty':
      return { kind, steps: [{ atLeast: 1, deduction: points }] };
    default:
      return { kind };
  }
}

/** Ids already used anywhere in the draft. */
function usedIds(draft: Draft): Set<string> {
  const ids = new Set<string>();
  const walk = (nodes: readonly unknown[]) => {
    for (const n of nodes as { id?: unknown; children?: unknown }[]) {
      if (typeof n.id === 'string') ids.add(n.id);
      if (Array.isArray(n.children)) walk(n.children);
    }
  };
  walk(draft.items);
  return ids;
}

/** A new judged item worth 0 points (so the total still adds up) at the end of the list at `listPath`. */
export function addItem(draft: Draft, listPath: Path, groupId: string | null): Draft {
  const ids = usedIds(draft);
  let n = 1;
  const idFor = (i: number) => (groupId ? `${groupId}.new-item-${i}` : `new-item-${i}`);
  while (ids.has(idFor(n))) n++;
  const item: ItemNode = { type: 'item', id: idFor(n), title: { zh: `新项目${n}`, en: `New item ${n}` }, points: 0, rule: { kind: 'judged' } };
  const list = getIn(draft, listPath) as unknown[];
  return setIn(draft, listPath, [...list, item]);
}

/** The draft without the node at `path` (its points leave the total: the check then names dailyMax). */
export function removeNode(draft: Draft, path: Path): Draft {
  const listPath = path.slice(0, -1);
  const index = path[path.length - 1] as number;
  const list = getIn(draft, listPath) as unknown[];
  return setIn(draft, listPath, list.filter((_, i) => i !== index));
}

/** Problems of the draft (field paths as in the draft), from the shared rubric validation. */
export function draftProblems(draft: Draft): Problem[] {
  return rubricProblems(draft);
}

/** Problems exactly at `path` (their fields are written `items[1].title`, as every problem's). */
export function problemsAtPath(problems: readonly Problem[], path: Path): Problem[] {
  const field = path.reduce<string>((base, key) => fieldPath(base, key), '');
  return problems.filter((p) => p.field === field);
}
