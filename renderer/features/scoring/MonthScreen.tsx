/** Monthly scoring: a month picker and the grid of the user's people for that month. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Suspense, useMemo, useState, type ComponentType } from 'react';
import { useLoad } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useRoute } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { MonthGrid } from './MonthGrid.tsx';
import { monthCounts } from './monthColumns.ts';
import { loadMonth, takeArrivedMonth } from './monthData.ts';

export interface MonthScreenProps {
  period: string;
}

/** What other features put on this screen; the shell (app/screens.ts) passes them in. */
export interface MonthScreenParts {
  /** Export a month (exporting): may suspend (a lazy chunk, fetched on the first press of the button). */
  MonthExportDialog: ComponentType<{ open: boolean; period: string; onClose: () => void; onFinished: () => void }>;
}

export default function MonthScreen({ period, MonthExportDialog }: MonthScreenProps & MonthScreenParts) {
  const t = useT();
  const [, go] = useRoute();
  const month = useLoad(`sheets.month ${period}`, () => loadMonth(period), () => takeArrivedMonth(period));
  /** null until first opened; then kept mounted, so a running export is still followed when closed. */
  const [exportOpen, setExportOpen] = useState<boolean | null>(null);
  const rows = useMemo(() => month.data ?? [], [month.data]);
  const counts = useMemo(() => monthCounts(rows), [rows]);

  return (
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2">
          {t.month.title}
        </Typography>
        <MonthPicker value={period} onChange={(p) => go({ screen: 'scoring', period: p })} />
        {month.data && (
          <Typography variant="body2" color="text.secondary" data-testid="month-summary">
            {t.month.summary(counts)}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="caption" color="text.secondary">
          {t.month.hint}
        </Typography>
        <Button variant="outlined" onClick={() => setExportOpen(true)} data-testid="month-export">
          {t.exporting.monthButton}
        </Button>
      </Stack>
      {exportOpen !== null && (
        <Suspense fallback={null}>
          <MonthExportDialog key={period} open={exportOpen} period={period} onClose={() => setExportOpen(false)} onFinished={month.reload} />
        </Suspense>
      )}
      <FailureAlert error={month.error} onRetry={month.reload} />
      {month.data && !month.loading && rows.length === 0 && (
        <Alert severity="info" data-testid="month-empty">
          {t.month.empty}
        </Alert>
      )}
      <Box data-testid="month-grid" sx={{ height: 'calc(100vh - 150px)', minHeight: 360 }}>
        <MonthGrid rows={rows} loading={month.loading} onOpen={(personId) => go({ screen: 'sheet', personId, period })} />
      </Box>
    </Stack>
  );
}
