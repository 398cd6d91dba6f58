/** Dashboards for a month (MUI X Charts; this module is a chunk of its own): distributions, trend, top deductions, unsigned sheets. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { ChartsLocalizationProvider } from '@mui/x-charts/ChartsLocalizationProvider';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { ChartCard } from './ChartCard.tsx';
import { DistributionChart } from './DistributionChart.tsx';
import { scorerLabel } from './labels.ts';
import { TopDeductionsChart } from './TopDeductionsChart.tsx';
import { TrendChart } from './TrendChart.tsx';
import { UnsignedList } from './UnsignedList.tsx';

export default function DashboardView({ period, onPeriod }: { period: string; onPeriod: (period: string) => void }) {
  const t = useT();
  const td = t.reports.dashboard;
  const report = useCall('reports.dashboard', { period });
  const data = report.data?.period === period ? report.data : undefined;
  return (
    <ChartsLocalizationProvider localeText={{ loading: t.common.loading, noData: td.noData }}>
      <Stack spacing={1.5} data-testid="dashboard-view">
        <MonthPicker value={period} onChange={onPeriod} />
        <FailureAlert error={report.error} onRetry={report.reload} />
        {report.loading && <LinearProgress />}
        {data && data.company.count === 0 && <Alert severity="info">{td.noData}</Alert>}
        {data && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
            <ChartCard title={td.distributionByRegion} help={td.distributionHelp} testId="dashboard-regions">
              <DistributionChart company={data.company} groups={data.byRegion} testId="dashboard-regions" />
            </ChartCard>
            <ChartCard title={td.distributionByScorer} help={td.distributionHelp} testId="dashboard-scorers">
              <DistributionChart company={data.company} groups={data.byScorer.map((d) => ({ ...d, label: scorerLabel(d.label, t) }))} testId="dashboard-scorers" />
            </ChartCard>
            <ChartCard title={td.trend} help={td.trendHelp} testId="dashboard-trend">
              <TrendChart trend={data.trend} />
            </ChartCard>
            <ChartCard title={td.topDeductions} testId="dashboard-deductions">
              <TopDeductionsChart items={data.topDeductions} />
            </ChartCard>
            <Box sx={{ gridColumn: '1 / -1' }}>
              <ChartCard title={td.unsigned} help={td.handInDue(data.handInDue)} testId="dashboard-unsigned">
                <UnsignedList data={data} />
              </ChartCard>
            </Box>
          </Box>
        )}
      </Stack>
    </ChartsLocalizationProvider>
  );
}
