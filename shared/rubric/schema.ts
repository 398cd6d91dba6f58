/**
 * The rubric schema: rubrics are data (versioned, hashed), validated when loaded.
 *
 * A rubric is a tree of groups and items. Each item has a maximum (`points`) and a rule kind
 * that says which fields a manager records for it and how they become a deduction; see
 * `docs/spec/assessment.md` for the rules and `docs/rules.md` for the decisions.
 */
import { z } from 'zod';
import { toHundredths } from '../decimal.ts';
import { PERIOD_EXPECTED, PERIOD_PATTERN, parsePeriod } from '../period.ts';
import { DEPARTMENT_IDS, type DepartmentId } from '../departments.ts';

export const ROLE_IDS = ['salesperson', 'regional-manager', 'field-service', 'executive'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

const text = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof text>;

/** Points: ≥ 0 with at most 2 decimals (kept exactly in hundredths). */
const points = z
  .number()
  .min(0)
  .max(1000)
  .refine((n) => toHundredths(n) !== null, 'at most 2 decimals');
const count = z.number().int().min(0).max(999);
const id = z.string().regex(ID_PATTERN, 'lower-case words joined by "-" and "."');

const range = z
  .strictObject({ min: points, max: points })
  .refine((r) => r.min <= r.max, 'min must not exceed max');

const incidentKind = z.strictObject({ id, title: text, min: points, max: points }).refine((r) => r.min <= r.max, 'min must not exceed max');
export type IncidentKind = z.infer<typeof incidentKind>;

const grade = z.union([
  z.strictObject({ id, title: text, deduction: points }),
  z.strictObject({ id, title: text, range }),
  z.strictObject({ id, title: text, zero: z.literal(true) }),
]);
export type Grade = z.infer<typeof grade>;

/** How many occurrences or incidents one sheet may record for an item. */
export const DEFAULT_MAX_OCCURRENCES = 99;

const rule = z.discriminatedUnion('kind', [
  /** violated → a fixed deduction. Input: `violated`. */
  z.strictObject({ kind: z.literal('violation'), deduction: points }),
  /** violated → the item scores 0. Input: `violated`. */
  z.strictObject({ kind: z.literal('all-or-nothing') }),
  /** found falsified → the item scores 0. Input: `falsified`. */
  z.strictObject({ kind: z.literal('falsified') }),
  /**
   * a deduction per occurrence; more than `zeroAbove` → 0 (so "2 or more → 0", 2项以上, is
   * `zeroAbove: 1`); optional incidents beside. Input: `occurrences`, `incidents`.
   */
  z.strictObject({
    kind: z.literal('per-occurrence'),
    deduction: points,
    zeroAbove: count.optional(),
    maxOccurrences: count.optional(),
    incidents: z.array(incidentKind).min(1).optional(),
  }),
  /** the scorer judges 0…max. Input: `points`. */
  z.strictObject({ kind: z.literal('judged') }),
  /** one of named grades, each a fixed deduction, a judged range, or zero. Input: `grade`, `deduction`. */
  z.strictObject({ kind: z.literal('grade'), grades: z.array(grade).min(1) }),
  /**
   * incidents of named kinds, each with a deduction judged in its range. Input: `incidents`.
   * With `severeFlag`, an incident may be marked `severe: true` (e.g. a complaint, 严重者直至下岗):
   * no extra points, the sheet gets that flag.
   */
  z.strictObject({ kind: z.literal('incidents'), incidents: z.array(incidentKind).min(1), severeFlag: id.optional() }),
  /**
   * Penalty item: adds nothing to a clean sheet and takes the deduction of the highest step
   * reached from the daily-work total (it is not floored at the item). Input: `occurrences`.
   */
  z.strictObject({
    kind: z.literal('penalty'),
    steps: z.array(z.strictObject({ atLeast: count.min(1), deduction: points, flag: id.optional() })).min(1),
    maxOccurrences: count.optional(),
  }),
]);
export type Rule = z.infer<typeof rule>;
export type RuleKind = Rule['kind'];

const deadline = z.discriminatedUnion('kind', [
  /** Due on this day of the period's month (the last day when the month is shorter). */
  z.strictObject({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(31) }),
  /** Due this many days after an event (e.g. the end of a promotion). */
  z.strictObject({ kind: z.literal('days-after-event'), days: z.number().int().min(0).max(366), event: text }),
  /** Due on the day of the event, by a time of day. */
  z.strictObject({ kind: z.literal('same-day'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), event: text }),
  /** Due on this day of the month after the period. */
  z.strictObject({ kind: z.literal('day-of-next-month'), day: z.number().int().min(1).max(31) }),
]);
export type Deadline = z.infer<typeof deadline>;

const itemNode = z.strictObject({
  type: z.literal('item'),
  id,
  title: text,
  /** The rule as the rule book words it. */
  detail: text.optional(),
  /** The item's maximum; for a penalty item, its nominal points (it adds nothing by itself). */
  points,
  rule,
  /**
   * About handing in material, where the rule book gives doubling for repeated non-submission
   * (连续不上交材料者加倍扣分: the regional-manager and salesperson rubrics): `doubled: true` is
   * accepted and the app proposes it. Without it, only `doubled: false` is.
   */
  handIn: z.boolean().optional(),
  deadline: deadline.optional(),
  /** Who assesses the item, in words (older versions; newer ones name departments in `assessedBy`). */
  scoredBy: text.optional(),
  /** The departments that assess the item (for a hand-in: the one it is handed in to). */
  assessedBy: z.array(z.enum(DEPARTMENT_IDS)).min(1).optional(),
});
export type ItemNode = z.infer<typeof itemNode>;

export interface GroupNode {
  type: 'group';
  id: string;
  title: Text;
  /** When present, `violated` on the group sets the whole group to 0 (e.g. weekly report not handed in). */
  gate?: { title: Text } | undefined;
  handIn?: boolean | undefined;
  deadline?: Deadline | undefined;
  /** The departments that assess the group's items (an item's own `assessedBy` says more). */
  assessedBy?: DepartmentId[] | undefined;
  children: RubricNode[];
}
export type RubricNode = ItemNode | GroupNode;

const groupNode: z.ZodType<GroupNode> = z.strictObject({
  type: z.literal('group'),
  id,
  title: text,
  gate: z.strictObject({ title: text }).optional(),
  handIn: z.boolean().optional(),
  deadline: deadline.optional(),
  assessedBy: z.array(z.enum(DEPARTMENT_IDS)).min(1).optional(),
  children: z.array(z.lazy(() => node)).min(1),
});
const node: z.ZodType<RubricNode> = z.union([itemNode, groupNode]);

export const rubricSchema = z
  .strictObject({
    id,
    version: z.number().int().min(1),
    /** First period (YYYY-MM) this version is in force. */
    effectiveFrom: z.string().regex(PERIOD_PATTERN, PERIOD_EXPECTED).refine((text) => parsePeriod(text) !== null, PERIOD_EXPECTED),
    role: z.enum(ROLE_IDS),
    title: text,
    /** The daily-work score is clamped to [0, dailyMax]. */
    dailyMax: points,
    /** Monthly score = daily × daily% + attendance × attendance% (whole percents, summing to 100). */
    weights: z.strictObject({ daily: z.number().int().min(0).max(100), attendance: z.number().int().min(0).max(100) }),
    attendance: z.strictObject({ full: points, deductionPerDay: points }),
    items: z.array(node).min(1),
  })
  .superRefine((r, ctx) => {
    for (const issue of rubricConsistency(r)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type RubricDefinition = z.infer<typeof rubricSchema>;

/** A loaded rubric: its definition plus the content hash of that definition. */
export type Rubric = RubricDefinition & { hash: string };

/** Every item (leaf) with the ids of the groups above it, in rubric order. */
export function leafItems(nodes: readonly RubricNode[], parents: readonly GroupNode[] = []): { item: ItemNode; groups: GroupNode[] }[] {
  return nodes.flatMap((n) => (n.type === 'item' ? [{ item: n, groups: [...parents] }] : leafItems(n.children, [...parents, n])));
}

export function allGroups(nodes: readonly RubricNode[]): GroupNode[] {
  return nodes.flatMap((n) => (n.type === 'group' ? [n, ...allGroups(n.children)] : []));
}

/** The maximum an item adds to a clean sheet, in hundredths (a penalty item adds nothing). */
export function itemMaxHundredths(item: ItemNode): number {
  return item.rule.kind === 'penalty' ? 0 : toHundredths(item.points)!;
}

export function groupMaxHundredths(group: GroupNode): number {
  return leafItems(group.children).reduce((sum, { item }) => sum + itemMaxHundredths(item), 0);
}

interface ConsistencyIssue {
  path: (string | number)[];
  message: string;
}

/** Checks across fields that the field schemas cannot see. */
function rubricConsistency(r: RubricDefinition): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  if (r.weights.daily + r.weights.attendance !== 100) {
    issues.push({ path: ['weights'], message: `weights must add up to 100 (got ${r.weights.daily} + ${r.weights.attendance})` });
  }
  const seen = new Set<string>();
  const walk = (nodes: readonly RubricNode[], path: (string | number)[], depth: number) => {
    nodes.forEach((n, i) => {
      const here = [...path, i];
      if (seen.has(n.id)) issues.push({ path: [...here, 'id'], message: `duplicate id "${n.id}"` });
      seen.add(n.id);
      if (n.assessedBy && new Set(n.assessedBy).size !== n.assessedBy.length) issues.push({ path: [...here, 'assessedBy'], message: 'each department at most once' });
      if (n.type === 'group') walk(n.children, [...here, 'children'], depth + 1);
      else issues.push(...itemConsistency(n, here, depth));
    });
  };
  walk(r.items, ['items'], 0);
  const total = r.items.reduce((sum, n) => sum + (n.type === 'item' ? itemMaxHundredths(n) : groupMaxHundredths(n)), 0);
  if (total !== toHundredths(r.dailyMax)) {
    issues.push({ path: ['dailyMax'], message: `items add up to ${total / 100} points but dailyMax is ${r.dailyMax}` });
  }
  return issues;
}

function itemConsistency(item: ItemNode, path: (string | number)[], depth: number): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const at = (...p: (string | number)[]) => [...path, 'rule', ...p];
  const notAbove = (value: number, p: (string | number)[], what: string) => {
    if (value > item.points) issues.push({ path: p, message: `${what} ${value} exceeds the item's ${item.points} points` });
  };
  const r = item.rule;
  if (item.deadline && !['violation', 'all-or-nothing', 'per-occurrence'].includes(r.kind)) {
    issues.push({ path: [...path, 'deadline'], message: 'a deadline needs a rule a late hand-in can set: violation, all-or-nothing or per-occurrence' });
  }
  switch (r.kind) {
    case 'violation':
      notAbove(r.deduction, at('deduction'), 'deduction');
      break;
    case 'per-occurrence':
      notAbove(r.deduction, at('deduction'), 'deduction');
      r.incidents?.forEach((k, i) => notAbove(k.max, at('incidents', i, 'max'), 'incident maximum'));
      break;
    case 'incidents':
      r.incidents.forEach((k, i) => notAbove(k.max, at('incidents', i, 'max'), 'incident maximum'));
      break;
    case 'grade': {
      const ids = new Set<string>();
      r.grades.forEach((g, i) => {
        if (ids.has(g.id)) issues.push({ path: at('grades', i, 'id'), message: `duplicate grade "${g.id}"` });
        ids.add(g.id);
        if ('deduction' in g) notAbove(g.deduction, at('grades', i, 'deduction'), 'deduction');
        if ('range' in g) notAbove(g.range.max, at('grades', i, 'range', 'max'), 'deduction');
      });
      break;
    }
    case 'penalty':
      if (depth > 0) issues.push({ path: [...path, 'rule'], message: 'a penalty item must stand at the top level, outside groups' });
      r.steps.forEach((s, i) => {
        const prev = r.steps[i - 1];
        if (prev && (s.atLeast <= prev.atLeast || s.deduction < prev.deduction)) {
          issues.push({ path: at('steps', i), message: 'steps must rise: each atLeast and deduction above the one before' });
        }
      });
      break;
    case 'all-or-nothing':
    case 'falsified':
    case 'judged':
      break;
  }
  return issues;
}
