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
import Box from '@mui/material/Box';
import type { ChainRole, InboxEntry, InboxOverviewRow, RegionSummaryInfo } from '../../../shared/api/types.ts';
import { flagLabel, score } from '../../app/format.ts';
import { useItemTitles } from '../../app/itemTitles.ts';
import { StateChip } from './InboxTable.tsx';
import { invoke } from '../../api/client.ts';
import { useAction, type Loaded } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useI18n, useT } from '../../i18n/index.tsx';
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

/** A region summary selected in the inbox: who signed it, the sheets it lists and which are here; approve those pending at the user's step. */
export function SummaryDetails({ entry, role, onApprove }: { entry: InboxEntry & { summary: RegionSummaryInfo }; role: ChainRole; onApprove: (target: BulkTarget) => void }) {
  const { t, lang } = useI18n();
  const ts = t.bulk.summaryFile;
  const titles = useItemTitles();
  // The summary's own words when it is in the UI's language; else the flags worded here (item titles once loaded).
  const flagsOf = (x: RegionSummaryInfo['sheets'][number]) =>
    lang === s.language && x.flagWords.length === x.flags.length ? x.flagWords : x.flags.map((f) => flagLabel(f, t, (id) => titles(x.role, id)));
  const s = entry.summary;
  const here = s.sheets.filter((x) => x.entry !== null);
  const mine = s.sheets.flatMap((x) => (x.entry && x.entry.ok && x.entry.state === 'pending' && x.entry.nextStep === role ? [x.entry.sha256] : []));
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="summary-details">
      <Stack spacing={1}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {ts.title(s.region?.name ?? t.bulk.noRegion, s.period)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {ts.signedBy(s.signer.name, t.chainRoles[s.signer.role])}
          </Typography>
          <Typography variant="body2" data-testid="summary-lists">
            {ts.lists(s.sheets.length, here.length)}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          {mine.length > 0 && (
            <Button size="small" variant="contained" onClick={() => onApprove({ sha256: mine })} data-testid="summary-approve">
              {ts.approveListed(mine.length)}
            </Button>
          )}
        </Stack>
        <Table size="small" sx={{ '& td, & th': { px: 1 } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t.approvals.columns.person}</TableCell>
              <TableCell sx={{ textAlign: 'right' }}>{t.approvals.columns.scores}</TableCell>
              <TableCell>{t.approvals.details.flags}</TableCell>
              <TableCell>{t.approvals.columns.state}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {s.sheets.map((x) => (
              <TableRow key={x.employeeNo} data-testid={`summary-sheet-${x.employeeNo}`} data-in-inbox={String(x.entry !== null)}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <b>{x.name}</b> {x.employeeNo}
                </TableCell>
                <TableCell sx={{ textAlign: 'right' }}>{score(x.monthlyScore)}</TableCell>
                <TableCell>{x.flags.length ? flagsOf(x).join(t.approvals.separator) : t.common.none}</TableCell>
                <TableCell>{x.entry ? <StateChip state={x.entry.state} /> : <Typography variant="caption" color="text.secondary">{ts.missing}</Typography>}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Stack>
    </Paper>
  );
}
