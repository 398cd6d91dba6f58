/**
 * What the page asks for the moment it starts, before React or MUI have loaded: app.info and, when
 * it opens on the month grid, that month's rows (the first paint draws them; see main.tsx).
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
  /** All the month's rows. */
  rows: Promise<MonthRow[]> | null;
}

function begin(): Start {
  captureToken();
  const info = invoke('app.info', {});
  info.catch(() => undefined); // App shows the failure
  const route = parseRoute(window.location.hash);
  if (route.screen !== 'scoring') return { info, route, firstRows: null, rows: null };
  const firstRows = fetchFirstRows(route.period);
  firstRows.catch(() => undefined); // the whole list reports failures
  return { info, route, firstRows, rows: prefetchMonth(route.period) };
}

export const start: Start = begin();
