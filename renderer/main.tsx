/**
 * The app, started by boot.ts once the first paint (app/firstPaint.ts) is on screen.
 *
 * app.info and the month's rows were requested at boot (start.ts). The app renders once its code
 * (App and, when it opens on the month grid, that screen) has loaded, so its first render does not
 * suspend; it renders into the first paint's #root, and React replaces the first paint in that
 * commit.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadMonthScreen } from './app/screens.ts';
import { start } from './app/start.ts';

/** Load the app's code and render it; rejects if the code cannot load (the first paint says so). */
export async function startApp(): Promise<void> {
  const [{ App }, info] = await Promise.all([
    import('./app/App.tsx'),
    start.info.catch(() => null), // App shows the failure
    start.route.screen === 'scoring' ? loadMonthScreen() : null,
  ]);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App boot={start.info} initialInfo={info} />
    </StrictMode>,
  );
}
