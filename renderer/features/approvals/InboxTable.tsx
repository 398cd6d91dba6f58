/**
 * The received sheets: file, person, period, scores, verdict, chain, state and what the user may
 * do (approve / return when their step is next; HR: import a fully signed file). A click on a
 * row selects it (details below the table).
 */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ChainRole, InboxEntry, InboxState } from '../../../shared/api/types.ts';
import { dateTime, score } from '../../app/format.ts';
import { DeleteIcon } from '../../app/icons.tsx';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { canHrImport, reviewOf, sha8, type Review } from './availability.ts';
import { ChainCompact } from './ChainSteps.tsx';
import { Verdict } from './Verdict.tsx';

const PAGE = 50;
const STATE_COLOURS = { pending: 'warning', approved: 'success', returned: 'error', imported: 'info' } as const;

export function StateChip({ state, testId }: { state: InboxState; testId?: string }) {
  const { t } = useI18n();
  return <Chip size="small" label={t.approvals.states[state]} color={STATE_COLOURS[state]} variant={state === 'pending' ? 'outlined' : 'filled'} data-testid={testId} data-state={state} />;
}

/** Why no action is offered, in a few words (the details say it in full). */
export function shortWhy(review: Exclude<Review, { can: true }>, entry: InboxEntry, t: Messages): string {
  const w = t.approvals.why;
  switch (review.why) {
    case 'refused':
      return w.refusedShort;
    case 'superseded':
      return t.amend.supersededShort(review.by.version);
    case 'handled':
      return w.handledShort(t.approvals.states[entry.state]);
    case 'complete':
      return w.completeShort;
    case 'unknown':
      return w.unknownShort;
    case 'role':
      return w.waitingFor(t.chainRoles[review.next]);
  }
}

export interface InboxActions {
  onApprove: (entry: InboxEntry) => void;
  onReturn: (entry: InboxEntry) => void;
  onHrImport: (entry: InboxEntry) => void;
  importing: boolean;
  /** Remove a refused entry from the inbox (offered on refused rows when given). */
  onRemove?: (entry: InboxEntry) => void;
}

/** Rows chosen for a bulk approval or return: the checked SHA-256s and how to change them. */
export interface InboxSelection {
  checked: ReadonlySet<string>;
  onCheck: (sha256s: string[], on: boolean) => void;
}

export function InboxTable({
  entries,
  role,
  selected,
  onSelect,
  actions,
  selection,
}: {
  entries: readonly InboxEntry[];
  role: ChainRole;
  selected: string | null;
  onSelect: (sha256: string) => void;
  actions: InboxActions;
  selection?: InboxSelection;
}) {
  const { t, lang } = useI18n();
  const tc = t.approvals.columns;
  const [shown, setShown] = useState(PAGE);
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Stack spacing={1}>
      <TableContainer>
        <Table size="small" data-testid="inbox-table" sx={{ '& td, & th': { verticalAlign: 'top', px: 1 }, '& tbody tr': { cursor: 'pointer' } }}>
          <TableHead>
            <TableRow>
              {selection && <SelectAllCell entries={entries.slice(0, shown)} role={role} selection={selection} />}
              <TableCell>{tc.file}</TableCell>
              <TableCell>{tc.person}</TableCell>
              <TableCell sx={nowrap}>{tc.period}</TableCell>
              <TableCell sx={nowrap}>
                {tc.scores}
                <Typography variant="caption" color="text.secondary" component="div">
                  {tc.scoresParts}
                </Typography>
              </TableCell>
              <TableCell>{tc.verdict}</TableCell>
              <TableCell>{tc.chain}</TableCell>
              <TableCell>{tc.state}</TableCell>
              <TableCell>{tc.actions}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.slice(0, shown).map((entry) => {
              const id = sha8(entry.sha256);
              const review = reviewOf(entry, role);
              return (
                <TableRow
                  key={entry.sha256}
                  hover
                  selected={entry.sha256 === selected}
                  tabIndex={0}
                  onClick={() => onSelect(entry.sha256)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) onSelect(entry.sha256);
                  }}
                  data-testid={`inbox-row-${id}`}
                  data-state={entry.state}
                >
                  {selection && (
                    <TableCell padding="checkbox" onClick={(e) => e.stopPropagation()}>
                      {review.can && (
                        <Checkbox
                          size="small"
                          checked={selection.checked.has(entry.sha256)}
                          onChange={(e) => selection.onCheck([entry.sha256], e.target.checked)}
                          slotProps={{ input: { 'aria-label': t.bulk.selectRow(entry.person?.name ?? entry.fileName), 'data-testid': `inbox-check-${id}` } as object }}
                        />
                      )}
                    </TableCell>
                  )}
                  <TableCell sx={{ maxWidth: 180, wordBreak: 'break-all' }}>
                    <Typography variant="body2">{entry.fileName}</Typography>
                    <Typography variant="caption" color="text.secondary" sx={nowrap}>
                      {dateTime(entry.receivedAt, lang)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ minWidth: 110 }}>
                    {entry.summary ? (
                      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid={`inbox-summary-${id}`}>
                        {t.bulk.summaryFile.title(entry.summary.region?.name ?? t.bulk.noRegion, entry.summary.period)}
                      </Typography>
                    ) : entry.person ? (
                      <>
                        <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                          {entry.person.name}
                          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.75, fontWeight: 400 }}>
                            {entry.person.employeeNo}
                          </Typography>
                        </Typography>
                        <Typography variant="caption" color="text.secondary" component="div">
                          {[t.roles[entry.person.role] ?? entry.person.role, entry.region?.name].filter(Boolean).join(' · ')}
                        </Typography>
                      </>
                    ) : (
                      t.common.none
                    )}
                  </TableCell>
                  <TableCell sx={nowrap}>{entry.period ?? entry.summary?.period ?? t.common.none}</TableCell>
                  <TableCell sx={nowrap}>
                    {entry.scores ? (
                      <Typography variant="body2">
                        {score(entry.scores.dailyScore)} · {score(entry.scores.attendanceScore)} ·{' '}
                        <b>{score(entry.scores.monthlyScore)}</b>
                      </Typography>
                    ) : (
                      t.common.none
                    )}
                  </TableCell>
                  <TableCell sx={{ minWidth: 120, maxWidth: 240 }}>
                    <Verdict verdict={entry.verdict} testId={`inbox-verdict-${id}`} />
                  </TableCell>
                  <TableCell>
                    <ChainCompact entry={entry} testId={`inbox-chain-${id}`} />
                  </TableCell>
                  <TableCell sx={{ maxWidth: 160 }}>
                    <StateChip state={entry.state} testId={`inbox-state-${id}`} />
                    <VersionChips entry={entry} id={id} />
                    {entry.note && (
                      <Typography variant="caption" color="text.secondary" component="div" title={entry.note} sx={{ mt: 0.5, wordBreak: 'break-word', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                        {entry.note}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ minWidth: 120 }} onClick={(e) => e.stopPropagation()}>
                    <RowActions entry={entry} review={review} role={role} actions={actions} select={() => onSelect(entry.sha256)} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {entries.length > shown && (
        <Button onClick={() => setShown((n) => n + PAGE)} sx={{ alignSelf: 'center' }} data-testid="inbox-more">
          {t.approvals.showMore(Math.min(PAGE, entries.length - shown), entries.length - shown)}
        </Button>
      )}
    </Stack>
  );
}

