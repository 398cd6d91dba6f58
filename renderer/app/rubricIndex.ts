/** Look-ups over rubrics (loaded lazily: it pulls in the rubric schema module). */
import type { Text } from '../../shared/rubric/schema.ts';
import { allGroups, leafItems, type RoleId, type Rubric } from '../../shared/rubric/schema.ts';

/** Item and group titles by `${role} ${id}`; a newer rubric version's title wins. */
export function titleIndex(rubrics: readonly Rubric[]): Map<string, Text> {
  const index = new Map<string, Text>();
  const ordered = [...rubrics].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version);
  for (const r of ordered) {
    for (const { item } of leafItems(r.items)) index.set(key(r.role, item.id), item.title);
    for (const g of allGroups(r.items)) index.set(key(r.role, g.id), g.title);
  }
  return index;
}

export function key(role: RoleId, id: string): string {
  return `${role} ${id}`;
}
