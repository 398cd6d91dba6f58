/**
 * Approve or return many received sheets at once: the entries chosen (or every one pending at the
 * user's step in a region's month), one passphrase (none when the identity is unlocked for the
 * session), a comment or one reason; then the job's progress (jobs.get, polled) and its result:
 * each sheet signed (or returned) or skipped with the reason, the new files saved into a folder
 * the user chooses (desktop) or as one zip (browser mode), and the folder the backend keeps them in.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { BulkOutcome, ChainRole, SavedToFolder } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { downloadFile } from '../../app/files.ts';
import { DownloadIcon, FolderIcon } from '../../app/icons.tsx';
import { refusalText } from '../../app/refusalText.ts';
import { passphraseProblem, SignerFields, type Signer } from '../../app/SignerFields.tsx';
import { isUnlocked, useUnlocked } from '../../app/unlocked.ts';
import { useJob } from '../../app/useJob.ts';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { fieldsOnly, useFieldError } from './fieldErrors.ts';

/** What to act on: entries by SHA-256, or every entry pending at the user's step in a month (and region). */
export type BulkTarget = { sha256: string[] } | { pending: { period: string; regionCode?: string }; count: number; title: string };


function targetCount(target: BulkTarget): number {
  return 'sha256' in target ? target.sha256.length : target.count;
}

function who(o: BulkOutcome): string {
  return o.person ? `${o.person.name} (${o.person.employeeNo}) · ${o.period ?? ''}` : o.fileName;
}

function whyText(o: BulkOutcome, t: Messages): string {
  return o.refusal ? refusalText(o.refusal, t) : `${t.bulk.unexpected}${o.message ?? ''}`;
}

