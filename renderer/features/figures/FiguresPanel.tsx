/**
 * The salary total and KPIs of one person and month, on the sheet screen below the rubric: typed
 * here, saved with their own button (figures.save, its own revision), checked by the same
 * shared/kpi.ts rules as the backend. Kept apart from the rubric score on purpose.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { MonthFigures } from '../../../shared/api/report-types.ts';
import { checkKpiValue, checkSalaryTotal, KPIS, planCompletionPercent, SALARY_MAX, type KpiDefinition, type KpiValues } from '../../../shared/kpi.ts';
import type { Problem } from '../../../shared/problems.ts';
import { ApiError, invoke } from '../../api/client.ts';
import { useAction, useLoad } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { problemsOf } from '../../app/problems.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NumberInput } from '../../app/NumberInput.tsx';

const SALARY = 'salaryTotal';
const fieldOf = (k: KpiDefinition) => `kpis.${k.id}`;

/** What the inputs hold: a number, undefined (empty) or text that is not a number yet. */
type Values = Record<string, unknown>;

function valuesOf(f: MonthFigures): Values {
  return { [SALARY]: f.salaryTotal ?? undefined, ...Object.fromEntries(KPIS.map((k) => [fieldOf(k), f.kpis[k.id]])) };
}

/** What the backend would refuse in the fields as they are (an empty field records nothing). */
function localProblems(values: Values): Problem[] {
  return [...checkSalaryTotal(values[SALARY] ?? null), ...KPIS.flatMap((k) => (values[fieldOf(k)] === undefined ? [] : checkKpiValue(k, values[fieldOf(k)], fieldOf(k))))];
}

export function FiguresPanel({ personId, period }: { personId: number; period: string }) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const loaded = useLoad(`figures ${personId} ${period} ${round}`, async () => {
    const month = await invoke('figures.month', { period });
    return month.find((f) => f.personId === personId) ?? { personId, period, salaryTotal: null, kpis: {}, revision: 0, updatedAt: null, sources: {} };
  });
  return (
    <Paper variant="outlined" component="section" aria-label={t.figures.title} sx={{ p: 2, borderStyle: 'dashed' }} data-testid="figures-panel">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t.figures.title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t.figures.notScored}
        </Typography>
      </Stack>
      {loaded.data ? (
        <FiguresForm key={`${round} ${loaded.data.revision}`} stored={loaded.data} onReload={() => setRound((r) => r + 1)} />
      ) : loaded.error ? (
        <FailureAlert error={loaded.error} onRetry={loaded.reload} />
      ) : (
        <LinearProgress />
      )}
    </Paper>
  );
}

