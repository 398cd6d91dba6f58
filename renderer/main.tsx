/**
 * Draw the first paint, then the app.
 *
 * app.info and the month's rows were requested by boot.ts. This chunk is small on purpose (React,
 * the dictionaries, the light month table): FirstPaint draws the rows as soon as they arrive, and
 * only once that frame is on screen does the app's own code (MUI, App, the month screen) load and
 * replace it in one commit.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppInfo, MonthRow } from '../shared/api/types.ts';
import { FirstPaint } from './app/FirstPaint.tsx';
import { cssVariables } from './app/palette.ts';
import { loadMonthScreen } from './app/screens.ts';
import { start } from './app/start.ts';

type AppModule = typeof import('./app/App.tsx');

/** App and, when it opens on the month grid, that screen's code: App's first render must not suspend. */
function loadApp(): Promise<AppModule> {
  return Promise.all([import('./app/App.tsx'), start.route.screen === 'scoring' ? loadMonthScreen() : null]).then(([m]) => m);
}

/** After the next frame has been painted. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function Root() {
  const [app, setApp] = useState<AppModule | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [rows, setRows] = useState<MonthRow[] | null>(null);
  const [firstRows, setFirstRows] = useState<MonthRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [appFailed, setAppFailed] = useState(false);

  useEffect(() => {
    const fail = () => setFailed(true);
    void start.info.then(setInfo, fail);
    void start.firstRows?.then(setFirstRows, () => undefined);
    void start.rows?.then(setRows, fail);
  }, []);
  // Whatever the answers, the app follows once they are drawn: it shows the first-run screen, the
  // other screens and the failures.
  const drawn = failed || (info !== null && (!info.user || start.rows === null || rows !== null));
  useEffect(() => {
    if (!drawn) return;
    // If the app's code cannot load, the first paint stays with a message; a reload retries.
    afterPaint(() => void loadApp().then((m) => setApp(() => m), () => setAppFailed(true)));
  }, [drawn]);

  if (app) return <app.App boot={start.info} initialInfo={info} />;
  return <FirstPaint info={info} rows={rows ?? firstRows} complete={rows !== null} route={start.route} loadFailed={appFailed} />;
}

for (const [name, value] of Object.entries(cssVariables())) document.documentElement.style.setProperty(name, value);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
