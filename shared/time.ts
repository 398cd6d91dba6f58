/**
 * Times shown to a person: local time with its zone, "2026-12-07 23:52 (UTC+8)", never the stored
 * UTC ("2026-12-07T15:52:46.253Z"). One form in both languages (year-month-day reads the same in
 * Chinese and English); the PDFs, the reports and the renderer all use it.
 */

/** `GMT+08:00` → `UTC+8`, `GMT+05:30` → `UTC+5:30`, `GMT` or `GMT+00:00` → `UTC`. */
function zoneLabel(gmt: string): string {
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(gmt);
  if (!m || (Number(m[2]) === 0 && Number(m[3] ?? 0) === 0)) return 'UTC';
  const hours = String(Number(m[2]));
  const minutes = m[3] && m[3] !== '00' ? `:${m[3]}` : '';
  return `UTC${m[1]}${hours}${minutes}`;
}

/**
 * An ISO time as local time with its zone: "2026-12-07 23:52 (UTC+8)". `timeZone` (an IANA name)
 * defaults to this computer's; text that is not a time comes back as it is.
 */
export function formatLocalTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${zoneLabel(part('timeZoneName'))})`;
}
