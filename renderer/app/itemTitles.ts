/**
 * Item titles for the month grid's flags ("doubled: 广告计划表") and the audit log ("changed:
 * 工作素质"). Loaded after the rows, never before them: ids show until the titles arrive.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RoleId, Text } from '../../shared/rubric/schema.ts';
import { invoke } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

interface TitleIndex {
  titles: Map<string, Text>;
  key: (role: RoleId, id: string) => string;
  /** The role of each rubric id. */
  roles: Map<string, RoleId>;
}

function useTitleIndex(): TitleIndex | null {
  const [index, setIndex] = useState<TitleIndex | null>(null);
  useEffect(() => {
    let live = true;
    // After the first paint and a moment of quiet: the rubric schema chunk is not needed before.
    const timer = window.setTimeout(() => {
      Promise.all([invoke('rubrics.list', {}), import('./rubricIndex.ts')]).then(
        ([rubrics, m]) => live && setIndex({ titles: m.titleIndex(rubrics), key: m.key, roles: new Map(rubrics.map((r) => [r.id, r.role])) }),
        () => undefined, // titles are a nicety: ids remain
      );
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);
  return index;
}

/** An item's (or group's) title by the role whose rubric has it. */
export function useItemTitles(): (role: RoleId, id: string) => string {
  const { lang } = useI18n();
  const index = useTitleIndex();
  return useCallback((role: RoleId, id: string) => (index ? (index.titles.get(index.key(role, id))?.[lang] ?? id) : id), [index, lang]);
}

/** An item's (or group's) title by the rubric a sheet names (`salesperson@1`). */
export function useRubricItemTitles(): (rubric: string, id: string) => string {
  const { lang } = useI18n();
  const index = useTitleIndex();
  return useCallback(
    (rubric: string, id: string) => {
      const role = index?.roles.get(rubric.split('@')[0] ?? '');
      return index && role ? (index.titles.get(index.key(role, id))?.[lang] ?? id) : id;
    },
    [index, lang],
  );
}
