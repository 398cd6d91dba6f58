/**
 * On the sheet: where each value came from (the departments' findings with file, line and date,
 * or the manager: shared/findings.ts sourcesLine, following the manager's edits as a save will),
 * and which departments that assess this rubric's items have sent their file for the month.
 */
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { SheetRecord } from '../../../shared/api/types.ts';
import { reconcileSources, rubricAssessors, sourcesLine } from '../../../shared/findings.ts';
import type { HandIn } from '../../../shared/scoring/handins.ts';
import type { ItemInput } from '../../../shared/scoring/input.ts';
import { invoke } from '../../api/client.ts';
import { useLoad } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSheet } from './SheetContext.ts';

/** The sources of an item's value as it stands in the editor (nothing when the manager entered it). */
export function ItemSources({ id }: { id: string }) {
  const { lang } = useI18n();
  const { draft } = useSheet();
  const value = draft.items[id] as ItemInput | undefined;
  const handIns = draft.handIns[id] as HandIn[] | undefined;
  const line = useMemo(() => {
    if (!value?.sources || !Array.isArray(value.sources)) return null;
    return sourcesLine(reconcileSources(value, handIns).sources, lang);
  }, [value, handIns, lang]);
  if (!line) return null;
  return (
    <Typography variant="caption" color="info.dark" data-testid={`sources-${id}`}>
      {line}
    </Typography>
  );
}

/** Which of the departments assessing this sheet's items have sent findings for the month, and which not yet. */
export function SheetFindings({ record }: { record: SheetRecord }) {
  const { t, lang } = useI18n();
  const tf = t.findings;
  const assessing = useMemo(() => rubricAssessors(record.rubric), [record.rubric]);
  const month = useLoad(assessing.length ? `findings.month ${record.period}` : null, () => invoke('findings.month', { period: record.period }));
  if (!assessing.length || !month.data) return null;
  const sent = month.data.departments.filter((d) => d.file && assessing.includes(d.id)).map((d) => d.id);
  const missing = assessing.filter((d) => !sent.includes(d));
  const open = month.data.conflicts.filter((c) => c.personId === record.person.id).length;
  const names = (ids: typeof assessing) => ids.map((id) => tf.departmentName(id)).join(lang === 'zh' ? '、' : ', ');
  return (
    <Alert severity={open ? 'warning' : 'info'} variant="outlined" data-testid="sheet-findings" sx={{ py: 0 }}>
      <strong>{tf.sheetTitle(record.period)}</strong>
      {': '}
      {sent.length ? tf.sheetReceived(names(sent)) : tf.sheetNone}
      {sent.length > 0 && missing.length > 0 && ' · '}
      {sent.length > 0 && missing.length > 0 && tf.sheetMissing(names(missing))}
      {open > 0 && ` · ${tf.sheetOpen(open)}`}
    </Alert>
  );
}
