/** The score sheet editor: header, the rubric's items, absences, and the sticky totals. Keyboard-first. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SheetRecord } from '../../../shared/api/types.ts';
import { doublingCandidates } from '../../../shared/scoring/doubling.ts';
import { handInTargets } from '../../../shared/scoring/handins.ts';
import { SectionBoundary } from '../../app/ErrorBoundary.tsx';
import { FailureAlert, failureText } from '../../app/FailureAlert.tsx';
import { useRoute } from '../../app/route.ts';
import { useI18n } from '../../i18n/index.tsx';
import { exportBlock } from './sheetExport.ts';
import { AbsencesEditor } from './AbsencesEditor.tsx';
import { RubricTree } from './RubricTree.tsx';
import { SheetContext, type SheetContextValue } from './SheetContext.ts';
import { ReturnNoteNotice, RubricUpdateNotice, SheetHeader } from './SheetHeader.tsx';
import { TotalsPanel } from './TotalsPanel.tsx';
import { useSheetDraft } from './useSheetDraft.ts';

export function SheetEditor({
  record: loaded,
  regionName,
  onReload,
  onExport,
}: {
  record: SheetRecord;
  regionName: string | null;
  onReload: () => void;
  /** Open the export dialog: called once the sheet is saved and exportable. */
  onExport: () => void;
}) {
  const { t } = useI18n();
  const [, go] = useRoute();
  const sheet = useSheetDraft(loaded);
  // The sheet as last loaded: a save that moves a draft to a newer rubric version loads it again.
  const record = sheet.record;
  const [leaving, setLeaving] = useState(false);
  const itemsRef = useRef<HTMLFieldSetElement>(null);

  const targets = useMemo(() => handInTargets(record.rubric), [record.rubric]);
  const live = sheet.evaluation.result;
  const context = useMemo<SheetContextValue>(() => {
    const result = sheet.result;
    const candidates = record.previous
      ? doublingCandidates(record.rubric, live ?? result, record.previous)
      : record.doublingCandidates.filter((id) => !result.flags.includes(`doubled:${id}`));
    return {
      record,
      draft: sheet.draft,
      update: sheet.update,
      result,
      items: new Map(result.items.map((i) => [i.id, i])),
      groups: new Map(result.groups.map((g) => [g.id, g])),
      problems: sheet.evaluation.problems,
      candidates: new Set(candidates),
      targets,
    };
  }, [record, sheet.draft, sheet.update, sheet.result, sheet.evaluation.problems, live, targets]);

  const backToMonth = () => go({ screen: 'scoring', period: record.period });
  const leave = async () => {
    const outcome = await sheet.save();
    if (outcome === 'saved' || outcome === 'unchanged') backToMonth();
    else setLeaving(true);
  };
  const explicitSave = () => void sheet.save({ moveRubric: true });
  /** Export and sign: unsaved changes are saved first; a save that leaves the sheet unexportable opens nothing. */
  const startExport = async () => {
    const outcome = await sheet.save();
    if ((outcome === 'saved' || outcome === 'unchanged') && !sheet.pending() && exportBlock(sheet.savedStatus(), 0) === null) onExport();
  };
  const stay = () => {
    setLeaving(false);
    sheet.dismissCloseBlocked();
  };

  // Ctrl+S saves, Esc goes back to the month (unless a menu or dialog took the key).
  const keys = useRef({ save: explicitSave, leave });
  keys.current = { save: explicitSave, leave };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        keys.current.save();
      } else if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('.MuiModal-root')) {
        e.preventDefault();
        void keys.current.leave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Start where the scoring starts: the first input of the first item.
  useEffect(() => {
    itemsRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);

  return (
    <SheetContext.Provider value={context}>
      <Stack spacing={1.5}>
        <SheetHeader regionName={regionName} status={sheet.meta.status} onBack={() => void leave()} />
        {record.returnNote && <ReturnNoteNotice note={record.returnNote} />}
        {record.rubricUpdate && !sheet.locked && <RubricUpdateNotice update={record.rubricUpdate} status={sheet.meta.status} />}
        {sheet.locked && (
          <Alert severity="info" data-testid="sheet-locked">
            <AlertTitle>{t.sheet.lockedTitle}</AlertTitle>
            {t.sheet.lockedText(record.status)}
          </Alert>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) 300px' }, gap: 2, alignItems: 'start' }}>
          {/* A disabled fieldset turns every control inside read-only, as the browser does it (no control to miss). */}
          <Stack spacing={2} ref={itemsRef} component="fieldset" disabled={sheet.locked} sx={{ minWidth: 0, border: 0, p: 0, m: 0 }} data-testid="sheet-items">
            <RubricTree nodes={record.rubric.items} />
            <SectionBoundary testId="absences">
              <AbsencesEditor />
            </SectionBoundary>
          </Stack>
          <SectionBoundary testId="totals">
            <TotalsPanel
              sheet={sheet}
              onSave={explicitSave}
              onStatus={(status) => void sheet.save({ status })}
              onExport={() => void startExport()}
              notice={
                sheet.conflict ? (
                  <Alert severity="error" role="alert" data-testid="sheet-conflict">
                    <AlertTitle>{t.sheet.conflictTitle}</AlertTitle>
                    {/* Signed elsewhere since it was opened: the refusal says so; otherwise another save came first. */}
                    {sheet.saveError?.failure.refusal?.code === 'sheet-not-editable' ? failureText(sheet.saveError.failure, t) : t.sheet.conflictText}
                    <Box sx={{ mt: 1 }}>
                      <Button color="inherit" variant="outlined" onClick={onReload} data-testid="conflict-reload">
                        {t.common.reload}
                      </Button>
                    </Box>
                  </Alert>
                ) : sheet.saveError ? (
                  <FailureAlert error={sheet.saveError} onClose={sheet.clearSaveError} />
                ) : null
              }
            />
          </SectionBoundary>
        </Box>
      </Stack>
      <Dialog open={leaving || sheet.closeBlocked} onClose={stay} data-testid="discard-dialog">
        <DialogTitle>{t.sheet.discardTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t.sheet.discardText}</DialogContentText>
          {sheet.saveError && (
            <Box sx={{ mt: 2 }}>
              <FailureAlert error={sheet.saveError} />
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button
            color="error"
            onClick={() => {
              if (sheet.closeBlocked) sheet.discardAndClose();
              else backToMonth();
            }}
            data-testid="discard-confirm"
          >
            {t.sheet.discard}
          </Button>
          <Button variant="contained" autoFocus onClick={stay}>
            {t.sheet.stay}
          </Button>
        </DialogActions>
      </Dialog>
    </SheetContext.Provider>
  );
}
