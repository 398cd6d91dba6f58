/**
 * The scoring engine: what a manager recorded → item points, daily-work, attendance and monthly
 * scores. All arithmetic is in integer hundredths of a point (see decimal.ts).
 *
 * Order (assessment.md): each item's deduction (× 2 when doubled) → floor each ordinary item at
 * 0 → sum → a gated group scores 0 → subtract penalty items → clamp to [0, dailyMax]. The monthly
 * score is rounded half-up to 2 decimals (95.975 → 95.98).
 *
 * A value without its rule kind's field (`{}`, a note alone) takes nothing: rawDeduction reads an
 * absent field as "no deduction" (no violation, no occurrence, no grade, full points).
 */
import { fromHundredths, roundHalfUpInt, toHundredths } from '../decimal.ts';
import { InputError } from '../problems.ts';
import { BUILTIN_RUBRICS } from '../rubric/catalog.ts';
import type { ItemNode, Rubric } from '../rubric/schema.ts';
import { compileRubric, type CompiledRubric } from './compiled.ts';
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
  // Which groups are gated, by group index (only built when one is).
  let gatedGroups: boolean[] | undefined;
  if (c.hasGates) {
    for (let j = 0; j < c.groups.length; j++) {
      const g = c.groups[j]!;
      if (g.gate && recorded[g.id]?.violated === true) (gatedGroups ??= new Array<boolean>(c.groups.length).fill(false))[j] = true;
    }
    if (gatedGroups) {
      for (let j = 0; j < c.groups.length; j++) {
        const id = c.groups[j]!.id;
        if (gatedGroups[j] && recorded[id]?.doubled) flags.push(`doubled:${id}`);
      }
    }
  }

  // What was recorded, by leaf index: a sheet records a few items of many, so this looks up the
  // recorded ids rather than every item id in the recorded object.
  const values: (ItemInput | undefined)[] = new Array<ItemInput | undefined>(c.leaves.length).fill(undefined);
  for (const id in recorded) {
    const index = c.leafIndex.get(id);
    if (index !== undefined && Object.hasOwn(recorded, id)) values[index] = recorded[id];
  }

  const clean = cleanLeaves(c);
  /** Each item's points in hundredths, by leaf index. */
  const pointsOf: number[] = new Array<number>(c.leaves.length).fill(0);
  const items: ItemResult[] = new Array<ItemResult>(c.leaves.length);
  let total = 0;
  for (let index = 0; index < c.leaves.length; index++) {
    const item = c.leaves[index]!.item;
    const recordedValue = values[index];
    const value = recordedValue ?? NOTHING;
    const gated = gatedGroups !== undefined && isGated(c.leafGroups[index]!, gatedGroups);
    const max = c.itemMax[index]!;
    const raw = recordedValue === undefined ? clean.raw[index]! : rawDeduction(item, value, c.itemPoints[index]);
    const doubled = recordedValue !== undefined && value.doubled === true && raw > 0;
    if (doubled) flags.push(`doubled:${item.id}`);
    const taken = doubled ? 2 * raw : raw;
    const penalty = item.rule.kind === 'penalty';
    let points: number;
    if (penalty) points = 0 - taken; // not -taken: that is -0 on a clean sheet
    else if (gated) points = 0;
    else points = Math.max(0, max - taken);
    pointsOf[index] = points;
    total += points;
    if (penalty) {
      const flag = recordedValue === undefined ? clean.flag[index] : stepReached(item, value.occurrences ?? 0)?.flag;
      if (flag) flags.push(flag);
    } else if (recordedValue !== undefined && value.incidents !== undefined && item.rule.kind === 'incidents' && item.rule.severeFlag !== undefined) {
      // An incident marked severe adds no points, only the rule's flag (once a sheet).
      const flag = item.rule.severeFlag;
      let severe = false;
      for (const inc of value.incidents) if (inc.severe === true) severe = true;
      if (severe && !flags.includes(flag)) flags.push(flag);
    }
    const parent = c.leafParent[index];
    const deduction = fromHundredths(penalty ? taken : max - points);
    // Two literal shapes rather than a spread: the same keys in the same order, much cheaper.
    const result: ItemResult =
      parent !== undefined
        ? { id: item.id, group: parent, max: fromHundredths(max), deduction, points: fromHundredths(points) }
        : { id: item.id, max: fromHundredths(max), deduction, points: fromHundredths(points) };
    if (recordedValue !== undefined && value.note !== undefined) result.note = value.note;
    if (doubled) result.doubled = true;
    if (gated) result.gated = true;
    if (penalty) result.penalty = true;
    if (late !== undefined) {
      const lateHere = late.get(item.id);
      if (lateHere) result.late = lateHere;
    }
    items[index] = result;
  }

  const groups: GroupResult[] = new Array<GroupResult>(c.groups.length);
  for (let j = 0; j < c.groups.length; j++) {
    let points = 0;
    for (const i of c.groupMembers[j]!) points += pointsOf[i]!;
    groups[j] = { id: c.groups[j]!.id, max: fromHundredths(c.groupMax[j]!), points: fromHundredths(points), gated: gatedGroups?.[j] === true };
  }

  const daily = Math.min(c.dailyMax, Math.max(0, total));
  const absentDays = input.absences?.length ?? 0;
  const attendance = attendanceHundredths(absentDays, c.attendanceFull, c.attendancePerDay);
  const monthly = monthlyHundredths(daily, attendance, rubric);

  return {
    rubric: { id: rubric.id, version: rubric.version, hash: rubric.hash },
    period: input.period,
    items,
    groups,
    dailyScore: fromHundredths(daily),
    attendance: { absentDays, score: fromHundredths(attendance) },
    monthlyScore: fromHundredths(monthly),
    flags,
  };
}

