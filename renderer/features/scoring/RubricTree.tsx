/** The rubric's groups and items as editor blocks, each with its live points. */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { describeAssessedBy, describeDeadline, describeRule } from '../../../shared/rubric/describe.ts';
import { DEFAULT_MAX_OCCURRENCES, type GroupNode, type ItemNode, type RubricNode } from '../../../shared/rubric/schema.ts';
import type { ItemResult } from '../../../shared/scoring/engine.ts';
import { SectionBoundary } from '../../app/ErrorBoundary.tsx';
import { problemText } from '../../app/FailureAlert.tsx';
import { minus, score, shortDate } from '../../app/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { paths } from './draft.ts';
import { DoublingControl } from './DoublingControl.tsx';
import { HandInEditor } from './HandInEditor.tsx';
import { CheckControl, CounterControl, GradeControl, IncidentsControl, NoteField, PointsControl } from './ItemControls.tsx';
import { useItemTitle, useProblems, useSheet } from './SheetContext.ts';
import { TEAM_ITEM, TeamBasis } from './TeamBasis.tsx';
import { ItemSources } from './FindingSources.tsx';

export function RubricTree({ nodes }: { nodes: readonly RubricNode[] }) {
  return (
    <Stack spacing={1.5}>
      {/* Each item and group behind its own boundary: a card that cannot be shown leaves the rest of the sheet working. */}
      {nodes.map((node) => (
        <SectionBoundary key={node.id} testId={`item-${node.id}`}>
          {node.type === 'group' ? <GroupBlock group={node} /> : <ItemBlock item={node} />}
        </SectionBoundary>
      ))}
    </Stack>
  );
}

