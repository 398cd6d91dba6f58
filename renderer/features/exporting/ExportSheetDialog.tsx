/**
 * Export and sign one sheet (sheets.export): choose the identity, type its passphrase, pick the
 * PDF's language. On success: where the file was written and a download of the signed PDF. A
 * failure (a wrong passphrase among them) is shown as the backend words it and changes nothing.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState, type FormEvent } from 'react';
import { firstStepFor } from '../../../shared/chain.ts';
import type { ExportResult, Person } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/index.tsx';
import { downloadFile } from '../../app/files.ts';
import { passphraseProblem, SignerFields, signsOtherStep, type SignerChoice } from '../../app/SignerFields.tsx';
import { ExportFailure } from './ExportFailure.tsx';
import { WrittenTo } from './WrittenTo.tsx';

export function ExportSheetDialog({
  person,
  period,
  onClose,
  onExported,
}: {
  person: Person;
  period: string;
  onClose: () => void;
  /** The sheet is signed now (the screen reloads it). */
  onExported: (result: ExportResult) => void;
}) {
  const { t, lang } = useI18n();
  const identities = useCall('identities.list', {});
  const step = firstStepFor(person.role);
  const [choice, setChoice] = useState<SignerChoice>({ fingerprint: '', passphrase: '', language: lang });
  const [result, setResult] = useState<ExportResult | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const exporter = useAction(() => invoke('sheets.export', { personId: person.id, period, ...choice }));

  const selected = identities.data?.find((i) => i.fingerprint === choice.fingerprint);
  const wrongStep = signsOtherStep(identities.data, choice.fingerprint, step);
  const passphraseError = passphraseProblem(exporter.error) !== null;

  const change = (c: Partial<SignerChoice>) => {
    exporter.clearError();
    setChoice((old) => ({ ...old, ...c }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!selected || wrongStep || choice.passphrase === '' || exporter.busy) return;
    const done = await exporter.run();
    if (done) {
      setChoice((c) => ({ ...c, passphrase: '' }));
      setResult(done);
      onExported(done);
    } else {
      passphraseRef.current?.focus();
      passphraseRef.current?.select();
    }
  };

  return (
    <Dialog open onClose={exporter.busy ? undefined : onClose} maxWidth="sm" fullWidth data-testid="export-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{t.exporting.sheetTitle(person.name, period)}</DialogTitle>
        <DialogContent>
          {result ? (
            <Stack spacing={2} data-testid="export-done">
              <Alert severity="success">{t.exporting.done}</Alert>
              <WrittenTo label={t.exporting.writtenTo} path={result.path} />
              <Box>
                <Button variant="contained" onClick={() => downloadFile(result, 'application/pdf')} data-testid="export-download">
                  {t.exporting.download}
                </Button>
                <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1.5 }}>
                  {result.fileName}
                </Typography>
              </Box>
            </Stack>
          ) : (
            <Stack spacing={2} sx={{ pt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t.exporting.sheetIntro}
              </Typography>
              <SignerFields
                testId="export"
                purpose="export"
                identities={identities}
                step={step}
                value={choice}
                onChange={change}
                language
                warnWrongStep
                passphraseError={passphraseError}
                passphraseRef={passphraseRef}
                autoFocus
                disabled={exporter.busy}
              />
              <ExportFailure error={exporter.error} />
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          {result ? (
            <Button onClick={onClose} autoFocus data-testid="export-close">
              {t.common.close}
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={exporter.busy}>
                {t.common.cancel}
              </Button>
              <Button
                type="submit"
                variant="contained"
                disabled={exporter.busy || !selected || wrongStep || choice.passphrase === ''}
                data-testid="export-confirm"
              >
                {exporter.busy ? t.exporting.signing : t.exporting.confirm}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
