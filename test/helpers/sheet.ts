import { scoreInput, type SheetResult } from '../../shared/scoring/engine.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import type { Problem } from '../../shared/problems.ts';

export function score(rubric: string, items: Record<string, ItemInput> = {}, extra: Record<string, unknown> = {}): SheetResult {
  return scoreInput({ rubric, period: '2026-10', items, ...extra });
}

export function item(result: SheetResult, id: string) {
  const found = result.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** The problems of an input that must be refused (fails the test if it is accepted). */
export function problemsOf(raw: unknown): Problem[] {
  const v = validateSheetInput(raw);
  if (v.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
  return v.problems;
}

export function itemProblems(rubric: string, items: Record<string, unknown>): Problem[] {
  return problemsOf({ rubric, period: '2026-10', items });
}
