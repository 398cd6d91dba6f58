/** Month helpers for the roster (active from / to). */
import type { Person } from '../../../shared/api/types.ts';
import { formatPeriod } from '../../../shared/period.ts';

export function currentPeriod(today = new Date()): string {
  return formatPeriod({ year: today.getFullYear(), month: today.getMonth() + 1 });
}

/** Not deactivated as of `period` (a person starting later still counts as active). */
export function isActive(person: Pick<Person, 'activeTo'>, period: string): boolean {
  return person.activeTo === null || person.activeTo >= period;
}
