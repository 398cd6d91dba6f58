/**
 * A number field for counts, points and deductions. The text typed is kept as is while it is
 * not a number, and reported as text, so validation names the problem at the field. ↑/↓ and
 * + step the value, and − while the field holds a number and takes no negative ones (minusSteps);
 * the −/+ buttons do the same for the mouse (they stay out of the Tab order).
 */
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState, type KeyboardEvent } from 'react';
import { parseTypedNumber } from '../../shared/number-text.ts';
import { AddIcon, MinusIcon } from './icons.tsx';

/** '' → undefined (nothing recorded); a number as people write it → number (the parser the salary/KPI import reads cells with); other text stays text. */
export const parseNumber = parseTypedNumber;

/**
 * Whether the − key steps the value down rather than typing a minus: only while the field holds a
 * number and the field takes no negative numbers (there a minus starts a number). Typed into an
 * empty field or over text, a minus is a minus.
 */
export function minusSteps(value: unknown, min: number): boolean {
  return typeof value === 'number' && min >= 0;
}

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
  /** The number an empty field stands for, where ↑/↓ start from (default: min). */
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
    if (e.key === 'ArrowUp' || e.key === '+') {
      e.preventDefault();
      stepBy(1);
    } else if (e.key === 'ArrowDown' || (e.key === '-' && minusSteps(value, min))) {
      e.preventDefault();
      stepBy(-1);
    } else if (e.key === '-' && value === undefined) {
      // An empty field (perhaps showing its empty text, "0"): the minus starts what is typed, so
      // "-1" reads -1 and is refused at the field, never "01".
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
