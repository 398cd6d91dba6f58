/** What the parts of the sheet editor share: the sheet, the draft and its live result. */
import { createContext, useContext } from 'react';
import type { SheetRecord } from '../../../shared/api/types.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { Deadline } from '../../../shared/rubric/schema.ts';
import type { GroupResult, ItemResult, SheetResult } from '../../../shared/scoring/engine.ts';
import { problemsAt } from '../../app/problems.ts';
import type { Draft, DraftItem } from './draft.ts';

export interface SheetContextValue {
  record: SheetRecord;
  draft: Draft;
  update: (change: (d: Draft) => Draft) => void;
  result: SheetResult;
  items: ReadonlyMap<string, ItemResult>;
  groups: ReadonlyMap<string, GroupResult>;
  problems: readonly Problem[];
  /** Items (or gates) the editor proposes to double: missed this month and last. */
  candidates: ReadonlySet<string>;
  /** Items and gates that take hand-in dates (shared handInTargets). */
  targets: ReadonlyMap<string, { deadline: Deadline }>;
}

export const SheetContext = createContext<SheetContextValue | null>(null);

export function useSheet(): SheetContextValue {
  const value = useContext(SheetContext);
  if (!value) throw new Error('useSheet outside SheetContext');
  return value;
}

export function useDraftItem(id: string): DraftItem {
  return useSheet().draft.items[id] ?? {};
}

/** The problems at a field path (exact) or inside it. */
export function useProblems(path: string, exact = false): Problem[] {
  return problemsAt(useSheet().problems, path, exact);
}
