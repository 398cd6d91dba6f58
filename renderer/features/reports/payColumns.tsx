/** The pay grid's columns: who, what went in (salary, plan, actual, score) and the pay parts. */
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import type { PayRow } from '../../../shared/api/report-types.ts';
import type { Language } from '../../../shared/api/types.ts';
import { planCompletionPercent } from '../../../shared/kpi.ts';
import { SCORE_FIELD, type ScoreRateSource } from '../../../shared/pay.ts';
import { measureText, type Fit } from '../../app/fit.ts';
import { TEXT } from '../../app/palette.ts';
import { score } from '../../app/format.ts';
import type { Messages } from '../../i18n/index.tsx';
import { StatusChip } from '../../app/StatusChip.tsx';
import { MONTH_STATUSES } from '../../app/statuses.ts';
import { twoLineHeader } from './gridHeaders.ts';
import { money, percent, quantity } from './reportFormat.ts';

type PayPart = 'base' | 'plan' | 'assessment' | 'bonus' | 'total';

/** The pay grid's cells are padded 6 px a side instead of the 10 px a fitted width allows for: each column is this much narrower. */
const TIGHTER = 8;
/** The pay grid's cell and header padding, to go with TIGHTER. */
export const PAY_GRID_SX = { '& .MuiDataGrid-cell, & .MuiDataGrid-columnHeader': { px: '6px' } } as const;

/** The 待确认 marker under a plan or actual from a signed sheet: caption size, semibold. */
const MARKER_SIZE = '0.6875rem';
const MARKER_FONT = `600 ${MARKER_SIZE} ${TEXT.fontFamily}`;
/** The pay grid's cell padding (PAY_GRID_SX) and a pixel of border. */
const CELL_PADDING = 14;

/** A cell's text that wraps at spaces in its row (the row grows to fit). */
function Wrapping({ text }: { text: string }) {
  return (
    <Typography variant="body2" component="div" sx={{ whiteSpace: 'normal', lineHeight: 1.25, py: 0.5 }}>
      {text}
    </Typography>
  );
}

/** Why a row has no pay, in words ("no score sheet · no salary total"). */
export function missingText(t: Messages, row: PayRow): string {
  return row.missing.map((m) => t.reports.pay.missing[m]).join(' · ');
}

