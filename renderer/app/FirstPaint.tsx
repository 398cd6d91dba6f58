/**
 * What the window shows while MUI and the screens load (main.tsx): the app bar and, on the month
 * grid, the month's real rows in the light table — plain elements and CSS, no MUI, so the first
 * rows show about half a second sooner on a slow laptop. The rows can already be opened (Enter,
 * double-click). App replaces it in one commit once its code has loaded.
 */
import { LANGUAGES, type AppInfo, type MonthRow } from '../../shared/api/types.ts';
import { monthColumns, monthCounts, monthFlagText } from '../features/scoring/monthColumns.ts';
import { LightMonthTable } from '../features/scoring/LightMonthTable.tsx';
import { DICTIONARIES, detectLanguage, I18nProvider } from '../i18n/index.tsx';
import { useFit } from './fit.ts';
import './firstPaint.css';
import { navigate, TABS, tabOf, type Route } from './route.ts';

const noTitles = (_role: string, id: string) => id; // item titles load later, as in the grid
const ignore = () => undefined;

/** `rows` may be the month's first page (`complete` false) until the whole list arrives. */
export function FirstPaint({ info, rows, complete, route, loadFailed = false }: { info: AppInfo | null; rows: readonly MonthRow[] | null; complete: boolean; route: Route; loadFailed?: boolean }) {
  const lang = detectLanguage(info?.language);
  const t = DICTIONARIES[lang];
  const user = info?.user;
  const failure = loadFailed && (
    <div className="fp-failure" role="alert">
      {t.app.loadFailed} <button onClick={() => window.location.reload()}>{t.common.reload}</button>
    </div>
  );
  if (!user && failure) return <div className="fp-center">{failure}</div>;
  if (!user) {
    return (
      <div className="fp-center">
        <div className="fp-spinner" role="progressbar" aria-label={t.common.loading} />
      </div>
    );
  }
  const current = tabOf(route);
  return (
    <I18nProvider lang={lang} setLang={ignore}>
      <div className="fp-shell" aria-busy="true">
        <header className="fp-bar">
          <h1>{t.app.productName}</h1>
          <nav className="fp-tabs">
            {TABS.map((tab) => (
              <span key={tab} className={tab === current ? 'fp-tab fp-current' : 'fp-tab'}>
                {t.app.nav[tab]}
              </span>
            ))}
          </nav>
          <span className="fp-grow" />
          <span className="fp-user">
            <b>{user.name}</b>
            <small>{t.chainRoles[user.chainRole]}</small>
          </span>
          <span className="fp-langs">
            {LANGUAGES.map((l) => (
              <span key={l} className={l === lang ? 'fp-current' : undefined}>
                {t.app.languages[l]}
              </span>
            ))}
          </span>
        </header>
        <main className="fp-main">
          {failure}
          {route.screen === 'scoring' && rows ? <FirstMonth rows={rows} complete={complete} period={route.period} lang={lang} /> : <div className="fp-progress" role="progressbar" />}
        </main>
      </div>
    </I18nProvider>
  );
}

function FirstMonth({ rows, complete, period, lang }: { rows: readonly MonthRow[]; complete: boolean; period: string; lang: 'zh' | 'en' }) {
  const t = DICTIONARIES[lang];
  const fit = useFit();
  return (
    <div className="fp-month">
      <div className="fp-month-head">
        <h2>{t.month.title}</h2>
        <span className="fp-picker">
          <span className="fp-chevron">‹</span>
          <span className="fp-select">
            <small>{t.month.period}</small>
            {period}
          </span>
          <span className="fp-chevron">›</span>
        </span>
        {/* The counts need the whole list; the first page alone would show wrong ones. */}
        {complete && <span className="fp-secondary">{t.month.summary(monthCounts(rows))}</span>}
        <span className="fp-grow" />
        <small className="fp-secondary">{t.month.hint}</small>
      </div>
      <div className="fp-grid" data-testid="month-grid">
        <LightMonthTable
          rows={rows}
          columns={monthColumns(t, lang, fit, noTitles)}
          loading={false}
          onOpen={(personId) => navigate({ screen: 'sheet', personId, period })}
          flagText={(row, flag) => monthFlagText(t, noTitles, row, flag)}
        />
      </div>
    </div>
  );
}