/**
 * What each leaf gives when nothing was recorded for it (most of a sheet's items): its raw
 * deduction and a penalty's flag, worked out once per rubric by the same functions.
 */
const cleanByRubric = new WeakMap<CompiledRubric, { raw: readonly number[]; flag: readonly (string | undefined)[] }>();
function cleanLeaves(c: CompiledRubric): { raw: readonly number[]; flag: readonly (string | undefined)[] } {
  let clean = cleanByRubric.get(c);
  if (!clean) {
    clean = {
      raw: c.leaves.map(({ item }, index) => rawDeduction(item, NOTHING, c.itemPoints[index])),
      flag: c.leaves.map(({ item }) => (item.rule.kind === 'penalty' ? stepReached(item, NOTHING.occurrences ?? 0)?.flag : undefined)),
    };
    cleanByRubric.set(c, clean);
  }
  return clean;
}

/** Whether any of the groups (by index) is gated. */
function isGated(groups: readonly number[], gatedGroups: readonly boolean[]): boolean {
  for (const j of groups) if (gatedGroups[j]) return true;
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
      // r.grades.find, without a closure per call (the benchmark runs through tsx, which names each one).
      let grade: (typeof r.grades)[number] | undefined;
      for (const g of r.grades) {
        if (g.id === v.grade) {
          grade = g;
          break;
        }
      }
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
  // The last step reached (steps rise; the last of those with atLeast ≤ occurrences, as filter().at(-1)).
  const steps = item.rule.steps;
  for (let i = steps.length - 1; i >= 0; i--) if (occurrences >= steps[i]!.atLeast) return steps[i];
  return undefined;
}

/** Attendance: full marks less the per-day deduction for each absence (a half day counts as a full day), floor 0. */
export function attendanceScore(absences: readonly Absence[], rubric: Rubric): { absentDays: number; scoreHundredths: number } {
  const c = compileRubric(rubric);
  return { absentDays: absences.length, scoreHundredths: attendanceHundredths(absences.length, c.attendanceFull, c.attendancePerDay) };
}

function attendanceHundredths(absentDays: number, full: number, perDay: number): number {
  return Math.max(0, full - absentDays * perDay);
}

/** Monthly score = daily × w% + attendance × (100 − w)%, rounded half-up to hundredths. */
export function monthlyHundredths(daily: number, attendance: number, rubric: Rubric): number {
  return roundHalfUpInt(daily * rubric.weights.daily + attendance * rubric.weights.attendance, 100);
}

/** How many deductions a sheet has: items that lost points (a gated group counts once) and penalties. */
export function countDeductions(result: SheetResult): number {
  return result.items.filter((i) => i.deduction > 0 && !i.gated).length + result.groups.filter((g) => g.gated).length;
}
