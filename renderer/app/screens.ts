/**
 * The screens, each in its own lazily loaded chunk (the DataGrid ones are the heavy part). A screen
 * whose code has already loaded renders at once instead of suspending for a frame: the month grid
 * loads with App at start-up (main.tsx), so App's first render replaces the first paint directly.
 */
import { createElement, lazy, useState, type ComponentType } from 'react';
import type { RosterScreenParts } from '../features/roster/RosterScreen.tsx';
import type { MonthScreenParts, MonthScreenProps } from '../features/scoring/MonthScreen.tsx';
import type { SheetScreenParts, SheetScreenProps } from '../features/scoring/SheetScreen.tsx';
import type { SettingsScreenParts } from '../features/settings/SettingsScreen.tsx';

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

/**
 * A screen with parts from other features (a feature never imports another): the screen and its
 * parts load together, and the parts are passed to it as props.
 */
async function withParts<P extends object, Parts extends object>(
  screen: Promise<{ default: ComponentType<P & Parts> }>,
  parts: Promise<Parts>,
): Promise<{ default: ComponentType<P> }> {
  const [{ default: Screen }, loaded] = await Promise.all([screen, parts]);
  return { default: (props: P) => createElement(Screen, { ...props, ...loaded }) };
}

// The month's export dialog is its own chunk, fetched on the first press of the button.
const MonthExportDialog = lazy(() => import('../features/exporting/MonthExportDialog.tsx'));

export const [MonthScreen, loadMonthScreen] = lazyScreen(() =>
  withParts<MonthScreenProps, MonthScreenParts>(import('../features/scoring/MonthScreen.tsx'), Promise.resolve({ MonthExportDialog })),
);
export const [SheetScreen] = lazyScreen(() =>
  withParts<SheetScreenProps, SheetScreenParts>(
    import('../features/scoring/SheetScreen.tsx'),
    Promise.all([import('../features/figures/FiguresPanel.tsx'), import('../features/exporting/ExportSheetDialog.tsx')]).then(
      ([figures, exporting]) => ({ FiguresPanel: figures.FiguresPanel, ExportSheetDialog: exporting.ExportSheetDialog }),
    ),
  ),
);
export const [RosterScreen] = lazyScreen(() =>
  withParts<object, RosterScreenParts>(
    import('../features/roster/RosterScreen.tsx'),
    import('../features/figures/FiguresImportPanel.tsx').then((m) => ({ FiguresImportPanel: m.FiguresImportPanel })),
  ),
);
export const [RubricsScreen] = lazyScreen(() => import('../features/rubrics/RubricsScreen.tsx'));
export const [ApprovalsScreen] = lazyScreen(() => import('../features/approvals/ApprovalsScreen.tsx'));
// The reports (and so MUI X Charts) load only when the Reports tab is opened.
export const [ReportsScreen] = lazyScreen(() => import('../features/reports/ReportsScreen.tsx'));
export const [SignaturesScreen] = lazyScreen(() => import('../features/signing/SignaturesScreen.tsx'));
export const [SettingsScreen] = lazyScreen(() =>
  withParts<object, SettingsScreenParts>(
    import('../features/settings/SettingsScreen.tsx'),
    import('../features/figures/PaySettingsSection.tsx').then((m) => ({ PaySettingsSection: m.PaySettingsSection })),
  ),
);
