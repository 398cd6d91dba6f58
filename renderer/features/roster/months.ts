/** Month helpers for the roster (active from / to). */
import type { Person } from '../../../shared/api/types.ts';

export { currentPeriod } from '../../../shared/period.ts';

/** Not deactivated as of `period` (a person starting later still counts as active). */
export function isActive(person: Pick<Person, 'activeTo'>, period: string): boolean {
  return person.activeTo === null || person.activeTo >= period;
}
