/** Route `#/sheet/<personId>/<period>`: loads the sheet (sheets.get) and opens the editor. */
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { invoke } from '../../api/client.ts';
import { useCall, useLoad } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { ArrowBackIcon } from '../../app/icons.tsx';
import { useRoute } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { SheetEditor } from './SheetEditor.tsx';

export default function SheetScreen({ personId, period }: { personId: number; period: string }) {
  const t = useT();
  const [, go] = useRoute();
  const [round, setRound] = useState(0);
  const sheet = useLoad(`sheets.get ${personId} ${period} ${round}`, () => invoke('sheets.get', { personId, period }));
  const regions = useCall('regions.list', {});

  if (sheet.loading || (!sheet.data && !sheet.error)) return <LinearProgress />;
  if (!sheet.data) {
    return (
      <Stack spacing={2}>
        <div>
          <Button startIcon={<ArrowBackIcon />} onClick={() => go({ screen: 'scoring', period })} data-testid="back-button">
            {t.sheet.back}
          </Button>
        </div>
        <FailureAlert error={sheet.error} onRetry={sheet.reload} />
      </Stack>
    );
  }
  const record = sheet.data;
  const region = regions.data?.find((r) => r.id === record.person.regionId);
  return <SheetEditor key={round} record={record} regionName={region?.name ?? null} onReload={() => setRound((r) => r + 1)} />;
}