function GroupBlock({ group }: { group: GroupNode }) {
  const { t, lang, text } = useI18n();
  const { groups, targets } = useSheet();
  const live = groups.get(group.id);
  const target = targets.get(group.id);
  return (
    <Box component="section" aria-label={text(group.title)} data-testid={`group-${group.id}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {text(group.title)}
        </Typography>
        {live && (
          <Typography variant="body2" color={live.gated ? 'error' : 'text.secondary'} data-testid={`group-points-${group.id}`}>
            {t.sheet.groupPoints(score(live.points), score(live.max))}
          </Typography>
        )}
        {live?.gated && <Chip label={t.sheet.gated} color="error" />}
        {group.assessedBy && (
          <Typography variant="caption" color="text.secondary" data-testid={`assessed-by-${group.id}`}>
            {describeAssessedBy(group, lang)}
          </Typography>
        )}
      </Stack>
      {group.gate && (
        <Paper variant="outlined" sx={{ p: 1.5, mb: 1.5, bgcolor: 'grey.50', ...(live?.gated ? { borderColor: 'error.light' } : {}) }} data-testid={`item-${group.id}`}>
          <Stack spacing={1}>
            <Typography variant="caption" color="text.secondary">
              {t.sheet.gate}
              {group.deadline ? ` · ${describeDeadline(group.deadline, lang)}` : ''}
            </Typography>
            <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
              <CheckControl id={group.id} field="violated" label={text(group.gate.title)} />
              <NoteField id={group.id} />
            </Stack>
            {target && <HandInEditor id={group.id} deadline={target.deadline} />}
            {group.handIn && <DoublingControl id={group.id} />}
          </Stack>
        </Paper>
      )}
      <Box sx={{ pl: { xs: 0, sm: 1.5 }, borderLeft: { sm: 2 }, borderColor: { sm: 'divider' } }}>
        <RubricTree nodes={group.children} />
      </Box>
    </Box>
  );
}

/** Which field paths the item's own inputs show; other problems are listed under the item. */
const SHOWN = ['violated', 'falsified', 'occurrences', 'points', 'grade', 'deduction', 'note', 'incidents'];

function ItemBlock({ item }: { item: ItemNode }) {
  const { t, lang, text } = useI18n();
  const { items, targets, record } = useSheet();
  const live = items.get(item.id);
  const target = targets.get(item.id);
  const title = useItemTitle();
  const problems = useProblems(paths.item(item.id));
  const handInProblems = useProblems(paths.handIns(item.id));
  const shown = SHOWN.map((f) => paths.field(item.id, f));
  const leftover = problems.filter((p) => !shown.some((s) => p.field === s || p.field.startsWith(`${s}[`) || p.field.startsWith(`${s}.`)));
  const facts = [item.id, describeRule(item, lang), item.deadline ? describeDeadline(item.deadline, lang) : null].filter(Boolean).join(' · ');
  const assessedBy = describeAssessedBy(item, lang);

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={`item-${item.id}`}>
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4">
            {text(item.title)}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p">
            {facts}
            {assessedBy && (
              <>
                {' · '}
                <Box component="span" sx={{ color: 'text.primary' }} data-testid={`assessed-by-${item.id}`}>
                  {assessedBy}
                </Box>
              </>
            )}
          </Typography>
          {item.detail && (
            <Typography variant="caption" color="text.secondary" component="p" sx={{ fontStyle: 'italic' }}>
              {text(item.detail)}
            </Typography>
          )}
        </Box>
        <ItemPoints item={item} live={live} invalid={problems.length + handInProblems.length > 0} />
      </Stack>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {item.id === TEAM_ITEM && record.person.role === 'regional-manager' && record.team && <TeamBasis team={record.team} />}
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
          <ItemControl item={item} />
          <NoteField id={item.id} />
        </Stack>
        {(item.rule.kind === 'incidents' || (item.rule.kind === 'per-occurrence' && item.rule.incidents)) && (
          <IncidentsControl
            id={item.id}
            kinds={item.rule.kind === 'incidents' ? item.rule.incidents : (item.rule.incidents ?? [])}
            severe={item.rule.kind === 'incidents' && item.rule.severeFlag !== undefined}
          />
        )}
        {target && <HandInEditor id={item.id} deadline={target.deadline} />}
        {live?.late?.map((l, i) => (
          <Typography key={i} variant="caption" color="warning.dark" data-testid={`late-${item.id}`}>
            {t.sheet.autoLate(shortDate(l.due.date), l.due.time ?? null, shortDate(l.handedIn))}
          </Typography>
        ))}
        <ItemSources id={item.id} />
        {item.handIn && <DoublingControl id={item.id} />}
        {leftover.map((p, i) => (
          <Typography key={i} variant="caption" color="error">
            {problemText(p, t, true, title)}
          </Typography>
        ))}
      </Stack>
    </Paper>
  );
}

function ItemControl({ item }: { item: ItemNode }) {
  const { t } = useI18n();
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
    case 'all-or-nothing':
      return <CheckControl id={item.id} field="violated" label={t.sheet.violated} />;
    case 'falsified':
      return <CheckControl id={item.id} field="falsified" label={t.sheet.falsified} />;
    case 'per-occurrence':
    case 'penalty':
      return <CounterControl id={item.id} max={r.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES} label={t.sheet.occurrences} />;
    case 'judged':
      return <PointsControl id={item.id} max={item.points} />;
    case 'grade':
      return <GradeControl id={item.id} grades={r.grades} />;
    case 'incidents':
      return null; // the incident list below
  }
}

/**
 * The item's live points and deduction, at the block's right. While one of the item's fields holds
 * a value it does not take, "—": the last valid points would be about a value no longer there.
 */
function ItemPoints({ item, live, invalid }: { item: ItemNode; live: ItemResult | undefined; invalid: boolean }) {
  const { t } = useI18n();
  if (!live) return null;
  const penalty = item.rule.kind === 'penalty';
  const lost = live.deduction > 0;
  const figure = invalid ? '—' : penalty ? minus(live.deduction) : score(live.points);
  const caption = invalid ? t.sheet.pointsInvalid : penalty ? t.sheet.nominal(score(item.points)) : lost ? `${t.sheet.deduction} ${minus(live.deduction)}` : t.sheet.max(score(live.max));
  return (
    <Box sx={{ textAlign: 'right', flexShrink: 0 }} data-testid={`points-${item.id}`} {...(invalid ? { 'data-invalid': 'true' } : {})} aria-live="polite">
      <Typography variant="h6" component="p" color={invalid || lost ? 'error' : 'text.primary'} sx={{ lineHeight: 1.2 }}>
        {figure}
        {!penalty && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            / {score(live.max)}
          </Typography>
        )}
      </Typography>
      <Typography variant="caption" color={invalid ? 'error' : 'text.secondary'} component="p">
        {caption}
      </Typography>
      {!invalid && live.gated && <Chip label={t.sheet.gated} color="error" variant="outlined" />}
    </Box>
  );
}
