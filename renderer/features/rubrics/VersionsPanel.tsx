/**
 * The versions of a role's rubric (each with the month it is in force from and its short hash),
 * each publishable as a rubric file signed by a sales planning identity (a PDF), and importing a
 * rubric file HQ handed out (for every chain role): accepted only when signed by a trusted sales
 * planning signer, who is named (docs/trust.md, "Rubrics").
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useRef, useState, type FormEvent } from 'react';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { BUILTIN_RUBRICS, resolveRubric } from '../../../shared/rubric/catalog.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { HiddenFileInput } from '../../app/FileImport.tsx';
import { DownloadIcon, UploadIcon } from '../../app/icons.tsx';
import { useI18n, useT } from '../../i18n/index.tsx';
import { downloadFile, readAsBase64, shortFingerprint } from '../../app/files.ts';
import { passphraseProblem, SignerFields, type SignerChoice } from '../../app/SignerFields.tsx';

/** "sha256:1a2b3c4d5e6f…" → "1a2b3c4d5e6f": enough to tell versions apart at a glance. */
export const shortHash = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 12);
const ref = (r: Rubric) => `${r.id}@${r.version}`;

export function VersionsPanel({ versions, period }: { versions: readonly Rubric[]; period: string }) {
  const t = useT().rubricEditor;
  const [exported, setExported] = useState<{ fileName: string; hash: string } | null>(null);
  const [publishing, setPublishing] = useState<Rubric | null>(null);
  const current = versions.length ? resolveRubric(versions[0]!.id, period, versions) : null;
  const builtin = (r: Rubric) => BUILTIN_RUBRICS.some((b) => b.hash === r.hash);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="rubric-versions">
      <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
        {t.versions}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t.versionCol}</TableCell>
              <TableCell>{t.effectiveCol}</TableCell>
              <TableCell>{t.hashCol}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {versions.map((r) => (
              <TableRow key={ref(r)} data-testid={`rubric-version-${r.version}`}>
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <span>{ref(r)}</span>
                    {current?.ok && current.rubric.version === r.version && <Chip size="small" color="primary" label={t.inForceIn(period)} />}
                    {builtin(r) && <Chip size="small" variant="outlined" label={t.builtIn} />}
                  </Stack>
                </TableCell>
                <TableCell data-testid={`rubric-version-${r.version}-from`}>{r.effectiveFrom}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }} title={r.hash} data-testid={`rubric-version-${r.version}-hash`}>
                  {shortHash(r.hash)}
                </TableCell>
                <TableCell align="right">
                  <Button size="small" startIcon={<DownloadIcon />} onClick={() => setPublishing(r)} data-testid={`rubric-export-${r.version}`}>
                    {t.exportJson}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {exported && (
        <Alert severity="success" sx={{ mt: 1 }} onClose={() => setExported(null)} data-testid="rubric-exported">
          {t.exported(exported.fileName)} · {t.hash}: <span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{exported.hash}</span>
        </Alert>
      )}
      {publishing && (
        <PublishDialog
          rubric={publishing}
          onClose={(file) => {
            setPublishing(null);
            if (file) setExported({ fileName: file.fileName, hash: publishing.hash });
          }}
        />
      )}
    </Paper>
  );
}

/** Sign a version as a rubric file with one of this app's sales planning identities, and download it. */
function PublishDialog({ rubric, onClose }: { rubric: Rubric; onClose: (file: { fileName: string } | null) => void }) {
  const { t, lang } = useI18n();
  const te = t.rubricEditor;
  const identities = useCall('identities.list', {});
  const [signer, setSigner] = useState<SignerChoice>({ fingerprint: '', passphrase: '', language: lang });
  const exporter = useAction(() => invoke('rubrics.export', { id: rubric.id, version: rubric.version, fingerprint: signer.fingerprint, passphrase: signer.passphrase, language: signer.language }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!signer.fingerprint || signer.passphrase === '') return;
    const file = await exporter.run();
    if (!file) return;
    downloadFile(file, 'application/pdf');
    onClose(file);
  };
  return (
    <Dialog open onClose={exporter.busy ? undefined : () => onClose(null)} maxWidth="sm" fullWidth data-testid="rubric-publish-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{te.publishTitle(ref(rubric))}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 0.5 }}>
            <Typography variant="body2" color="text.secondary">
              {te.publishHint}
            </Typography>
            <SignerFields
              testId="rubric-publish"
              purpose="export"
              identities={identities}
              step="planning"
              value={signer}
              onChange={(c) => setSigner((s) => ({ ...s, ...c }))}
              language
              warnWrongStep
              passphraseError={passphraseProblem(exporter.error) !== null}
              disabled={exporter.busy}
            />
            <FailureAlert error={exporter.error} onClose={exporter.clearError} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(null)} disabled={exporter.busy}>
            {t.common.cancel}
          </Button>
          <Button type="submit" variant="contained" disabled={exporter.busy || !signer.fingerprint || signer.passphrase === ''} data-testid="rubric-publish-confirm">
            {te.publish}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Import a rubric JSON file: shows its hash, and whether it was new or the same as a version already here. */
export function ImportRubric({ known, onImported }: { known: readonly Rubric[]; onImported: () => void }) {
  const t = useT().rubricEditor;
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<{ rubric: Rubric; same: boolean; signer: { name: string; fingerprint: string } } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const importer = useAction(async (file: File) => {
    const { signer, ...rubric } = await invoke('rubrics.import', { fileName: file.name, dataBase64: await readAsBase64(file) });
    setOutcome({ rubric, same: known.some((r) => r.hash === rubric.hash), signer });
    onImported();
  });
  const choose = (file: File | undefined) => {
    setOutcome(null);
    setFileError(null);
    importer.clearError();
    if (!file) return;
    if (!/\.pdf$/i.test(file.name)) return setFileError(t.wrongType);
    void importer.run(file);
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="outlined" startIcon={<UploadIcon />} disabled={importer.busy} onClick={() => input.current?.click()} data-testid="rubric-import">
          {importer.busy ? t.importing : t.importJson}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t.importHint}
        </Typography>
        <HiddenFileInput ref={input} accept=".pdf,application/pdf" testId="rubric-import-input" onFile={choose} />
      </Stack>
      {fileError && <Alert severity="error">{fileError}</Alert>}
      <FailureAlert error={importer.error} onClose={importer.clearError} />
      {outcome && (
        <Alert severity={outcome.same ? 'info' : 'success'} onClose={() => setOutcome(null)} data-testid="rubric-imported">
          {outcome.same ? t.sameAs(ref(outcome.rubric)) : t.imported(ref(outcome.rubric), outcome.rubric.effectiveFrom)}
          <br />
          {t.signedBy(outcome.signer.name, shortFingerprint(outcome.signer.fingerprint))}
          <br />
          {t.hash}: <span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{outcome.rubric.hash}</span>
        </Alert>
      )}
    </Stack>
  );
}
