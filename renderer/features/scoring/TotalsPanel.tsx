/** The sticky totals: daily, attendance and monthly score, flags, problems, and the save actions. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, type ReactNode } from 'react';
import { allGroups, leafItems } from '../../../shared/rubric/schema.ts';
import { problemText } from '../../app/FailureAlert.tsx';
import { sheetFieldParts } from '../../app/ruleText.ts';
import { flagColour, flagLabel, score, timeOfDay } from '../../app/format.ts';
import { CheckIcon, SaveIcon, SignIcon } from '../../app/icons.tsx';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { exportBlock } from './sheetExport.ts';
import { paths } from './draft.ts';
import { useSheet } from './SheetContext.ts';
import { StatusChip } from '../../app/StatusChip.tsx';
import type { SheetDraft } from './useSheetDraft.ts';

/**
 * The editor block a problem belongs to (an item or gate id, 'absences', or null) and its place in
 * words (sheetFieldParts): `head` names the block ("客户拜访纪实", "第 2 次缺勤"), `rest` the field in it ("得分").
 */
function locate(field: string, titles: ReadonlyMap<string, string>, t: Messages): { block: string | null; head: string; rest: string } {
  const [head = field, ...rest] = sheetFieldParts(field, t, (id) => titles.get(id)) ?? [field];
  const words = rest.join(' · ');
  if (field.startsWith('absences')) return { block: 'absences', head, rest: words };
  for (const id of titles.keys()) {
    for (const base of [paths.item(id), paths.handIns(id)]) {
      if (field === base || field.startsWith(`${base}.`) || field.startsWith(`${base}[`)) return { block: id, head, rest: words };
    }
  }
  return { block: null, head: '', rest: [head, ...rest].join(' · ') };
}

/** Scroll to a block and put the cursor in its first field. */
function focusBlock(block: string | null) {
  if (!block) return;
  const testId = block === 'absences' ? 'absences' : `item-${block}`;
  const element = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(testId)}"]`);
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  (element?.querySelector<HTMLElement>('[aria-invalid=true]') ?? element?.querySelector<HTMLElement>('input, select, textarea, button'))?.focus({ preventScroll: true });
}

function Figure({ label, value, sub, testId, big = false, stale }: { label: string; value: string; sub?: string; testId: string; big?: boolean; stale: boolean }) {
  return (
    <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline', opacity: stale ? 0.5 : 1 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
        {sub && (
          <Typography component="span" variant="caption" color="text.secondary">
            {' '}
            · {sub}
          </Typography>
        )}
      </Typography>
      <Typography variant={big ? 'h4' : 'h6'} component="p" color={big ? 'primary' : 'text.primary'} sx={{ fontWeight: big ? 600 : 500 }} data-testid={testId}>
        {value}
      </Typography>
    </Stack>
  );
}

