/** Settings: language, who you are, this copy's database, and the audit log. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { AuditEntry } from '../../../shared/api/types.ts';
import { useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { IdentityForm } from '../setup/IdentityForm.tsx';

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={title}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack direction="row" spacing={2}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 140, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography variant="body2" sx={{ wordBreak: 'break-all' }} data-testid={testId}>
        {value}
      </Typography>
    </Stack>
  );
}

export default function SettingsScreen() {
  const { t } = useI18n();
  const { info, refreshInfo } = useApp();
  const regions = useCall('regions.list', {});
  const [saved, setSaved] = useState(false);

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '420px minmax(0, 1fr)' }, alignItems: 'start' }}>
      <Stack spacing={2}>
        <Section title={t.settings.language}>
          <LanguageSwitch />
        </Section>
        <Section title={t.settings.identity}>
          <Stack spacing={1.5}>
            {regions.data && (
              <IdentityForm
                initial={info.user}
                regions={regions.data}
                submitLabel={t.common.save}
                onSaved={async () => {
                  setSaved(true);
                  await refreshInfo();
                }}
              />
            )}
            <FailureAlert error={regions.error} onRetry={regions.reload} />
            {saved && (
              <Alert severity="success" onClose={() => setSaved(false)}>
                {t.settings.identitySaved}
              </Alert>
            )}
          </Stack>
        </Section>
        <Section title={t.settings.about}>
          <Stack spacing={0.75}>
            <Fact label={t.settings.appVersion} value={info.appVersion} />
            <Fact label={t.settings.dbPath} value={info.dbPath} testId="db-path" />
            <Fact label={t.settings.schemaVersion} value={String(info.schemaVersion)} testId="schema-version" />
            <Fact label={t.settings.contents} value={t.settings.counts(info.counts)} />
          </Stack>
        </Section>
      </Stack>
      <AuditLog />
    </Box>
  );
}

function summary(entry: AuditEntry): string {
  const value = entry.after ?? entry.before;
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function AuditLog() {
  const { t, lang } = useI18n();
  const audit = useCall('audit.list', { limit: 200 });
  const entries = audit.data ?? [];
  return (
    <Section
      title={t.settings.audit}
      action={
        <Button onClick={audit.reload} disabled={audit.loading}>
          {t.common.refresh}
        </Button>
      }
    >
      <FailureAlert error={audit.error} onRetry={audit.reload} />
      {audit.data && entries.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t.settings.auditEmpty}
        </Typography>
      )}
      {entries.length > 0 && (
        <TableContainer sx={{ maxHeight: 'calc(100vh - 220px)' }}>
          <Table stickyHeader data-testid="audit-table">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 150 }}>{t.settings.at}</TableCell>
                <TableCell sx={{ width: 100 }}>{t.settings.actor}</TableCell>
                <TableCell sx={{ width: 130 }}>{t.settings.action}</TableCell>
                <TableCell sx={{ width: 150 }}>{t.settings.entity}</TableCell>
                <TableCell>{t.settings.change}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id} hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(e.at, lang)}</TableCell>
                  <TableCell>{e.actor}</TableCell>
                  <TableCell>{e.action}</TableCell>
                  <TableCell>
                    {e.entity} {e.entityId}
                  </TableCell>
                  <TableCell title={JSON.stringify(e.after ?? e.before ?? null)} sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                    {summary(e)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Section>
  );
}
