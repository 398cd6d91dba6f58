/**
 * Pay settings on the settings screen: every version (the built-in one first) and a form to add
 * a version in force from a chosen month. Versions are never edited (the database refuses it).
 * While the version in force for the latest months takes the monthly score, a notice offers the
 * rule book's rate (the daily-work score, revised 2026-12-07) as a new version from a chosen month.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PaySettingsVersion } from '../../../shared/api/report-types.ts';
import { RECORDED_AT_UPDATE, type PaySettings } from '../../../shared/pay.ts';
import { formatPeriod, nextPeriod } from '../../../shared/period.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { problemsOf } from '../../app/problems.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { NumberInput } from '../../app/NumberInput.tsx';
import { Section } from '../../app/Section.tsx';

const shortHash = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 8);

/** The version in force from the latest month on: the latest "in force from", ties to the higher version (as the backend picks). */
function currentVersion(versions: readonly PaySettingsVersion[]): PaySettingsVersion | undefined {
  return [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version).at(-1);
}

/** The next calendar month (a new version's first month by default: no pay already computed changes). */
function nextMonth(): string {
  const now = new Date();
  return formatPeriod(nextPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 }));
}

export function PaySettingsSection() {
  const { t, lang } = useI18n();
  const tf = t.figures;
  const versions = useCall('paySettings.list', {});
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<PaySettingsVersion | null>(null);

  const bonusText = (s: PaySettings) => (s.bonus.policy === 'per-point' ? tf.bonusPerPoint(s.bonus.percentPerPoint) : tf.bonusNone);
  const current = currentVersion(versions.data ?? []);
  const onSaved = (v: PaySettingsVersion) => {
    setSaved(v);
    setAdding(false);
    versions.reload();
  };
  return (
    <Section
      title={tf.payTitle}
      action={
        !adding && (
          <Button size="small" variant="outlined" onClick={() => setAdding(true)} data-testid="pay-add">
            {tf.addVersion}
          </Button>
        )
      }
    >
      <Stack spacing={1.5} data-testid="pay-settings">
        <Typography variant="body2" color="text.secondary">
          {tf.payHelp}
        </Typography>
        <FailureAlert error={versions.error} onRetry={versions.reload} />
        {saved && (
          <Alert severity="success" onClose={() => setSaved(null)} data-testid="pay-saved">
            {tf.savedVersion(saved.version, saved.effectiveFrom)}
          </Alert>
        )}
        {current?.settings.scoreRate === 'monthly' && <DailyRateNotice current={current} onSaved={onSaved} />}
        <TableContainer>
          <Table size="small" data-testid="pay-versions" sx={{ '& td, & th': { px: 1 } }}>
            <TableHead>
              <TableRow>
                {[tf.version, tf.effectiveFrom, tf.split, tf.bonus, tf.scoreRate, tf.hash, tf.createdBy].map((h) => (
                  <TableCell key={h} sx={{ whiteSpace: 'nowrap', fontWeight: 600, px: 1 }}>
                    {h}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(versions.data ?? []).map((v) => (
                <TableRow key={v.version} data-testid={`pay-version-${v.version}`} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
                  <TableCell>{v.version}</TableCell>
                  <TableCell>{v.version === 0 ? tf.builtIn : v.effectiveFrom}</TableCell>
                  <TableCell>{`${v.settings.split.base} / ${v.settings.split.plan} / ${v.settings.split.assessment}`}</TableCell>
                  <TableCell sx={{ whiteSpace: 'normal !important', minWidth: 120 }}>{bonusText(v.settings)}</TableCell>
                  <TableCell>{tf.scoreRates[v.settings.scoreRate]}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }} title={v.hash}>
                    {shortHash(v.hash)}
                  </TableCell>
                  <TableCell>
                    {v.createdBy ? (
                      <>
                        {v.createdBy === RECORDED_AT_UPDATE ? tf.recordedAtUpdate : v.createdBy}
                        <Typography variant="caption" color="text.secondary" component="div">
                          {dateTime(v.createdAt, lang)}
                        </Typography>
                      </>
                    ) : (
                      t.common.none
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {adding && (
          <VersionForm latest={current?.settings} onCancel={() => setAdding(false)} onSaved={onSaved} />
        )}
      </Stack>
    </Section>
  );
}

/**
 * The rule book's rate in one click: a new version with the settings in force, but the daily-work
 * score, from a month HR chooses (not before the version in force, which would still win after it).
 */
function DailyRateNotice({ current, onSaved }: { current: PaySettingsVersion; onSaved: (v: PaySettingsVersion) => void }) {
  const { t } = useI18n();
  const tf = t.figures;
  const [effectiveFrom, setEffectiveFrom] = useState(nextMonth);
  const saver = useAction(async () => invoke('paySettings.save', { effectiveFrom, settings: { ...current.settings, scoreRate: 'daily' } }));
  const tooEarly = current.version > 0 && effectiveFrom < current.effectiveFrom;
  const use = async () => {
    const v = await saver.run();
    if (v) onSaved(v);
  };
  return (
    <Alert severity="warning" data-testid="pay-rate-notice" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {tf.rateNotice.title}
      </Typography>
      <Typography variant="body2">{tf.rateNotice.text(current.version, current.effectiveFrom)}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mt: 1 }}>
        <Typography variant="body2">{tf.rateNotice.from}</Typography>
        <MonthPicker value={effectiveFrom} onChange={setEffectiveFrom} testId="pay-rate-from" />
        <Button variant="contained" size="small" onClick={() => void use()} disabled={saver.busy || tooEarly} data-testid="pay-rate-use">
          {saver.busy ? t.common.saving : tf.rateNotice.use(effectiveFrom)}
        </Button>
      </Stack>
      <Typography variant="caption" color={tooEarly ? 'error' : 'text.secondary'} component="div" sx={{ mt: 0.5 }} data-testid="pay-rate-hint">
        {tooEarly ? tf.rateNotice.tooEarly(current.effectiveFrom) : tf.rateNotice.keep(effectiveFrom)}
      </Typography>
      <FailureAlert error={saver.error} onClose={saver.clearError} />
    </Alert>
  );
}

function VersionForm({ latest, onCancel, onSaved }: { latest: PaySettings | undefined; onCancel: () => void; onSaved: (v: PaySettingsVersion) => void }) {
  const { t } = useI18n();
  const tf = t.figures;
  const [effectiveFrom, setEffectiveFrom] = useState(nextMonth);
  // Starts from the newest version: a change is usually one value.
  const [base, setBase] = useState<unknown>(latest?.split.base ?? 50);
  const [plan, setPlan] = useState<unknown>(latest?.split.plan ?? 35);
  const [assessment, setAssessment] = useState<unknown>(latest?.split.assessment ?? 15);
  const [policy, setPolicy] = useState<'none' | 'per-point'>(latest?.bonus.policy ?? 'none');
  const [perPoint, setPerPoint] = useState<unknown>(latest?.bonus.policy === 'per-point' ? latest.bonus.percentPerPoint : 0.5);
  const [scoreRate, setScoreRate] = useState<'monthly' | 'daily'>(latest?.scoreRate ?? 'daily');
  const saver = useAction(async () =>
    invoke('paySettings.save', {
      effectiveFrom,
      settings: { split: { base, plan, assessment }, bonus: policy === 'per-point' ? { policy, percentPerPoint: perPoint } : { policy }, scoreRate },
    }),
  );
  const problems = problemsOf(saver.error);
  const at = (field: string) => {
    const p = problems.find((x) => x.field === `settings.${field}`);
    return p ? problemText(p, t, false) : undefined;
  };
  const parts = [base, plan, assessment];
  const sum = parts.every((p) => typeof p === 'number') ? Math.round((parts as number[]).reduce((a, b) => a + b, 0) * 100) / 100 : null;

  const save = async () => {
    const v = await saver.run();
    if (v) onSaved(v);
  };
  const percent = (label: string, value: unknown, set: (v: unknown) => void, field: string) => (
    <NumberInput label={label} value={value} onChange={set} min={0} max={100} width={140} testId={`pay-${field.replace(/\./g, '-')}`} error={at(field)} />
  );
  return (
    <Stack spacing={1.5} sx={{ pt: 1, borderTop: 1, borderColor: 'divider' }} data-testid="pay-form">
      <Typography variant="subtitle2">{tf.addVersion}</Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary">
          {tf.effectiveFrom}
        </Typography>
        <MonthPicker value={effectiveFrom} onChange={setEffectiveFrom} testId="pay-effective" />
      </Stack>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
        {percent(tf.basePercent, base, setBase, 'split.base')}
        {percent(tf.planPercent, plan, setPlan, 'split.plan')}
        {percent(tf.assessmentPercent, assessment, setAssessment, 'split.assessment')}
      </Stack>
      {sum !== null && sum !== 100 && (
        <Alert severity="warning" data-testid="pay-sum">
          {tf.splitSum(sum)}
        </Alert>
      )}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
        <SelectField
          label={tf.bonusPolicy}
          value={policy}
          onChange={(v) => setPolicy(v as 'none' | 'per-point')}
          options={(['none', 'per-point'] as const).map((p) => ({ value: p, label: tf.policies[p] }))}
          testId="pay-bonus-policy"
          sx={{ minWidth: 200 }}
        />
        {policy === 'per-point' && (
          <NumberInput label={tf.percentPerPoint} value={perPoint} onChange={setPerPoint} min={0} max={100} width={200} testId="pay-bonus-percent" error={at('bonus.percentPerPoint')} />
        )}
        <SelectField
          label={tf.scoreRate}
          value={scoreRate}
          onChange={(v) => setScoreRate(v as 'monthly' | 'daily')}
          options={(['daily', 'monthly'] as const).map((r) => ({ value: r, label: tf.scoreRates[r] }))}
          testId="pay-score-rate"
          sx={{ minWidth: 200 }}
        />
      </Stack>
      <FailureAlert error={saver.error} onClose={saver.clearError} />
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void save()} disabled={saver.busy || sum !== 100} data-testid="pay-save">
          {saver.busy ? t.common.saving : t.common.save}
        </Button>
        <Button onClick={onCancel}>{t.common.cancel}</Button>
      </Stack>
    </Stack>
  );
}
