/** The fields of an item's rule, by rule kind, and of its deadline. */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Deadline, ItemNode } from '../../../shared/rubric/schema.ts';
import { useT } from '../../i18n/index.tsx';
import { ChoiceField, NumField, StrField, TextPair, useEditor } from './EditorFields.tsx';
import type { Path } from './editorState.ts';

const Row = ({ children }: { children: ReactNode }) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
    {children}
  </Stack>
);

export function RuleFields({ item, path }: { item: ItemNode; path: Path }) {
  const t = useT().rubricEditor;
  const rule = item.rule;
  const at = (...p: (string | number)[]) => [...path, 'rule', ...p];
  switch (rule.kind) {
    case 'violation':
      return <NumField path={at('deduction')} label={t.deduction} />;
    case 'per-occurrence':
      return (
        <Stack spacing={1}>
          <Row>
            <NumField path={at('deduction')} label={t.perOccurrence} width={150} />
            <NumField path={at('zeroAbove')} label={t.zeroAbove} width={150} optional />
            <NumField path={at('maxOccurrences')} label={t.maxOccurrences} width={150} optional />
          </Row>
          {rule.incidents && <IncidentKinds path={at('incidents')} count={rule.incidents.length} caption={t.incidentsBeside} />}
        </Stack>
      );
    case 'incidents':
      return <IncidentKinds path={at('incidents')} count={rule.incidents.length} />;
    case 'grade':
      return (
        <Stack spacing={1}>
          {rule.grades.map((g, i) => (
            <Row key={i}>
              <Typography variant="caption" color="text.secondary" sx={{ width: 90, pt: 1, overflowWrap: 'anywhere' }}>
                {g.id}
              </Typography>
              <TextPair path={at('grades', i, 'title')} labels={[t.titleZh, t.titleEn]} />
              {'deduction' in g && <NumField path={at('grades', i, 'deduction')} label={t.gradeFixed} width={120} />}
              {'range' in g && (
                <>
                  <NumField path={at('grades', i, 'range', 'min')} label={t.rangeMin} width={120} />
                  <NumField path={at('grades', i, 'range', 'max')} label={t.rangeMax} width={80} />
                </>
              )}
              {'zero' in g && (
                <Typography variant="body2" sx={{ pt: 1, width: 120 }}>
                  {t.gradeZero}
                </Typography>
              )}
            </Row>
          ))}
        </Stack>
      );
    case 'penalty':
      return (
        <Stack spacing={1}>
          {rule.steps.map((s, i) => (
            <Row key={i}>
              <NumField path={at('steps', i, 'atLeast')} label={t.atLeast} width={130} />
              <NumField path={at('steps', i, 'deduction')} label={t.stepDeduction} />
              {s.flag && (
                <Typography variant="body2" color="text.secondary" sx={{ pt: 1 }}>
                  {t.flag(s.flag)}
                </Typography>
              )}
            </Row>
          ))}
        </Stack>
      );
    case 'all-or-nothing':
    case 'falsified':
    case 'judged':
      return null;
  }
}

function IncidentKinds({ path, count, caption }: { path: Path; count: number; caption?: string }) {
  const t = useT().rubricEditor;
  return (
    <Stack spacing={1}>
      {caption && (
        <Typography variant="caption" color="text.secondary">
          {caption}
        </Typography>
      )}
      {Array.from({ length: count }, (_, i) => (
        <Row key={i}>
          <TextPair path={[...path, i, 'title']} labels={[t.titleZh, t.titleEn]} />
          <NumField path={[...path, i, 'min']} label={t.incidentMin} width={120} />
          <NumField path={[...path, i, 'max']} label={t.incidentMax} width={120} />
        </Row>
      ))}
    </Stack>
  );
}

const DEADLINE_KINDS = ['none', 'day-of-month', 'day-of-next-month', 'days-after-event', 'same-day'] as const;
type DeadlineChoice = (typeof DEADLINE_KINDS)[number];

function newDeadline(kind: Exclude<DeadlineChoice, 'none'>, before: Deadline | undefined): Deadline {
  const event = before && 'event' in before ? before.event : { zh: '事件', en: 'the event' };
  switch (kind) {
    case 'day-of-month':
    case 'day-of-next-month':
      return { kind, day: before && 'day' in before ? before.day : 25 };
    case 'days-after-event':
      return { kind, days: 5, event };
    case 'same-day':
      return { kind, time: '16:00', event };
  }
}

/** The deadline of an item (only the rules a late hand-in can set may have one: the check says so). */
export function DeadlineFields({ deadline, path }: { deadline: Deadline | undefined; path: Path }) {
  const t = useT().rubricEditor;
  const { set } = useEditor();
  const at = (...p: string[]) => [...path, 'deadline', ...p];
  return (
    <Row>
      <ChoiceField
        path={at()}
        label={t.deadline}
        value={deadline?.kind ?? 'none'}
        options={DEADLINE_KINDS.map((k) => ({ value: k, label: t.deadlineKinds[k] }))}
        onChange={(k) => set(at(), k === 'none' ? undefined : newDeadline(k as Exclude<DeadlineChoice, 'none'>, deadline))}
        width={230}
      />
      {deadline && (deadline.kind === 'day-of-month' || deadline.kind === 'day-of-next-month') && <NumField path={at('day')} label={t.day} width={80} />}
      {deadline?.kind === 'days-after-event' && <NumField path={at('days')} label={t.days} width={80} />}
      {deadline?.kind === 'same-day' && (
        <Box sx={{ width: 120 }}>
          <StrField path={at('time')} label={t.time} width={120} />
        </Box>
      )}
      {deadline && 'event' in deadline && <TextPair path={at('event')} labels={[t.eventZh, t.eventEn]} />}
    </Row>
  );
}
