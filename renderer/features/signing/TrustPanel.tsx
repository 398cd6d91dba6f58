/** Trusted signers: the certificates whose signatures this app accepts; add one from a file, remove one. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { CHAIN_ROLES, type ChainRole, type TrustedSignerInfo } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, type Loaded } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { DeleteIcon, UploadIcon } from '../../app/icons.tsx';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Section } from '../../app/Section.tsx';
import { hasExtension, readAsBase64, shortFingerprint } from '../../app/files.ts';
import { Fingerprint } from '../../app/Fingerprint.tsx';
import { SignerTable } from './SignerTable.tsx';
import { fingerprintCode } from '../../../shared/fingerprint.ts';

const CERT_ACCEPT = '.cer,.crt,.pem';

export function TrustPanel({ trusted }: { trusted: Loaded<TrustedSignerInfo[]> }) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<ChainRole | ''>('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [added, setAdded] = useState<TrustedSignerInfo | null>(null);
  const [removing, setRemoving] = useState<TrustedSignerInfo | null>(null);
  const adder = useAction(async (file: File) =>
    invoke('trust.add', { fileName: file.name, dataBase64: await readAsBase64(file), ...(role ? { role } : {}) }),
  );
  const remover = useAction((fingerprint: string) => invoke('trust.remove', { fingerprint }));
  const rows = trusted.data ?? [];

  const choose = async (file: File | undefined) => {
    setAdded(null);
    setFileError(null);
    adder.clearError();
    if (!file) return;
    if (!hasExtension(file.name, CERT_ACCEPT)) return setFileError(t.signing.wrongType(CERT_ACCEPT));
    const result = await adder.run(file);
    if (result) {
      setAdded(result);
      trusted.reload();
    }
  };

  const confirmRemove = async () => {
    if (!removing) return;
    const removed = await remover.run(removing.fingerprint);
    if (removed) {
      setRemoving(null);
      setAdded(null);
      trusted.reload();
    }
  };

  return (
    <Section
      title={t.signing.trusted}
      action={
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <SelectField
            size="small"
            label={t.signing.trustRole}
            value={role}
            onChange={(v) => setRole(v as ChainRole | '')}
            options={[{ value: '', label: t.signing.roleFromCert }, ...CHAIN_ROLES.map((r) => ({ value: r, label: t.chainRoles[r] }))]}
            testId="trust-add-role"
            sx={{ minWidth: 160 }}
          />
          <Button variant="contained" startIcon={<UploadIcon />} onClick={() => input.current?.click()} disabled={adder.busy} data-testid="trust-add">
            {t.signing.addCert}
          </Button>
          <input
            ref={input}
            type="file"
            accept={CERT_ACCEPT}
            hidden
            data-testid="trust-add-input"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </Stack>
      }
    >
      <Stack spacing={1.5}>
        <Typography variant="body2" color="text.secondary">
          {t.signing.trustedHint}
        </Typography>
        {fileError && (
          <Alert severity="error" onClose={() => setFileError(null)}>
            {fileError}
          </Alert>
        )}
        <FailureAlert error={adder.error} onClose={adder.clearError} />
        {added && (
          <Alert severity="success" onClose={() => setAdded(null)} data-testid="trust-added">
            {t.signing.addedMsg(added.name)} {t.signing.phoneCodeHint(fingerprintCode(added.fingerprint))}
          </Alert>
        )}
        <FailureAlert error={trusted.error} onRetry={trusted.reload} />
        {trusted.data && rows.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t.signing.trustedEmpty}
          </Typography>
        )}
        {rows.length > 0 && (
          <SignerTable
            rows={rows}
            testId="trust-table"
            dateLabel={t.signing.added}
            date={(signer) => dateTime(signer.addedAt, lang)}
            action={(signer) => (
              <Button
                size="small"
                color="error"
                startIcon={<DeleteIcon />}
                onClick={() => {
                  remover.clearError();
                  setRemoving(signer);
                }}
                data-testid={`trust-remove-${shortFingerprint(signer.fingerprint)}`}
              >
                {t.common.remove}
              </Button>
            )}
          />
        )}
      </Stack>
      <Dialog open={removing !== null} onClose={remover.busy ? undefined : () => setRemoving(null)} maxWidth="xs" fullWidth>
        <DialogTitle>{t.signing.removeTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            {removing && (
              <>
                <DialogContentText>{t.signing.removeText(removing.name, t.chainRoles[removing.role])}</DialogContentText>
                <Fingerprint value={removing.fingerprint} />
              </>
            )}
            <FailureAlert error={remover.error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRemoving(null)} disabled={remover.busy}>
            {t.common.cancel}
          </Button>
          <Button color="error" variant="contained" onClick={() => void confirmRemove()} disabled={remover.busy} data-testid="trust-remove-confirm">
            {t.signing.remove}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}
