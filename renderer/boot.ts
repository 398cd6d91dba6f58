/**
 * The page's entry, kept small: send the first requests (start.ts), draw the first paint from their
 * answers in plain DOM (app/firstPaint.ts, no React or MUI), then load the app (main.tsx), which
 * replaces it. The first paint's code is part of this entry, so the page fetches it in parallel
 * with the entry itself (modulepreload) rather than after it.
 */
// start.ts first: modules run in the order they are imported, so the requests go out before the
// first paint's modules (the dictionaries) run.
import { start } from './app/start.ts';
import { firstPaint } from './app/firstPaint.ts';

void firstPaint(start, () => import('./main.tsx').then((m) => m.startApp()));
