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
import { focusTarget, GoToItem } from './GoToItem.tsx';
import { gridMemory } from './monthGridState.ts';
import { nextPerson } from './nextPerson.ts';
import { AbsencesEditor } from './AbsencesEditor.tsx';
import { RubricTree } from './RubricTree.tsx';
import { SheetContext, type SheetContextValue } from './SheetContext.ts';
import { ReturnNoteNotice, RubricUpdateNotice, SheetHeader } from './SheetHeader.tsx';
import { TotalsPanel } from './TotalsPanel.tsx';
import { useSheetDraft } from './useSheetDraft.ts';
import { rubricItems, VersionHistory } from '../../app/AmendmentView.tsx';
import { AmendDraftNotice, AmendReasonDialog, AmendSavedNotice, CurrentAmendmentNotice, LockedNotice } from './AmendParts.tsx';
import { SheetFindings } from './FindingSources.tsx';

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
  /** The amendment's reason dialog: before drafting ('start'), or to edit the reason while drafting ('edit'). */
  const [reasonDialog, setReasonDialog] = useState<'start' | 'edit' | null>(null);
  const amending = sheet.amendReason !== null;
  const itemNodes = useMemo(() => rubricItems(record.rubric), [record.rubric]);
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
    // An unsaved amendment draft is never dropped silently.
    if (sheet.amendReason !== null && sheet.pending()) {
      setLeaving(true);
      return;
    }
    const outcome = await sheet.save();
    if (outcome === 'saved' || outcome === 'unchanged') backToMonth();
    else setLeaving(true);
  };
  const explicitSave = () => void (sheet.amendReason !== null ? sheet.saveAmendment() : sheet.save({ moveRubric: true }));
  /** Export and sign: unsaved changes are saved first; a save that leaves the sheet unexportable opens nothing. */
  const startExport = async () => {
    const outcome = await sheet.save();
    if ((outcome === 'saved' || outcome === 'unchanged') && !sheet.pending() && exportBlock(sheet.savedStatus(), 0) === null) onExport();
  };
  const stay = () => {
    setLeaving(false);
    sheet.dismissCloseBlocked();
  };

  /** Ctrl+Enter: save, then open the next person of the list (the list itself after the last one). */
  const saveAndNext = async () => {
    if (amending) return; // an amendment is saved by its own button, with its reason
    const outcome = await sheet.save();
    if (outcome !== 'saved' && outcome !== 'unchanged') return;
    const next = await nextPerson(record.person.id, record.period).catch(() => null);
    if (next === null) return backToMonth();
    gridMemory.lastOpened = next;
    go({ screen: 'sheet', personId: next, period: record.period });
  };
  const markReady = () => {
    if (!amending && !sheet.locked) void sheet.save({ status: 'ready' });
  };
  const [goingTo, setGoingTo] = useState(false);

  // Ctrl+S saves, Ctrl+Enter saves and opens the next person, Ctrl+Shift+Enter marks ready, Ctrl+G
  // goes to an item, Esc goes back to the month (unless a menu or dialog took the key).
  const keys = useRef({ save: explicitSave, leave, saveAndNext, markReady, goTo: () => setGoingTo(true) });
  keys.current = { save: explicitSave, leave, saveAndNext, markReady, goTo: () => setGoingTo(true) };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
      const modal = document.querySelector('.MuiModal-root');
      if (ctrl && e.key.toLowerCase() === 's') {
        e.preventDefault();
        keys.current.save();
      } else if (ctrl && e.key === 'Enter' && !modal) {
        e.preventDefault();
        if (e.repeat) return;
        if (e.shiftKey) keys.current.markReady();
        else void keys.current.saveAndNext();
      } else if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'g' && !modal) {
        e.preventDefault();
        keys.current.goTo();
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
        <SheetFindings record={record} />
        {sheet.locked && <LockedNotice record={record} onAmend={() => setReasonDialog('start')} />}
        {amending && <AmendDraftNotice record={record} reason={sheet.amendReason ?? ''} onEditReason={() => setReasonDialog('edit')} />}
        {sheet.amended ? <AmendSavedNotice amended={sheet.amended} items={itemNodes} /> : record.amendment && !sheet.locked && !amending && <CurrentAmendmentNotice amendment={record.amendment} />}
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
              onNext={() => void saveAndNext()}
              onExport={() => void startExport()}
              onCancelAmend={sheet.cancelAmend}
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
        {(record.versions.length > 0 || record.amendment) && (
          <SectionBoundary testId="history">
            <VersionHistory record={record} items={itemNodes} />
          </SectionBoundary>
        )}
      </Stack>
      {reasonDialog && (
        <AmendReasonDialog
          record={record}
          initial={reasonDialog === 'edit' ? (sheet.amendReason ?? '') : ''}
          onClose={() => setReasonDialog(null)}
          onStart={(reason) => {
            if (reasonDialog === 'edit') sheet.setAmendReason(reason);
            else sheet.startAmend(reason);
            setReasonDialog(null);
          }}
        />
      )}
      <GoToItem
        rubric={record.rubric}
        open={goingTo}
        onClose={(id) => {
          setGoingTo(false);
          if (id) requestAnimationFrame(() => focusTarget(id));
        }}
      />
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
              else {
                if (sheet.amendReason !== null) sheet.cancelAmend();
                backToMonth();
              }
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
