/**
 * The rubric in force for a role and month: groups, items, points, rules in words, deadlines;
 * the role's versions (export, import) and, for HQ, the editor that saves a new version.
 */
import { isHqStep } from '../../../shared/chain.ts';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { resolveRubric } from '../../../shared/rubric/catalog.ts';
import { describeAssessedBy, describeDeadline, describeRule } from '../../../shared/rubric/describe.ts';
import { fromHundredths } from '../../../shared/decimal.ts';
import { groupMaxHundredths, ROLE_IDS, type GroupNode, type ItemNode, type RoleId, type Rubric, type RubricNode } from '../../../shared/rubric/schema.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { score } from '../../app/format.ts';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { defaultPeriod } from '../../app/route.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RubricEditor } from './RubricEditor.tsx';
import { ImportRubric, VersionsPanel } from './VersionsPanel.tsx';

/** For each rubric id of the role, the version in force in `period`. */
function inForce(rubrics: readonly Rubric[], role: RoleId, period: string): Rubric[] {
  const ids = [...new Set(rubrics.filter((r) => r.role === role).map((r) => r.id))];
  return ids.flatMap((id) => {
    const found = resolveRubric(id, period, rubrics);
    return found.ok ? [found.rubric] : [];
  });
}

let lastChoice: { role: RoleId; period: string } | null = null;


export default function RubricsScreen() {
  const { t } = useI18n();
  const { info } = useApp();
  const rubrics = useCall('rubrics.list', {});
  const [choice, setChoice] = useState(lastChoice ?? { role: 'salesperson' as RoleId, period: defaultPeriod() });
  const [editing, setEditing] = useState<Rubric | null>(null);
  const [saved, setSaved] = useState<Rubric | null>(null);
  const choose = (next: { role: RoleId; period: string }) => {
    lastChoice = next;
    setChoice(next);
    setEditing(null);
  };
  const shown = useMemo(() => inForce(rubrics.data ?? [], choice.role, choice.period), [rubrics.data, choice]);
  const versions = useMemo(() => (rubrics.data ?? []).filter((r) => r.role === choice.role), [rubrics.data, choice.role]);
  const latest = versions.at(-1);
  const hq = isHqStep(info.user?.chainRole);

  const onSaved = (rubric: Rubric) => {
    setEditing(null);
    setSaved(rubric);
    rubrics.reload();
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2">
          {t.app.nav.rubrics}
        </Typography>
        <SelectField
          label={t.rubrics.role}
          value={choice.role}
          onChange={(v) => choose({ ...choice, role: v as RoleId })}
          options={ROLE_IDS.map((r) => ({ value: r, label: t.roles[r] }))}
          testId="rubric-role"
          sx={{ minWidth: 200 }}
        />
        <MonthPicker value={choice.period} onChange={(period) => choose({ ...choice, period })} testId="rubric-month" />
        {hq && latest && !editing && (
          <Button variant="contained" onClick={() => (setSaved(null), setEditing(latest))} data-testid="rubric-edit">
            {t.rubricEditor.edit}
          </Button>
        )}
      </Stack>
      <FailureAlert error={rubrics.error} onRetry={rubrics.reload} />
      {rubrics.loading && !rubrics.data && <LinearProgress />}
      {saved && (
        <Alert severity="success" onClose={() => setSaved(null)} data-testid="rubric-saved">
          {t.rubricEditor.saved(`${saved.id}@${saved.version}`, saved.effectiveFrom)}
        </Alert>
      )}
      {!hq && <Alert severity="info">{t.rubricEditor.hqOnly}</Alert>}
      {versions.length > 0 && <VersionsPanel versions={versions} period={choice.period} />}
      <ImportRubric known={rubrics.data ?? []} onImported={rubrics.reload} />
      {editing ? (
        <RubricEditor key={`${editing.id}@${editing.version}`} base={editing} onSaved={onSaved} onCancel={() => setEditing(null)} />
      ) : (
        <>
          {rubrics.data && shown.length === 0 && <Alert severity="info">{t.rubrics.none}</Alert>}
          {shown.map((r) => (
            <RubricView key={`${r.id}@${r.version}`} rubric={r} />
          ))}
        </>
      )}
    </Stack>
  );
}

