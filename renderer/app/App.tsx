/**
 * The root: loads app.info (or takes it from the first paint), applies the language and theme, then
 * shows the first-run screen (no user yet) or the app shell.
 */
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import Snackbar from '@mui/material/Snackbar';
import { ThemeProvider } from '@mui/material/styles';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, Language } from '../../shared/api/types.ts';
import { invoke } from '../api/client.ts';
import { DICTIONARIES, detectLanguage, I18nProvider } from '../i18n/index.tsx';
import { forgetPrefetch } from '../features/scoring/monthData.ts';
import SetupScreen from '../features/setup/SetupScreen.tsx';
import { AppContext, type AppState } from './AppContext.tsx';
import { FailureAlert } from './FailureAlert.tsx';
import { Shell } from './Shell.tsx';
import { makeTheme } from './theme.ts';

/** `initialInfo`: app.info when it has already arrived (main.tsx), so the first render is the app, not a spinner. */
export function App({ boot, initialInfo = null }: { boot: Promise<AppInfo>; initialInfo?: AppInfo | null }) {
  const [info, setInfo] = useState<AppInfo | null>(initialInfo);
  const [bootError, setBootError] = useState<unknown>(null);
  const [lang, setLangState] = useState<Language>(() => detectLanguage(initialInfo?.language));
  const [langError, setLangError] = useState<unknown>(null);

  const accept = useCallback((next: AppInfo) => {
    setInfo(next);
    setBootError(null);
    setLangState(detectLanguage(next.language));
  }, []);

  useEffect(() => {
    boot.then(accept, setBootError);
  }, [boot, accept]);

  const refreshInfo = useCallback(async () => {
    try {
      const next = await invoke('app.info', {});
      setInfo(next);
    } catch (error) {
      setBootError(error);
    }
  }, []);

  const retryBoot = useCallback(() => {
    setBootError(null);
    invoke('app.info', {}).then(accept, setBootError);
  }, [accept]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    invoke('settings.setLanguage', { language: next }).catch(setLangError);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${DICTIONARIES[lang].app.productName} · ${DICTIONARIES[lang === 'zh' ? 'en' : 'zh'].app.productName}`;
  }, [lang]);

  const theme = useMemo(() => makeTheme(lang), [lang]);
  const appState = useMemo<AppState | null>(() => (info ? { info, refreshInfo } : null), [info, refreshInfo]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <I18nProvider lang={lang} setLang={setLang}>
        {appState ? (
          <AppContext.Provider value={appState}>{appState.info.user ? <Shell /> : <SetupScreen onDataChanged={forgetPrefetch} />}</AppContext.Provider>
        ) : bootError ? (
          <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }}>
            <FailureAlert error={bootError} title={DICTIONARIES[lang].app.startFailed} onRetry={retryBoot} />
          </Box>
        ) : (
          <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
            <CircularProgress aria-label={DICTIONARIES[lang].common.loading} />
          </Box>
        )}
        <Snackbar open={langError !== null} autoHideDuration={6000} onClose={() => setLangError(null)}>
          <div>
            <FailureAlert error={langError} title={DICTIONARIES[lang].app.languageSaveFailed} onClose={() => setLangError(null)} />
          </div>
        </Snackbar>
      </I18nProvider>
    </ThemeProvider>
  );
}
