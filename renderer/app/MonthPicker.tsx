/** Previous / next month buttons around a YYYY-MM select. */
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { formatPeriod, nextPeriod, parsePeriod, previousPeriod } from '../../shared/period.ts';
import { useT } from '../i18n/index.tsx';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';
import { SelectField } from './SelectField.tsx';

/** The months offered: three years back to the current month, plus the chosen one if outside. */
function monthOptions(value: string, today = new Date()): string[] {
  let p = { year: today.getFullYear(), month: today.getMonth() + 1 };
  const months: string[] = [];
  for (let i = 0; i < 37; i++) {
    months.push(formatPeriod(p));
    p = previousPeriod(p);
  }
  if (!months.includes(value)) months.push(value);
  return months.sort().reverse();
}

function step(value: string, by: 1 | -1): string {
  const p = parsePeriod(value);
  if (!p) return value;
  return formatPeriod(by === 1 ? nextPeriod(p) : previousPeriod(p));
}

export function MonthPicker({ value, onChange, testId = 'month-picker' }: { value: string; onChange: (period: string) => void; testId?: string }) {
  const t = useT();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={t.month.previous}>
        <IconButton aria-label={t.month.previous} onClick={() => onChange(step(value, -1))} data-testid={`${testId}-prev`}>
          <ChevronLeftIcon />
        </IconButton>
      </Tooltip>
      <SelectField
        label={t.month.period}
        value={value}
        onChange={onChange}
        options={monthOptions(value).map((m) => ({ value: m, label: m }))}
        testId={testId}
        sx={{ width: 130 }}
      />
      <Tooltip title={t.month.next}>
        <IconButton aria-label={t.month.next} onClick={() => onChange(step(value, 1))} data-testid={`${testId}-next`}>
          <ChevronRightIcon />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}
