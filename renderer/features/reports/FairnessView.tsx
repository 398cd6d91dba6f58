/** Fairness for a month: calibration of the scoring managers, deductions without a note, and each person's explanation sheet. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { FairnessReport } from '../../../shared/api/report-types.ts';
import { CALIBRATION } from '../../../shared/reports/fairness.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { minus, score } from '../../app/format.ts';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useRoute } from '../../app/route.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ChartCard } from './ChartCard.tsx';
import { ExplanationDialog } from './ExplanationDialog.tsx';
import { scorerLabel, useCompanyLabel } from './labels.ts';

export function FairnessView({ period, onPeriod }: { period: string; onPeriod: (period: string) => void }) {
  const { t } = useI18n();
  const tf = t.reports.fairness;
  const report = useCall('reports.fairness', { period });
  const data = report.data?.period === period ? report.data : undefined;
  const [explaining, setExplaining] = useState<number | null>(null);
  const explained = data?.explanations.find((e) => e.personId === explaining);
  const company = useCompanyLabel();
  return (
    <Stack spacing={2} data-testid="fairness-view">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <MonthPicker value={period} onChange={onPeriod} />
        <Box sx={{ flexGrow: 1 }} />
        {data && <ExplainPicker report={data} onExplain={setExplaining} />}
      </Stack>
      <FailureAlert error={report.error} onRetry={report.reload} />
      {data && (
        <>
          <ChartCard title={tf.calibration} help={tf.calibrationHelp(company, data.company.count, data.company.mean, data.company.spread)} testId="calibration">
            <Calibration report={data} />
          </ChartCard>
          <ChartCard title={tf.unexplained} help={tf.unexplainedHelp} testId="unexplained">
            <Unexplained report={data} onExplain={setExplaining} />
          </ChartCard>
        </>
      )}
      {explained && <ExplanationDialog person={explained} period={period} onClose={() => setExplaining(null)} />}
    </Stack>
  );
}

function Calibration({ report }: { report: FairnessReport }) {
  const { t } = useI18n();
  const tf = t.reports.fairness;
  const c = tf.columns;
  const company = useCompanyLabel();
  if (report.calibration.length === 0) return <Typography color="text.secondary">{tf.noScorers}</Typography>;
  return (
    <TableContainer>
      <Table size="small" data-testid="calibration-table">
        <TableHead>
          <TableRow>
            <TableCell>{c.scorer}</TableCell>
            <TableCell align="right">{c.count}</TableCell>
            <TableCell align="right">{c.mean}</TableCell>
            <TableCell align="right">{c.spread}</TableCell>
            <TableCell align="right">{c.companyMean(company)}</TableCell>
            <TableCell align="right">{c.companySpread(company)}</TableCell>
            <TableCell>{c.flags}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.calibration.map((row) => (
            <TableRow key={row.scorer} data-testid="calibration-row" data-flags={row.flags.join(' ')} data-verdict={row.verdict}>
              <TableCell component="th" scope="row">
                {scorerLabel(row.scorer, t)}
              </TableCell>
              <TableCell align="right">{row.count}</TableCell>
              <TableCell align="right">{score(row.mean)}</TableCell>
              <TableCell align="right">{score(row.spread)}</TableCell>
              <TableCell align="right">{score(report.company.mean)}</TableCell>
              <TableCell align="right">{score(report.company.spread)}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                  {row.verdict === 'too-few' ? (
                    <Chip variant="outlined" label={tf.tooFew(CALIBRATION.minSheets)} data-verdict="too-few" />
                  ) : row.flags.length === 0 ? (
                    <Chip variant="outlined" color="success" label={tf.noFlags} data-verdict="in-line" />
                  ) : (
                    row.flags.map((f) => <Chip key={f} color="warning" label={tf.flags[f]} data-flag={f} />)
                  )}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Unexplained({ report, onExplain }: { report: FairnessReport; onExplain: (personId: number) => void }) {
  const { t, text } = useI18n();
  const tf = t.reports.fairness;
  const [, go] = useRoute();
  if (report.unexplained.length === 0) return <Typography color="text.secondary">{tf.allExplained}</Typography>;
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader data-testid="unexplained-table">
        <TableHead>
          <TableRow>
            <TableCell>{t.reports.columns.name}</TableCell>
            <TableCell>{tf.item}</TableCell>
            <TableCell align="right">{tf.deduction}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {report.unexplained.map((u, i) => (
            <TableRow key={`${u.personId}-${u.itemId}-${i}`} data-testid={`unexplained-${u.personId}-${u.itemId}`}>
              <TableCell>
                <Link component="button" onClick={() => go({ screen: 'sheet', personId: u.personId, period: report.period })} title={tf.openSheet}>
                  {u.name}
                </Link>
              </TableCell>
              <TableCell>{text(u.title)}</TableCell>
              <TableCell align="right" sx={{ color: 'error.main', fontVariantNumeric: 'tabular-nums' }}>
                {minus(u.deduction)}
              </TableCell>
              <TableCell align="right">
                <Button size="small" onClick={() => onExplain(u.personId)} sx={{ whiteSpace: 'nowrap' }}>
                  {tf.explainOpen}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Pick anyone with a scored sheet this month and open their explanation sheet. */
function ExplainPicker({ report, onExplain }: { report: FairnessReport; onExplain: (personId: number) => void }) {
  const { t } = useI18n();
  const tf = t.reports.fairness;
  const fit = useFit();
  const [chosen, setChosen] = useState('');
  const options = report.explanations.map((p) => ({ value: String(p.personId), label: `${p.name} (${p.employeeNo})` }));
  const value = options.some((o) => o.value === chosen) ? chosen : (options[0]?.value ?? '');
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <SelectField
        label={tf.explainFor}
        value={value}
        options={options}
        onChange={setChosen}
        testId="explain-person"
        disabled={options.length === 0}
        sx={{ width: Math.max(160, fit.select(options.map((o) => o.label))) }}
      />
      <Button variant="outlined" disabled={!value} onClick={() => onExplain(Number(value))} data-testid="explain-open" sx={{ whiteSpace: 'nowrap' }}>
        {tf.explain}
      </Button>
    </Stack>
  );
}
