/** "Save and next": the person after this one, in the order the grid showed them when the sheet was opened. */
import { invoke } from '../../api/client.ts';
import { gridMemory } from './monthGridState.ts';

/** The next person's id, or null after the last one. Opened without the grid (an address typed), the month's own order. */
export async function nextPerson(personId: number, period: string): Promise<number | null> {
  const ids = gridMemory.order?.period === period ? gridMemory.order.ids : (await invoke('sheets.month', { period })).map((r) => r.personId);
  if (gridMemory.order?.period !== period) gridMemory.order = { period, ids };
  const at = ids.indexOf(personId);
  return at >= 0 && at + 1 < ids.length ? ids[at + 1]! : null;
}
