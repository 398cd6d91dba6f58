/**
 * Figures from signed sheets (HR's import, electron/services/sheet-figures.ts) that still need HR:
 * a banner "N figures from sheets are unconfirmed — Confirm all" (figures.confirm for the month),
 * and the differences between HR's value and a sheet's, each with its two actions: keep HR's or
 * take the sheet's (figures.resolveConflict). Shown above the pay grid; `onChanged` reloads it.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { FigureConflict } from '../../../shared/api/report-types.ts';
import { KPI_BY_ID, kpiName, formatKpi } from '../../../shared/kpi.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function SheetFiguresBanner({ period, onChanged }: { period: string; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.figures.fromSheets;
  const state = useCall('figures.fromSheets', { period });
  const data = state.data?.period === period ? state.data : undefined;
  const [done, setDone] = useState<string | null>(null);
  const changed = () => {
    state.reload();
    onChanged();
  };
  const confirm = useAction(async () => {
    const r = await invoke('figures.confirm', { period });
    setDone(tf.confirmed(r.confirmed));
    changed();
  });
  const resolve = useAction(async (c: FigureConflict, keep: 'hr' | 'sheet') => {
    await invoke('figures.resolveConflict', { personId: c.personId, period, kpi: c.kpi, keep });
    setDone(null);
    changed();
  });
  const kpiWords = (id: string) => {
    const k = KPI_BY_ID.get(id);
    return k ? kpiName(k, lang) : id;
  };
  const value = (id: string, v: number) => {
    const k = KPI_BY_ID.get(id);
    return k ? formatKpi(k, v, lang) : String(v);
  };
  const busy = confirm.busy || resolve.busy;
  return (
    <Stack spacing={1} data-testid="sheet-figures">
      <FailureAlert error={state.error} onRetry={state.reload} />
      <FailureAlert error={confirm.error ?? resolve.error} onClose={() => (confirm.clearError(), resolve.clearError())} />
      {data && data.unconfirmedCount > 0 && (
        <Alert
          severity="warning"
          sx={{ py: 0 }}
          data-testid="sheet-figures-unconfirmed"
          data-count={data.unconfirmedCount}
          action={
            <Button color="inherit" variant="outlined" size="small" disabled={busy} onClick={() => void confirm.run()} data-testid="sheet-figures-confirm-all" sx={{ whiteSpace: 'nowrap' }}>
              {tf.confirmAll}
            </Button>
          }
        >
          <AlertTitle sx={{ mb: 0 }}>{tf.unconfirmed(data.unconfirmedCount, data.unconfirmed.length)}</AlertTitle>
          <Typography variant="caption" component="div">
            {tf.unconfirmedHelp}
          </Typography>
        </Alert>
      )}
      {done && data?.unconfirmedCount === 0 && (
        <Alert severity="success" onClose={() => setDone(null)} data-testid="sheet-figures-done">
          {done}
        </Alert>
      )}
      {data && data.conflicts.length > 0 && (
        <Alert severity="info" icon={false} data-testid="sheet-figures-conflicts" sx={{ py: 0, '& .MuiAlert-message': { width: '100%' } }}>
          <AlertTitle sx={{ mb: 0 }}>{tf.conflictsTitle(data.conflicts.length)}</AlertTitle>
          <Typography variant="caption" component="div" sx={{ mb: 0.5 }}>
            {tf.conflictsHelp}
          </Typography>
          <Table size="small" sx={{ '& td, & th': { py: 0.25, px: 1, borderColor: 'divider' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{tf.person}</TableCell>
                <TableCell>{tf.field}</TableCell>
                <TableCell align="right">{tf.hrValue}</TableCell>
                <TableCell align="right">{tf.sheetValue}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.conflicts.map((c) => (
                <TableRow key={`${c.personId} ${c.kpi}`} data-testid="sheet-figures-conflict" data-person={c.employeeNo} data-kpi={c.kpi}>
                  <TableCell>
                    {c.name} ({c.employeeNo})
                  </TableCell>
                  <TableCell>{kpiWords(c.kpi)}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
                    {value(c.kpi, c.hrValue)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {value(c.kpi, c.sheetValue)}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" disabled={busy} onClick={() => void resolve.run(c, 'hr')} data-testid="conflict-keep-hr">
                      {tf.keepHr}
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => void resolve.run(c, 'sheet')} data-testid="conflict-take-sheet">
                      {tf.takeSheet}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Alert>
      )}
    </Stack>
  );
}
