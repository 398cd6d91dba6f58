/** The month's people in a DataGrid: filter, sort, and Enter / double-click to open a sheet. */
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { DataGrid, useGridApiRef, type GridColDef, type GridInitialState } from '@mui/x-data-grid';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { SHEET_STATUSES, type MonthRow } from '../../../shared/api/types.ts';
import { useFit } from '../../app/fit.ts';
import { dateTime, flagLabel, score } from '../../app/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useItemTitles } from './itemTitles.ts';
import { StatusChip } from './StatusChip.tsx';

const STATUSES: MonthRow['status'][] = ['not-started', ...SHEET_STATUSES];

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

  const fit = useFit();
  const columns = useMemo<GridColDef<MonthRow>[]>(() => {
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
        width: Math.max(header(c.status), fit.cell(STATUSES.map((s) => t.status[s]), 24)),
        type: 'singleSelect',
        valueOptions: STATUSES.map((s) => ({ value: s, label: t.status[s] })),
        renderCell: ({ row }) => <StatusChip status={row.status} />,
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
        valueGetter: (_value, row) => row.flags.map((f) => flagLabel(f, t, (id) => itemTitle(row.role, id))).join(' · '),
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%', overflow: 'hidden' }}>
            {row.flags.map((f) => (
              <Chip
                key={f}
                label={flagLabel(f, t, (id) => itemTitle(row.role, id))}
                title={flagLabel(f, t, (id) => itemTitle(row.role, id))}
                color={f === 'transfer-off-post' ? 'error' : 'warning'}
                variant="outlined"
                sx={{ minWidth: 0 }}
              />
            ))}
          </Stack>
        ),
      },
      { field: 'updatedAt', headerName: c.updatedAt, width: header(c.updatedAt, 150), valueFormatter: (v: string | null) => dateTime(v, lang) },
    ];
  }, [t, lang, fit, itemTitle]);

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
