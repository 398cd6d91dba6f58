/**
 * Loading the month grid's rows. The first load is started at boot, before React renders, so
 * the first rows arrive as early as possible; later loads wait for saves still in flight.
 */
import type { MonthRow } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { settledSaves } from './pendingSaves.ts';

let prefetched: { period: string; promise: Promise<MonthRow[]>; rows?: MonthRow[] } | null = null;

export function prefetchMonth(period: string): Promise<MonthRow[]> {
  const promise = invoke('sheets.month', { period });
  const entry: NonNullable<typeof prefetched> = { period, promise };
  promise.then(
    (rows) => (entry.rows = rows),
    () => undefined, // the screen reports failures when it takes the result
  );
  prefetched = entry;
  return promise;
}

/** The first rows of a month, for the first paint: a small answer that arrives well before the whole list. */
export function fetchFirstRows(period: string): Promise<MonthRow[]> {
  return invoke('sheets.month', { period, limit: FIRST_PAGE_ROWS });
}

/** How many rows the light table (the first paint) draws. */
export const FIRST_PAGE_ROWS = 100;

/** The prefetched rows of `period` if they have already arrived (taken once): the screen's first render shows them without a loading frame. */
export function takeArrivedMonth(period: string): MonthRow[] | undefined {
  if (prefetched?.period !== period || !prefetched.rows) return undefined;
  const { rows } = prefetched;
  prefetched = null;
  return rows;
}

export async function loadMonth(period: string): Promise<MonthRow[]> {
  if (prefetched?.period === period) {
    const { promise } = prefetched;
    prefetched = null;
    return promise;
  }
  prefetched = null;
  await settledSaves();
  return invoke('sheets.month', { period });
}

/** Drop a prefetched result that may be out of date (e.g. the demo organisation was just loaded). */
export function forgetPrefetch(): void {
  prefetched = null;
}
