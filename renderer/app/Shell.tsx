/** The app shell: app bar with navigation, the user and the language; the current screen below. */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Suspense, useEffect } from 'react';
import { isHqStep } from '../../shared/chain.ts';
import { useOffline } from '../api/hooks.ts';
import { useT } from '../i18n/index.tsx';
import { useApp } from './AppContext.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SessionLock } from './SessionLock.tsx';
import { defaultPeriod, navigate, TABS, tabOf, useRoute, type Route, type Tab as TabId } from './route.ts';
import { ApprovalsScreen, MonthScreen, ReportsScreen, RosterScreen, RubricsScreen, SettingsScreen, SheetScreen, SignaturesScreen } from './screens.ts';


/**
 * Opened without an address (`#/…`): a reviewer (sales planning, the VP, HR) starts on Approvals,
 * where their work is, instead of the month grid.
 */
let openedWithoutRoute = window.location.hash.replace(/^#\/?/, '') === '';

/** The month last shown, so the Monthly scoring tab returns to it. */
let lastPeriod: string | null = null;
/** The report last shown, so the Reports tab returns to it. */
let lastReport: Extract<Route, { screen: 'reports' }> | null = null;

export function Shell() {
  const t = useT();
  const { info } = useApp();
  const offline = useOffline();
  const [route, go] = useRoute();
  if (route.screen === 'scoring' || route.screen === 'sheet') lastPeriod = route.period;
  if (route.screen === 'reports') lastReport = route;

  const open = (tab: TabId) => {
    if (tab === 'scoring') go({ screen: 'scoring', period: lastPeriod ?? defaultPeriod() });
    else if (tab === 'reports') go(lastReport ?? { screen: 'reports', view: 'pay', period: lastPeriod ?? defaultPeriod() });
    else go({ screen: tab });
  };

  const user = info.user!;
  useEffect(() => {
    if (!openedWithoutRoute) return;
    openedWithoutRoute = false;
    if (isHqStep(user.chainRole)) navigate({ screen: 'approvals' }, { replace: true });
  }, [user.chainRole]);
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <AppBar position="sticky" color="primary">
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
            {t.app.productName}
          </Typography>
          <Tabs
            component="nav"
            value={tabOf(route)}
            onChange={(_, tab: TabId) => open(tab)}
            textColor="inherit"
            variant="scrollable"
            scrollButtons={false}
            sx={{ minHeight: 48, '& .MuiTabs-indicator': { bgcolor: 'common.white', height: 3 }, '& .MuiTab-root': { minHeight: 48 } }}
          >
            {TABS.map((tab) => (
              <Tab key={tab} value={tab} label={t.app.nav[tab]} data-testid={`nav-${tab}`} />
            ))}
          </Tabs>
          <Box sx={{ flexGrow: 1 }} />
          <Stack sx={{ alignItems: 'flex-end', lineHeight: 1.2 }} data-testid="current-user">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {user.name}
            </Typography>
            <Typography variant="caption" sx={{ opacity: 0.85 }}>
              {t.chainRoles[user.chainRole]}
            </Typography>
          </Stack>
          {user.chainRole !== 'manager' && <SessionLock role={user.chainRole} />}
          <LanguageSwitch dark />
        </Toolbar>
        {offline && (
          <Alert severity="error" square role="alert" data-testid="offline-banner">
            {t.app.offline}
          </Alert>
        )}
      </AppBar>
      <Box component="main" sx={{ flex: 1, p: 2, minWidth: 0 }}>
        <ErrorBoundary key={route.screen} title={t.app.screenFailed} retryLabel={t.common.reload}>
          <Suspense fallback={<LinearProgress />}>
            <CurrentScreen route={route} />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Box>
  );
}

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'scoring':
      return <MonthScreen period={route.period} />;
    case 'sheet':
      return <SheetScreen key={`${route.personId}/${route.period}`} personId={route.personId} period={route.period} />;
    case 'roster':
      return <RosterScreen />;
    case 'rubrics':
      return <RubricsScreen />;
    case 'approvals':
      return <ApprovalsScreen />;
    case 'reports':
      return <ReportsScreen view={route.view} period={route.period} />;
    case 'signatures':
      return <SignaturesScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
