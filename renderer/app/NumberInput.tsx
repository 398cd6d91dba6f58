/**
 * A number field for counts, points and deductions. The text typed is kept as is while it is
 * not a number, and reported as text, so validation names the problem at the field. No key
 * changes the value by itself: ↑/↓ do nothing, + and − are typed as they are (a minus is a minus,
 * refused at the field where no negative number is taken), so a value is only ever what was typed;
 * the −/+ buttons step it for the mouse (they stay out of the Tab order).
 */
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState, type KeyboardEvent } from 'react';
import { parseTypedNumber } from '../../shared/number-text.ts';
import { AddIcon, MinusIcon } from './icons.tsx';

/** '' → undefined (nothing recorded); a number as people write it → number (the parser the salary/KPI import reads cells with); other text stays text. */
export const parseNumber = parseTypedNumber;

function show(value: unknown, emptyText: string): string {
  return value === undefined || value === null ? emptyText : String(value);
}

export interface NumberInputProps {
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
  testId: string;
  min: number;
  max: number;
  /** Whole numbers only (counts). */
  integer?: boolean;
  /** What an empty field means, shown greyed (e.g. the full marks). */
  placeholder?: string;
  /** The number an empty field stands for, where the +1/−1 buttons start from (default: min). */
  emptyValue?: number;
  /** The text shown when nothing is recorded (e.g. "0" for a count). */
  emptyText?: string;
  error?: string | undefined;
  stepper?: boolean;
  autoFocus?: boolean;
  width?: number;
  decrementLabel?: string;
  incrementLabel?: string;
}

export function NumberInput({
  value,
  onChange,
  label,
  testId,
  min,
  max,
  integer = false,
  placeholder,
  emptyValue = min,
  emptyText = '',
  error,
  stepper = false,
  autoFocus,
  width = 120,
  decrementLabel = '−1',
  incrementLabel = '+1',
}: NumberInputProps) {
  const [text, setText] = useState(show(value, emptyText));
  const [seen, setSeen] = useState<unknown>(value);
  if (!Object.is(value, seen)) {
    // Changed from outside (stepper, reload): show the new value.
    setSeen(value);
    setText(show(value, emptyText));
  }

  const emit = (nextText: string) => {
    const parsed = parseNumber(nextText);
    setText(nextText);
    setSeen(parsed);
    onChange(parsed);
  };

  const stepBy = (delta: number) => {
    const current = typeof value === 'number' ? value : emptyValue;
    const next = Math.min(max, Math.max(min, Math.round((current + delta) * 100) / 100));
    emit(String(next));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // A spinbutton's ↑/↓ would step the value in the browser's own way: here they do nothing.
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') e.preventDefault();
    else if (e.key === '-' && value === undefined) {
      // An empty field (perhaps showing its empty text, "0"): the minus starts what is typed, so
      // "-1" reads -1 and is refused at the field, never "0-1".
      e.preventDefault();
      emit('-');
    }
  };

  const current = typeof value === 'number' ? value : undefined;
  return (
    <TextField
      label={label}
      value={text}
      onChange={(e) => emit(e.target.value)}
      error={Boolean(error)}
      helperText={error}
      autoFocus={autoFocus}
      placeholder={placeholder}
      sx={{ width: stepper ? width + 56 : width, flexShrink: 0 }}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: {
          'data-testid': testId,
          inputMode: integer ? 'numeric' : 'decimal',
          autoComplete: 'off',
          'aria-valuemin': min,
          'aria-valuemax': max,
          ...(current !== undefined ? { 'aria-valuenow': current } : {}),
          role: 'spinbutton',
          onKeyDown,
        },
        input: stepper
          ? {
              startAdornment: (
                <InputAdornment position="start">
                  <IconButton tabIndex={-1} edge="start" aria-label={decrementLabel} onClick={() => stepBy(-1)} disabled={current !== undefined && current <= min}>
                    <MinusIcon fontSize="small" />
                  </IconButton>
                </InputAdornment>
              ),
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton tabIndex={-1} edge="end" aria-label={incrementLabel} onClick={() => stepBy(1)} disabled={current !== undefined && current >= max}>
                    <AddIcon fontSize="small" />
                  </IconButton>
                </InputAdornment>
              ),
            }
          : {},
      }}
    />
  );
}
