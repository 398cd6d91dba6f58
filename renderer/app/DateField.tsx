/**
 * A date (or date and time) typed as text and shown as YYYY-MM-DD in both languages — never the
 * browser locale's mm/dd/yyyy of a native date input. Read by the one shared parser
 * (shared/date-text.ts): "2026-05-14", "2026/5/14", and in the sheet's month "14" or "5-14". The text
 * typed is kept as is while it is not a date and reported as text, so validation names the problem
 * at the field; on leaving the field a date read shows as YYYY-MM-DD.
 */
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { parseDateText, parseDateTimeText, showDateTime } from '../../shared/date-text.ts';
import { useT } from '../i18n/index.tsx';

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
  const t = useT();
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
      helperText={error}
      autoFocus={autoFocus}
      placeholder={withTime ? t.common.dateTimePlaceholder : t.common.datePlaceholder}
      sx={{ width, flexShrink: 0 }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId, inputMode: 'numeric', autoComplete: 'off', spellCheck: false } }}
    />
  );
}
