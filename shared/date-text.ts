/**
 * Dates as people type them, read the same way by every date field: shown and stored as
 * YYYY-MM-DD (the format the sheet input takes), whatever the browser's locale. With the sheet's
 * month given, a day alone is a day of that month ("14" → the 14th) and a month and day ("1-3") is
 * that day in the month of that number nearest the sheet's month: in a December sheet "1-3" is
 * 3 January of the next year (a late report lands in the next month), in a January sheet "12-28"
 * is 28 December of the year before; six months either way stays in the sheet's year.
 */
import { formatDate, isDate, parsePeriod } from './period.ts';

/** Full-width digits and separators (a Chinese input method) as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF1A\uFF0D\uFF0E\uFF0F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const DAY = /^(\d{1,2})\s*日?$/;

/** The year whose month `month` is nearest the sheet's month (a tie: the sheet's year). */
export function nearestYear(sheet: { year: number; month: number }, month: number): number {
  const diff = month - sheet.month;
  if (diff > 6) return sheet.year - 1;
  if (diff < -6) return sheet.year + 1;
  return sheet.year;
}

/** The date typed as YYYY-MM-DD, or null when it is not a calendar date. `period` (YYYY-MM) reads "14" and "5-14". */
export function parseDateText(text: string, period?: string): string | null {
  const t = halfWidth(text).trim();
  const p = period === undefined ? null : parsePeriod(period);
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = FULL.exec(t))) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (p && (m = MONTH_DAY.exec(t))) [year, month, day] = [nearestYear(p, Number(m[1])), Number(m[1]), Number(m[2])];
  else if (p && (m = DAY.exec(t))) [year, month, day] = [p.year, p.month, Number(m[1])];
  else return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const date = formatDate({ year, month, day });
  return isDate(date) ? date : null;
}

/** A date and time typed ("2026-05-14 9:30", "2026-05-14T09:30", "14 16:00" in the sheet's month) as YYYY-MM-DDTHH:MM, or null. */
export function parseDateTimeText(text: string, period?: string): string | null {
  const m = /^(.+?)(?:\s+|\s*T\s*)(\d{1,2}):(\d{2})$/.exec(halfWidth(text).trim());
  if (!m) return null;
  const date = parseDateText(m[1]!, period);
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (!date || hour > 23 || minute > 59) return null;
  return `${date}T${String(hour).padStart(2, '0')}:${m[3]}`;
}

/** A stored date or date and time as a field shows it: "2026-05-14", "2026-05-14 09:30". */
export function showDateTime(value: string): string {
  return value.replace('T', ' ');
}
