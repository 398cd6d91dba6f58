/**
 * Hand-in dates of an item with a deadline. Each row: the event the deadline counts from (when
 * it has one), when the material was handed in, and the due date from shared/deadlines. Late
 * hand-ins are deducted by the scoring logic; the row only shows "late" / "on time".
 */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { dueDate, isLate } from '../../../shared/deadlines.ts';
import { describeDeadline } from '../../../shared/rubric/describe.ts';
import type { Deadline } from '../../../shared/rubric/schema.ts';
import { DateField } from '../../app/DateField.tsx';
import { problemText } from '../../app/FailureAlert.tsx';
import { shortDate } from '../../app/format.ts';
import { AddIcon, DeleteIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { paths, setHandIns, type DraftHandIn } from './draft.ts';
import { useItemTitle, useProblems, useSheet } from './SheetContext.ts';

const HAND_IN_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;

export function HandInEditor({ id, deadline }: { id: string; deadline: Deadline }) {
  const { t, lang } = useI18n();
  const { draft, update } = useSheet();
  const stored = draft.handIns[id] ?? [];
  // An empty first row is always offered; it joins the draft once something is typed.
  const rows: DraftHandIn[] = stored.length ? stored : [{ date: '' }];
  const [added, setAdded] = useState<number | null>(null);
  const needsEvent = deadline.kind === 'days-after-event' || deadline.kind === 'same-day';
  const withTime = deadline.kind === 'same-day';
  const listProblems = useProblems(paths.handIns(id), true);

  const write = (next: DraftHandIn[]) => update((d) => setHandIns(d, id, next.filter((r) => r.date !== '' || (r.event ?? '') !== '')));
  const change = (i: number, patch: Partial<DraftHandIn>) => {
    const next = rows.map((r, j) => {
      if (j !== i) return r;
      const merged: DraftHandIn = { ...r, ...patch };
      if (!merged.event) delete merged.event;
      return merged;
    });
    write(next);
  };
  const add = () => {
    setAdded(rows.length);
    update((d) => setHandIns(d, id, [...rows, { date: '' }]));
  };
  const remove = (i: number) => write(rows.filter((_, j) => j !== i));
  const canAdd = stored.length > 0 && stored.every((r) => r.date !== '');

  return (
    <Stack spacing={1} data-testid={`handins-${id}`}>
      <Typography variant="caption" color="text.secondary">
        {t.sheet.handIns} · {describeDeadline(deadline, lang)}
      </Typography>
      {rows.map((row, i) => (
        <HandInRow
          key={i}
          id={id}
          index={i}
          row={row}
          deadline={deadline}
          needsEvent={needsEvent}
          withTime={withTime}
          autoFocus={added === i}
          removable={stored.length > 0}
          onChange={(patch) => change(i, patch)}
          onRemove={() => remove(i)}
        />
      ))}
      {listProblems.map((p, i) => (
        <Typography key={i} variant="caption" color="error">
          {problemText(p, t, false)}
        </Typography>
      ))}
      <div>
        <Button startIcon={<AddIcon />} onClick={add} disabled={!canAdd} data-testid={`handin-${id}-add`}>
          {t.sheet.addHandIn}
        </Button>
      </div>
    </Stack>
  );
}

function HandInRow({
  id,
  index,
  row,
  deadline,
  needsEvent,
  withTime,
  autoFocus,
  removable,
  onChange,
  onRemove,
}: {
  id: string;
  index: number;
  row: DraftHandIn;
  deadline: Deadline;
  needsEvent: boolean;
  withTime: boolean;
  autoFocus: boolean;
  removable: boolean;
  onChange: (patch: Partial<DraftHandIn>) => void;
  onRemove: () => void;
}) {
  const { t, text } = useI18n();
  const { record } = useSheet();
  const title = useItemTitle();
  const dateProblems = useProblems(paths.handIn(id, index, 'date'), true);
  const eventProblems = useProblems(paths.handIn(id, index, 'event'), true);
  const otherProblems = useProblems(paths.handInRow(id, index)).filter((p) => !dateProblems.includes(p) && !eventProblems.includes(p));
  const testId = index === 0 ? `handin-${id}` : `handin-${id}-${index}`;
  const eventName = deadline.kind === 'days-after-event' || deadline.kind === 'same-day' ? text(deadline.event) : '';

  const due = dueDate(deadline, record.period, row.event);
  const late = due && HAND_IN_DATE.test(row.date) ? isLate(due, row.date) : null;
  const dueText = due ? t.sheet.due(shortDate(due.date), due.time ?? null) : null;

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
      {needsEvent && (
        <DateField
          label={t.sheet.event(eventName)}
          value={row.event ?? ''}
          onChange={(event) => onChange({ event })}
          period={record.period}
          error={eventProblems[0] ? problemText(eventProblems[0], t, false) : undefined}
          autoFocus={autoFocus}
          testId={`${testId}-event`}
        />
      )}
      <DateField
        label={withTime ? t.sheet.handedInTime : t.sheet.handedIn}
        value={row.date}
        onChange={(date) => onChange({ date })}
        period={record.period}
        withTime={withTime}
        error={dateProblems[0] ? problemText(dateProblems[0], t, false) : undefined}
        autoFocus={autoFocus && !needsEvent}
        width={withTime ? 200 : 170}
        testId={testId}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 40 }}>
        {dueText && (
          <Typography variant="caption" color="text.secondary">
            {dueText}
          </Typography>
        )}
        {late !== null && <Chip label={late ? t.sheet.late : t.sheet.onTime} color={late ? 'error' : 'success'} variant="outlined" />}
        {removable && (
          <Tooltip title={t.sheet.removeHandIn}>
            <IconButton aria-label={t.sheet.removeHandIn} onClick={onRemove} data-testid={`${testId}-remove`}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      {otherProblems.map((p, i) => (
        <Typography key={i} variant="caption" color="error" sx={{ width: '100%' }}>
          {problemText(p, t, true, title)}
        </Typography>
      ))}
    </Stack>
  );
}
