/**
 * A date (or date and time) typed as text and shown as YYYY-MM-DD in both languages — never the
 * browser locale's mm/dd/yyyy of a native date input. Read by the one shared parser
 * (shared/date-text.ts): "2026-05-14", "2026/5/14", and in the sheet's month "14" or "5-14". The text
 * typed is kept as is while it is not a date and reported as text, so validation names the problem
 * at the field; on leaving the field a date read shows as YYYY-MM-DD. Under the field, the date read
 * in the UI's language ("2027年1月3日 周日", "Sun 3 Jan 2027"): "1-3" typed in a December sheet is
 * seen to be January of the next year before it is saved.
 */
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { parseDateText, parseDateTimeText, showDateTime } from '../../shared/date-text.ts';
import { useI18n } from '../i18n/index.tsx';

/** A stored date (or date and time) in the UI's language, with its weekday. */
export function localeDate(value: string, lang: 'zh' | 'en'): string {
  const [date = '', time] = value.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  const day = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'UTC', year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric', weekday: 'short' }).format(at);
  return time ? `${day} ${time}` : day;
}

export interface DateFieldProps {
  /** YYYY-MM-DD (or YYYY-MM-DDTHH:MM with `withTime`), text not yet a date, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId: string;
  /** The sheet's month (YYYY-MM): a day or month and day typed alone are read in it. */
  period?: string;
  withTime?: boolean;
  error?: string | undefined;
  autoFocus?: boolean;
  width?: number;
}

export function DateField({ value, onChange, label, testId, period, withTime = false, error, autoFocus, width = 170 }: DateFieldProps) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(showDateTime(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Changed from outside (a row removed above, a reload): show the new value.
    setSeen(value);
    setText(showDateTime(value));
  }
  const read = (typed: string): string => {
    if (typed.trim() === '') return '';
    return (withTime ? parseDateTimeText(typed, period) : parseDateText(typed, period)) ?? typed.trim();
  };
  const emit = (typed: string) => {
    const next = read(typed);
    setText(typed);
    setSeen(next);
    onChange(next);
  };
  return (
    <TextField
      label={label}
      value={text}
      onChange={(e) => emit(e.target.value)}
      onBlur={() => setText(showDateTime(read(text)))}
      error={Boolean(error)}
      helperText={error ?? (value !== '' && read(value) === value && /^\d{4}-\d{2}-\d{2}/.test(value) ? localeDate(value, lang) : undefined)}
      autoFocus={autoFocus}
      placeholder={withTime ? t.common.dateTimePlaceholder : t.common.datePlaceholder}
      sx={{ width, flexShrink: 0 }}
      slotProps={{ inputLabel: { shrink: true }, formHelperText: { 'data-testid': `${testId}-read` } as object, htmlInput: { 'data-testid': testId, inputMode: 'numeric', autoComplete: 'off', spellCheck: false } }}
    />
  );
}
