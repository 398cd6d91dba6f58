/**
 * Amending a signed sheet in the editor (docs/trust.md, "Amendments"): the read-only banner offers
 * 修订… to the app of the sheet's first step (and says why not to any other), a dialog asks the
 * reason first, the draft banner names the version being made, and the saved banner says the new
 * version is ready to export. Never a silent change: the signed version stays kept.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AmendedSheet, SheetRecord } from '../../../shared/api/types.ts';
import { AmendmentChanges, type ItemLookup } from '../../app/AmendmentView.tsx';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { amendAuthor, reasonProblem } from './amend.ts';

/** The version a signed sheet is now (its newest kept, or 1) and the one an amendment makes. */
export function versionsOf(record: Pick<SheetRecord, 'versions' | 'amendment'>): { current: number; next: number } {
  const current = Math.max(record.versions.at(-1)?.version ?? 1, record.amendment?.version ?? 1);
  return { current, next: current + 1 };
}

/** The read-only banner of a signed or approved sheet: why it does not change in place, and 修订… (or why this app cannot amend it). */
export function LockedNotice({ record, onAmend }: { record: SheetRecord; onAmend: () => void }) {
  const { t } = useI18n();
  const { info } = useApp();
  const author = amendAuthor(record.person.role, info.user?.chainRole ?? null);
  return (
    <Alert
      severity="info"
      data-testid="sheet-locked"
      action={
        author.can ? (
          <Button variant="outlined" color="inherit" onClick={onAmend} data-testid="amend-button" sx={{ whiteSpace: 'nowrap' }}>
            {t.amend.button}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{t.sheet.lockedTitle}</AlertTitle>
      {t.sheet.lockedText(record.status)}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t.amend.lockedHint}
      </Typography>
      {!author.can && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="amend-not-here">
          {author.mine ? t.amend.notFirstStep(t.chainRoles[author.first], t.chainRoles[author.mine]) : t.amend.notFirstStepNoUser(t.chainRoles[author.first])}
        </Typography>
      )}
    </Alert>
  );
}

/** The reason, asked first (required, 1–2000 characters trimmed); also to edit it while drafting. */
export function AmendReasonDialog({
  record,
  initial = '',
  onStart,
  onClose,
}: {
  record: SheetRecord;
  initial?: string;
  onStart: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const w = t.amend;
  const [reason, setReason] = useState(initial);
  const [tried, setTried] = useState(false);
  const { current, next } = versionsOf(record);
  const problem = reasonProblem(reason);
  const error = tried && problem ? (problem.kind === 'missing' ? w.reasonMissing : w.reasonTooLong(problem.length)) : null;
  const start = () => {
    setTried(true);
    if (!problem) onStart(reason.trim());
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="amend-dialog">
      <DialogTitle>{w.dialogTitle(next)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{w.dialogIntro(current, next)}</DialogContentText>
        <TextField
          label={w.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          autoFocus
          multiline
          minRows={3}
          maxRows={10}
          fullWidth
          error={error !== null}
          helperText={error ?? w.reasonHelp(reason.trim().length)}
          slotProps={{ htmlInput: { 'data-testid': 'amend-reason' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.common.cancel}</Button>
        <Button variant="contained" onClick={start} data-testid="amend-start">
          {initial ? t.common.save : w.start}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** While drafting: which version is being made, the reason (editable), and that nothing is stored before the save. */
export function AmendDraftNotice({ record, reason, onEditReason }: { record: SheetRecord; reason: string; onEditReason: () => void }) {
  const { t, lang } = useI18n();
  const w = t.amend;
  const { current, next } = versionsOf(record);
  return (
    <Alert
      severity="warning"
      data-testid="amend-draft"
      action={
        <Button color="inherit" size="small" onClick={onEditReason} data-testid="amend-edit-reason" sx={{ whiteSpace: 'nowrap' }}>
          {w.editReason}
        </Button>
      }
    >
      <AlertTitle>{w.draftTitle(next, current)}</AlertTitle>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {w.draftReason}
        {lang === 'zh' ? '：' : ': '}
        <Box component="span" sx={{ fontWeight: 600 }} data-testid="amend-draft-reason">
          {reason}
        </Box>
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {w.draftText}
      </Typography>
    </Alert>
  );
}

/** After the save: version N+1 is ready to export; what it changed. */
export function AmendSavedNotice({ amended, items }: { amended: AmendedSheet; items: ItemLookup }) {
  const { t } = useI18n();
  const w = t.amend;
  return (
    <Alert severity="success" data-testid="amend-saved">
      <AlertTitle>{w.savedTitle(amended.amendment.version)}</AlertTitle>
      <Typography variant="body2">{w.savedText(amended.amendment.version, amended.amendment.amends.version)}</Typography>
      <Box sx={{ mt: 0.5 }}>
        <AmendmentChanges diff={amended} items={items} testId="amend-saved-changes" />
      </Box>
    </Alert>
  );
}

/** A ready (not yet exported) amendment: which version it is and why. */
export function CurrentAmendmentNotice({ amendment }: { amendment: NonNullable<SheetRecord['amendment']> }) {
  const { t, lang } = useI18n();
  const w = t.amend;
  return (
    <Alert severity="info" variant="outlined" data-testid="amend-current">
      <AlertTitle>{w.currentTitle(amendment.version, amendment.amends.version)}</AlertTitle>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {w.draftReason}
        {lang === 'zh' ? '：' : ': '}
        <b>{amendment.reason}</b>
      </Typography>
    </Alert>
  );
}
