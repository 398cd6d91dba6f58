/** First run: who are you? Offers the demo organisation when the database has no people. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useT } from '../../i18n/index.tsx';
import { IdentityForm } from '../../app/IdentityForm.tsx';

/** `onDataChanged`: the people or the user changed (the shell drops what it fetched at start). */
export default function SetupScreen({ onDataChanged }: { onDataChanged: () => void }) {
  const t = useT();
  const { info, refreshInfo } = useApp();
  const regions = useCall('regions.list', {});
  const [loaded, setLoaded] = useState<{ regions: number; people: number; sheets: number } | null>(null);
  const demo = useAction(async () => {
    const counts = await invoke('demo.load', {});
    setLoaded(counts);
    onDataChanged();
    regions.reload();
    await refreshInfo();
    return counts;
  });

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 520, p: 3 }}>
        <Stack spacing={2.5}>
          <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
              {t.app.productName}
            </Typography>
            <LanguageSwitch />
          </Stack>
          <Box>
            <Typography variant="h6" component="h2">
              {t.setup.title}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t.setup.intro}
            </Typography>
          </Box>

          {info.counts.people === 0 && !loaded && (
            <Alert severity="info" data-testid="demo-offer">
              <Stack spacing={1}>
                <Typography variant="subtitle2">{t.setup.demoTitle}</Typography>
                <Typography variant="body2">{t.setup.demoText}</Typography>
                <Box>
                  <Button variant="outlined" onClick={() => void demo.run()} disabled={demo.busy} data-testid="demo-load">
                    {t.setup.demoButton}
                  </Button>
                </Box>
                {demo.busy && (
                  <Box role="status" aria-live="polite">
                    <Typography variant="caption">{t.setup.demoBusy}</Typography>
                    <LinearProgress />
                  </Box>
                )}
              </Stack>
            </Alert>
          )}
          {loaded && (
            <Alert severity="success" data-testid="demo-done">
              {t.setup.demoDone(loaded)}
            </Alert>
          )}
          <FailureAlert error={demo.error} onClose={demo.clearError} />
          <FailureAlert error={regions.error} onRetry={regions.reload} />

          <IdentityForm
            initial={null}
            regions={regions.data ?? []}
            submitLabel={t.setup.save}
            onSaved={async () => {
              onDataChanged();
              await refreshInfo();
            }}
          />
        </Stack>
      </Paper>
    </Box>
  );
}
