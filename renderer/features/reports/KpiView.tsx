/**
 * The month's KPIs per person, beside (never inside) the assessment score: plan and actual with
 * the completion they give pay, and every other KPI of shared/kpi.ts that anyone recorded.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import type { MonthFigures } from '../../../shared/api/report-types.ts';
import type { Language, MonthRow } from '../../../shared/api/types.ts';
import { KPIS, planCompletionPercent, type KpiDefinition } from '../../../shared/kpi.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit, type Fit } from '../../app/fit.ts';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { TWO_LINE_HEADERS, twoLineHeader } from './gridHeaders.ts';
import { money, percent, quantity } from './reportFormat.ts';

interface KpiRow extends MonthRow {
  figures: MonthFigures | undefined;
}

function kpiText(k: KpiDefinition, value: number | undefined, lang: Language): string {
  if (value === undefined) return '—';
  if (k.unit === 'percent') return percent(value);
  if (k.unit === 'yuan') return money(value, lang);
  return quantity(value, lang);
}

function columns(t: Messages, lang: Language, fit: Fit, shown: readonly KpiDefinition[]): GridColDef<KpiRow>[] {
  const c = t.reports.kpis.columns;
  const number = (field: string, headerName: string, value: (r: KpiRow) => number | null | undefined, text: (v: number | null | undefined) => string, sample: string): GridColDef<KpiRow> => ({
    field,
    headerName,
    type: 'number',
    width: Math.max(twoLineHeader(fit, headerName), fit.cell([sample])),
    valueGetter: (_v, r) => value(r) ?? null,
    valueFormatter: (v: number | null) => text(v),
  });
  return [
    { field: 'employeeNo', headerName: c.employeeNo, width: Math.max(fit.header(c.employeeNo), fit.cell(['S-0000'])) },
    { field: 'name', headerName: c.name, width: Math.max(fit.header(c.name), fit.cell(['欧阳玥玥'])) },
    { field: 'regionName', headerName: c.region, width: Math.max(fit.header(c.region), fit.cell(['华东区域'])), valueFormatter: (v: string | null) => v ?? '—' },
    number('monthlyScore', c.monthlyScore, (r) => r.monthlyScore, (v) => (v === null || v === undefined ? '—' : String(v)), '100.00'),
    number('completion', c.completion, (r) => (r.figures ? planCompletionPercent(r.figures.kpis) : null), percent, '100.00%'),
    ...shown.map((k) =>
      number(`kpi:${k.id}`, k[lang], (r) => r.figures?.kpis[k.id], (v) => kpiText(k, v ?? undefined, lang), k.unit === 'yuan' ? '1,234,567.00' : k.unit === 'quantity' ? '123,456' : '100.00%'),
    ),
  ];
}

export function KpiView({ period, onPeriod }: { period: string; onPeriod: (period: string) => void }) {
  const { t, lang } = useI18n();
  const fit = useFit();
  const people = useCall('sheets.month', { period });
  const figures = useCall('figures.month', { period });
  const rows = useMemo<KpiRow[]>(() => {
    const byPerson = new Map((figures.data ?? []).map((f) => [f.personId, f]));
    return (people.data ?? []).map((p) => ({ ...p, figures: byPerson.get(p.personId) }));
  }, [people.data, figures.data]);
  // Only the KPIs someone recorded this month get a column (plan and actual always: pay needs them).
  const shown = useMemo(() => KPIS.filter((k) => k.id === 'plan-quantity' || k.id === 'actual-quantity' || rows.some((r) => r.figures?.kpis[k.id] !== undefined)), [rows]);
  const cols = useMemo(() => columns(t, lang, fit, shown), [t, lang, fit, shown]);
  const recorded = rows.filter((r) => r.figures && Object.keys(r.figures.kpis).length > 0).length;
  return (
    <Stack spacing={1.5} data-testid="kpi-view">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <MonthPicker value={period} onChange={onPeriod} />
        <Box sx={{ color: 'text.secondary', typography: 'body2' }}>{t.reports.kpis.summary(recorded, rows.length)}</Box>
      </Stack>
      <Alert severity="info" variant="outlined">
        {t.reports.kpis.separate}
      </Alert>
      <FailureAlert error={people.error ?? figures.error} onRetry={() => (people.reload(), figures.reload())} />
      <Box data-testid="kpi-grid" sx={{ height: 'calc(100vh - 330px)', minHeight: 320 }}>
        <DataGrid
          rows={rows}
          columns={cols}
          getRowId={(r) => r.personId}
          loading={people.loading || figures.loading}
          density="compact"
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } } }}
          disableRowSelectionOnClick
          columnHeaderHeight={TWO_LINE_HEADERS.columnHeaderHeight}
          sx={{ bgcolor: 'background.paper', ...TWO_LINE_HEADERS.sx }}
        />
      </Box>
    </Stack>
  );
}
