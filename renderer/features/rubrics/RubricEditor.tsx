/**
 * HQ's rubric editor: the latest version of a rubric as a draft of the next version, checked
 * live with the shared rubric validation; "save as new version" from a chosen month.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { allGroups, leafItems } from '../../../shared/rubric/schema.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { SaveIcon } from '../../app/icons.tsx';
import { problemsOf } from '../../app/problems.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ChoiceField, EditorContext, NumField, type EditorContextValue } from './EditorFields.tsx';
import { defaultEffectiveFrom, draftFrom, draftProblems, effectiveMonths, setIn, type Draft, type Path } from './editorState.ts';
import { NodeList } from './NodeEditor.tsx';

export function RubricEditor({ base, onSaved, onCancel }: { base: Rubric; onSaved: (saved: Rubric) => void; onCancel: () => void }) {
  const { t: all, text } = useI18n();
  const t = all.rubricEditor;
  const [draft, setDraft] = useState<Draft>(() => draftFrom(base, defaultEffectiveFrom(base.effectiveFrom)));
  const saver = useAction(async (definition: Draft) => invoke('rubrics.save', { definition }));
  const { clearError } = saver;
  const set = useCallback(
    (path: Path, value: unknown) => {
      clearError();
      setDraft((d) => setIn(d, path, value));
    },
    [clearError],
  );
  const local = useMemo(() => draftProblems(draft), [draft]);
  // Problems the backend found that the live check cannot know (a version taken meanwhile, nothing changed).
  const problems = local.length ? local : problemsOf(saver.error);
  const baseIds = useMemo(() => new Set([...leafItems(base.items).map((l) => l.item.id), ...allGroups(base.items).map((g) => g.id)]), [base]);
  const context = useMemo<EditorContextValue>(() => ({ draft, problems, set, baseIds }), [draft, problems, set, baseIds]);
  const months = useMemo(() => effectiveMonths(base.effectiveFrom), [base.effectiveFrom]);

  const save = async () => {
    const saved = await saver.run(draft);
    if (saved) onSaved(saved);
  };

  return (
    <EditorContext.Provider value={context}>
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="rubric-editor">
        <Stack spacing={2}>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h3">
              {text(base.title)}
            </Typography>
            <Typography variant="body2" color="text.secondary" data-testid="editor-version">
              {t.editing(base.id, draft.version, base.version)}
            </Typography>
          </Stack>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <ChoiceField
              path={['effectiveFrom']}
              label={t.effectiveFrom}
              value={draft.effectiveFrom}
              options={months.map((m) => ({ value: m, label: m }))}
              onChange={(m) => set(['effectiveFrom'], m)}
              width={150}
            />
            <NumField path={['dailyMax']} label={t.dailyMax} width={140} />
            <NumField path={['weights', 'daily']} label={t.weightDaily} width={150} />
            <NumField path={['weights', 'attendance']} label={t.weightAttendance} width={150} />
            <NumField path={['attendance', 'full']} label={t.attendanceFull} width={140} />
            <NumField path={['attendance', 'deductionPerDay']} label={t.attendancePerDay} width={200} />
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {t.effectiveHint}
          </Typography>
          <NodeList nodes={draft.items} path={['items']} groupId={null} />
          {problems.length > 0 ? (
            <Alert severity="warning" data-testid="editor-problems">
              <AlertTitle>{t.problems(problems.length)}</AlertTitle>
              <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
                {problems.map((p, i) => (
                  <li key={i}>{problemText(p, all)}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <Alert severity="success" data-testid="editor-ok">
              {t.noProblems}
            </Alert>
          )}
          {saver.error && problemsOf(saver.error).length === 0 && <FailureAlert error={saver.error} onClose={saver.clearError} />}
          <Stack direction="row" spacing={1.5} sx={{ position: 'sticky', bottom: 0, zIndex: 2, bgcolor: 'background.paper', borderTop: 1, borderColor: 'divider', py: 1 }}>
            <Button variant="contained" startIcon={<SaveIcon />} disabled={local.length > 0 || saver.busy} onClick={() => void save()} data-testid="rubric-save">
              {t.save}
            </Button>
            <Button onClick={onCancel} data-testid="rubric-discard">
              {t.discard}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </EditorContext.Provider>
  );
}
