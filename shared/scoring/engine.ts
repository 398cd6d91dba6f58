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
import { allGroups, groupMaxHundredths, itemMaxHundredths, leafItems, type ItemNode, type Rubric } from '../rubric/schema.ts';
import { applyHandIns, type LateHandIn } from './handins.ts';
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

/** Score an input already validated against `rubric`. */
export function scoreSheet(input: SheetInput, rubric: Rubric): SheetResult {
  const { items: recorded, late } = applyHandIns(input, rubric);
  const flags: string[] = [];
  const gatedGroups = new Set(allGroups(rubric.items).filter((g) => g.gate && recorded[g.id]?.violated === true).map((g) => g.id));
  for (const g of allGroups(rubric.items)) {
    if (gatedGroups.has(g.id) && recorded[g.id]?.doubled) flags.push(`doubled:${g.id}`);
  }

  const items: ItemResult[] = leafItems(rubric.items).map(({ item, groups }) => {
    const value = recorded[item.id] ?? {};
    const gated = groups.some((g) => gatedGroups.has(g.id));
    const max = itemMaxHundredths(item);
    const raw = rawDeduction(item, value);
    const doubled = value.doubled === true && raw > 0;
    if (doubled) flags.push(`doubled:${item.id}`);
    const taken = doubled ? 2 * raw : raw;
    const penalty = item.rule.kind === 'penalty';
    let points: number;
    if (penalty) points = 0 - taken; // not -taken: that is -0 on a clean sheet
    else if (gated) points = 0;
    else points = Math.max(0, max - taken);
    if (penalty && item.rule.kind === 'penalty') {
      const step = stepReached(item, value.occurrences ?? 0);
      if (step?.flag) flags.push(step.flag);
    }
    const parent = groups.at(-1);
    const result: ItemResult = {
      id: item.id,
      ...(parent ? { group: parent.id } : {}),
      max: fromHundredths(max),
      deduction: fromHundredths(penalty ? taken : max - points),
      points: fromHundredths(points),
    };
    if (value.note !== undefined) result.note = value.note;
    if (doubled) result.doubled = true;
    if (gated) result.gated = true;
    if (penalty) result.penalty = true;
    const lateHere = late.get(item.id);
    if (lateHere) result.late = lateHere;
    return result;
  });

  const groups: GroupResult[] = allGroups(rubric.items).map((g) => {
    const members = new Set(leafItems(g.children).map((l) => l.item.id));
    const points = items.filter((i) => members.has(i.id)).reduce((s, i) => s + toHundredths(i.points)!, 0);
    return { id: g.id, max: fromHundredths(groupMaxHundredths(g)), points: fromHundredths(points), gated: gatedGroups.has(g.id) };
  });

  const total = items.reduce((s, i) => s + toHundredths(i.points)!, 0);
  const daily = Math.min(toHundredths(rubric.dailyMax)!, Math.max(0, total));
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

/** The item's deduction before doubling and flooring, in hundredths. */
export function rawDeduction(item: ItemNode, v: ItemInput): number {
  const max = toHundredths(item.points)!;
  const h = (n: number) => toHundredths(n)!;
  const incidents = (v.incidents ?? []).reduce((s, inc) => s + h(inc.deduction), 0);
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
      return v.violated ? h(r.deduction) : 0;
    case 'all-or-nothing':
      return v.violated ? max : 0;
    case 'falsified':
      return v.falsified ? max : 0;
    case 'per-occurrence': {
      const n = v.occurrences ?? 0;
      const perOccurrence = r.zeroAbove !== undefined && n > r.zeroAbove ? max : n * h(r.deduction);
      return perOccurrence + incidents;
    }
    case 'judged':
      return v.points === undefined ? 0 : max - h(v.points);
    case 'grade': {
      const grade = r.grades.find((g) => g.id === v.grade);
      if (!grade) return 0;
      if ('zero' in grade) return max;
      if ('range' in grade) return h(v.deduction ?? 0);
      return h(grade.deduction);
    }
    case 'incidents':
      return incidents;
    case 'penalty':
      return h(stepReached(item, v.occurrences ?? 0)?.deduction ?? 0);
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
