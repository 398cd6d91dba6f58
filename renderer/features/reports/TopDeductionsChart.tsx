/**
 * The items that lost points most often in the month, as horizontal bars titled in the current
 * language. A long title is shortened on the axis and shown whole in the tooltip.
 */
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import type { DashboardData } from '../../../shared/api/report-types.ts';
import { measureText } from '../../app/fit.ts';
import { TEXT } from '../../app/palette.ts';
import { useI18n } from '../../i18n/index.tsx';
import { X_AXIS_HEIGHT } from './chartSettings.ts';

/** The widest an axis title may be before it is shortened with "…". */
const MAX_LABEL_PX = 240;
const TICK_FONT = `400 12px ${TEXT.fontFamily}`;

function shorten(text: string): string {
  if (measureText(text, TICK_FONT) <= MAX_LABEL_PX) return text;
  let end = text.length - 1;
  while (end > 1 && measureText(`${text.slice(0, end)}…`, TICK_FONT) > MAX_LABEL_PX) end--;
  return `${text.slice(0, end)}…`;
}

export function TopDeductionsChart({ items }: { items: DashboardData['topDeductions'] }) {
  const { t, text } = useI18n();
  const td = t.reports.dashboard;
  if (items.length === 0) return <Typography color="text.secondary">{td.noDeductions}</Typography>;
  const titles = items.map((d) => text(d.title));
  const labelWidth = Math.min(MAX_LABEL_PX, Math.max(...titles.map((s) => measureText(shorten(s), TICK_FONT)))) + 16;
  return (
    <BarChart
      layout="horizontal"
      height={70 + items.length * 30}
      yAxis={[
        {
          scaleType: 'band',
          data: items.map((_, i) => i),
          width: labelWidth,
          valueFormatter: (i: number, ctx) => (ctx.location === 'tick' ? shorten(titles[i] ?? '') : (titles[i] ?? '')),
          tickLabelStyle: { fontSize: 12 },
        },
      ]}
      xAxis={[{ label: td.times, tickMinStep: 1, height: X_AXIS_HEIGHT }]}
      series={[
        {
          id: 'count',
          data: items.map((d) => d.count),
          label: td.times,
          valueFormatter: (v: number | null, { dataIndex }: { dataIndex: number }) => `${v ?? 0} · ${td.pointsLost(items[dataIndex]?.points ?? 0)}`,
        },
      ]}
      hideLegend
      grid={{ vertical: true }}
      margin={{ left: 8, right: 16 }}
    />
  );
}
