/**
 * The received sheets: file, person, period, scores, verdict, chain, state and what the user may
 * do (approve / return when their step is next; HR: import a fully signed file). A click on a
 * row selects it (details below the table).
 */
import Button from '@mui/material/Button';
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
}

export function InboxTable({
  entries,
  role,
  selected,
  onSelect,
  actions,
}: {
  entries: readonly InboxEntry[];
  role: ChainRole;
  selected: string | null;
  onSelect: (sha256: string) => void;
  actions: InboxActions;
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
                  <TableCell sx={{ maxWidth: 180, wordBreak: 'break-all' }}>
                    <Typography variant="body2">{entry.fileName}</Typography>
                    <Typography variant="caption" color="text.secondary" sx={nowrap}>
                      {dateTime(entry.receivedAt, lang)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ minWidth: 110 }}>
                    {entry.person ? (
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
                  <TableCell sx={nowrap}>{entry.period ?? t.common.none}</TableCell>
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
        !hr && (
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
    </Stack>
  );
}
