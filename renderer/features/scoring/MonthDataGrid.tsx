/** The month's people in a DataGrid: filter, sort, and Enter / double-click to open a sheet. Loaded lazily (its own chunk). */
import { DataGrid, gridExpandedSortedRowIdsSelector, useGridApiRef, type GridColDef, type GridInitialState } from '@mui/x-data-grid';
import { useEffect, useLayoutEffect } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { gridMemory } from './monthGridState.ts';

const defaultState: GridInitialState = {
  pagination: { paginationModel: { pageSize: 100, page: 0 } },
  columns: { columnVisibilityModel: { updatedAt: false } },
};

export default function MonthDataGrid({
  rows,
  columns,
  loading,
  onOpen,
  hidden = false,
}: {
  rows: readonly MonthRow[];
  columns: GridColDef<MonthRow>[];
  loading: boolean;
  /** `order`: the people as the grid shows them now (filtered and sorted), for "save and next". */
  onOpen: (personId: number, order: number[]) => void;
  /** Rendered under the light table, not shown yet: focus waits. */
  hidden?: boolean;
}) {
  const apiRef = useGridApiRef();

  // Keep the grid's state across a visit to a sheet, and focus the row that was opened (else the first row).
  useLayoutEffect(() => {
    const api = apiRef.current;
    return () => {
      try {
        if (api) gridMemory.saved = api.exportState();
      } catch {
        gridMemory.saved = null;
      }
    };
  }, [apiRef]);

  useEffect(() => {
    const api = apiRef.current;
    if (!api || loading || hidden) return;
    let id = gridMemory.lastOpened;
    if (id === null) {
      // Keyboard first: with the cursor nowhere yet, it starts on the first row.
      const first = gridExpandedSortedRowIdsSelector(apiRef)[0];
      if (first === undefined || (document.activeElement && document.activeElement !== document.body)) return;
      id = Number(first);
    }
    const target = id;
    if (!rows.some((r) => r.personId === target)) return;
    gridMemory.lastOpened = null;
    const index = api.getRowIndexRelativeToVisibleRows(id);
    if (index !== undefined && index >= 0) api.scrollToIndexes({ rowIndex: index });
    api.setCellFocus(id, 'name');
  }, [apiRef, rows, loading, hidden]);

  const open = (personId: number) => {
    gridMemory.lastOpened = personId;
    onOpen(personId, gridExpandedSortedRowIdsSelector(apiRef).map(Number));
  };

  return (
    <DataGrid
      apiRef={apiRef}
      rows={rows}
      columns={columns}
      getRowId={(r) => r.personId}
      loading={loading}
      density="compact"
      // No toolbar band above the headers: on a laptop it took a row of the grid for four icons;
      // sorting, filtering and columns stay in each header's menu.
      showToolbar={false}
      pageSizeOptions={[25, 50, 100]}
      initialState={gridMemory.saved ?? defaultState}
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
