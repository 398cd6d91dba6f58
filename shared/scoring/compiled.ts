/**
 * What scoring and validation need of a rubric, worked out once per rubric: its leaves with the
 * groups above them, its groups, lookups by id, each item's and group's maximum in hundredths,
 * the members of each group, and the nodes that take hand-in dates.
 *
 * A loaded rubric is never changed (its hash is the hash of its content), so the result is kept
 * for as long as the rubric object lives. Without it, every sheet walked the rubric tree a dozen
 * times and re-parsed every maximum (scoring 100,000 sheets took ~10 s; see docs/benchmarks.md).
 */
import type { DueDate } from '../deadlines.ts';
import { toHundredths } from '../decimal.ts';
import { fieldPath } from '../problems.ts';
import { allGroups, itemMaxHundredths, leafItems, type Deadline, type GroupNode, type ItemNode, type Rubric } from '../rubric/schema.ts';

export interface HandInTarget {
  deadline: Deadline;
  /** What a late hand-in sets: the violation, or one more occurrence. */
  effect: 'violated' | 'occurrence';
}

export interface CompiledRubric {
  /** leafItems(rubric.items), in rubric order. */
  leaves: readonly { item: ItemNode; groups: readonly GroupNode[] }[];
  /** allGroups(rubric.items), in rubric order. */
  groups: readonly GroupNode[];
  leafById: ReadonlyMap<string, ItemNode>;
  /** Each leaf's index in `leaves`, by id. */
  leafIndex: ReadonlyMap<string, number>;
  groupById: ReadonlyMap<string, GroupNode>;
  /**
   * Every item and group id → the leaf and the group of that id, and the input fields the node
   * takes (its rule's, `note` and `doubled`: `doubled: true` only on hand-in nodes, which input.ts
   * checks): one lookup per recorded item.
   */
  inputNodes: ReadonlyMap<string, { item: ItemNode | undefined; group: GroupNode | undefined; fields: readonly string[] }>;
  /** fieldPath('items', id) of every item and group id (for problem messages). */
  itemPaths: ReadonlyMap<string, string>;
  /** Per leaf: its maximum in hundredths (0 for a penalty item). */
  itemMax: readonly number[];
  /** Per leaf: its maximum as a number (points), and points in hundredths. */
  itemPoints: readonly number[];
  /** Per group: the indices of its leaves, and its maximum in hundredths. */
  groupMembers: readonly (readonly number[])[];
  groupMax: readonly number[];
  /** Per leaf: the indices in `groups` of the groups above it, and the id of the innermost one. */
  leafGroups: readonly (readonly number[])[];
  leafParent: readonly (string | undefined)[];
  /** Whether any group has a gate. */
  hasGates: boolean;
  /** The nodes (items or gated groups) that take hand-in dates. */
  handInTargets: ReadonlyMap<string, HandInTarget>;
  /** fieldPath('handIns', id) of each of them. */
  handInPaths: ReadonlyMap<string, string>;
  /** The ids of the items and groups where doubling applies (`handIn`: about handing in material, doubling given). */
  handInIds: ReadonlySet<string>;
  dailyMax: number;
  attendanceFull: number;
  attendancePerDay: number;
  /** Due dates of the deadlines that need no event, by period and node id (filled as sheets are scored). */
  dueDates: Map<string, Map<string, Readonly<DueDate> | null>>;
}

const compiled = new WeakMap<Rubric, CompiledRubric>();

export function compileRubric(rubric: Rubric): CompiledRubric {
  let c = compiled.get(rubric);
  if (!c) {
    c = build(rubric);
    compiled.set(rubric, c);
  }
  return c;
}

function build(rubric: Rubric): CompiledRubric {
  const leaves = leafItems(rubric.items);
  const groups = allGroups(rubric.items);
  const index = new Map(leaves.map((l, i) => [l.item.id, i]));
  const itemMax = leaves.map((l) => itemMaxHundredths(l.item));
  const groupMembers = groups.map((g) => leafItems(g.children).map((l) => index.get(l.item.id)!));
  const handInTargets = new Map<string, HandInTarget>();
  for (const { item } of leaves) {
    if (!item.deadline) continue;
    const k = item.rule.kind;
    if (k === 'violation' || k === 'all-or-nothing') handInTargets.set(item.id, { deadline: item.deadline, effect: 'violated' });
    if (k === 'per-occurrence') handInTargets.set(item.id, { deadline: item.deadline, effect: 'occurrence' });
  }
  for (const g of groups) if (g.gate && g.deadline) handInTargets.set(g.id, { deadline: g.deadline, effect: 'violated' });
  const leafById = new Map(leaves.map((l) => [l.item.id, l.item]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const inputNodes = new Map<string, { item: ItemNode | undefined; group: GroupNode | undefined; fields: readonly string[] }>();
  for (const id of [...leafById.keys(), ...groupById.keys()]) {
    const item = leafById.get(id);
    const group = groupById.get(id);
    inputNodes.set(id, { item, group, fields: [...(item ? fieldsOf(item) : ['violated']), 'note', 'doubled', 'sources'] });
  }
  return {
    leaves,
    groups,
    leafById,
    leafIndex: index,
    groupById,
    inputNodes,
    itemPaths: new Map([...leaves.map((l) => l.item.id), ...groups.map((g) => g.id)].map((id) => [id, fieldPath('items', id)])),
    itemMax,
    itemPoints: leaves.map((l) => toHundredths(l.item.points)!),
    groupMembers,
    groupMax: groupMembers.map((members) => members.reduce((sum, i) => sum + itemMax[i]!, 0)),
    leafGroups: leaves.map((l) => l.groups.map((g) => groups.indexOf(g))),
    leafParent: leaves.map((l) => l.groups.at(-1)?.id),
    hasGates: groups.some((g) => g.gate),
    handInTargets,
    handInPaths: new Map([...handInTargets.keys()].map((id) => [id, fieldPath('handIns', id)])),
    handInIds: new Set([...leaves.map((l) => l.item), ...groups].filter((n) => n.handIn).map((n) => n.id)),
    dailyMax: toHundredths(rubric.dailyMax)!,
    attendanceFull: toHundredths(rubric.attendance.full)!,
    attendancePerDay: toHundredths(rubric.attendance.deductionPerDay)!,
    dueDates: new Map(),
  };
}

/** Which input fields each rule kind takes (beside `note` and `doubled`). */
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
