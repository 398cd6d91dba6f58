/**
 * The month grid's columns: fields, headers, widths and text values. No MUI import (types only):
 * the first paint draws the light table from them before MUI has loaded; MonthGrid adds the
 * DataGrid's cell renderers (status and flag chips).
 */
import type { GridColDef } from '@mui/x-data-grid';
import type { Language, MonthRow } from '../../../shared/api/types.ts';
import type { RoleId } from '../../../shared/rubric/schema.ts';
import type { Fit } from '../../app/fit.ts';
import { dateTime, flagLabel, score } from '../../app/format.ts';
import { MONTH_STATUSES } from '../../app/statuses.ts';
import type { Messages } from '../../i18n/index.tsx';

export type ItemTitle = (role: RoleId, id: string) => string;

/** A row's flag in words ("doubled: 广告计划表"). */
export function monthFlagText(t: Messages, itemTitle: ItemTitle, row: MonthRow, flag: string): string {
  return flagLabel(flag, t, (id) => itemTitle(row.role, id));
}

export function monthColumns(t: Messages, lang: Language, fit: Fit, itemTitle: ItemTitle): GridColDef<MonthRow>[] {
  const c = t.month.columns;
  const header = (label: string, min = 0) => Math.max(min, fit.header(label));
  // Numbers: as wide as their header (or a score); texts share the room left with the flags.
  const number = (label: string) => header(label, fit.cell(['100.00']));
  return [
    { field: 'employeeNo', headerName: c.employeeNo, width: header(c.employeeNo, 90) },
    { field: 'name', headerName: c.name, flex: 1, minWidth: header(c.name, 90) },
    { field: 'role', headerName: c.role, flex: 1, minWidth: Math.max(fit.cell(Object.values(t.roles)), header(c.role)), valueGetter: (_value, row) => t.roles[row.role] },
    { field: 'regionName', headerName: c.region, flex: 1, minWidth: header(c.region, 90), valueGetter: (value: string | null) => value ?? '' },
    {
      field: 'status',
      headerName: c.status,
      width: Math.max(header(c.status), fit.cell(MONTH_STATUSES.map((s) => t.status[s]), 24)),
      type: 'singleSelect',
      valueOptions: MONTH_STATUSES.map((s) => ({ value: s, label: t.status[s] })),
    },
    { field: 'dailyScore', headerName: c.daily, type: 'number', width: number(c.daily), valueFormatter: (v: number | null) => score(v) },
    { field: 'attendanceScore', headerName: c.attendance, type: 'number', width: number(c.attendance), valueFormatter: (v: number | null) => score(v) },
    { field: 'monthlyScore', headerName: c.monthly, type: 'number', width: number(c.monthly), valueFormatter: (v: number | null) => score(v) },
    { field: 'deductions', headerName: c.deductions, type: 'number', width: number(c.deductions) },
    {
      field: 'flags',
      headerName: c.flags,
      flex: 3,
      minWidth: 200,
      sortable: false,
      valueGetter: (_value, row) => row.flags.map((f) => monthFlagText(t, itemTitle, row, f)).join(' · '),
    },
    { field: 'updatedAt', headerName: c.updatedAt, width: header(c.updatedAt, 150), valueFormatter: (v: string | null) => dateTime(v, lang) },
  ];
}

/** The month summary's counts ("40 people · 12 ready · …"). */
export function monthCounts(rows: readonly MonthRow[]): { total: number; ready: number; draft: number; notStarted: number } {
  return {
    total: rows.length,
    ready: rows.filter((r) => r.status === 'ready').length,
    draft: rows.filter((r) => r.status === 'draft').length,
    notStarted: rows.filter((r) => r.status === 'not-started').length,
  };
}
