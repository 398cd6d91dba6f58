/** What the parts of the sheet editor share: the sheet, the draft and its live result. */
import { createContext, useContext, useMemo } from 'react';
import type { SheetRecord } from '../../../shared/api/types.ts';
import type { Problem } from '../../../shared/problems.ts';
import { allGroups, leafItems, type Deadline } from '../../../shared/rubric/schema.ts';
import type { GroupResult, ItemResult, SheetResult } from '../../../shared/scoring/engine.ts';
import { problemsAt } from '../../app/problems.ts';
import { useI18n } from '../../i18n/index.tsx';
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

/** An item's or group's title by its id in the UI's language (a problem's place names it so). */
export function useItemTitle(): (id: string) => string | undefined {
  const { text } = useI18n();
  const { rubric } = useSheet().record;
  return useMemo(() => {
    const titles = new Map<string, string>();
    for (const { item } of leafItems(rubric.items)) titles.set(item.id, text(item.title));
    for (const g of allGroups(rubric.items)) titles.set(g.id, text(g.title));
    return (id: string) => titles.get(id);
  }, [rubric, text]);
}
