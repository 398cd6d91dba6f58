/** What the month grid keeps across a visit to a sheet (module state, shared by the light table and the DataGrid). */
import type { GridInitialState } from '@mui/x-data-grid';

export const gridMemory: {
  /** The grid's sort, filter, page and columns, kept while a sheet is open. */
  saved: GridInitialState | null;
  /** The person last opened (or focused in the light table before the DataGrid took over): focused again. */
  lastOpened: number | null;
  /** The people in the order the grid (or the team entry view) showed them when a sheet was opened: "save and next" follows it. */
  order: { period: string; ids: number[] } | null;
} = { saved: null, lastOpened: null, order: null };
