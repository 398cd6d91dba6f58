/** Display helpers: numbers, times and flags in the current language. */
import type { Language } from '../../shared/api/types.ts';
import type { Messages } from '../i18n/en.ts';
import { formatLocalTime } from '../../shared/time.ts';

/** Scores are exact to 2 decimals already; show them as they are ("89.2", "88"). */
export function score(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}

/** A deduction as "−5" (or "0"). */
export function minus(n: number): string {
  return n === 0 ? '0' : `−${String(n)}`;
}

/**
 * A stored time as this computer's local time with its zone, "2026-12-07 23:52 (UTC+8)" (shared/time.ts,
 * as the PDFs print it); the same form in both languages.
 */
// The language is taken for the callers' sake: the form is the same in both.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function dateTime(iso: string | null | undefined, _lang?: Language): string {
  return iso ? formatLocalTime(iso) : '—';
}

export function timeOfDay(d: Date, lang: Language): string {
  return d.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A sheet flag in words; `doubled:<id>` names the item through `itemTitle` when known. */
export function flagLabel(flag: string, t: Messages, itemTitle: (id: string) => string = (id) => id): string {
  if (flag.startsWith('doubled:')) return t.flags.doubled(itemTitle(flag.slice('doubled:'.length)));
  if (flag === 'transfer-off-post' || flag === 'severe-complaint') return t.flags[flag];
  return flag;
}

/** Flags that ask HR to consider the person's post (transfer off post, a severe complaint): shown in red, the others in amber. */
export function flagColour(flag: string): 'error' | 'warning' {
  return flag === 'transfer-off-post' || flag === 'severe-complaint' ? 'error' : 'warning';
}

/** `YYYY-MM-DD` (optionally with `THH:MM`) shown short: "10-13" or "10-13 16:30". */
export function shortDate(text: string): string {
  const [date = '', time] = text.split('T');
  const md = date.length === 10 ? date.slice(5) : date;
  return time ? `${md} ${time}` : md;
}
