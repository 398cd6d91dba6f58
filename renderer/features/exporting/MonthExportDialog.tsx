/**
 * Export a month (sheets.exportMonth): region, identity, passphrase and language; then the job's
 * progress (jobs.get, polled) and its result. Loaded only when the month screen's button is
 * first pressed (a lazy chunk). The screen keeps it mounted once opened, so closing it while the
 * job runs loses nothing: the job goes on in the backend, the progress keeps being followed
 * (and the grid reloaded at the end), and the job id is kept for the tab (monthJobs.ts).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Language } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { JobProgress, JobResult } from './JobResult.tsx';
import { forgetJob, rememberedJob, rememberJob } from './monthJobs.ts';
import { passphraseProblem, SignerFields, type SignerChoice } from '../../app/SignerFields.tsx';
import { ExportFailure } from './ExportFailure.tsx';
import { useJob } from '../../app/useJob.ts';

export default function MonthExportDialog({
  open,
  period,
  onClose,
  onFinished,
}: {
  open: boolean;
  period: string;
  onClose: () => void;
  /** The job has finished: the month's statuses changed. */
  onFinished: () => void;
}) {
  const { t, lang } = useI18n();
  const { info } = useApp();
  const user = info.user;
  const manager = user?.chainRole === 'manager' && user.regionId !== null;
  const regions = useCall('regions.list', {});
  const identities = useCall('identities.list', {});
  const [regionId, setRegionId] = useState(manager ? String(user?.regionId) : '');
  // The PDF's language follows the app's until one is chosen (the dialog outlives a language switch).
  const [picked, setPicked] = useState<Omit<SignerChoice, 'language'> & { language: Language | null }>({ fingerprint: '', passphrase: '', language: null });
  const choice: SignerChoice = { ...picked, language: picked.language ?? lang };
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob(period));
  const passphraseRef = useRef<HTMLInputElement>(null);

  const starter = useAction(() =>
    invoke('sheets.exportMonth', { period, ...(regionId ? { regionId: Number(regionId) } : {}), ...choice }),
  );
  const { job, error: jobError } = useJob(jobId, onFinished);
  const lost = jobError?.kind === 'not-found';

  // A job the backend no longer knows (it was restarted) is not followed again.
  useEffect(() => {
    if (lost) forgetJob(period);
  }, [lost, period]);

  const change = (c: Partial<SignerChoice>) => {
    starter.clearError();
    setPicked((old) => ({ ...old, ...c }));
  };

  const close = () => {
    setPicked((c) => ({ ...c, passphrase: '', language: null }));
    starter.clearError();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice.fingerprint || choice.passphrase === '' || starter.busy) return;
    const started = await starter.run();
    if (started) {
      setPicked((c) => ({ ...c, passphrase: '' }));
      rememberJob(period, started.jobId);
      setJobId(started.jobId);
    } else {
      passphraseRef.current?.focus();
      passphraseRef.current?.select();
    }
  };

  const again = () => {
    forgetJob(period);
    setJobId(null);
  };

  const showJob = jobId !== null && !lost;
  const regionOptions = [
    ...(manager ? [] : [{ value: '', label: t.exporting.allRegions }]),
    // A regional manager exports and signs only their own region (the backend refuses another).
    ...(regions.data ?? [])
      .filter((r) => (manager ? r.id === user?.regionId : r.active || String(r.id) === regionId))
      .map((r) => ({ value: String(r.id), label: `${r.name} (${r.code})` })),
  ];
  if (regionId && !regions.data) regionOptions.push({ value: regionId, label: '…' });

  return (
    <Dialog open={open} onClose={starter.busy ? undefined : close} maxWidth="md" fullWidth data-testid="month-export-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{t.exporting.monthTitle(period)}</DialogTitle>
        <DialogContent>
          {showJob ? (
            <Stack spacing={2} sx={{ pt: 1 }}>
              <JobProgress job={job} />
              {jobError && <FailureAlert error={jobError} />}
              {job?.finished && <JobResult job={job} />}
            </Stack>
          ) : (
            <Stack spacing={2} sx={{ pt: 1 }}>
              {lost && (
                <Alert severity="info" data-testid="month-export-lost">
                  {t.exporting.lost}
                </Alert>
              )}
              <Typography variant="body2" color="text.secondary">
                {t.exporting.monthIntro}
              </Typography>
              <FailureAlert error={regions.error} onRetry={regions.reload} />
              <SelectField
                label={t.exporting.region}
                value={regionId}
                onChange={setRegionId}
                options={regionOptions}
                testId="month-export-region"
                disabled={starter.busy}
                fullWidth
              />
              <SignerFields
                testId="export"
                purpose="export"
                identities={identities}
                step={user?.chainRole}
                value={choice}
                onChange={change}
                language
                passphraseError={passphraseProblem(starter.error) !== null}
                passphraseRef={passphraseRef}
                autoFocus
                disabled={starter.busy}
              />
              <ExportFailure error={starter.error} />
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          {showJob ? (
            <>
              {job?.finished && (
                <Button onClick={again} data-testid="month-export-again">
                  {t.exporting.again}
                </Button>
              )}
              <Button variant={job?.finished ? 'contained' : 'text'} onClick={close} data-testid="month-export-close">
                {t.common.close}
              </Button>
            </>
          ) : (
            <>
              <Button onClick={close} disabled={starter.busy}>
                {t.common.cancel}
              </Button>
              <Button type="submit" variant="contained" disabled={starter.busy || !choice.fingerprint || choice.passphrase === ''} data-testid="export-confirm">
                {starter.busy ? t.exporting.starting : t.exporting.start}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
