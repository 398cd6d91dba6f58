/** One received sheet in full: the file, the verdict, the person and scores, the chain, and what the user may do with it (or why not). */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ChainRole, InboxEntry } from '../../../shared/api/types.ts';
import { dateTime, flagLabel, score } from '../../app/format.ts';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { canHrImport, reviewOf, type Review } from './availability.ts';
import { ChainTable } from './ChainSteps.tsx';
import type { InboxActions } from './InboxTable.tsx';
import { StateChip } from './InboxTable.tsx';
import { Verdict } from './Verdict.tsx';
import { AmendmentChanges, useRoleItems } from '../../app/AmendmentView.tsx';

/** Why the user cannot approve or return this entry, in full. */
function whyText(review: Exclude<Review, { can: true }>, entry: InboxEntry, role: ChainRole, t: Messages, when: string): string {
  const w = t.approvals.why;
  switch (review.why) {
    case 'refused':
      return w.refused;
    case 'superseded':
      return t.amend.supersededBy(review.by.version, review.by.fileName);
    case 'handled':
      return w.handled(t.approvals.states[entry.state], when);
    case 'complete':
      return role === 'hr' ? w.completeHr : w.complete;
    case 'unknown':
      return w.unknown;
    case 'role':
      return w.role(t.chainRoles[review.next], t.chainRoles[role]);
  }
}

/** An amendment: the version it is and the one it amends (linked to that entry when this inbox holds it), the reason, the changes item by item. */
function EntryAmendment({ entry, amendment, onShow }: { entry: InboxEntry; amendment: NonNullable<InboxEntry['amendment']>; onShow?: (sha256: string) => void }) {
  const { t, lang } = useI18n();
  const w = t.amend;
  const roleItems = useRoleItems();
  const linked = entry.amendedEntry;
  return (
    <Alert severity="warning" icon={false} data-testid="details-amendment">
      <Typography variant="subtitle2" component="h4" sx={{ fontWeight: 600 }}>
        {w.badge(amendment.version)} · {w.amends(amendment.amends.version, amendment.amends.sha256.slice(0, 12))}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.25 }} data-testid="details-amended-entry">
        {linked ? w.amendsEntry(linked.fileName, t.approvals.states[linked.state]) : w.amendsNotHere}
        {linked && onShow && (
          <Button size="small" onClick={() => onShow(linked.sha256)} data-testid="details-show-amended" sx={{ ml: 1, py: 0 }}>
            {w.showAmended}
          </Button>
        )}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {w.columns.reason}
        {lang === 'zh' ? '：' : ': '}
        <b data-testid="details-amendment-reason">{amendment.reason}</b>
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {w.columns.changes}
        {lang === 'zh' ? '：' : ':'}
      </Typography>
      <AmendmentChanges diff={amendment} items={roleItems(entry.person?.role)} testId="details-amendment-changes" />
    </Alert>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={testId} sx={{ minWidth: 0, wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </>
  );
}

export function EntryDetails({ entry, role, actions, onShow }: { entry: InboxEntry; role: ChainRole; actions: InboxActions; onShow?: (sha256: string) => void }) {
  const { t, lang } = useI18n();
  const td = t.approvals.details;
  const review = reviewOf(entry, role);
  const hr = canHrImport(entry, role);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="inbox-details" component="section" aria-label={td.title}>
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {entry.person ? `${entry.person.name} · ${entry.period ?? ''}` : entry.fileName}
          </Typography>
          <StateChip state={entry.state} />
          {entry.complete && <Chip size="small" color="success" label={t.approvals.chain.complete} />}
          {entry.amendment && <Chip size="small" color="secondary" label={t.amend.badge(entry.amendment.version)} data-testid="details-amendment-badge" />}
          {entry.superseded && <Chip size="small" variant="outlined" label={t.amend.superseded} data-testid="details-superseded-badge" />}
        </Stack>

        {review.can ? (
          <Alert
            severity="info"
            data-testid="inbox-available"
            action={
              <Stack direction="row" spacing={1}>
                <Button variant="contained" onClick={() => actions.onApprove(entry)} data-testid="details-approve">
                  {t.approvals.approve}
                </Button>
                <Button variant="outlined" color="warning" onClick={() => actions.onReturn(entry)} data-testid="details-return">
                  {t.approvals.return}
                </Button>
              </Stack>
            }
          >
            {t.approvals.why.yours(t.chainRoles[role])}
          </Alert>
        ) : (
          <Alert
            severity={review.why === 'refused' ? 'error' : 'info'}
            data-testid="inbox-unavailable"
            data-why={review.why}
            action={
              review.why === 'superseded' && onShow ? (
                <Button color="inherit" onClick={() => onShow(review.by.sha256)} data-testid="details-show-newer" sx={{ whiteSpace: 'nowrap' }}>
                  {t.amend.showNewer}
                </Button>
              ) : hr ? (
                <Button variant="contained" color="secondary" disabled={actions.importing} onClick={() => actions.onHrImport(entry)} data-testid="details-hr-import" sx={{ whiteSpace: 'nowrap' }}>
                  {t.approvals.hrImport}
                </Button>
              ) : undefined
            }
          >
            {whyText(review, entry, role, t, dateTime(entry.handledAt, lang))}
          </Alert>
        )}

        {entry.amendment && <EntryAmendment entry={entry} amendment={entry.amendment} onShow={onShow} />}

        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content minmax(0, 1fr) max-content minmax(0, 1fr)' }, columnGap: 2, rowGap: 0.75, alignItems: 'baseline' }}>
          <Fact label={td.verdict}>
            <Verdict verdict={entry.verdict} full testId="inbox-details-verdict" />
          </Fact>
          <Fact label={td.file}>{entry.fileName}</Fact>
          <Fact label={td.person}>{entry.person ? `${entry.person.name} (${entry.person.employeeNo}) · ${t.roles[entry.person.role] ?? entry.person.role}` : t.common.none}</Fact>
          <Fact label={td.region}>{entry.region ? `${entry.region.name} (${entry.region.code})` : t.common.none}</Fact>
          <Fact label={td.period}>{entry.period ?? t.common.none}</Fact>
          <Fact label={td.scores} testId="inbox-details-scores">
            {entry.scores
              ? td.scoresText(score(entry.scores.dailyScore), score(entry.scores.attendanceScore), score(entry.scores.monthlyScore))
              : t.common.none}
          </Fact>
          <Fact label={td.flags}>{entry.flags.length ? entry.flags.map((f) => flagLabel(f, t)).join(t.approvals.separator) : td.noFlags}</Fact>
          <Fact label={td.nextStep}>{entry.nextStep ? t.chainRoles[entry.nextStep] : entry.complete ? t.approvals.chain.complete : t.common.none}</Fact>
          <Fact label={td.receivedAt}>{dateTime(entry.receivedAt, lang)}</Fact>
          <Fact label={td.handledAt}>{dateTime(entry.handledAt, lang)}</Fact>
          <Fact label={td.note}>{entry.note ?? t.common.none}</Fact>
          <Fact label={td.sha256}>
            <Box component="span" sx={{ fontFamily: 'ui-monospace, Consolas, "Liberation Mono", monospace', fontSize: '0.75rem', wordBreak: 'break-all' }}>
              {entry.sha256}
            </Box>
          </Fact>
        </Box>

        <Typography variant="subtitle2" component="h4">
          {td.chain}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <ChainTable entry={entry} />
        </Box>
      </Stack>
    </Paper>
  );
}
