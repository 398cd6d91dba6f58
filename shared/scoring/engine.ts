/**
 * The scoring engine: what a manager recorded → item points, daily-work, attendance and monthly
 * scores. All arithmetic is in integer hundredths of a point (see decimal.ts).
 *
 * Order (assessment.md): each item's deduction (× 2 when doubled) → floor each ordinary item at
 * 0 → sum → a gated group scores 0 → subtract penalty items → clamp to [0, dailyMax].
 */
import { fromHundredths, roundHalfUpInt, toHundredths } from '../decimal.ts';
import { InputError } from '../problems.ts';
import { BUILTIN_RUBRICS } from '../rubric/catalog.ts';
import type { ItemNode, Rubric } from '../rubric/schema.ts';
import { compileRubric } from './compiled.ts';
import { lateHandIns, type LateHandIn } from './handins.ts';
import { validateSheetInput, type Absence, type ItemInput, type SheetInput } from './input.ts';

export interface ItemResult {
  id: string;
  /** The innermost group the item belongs to. */
  group?: string;
  /** What the item adds to a clean sheet (0 for a penalty item). */
  max: number;
  /** What was taken: max − points, or for a penalty item the penalty. */
  deduction: number;
  /** What the item adds to the daily-work total (negative for a penalty item). */
  points: number;
  note?: string;
  doubled?: true;
  /** The item's group gate was violated, so the item scores 0. */
  gated?: true;
  penalty?: true;
  /** Hand-ins past their deadline, already counted in the deduction. */
  late?: LateHandIn[];
}

export interface GroupResult {
  id: string;
  max: number;
  points: number;
  gated: boolean;
}

export interface SheetResult {
  rubric: { id: string; version: number; hash: string };
  period: string;
  items: ItemResult[];
  groups: GroupResult[];
  dailyScore: number;
  attendance: { absentDays: number; score: number };
  monthlyScore: number;
  flags: string[];
}

/** Validate and score; throws InputError listing every problem. */
export function scoreInput(raw: unknown, rubrics: readonly Rubric[] = BUILTIN_RUBRICS): SheetResult {
  const v = validateSheetInput(raw, rubrics);
  if (!v.ok) throw new InputError(v.problems, 'score sheet');
  return scoreSheet(v.input, v.rubric);
}

/** An item nothing was recorded for (read only). */
const NOTHING: ItemInput = Object.freeze({});

/** Score an input already validated against `rubric`. */
export function scoreSheet(input: SheetInput, rubric: Rubric): SheetResult {
  const c = compileRubric(rubric);
  const { items: recorded, late } = lateHandIns(input, rubric);
  const flags: string[] = [];
  const gatedGroups = new Set<string>();
  if (c.hasGates) {
    for (const g of c.groups) if (g.gate && recorded[g.id]?.violated === true) gatedGroups.add(g.id);
    for (const g of c.groups) {
      if (gatedGroups.has(g.id) && recorded[g.id]?.doubled) flags.push(`doubled:${g.id}`);
    }
  }

  // What was recorded, by leaf index: a sheet records a few items of many, so this looks up the
  // recorded ids rather than every item id in the recorded object.
  const values: (ItemInput | undefined)[] = new Array<ItemInput | undefined>(c.leaves.length).fill(undefined);
  for (const id in recorded) {
    const index = c.leafIndex.get(id);
    if (index !== undefined && Object.hasOwn(recorded, id)) values[index] = recorded[id];
  }

  /** Each item's points in hundredths, by leaf index. */
  const pointsOf: number[] = [];
  const items: ItemResult[] = [];
  for (let index = 0; index < c.leaves.length; index++) {
    const { item, groups } = c.leaves[index]!;
    const value = values[index] ?? NOTHING;
    const gated = gatedGroups.size > 0 && isGated(groups, gatedGroups);
    const max = c.itemMax[index]!;
    const raw = rawDeduction(item, value, c.itemPoints[index]);
    const doubled = value.doubled === true && raw > 0;
    if (doubled) flags.push(`doubled:${item.id}`);
    const taken = doubled ? 2 * raw : raw;
    const penalty = item.rule.kind === 'penalty';
    let points: number;
    if (penalty) points = 0 - taken; // not -taken: that is -0 on a clean sheet
    else if (gated) points = 0;
    else points = Math.max(0, max - taken);
    pointsOf.push(points);
    if (penalty && item.rule.kind === 'penalty') {
      const step = stepReached(item, value.occurrences ?? 0);
      if (step?.flag) flags.push(step.flag);
    }
    const parent = groups.length > 0 ? groups[groups.length - 1] : undefined;
    const deduction = fromHundredths(penalty ? taken : max - points);
    // Two literal shapes rather than a spread: the same keys in the same order, much cheaper.
    const result: ItemResult = parent
      ? { id: item.id, group: parent.id, max: fromHundredths(max), deduction, points: fromHundredths(points) }
      : { id: item.id, max: fromHundredths(max), deduction, points: fromHundredths(points) };
    if (value.note !== undefined) result.note = value.note;
    if (doubled) result.doubled = true;
    if (gated) result.gated = true;
    if (penalty) result.penalty = true;
    if (late.size > 0) {
      const lateHere = late.get(item.id);
      if (lateHere) result.late = lateHere;
    }
    items.push(result);
  }

  const groups: GroupResult[] = c.groups.map((g, j) => {
    let points = 0;
    for (const i of c.groupMembers[j]!) points += pointsOf[i]!;
    return { id: g.id, max: fromHundredths(c.groupMax[j]!), points: fromHundredths(points), gated: gatedGroups.has(g.id) };
  });

  let total = 0;
  for (const p of pointsOf) total += p;
  const daily = Math.min(c.dailyMax, Math.max(0, total));
  const attendance = attendanceScore(input.absences ?? [], rubric);
  const monthly = monthlyHundredths(daily, attendance.scoreHundredths, rubric);

  return {
    rubric: { id: rubric.id, version: rubric.version, hash: rubric.hash },
    period: input.period,
    items,
    groups,
    dailyScore: fromHundredths(daily),
    attendance: { absentDays: attendance.absentDays, score: fromHundredths(attendance.scoreHundredths) },
    monthlyScore: fromHundredths(monthly),
    flags,
  };
}

