/**
 * Numbers as people write them, read the same everywhere: the salary/KPI import reads its cells
 * with this and the app's number fields read what is typed with it, so a value that imports from
 * a file is also accepted when typed ("12,345.67", "¥ 8 000", "95.5%", "1234.5元", full-width
 * digits from a Chinese input method).
 *
 * A comma or space is a thousands separator only (between groups of three digits): "12,5" is not
 * 12.5 nor 125 but no number, so a decimal comma is never silently read as something else.
 */

/** Full-width digits, point, comma and minus (a Chinese input method) and the minus sign U+2212 as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u2212/g, '-');
}

/** Whole part: digits, or groups of three after 1–3 digits, each group after one separator (comma or a space). */
const NUMBER = /^-?(?:\d+|\d{1,3}(?:[,\s\u00A0\u2009\u202F]\d{3})+)?(?:\.\d*)?$/;

/** The number written, or null when the text is not one number. */
export function parseNumberText(text: string): number | null {
  const t = halfWidth(text)
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*(元|%|％)$/, '');
  if (!NUMBER.test(t) || !/\d/.test(t)) return null;
  const n = Number(t.replace(/[,\s\u00A0\u2009\u202F]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/**
 * What a number field holds as typed: nothing for an empty field, the number written, or the text
 * itself while it is not a number (validation then names the problem at the field).
 */
export function parseTypedNumber(text: string): number | string | undefined {
  if (text.trim() === '') return undefined;
  return parseNumberText(text) ?? text.trim();
}
