/**
 * Route-like state in the address hash (`#/scoring/2026-10`, `#/sheet/12/2026-10`, …): works
 * under Electron's custom protocol and over HTTP, and gives Back/Forward for free.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { formatPeriod, parsePeriod, previousPeriod } from '../../shared/period.ts';

export type Route =
  | { screen: 'scoring'; period: string }
  | { screen: 'sheet'; personId: number; period: string }
  | { screen: 'roster' }
  | { screen: 'rubrics' }
  | { screen: 'approvals' }
  | { screen: 'reports'; view: ReportView; period: string }
  | { screen: 'signatures' }
  | { screen: 'settings' };

export type Screen = Route['screen'];

/** The reports screen's views; the annual one shows the year of `period`. */
export type ReportView = 'pay' | 'annual' | 'kpis' | 'dashboard' | 'fairness';
export const REPORT_VIEWS: readonly ReportView[] = ['pay', 'annual', 'kpis', 'dashboard', 'fairness'];

/** The app bar's tabs, in order (a sheet belongs to the scoring tab). */
export type Tab = Exclude<Screen, 'sheet'>;
export const TABS: readonly Tab[] = ['scoring', 'roster', 'rubrics', 'approvals', 'reports', 'signatures', 'settings'];

export function tabOf(route: Route): Tab {
  return route.screen === 'sheet' ? 'scoring' : route.screen;
}

/** Sheets are scored after the month ends: the default month is the one before today's. */
export function defaultPeriod(today = new Date()): string {
  return formatPeriod(previousPeriod({ year: today.getFullYear(), month: today.getMonth() + 1 }));
}

export function validPeriod(text: string | undefined): string | null {
  const p = parsePeriod(text);
  return p ? formatPeriod(p) : null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [screen, a, b] = parts;
  switch (screen) {
    case 'sheet': {
      const personId = Number(a);
      const period = validPeriod(b);
      if (Number.isInteger(personId) && personId > 0 && period) return { screen: 'sheet', personId, period };
      return { screen: 'scoring', period: defaultPeriod() };
    }
    case 'reports': {
      const view = REPORT_VIEWS.find((v) => v === a) ?? 'pay';
      return { screen: 'reports', view, period: validPeriod(b) ?? defaultPeriod() };
    }
    case 'roster':
    case 'rubrics':
    case 'approvals':
    case 'signatures':
    case 'settings':
      return { screen };
    default:
      return { screen: 'scoring', period: validPeriod(a) ?? defaultPeriod() };
  }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'scoring':
      return `#/scoring/${route.period}`;
    case 'sheet':
      return `#/sheet/${route.personId}/${route.period}`;
    case 'reports':
      return `#/reports/${route.view}/${route.period}`;
    default:
      return `#/${route.screen}`;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

export function useRoute(): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const go = useCallback((route: Route, options?: { replace?: boolean }) => navigate(route, options), []);
  return [parseRoute(hash), go];
}