function isGated(groups: readonly { id: string }[], gatedGroups: ReadonlySet<string>): boolean {
  for (const g of groups) if (gatedGroups.has(g.id)) return true;
  return false;
}

/** The item's deduction before doubling and flooring, in hundredths. */
export function rawDeduction(item: ItemNode, v: ItemInput, maxHundredths?: number): number {
  const max = maxHundredths ?? toHundredths(item.points)!;
  let incidents = 0;
  if (v.incidents) for (const inc of v.incidents) incidents += toHundredths(inc.deduction)!;
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
      return v.violated ? toHundredths(r.deduction)! : 0;
    case 'all-or-nothing':
      return v.violated ? max : 0;
    case 'falsified':
      return v.falsified ? max : 0;
    case 'per-occurrence': {
      const n = v.occurrences ?? 0;
      const perOccurrence = r.zeroAbove !== undefined && n > r.zeroAbove ? max : n * toHundredths(r.deduction)!;
      return perOccurrence + incidents;
    }
    case 'judged':
      return v.points === undefined ? 0 : max - toHundredths(v.points)!;
    case 'grade': {
      const grade = r.grades.find((g) => g.id === v.grade);
      if (!grade) return 0;
      if ('zero' in grade) return max;
      if ('range' in grade) return toHundredths(v.deduction ?? 0)!;
      return toHundredths(grade.deduction)!;
    }
    case 'incidents':
      return incidents;
    case 'penalty':
      return toHundredths(stepReached(item, v.occurrences ?? 0)?.deduction ?? 0)!;
  }
}

function stepReached(item: ItemNode, occurrences: number) {
  if (item.rule.kind !== 'penalty') return undefined;
  return item.rule.steps.filter((s) => occurrences >= s.atLeast).at(-1);
}

/** Attendance: full marks less the per-day deduction for each absence (a half day counts as a full day), floor 0. */
export function attendanceScore(absences: readonly Absence[], rubric: Rubric): { absentDays: number; scoreHundredths: number } {
  const absentDays = absences.length;
  const score = toHundredths(rubric.attendance.full)! - absentDays * toHundredths(rubric.attendance.deductionPerDay)!;
  return { absentDays, scoreHundredths: Math.max(0, score) };
}

/** Monthly score = daily × w% + attendance × (100 − w)%, rounded half-up to hundredths. */
export function monthlyHundredths(daily: number, attendance: number, rubric: Rubric): number {
  return roundHalfUpInt(daily * rubric.weights.daily + attendance * rubric.weights.attendance, 100);
}

/** How many deductions a sheet has: items that lost points (a gated group counts once) and penalties. */
export function countDeductions(result: SheetResult): number {
  return result.items.filter((i) => i.deduction > 0 && !i.gated).length + result.groups.filter((g) => g.gated).length;
}
