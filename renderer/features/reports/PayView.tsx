/** Pay for a month: the settings version used, every person's pay (or what is missing), totals, and the files for payroll. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo } from 'react';
import type { PayReport } from '../../../shared/api/report-types.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { missingText, PAY_GRID_SX, payColumns } from './payColumns.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';
import { SheetFiguresBanner } from './SheetFiguresBanner.tsx';
import { ReportGrid } from './ReportGrid.tsx';
import { money } from './reportFormat.ts';

export function PayView({ period, onPeriod }: { period: string; onPeriod: (period: string) => void }) {
  const { t, lang } = useI18n();
  const fit = useFit();
  const report = useCall('reports.pay', { period });
  const data = report.data?.period === period ? report.data : undefined;
  const scoreRate = data?.settings.settings.scoreRate ?? 'daily';
  const flagged = (data?.unconfirmed ?? 0) > 0;
  const amended = data?.rows.some((r) => r.amendment !== undefined) ?? false;
  const columns = useMemo(() => payColumns(t, lang, fit, scoreRate, flagged, amended), [t, lang, fit, scoreRate, flagged, amended]);
  return (
    <Stack spacing={1.5} data-testid="pay-view">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <MonthPicker value={period} onChange={onPeriod} />
        {data && <SettingsUsed report={data} />}
        <Box sx={{ flexGrow: 1 }} />
        <ReportDownloads file={{ report: 'pay', period }} formats={['xlsx', 'csv']} />
      </Stack>
      <FailureAlert error={report.error} onRetry={report.reload} />
      {/* Figures from signed sheets: unconfirmed (confirm all) and differences with HR's (keep or take). */}
      <SheetFiguresBanner period={period} onChanged={report.reload} />
      {data && data.rows.length === 0 && <Alert severity="info">{t.reports.pay.empty}</Alert>}
      <ReportGrid
        testId="pay-grid"
        height="calc(100vh - 300px)"
        rows={data?.rows ?? []}
        columns={columns}
        loading={report.loading}
        showEmployeeNo
        // A row grows where a cell wraps: a long role, or each reason pay is missing on its own line.
        getRowHeight={() => 'auto'}
        sx={{ ...PAY_GRID_SX, '& .pay-total': { fontWeight: 600 } }}
      />
      {data && <PayTotals report={data} />}
    </Stack>
  );
}

function SettingsUsed({ report }: { report: PayReport }) {
  const t = useI18n().t.reports.pay;
  const { version, effectiveFrom, settings } = report.settings;
  const { split, bonus, scoreRate } = settings;
  return (
    <Stack data-testid="pay-settings" data-version={version} data-score-rate={scoreRate}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t.settings(version, effectiveFrom)}
        {' · '}
        <span data-testid="pay-score-rate" title={t.scoreRateHelp}>
          {t.scoreRate[scoreRate]}
        </span>
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {[t.split(split.base, split.plan, split.assessment), bonus.policy === 'none' ? t.bonusNone : t.bonusPerPoint(bonus.percentPerPoint)].join(' · ')}
      </Typography>
    </Stack>
  );
}

/** Who has no pay and why, in full: a line under the totals (the grid's cells may be narrow). */
function MissingDetails({ report }: { report: PayReport }) {
  const { t } = useI18n();
  const unpaid = report.rows.filter((r) => r.pay === null);
  if (unpaid.length === 0) return null;
  return (
    <Typography variant="caption" color="text.secondary" component="div" data-testid="pay-missing-details" sx={{ mt: 0.5 }}>
      {unpaid.map((r, i) => (
        <Fragment key={r.personId}>
          {i > 0 && '; '}
          <Box component="span" data-person={r.personId}>
            {r.name} ({r.employeeNo}) {missingText(t, r)}
          </Box>
        </Fragment>
      ))}
    </Typography>
  );
}

function PayTotals({ report }: { report: PayReport }) {
  const { t, lang } = useI18n();
  const c = t.reports.pay.columns;
  const { totals } = report;
  const withoutPay = report.rows.length - totals.people;
  const parts: [string, number, string][] = [
    [c.base, totals.base, 'base'],
    [c.planPart, totals.plan, 'plan'],
    [c.assessmentPart, totals.assessment, 'assessment'],
    [c.bonus, totals.bonus, 'bonus'],
    [c.total, totals.total, 'total'],
  ];
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1 }} data-testid="pay-totals">
      <Stack direction="row" spacing={3} useFlexGap sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 0.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {t.reports.pay.totals(totals.people)}
        </Typography>
        {parts.map(([label, value, key]) => (
          <Typography key={key} variant="body2" data-testid={`pay-total-${key}`} sx={{ whiteSpace: 'nowrap' }}>
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {label}{' '}
            </Box>
            <Box component="span" sx={{ fontWeight: key === 'total' ? 700 : 500, fontVariantNumeric: 'tabular-nums' }}>
              {money(value, lang)}
            </Box>
          </Typography>
        ))}
        {withoutPay > 0 && (
          <Typography variant="body2" color="warning.dark">
            {t.reports.pay.withoutPay(withoutPay)}
          </Typography>
        )}
        {report.unconfirmed > 0 && (
          <Typography variant="body2" color="warning.dark" data-testid="pay-unconfirmed" data-count={report.unconfirmed}>
            {t.figures.fromSheets.payFlagged(report.unconfirmed)}
          </Typography>
        )}
      </Stack>
      <MissingDetails report={report} />
    </Paper>
  );
}
