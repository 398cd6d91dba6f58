/** The annual scores of a year: 12 monthly scores (missing ones marked), the annual score, missing count and rank; files for HR. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { AnnualReport, AnnualRow } from '../../../shared/api/report-types.ts';
import type { Language } from '../../../shared/api/types.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit, type Fit } from '../../app/fit.ts';
import { score } from '../../app/format.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { twoLineHeader } from './gridHeaders.ts';
import { ReportDownloads } from './ReportDownloads.tsx';
import { ReportGrid } from './ReportGrid.tsx';
import { yearOf } from './reportFormat.ts';

type Basis = AnnualReport['basis'];
const BASES: readonly Basis[] = ['approved', 'all'];

/** The basis last chosen, kept while visiting other screens. */
let lastBasis: Basis = 'approved';

/** The years offered: this year and five back, plus the chosen one. */
function yearOptions(year: number, today = new Date()): number[] {
  const years = Array.from({ length: 6 }, (_, i) => today.getFullYear() - i);
  if (!years.includes(year)) years.push(year);
  return years.sort((a, b) => b - a);
}

export function AnnualView({ period, onPeriod }: { period: string; onPeriod: (period: string) => void }) {
  const { t, lang } = useI18n();
  const fit = useFit();
  const year = yearOf(period);
  const [basis, setBasisState] = useState<Basis>(lastBasis);
  const setBasis = (b: Basis) => setBasisState((lastBasis = b));
  const report = useCall('reports.annual', { year, basis });
  const data = report.data?.year === year && report.data.basis === basis ? report.data : undefined;
  const columns = useMemo(() => annualColumns(t, lang, fit), [t, lang, fit]);
  const ta = t.reports.annual;
  return (
    <Stack spacing={1.5} data-testid="annual-view">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <SelectField
          label={t.reports.year}
          value={String(year)}
          options={yearOptions(year).map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(y) => onPeriod(`${y}${period.slice(4)}`)}
          testId="annual-year"
          sx={{ width: 110 }}
        />
        <SelectField
          label={ta.basis}
          value={basis}
          options={BASES.map((b) => ({ value: b, label: ta.bases[b] }))}
          onChange={(b) => setBasis(b as Basis)}
          testId="annual-basis"
          sx={{ width: fit.select(BASES.map((b) => ta.bases[b])) }}
        />
        <Box sx={{ flexGrow: 1 }} />
        <ReportDownloads file={{ report: 'annual', year, basis }} formats={['xlsx', 'csv', 'pdf']} />
      </Stack>
      <FailureAlert error={report.error} onRetry={report.reload} />
      {data && data.rows.length === 0 && <Alert severity="info">{ta.empty}</Alert>}
      <Typography variant="caption" color="text.secondary">
        {ta.rule}
      </Typography>
      <ReportGrid
        testId="annual-grid"
        height="calc(100vh - 250px)"
        // 工号 beside each name (two people may share one); December still fits a 1280-wide laptop.
        showEmployeeNo
        // A row grows where its role wraps.
        getRowHeight={() => 'auto'}
        rows={data?.rows ?? []}
        columns={columns}
        loading={report.loading}
        sx={{
          ...TIGHT_CELLS,
          '& .annual-score': { fontWeight: 600 },
          '& .annual-missing': { bgcolor: 'rgba(211, 47, 47, 0.08)', color: 'error.main', fontWeight: 600 },
        }}
      />
    </Stack>
  );
}

function monthNames(lang: Language): string[] {
  const f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
}

/** Cells padded 6 px a side, not the fitted 10 (as the pay grid's): 工号 and twelve months on a 1280-wide laptop. */
const TIGHT_CELLS = { '& .MuiDataGrid-cell, & .MuiDataGrid-columnHeader': { px: '6px' } } as const;
const TIGHTER = 8;

function annualColumns(t: Messages, lang: Language, fit: Fit): GridColDef<AnnualRow>[] {
  return fittedColumns(t, lang, fit).map((col) => ({
    ...col,
    ...(col.width !== undefined ? { width: col.width - TIGHTER } : {}),
    ...(col.minWidth !== undefined ? { minWidth: col.minWidth - TIGHTER } : {}),
  }));
}

function fittedColumns(t: Messages, lang: Language, fit: Fit): GridColDef<AnnualRow>[] {
  const c = { ...t.reports.columns, ...t.reports.annual.columns };
  const missingWord = t.reports.annual.missingMonth;
  const header = (label: string, min = 0) => Math.max(min, fit.header(label));
  const monthWidth = Math.max(fit.cell(['99.99', '100']), ...monthNames(lang).map((m) => fit.header(m)));
  // A missing month: a red "—" on a red tint (the word in its tooltip), so a row's gaps stand out.
  const months: GridColDef<AnnualRow>[] = monthNames(lang).map((name, i) => ({
    field: `m${i + 1}`,
    headerName: name,
    type: 'number',
    width: monthWidth,
    valueGetter: (_v, row) => row.months[i] ?? null,
    cellClassName: ({ value }) => (value === null || value === undefined ? 'annual-missing' : ''),
    renderCell: ({ value }: { value?: number | null }) =>
      value === null || value === undefined ? (
        <span data-missing="true" title={missingWord} aria-label={missingWord}>
          —
        </span>
      ) : (
        score(value)
      ),
  }));
  return [
    { field: 'employeeNo', headerName: c.employeeNo, width: header(c.employeeNo, fit.cell(['S-1000'])) },
    { field: 'name', headerName: c.name, minWidth: header(c.name, fit.cell(['欧阳娜娜'])), flex: 1 },
    { field: 'regionName', headerName: c.region, minWidth: header(c.region, fit.cell(['华东区'])), flex: 1, valueGetter: (v: string | null) => v ?? '' },
    {
      field: 'role',
      headerName: c.role,
      // As wide as the longest word of a role: a long role ("Field service representative") wraps in its row, so December stays on a laptop's screen.
      width: Math.max(fit.cell(Object.values(t.roles).flatMap((r) => r.split(' '))), header(c.role)),
      valueGetter: (_v, row) => t.roles[row.role],
      renderCell: ({ formattedValue }) => (
        <Typography variant="body2" component="div" sx={{ whiteSpace: 'normal', lineHeight: 1.25, py: 0.5 }}>
          {String(formattedValue ?? '')}
        </Typography>
      ),
    },
    { field: 'annualScore', headerName: c.annual, type: 'number', width: Math.max(twoLineHeader(fit, c.annual), fit.cell(['99.99', '100'])), cellClassName: 'annual-score', valueFormatter: (v: number) => score(v) },
    {
      field: 'missingCount',
      headerName: c.missing,
      type: 'number',
      width: Math.max(twoLineHeader(fit, c.missing), fit.cell(['12'])),
      valueGetter: (_v, row) => row.missing.length,
      renderCell: ({ value }: { value?: number }) => (value ? <Box sx={{ color: 'error.main', fontWeight: 600 }}>{value}</Box> : value),
    },
    {
      field: 'rank',
      headerName: c.rank,
      description: t.reports.annual.rankHelp,
      type: 'number',
      width: header(c.rank, fit.cell(['999 / 999'])),
      valueFormatter: (v: number, row) => `${v} / ${row.rankOf}`,
    },
    ...months,
  ];
}
