/**
 * What the window shows while React, MUI and the screens load: the app bar and, on the month
 * grid, the month's real rows in the light table — plain DOM and CSS, drawn from the first
 * answers (start.ts) the moment they arrive, so the first rows show before any framework code has
 * even been compiled. The rows can already be opened (Enter, double-click). The app (main.tsx)
 * then renders into the same #root, and React replaces this in its first commit.
 */
import { LANGUAGES, type AppInfo, type Language, type MonthRow } from '../../shared/api/types.ts';
import { lightMonthTable } from '../features/scoring/lightMonthTable.ts';
import { monthColumns, monthCounts, monthFlagText } from '../features/scoring/monthColumns.ts';
import { DICTIONARIES, detectLanguage, type Messages } from '../i18n/dictionaries.ts';
import { applyCssVariables, h } from './dom.ts';
import { APP_FIT } from './fit.ts';
import './firstPaint.css';
import { navigate, TABS, tabOf, type Route } from './route.ts';
import type { Start } from './start.ts';

const noTitles = (_role: string, id: string) => id; // item titles load later, as in the grid

/** After the next frame has been painted. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Draw the first paint, then load the app (`loadApp`); if the app's code cannot load, say so. */
export async function firstPaint(start: Start, loadApp: () => Promise<void>): Promise<void> {
  const root = document.getElementById('root')!;
  applyCssVariables();
  const info = await start.info.catch(() => null);
  const lang = detectLanguage(info?.language);
  const t = DICTIONARIES[lang];

  let main: HTMLElement = root;
  try {
    if (!info?.user) {
      // First run (or no answer): the app shows the first-run screen or the failure.
      main = h('div', { class: 'fp-center' }, h('div', { class: 'fp-spinner', role: 'progressbar', 'aria-label': t.common.loading }));
      root.replaceChildren(main);
    } else {
      main = h('main', { class: 'fp-main' }, h('div', { class: 'fp-progress', role: 'progressbar' }));
      root.replaceChildren(shell(info, t, lang, start.route, main));
      if (start.route.screen === 'scoring') await drawMonth(main, start, t, lang, start.route.period);
    }
    await afterPaint();
  } catch (error) {
    console.error('the first paint failed; the app draws everything itself', error); // never keeps the app from loading
  }
  try {
    await loadApp();
  } catch {
    // The first paint stays usable; a reload retries.
    const failure = h('div', { class: 'fp-failure', role: 'alert' }, t.app.loadFailed, ' ', h('button', {}, t.common.reload));
    failure.querySelector('button')!.addEventListener('click', () => window.location.reload());
    if (main.classList.contains('fp-center')) main.replaceChildren(failure);
    else main.prepend(failure); // the month screen's main, or the bare root
  }
}

function shell(info: AppInfo, t: Messages, lang: Language, route: Route, main: HTMLElement): HTMLElement {
  const user = info.user!;
  const current = tabOf(route);
  return h(
    'div',
    { class: 'fp-shell', 'aria-busy': 'true' },
    h(
      'header',
      { class: 'fp-bar' },
      h('h1', {}, t.app.productName),
      h('nav', { class: 'fp-tabs' }, TABS.map((tab) => h('span', { class: tab === current ? 'fp-tab fp-current' : 'fp-tab' }, t.app.nav[tab]))),
      h('span', { class: 'fp-grow' }),
      h('span', { class: 'fp-user' }, h('b', {}, user.name), h('small', {}, t.chainRoles[user.chainRole])),
      h('span', { class: 'fp-langs' }, LANGUAGES.map((l) => h('span', { class: l === lang ? 'fp-current' : undefined }, t.app.languages[l]))),
    ),
    main,
  );
}

/**
 * The month: drawn from its first rows (a small answer asked for first); once they are on screen
 * the whole list is asked for, and the month's counts shown when it arrives (the first page alone
 * would give wrong ones). Resolves once the whole list is in (or has failed: the app reports it).
 */
async function drawMonth(main: HTMLElement, start: Start, t: Messages, lang: Language, period: string): Promise<void> {
  const rows = (await start.firstRows!.catch(() => null)) ?? (await start.rows!().catch(() => null));
  if (!rows) return;
  const summary = h('span', { class: 'fp-secondary' });
  main.replaceChildren(
    h(
      'div',
      { class: 'fp-month' },
      h(
        'div',
        { class: 'fp-month-head' },
        h('h2', {}, t.month.title),
        h('span', { class: 'fp-picker' }, h('span', { class: 'fp-chevron' }, '‹'), h('span', { class: 'fp-select' }, h('small', {}, t.month.period), period), h('span', { class: 'fp-chevron' }, '›')),
        summary,
        h('span', { class: 'fp-grow' }),
        h('small', { class: 'fp-secondary' }, t.month.hint),
      ),
      h(
        'div',
        { class: 'fp-grid', 'data-testid': 'month-grid' },
        lightMonthTable({
          rows,
          columns: monthColumns(t, lang, APP_FIT, noTitles),
          loading: false,
          t,
          onOpen: (personId) => navigate({ screen: 'sheet', personId, period }),
          flagText: (row: MonthRow, flag: string) => monthFlagText(t, noTitles, row, flag),
        }),
      ),
    ),
  );
  await afterPaint();
  const whole = await start.rows!().catch(() => null);
  if (whole) summary.textContent = t.month.summary(monthCounts(whole));
}
