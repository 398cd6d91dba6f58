/** Assessment periods are calendar months written `YYYY-MM`. */

export const PERIOD_PATTERN = /^(\d{4})-(\d{2})$/;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
export const PERIOD_EXPECTED = `a month as YYYY-MM (years ${MIN_YEAR}–${MAX_YEAR}, months 01–12)`;

export interface Period {
  year: number;
  month: number; // 1–12
}

export function parsePeriod(text: unknown): Period | null {
  // PERIOD_PATTERN read by char codes (every sheet is checked: no match array, no substrings).
  if (typeof text !== 'string' || text.length !== 7 || text.charCodeAt(4) !== DASH) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return { year, month };
}

const DASH = 45; // '-'

/** The number written by the `count` ASCII digits of `text` from `start`, or -1 if one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The month of `now` (this computer's clock and zone), YYYY-MM. */
export function currentPeriod(now: Date = new Date()): string {
  return formatPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 });
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(p: Period): number {
  // Date.UTC reads the years 0–99 as 1900–1999: those keep going through it.
  if (Number.isInteger(p.year) && p.year >= 100 && Number.isInteger(p.month) && p.month >= 1 && p.month <= 12) {
    const leap = p.year % 4 === 0 && (p.year % 100 !== 0 || p.year % 400 === 0);
    return p.month === 2 && leap ? 29 : MONTH_DAYS[p.month - 1]!;
  }
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

export function previousPeriod(p: Period): Period {
  return p.month === 1 ? { year: p.year - 1, month: 12 } : { year: p.year, month: p.month - 1 };
}

export function nextPeriod(p: Period): Period {
  return p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
}

/** The twelve periods of a year, January first. */
export function periodsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => formatPeriod({ year, month: i + 1 }));
}

/** A calendar date `YYYY-MM-DD` that exists, or null. */
export function parseDate(text: unknown): { year: number; month: number; day: number } | null {
  if (typeof text !== 'string' || text.length !== 10) return null;
  return dateAt(text);
}

/** Whether `text` is a date parseDate accepts (without building it). */
export function isDate(text: unknown): text is string {
  return typeof text === 'string' && text.length === 10 && dateAt(text) !== null;
}

/**
 * The calendar date `YYYY-MM-DD` at the start of `text` (what /^(\d{4})-(\d{2})-(\d{2})/ reads),
 * if it exists. Read by char codes: every absence and hand-in date of every sheet comes here.
 */
export function dateAt(text: string): { year: number; month: number; day: number } | null {
  if (text.length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth({ year, month })) return null;
  return { year, month, day };
}

export function formatDate(d: { year: number; month: number; day: number }): string {
  return `${formatPeriod(d)}-${String(d.day).padStart(2, '0')}`;
}
