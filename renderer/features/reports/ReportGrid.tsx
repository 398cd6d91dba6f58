/** The grid of a report of people (pay, annual scores): the same paging, toolbar and two-line headers on each. */
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';
import { DataGrid, type GridColDef, type GridRowHeightParams, type GridValidRowModel } from '@mui/x-data-grid';
import { TWO_LINE_HEADERS } from './gridHeaders.ts';

/** The setup every grid of people shares (the month's sheets, the reports): spread it into a DataGrid. */
export const PEOPLE_GRID = {
  getRowId: (r: { personId: number }) => r.personId,
  density: 'compact',
  showToolbar: true,
  pageSizeOptions: [25, 50, 100],
  disableRowSelectionOnClick: true,
} as const;

export function ReportGrid<R extends GridValidRowModel & { personId: number }>({
  testId,
  height,
  rows,
  columns,
  loading,
  sx,
  showEmployeeNo = false,
  getRowHeight,
}: {
  testId: string;
  /** The CSS height of the grid (it scrolls inside). */
  height: string;
  rows: readonly R[];
  columns: GridColDef<R>[];
  loading: boolean;
  /** Styles for the grid's own cell classes. */
  sx?: Record<string, SxProps<Theme>>;
  /** Show the employee number (工号) column; otherwise the columns button shows it. */
  showEmployeeNo?: boolean;
  /** A row's height: 'auto' for a row whose cells wrap (null: the compact default). */
  getRowHeight?: (params: GridRowHeightParams) => number | 'auto' | null;
}) {
  return (
    <Box data-testid={testId} sx={{ height, minHeight: 320 }}>
      <DataGrid
        {...PEOPLE_GRID}
        // The report views have their own downloads, and each column's menu filters and hides
        // columns: no toolbar band above the headers (on a laptop it took a row of the grid).
        showToolbar={false}
        rows={rows}
        columns={columns}
        loading={loading}
        // Where the employee number is not shown, the files carry it (for payroll, for HR) and the
        // columns panel (a column's menu) shows it.
        initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } }, columns: { columnVisibilityModel: { employeeNo: showEmployeeNo } } }}
        {...(getRowHeight ? { getRowHeight } : {})}
        columnHeaderHeight={TWO_LINE_HEADERS.columnHeaderHeight}
        sx={{ bgcolor: 'background.paper', ...TWO_LINE_HEADERS.sx, ...sx }}
      />
    </Box>
  );
}