function RubricView({ rubric }: { rubric: Rubric }) {
  const { t, text } = useI18n();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={`rubric-${rubric.id}`}>
      <Stack spacing={0.5} sx={{ mb: 1.5 }}>
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h3">
            {text(rubric.title)}
          </Typography>
          <Chip label={`${rubric.id}@${rubric.version}`} color="primary" variant="outlined" data-testid="rubric-version" />
          <Typography variant="body2" color="text.secondary">
            {t.rubrics.effectiveFrom(rubric.effectiveFrom)}
          </Typography>
        </Stack>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {t.rubrics.hash}: {rubric.hash}
        </Typography>
        <Typography variant="body2">{t.rubrics.formula(rubric.weights.daily, rubric.weights.attendance)}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t.rubrics.dailyMax(score(rubric.dailyMax))} · {t.rubrics.attendanceRule(score(rubric.attendance.full), score(rubric.attendance.deductionPerDay))}
        </Typography>
      </Stack>
      <Box sx={{ overflowX: 'auto' }}>
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>{t.rubrics.item}</TableCell>
              <TableCell align="right">{t.rubrics.max}</TableCell>
              <TableCell>{t.rubrics.rule}</TableCell>
              <TableCell>{t.rubrics.deadline}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>{rows(rubric.items, 0)}</TableBody>
        </Table>
      </Box>
    </Paper>
  );
}

function rows(nodes: readonly RubricNode[], depth: number): ReactNode[] {
  return nodes.flatMap((node) => (node.type === 'group' ? [<GroupRow key={node.id} node={node} depth={depth} />, ...rows(node.children, depth + 1)] : [<ItemRow key={node.id} node={node} depth={depth} />]));
}

function GroupRow({ node, depth }: { node: GroupNode; depth: number }) {
  const { t, lang, text } = useI18n();
  const max = useMemo(() => fromHundredths(groupMaxHundredths(node)), [node]);
  return (
    <TableRow sx={{ bgcolor: 'grey.50' }}>
      <TableCell sx={{ pl: 2 + depth * 3 }}>
        <Typography variant="subtitle2">{text(node.title)}</Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {node.id}
        </Typography>
        <AssessedBy node={node} />
      </TableCell>
      <TableCell align="right">
        <Typography variant="subtitle2">{score(max)}</Typography>
      </TableCell>
      <TableCell>
        {node.gate && <Typography variant="body2">{t.rubrics.gate(text(node.gate.title))}</Typography>}
        {node.handIn && <Chip label={t.rubrics.handIn} color="warning" variant="outlined" sx={{ mt: 0.5 }} />}
      </TableCell>
      <TableCell>{node.deadline ? describeDeadline(node.deadline, lang) : ''}</TableCell>
    </TableRow>
  );
}

/** Who assesses the item or group ("由索赔组考核"), when the rubric says. */
function AssessedBy({ node }: { node: ItemNode | GroupNode }) {
  const { lang } = useI18n();
  const words = describeAssessedBy(node, lang);
  return words ? (
    <Typography variant="caption" component="p" data-testid={`rubric-assessed-by-${node.id}`}>
      {words}
    </Typography>
  ) : null;
}

function ItemRow({ node, depth }: { node: ItemNode; depth: number }) {
  const { t, lang, text } = useI18n();
  const penalty = node.rule.kind === 'penalty';
  return (
    <TableRow data-testid={`rubric-item-${node.id}`}>
      <TableCell sx={{ pl: 2 + depth * 3 }}>
        <Typography variant="body2">{text(node.title)}</Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {node.id}
        </Typography>
        <AssessedBy node={node} />
        {node.detail && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ fontStyle: 'italic' }}>
            {text(node.detail)}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">{penalty ? t.rubrics.nominal(score(node.points)) : score(node.points)}</TableCell>
      <TableCell>
        <Typography variant="body2">{describeRule(node, lang)}</Typography>
        {node.handIn && <Chip label={t.rubrics.handIn} color="warning" variant="outlined" sx={{ mt: 0.5 }} />}
      </TableCell>
      <TableCell>{node.deadline ? describeDeadline(node.deadline, lang) : ''}</TableCell>
    </TableRow>
  );
}
