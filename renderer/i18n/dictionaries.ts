/**
 * The two languages' dictionaries and the language choice, without React: the first paint
 * (app/firstPaint.ts) draws with them before React has loaded; index.tsx adds the context.
 */
import type { Language } from '../../shared/api/types.ts';
import { en, type Messages } from './en.ts';
import { zh } from './zh.ts';

export type { Messages };

export const DICTIONARIES: Record<Language, Messages> = { zh, en };

/** The saved language, else the OS/browser language (Chinese for any zh-*, else English). */
export function detectLanguage(saved: Language | null | undefined): Language {
  if (saved) return saved;
  const nav = typeof navigator === 'undefined' ? '' : navigator.language || '';
  return nav.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
