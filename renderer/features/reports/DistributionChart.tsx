/**
 * A month's score distribution for regions or scoring managers against the company: the share of
 * each group's sheets per score band (shares, so groups of any size compare), and below it each
 * group's count, mean, spread, lowest and highest score.
 */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { BarChart } from '@mui/x-charts/BarChart';
import type { Distribution } from '../../../shared/api/report-types.ts';
import { score } from '../../app/format.ts';
import { useT } from '../../i18n/index.tsx';
import { COMPANY_COLOUR, X_AXIS_HEIGHT } from './chartSettings.ts';
import { useCompanyLabel } from './labels.ts';

/** A band's share of a group's sheets in percent, one decimal (display only). */
function share(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count * 1000) / total) / 10;
}

export function DistributionChart({ company, groups, testId }: { company: Distribution; groups: readonly Distribution[]; testId: string }) {
  const t = useT().reports.dashboard;
  const all = [{ ...company, label: useCompanyLabel() }, ...groups];
  return (
    <>
      <BarChart
        height={300}
        xAxis={[{ scaleType: 'band', data: t.bands, label: t.band, height: X_AXIS_HEIGHT }]}
        yAxis={[{ label: t.share, min: 0, max: 100, width: 56 }]}
        series={all.map((g, i) => ({
          id: g.key || `group-${i}`,
          label: t.legend(g.label, g.count, g.mean),
          data: g.bands.map((n) => share(n, g.count)),
          valueFormatter: (v: number | null, { dataIndex }: { dataIndex: number }) => t.sheetsInBand(g.bands[dataIndex] ?? 0, String(v ?? 0)),
          ...(i === 0 ? { color: COMPANY_COLOUR } : {}),
        }))}
        grid={{ horizontal: true }}
        margin={{ left: 8, right: 8 }}
      />
      <Table size="small" data-testid={`${testId}-stats`}>
        <TableHead>
          <TableRow>
            <TableCell />
            {(['count', 'mean', 'spread', 'min', 'max'] as const).map((k) => (
              <TableCell key={k} align="right">
                {t.stats[k]}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {all.map((g, i) => (
            <TableRow key={g.key || i} data-testid={`${testId}-row-${i === 0 ? 'company' : g.key}`}>
              <TableCell component="th" scope="row" sx={{ fontWeight: i === 0 ? 600 : undefined }}>
                {g.label}
              </TableCell>
              <TableCell align="right">{g.count}</TableCell>
              <TableCell align="right">{score(g.mean)}</TableCell>
              <TableCell align="right">{score(g.spread)}</TableCell>
              <TableCell align="right">{score(g.min)}</TableCell>
              <TableCell align="right">{score(g.max)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
