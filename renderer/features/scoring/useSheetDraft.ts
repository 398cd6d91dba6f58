/**
 * The sheet editor's state: the draft, its live score (shared validateSheetInput + scoreSheet),
 * and saving — explicit (Ctrl+S, buttons), automatic a short while after the last change, and
 * flushed when the page is hidden, closed or left.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AmendedSheet, SheetRecord, SheetStatus } from '../../../shared/api/types.ts';
import type { Problem } from '../../../shared/problems.ts';
import { isEditable } from '../../../shared/sheet-status.ts';
import { scoreSheet, type SheetResult } from '../../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../../shared/scoring/input.ts';
import { ApiError, invoke, isElectron, toFailure } from '../../api/client.ts';
import { candidateInput, draftFromInput, toEntry, type Draft } from './draft.ts';
import { trackSave } from './pendingSaves.ts';

export const AUTOSAVE_DELAY_MS = 1200;

export interface Evaluation {
  problems: Problem[];
  /** The live result, or null while the draft has problems. */
  result: SheetResult | null;
}

export function evaluate(record: SheetRecord, draft: Draft): Evaluation {
  const checked = validateSheetInput(candidateInput(record, draft), [record.rubric]);
  if (!checked.ok) return { problems: checked.problems, result: null };
  return { problems: [], result: scoreSheet(checked.input, checked.rubric) };
}

export interface SheetMeta {
  status: SheetRecord['status'];
  revision: number;
  updatedAt: string | null;
}

export interface SaveOptions {
  /** Change the status with this save ('ready' / back to 'draft'). */
  status?: SheetStatus;
  keepalive?: boolean;
  /** An automatic save: skip silently while the draft has problems. */
  auto?: boolean;
  /**
   * Save even without changes when the save moves the sheet to a newer rubric version (the
   * editor's notice says the next save does): the Save button and Ctrl+S, not leaving the editor.
   */
  moveRubric?: boolean;
}

export type SaveOutcome = 'saved' | 'unchanged' | 'invalid' | 'conflict' | 'failed';

