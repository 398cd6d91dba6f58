/**
 * Hand-in deadlines of rubric items: when something is due, and whether a hand-in was late.
 * A hand-in on the due day is on time; the day after is late.
 */
import { daysInMonth, formatDate, nextPeriod, parseDate, parsePeriod, type Period } from './period.ts';
import type { Deadline } from './rubric/schema.ts';

/** Score sheets of a month go to HR before the 8th of the next month. */
export const SHEETS_TO_HR: Deadline = { kind: 'day-of-next-month', day: 8 };

export interface DueDate {
  date: string; // YYYY-MM-DD
  time?: string; // HH:MM, for same-day deadlines
}

/**
 * When a deadline falls for `period`. Event-based deadlines need the event date (the end of the
 * promotion, the day of the sale); without it they return null.
 */
export function dueDate(deadline: Deadline, period: string, eventDate?: string): DueDate | null {
  const p = parsePeriod(period);
  if (!p) return null;
  switch (deadline.kind) {
    case 'day-of-month':
      return { date: dayIn(p, deadline.day) };
    case 'day-of-next-month':
      return { date: dayIn(nextPeriod(p), deadline.day) };
    case 'days-after-event': {
      const e = parseDate(eventDate);
      if (!e) return null;
      const d = new Date(Date.UTC(e.year, e.month - 1, e.day + deadline.days));
      return { date: formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }) };
    }
    case 'same-day': {
      const e = parseDate(eventDate);
      return e ? { date: formatDate(e), time: deadline.time } : null;
    }
  }
}

/** The given day of the month, or the month's last day when it is shorter (the 30th of February → the 28th or 29th). */
function dayIn(p: Period, day: number): string {
  return formatDate({ ...p, day: Math.min(day, daysInMonth(p)) });
}

/**
 * Whether a hand-in at `handedIn` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`) missed `due`.
 * Date-only deadlines are met by the end of the due day; a time-of-day deadline needs the time.
 */
export function isLate(due: DueDate, handedIn: string): boolean {
  const t = handedIn.indexOf('T');
  const date = t === -1 ? handedIn : handedIn.slice(0, t);
  if (date !== due.date) return date > due.date;
  if (t === -1) return false;
  const end = handedIn.indexOf('T', t + 1); // split('T')[1]: up to a second T, if any
  const time = end === -1 ? handedIn.slice(t + 1) : handedIn.slice(t + 1, end);
  return due.time !== undefined && time > due.time;
}
