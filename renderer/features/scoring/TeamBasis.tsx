/**
 * The basis of a regional manager's `team-management` item: the people they manage this month
 * (SheetRecord.team) in a few lines — how many, how many sheets done, the team's deductions, the
 * lowest monthly scores and any flags.
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { isScored } from '../../../shared/sheet-status.ts';
import { flagColour, flagLabel, score } from '../../app/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useItemTitles } from '../../app/itemTitles.ts';

/** The rubric item whose judgement the team's month is the basis of. */
export const TEAM_ITEM = 'team-management';

const LOWEST = 3;

export function TeamBasis({ team }: { team: readonly MonthRow[] }) {
  const { t } = useI18n();
  const itemTitle = useItemTitles();
  const tt = t.sheet.team;
  const facts = useMemo(() => {
    const done = team.filter((r) => isScored(r.status)).length;
    const deductions = team.reduce((sum, r) => sum + r.deductions, 0);
    const lowest = team
      .filter((r): r is MonthRow & { monthlyScore: number } => r.monthlyScore !== null)
      .sort((a, b) => a.monthlyScore - b.monthlyScore || a.employeeNo.localeCompare(b.employeeNo))
      .slice(0, LOWEST);
    const flagged = team.flatMap((r) => r.flags.map((flag) => ({ row: r, flag })));
    return { done, deductions, lowest, flagged };
  }, [team]);

  return (
    <Box sx={{ px: 1.5, py: 1, bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="team-basis" role="group" aria-label={tt.title}>
      <Typography variant="caption" component="p" sx={{ fontWeight: 600 }}>
        {tt.title}
      </Typography>
      {team.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {tt.empty}
        </Typography>
      ) : (
        <Stack spacing={0.5}>
          <Typography variant="body2" data-testid="team-basis-counts">
            {[tt.members(team.length), tt.done(facts.done, team.length), tt.deductions(facts.deductions)].join(' · ')}
          </Typography>
          <Typography variant="body2" data-testid="team-basis-lowest">
            <Typography component="span" variant="body2" color="text.secondary">
              {tt.lowest}:{' '}
            </Typography>
            {facts.lowest.length === 0 ? tt.noScores : facts.lowest.map((r) => `${r.name} ${score(r.monthlyScore)}`).join(' · ')}
          </Typography>
          {facts.flagged.length > 0 && (
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, alignItems: 'center' }} data-testid="team-basis-flags">
              <Typography component="span" variant="body2" color="text.secondary">
                {tt.flags}:
              </Typography>
              {facts.flagged.map(({ row, flag }) => (
                <Chip
                  key={`${row.personId} ${flag}`}
                  label={`${row.name} · ${flagLabel(flag, t, (id) => itemTitle(row.role, id))}`}
                  color={flagColour(flag)}
                  variant="outlined"
                />
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Box>
  );
}
