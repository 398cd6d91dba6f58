/** Entry: take the session token, start the first calls, then render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken, invoke } from './api/client.ts';
import { App } from './app/App.tsx';
import { parseRoute } from './app/route.ts';
import { loadMonthScreen } from './app/screens.ts';
import { prefetchMonth } from './features/scoring/monthData.ts';

captureToken();

// Start the first screen's data and code at once, in parallel with app.info.
const boot = invoke('app.info', {});
boot.catch(() => undefined);
const first = parseRoute(window.location.hash);
if (first.screen === 'scoring') {
  prefetchMonth(first.period);
  void loadMonthScreen();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
