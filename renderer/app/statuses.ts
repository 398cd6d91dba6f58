/** A month row's statuses in order, 'not-started' (no sheet yet) first: the grids' status column and its filter. */
import { SHEET_STATUSES, type MonthRow } from '../../shared/api/types.ts';

export const MONTH_STATUSES: MonthRow['status'][] = ['not-started', ...SHEET_STATUSES];