export function BulkDialog({ mode, target, role, onClose }: { mode: 'approve' | 'return'; target: BulkTarget; role: ChainRole; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const tb = t.bulk;
  const { lang } = useI18n();
  const n = targetCount(target);
  const identities = useCall('identities.list', {});
  const [signer, setSigner] = useState<Signer>({ fingerprint: '', passphrase: '' });
  const open = isUnlocked(useUnlocked(), signer.fingerprint);
  const [text, setText] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const pass = open ? {} : { passphrase: signer.passphrase };
  const start = useAction(async () => {
    if (mode === 'return') {
      if (!('sha256' in target)) throw new Error('a return names its entries');
      return invoke('inbox.returnMany', { sha256: target.sha256, fingerprint: signer.fingerprint, ...pass, reason: text.trim(), language: lang });
    }
    const comment = text.trim() ? { comment: text.trim() } : {};
    return 'sha256' in target
      ? invoke('inbox.approveMany', { sha256: target.sha256, fingerprint: signer.fingerprint, ...pass, ...comment })
      : invoke('inbox.approveMany', { pending: target.pending, fingerprint: signer.fingerprint, ...pass, ...comment });
  });
  const zip = useAction((id: string) => invoke('inbox.bulkFiles', { jobId: id }));
  // The desktop saves into a folder chosen in its own dialog; browser mode downloads one zip.
  const { folderChooser } = useApp().info;
  const [saved, setSaved] = useState<SavedToFolder | null>(null);
  const toFolder = useAction(async (id: string) =>
    setSaved(await invoke('inbox.saveBulkFiles', { jobId: id, title: mode === 'return' ? tb.folderDialogTitleNotes : tb.folderDialogTitle })),
  );
  const { job, error: pollError } = useJob(jobId, () => undefined);
  const textError = useFieldError(start.error, mode === 'return' ? 'reason' : 'comment');
  const running = jobId !== null && !job?.finished;
  const busy = start.busy || running;
  const ready = Boolean(signer.fingerprint) && (open || signer.passphrase !== '') && (mode === 'approve' || text.trim() !== '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const started = await start.run();
    if (!started) return;
    setSigner((s) => ({ ...s, passphrase: '' }));
    setJobId(started.jobId);
  };

  const outcomes = job?.outcomes ?? [];
  const done = outcomes.filter((o) => o.outcome !== 'skipped');
  const skipped = outcomes.filter((o) => o.outcome === 'skipped');
  const reused = outcomes.filter((o) => o.outcome === 'signed' && o.reused).length;
  const folder = done[0]?.file?.path.replace(/[\\/][^\\/]*$/, '') ?? null;
  const next = done.find((o) => o.nextStep)?.nextStep ?? null;
  const title = mode === 'return' ? tb.returnTitle(n) : 'pending' in target ? target.title : tb.approveTitle(n);

  return (
    <Dialog open onClose={busy ? undefined : () => onClose(jobId !== null)} maxWidth="sm" fullWidth data-testid="bulk-dialog" data-mode={mode}>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 0.5 }}>
            {jobId === null && (
              <>
                <Typography variant="body2" color="text.secondary">
                  {mode === 'return' ? tb.returnIntro : tb.approveIntro(t.chainRoles[role])}
                </Typography>
                <SignerFields
                  testId="bulk"
                  purpose="review"
                  identities={identities}
                  step={role}
                  value={signer}
                  onChange={(c) => setSigner((s) => ({ ...s, ...c }))}
                  passphraseError={passphraseProblem(start.error) ? t.approvals.dialog.wrongPassphrase : undefined}
                  disabled={busy}
                  unlocked={open}
                />
                <TextField
                  label={mode === 'return' ? tb.reason : t.common.optionalField(tb.comment)}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  multiline
                  minRows={2}
                  required={mode === 'return'}
                  disabled={busy}
                  error={Boolean(textError)}
                  helperText={textError}
                  slotProps={{ htmlInput: { 'data-testid': 'bulk-text', maxLength: 2000 } }}
                  fullWidth
                />
                {start.error && !fieldsOnly(start.error, ['passphrase', 'comment', 'reason']) && <FailureAlert error={start.error} />}
              </>
            )}
            {jobId !== null && (
              <Stack spacing={0.5}>
                <Typography variant="body2" data-testid="bulk-progress">
                  {(mode === 'return' ? tb.progressReturn : tb.progress)(job?.done ?? 0, job?.total ?? n)}
                </Typography>
                <LinearProgress variant="determinate" value={job && job.total > 0 ? (100 * job.done) / job.total : 0} />
              </Stack>
            )}
            <FailureAlert error={pollError} />
            {job?.finished && (
              <Alert
                severity={skipped.length === 0 ? 'success' : done.length === 0 ? 'error' : 'warning'}
                data-testid="bulk-result"
                data-done={done.length}
                data-skipped={skipped.length}
                action={
                  done.length > 0 ? (
                    folderChooser ? (
                      <Button
                        color="inherit"
                        startIcon={<FolderIcon />}
                        disabled={toFolder.busy}
                        onClick={() => void toFolder.run(job.id)}
                        data-testid="bulk-save-folder"
                        sx={{ whiteSpace: 'nowrap' }}
                      >
                        {mode === 'return' ? tb.saveNotesToFolder : tb.saveToFolder}
                      </Button>
                    ) : (
                      <Button
                        color="inherit"
                        startIcon={<DownloadIcon />}
                        disabled={zip.busy}
                        onClick={() => void zip.run(job.id).then((file) => file && downloadFile(file, 'application/zip'))}
                        data-testid="bulk-download"
                        sx={{ whiteSpace: 'nowrap' }}
                      >
                        {mode === 'return' ? tb.downloadNotes : tb.download}
                      </Button>
                    )
                  ) : undefined
                }
              >
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {(mode === 'return' ? tb.summaryReturn : tb.summary)(done.length, skipped.length)}
                </Typography>
                {mode === 'approve' && done.length > 0 && (
                  <Typography variant="body2">{done.every((o) => o.complete) ? tb.complete : next ? tb.nextStep(t.chainRoles[next]) : null}</Typography>
                )}
                {reused > 0 && <Typography variant="body2">{tb.reused(reused)}</Typography>}
                {folder && (
                  <Typography variant="caption" component="div" sx={{ wordBreak: 'break-all' }} data-testid="bulk-folder">
                    {tb.folder(folder)}
                  </Typography>
                )}
              </Alert>
            )}
            <FailureAlert error={zip.error ?? toFolder.error} />
            {saved?.folder && (
              <Alert severity="success" data-testid="bulk-saved-folder" sx={{ wordBreak: 'break-all' }}>
                {tb.savedToFolder(
                  saved.files.length,
                  saved.folder,
                  saved.files.filter((f) => f.already).length,
                  saved.files.filter((f) => !f.already && f.savedAs !== f.fileName).length,
                )}
              </Alert>
            )}
            {skipped.length > 0 && (
              <Stack spacing={0.5}>
                <Typography variant="subtitle2">{tb.skippedTitle}</Typography>
                <List dense disablePadding data-testid="bulk-skipped" sx={{ maxHeight: 220, overflow: 'auto' }}>
                  {skipped.map((o) => (
                    <ListItem key={o.sha256} disableGutters data-testid={`bulk-skipped-${o.sha256.slice(0, 8)}`} data-code={o.refusal?.code ?? ''}>
                      <ListItemText primary={who(o)} secondary={whyText(o, t)} slotProps={{ secondary: { color: 'error' } }} />
                    </ListItem>
                  ))}
                </List>
              </Stack>
            )}
            {job?.finished && done.length > 0 && (
              <Stack spacing={0.5}>
                <Typography variant="subtitle2">{mode === 'return' ? tb.outcome.returned : tb.signedTitle}</Typography>
                <List dense disablePadding data-testid="bulk-done" sx={{ maxHeight: 180, overflow: 'auto' }}>
                  {done.map((o) => (
                    <ListItem key={o.sha256} disableGutters data-testid={`bulk-done-${o.sha256.slice(0, 8)}`}>
                      <ListItemText primary={who(o)} secondary={o.file?.fileName} />
                    </ListItem>
                  ))}
                </List>
              </Stack>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          {jobId !== null ? (
            <Button variant="contained" onClick={() => onClose(true)} disabled={running} data-testid="bulk-close">
              {t.common.close}
            </Button>
          ) : (
            <>
              <Button onClick={() => onClose(false)} disabled={busy}>
                {t.common.cancel}
              </Button>
              <Button type="submit" variant="contained" color={mode === 'return' ? 'warning' : 'primary'} disabled={busy || !ready} data-testid="bulk-confirm">
                {(mode === 'return' ? tb.startReturn : tb.start)(n)}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
