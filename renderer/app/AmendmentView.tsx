/**
 * An amendment's changes item by item, and a sheet's versions (history): the sheet editor, the
 * inbox and HR show them alike (docs/trust.md, "Amendments").
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo } from 'react';
import type { AmendmentDiff } from '../../shared/amendment.ts';
import type { SheetRecord } from '../../shared/api/types.ts';
import { leafItems, type ItemNode, type RoleId, type Rubric } from '../../shared/rubric/schema.ts';
import { useCall } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeItemState, historyRows, type HistoryRow } from './amendmentText.ts';
import { dateTime, score } from './format.ts';

/** An item's rubric node by its id (undefined: named by its id). */
export type ItemLookup = (id: string) => ItemNode | undefined;

/** Item nodes of one rubric. */
export function rubricItems(rubric: Rubric): ItemLookup {
  const map = new Map(leafItems(rubric.items).map(({ item }) => [item.id, item]));
  return (id) => map.get(id);
}

/** Item nodes by the role whose rubrics have them (the newest version's node wins): for files whose rubric is not loaded (the inbox). */
export function useRoleItems(): (role: RoleId | undefined) => ItemLookup {
  const rubrics = useCall('rubrics.list', {});
  const index = useMemo(() => {
    const map = new Map<string, ItemNode>();
    const ordered = [...(rubrics.data ?? [])].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version);
    for (const r of ordered) for (const { item } of leafItems(r.items)) map.set(`${r.role} ${item.id}`, item);
    return map;
  }, [rubrics.data]);
  return useCallback((role) => (id) => (role ? index.get(`${role} ${id}`) : undefined), [index]);
}

const mono = { fontFamily: 'ui-monospace, Consolas, "Liberation Mono", monospace', fontSize: '0.75rem' } as const;

/** What changed, item by item: recorded before → after, points before → after; the absences; the scores before → after. */
export function AmendmentChanges({ diff, items, testId = 'amendment-changes' }: { diff: AmendmentDiff; items: ItemLookup; testId?: string }) {
  const { t, lang } = useI18n();
  const w = t.amend;
  const { before, after } = diff.scores;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid={testId}>
      {diff.changes.map((c) => {
        const node = items(c.item);
        return (
          <Typography component="li" variant="body2" key={c.item} data-testid="amendment-change" data-item={c.item} sx={{ wordBreak: 'break-word' }}>
            <b>{node ? node.title[lang] : c.item}</b>
            {lang === 'zh' ? '：' : ': '}
            {describeItemState(c.before, node, lang, w)} → {describeItemState(c.after, node, lang, w)}
            {lang === 'zh' ? '；' : '; '}
            {w.points} {score(c.before.points)} → {score(c.after.points)}
          </Typography>
        );
      })}
      {diff.absences && (
        <Typography component="li" variant="body2" data-testid="amendment-absences">
          {w.absences(diff.absences.before.length, diff.absences.after.length)}
        </Typography>
      )}
      <Typography component="li" variant="body2" data-testid="amendment-scores">
        <b>
          {w.monthly} {score(before.monthlyScore)} → {score(after.monthlyScore)}
        </b>{' '}
        <Typography component="span" variant="caption" color="text.secondary">
          ({w.daily} {score(before.dailyScore)} → {score(after.dailyScore)}
          {lang === 'zh' ? '；' : '; '}
          {w.attendance} {score(before.attendanceScore)} → {score(after.attendanceScore)})
        </Typography>
      </Typography>
    </Box>
  );
}

function statusText(row: HistoryRow, status: SheetRecord['status'], w: ReturnType<typeof useI18n>['t']['amend']): string {
  if (row.state === 'unsent') return w.status.unsent;
  if (row.state === 'amended') return w.status.amended(row.amendedBy ?? row.version + 1);
  return status === 'approved' ? w.status.approved : status === 'signed' ? w.status.signed : w.status.current;
}

/**
 * A sheet's versions, newest first: number, status, when, the exported file's SHA-256 (at HR also
 * the imported file's), the reason, what changed item by item, the monthly score.
 */
export function VersionHistory({ record, items }: { record: Pick<SheetRecord, 'versions' | 'amendment' | 'result' | 'status'>; items: ItemLookup }) {
  const { t, lang } = useI18n();
  const w = t.amend;
  const rows = historyRows(record);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={w.history} data-testid="sheet-history">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {w.history}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="sheet-history-count">
          {rows.length > 0 ? w.historyCount(rows.length) : ''}
        </Typography>
      </Stack>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {w.historyEmpty}
        </Typography>
      ) : (
        <Stack spacing={1.5}>
          {rows.map((row) => (
            <Box
              key={row.version}
              data-testid={`history-version-${row.version}`}
              data-state={row.state}
              sx={{ borderLeft: 3, borderColor: row.state === 'amended' ? 'divider' : row.state === 'unsent' ? 'warning.main' : 'primary.main', pl: 1.5 }}
            >
              <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
                <Typography variant="subtitle2" component="h4" sx={{ fontWeight: 600 }}>
                  {w.version(row.version)}
                </Typography>
                <Chip
                  size="small"
                  label={statusText(row, record.status, w)}
                  color={row.state === 'amended' ? 'default' : row.state === 'unsent' ? 'warning' : 'primary'}
                  variant={row.state === 'current' ? 'filled' : 'outlined'}
                  data-testid={`history-status-${row.version}`}
                />
                <Typography variant="body2" color="text.secondary">
                  {row.at ? dateTime(row.at, lang) : '—'}
                </Typography>
                {row.sha256 && (
                  <Typography variant="body2" color="text.secondary" title={row.fileSha256 ? `${w.exported} ${row.sha256}\n${w.imported} ${row.fileSha256}` : row.sha256}>
                    SHA-256{' '}
                    <Box component="span" sx={mono} data-testid={`history-sha-${row.version}`}>
                      {row.sha256.slice(0, 12)}…
                    </Box>
                    {row.fileSha256 && (
                      <>
                        {' · '}
                        {w.imported}{' '}
                        <Box component="span" sx={mono}>
                          {row.fileSha256.slice(0, 12)}…
                        </Box>
                      </>
                    )}
                  </Typography>
                )}
                <Typography variant="body2">
                  {w.columns.score} <b>{score(row.monthlyScore)}</b>
                </Typography>
              </Stack>
              {row.version === 1 ? (
                <Typography variant="caption" color="text.secondary">
                  {w.firstVersion}
                </Typography>
              ) : (
                <Box sx={{ mt: 0.5 }}>
                  {row.reason && (
                    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {w.columns.reason}
                      {lang === 'zh' ? '：' : ': '}
                      <Box component="span" sx={{ fontWeight: 600 }} data-testid={`history-reason-${row.version}`}>
                        {row.reason}
                      </Box>
                    </Typography>
                  )}
                  {row.changes ? (
                    <AmendmentChanges diff={row.changes} items={items} testId={`history-changes-${row.version}`} />
                  ) : (
                    <Typography variant="caption" color="text.secondary">
                      {w.notKept}
                    </Typography>
                  )}
                </Box>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
