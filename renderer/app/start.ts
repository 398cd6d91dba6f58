/**
 * What the page asks for the moment it starts, before React or MUI have loaded: app.info and, when
 * it opens on the month grid, that month's rows (the first paint draws them; see main.tsx).
 */
import type { AppInfo, MonthRow } from '../../shared/api/types.ts';
import { captureToken, invoke } from '../api/client.ts';
import { prefetchMonth } from '../features/scoring/monthData.ts';
import { parseRoute, type Route } from './route.ts';

export interface Start {
  info: Promise<AppInfo>;
  route: Route;
  rows: Promise<MonthRow[]> | null;
}

function begin(): Start {
  captureToken();
  const info = invoke('app.info', {});
  info.catch(() => undefined); // App shows the failure
  const route = parseRoute(window.location.hash);
  return { info, route, rows: route.screen === 'scoring' ? prefetchMonth(route.period) : null };
}

export const start: Start = begin();