export function useSheetDraft(initial: SheetRecord) {
  /**
   * The sheet as last loaded. A save that moves an unsigned draft to a newer rubric version
   * (record.rubricUpdate) loads it again, so the editor scores with the version the sheet is now
   * stored with and the header names it; the draft stays as it is.
   */
  const [record, setRecord] = useState(initial);
  const recordRef = useRef(record);
  recordRef.current = record;
  const [draft, setDraft] = useState<Draft>(() => draftFromInput(initial.input));
  const [meta, setMeta] = useState<SheetMeta>({ status: record.status, revision: record.revision, updatedAt: record.updatedAt });
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [invalidAttempt, setInvalidAttempt] = useState(false);
  /** Set when the window tried to close with changes that cannot be saved. */
  const [closeBlocked, setCloseBlocked] = useState(false);

  const draftRef = useRef(draft);
  const metaRef = useRef(meta);
  const version = useRef(0);
  const savedVersion = useRef(0);
  const conflictRef = useRef(false);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const allowUnload = useRef(false);

  const evaluation = useMemo(() => evaluate(record, draft), [record, draft]);
  const lastGood = useRef<SheetResult>(record.result);
  if (evaluation.result) lastGood.current = evaluation.result;

  /**
   * An amendment being drafted (the reason given first, docs/trust.md "Amendments"): the signed
   * sheet is editable here, nothing is saved automatically, and the explicit save is sheets.amend.
   */
  const [amendReason, setAmendReason] = useState<string | null>(null);
  const amendRef = useRef<string | null>(null);
  amendRef.current = amendReason;
  /** What the last saved amendment changed (shown until the sheet is left). */
  const [amended, setAmended] = useState<AmendedSheet | null>(null);

  /** A signed or approved sheet is shown, never changed in place (it changes only by an amendment). */
  const locked = !isEditable(record.status) && amendReason === null;

  const update = useCallback((change: (d: Draft) => Draft) => {
    if (locked) return;
    const next = change(draftRef.current);
    if (next === draftRef.current) return;
    draftRef.current = next;
    version.current += 1;
    setDraft(next);
    setDirty(true);
  }, [locked]);

  /** After a save: when the sheet was waiting to move to a newer rubric version, load the version it is now stored with. */
  const followRubric = useCallback(async () => {
    const before = recordRef.current;
    if (!before.rubricUpdate) return;
    try {
      const fresh = await invoke('sheets.get', { personId: before.person.id, period: before.period });
      if (recordRef.current !== before) return;
      if (fresh.rubric.hash !== before.rubric.hash || fresh.rubricUpdate?.to !== before.rubricUpdate.to) setRecord(fresh);
    } catch {
      // Not loaded now: the next save tries again (rubricUpdate is still set).
    }
  }, []);

  const saveNow = useCallback(
    async (options: SaveOptions): Promise<SaveOutcome> => {
      const record = recordRef.current;
      if (conflictRef.current) return 'conflict';
      // An amendment draft is saved only by saveAmendment (never by sheets.save, never automatically).
      if (locked || amendRef.current !== null) return 'unchanged';
      const at = version.current;
      const current = metaRef.current;
      const status: SheetStatus = options.status ?? (current.status === 'ready' ? 'ready' : 'draft');
      // A stored draft moves at any save; a ready sheet only when saved as a draft (as sheets.save decides).
      const moves = options.moveRubric === true && record.rubricUpdate !== null && (current.status === 'draft' || status === 'draft');
      if (at === savedVersion.current && !moves && (options.status === undefined || options.status === current.status)) return 'unchanged';
      const entryDraft = draftRef.current;
      if (evaluate(record, entryDraft).problems.length) {
        if (!options.auto) setInvalidAttempt(true);
        return 'invalid';
      }
      setSaving(true);
      try {
        const saved = await invoke(
          'sheets.save',
          { personId: record.person.id, period: record.period, entry: toEntry(entryDraft), status, expectedRevision: current.revision },
          options.keepalive ? { keepalive: true } : {},
        );
        const next = { status: saved.status, revision: saved.revision, updatedAt: saved.updatedAt };
        metaRef.current = next;
        setMeta(next);
        savedVersion.current = at;
        setDirty(version.current !== at);
        setSaveError(null);
        setInvalidAttempt(false);
        setSavedAt(new Date());
        await followRubric();
        return 'saved';
      } catch (error) {
        const failure = error instanceof ApiError ? error : new ApiError(toFailure(error));
        if (failure.kind === 'conflict') {
          conflictRef.current = true;
          setConflict(true);
        }
        setSaveError(failure);
        return failure.kind === 'conflict' ? 'conflict' : 'failed';
      } finally {
        setSaving(false);
      }
    },
    [locked, followRubric],
  );

  /** Saves run one after another, each saving the draft as it is when its turn comes. */
  const save = useCallback(
    (options: SaveOptions = {}): Promise<SaveOutcome> => {
      const run = chain.current.then(() => saveNow(options));
      chain.current = run.catch(() => undefined);
      return trackSave(run);
    },
    [saveNow],
  );

  const pending = useCallback(() => version.current !== savedVersion.current, []);

  // Autosave a short while after the last change (never an amendment draft).
  useEffect(() => {
    if (!dirty || conflict || amendReason !== null) return undefined;
    const timer = window.setTimeout(() => void save({ auto: true }), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, dirty, conflict, save]);

  // Flush when the page is hidden, closed or left.
  useEffect(() => {
    const savable = () => !conflictRef.current && amendRef.current === null && evaluate(recordRef.current, draftRef.current).problems.length === 0;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && pending()) void save({ keepalive: true, auto: true });
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (allowUnload.current || !pending()) return;
      if (isElectron()) {
        // Hold the close, save, then close again (the second time nothing is pending).
        event.preventDefault();
        event.returnValue = '';
        if (savable()) {
          void save().then((outcome) => {
            if (outcome === 'saved' || outcome === 'unchanged') window.close();
            else setCloseBlocked(true);
          });
        } else {
          setCloseBlocked(true);
        }
        return;
      }
      if (savable()) {
        void save({ keepalive: true });
        return;
      }
      event.preventDefault();
      event.returnValue = '';
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (pending()) void save({ auto: true }); // leaving the editor inside the app
    };
  }, [save, pending]);

  /** Start drafting an amendment with its reason (given first); the draft starts from the signed content. */
  const startAmend = useCallback((reason: string) => {
    setAmended(null);
    setSaveError(null);
    setAmendReason(reason);
  }, []);

  /** Drop the amendment draft: the sheet shows its signed content again. */
  const cancelAmend = useCallback(() => {
    const fresh = draftFromInput(recordRef.current.input);
    draftRef.current = fresh;
    setDraft(fresh);
    savedVersion.current = version.current;
    setDirty(false);
    setSaveError(null);
    setInvalidAttempt(false);
    setAmendReason(null);
  }, []);

  /**
   * Save the amendment draft (sheets.amend with the revision read): the sheet becomes the next
   * version, status ready, and is loaded again (its amendment and history). 'invalid' while the
   * draft has problems; a refusal (nothing changed, not this app's step, changed elsewhere) is saveError.
   */
  const saveAmendment = useCallback(async (): Promise<SaveOutcome> => {
    const reason = amendRef.current;
    const record = recordRef.current;
    if (reason === null || conflictRef.current) return 'unchanged';
    const at = version.current;
    const entryDraft = draftRef.current;
    if (evaluate(record, entryDraft).problems.length) {
      setInvalidAttempt(true);
      return 'invalid';
    }
    setSaving(true);
    try {
      const result = await invoke('sheets.amend', { personId: record.person.id, period: record.period, entry: toEntry(entryDraft), reason, expectedRevision: metaRef.current.revision });
      const fresh = await invoke('sheets.get', { personId: record.person.id, period: record.period });
      const next = { status: result.status, revision: result.revision, updatedAt: result.updatedAt };
      metaRef.current = next;
      setMeta(next);
      setRecord(fresh);
      savedVersion.current = at;
      setDirty(version.current !== at);
      setSaveError(null);
      setInvalidAttempt(false);
      setSavedAt(new Date());
      setAmendReason(null);
      setAmended(result);
      return 'saved';
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(toFailure(error));
      // Changed elsewhere since it was read: reload (the other refusals leave the draft to correct).
      if (failure.failure.refusal?.code === 'sheet-changed') {
        conflictRef.current = true;
        setConflict(true);
      }
      setSaveError(failure);
      return 'failed';
    } finally {
      setSaving(false);
    }
  }, []);

  /** The status as last saved; read right after awaiting a save, before the next render. */
  const savedStatus = useCallback(() => metaRef.current.status, []);

  /** Close the window without saving (after the user chose to discard). */
  const discardAndClose = useCallback(() => {
    allowUnload.current = true;
    window.close();
  }, []);

  return {
    /** The sheet as last loaded (a save that moves it to a newer rubric version loads it again). */
    record,
    draft,
    update,
    locked,
    meta,
    evaluation,
    /** The live result, or the last valid one while the draft has problems. */
    result: evaluation.result ?? lastGood.current,
    dirty,
    saving,
    saveError,
    clearSaveError: () => setSaveError(null),
    conflict,
    savedAt,
    invalidAttempt: invalidAttempt && evaluation.problems.length > 0,
    closeBlocked,
    dismissCloseBlocked: () => setCloseBlocked(false),
    discardAndClose,
    save,
    pending,
    savedStatus,
    /** The amendment being drafted (its reason), or null. */
    amendReason,
    startAmend,
    setAmendReason: (reason: string) => setAmendReason(reason),
    cancelAmend,
    saveAmendment,
    /** The amendment last saved here (what it changed), or null. */
    amended,
  };
}

export type SheetDraft = ReturnType<typeof useSheetDraft>;
