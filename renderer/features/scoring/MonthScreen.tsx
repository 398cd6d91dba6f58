/** Monthly scoring: a month picker and the grid of the user's people for that month. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import LinearProgress from '@mui/material/LinearProgress';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { useLoad } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useRoute } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { MonthGrid } from './MonthGrid.tsx';
import { monthCounts } from './monthColumns.ts';
import { loadMonth, takeArrivedMonth } from './monthData.ts';
import { gridMemory } from './monthGridState.ts';
import { FindingsButton } from './FindingsImport.tsx';

/** The team entry view (its own chunk, with the DataGrid). */
const TeamEntry = lazy(() => import('./TeamEntry.tsx'));

type MonthView = 'list' | 'team';
const VIEW_KEY = 'scorecard.month.view';
function rememberedView(): MonthView {
  try {
    return localStorage.getItem(VIEW_KEY) === 'team' ? 'team' : 'list';
  } catch {
    return 'list';
  }
}

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
  // Statuses saved in the team entry view since the rows were loaded: counted in the summary at once.
  const [saved, setSaved] = useState<{ data: unknown; statuses: ReadonlyMap<number, MonthRow['status']> }>({ data: null, statuses: new Map() });
  const statuses = saved.data === month.data ? saved.statuses : null;
  const counts = useMemo(() => monthCounts(statuses ? rows.map((r) => ({ ...r, status: statuses.get(r.personId) ?? r.status })) : rows), [rows, statuses]);
  // The list, or the team entry view (remembered; Ctrl+E switches).
  const [view, setView] = useState<MonthView>(rememberedView);
  const changed = useRef(false);
  const switchView = (next: MonthView) => {
    setView(next);
    try {
      localStorage.setItem(VIEW_KEY, next);
    } catch {
      // not remembered
    }
    // Back in the list after edits in the team view: its rows are read again.
    if (next === 'list' && changed.current) {
      changed.current = false;
      month.reload();
    }
  };
  const viewRef = useRef(view);
  viewRef.current = view;
  const switchRef = useRef(switchView);
  switchRef.current = switchView;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e' && !document.querySelector('.MuiModal-root')) {
        e.preventDefault();
        switchRef.current(viewRef.current === 'list' ? 'team' : 'list');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const openSheet = (personId: number, order: number[]) => {
    gridMemory.order = { period, ids: order };
    go({ screen: 'sheet', personId, period });
  };

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
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          onChange={(_e, next: MonthView | null) => next && switchView(next)}
          title={t.keys.viewTip}
          data-testid="month-view"
        >
          <ToggleButton value="list" data-testid="view-list">
            {t.keys.viewList}
          </ToggleButton>
          <ToggleButton value="team" data-testid="view-team">
            {t.keys.viewTeam} · Ctrl+E
          </ToggleButton>
        </ToggleButtonGroup>
        <Box sx={{ flexGrow: 1 }} />
        {view === 'list' && (
          <Typography variant="caption" color="text.secondary">
            {t.month.hint}
          </Typography>
        )}
        <FindingsButton period={period} onImported={month.reload} />
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
      {view === 'team' ? (
        <Box sx={{ height: 'calc(100vh - 150px)', minHeight: 360 }}>
          <Suspense fallback={<LinearProgress />}>
            {month.data && (
              <TeamEntry
                period={period}
                rows={rows}
                onOpen={openSheet}
                onChanged={(list) => {
                  changed.current = true;
                  setSaved((before) => {
                    const next = new Map(before.data === month.data ? before.statuses : []);
                    for (const x of list) next.set(x.personId, x.status);
                    return { data: month.data, statuses: next };
                  });
                }}
              />
            )}
          </Suspense>
        </Box>
      ) : (
        <Box data-testid="month-grid" sx={{ height: 'calc(100vh - 150px)', minHeight: 360 }}>
          <MonthGrid rows={rows} loading={month.loading} onOpen={openSheet} />
        </Box>
      )}
    </Stack>
  );
}
