/** The month's people in a DataGrid: filter, sort, and Enter / double-click to open a sheet. */
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { DataGrid, useGridApiRef, type GridColDef, type GridInitialState } from '@mui/x-data-grid';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { dateTime, flagLabel, score } from '../../app/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useItemTitles } from './itemTitles.ts';
import { StatusChip } from './StatusChip.tsx';

const STATUSES: MonthRow['status'][] = ['not-started', 'draft', 'ready'];

/** The grid's sort, filter, page and columns, kept while a sheet is open. */
let savedState: GridInitialState | null = null;
/** The person last opened, focused again on return. */
let lastOpened: number | null = null;

const defaultState: GridInitialState = {
  pagination: { paginationModel: { pageSize: 100, page: 0 } },
  columns: { columnVisibilityModel: { updatedAt: false } },
};

export function MonthGrid({ rows, loading, onOpen }: { rows: readonly MonthRow[]; loading: boolean; onOpen: (personId: number) => void }) {
  const { t, lang } = useI18n();
  const apiRef = useGridApiRef();
  const itemTitle = useItemTitles();

  const columns = useMemo<GridColDef<MonthRow>[]>(
    () => [
      { field: 'employeeNo', headerName: t.month.columns.employeeNo, width: 110 },
      { field: 'name', headerName: t.month.columns.name, width: 120 },
      { field: 'role', headerName: t.month.columns.role, width: 190, valueGetter: (_value, row) => t.roles[row.role] },
      { field: 'regionName', headerName: t.month.columns.region, width: 120, valueGetter: (value: string | null) => value ?? '' },
      {
        field: 'status',
        headerName: t.month.columns.status,
        width: 110,
        type: 'singleSelect',
        valueOptions: STATUSES.map((s) => ({ value: s, label: t.status[s] })),
        renderCell: ({ row }) => <StatusChip status={row.status} />,
      },
      { field: 'dailyScore', headerName: t.month.columns.daily, type: 'number', width: 100, valueFormatter: (v: number | null) => score(v) },
      { field: 'attendanceScore', headerName: t.month.columns.attendance, type: 'number', width: 110, valueFormatter: (v: number | null) => score(v) },
      { field: 'monthlyScore', headerName: t.month.columns.monthly, type: 'number', width: 110, valueFormatter: (v: number | null) => score(v) },
      { field: 'deductions', headerName: t.month.columns.deductions, type: 'number', width: 110 },
      {
        field: 'flags',
        headerName: t.month.columns.flags,
        flex: 1,
        minWidth: 200,
        sortable: false,
        valueGetter: (_value, row) => row.flags.map((f) => flagLabel(f, t, (id) => itemTitle(row.role, id))).join(' · '),
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%', overflow: 'hidden' }}>
            {row.flags.map((f) => (
              <Chip key={f} label={flagLabel(f, t, (id) => itemTitle(row.role, id))} color={f === 'transfer-off-post' ? 'error' : 'warning'} variant="outlined" />
            ))}
          </Stack>
        ),
      },
      { field: 'updatedAt', headerName: t.month.columns.updatedAt, width: 150, valueFormatter: (v: string | null) => dateTime(v, lang) },
    ],
    [t, lang, itemTitle],
  );

  // Keep the grid's state across a visit to a sheet, and focus the row that was opened.
  useLayoutEffect(() => {
    const api = apiRef.current;
    return () => {
      try {
        if (api) savedState = api.exportState();
      } catch {
        savedState = null;
      }
    };
  }, [apiRef]);

  useEffect(() => {
    const api = apiRef.current;
    if (!api || loading || lastOpened === null) return;
    const id = lastOpened;
    if (!rows.some((r) => r.personId === id)) return;
    lastOpened = null;
    const index = api.getRowIndexRelativeToVisibleRows(id);
    if (index !== undefined && index >= 0) api.scrollToIndexes({ rowIndex: index });
    api.setCellFocus(id, 'name');
  }, [apiRef, rows, loading]);

  const open = (personId: number) => {
    lastOpened = personId;
    onOpen(personId);
  };

  return (
    <DataGrid
      apiRef={apiRef}
      rows={rows}
      columns={columns}
      getRowId={(r) => r.personId}
      loading={loading}
      density="compact"
      showToolbar
      pageSizeOptions={[25, 50, 100]}
      initialState={savedState ?? defaultState}
      disableRowSelectionOnClick
      onRowDoubleClick={({ row }) => open(row.personId)}
      onCellKeyDown={(params, event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        open(params.row.personId);
      }}
      getRowClassName={({ row }) => `status-${row.status}`}
      sx={{ bgcolor: 'background.paper', '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}
