/**
 * Settings → Backups: the database's backups (automatic daily and before updates, by hand, before
 * a restore), "Back up now", and restore with a confirmation. A restore takes effect at once in
 * the backend (the open database is replaced in one transaction; the state before is kept as a
 * backup), so the app's facts are refreshed afterwards.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BackupInfo, RestoreResult } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { SaveIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Section } from '../../app/Section.tsx';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A test id for a backup: its time stamp and kind, as in its file name. */
export function backupTestId(name: string): string {
  return name.replace(/\.db$/, '').replace(/^.*?-(daily|pre-migration|manual|pre-restore)-/, '$1-');
}

export function BackupsSection({ onRestored }: { onRestored?: () => void }) {
  const { t, lang } = useI18n();
  const { refreshInfo } = useApp();
  const list = useCall('backups.list', {});
  const [created, setCreated] = useState<BackupInfo | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<{ result: RestoreResult; when: string } | null>(null);
  const creator = useAction(() => invoke('backups.create', {}));
  const restorer = useAction((name: string) => invoke('backups.restore', { name }));

  const create = async () => {
    setRestored(null);
    const made = await creator.run();
    if (made) {
      setCreated(made);
      list.reload();
    }
  };
  const restore = async () => {
    if (!confirming) return;
    const result = await restorer.run(confirming.name);
    if (result) {
      setRestored({ result, when: dateTime(confirming.createdAt, lang) });
      setCreated(null);
      setConfirming(null);
      list.reload();
      await refreshInfo();
      onRestored?.();
    }
  };
  const backups = list.data?.backups ?? [];

  return (
    <Section
      title={t.backups.title}
      action={
        <Button size="small" variant="outlined" startIcon={<SaveIcon />} onClick={() => void create()} disabled={creator.busy} data-testid="backup-create">
          {creator.busy ? t.backups.creating : t.backups.create}
        </Button>
      }
    >
      <Stack spacing={1.5} data-testid="backups">
        <Typography variant="body2" color="text.secondary">
          {t.backups.help}
        </Typography>
        {list.data?.folder && (
          <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
            {t.backups.folder}: <span data-testid="backup-folder">{list.data.folder}</span>
          </Typography>
        )}
        <FailureAlert error={creator.error} onClose={creator.clearError} />
        {created && (
          <Alert severity="success" onClose={() => setCreated(null)} data-testid="backup-created">
            {t.backups.created(created.name)}
          </Alert>
        )}
        {restored && (
          <Alert severity="success" onClose={() => setRestored(null)} data-testid="backup-restored">
            {t.backups.restored(restored.when, restored.result.keptAs)}
          </Alert>
        )}
        <FailureAlert error={list.error} onRetry={list.reload} />
        {list.data && backups.length === 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="backups-empty">
            {t.backups.empty}
          </Typography>
        )}
        {backups.length > 0 && (
          <Table size="small" data-testid="backups-table">
            <TableHead>
              <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                <TableCell>{t.backups.columns.when}</TableCell>
                <TableCell>{t.backups.columns.kind}</TableCell>
                <TableCell align="right">{t.backups.columns.size}</TableCell>
                <TableCell align="right">{t.backups.columns.schema}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {backups.map((b) => (
                <TableRow key={b.name} data-testid={`backup-row-${backupTestId(b.name)}`} title={b.name}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(b.createdAt, lang)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t.backups.kinds[b.kind]}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {size(b.bytes)}
                  </TableCell>
                  <TableCell align="right">{b.schemaVersion}</TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      onClick={() => {
                        restorer.clearError();
                        setConfirming(b);
                      }}
                      data-testid={`backup-restore-${backupTestId(b.name)}`}
                    >
                      {t.backups.restore}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
      <Dialog open={confirming !== null} onClose={restorer.busy ? undefined : () => setConfirming(null)} maxWidth="xs" fullWidth data-testid="backup-restore-dialog">
        <DialogTitle>{t.backups.restoreTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            {confirming && <DialogContentText>{t.backups.restoreText(dateTime(confirming.createdAt, lang))}</DialogContentText>}
            <FailureAlert error={restorer.error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)} disabled={restorer.busy}>
            {t.common.cancel}
          </Button>
          <Button color="warning" variant="contained" onClick={() => void restore()} disabled={restorer.busy} data-testid="backup-restore-confirm">
            {restorer.busy ? t.backups.restoring : t.backups.restoreConfirm}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}