/** The columns; the score shown is the one the month's rate used (the daily-work score or the monthly score). */
export function payColumns(t: Messages, lang: Language, fit: Fit, scoreRate: ScoreRateSource, flagged = false, amended = false): GridColDef<PayRow>[] {
  const c = { ...t.reports.columns, ...t.reports.pay.columns };
  const scoreField = SCORE_FIELD[scoreRate];
  const header = (label: string, min = 0) => Math.max(min, fit.header(label));
  // Number columns: as wide as a salary-sized amount, or their header on two lines.
  const moneyWidth = (label: string) => Math.max(twoLineHeader(fit, label), fit.cell([money(99_999.99, lang)]));
  const numberWidth = (label: string) => Math.max(twoLineHeader(fit, label), fit.cell(['9,999']));
  // Plan and actual from a signed sheet, not confirmed: the figure with 待确认 under it (the column as wide as the word, when some row has it).
  const marker = t.figures.fromSheets.marker;
  const quantityWidth = (label: string) => Math.max(numberWidth(label), flagged ? measureText(marker, MARKER_FONT) + CELL_PADDING : 0);
  const quantityColumn = (field: 'plan' | 'actual', label: string): GridColDef<PayRow> => ({
    field,
    headerName: label,
    type: 'number',
    width: quantityWidth(label),
    valueFormatter: (v: number | null) => quantity(v, lang),
    renderCell: ({ row, formattedValue }) =>
      row.unconfirmed.includes(field) ? (
        <Stack sx={{ alignItems: 'flex-end', lineHeight: 1.2, py: 0.5 }} data-unconfirmed={field} title={t.figures.fromSheets.markerHelp}>
          <span>{formattedValue}</span>
          <Typography component="span" sx={{ fontSize: MARKER_SIZE, lineHeight: 1.2, color: 'warning.dark', fontWeight: 600 }}>
            {marker}
          </Typography>
        </Stack>
      ) : (
        formattedValue
      ),
  });
  const part = (field: string, label: string, key: PayPart): GridColDef<PayRow> => ({
    field,
    headerName: label,
    type: 'number',
    width: moneyWidth(label),
    valueGetter: (_v, row) => row.pay?.[key] ?? null,
    valueFormatter: (v: number | null) => money(v, lang),
  });
  const columns: GridColDef<PayRow>[] = [
    { field: 'employeeNo', headerName: c.employeeNo, width: header(c.employeeNo, fit.cell(['S-1000'])) },
    { field: 'name', headerName: c.name, minWidth: header(c.name, fit.cell(['欧阳娜娜'])), flex: 1 },
    { field: 'regionName', headerName: c.region, minWidth: header(c.region, fit.cell(['华东区'])), flex: 1, valueGetter: (v: string | null) => v ?? '' },
    {
      field: 'role',
      headerName: c.role,
      // As wide as the longest word of a role: a long role ("Field service representative") wraps in its row.
      width: Math.max(fit.cell(Object.values(t.roles).flatMap((r) => r.split(' '))), header(c.role)),
      valueGetter: (_v, row) => t.roles[row.role],
      renderCell: ({ formattedValue }) => <Wrapping text={String(formattedValue ?? '')} />,
    },
    {
      field: 'status',
      headerName: c.status,
      width: Math.max(header(c.status), fit.cell(MONTH_STATUSES.map((s) => t.status[s]), 24)),
      type: 'singleSelect',
      valueOptions: MONTH_STATUSES.map((s) => ({ value: s, label: t.status[s] })),
      renderCell: ({ row }) => <StatusChip status={row.status} />,
    },
    { field: 'salaryTotal', headerName: c.salaryTotal, type: 'number', width: moneyWidth(c.salaryTotal), valueFormatter: (v: number | null) => money(v, lang) },
    quantityColumn('plan', c.plan),
    quantityColumn('actual', c.actual),
    {
      field: 'completion',
      headerName: c.completion,
      type: 'number',
      width: Math.max(twoLineHeader(fit, c.completion), fit.cell(['100.00%'])),
      // Shown even where pay is missing (no sheet yet): the same figure, from the plan and actual.
      valueGetter: (_v, row) =>
        row.pay?.completionPercent ?? (row.plan !== null && row.actual !== null ? planCompletionPercent({ 'plan-quantity': row.plan, 'actual-quantity': row.actual }) : null),
      valueFormatter: (v: number | null) => percent(v),
    },
    {
      field: scoreField,
      headerName: c[scoreField],
      type: 'number',
      // A score from an amendment: 修订 第 2 版 under it (the column as wide as the words, when some row has it).
      width: Math.max(twoLineHeader(fit, c[scoreField]), fit.cell(['100.00']), amended ? measureText(t.amend.fromAmendment(9), MARKER_FONT) + CELL_PADDING + 4 : 0),
      valueFormatter: (v: number | null) => score(v),
      renderCell: ({ row, formattedValue }) =>
        row.amendment !== undefined ? (
          <Stack sx={{ alignItems: 'flex-end', lineHeight: 1.2, py: 0.5 }} data-amendment={row.amendment} title={t.amend.fromAmendmentHelp(row.amendment)}>
            <span>{formattedValue}</span>
            <Typography component="span" sx={{ fontSize: MARKER_SIZE, lineHeight: 1.2, color: 'secondary.main', fontWeight: 600, whiteSpace: 'nowrap' }}>
              {t.amend.fromAmendment(row.amendment)}
            </Typography>
          </Stack>
        ) : (
          formattedValue
        ),
    },
    part('base', c.base, 'base'),
    part('planPart', c.planPart, 'plan'),
    part('assessmentPart', c.assessmentPart, 'assessment'),
    part('bonus', c.bonus, 'bonus'),
    {
      ...part('total', c.total, 'total'),
      cellClassName: 'pay-total',
      // No pay: the cell says what is missing instead (salary, plan, actual or a scored sheet), each
      // reason whole on its own line (the row grows: PayView's getRowHeight), and in full on hover.
      minWidth: Math.max(twoLineHeader(fit, c.total), fit.cell([money(99_999.99, lang), ...Object.values(t.reports.pay.missing)])),
      flex: 1,
      renderCell: ({ row, formattedValue }) =>
        row.pay ? (
          formattedValue
        ) : (
          <Typography
            variant="body2"
            color="warning.dark"
            component="div"
            title={missingText(t, row)}
            data-missing={row.missing.join(' ')}
            sx={{ lineHeight: 1.25, fontWeight: 400, py: 0.5, whiteSpace: 'normal', textAlign: 'right' }}
          >
            {row.missing.map((m) => (
              <div key={m}>{t.reports.pay.missing[m]}</div>
            ))}
          </Typography>
        ),
    },
  ];
  // 15 columns on a laptop (1280 px wide, the total in view): cells are padded 6 px a side
  // (PAY_GRID_SX), not the fitted 10.
  return columns.map((col) => ({
    ...col,
    ...(col.width !== undefined ? { width: col.width - TIGHTER } : {}),
    ...(col.minWidth !== undefined ? { minWidth: col.minWidth - TIGHTER } : {}),
  }));
}
