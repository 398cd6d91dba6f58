/** Absences: full or half days (a half day counts as a full day), each with an optional date. */
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { DateField } from '../../app/DateField.tsx';
import { problemText } from '../../app/FailureAlert.tsx';
import { score } from '../../app/format.ts';
import { AddIcon, DeleteIcon } from '../../app/icons.tsx';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { paths, setAbsences, type DraftAbsence } from './draft.ts';
import { useProblems, useSheet } from './SheetContext.ts';

export function AbsencesEditor() {
  const { t } = useI18n();
  const { draft, update, record, result } = useSheet();
  const list = draft.absences;
  const [added, setAdded] = useState<number | null>(null);
  const listProblems = useProblems('absences', true);

  const write = (next: DraftAbsence[]) => update((d) => setAbsences(d, next));
  const add = (length: DraftAbsence['length']) => {
    setAdded(list.length);
    write([...list, { length }]);
  };
  const change = (i: number, patch: Partial<DraftAbsence>) =>
    write(
      list.map((a, j) => {
        if (j !== i) return a;
        const merged: DraftAbsence = { ...a, ...patch };
        if (!merged.date) delete merged.date;
        return merged;
      }),
    );

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-label={t.sheet.absences} data-testid="absences">
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t.sheet.absences}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p">
            {t.rubrics.attendanceRule(score(record.rubric.attendance.full), score(record.rubric.attendance.deductionPerDay))}
          </Typography>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Typography variant="h6" component="p" color={result.attendance.absentDays ? 'error' : 'text.primary'} sx={{ lineHeight: 1.2 }}>
            {score(result.attendance.score)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t.sheet.absentDays(result.attendance.absentDays)}
          </Typography>
        </div>
      </Stack>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {list.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t.sheet.noAbsences}
          </Typography>
        )}
        {list.map((a, i) => (
          <AbsenceRow key={i} index={i} absence={a} period={record.period} autoFocus={added === i} onChange={(patch) => change(i, patch)} onRemove={() => write(list.filter((_, j) => j !== i))} />
        ))}
        {listProblems.map((pr, i) => (
          <Typography key={i} variant="caption" color="error">
            {problemText(pr, t, false)}
          </Typography>
        ))}
        <Stack direction="row" spacing={1}>
          <Button startIcon={<AddIcon />} onClick={() => add('full')} data-testid="absence-add-full">
            {t.sheet.addFull}
          </Button>
          <Button startIcon={<AddIcon />} onClick={() => add('half')} data-testid="absence-add-half">
            {t.sheet.addHalf}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

function AbsenceRow({
  index,
  absence,
  period,
  autoFocus,
  onChange,
  onRemove,
}: {
  index: number;
  absence: DraftAbsence;
  /** The sheet's month: a day typed alone is read in it. */
  period: string;
  autoFocus: boolean;
  onChange: (patch: Partial<DraftAbsence>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const [lengthProblem] = useProblems(paths.absence(index, 'length'), true);
  const [dateProblem] = useProblems(paths.absence(index, 'date'), true);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid={`absence-${index}`}>
      <SelectField
        label={t.sheet.length}
        value={absence.length}
        onChange={(v) => onChange({ length: v as DraftAbsence['length'] })}
        options={[
          { value: 'full', label: t.sheet.full },
          { value: 'half', label: t.sheet.half },
        ]}
        testId={`absence-${index}-length`}
        error={Boolean(lengthProblem)}
        helperText={lengthProblem ? problemText(lengthProblem, t, false) : undefined}
        sx={{ width: 120 }}
      />
      <DateField
        label={t.common.optionalField(t.sheet.date)}
        value={absence.date ?? ''}
        onChange={(date) => onChange({ date })}
        period={period}
        error={dateProblem ? problemText(dateProblem, t, false) : undefined}
        width={190}
        // The button chose full or half: the cursor goes to the date.
        autoFocus={autoFocus}
        testId={`absence-${index}-date`}
      />
      <Tooltip title={t.sheet.removeAbsence}>
        <IconButton aria-label={t.sheet.removeAbsence} onClick={onRemove} data-testid={`absence-${index}-remove`} sx={{ mt: 0.5 }}>
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}
