/** The two languages: a typed dictionary per language, picked by a context. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../shared/api/types.ts';
import type { Text } from '../../shared/rubric/schema.ts';
import { DICTIONARIES, type Messages } from './dictionaries.ts';

export { DICTIONARIES, detectLanguage, type Messages } from './dictionaries.ts';

export interface I18n {
  lang: Language;
  t: Messages;
  setLang: (lang: Language) => void;
  /** A rubric title `{ zh, en }` in the current language. */
  text: (text: Text) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ lang, setLang, children }: { lang: Language; setLang: (lang: Language) => void; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ lang, t: DICTIONARIES[lang], setLang, text: (text) => text[lang] }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The current language's strings. */
export function useT(): Messages {
  return useI18n().t;
}
