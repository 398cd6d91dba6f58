/** Display of report figures: money with 2 decimals and thousands separators, quantities, percents. */
import type { Language } from '../../../shared/api/types.ts';

const locale = (lang: Language) => (lang === 'zh' ? 'zh-CN' : 'en-US');

const moneyFormats = new Map<Language, Intl.NumberFormat>();
const quantityFormats = new Map<Language, Intl.NumberFormat>();

/** Yuan, exact to the fen already: "12,345.60". */
export function money(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return '—';
  let f = moneyFormats.get(lang);
  if (!f) moneyFormats.set(lang, (f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f.format(n);
}

/** A plan or actual quantity (up to 4 decimals, as recorded). */
export function quantity(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return '—';
  let f = quantityFormats.get(lang);
  if (!f) quantityFormats.set(lang, (f = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 4 })));
  return f.format(n);
}

/** A percent already rounded to 2 decimals by the backend: "80%", "112.5%". */
export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${String(n)}%`;
}

/** The year of a `YYYY-MM` period. */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}
