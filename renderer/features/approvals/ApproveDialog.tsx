/**
 * Approve a received sheet: sign it as the next step (inbox.approve appends the signature), then
 * offer the new file as a download and say whether the chain is complete or who signs next. When
 * HR signs last, the new file can go straight into HR's database (hr.import).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { ApproveResult, ChainRole, HrImportOutcome, InboxEntry } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { score } from '../../app/format.ts';
import { DownloadIcon } from '../../app/icons.tsx';
import { useT } from '../../i18n/index.tsx';
import { downloadFile } from '../../app/files.ts';
import { passphraseProblem, SignerFields, type Signer } from '../../app/SignerFields.tsx';
import { isUnlocked, useUnlocked } from '../../app/unlocked.ts';
import { sha8 } from './availability.ts';
import { fieldsOnly, useFieldError } from './fieldErrors.ts';
import { HrImportResult } from './OutcomeList.tsx';

export function entryTitle(entry: InboxEntry): string {
  return entry.person ? `${entry.person.name} (${entry.person.employeeNo}) · ${entry.period ?? ''}` : entry.fileName;
}

export function ApproveDialog({ entry, role, onClose }: { entry: InboxEntry; role: ChainRole; onClose: (changed: boolean) => void }) {
  const t = useT();
  const td = t.approvals.dialog;
  const step = entry.nextStep!;
  const lastStep = entry.steps !== null && entry.steps[entry.steps.length - 1] === step;
  const identities = useCall('identities.list', {});
  const [signer, setSigner] = useState<Signer>({ fingerprint: '', passphrase: '' });
  // An identity unlocked for the session signs without its passphrase.
  const open = isUnlocked(useUnlocked(), signer.fingerprint);
  const [comment, setComment] = useState('');
  const [importAfter, setImportAfter] = useState(role === 'hr' && lastStep);
  const [result, setResult] = useState<ApproveResult | null>(null);
  const [outcomes, setOutcomes] = useState<HrImportOutcome[] | null>(null);
  const approve = useAction(() =>
    invoke('inbox.approve', { sha256: entry.sha256, fingerprint: signer.fingerprint, ...(open ? {} : { passphrase: signer.passphrase }), ...(comment.trim() ? { comment: comment.trim() } : {}) }),
  );
  const hrImport = useAction((sha256: string) => invoke('hr.import', { sha256: [sha256] }));
  const commentError = useFieldError(approve.error, 'comment');
  const busy = approve.busy || hrImport.busy;

  const importFile = async (sha256: string) => {
    const done = await hrImport.run(sha256);
    if (done) setOutcomes(done);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!signer.fingerprint || (signer.passphrase === '' && !open)) return;
    const approved = await approve.run();
    if (!approved) return;
    setSigner((s) => ({ ...s, passphrase: '' }));
    setResult(approved);
    if (importAfter && approved.complete && role === 'hr') await importFile(approved.file.sha256);
  };

  return (
    <Dialog open onClose={busy ? undefined : () => onClose(result !== null)} maxWidth="sm" fullWidth data-testid="approve-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{td.approveTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 0.5 }}>
            <Typography variant="body2">
              <b>{entryTitle(entry)}</b>
              {entry.scores && ` · ${t.approvals.details.scoresText(score(entry.scores.dailyScore), score(entry.scores.attendanceScore), score(entry.scores.monthlyScore))}`}
            </Typography>
            {entry.amendment && (
              // What is signed is an amendment: say so, with its reason, before the signature.
              <Typography variant="body2" data-testid="approve-amendment" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                <b>{t.amend.badge(entry.amendment.version)}</b> · {t.amend.approving(entry.amendment.amends.version, entry.amendment.reason)}
              </Typography>
            )}
            {!result && (
              <>
                <Typography variant="body2" color="text.secondary">
                  {td.approveIntro(t.chainRoles[step])}
                </Typography>
                <SignerFields
                  testId="approve"
                  purpose="review"
                  identities={identities}
                  step={step}
                  value={signer}
                  onChange={(c) => setSigner((s) => ({ ...s, ...c }))}
                  passphraseError={passphraseProblem(approve.error) ? td.wrongPassphrase : undefined}
                  disabled={busy}
                  unlocked={open}
                />
                <TextField
                  label={t.common.optionalField(td.comment)}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  multiline
                  minRows={2}
                  disabled={busy}
                  error={Boolean(commentError)}
                  helperText={commentError}
                  slotProps={{ htmlInput: { 'data-testid': 'approve-comment', maxLength: 2000 } }}
                  fullWidth
                />
                {role === 'hr' && lastStep && (
                  <FormControlLabel
                    control={<Checkbox checked={importAfter} onChange={(e) => setImportAfter(e.target.checked)} disabled={busy} slotProps={{ input: { 'data-testid': 'approve-then-import' } as object }} />}
                    label={td.importAfter}
                  />
                )}
                {approve.error && !fieldsOnly(approve.error, ['passphrase', 'comment']) && <FailureAlert error={approve.error} />}
              </>
            )}
            {result && (
              <Alert
                severity="success"
                data-testid="approve-result"
                data-complete={String(result.complete)}
                action={
                  <Button color="inherit" startIcon={<DownloadIcon />} onClick={() => downloadFile(result.file, 'application/pdf')} data-testid="approve-download" sx={{ whiteSpace: 'nowrap' }}>
                    {td.download}
                  </Button>
                }
              >
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {td.approved(result.file.fileName)}
                </Typography>
                {result.complete ? (role === 'hr' ? td.complete : `${td.complete} ${td.sendToHr}`) : result.nextStep ? td.next(t.chainRoles[result.nextStep]) : null}
              </Alert>
            )}
            {result && result.complete && role === 'hr' && !outcomes && (
              <Button
                variant="contained"
                color="secondary"
                onClick={() => void importFile(result.file.sha256)}
                disabled={hrImport.busy}
                data-testid={`hr-import-${sha8(result.file.sha256)}`}
                sx={{ alignSelf: 'flex-start' }}
              >
                {hrImport.busy ? td.importing : t.approvals.hrImport}
              </Button>
            )}
            {hrImport.busy && <Typography variant="body2">{td.importing}</Typography>}
            <FailureAlert error={hrImport.error} />
            {outcomes && <HrImportResult outcomes={outcomes} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          {result ? (
            <Button variant="contained" onClick={() => onClose(true)} disabled={busy} data-testid="approve-close">
              {t.common.close}
            </Button>
          ) : (
            <>
              <Button onClick={() => onClose(false)} disabled={busy}>
                {t.common.cancel}
              </Button>
              <Button type="submit" variant="contained" disabled={busy || !signer.fingerprint || (signer.passphrase === '' && !open)} data-testid="approve-confirm">
                {approve.busy ? td.signing : td.approveConfirm}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
