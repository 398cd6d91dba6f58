/**
 * Return a received sheet to the regional manager: a reason, signed by the next step as a return
 * note (inbox.return), offered as a download to send to the manager, whose app reopens the sheet.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { InboxEntry, StoredFile } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { DownloadIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { downloadFile } from '../../app/files.ts';
import { passphraseProblem, SignerFields, type Signer } from '../../app/SignerFields.tsx';
import { isUnlocked, useUnlocked } from '../../app/unlocked.ts';
import { entryTitle } from './ApproveDialog.tsx';
import { fieldsOnly, useFieldError } from './fieldErrors.ts';

export function ReturnDialog({ entry, onClose }: { entry: InboxEntry; onClose: (changed: boolean) => void }) {
  const { t, lang } = useI18n();
  const td = t.approvals.dialog;
  const step = entry.nextStep!;
  const [reason, setReason] = useState('');
  const identities = useCall('identities.list', {});
  const [signer, setSigner] = useState<Signer>({ fingerprint: '', passphrase: '' });
  // An identity unlocked for the session signs without its passphrase.
  const open = isUnlocked(useUnlocked(), signer.fingerprint);
  const [submitted, setSubmitted] = useState(false);
  const [note, setNote] = useState<StoredFile | null>(null);
  const returner = useAction(() =>
    invoke('inbox.return', { sha256: entry.sha256, fingerprint: signer.fingerprint, ...(open ? {} : { passphrase: signer.passphrase }), reason: reason.trim(), language: lang }),
  );
  const reasonProblem = useFieldError(returner.error, 'reason');
  const reasonError = submitted && reason.trim() === '' ? td.reasonRequired : reasonProblem;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (reason.trim() === '' || !signer.fingerprint || (signer.passphrase === '' && !open)) return;
    const done = await returner.run();
    if (!done) return;
    setSigner((s) => ({ ...s, passphrase: '' }));
    setNote(done);
  };

  return (
    <Dialog open onClose={returner.busy ? undefined : () => onClose(note !== null)} maxWidth="sm" fullWidth data-testid="return-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{td.returnTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 0.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {entryTitle(entry)}
            </Typography>
            {!note && (
              <>
                <Typography variant="body2" color="text.secondary">
                  {td.returnIntro}
                </Typography>
                <TextField
                  label={td.reason}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  multiline
                  minRows={3}
                  autoFocus
                  disabled={returner.busy}
                  error={Boolean(reasonError)}
                  helperText={reasonError ?? td.reasonHint}
                  slotProps={{ htmlInput: { 'data-testid': 'return-reason', maxLength: 2000 } }}
                  fullWidth
                />
                <SignerFields
                  testId="return"
                  purpose="review"
                  identities={identities}
                  step={step}
                  value={signer}
                  onChange={(c) => setSigner((s) => ({ ...s, ...c }))}
                  passphraseError={passphraseProblem(returner.error) ? td.wrongPassphrase : undefined}
                  disabled={returner.busy}
                  unlocked={open}
                />
                {returner.error && !fieldsOnly(returner.error, ['passphrase', 'reason']) && <FailureAlert error={returner.error} />}
              </>
            )}
            {note && (
              <Alert
                severity="success"
                data-testid="return-result"
                action={
                  <Button color="inherit" startIcon={<DownloadIcon />} onClick={() => downloadFile(note, 'application/pdf')} data-testid="return-download" sx={{ whiteSpace: 'nowrap' }}>
                    {td.downloadNote}
                  </Button>
                }
              >
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {td.returned(note.fileName)}
                </Typography>
                {td.returnedNext}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          {note ? (
            <Button variant="contained" onClick={() => onClose(true)} data-testid="return-close">
              {t.common.close}
            </Button>
          ) : (
            <>
              <Button onClick={() => onClose(false)} disabled={returner.busy}>
                {t.common.cancel}
              </Button>
              <Button type="submit" variant="contained" color="warning" disabled={returner.busy || !signer.fingerprint || (signer.passphrase === '' && !open)} data-testid="return-confirm">
                {returner.busy ? td.signing : td.returnConfirm}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
