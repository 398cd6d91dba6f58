/** Settings: language, who you are, this copy's database and its backups, and the audit log. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type ComponentType } from 'react';
import { useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { IdentityForm } from '../../app/IdentityForm.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { Section } from '../../app/Section.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AuditLog } from './AuditLog.tsx';
import { BackupsSection } from './BackupsSection.tsx';

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

/** What other features put on this screen; the shell (app/screens.ts) passes them in. */
export interface SettingsScreenParts {
  /** The pay settings' versions (figures). */
  PaySettingsSection: ComponentType;
}

export default function SettingsScreen({ PaySettingsSection }: SettingsScreenParts) {
  const { t } = useI18n();
  const { info, refreshInfo } = useApp();
  const regions = useCall('regions.list', {});
  const [saved, setSaved] = useState(false);
  // Bumped by a restore: the forms and lists below start again from the restored database.
  const [generation, setGeneration] = useState(0);

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
                key={generation}
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
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <BackupsSection
          onRestored={() => {
            setSaved(false);
            setGeneration((g) => g + 1);
            regions.reload();
          }}
        />
        <PaySettingsSection key={`pay ${generation}`} />
        <AuditLog key={generation} regions={regions.data ?? []} />
      </Stack>
    </Box>
  );
}
