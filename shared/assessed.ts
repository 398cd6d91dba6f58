/**
 * Who is assessed in a month: the one home of the rule. A person is assessed from their first
 * month (`activeFrom`) to their last (`activeTo`, open while they stay), and only in a role with
 * a daily-work rubric (an executive's assessment has none built in, assessment.md §1).
 * The services ask the database with the same rule as SQL (`assessedInSql`).
 */
import type { Person } from './api/types.ts';
import type { RoleId } from './rubric/schema.ts';

/** The roles the month's sheets are for: every role but the executives'. */
export const isAssessedRole = (role: RoleId): boolean => role !== 'executive';

/** Whether a person's active months include `period`. */
export function activeIn(person: Pick<Person, 'activeFrom' | 'activeTo'>, period: string): boolean {
  return person.activeFrom <= period && (person.activeTo === null || person.activeTo >= period);
}

/** Whether a person has a sheet in `period`: an assessed role, active that month. */
export function isAssessedIn(person: Pick<Person, 'role' | 'activeFrom' | 'activeTo'>, period: string): boolean {
  return isAssessedRole(person.role) && activeIn(person, period);
}

/** The months a person is assessed in, in words: "2026-01 – now". */
export const assessedMonths = (person: Pick<Person, 'activeFrom' | 'activeTo'>): string => `${person.activeFrom} – ${person.activeTo ?? 'now'}`;

/**
 * `isAssessedIn` as an SQL condition on the people table aliased `p`, for one month (`from` and
 * `to` the same parameter) or for some month of a range: named parameters such as '@period'.
 */
export function assessedInSql(from: string, to: string = from): string {
  return `p.role <> 'executive' AND p.active_from <= ${to} AND (p.active_to IS NULL OR p.active_to >= ${from})`;
}
