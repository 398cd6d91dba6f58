/** A labelled native <select> in MUI dress: fast, keyboard-friendly (type to pick, arrows) and easy to test. */
import TextField, { type TextFieldProps } from '@mui/material/TextField';

export interface Option {
  value: string;
  label: string;
}

type Props = Omit<TextFieldProps, 'select' | 'onChange' | 'value' | 'children'> & {
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  testId?: string;
};

export function SelectField({ value, options, onChange, testId, slotProps, ...rest }: Props) {
  return (
    <TextField
      {...rest}
      select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{
        ...slotProps,
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: testId ? { 'data-testid': testId } : {},
      }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
