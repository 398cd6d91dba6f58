/**
 * Repeated non-submission (连续不上交材料者,视情节轻重给予加倍扣分): the app proposes doubling a
 * hand-in item's deduction when the same item also lost points the month before; the manager
 * decides. This only finds the candidates.
 */
import type { Rubric } from '../rubric/schema.ts';
import { compileRubric } from './compiled.ts';
import type { SheetResult } from './engine.ts';

function missedIds(result: SheetResult): Set<string> {
  return new Set([
    ...result.items.filter((i) => i.deduction > 0 && !i.gated).map((i) => i.id),
    ...result.groups.filter((g) => g.gated).map((g) => g.id),
  ]);
}

/** Hand-in items (or gates) missed this month and the previous one, and not doubled yet. */
export function doublingCandidates(rubric: Rubric, current: SheetResult, previous: SheetResult | undefined): string[] {
  if (!previous) return [];
  const handIn = compileRubric(rubric).handInIds;
  const before = missedIds(previous);
  const doubled = new Set(current.flags.filter((f) => f.startsWith('doubled:')).map((f) => f.slice('doubled:'.length)));
  return [...missedIds(current)].filter((id) => handIn.has(id) && before.has(id) && !doubled.has(id));
}
