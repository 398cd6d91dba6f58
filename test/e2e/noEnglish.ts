/**
 * The Chinese UI never shows an English sentence from the backend: the visible text of a part of
 * the page, less what may be English in any language (file names, ids, rubric refs, hashes and a
 * few names of formats), holds no run of 3 or more English words.
 */
import type { Locator } from '@playwright/test';

/**
 * Words English in any language: formats, algorithms, units; and the English header names a
 * roster file may use (listed beside the Chinese ones when a header lacks a column).
 */
const ALLOWED = ['PDF', 'SHA-256', 'CSV', 'XLSX', 'XLS', 'UTF-8', 'GB18030', 'GBK', 'KPI', 'UTC', 'PKCS#12', 'OpenSSL', 'JSON', 'employee number', 'employee no', 'employeeNo'];

/** What is English in any language: file names, employee numbers, rubric refs, hashes and fingerprints, the allowed words. */
function stripAllowed(text: string): string {
  let out = text
    .replace(/[^\s"“”'‘’()（）:：,，;；]+\.(pdf|csv|xlsx|xls|cer|der|pem|p12|pfx|json|txt|zip)\b/gi, ' ') // file names
    .replace(/\b[\w.-]+@\d+\b/g, ' ') // rubric refs (salesperson@2)
    .replace(/\b[a-z][\w-]*(?:\.[\w-]+)+\b/g, ' ') // item ids (dealer.network-plan)
    .replace(/\b[A-Z]{1,3}-\d+\b/g, ' ') // employee numbers (S-102)
    .replace(/\b[0-9a-f]{8,}\b/gi, ' ') // hashes, fingerprints
    .replace(/\b(?:[0-9A-F]{2}:){3,}[0-9A-F]{2}\b/gi, ' ');
  for (const word of ALLOWED) out = out.split(word).join(' ');
  return out;
}

/** Runs of 3 or more English words in `text` (only spaces and punctuation between them), allowed tokens aside. */
export function englishRuns(text: string): string[] {
  const word = "[A-Za-z][A-Za-z'’]*";
  const gap = '[\\s,.:;!?()"“”\\-–—/]{1,3}';
  const run = new RegExp(`\\b${word}(?:${gap}${word}){2,}\\b`, 'g');
  return [...stripAllowed(text).matchAll(run)].map((m) => m[0]);
}

/** The English runs in what `locator` shows (its visible text, every match). */
export async function noEnglish(locator: Locator): Promise<string[]> {
  const texts = await locator.evaluateAll((els) => els.map((el) => (el as unknown as { innerText: string }).innerText));
  return texts.flatMap(englishRuns);
}
