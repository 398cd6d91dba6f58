/**
 * Item titles for the month grid's flags ("doubled: 广告计划表"). Loaded after the rows, never
 * before them: the grid shows item ids until the titles arrive.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RoleId, Text } from '../../../shared/rubric/schema.ts';
import { invoke } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';

export function useItemTitles(): (role: RoleId, id: string) => string {
  const { lang } = useI18n();
  const [index, setIndex] = useState<{ titles: Map<string, Text>; key: (role: RoleId, id: string) => string } | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([invoke('rubrics.list', {}), import('../rubrics/rubricIndex.ts')]).then(
      ([rubrics, m]) => live && setIndex({ titles: m.titleIndex(rubrics), key: m.key }),
      () => undefined, // titles are a nicety: ids remain
    );
    return () => {
      live = false;
    };
  }, []);
  return useCallback((role: RoleId, id: string) => (index ? (index.titles.get(index.key(role, id))?.[lang] ?? id) : id), [index, lang]);
}
