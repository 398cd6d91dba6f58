/** The grid of a report of people (pay, annual scores): the same paging, toolbar and two-line headers on each. */
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';
import { DataGrid, type GridColDef, type GridValidRowModel } from '@mui/x-data-grid';
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
}: {
  testId: string;
  /** The CSS height of the grid (it scrolls inside). */
  height: string;
  rows: readonly R[];
  columns: GridColDef<R>[];
  loading: boolean;
  /** Styles for the grid's own cell classes. */
  sx?: Record<string, SxProps<Theme>>;
}) {
  return (
    <Box data-testid={testId} sx={{ height, minHeight: 320 }}>
      <DataGrid
        {...PEOPLE_GRID}
        rows={rows}
        columns={columns}
        loading={loading}
        // The employee number is in the files (for payroll, for HR); on screen the name is enough, and
        // the rest fits a laptop's width in either language. The columns button shows it.
        initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } }, columns: { columnVisibilityModel: { employeeNo: false } } }}
        columnHeaderHeight={TWO_LINE_HEADERS.columnHeaderHeight}
        sx={{ bgcolor: 'background.paper', ...TWO_LINE_HEADERS.sx, ...sx }}
      />
    </Box>
  );
}
