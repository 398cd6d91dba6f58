/**
 * The inbox's parts for reviewing at scale: the overview per region and month (what waits for the
 * user's step, what is at another step, approved, returned, complete) with "approve these" per
 * row; the bar of the rows checked in the table; removing a refused entry.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { InboxEntry, InboxOverviewRow } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, type Loaded } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import type { BulkTarget } from './BulkDialog.tsx';

/** The overview's key of a row (test ids): month and region code. */
export const overviewKey = (row: Pick<InboxOverviewRow, 'period' | 'region'>) => `${row.period}-${row.region?.code ?? 'none'}`;

export function InboxOverview({ overview, onApprove }: { overview: Loaded<InboxOverviewRow[]>; onApprove: (target: BulkTarget) => void }) {
  const t = useT();
  const tb = t.bulk;
  const tc = tb.columns;
  const rows = overview.data ?? [];
  const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="inbox-overview">
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {tb.overviewTitle}
        </Typography>
        <FailureAlert error={overview.error} onRetry={overview.reload} />
        {overview.data && rows.length === 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="inbox-overview-empty">
            {tb.overviewEmpty}
          </Typography>
        )}
        {rows.length > 0 && (
          <Table size="small" sx={{ '& td, & th': { px: 1, whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{tc.period}</TableCell>
                <TableCell>{tc.region}</TableCell>
                <TableCell sx={num}>{tc.pending}</TableCell>
                <TableCell sx={num}>{tc.elsewhere}</TableCell>
                <TableCell sx={num}>{tc.approved}</TableCell>
                <TableCell sx={num}>{tc.returned}</TableCell>
                <TableCell sx={num}>{tc.complete}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => {
                const key = overviewKey(row);
                const region = row.region?.name ?? tb.noRegion;
                return (
                  <TableRow key={key} data-testid={`overview-${key}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.period}</TableCell>
                    <TableCell>{region}</TableCell>
                    <TableCell sx={{ ...num, fontWeight: row.pendingAtStep > 0 ? 700 : 400 }} data-testid={`overview-pending-${key}`}>
                      {row.pendingAtStep}
                    </TableCell>
                    <TableCell sx={num}>{row.pendingElsewhere}</TableCell>
                    <TableCell sx={num} data-testid={`overview-approved-${key}`}>
                      {row.approved}
                    </TableCell>
                    <TableCell sx={num} data-testid={`overview-returned-${key}`}>
                      {row.returned}
                    </TableCell>
                    <TableCell sx={num}>{row.complete}</TableCell>
                    <TableCell sx={{ width: 1, whiteSpace: 'nowrap' }}>
                      {row.pendingAtStep > 0 && (
                        <Button
                          size="small"
                          variant="contained"
                          onClick={() =>
                            onApprove({
                              pending: { period: row.period, ...(row.region ? { regionCode: row.region.code } : {}) },
                              count: row.pendingAtStep,
                              title: tb.approveRegionTitle(region, row.period, row.pendingAtStep),
                            })
                          }
                          data-testid={`overview-approve-${key}`}
                        >
                          {tb.approveThese(row.pendingAtStep)}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

/** The rows checked in the table: how many, approve or return them, clear. */
export function BulkBar({ count, onApprove, onReturn, onClear }: { count: number; onApprove: () => void; onReturn: () => void; onClear: () => void }) {
  const tb = useT().bulk;
  if (count === 0) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', bgcolor: 'action.selected', px: 1.5, py: 0.75, borderRadius: 1 }} data-testid="bulk-bar">
      <Typography variant="body2" sx={{ fontWeight: 600, mr: 1 }} data-testid="bulk-count">
        {tb.selected(count)}
      </Typography>
      <Button size="small" variant="contained" onClick={onApprove} data-testid="bulk-approve">
        {tb.approveSelected(count)}
      </Button>
      <Button size="small" variant="outlined" color="warning" onClick={onReturn} data-testid="bulk-return">
        {tb.returnSelected(count)}
      </Button>
      <Button size="small" onClick={onClear} data-testid="bulk-clear">
        {tb.clearSelection}
      </Button>
    </Stack>
  );
}

/** Confirm removing a refused entry (inbox.remove). */
export function RemoveDialog({ entry, onClose }: { entry: InboxEntry; onClose: (removed: boolean) => void }) {
  const t = useT();
  const tb = t.bulk;
  const remove = useAction(() => invoke('inbox.remove', { sha256: entry.sha256 }));
  return (
    <Dialog open onClose={remove.busy ? undefined : () => onClose(false)} maxWidth="xs" fullWidth data-testid="remove-dialog">
      <DialogTitle>{tb.removeTitle}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          <Typography variant="body2">{tb.removeText(entry.fileName)}</Typography>
          <FailureAlert error={remove.error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)} disabled={remove.busy}>
          {t.common.cancel}
        </Button>
        <Button variant="contained" color="error" disabled={remove.busy} onClick={() => void remove.run().then((done) => done && onClose(true))} data-testid="remove-confirm">
          {tb.remove}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
