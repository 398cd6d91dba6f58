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
  if (typeof text !== 'string') return null;
  const m = PERIOD_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return { year, month };
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

export function daysInMonth(p: Period): number {
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

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists, or null. */
export function parseDate(text: unknown): { year: number; month: number; day: number } | null {
  if (typeof text !== 'string') return null;
  const m = DATE_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth({ year, month })) return null;
  return { year, month, day };
}

export function formatDate(d: { year: number; month: number; day: number }): string {
  return `${formatPeriod(d)}-${String(d.day).padStart(2, '0')}`;
}
