/** Who and what is being scored: person, role, region, month, rubric id@version and status. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReturnNoteInfo, SheetRecord } from '../../../shared/api/types.ts';
import { dateTime } from '../../app/format.ts';
import type { RubricRef } from '../../i18n/en.ts';
import { ArrowBackIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSheet } from './SheetContext.ts';
import { StatusChip } from '../../app/StatusChip.tsx';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Typography variant="body2" color="text.secondary" data-testid={testId}>
      {label}:{' '}
      <Typography component="span" variant="body2" color="text.primary">
        {value}
      </Typography>
    </Typography>
  );
}

export function SheetHeader({ regionName, status, onBack }: { regionName: string | null; status: SheetRecord['status']; onBack: () => void }) {
  const { t, text } = useI18n();
  const { record } = useSheet();
  const { person, rubric } = record;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack} data-testid="back-button">
          {t.sheet.back}
        </Button>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 600 }} data-testid="sheet-person">
          {person.name}
        </Typography>
        <StatusChip status={status} />
        <Chip label={text(rubric.title)} variant="outlined" />
      </Stack>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
        <Fact label={t.sheet.employeeNo} value={person.employeeNo} />
        <Fact label={t.sheet.role} value={t.roles[person.role]} />
        <Fact label={t.sheet.region} value={regionName ?? t.common.none} />
        <Fact label={t.sheet.period} value={record.period} testId="sheet-period" />
        <Tooltip title={rubric.hash}>
          <span>
            <Fact label={t.sheet.rubric} value={`${rubric.id}@${rubric.version}`} testId="sheet-rubric" />
          </span>
        </Tooltip>
      </Stack>
      <Typography variant="caption" color="text.secondary" data-testid="keys-hint">
        {t.sheet.keyboard}
      </Typography>
    </Stack>
  );
}

/** `id@version` split (a sheet's rubric ref); the version NaN when it has none. */
function rubricRef(ref: string): RubricRef {
  const at = ref.lastIndexOf('@');
  return at === -1 ? { id: ref, version: Number.NaN } : { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

/**
 * A newer rubric version is in force than the one this unsigned sheet is scored with (sheets.get's
 * rubricUpdate): a sheet stored as a draft moves to it at its next save; one stored as ready keeps
 * its version unless it is saved back as a draft.
 */
export function RubricUpdateNotice({ update, status }: { update: NonNullable<SheetRecord['rubricUpdate']>; status: SheetRecord['status'] }) {
  const { t } = useI18n();
  return (
    <Alert severity="info" variant="outlined" sx={{ py: 0 }} data-testid="rubric-update">
      {t.sheet.rubricUpdate(rubricRef(update.from), rubricRef(update.to), status === 'ready')}
    </Alert>
  );
}

/**
 * The return note this sheet is being corrected for (sheets.get returnNote): who returned it and
 * when, and the reviewer's reason in full, until the sheet is exported again.
 */
export function ReturnNoteNotice({ note }: { note: ReturnNoteInfo }) {
  const { t } = useI18n();
  return (
    <Alert severity="warning" data-testid="sheet-return-note">
      <AlertTitle>{t.sheet.returnedTitle}</AlertTitle>
      <Typography variant="body2" data-testid="sheet-return-by">
        {t.sheet.returnedBy(note.returnedBy.name, t.chainRoles[note.returnedBy.role], dateTime(note.returnedAt))}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {t.sheet.returnedReason}:{' '}
        <Typography component="span" variant="body2" sx={{ fontWeight: 600 }} data-testid="sheet-return-reason">
          {note.reason}
        </Typography>
      </Typography>
    </Alert>
  );
}
