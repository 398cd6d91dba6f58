/** My signing identities: the table, create, import a PKCS#12 and export a certificate. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { IdentityInfo } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, type Loaded } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { AddIcon, UploadIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Section } from '../../app/Section.tsx';
import { CreateIdentityDialog, ImportIdentityDialog } from './IdentityDialogs.tsx';
import { downloadFile, shortFingerprint } from '../../app/files.ts';
import { SignerTable } from './SignerTable.tsx';

export function IdentitiesPanel({ identities, onChanged }: { identities: Loaded<IdentityInfo[]>; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const exporter = useAction(async (fingerprint: string) => {
    const file = await invoke('identities.exportCertificate', { fingerprint, format: 'der' });
    downloadFile(file, 'application/pkix-cert');
    return file;
  });
  const rows = identities.data ?? [];
  const done = () => {
    setDialog(null);
    onChanged();
  };

  return (
    <Section
      title={t.signing.identities}
      action={
        <Stack direction="row" spacing={1}>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('create')} data-testid="identity-create">
            {t.signing.create}
          </Button>
          <Button startIcon={<UploadIcon />} onClick={() => setDialog('import')} data-testid="identity-import">
            {t.signing.importP12}
          </Button>
        </Stack>
      }
    >
      <Stack spacing={1.5}>
        <Typography variant="body2" color="text.secondary">
          {t.signing.identitiesHint}
        </Typography>
        <FailureAlert error={identities.error} onRetry={identities.reload} />
        <FailureAlert error={exporter.error} onClose={exporter.clearError} />
        {identities.data && rows.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t.signing.identitiesEmpty}
          </Typography>
        )}
        {rows.length > 0 && (
          <SignerTable
            rows={rows}
            testId="identities-table"
            dateLabel={t.signing.created}
            date={(identity) => (
              <>
                {dateTime(identity.createdAt, lang)}
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.signing.source[identity.source]}
                </Typography>
              </>
            )}
            action={(identity) => (
              <Button
                size="small"
                onClick={() => void exporter.run(identity.fingerprint)}
                disabled={exporter.busy}
                data-testid={`identity-export-${shortFingerprint(identity.fingerprint)}`}
              >
                {t.signing.exportCert}
              </Button>
            )}
          />
        )}
      </Stack>
      {dialog === 'create' && <CreateIdentityDialog onClose={() => setDialog(null)} onCreated={done} />}
      {dialog === 'import' && <ImportIdentityDialog onClose={() => setDialog(null)} onImported={done} />}
    </Section>
  );
}
