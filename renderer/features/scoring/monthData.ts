/**
 * Loading the month grid's rows. The first load is started at boot, before React renders, so
 * the first rows arrive as early as possible; later loads wait for saves still in flight.
 */
import type { MonthRow } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { settledSaves } from './pendingSaves.ts';

let prefetched: { period: string; promise: Promise<MonthRow[]> } | null = null;

export function prefetchMonth(period: string): void {
  const promise = invoke('sheets.month', { period });
  promise.catch(() => undefined); // the screen reports failures when it takes the result
  prefetched = { period, promise };
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
