/**
 * The screens, each in its own lazily loaded chunk (the DataGrid ones are the heavy part). A screen
 * whose code has already loaded renders at once instead of suspending for a frame: the month grid
 * loads with App at start-up (main.tsx), so App's first render replaces the first paint directly.
 */
import { createElement, lazy, useState, type ComponentType } from 'react';

function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const loadOnce = () =>
    (loading ??= load().then((m) => {
      loaded = m.default;
      return m;
    }));
  const Lazy = lazy(loadOnce);
  function Screen(props: P) {
    // Fixed per mount: switching from Lazy to the loaded component would remount the screen.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  return [Screen, loadOnce] as const;
}

export const [MonthScreen, loadMonthScreen] = lazyScreen(() => import('../features/scoring/MonthScreen.tsx'));
export const [SheetScreen] = lazyScreen(() => import('../features/scoring/SheetScreen.tsx'));
export const [RosterScreen] = lazyScreen(() => import('../features/roster/RosterScreen.tsx'));
export const [RubricsScreen] = lazyScreen(() => import('../features/rubrics/RubricsScreen.tsx'));
export const [ApprovalsScreen] = lazyScreen(() => import('../features/approvals/ApprovalsScreen.tsx'));
// The reports (and so MUI X Charts) load only when the Reports tab is opened.
export const [ReportsScreen] = lazyScreen(() => import('../features/reports/ReportsScreen.tsx'));
export const [SignaturesScreen] = lazyScreen(() => import('../features/signing/SignaturesScreen.tsx'));
export const [SettingsScreen] = lazyScreen(() => import('../features/settings/SettingsScreen.tsx'));
