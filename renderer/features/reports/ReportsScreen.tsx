/**
 * Reports: pay for payroll, the annual scores, the month's KPIs, dashboards and fairness — one
 * view at a time, the view and month in the address (#/reports/<view>/YYYY-MM; the annual view
 * shows that month's year). The dashboards (MUI X Charts) are a chunk of their own, loaded when
 * first shown.
 */
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { SectionBoundary } from '../../app/ErrorBoundary.tsx';
import { REPORT_VIEWS, useRoute, type ReportView } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { AnnualView } from './AnnualView.tsx';
import { FairnessView } from './FairnessView.tsx';
import { KpiView } from './KpiView.tsx';
import { PayView } from './PayView.tsx';

const DashboardView = lazy(() => import('./DashboardView.tsx'));

export default function ReportsScreen({ view, period }: { view: ReportView; period: string }) {
  const t = useT();
  const [, go] = useRoute();
  const show = (next: { view?: ReportView; period?: string }) => go({ screen: 'reports', view: next.view ?? view, period: next.period ?? period });
  const onPeriod = (p: string) => show({ period: p });
  return (
    <Stack spacing={1.5} data-testid="reports-screen">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {t.reports.title}
        </Typography>
        <Tabs value={view} onChange={(_, v: ReportView) => show({ view: v })}>
          {REPORT_VIEWS.map((v) => (
            <Tab key={v} value={v} label={t.reports.views[v]} data-testid={`reports-tab-${v}`} />
          ))}
        </Tabs>
      </Stack>
      {/* Each view behind its own boundary: a view that cannot be shown leaves the tabs working. */}
      <SectionBoundary key={view} testId={`reports-${view}`}>
        {view === 'pay' && <PayView period={period} onPeriod={onPeriod} />}
        {view === 'annual' && <AnnualView period={period} onPeriod={onPeriod} />}
        {view === 'kpis' && <KpiView period={period} onPeriod={onPeriod} />}
        {view === 'dashboard' && (
          <Suspense fallback={<LinearProgress />}>
            <DashboardView period={period} onPeriod={onPeriod} />
          </Suspense>
        )}
        {view === 'fairness' && <FairnessView period={period} onPeriod={onPeriod} />}
      </SectionBoundary>
    </Stack>
  );
}