export function TotalsPanel({
  sheet,
  onSave,
  onStatus,
  onNext,
  onExport,
  onCancelAmend,
  notice,
}: {
  sheet: SheetDraft;
  onSave: () => void;
  onStatus: (status: 'ready' | 'draft') => void;
  /** Save and open the next person of the list (Ctrl+Enter). */
  onNext?: () => void;
  /** Export and sign (saves unsaved changes first). */
  onExport: () => void;
  /** A save failure or conflict, shown where the save button is. */
  notice: ReactNode;
  /** Drop the amendment being drafted (sheet.amendReason set): the save button then saves the amendment. */
  onCancelAmend?: () => void;
}) {
  const { t, lang, text } = useI18n();
  const { record, result, problems } = useSheet();
  const titles = useMemo(() => {
    const map = new Map<string, string>();
    for (const { item } of leafItems(record.rubric.items)) map.set(item.id, text(item.title));
    for (const g of allGroups(record.rubric.items)) map.set(g.id, text(g.title));
    return map;
  }, [record.rubric, text]);

  const stale = problems.length > 0;
  const saveState = sheet.saving
    ? t.sheet.savingNow
    : sheet.dirty
      ? t.sheet.unsaved
      : sheet.savedAt
        ? t.sheet.saved(timeOfDay(sheet.savedAt, lang))
        : sheet.meta.status === 'not-started'
          ? t.sheet.notSavedYet
          : '';

  const amending = sheet.amendReason !== null;
  const blocked = exportBlock(sheet.meta.status, problems.length);
  const exportHint = blocked ? t.exporting[blocked] : sheet.dirty ? t.exporting.saveFirst : sheet.meta.status === 'signed' ? t.exporting.signedAgain : null;

  return (
    <Paper variant="outlined" sx={{ p: 2, position: { md: 'sticky' }, top: { md: 64 } }} component="aside" aria-label={t.sheet.totals}>
      <Stack spacing={1.25}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t.sheet.totals}
          </Typography>
          <StatusChip status={sheet.meta.status} />
        </Stack>
        <Figure label={t.sheet.daily} value={score(result.dailyScore)} testId="total-daily" stale={stale} />
        <Figure label={t.sheet.attendance} sub={t.sheet.absentDays(result.attendance.absentDays)} value={score(result.attendance.score)} testId="total-attendance" stale={stale} />
        <Divider />
        <Figure label={t.sheet.monthly} value={score(result.monthlyScore)} testId="total-monthly" big stale={stale} />
        <Box data-testid="total-flags">
          {result.flags.length === 0 ? (
            <Typography variant="caption" color="text.secondary">
              {t.sheet.noFlags}
            </Typography>
          ) : (
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
              {result.flags.map((f) => (
                <Chip key={f} label={flagLabel(f, t, (id) => titles.get(id) ?? id)} color={flagColour(f)} data-flag={f} />
              ))}
            </Stack>
          )}
        </Box>
        {problems.length > 0 && (
          <Alert severity={sheet.invalidAttempt ? 'error' : 'warning'} data-testid="sheet-problems">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {sheet.invalidAttempt ? t.sheet.invalidSave : t.sheet.problems(problems.length)}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2, maxHeight: 200, overflow: 'auto' }}>
              {problems.map((p, i) => {
                const where = locate(p.field, titles, t);
                return (
                  <li key={i} data-testid="sheet-problem">
                    {where.block !== null && (
                      <Link component="button" type="button" variant="caption" color="inherit" onClick={() => focusBlock(where.block)} sx={{ textAlign: 'left', fontWeight: 600 }}>
                        {where.head}
                      </Link>
                    )}
                    <Typography variant="caption" component="span">
                      {where.block !== null && where.rest ? ` · ${where.rest}: ` : where.rest ? `${where.rest}: ` : ' '}
                      {problemText(p, t, false)}
                    </Typography>
                  </li>
                );
              })}
            </Box>
            <Typography variant="caption" color="text.secondary">
              {t.sheet.stale}
            </Typography>
          </Alert>
        )}
        <Divider />
        {notice}
        <Typography variant="caption" color="text.secondary" aria-live="polite" data-testid="save-state">
          {saveState || ' '}
        </Typography>
        {amending && (
          <Stack spacing={1}>
            <Button variant="contained" color="warning" startIcon={<SaveIcon />} onClick={onSave} disabled={sheet.conflict || sheet.saving} data-testid="amend-save">
              {sheet.saving ? t.amend.saving : t.amend.save}
            </Button>
            <Button variant="outlined" onClick={onCancelAmend} disabled={sheet.saving} data-testid="amend-cancel">
              {t.amend.cancel}
            </Button>
          </Stack>
        )}
        {!sheet.locked && !amending && (
        <Stack direction="row" spacing={1}>
          <Button variant="contained" startIcon={<SaveIcon />} onClick={onSave} disabled={sheet.conflict} data-testid="save-button" title={t.keys.saveTip} sx={{ flex: 1 }}>
            {t.sheet.save}
          </Button>
          {sheet.meta.status === 'ready' ? (
            <Button variant="outlined" onClick={() => onStatus('draft')} disabled={sheet.conflict} data-testid="draft-button">
              {t.sheet.markDraft}
            </Button>
          ) : (
            <Button variant="outlined" color="success" startIcon={<CheckIcon />} onClick={() => onStatus('ready')} disabled={sheet.conflict} data-testid="ready-button" title={t.keys.readyTip}>
              {t.sheet.markReady}
            </Button>
          )}
        </Stack>
        )}
        {onNext && !amending && (
          <Button variant="text" onClick={onNext} disabled={sheet.conflict} title={t.keys.nextTip} data-testid="next-button">
            {t.keys.next} · Ctrl+Enter
          </Button>
        )}

        {!amending && (
        <Button
          variant="outlined"
          color="secondary"
          startIcon={<SignIcon />}
          onClick={onExport}
          disabled={blocked !== null || sheet.conflict || sheet.saving}
          data-testid="sheet-export"
        >
          {t.exporting.sheetButton}
        </Button>
        )}
        {exportHint && !amending && (
          <Typography variant="caption" color="text.secondary" data-testid="sheet-export-hint">
            {exportHint}
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}
