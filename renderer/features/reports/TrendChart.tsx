/**
 * The mean monthly score of the company and each region over the 12 months ending with the chosen
 * one (gaps where there were no scored sheets), and, when picked, one person's monthly scores.
 */
import Stack from '@mui/material/Stack';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import type { DashboardData } from '../../../shared/api/report-types.ts';
import type { Language } from '../../../shared/api/types.ts';
import { useFit } from '../../app/fit.ts';
import { score } from '../../app/format.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { COMPANY_COLOUR, PERSON_COLOUR, X_AXIS_HEIGHT } from './chartSettings.ts';
import { useCompanyLabel } from './labels.ts';

/** A month on the axis: "Nov" / "11月", with the year below for the first month and each January. */
function monthTick(period: string, first: boolean, lang: Language): string {
  const [year = '', month = ''] = period.split('-');
  const name = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, Number(month) - 1, 1)));
  return first || month === '01' ? `${name}\n${year}` : name;
}

export function TrendChart({ trend }: { trend: DashboardData['trend'] }) {
  const { t, lang } = useI18n();
  const td = t.reports.dashboard;
  const fit = useFit();
  const companyLabel = useCompanyLabel();
  const [personId, setPersonId] = useState('');
  const person = trend.people.find((p) => String(p.personId) === personId);
  const options = [{ value: '', label: t.common.noneOption }, ...trend.people.map((p) => ({ value: String(p.personId), label: `${p.name} · ${p.regionName ?? '—'}` }))];
  const series = trend.series.map((s) => ({
    id: s.key,
    label: s.key === 'company' ? companyLabel : s.label,
    data: [...s.means],
    curve: 'linear' as const,
    valueFormatter: (v: number | null) => score(v),
    ...(s.key === 'company' ? { color: COMPANY_COLOUR } : {}),
  }));
  if (person) {
    series.push({ id: `person-${person.personId}`, label: person.name, data: [...person.scores], curve: 'linear', valueFormatter: (v: number | null) => score(v), color: PERSON_COLOUR });
  }
  return (
    <Stack spacing={1}>
      <SelectField
        label={td.person}
        value={person ? personId : ''}
        options={options}
        onChange={setPersonId}
        testId="trend-person"
        size="small"
        sx={{ width: Math.min(320, fit.select(options.map((o) => o.label))) }}
      />
      <LineChart
        height={300}
        xAxis={[
          {
            scaleType: 'point',
            data: [...trend.periods],
            label: td.month,
            // Two lines under the first month and each January (month, then year), else the month alone: twelve fit.
            height: X_AXIS_HEIGHT + 16,
            valueFormatter: (p: string, ctx) => (ctx.location === 'tick' ? monthTick(p, p === trend.periods[0], lang) : p),
          },
        ]}
        yAxis={[{ label: td.meanScore, width: 56 }]}
        series={series}
        grid={{ horizontal: true }}
        margin={{ left: 8, right: 24 }}
      />
    </Stack>
  );
}
