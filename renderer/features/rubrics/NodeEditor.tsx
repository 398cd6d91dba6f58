/** One group (its title, its items, "add an item") or one item (titles, points, rule, deadline) of the draft. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { GroupNode, ItemNode, RubricNode, RuleKind } from '../../../shared/rubric/schema.ts';
import { AddIcon, DeleteIcon } from '../../app/icons.tsx';
import { useT } from '../../i18n/index.tsx';
import { ChoiceField, NumField, StrField, TextPair, useEditor } from './EditorFields.tsx';
import { addItem, emptyRule, removeNode, type Path } from './editorState.ts';
import { DeadlineFields, RuleFields } from './RuleFields.tsx';

const RULE_KINDS: readonly RuleKind[] = ['violation', 'all-or-nothing', 'falsified', 'per-occurrence', 'judged', 'grade', 'incidents', 'penalty'];
const DEADLINE_RULES: readonly RuleKind[] = ['violation', 'all-or-nothing', 'per-occurrence'];

export function NodeList({ nodes, path, groupId }: { nodes: readonly RubricNode[]; path: Path; groupId: string | null }) {
  const t = useT().rubricEditor;
  const { draft, set } = useEditor();
  return (
    <Stack spacing={1.5}>
      {nodes.map((node, i) =>
        node.type === 'group' ? <GroupEditor key={i} group={node} path={[...path, i]} /> : <ItemEditor key={i} item={node} path={[...path, i]} />,
      )}
      <Box>
        <Button size="small" startIcon={<AddIcon />} onClick={() => set([], addItem(draft, path, groupId))} data-testid={`add-item-${groupId ?? 'top'}`}>
          {t.addItem}
        </Button>
      </Box>
    </Stack>
  );
}

function GroupEditor({ group, path }: { group: GroupNode; path: Path }) {
  const t = useT().rubricEditor;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, bgcolor: 'grey.50' }} data-testid={`edit-group-${group.id}`}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mb: 1.5 }}>
        <Typography variant="subtitle2" sx={{ width: 150, pt: 1, overflowWrap: 'anywhere' }}>
          {t.group} · {group.id}
        </Typography>
        <TextPair path={[...path, 'title']} labels={[t.titleZh, t.titleEn]} />
      </Stack>
      <NodeList nodes={group.children} path={[...path, 'children']} groupId={group.id} />
    </Paper>
  );
}

function ItemEditor({ item, path }: { item: ItemNode; path: Path }) {
  const t = useT().rubricEditor;
  const { draft, set, baseIds } = useEditor();
  const isNew = !baseIds.has(item.id);
  // Rules with a list (grades, incidents, steps) get a line of their own below the rule kind.
  const listed = ['grade', 'incidents', 'penalty'].includes(item.rule.kind) || (item.rule.kind === 'per-occurrence' && item.rule.incidents !== undefined);
  const changeKind = (kind: string) => {
    const points = typeof item.points === 'number' ? item.points : 0;
    set([...path, 'rule'], emptyRule(kind as RuleKind, points));
    // A deadline only stays with a rule a late hand-in can set.
    if (!DEADLINE_RULES.includes(kind as RuleKind)) set([...path, 'deadline'], undefined);
  };
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={`edit-item-${item.id}`}>
      <Stack spacing={1.25}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ width: 150 }}>{isNew ? <StrField path={[...path, 'id']} label={t.id} width={150} /> : <Typography variant="body2" sx={{ pt: 1, fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{item.id}</Typography>}</Box>
          <TextPair path={[...path, 'title']} labels={[t.titleZh, t.titleEn]} />
          <NumField path={[...path, 'points']} label={t.points} width={90} />
          <Tooltip title={t.removeItem}>
            <IconButton aria-label={t.removeItem} onClick={() => set([], removeNode(draft, path))} data-testid={`remove-item-${item.id}`}>
              <DeleteIcon />
            </IconButton>
          </Tooltip>
        </Stack>
        {item.detail && (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', pl: { sm: '158px' } }}>
            <TextPair path={[...path, 'detail']} labels={[t.detailZh, t.detailEn]} multiline />
          </Stack>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start', pl: { sm: '158px' } }}>
          <ChoiceField
            path={[...path, 'rule', 'kind']}
            label={t.ruleKind}
            value={item.rule.kind}
            options={RULE_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
            onChange={changeKind}
            width={260}
          />
          {!listed && <RuleFields item={item} path={path} />}
        </Stack>
        {listed && (
          <Box sx={{ pl: { sm: '158px' } }}>
            <RuleFields item={item} path={path} />
          </Box>
        )}
        {(item.deadline || DEADLINE_RULES.includes(item.rule.kind)) && (
          <Box sx={{ pl: { sm: '158px' } }}>
            <DeadlineFields deadline={item.deadline} path={path} />
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