function FiguresForm({ stored, onReload }: { stored: MonthFigures; onReload: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.figures;
  const [saved, setSaved] = useState(stored);
  const [values, setValues] = useState<Values>(() => valuesOf(stored));
  /** A save was tried while a field holds a value it does not take (the alert then says so). */
  const [tried, setTried] = useState(false);
  /** Fields changed since the last save: the backend's problems at them are no longer current. */
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [justSaved, setJustSaved] = useState(false);
  const saver = useAction(async (input: { salaryTotal: number | null; kpis: Record<string, number | null>; expectedRevision: number }) =>
    invoke('figures.save', { personId: stored.personId, period: stored.period, ...input }),
  );
  // Confirm this person's figures from the sheet (figures.confirm for them alone), then read them again.
  const confirmer = useAction(async () => {
    await invoke('figures.confirm', { period: stored.period, personIds: [stored.personId] });
    onReload();
  });

  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(valuesOf(saved)), [values, saved]);
  const set = (field: string, value: unknown) => {
    setValues((v) => ({ ...v, [field]: value }));
    setEdited((e) => new Set(e).add(field));
    setJustSaved(false);
  };

  // The same checks the backend runs (shared/kpi.ts), live: a value a field does not take (a
  // negative quantity, text) is marked at the field as it is typed, before anything is sent.
  const problems = useMemo(() => localProblems(values), [values]);
  const save = async () => {
    const salary = values[SALARY] ?? null;
    setTried(true);
    if (problems.length) return;
    setEdited(new Set());
    const kpis = Object.fromEntries(KPIS.map((k) => [k.id, (values[fieldOf(k)] as number | undefined) ?? null]));
    const result = await saver.run({ salaryTotal: salary as number | null, kpis, expectedRevision: saved.revision });
    if (result) {
      setSaved(result);
      setValues(valuesOf(result));
      setTried(false);
      setJustSaved(true);
    }
  };

  const rangeText = (min: number, max: number, decimals: number) => tf.fieldRange(min.toLocaleString('en-US'), max.toLocaleString('en-US'), decimals);
  // Marked from the local check or from the backend's problems (the same fields) not typed over since.
  const marked = [...problems, ...problemsOf(saver.error).filter((p) => !edited.has(p.field))];
  const errorAt = (field: string, text: string) => (marked.some((p) => p.field === field) ? text : undefined);

  const current: KpiValues = Object.fromEntries(KPIS.flatMap((k) => (typeof values[fieldOf(k)] === 'number' ? [[k.id, values[fieldOf(k)] as number]] : [])));
  const completion = planCompletionPercent(current);
  const conflict = saver.error instanceof ApiError && saver.error.failure.kind === 'conflict';
  const unit = (k: KpiDefinition) => (tf.units[k.unit] ? ` (${tf.units[k.unit]})` : '');
  // The stored KPIs HR's import took from a signed sheet and nobody has confirmed yet.
  const fromSheet = KPIS.filter((k) => saved.sources[k.id]?.confirmed === false);

  return (
    <Stack spacing={1.5}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 1.5, alignItems: 'start' }}>
        <NumberInput
          label={tf.salaryTotal}
          testId="figures-salary"
          value={values[SALARY]}
          onChange={(v) => set(SALARY, v)}
          min={0}
          max={SALARY_MAX}
          width={230}
          error={errorAt(SALARY, rangeText(0, SALARY_MAX, 2))}
        />
        {KPIS.map((k) => (
          <Box key={k.id} sx={{ display: 'contents' }}>
            <NumberInput
              label={`${lang === 'zh' ? k.zh : k.en}${unit(k)}`}
              testId={`figures-kpi-${k.id}`}
              value={values[fieldOf(k)]}
              onChange={(v) => set(fieldOf(k), v)}
              min={k.min}
              max={k.max}
              width={230}
              error={errorAt(fieldOf(k), rangeText(k.min, k.max, k.decimals))}
            />
            {k.id === 'actual-quantity' && (
              <Stack spacing={0.25} sx={{ pt: 0.25 }}>
                <Typography variant="caption" color="text.secondary">
                  {tf.planCompletion}
                </Typography>
                <Typography variant="h6" component="p" data-testid="figures-completion" sx={{ lineHeight: 1.2 }}>
                  {completion === null ? '—' : `${completion}%`}
                </Typography>
                {completion === null && (
                  <Typography variant="caption" color="text.secondary" data-testid="figures-completion-none">
                    {problems.some((p) => p.field === fieldOf(k) || p.field === 'kpis.plan-quantity') ? tf.planCompletionFix : tf.planCompletionNone}
                  </Typography>
                )}
              </Stack>
            )}
          </Box>
        ))}
      </Box>
      {fromSheet.length > 0 && (
        <Alert
          severity="warning"
          data-testid="figures-unconfirmed"
          data-kpis={fromSheet.map((k) => k.id).join(' ')}
          action={
            <Button color="inherit" variant="outlined" size="small" disabled={confirmer.busy || dirty} onClick={() => void confirmer.run()} data-testid="figures-confirm" sx={{ whiteSpace: 'nowrap' }}>
              {tf.fromSheets.confirmThese}
            </Button>
          }
        >
          {tf.fromSheets.panel(fromSheet.map((k) => (lang === 'zh' ? k.zh : k.en)).join(lang === 'zh' ? '、' : ', '))}
        </Alert>
      )}
      <FailureAlert error={confirmer.error} onClose={confirmer.clearError} />
      {tried && problems.length > 0 && <Alert severity="warning" data-testid="figures-fix">{tf.fixFields}</Alert>}
      {conflict ? (
        <Alert severity="error" role="alert" data-testid="figures-conflict" action={<Button color="inherit" onClick={onReload}>{t.common.reload}</Button>}>
          <AlertTitle>{tf.conflictTitle}</AlertTitle>
          {tf.conflictText}
        </Alert>
      ) : (
        <FailureAlert error={saver.error} onClose={saver.clearError} />
      )}
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => void save()} disabled={saver.busy || !dirty} data-testid="figures-save">
          {saver.busy ? t.common.saving : tf.save}
        </Button>
        {dirty ? (
          <Chip size="small" color="warning" variant="outlined" label={tf.unsaved} />
        ) : justSaved ? (
          <Chip size="small" color="success" variant="outlined" label={tf.saved} data-testid="figures-saved" />
        ) : saved.revision === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {tf.nothingStored}
          </Typography>
        ) : null}
      </Stack>
    </Stack>
  );
}
