/**
 * What the page asks for the moment it starts, before React or MUI have loaded: app.info and, when
 * it opens on the month grid, that month's first rows (the first paint, firstPaint.ts, draws them).
 */
import type { AppInfo, MonthRow } from '../../shared/api/types.ts';
import { captureToken, invoke } from '../api/client.ts';
import { fetchFirstRows, prefetchMonth } from '../features/scoring/monthData.ts';
import { parseRoute, type Route } from './route.ts';

export interface Start {
  info: Promise<AppInfo>;
  route: Route;
  /** The month's first rows (asked first: a small answer the first paint draws at once). */
  firstRows: Promise<MonthRow[]> | null;
  /**
   * All the month's rows, asked for at the first call: the first paint calls it once the first
   * rows are on screen (the whole list, ~1 MB for 5,000 people, would hold them up).
   */
  rows: (() => Promise<MonthRow[]>) | null;
}

function begin(): Start {
  captureToken();
  const info = invoke('app.info', {});
  info.catch(() => undefined); // App shows the failure
  const route = parseRoute(window.location.hash);
  if (route.screen !== 'scoring') return { info, route, firstRows: null, rows: null };
  const firstRows = fetchFirstRows(route.period);
  firstRows.catch(() => undefined); // the whole list reports failures
  let rows: Promise<MonthRow[]> | null = null;
  return { info, route, firstRows, rows: () => (rows ??= prefetchMonth(route.period)) };
}

export const start: Start = begin();