/** The header's box: every entry on the page the user may approve, checked or cleared at once. */
function SelectAllCell({ entries, role, selection }: { entries: readonly InboxEntry[]; role: ChainRole; selection: InboxSelection }) {
  const { t } = useI18n();
  const can = entries.filter((e) => reviewOf(e, role).can).map((e) => e.sha256);
  const n = can.filter((sha) => selection.checked.has(sha)).length;
  return (
    <TableCell padding="checkbox">
      {can.length > 0 && (
        <Checkbox
          size="small"
          checked={n === can.length}
          indeterminate={n > 0 && n < can.length}
          onChange={(e) => selection.onCheck(can, e.target.checked)}
          slotProps={{ input: { 'aria-label': t.bulk.selectAll, 'data-testid': 'inbox-check-all' } as object }}
        />
      )}
    </TableCell>
  );
}

/** An amendment's badge (修订 第 2 版) and a superseded version's mark (已被取代). */
export function VersionChips({ entry, id }: { entry: InboxEntry; id: string }) {
  const { t } = useI18n();
  if (!entry.amendment && !entry.superseded) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap' }}>
      {entry.amendment && <Chip size="small" color="secondary" label={t.amend.badge(entry.amendment.version)} data-testid={`inbox-amendment-${id}`} />}
      {entry.superseded && <Chip size="small" color="default" variant="outlined" label={t.amend.superseded} data-testid={`inbox-superseded-${id}`} />}
    </Stack>
  );
}

function RowActions({ entry, review, role, actions, select }: { entry: InboxEntry; review: Review; role: ChainRole; actions: InboxActions; select: () => void }) {
  const { t } = useI18n();
  const id = sha8(entry.sha256);
  const hr = canHrImport(entry, role);
  return (
    <Stack spacing={0.75} sx={{ alignItems: 'flex-start' }}>
      {review.can ? (
        <Stack direction="row" spacing={0.75}>
          <Button
            size="small"
            variant="contained"
            onClick={() => {
              select();
              actions.onApprove(entry);
            }}
            data-testid={`inbox-approve-${id}`}
          >
            {t.approvals.approve}
          </Button>
          <Button
            size="small"
            variant="outlined"
            color="warning"
            onClick={() => {
              select();
              actions.onReturn(entry);
            }}
            data-testid={`inbox-return-${id}`}
          >
            {t.approvals.return}
          </Button>
        </Stack>
      ) : (
        !hr &&
        !entry.summary && (
          <Typography variant="caption" color={review.why === 'refused' ? 'error' : 'text.secondary'} data-testid={`inbox-why-${id}`} sx={{ cursor: 'pointer' }} onClick={select}>
            {shortWhy(review, entry, t)}
          </Typography>
        )
      )}
      {hr && (
        <Button size="small" variant="contained" color="secondary" disabled={actions.importing} onClick={() => actions.onHrImport(entry)} data-testid={`hr-import-${id}`} sx={{ whiteSpace: 'nowrap' }}>
          {t.approvals.hrImport}
        </Button>
      )}
      {review.can === false && (review.why === 'refused' || entry.summary) && actions.onRemove && (
        <Button size="small" color="inherit" startIcon={<DeleteIcon fontSize="small" />} onClick={() => actions.onRemove?.(entry)} data-testid={`inbox-remove-${id}`} sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>
          {t.bulk.remove}
        </Button>
      )}
    </Stack>
  );
}
