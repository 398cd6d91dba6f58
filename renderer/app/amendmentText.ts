/**
 * Amendments in words (docs/trust.md, "Amendments"): what one item recorded in a version, and a
 * sheet's versions as its history lists them. Pure: the sheet editor's history, the inbox and
 * HR's view word them alike.
 */
import type { AmendedItemState, AmendmentDiff } from '../../shared/amendment.ts';
import type { SheetRecord } from '../../shared/api/types.ts';
import type { ItemNode } from '../../shared/rubric/schema.ts';
import type { Language } from '../../shared/api/types.ts';
import type { AmendMessages } from '../i18n/amendments.ts';

/**
 * What an item recorded in one version, in words: the rule's fields (violated, occurrences, the
 * grade's title, each incident with its kind's title and deduction), the hand-ins, a note; or
 * "nothing recorded" (full marks). Without the item's rubric node, a grade or incident kind is
 * named by its id.
 */
export function describeItemState(state: AmendedItemState, item: ItemNode | undefined, lang: Language, w: AmendMessages): string {
  const v = state.value ?? {};
  const rule = item?.rule;
  const parts: string[] = [];
  if (v.violated) parts.push(w.violated);
  if (v.falsified) parts.push(w.falsified);
  if (v.occurrences) parts.push(rule?.kind === 'penalty' ? w.found(v.occurrences) : w.occurrences(v.occurrences));
  if (v.grade) {
    const grade = rule?.kind === 'grade' ? rule.grades.find((g) => g.id === v.grade) : undefined;
    parts.push(grade ? grade.title[lang] : v.grade);
  }
  if (typeof v.points === 'number') parts.push(w.given(v.points));
  if (typeof v.deduction === 'number') parts.push(w.deduction(v.deduction));
  const kinds = rule && 'incidents' in rule ? (rule.incidents ?? []) : [];
  for (const inc of v.incidents ?? []) {
    const kind = kinds.find((k) => k.id === inc.kind);
    parts.push(w.incident(kind ? kind.title[lang] : inc.kind, inc.deduction) + (inc.severe === true ? w.severe : ''));
  }
  if (v.doubled) parts.push(w.doubled);
  if (state.handIns && state.handIns.length > 0) parts.push(w.handIns(state.handIns.length));
  if (v.note && v.note.trim() !== '') parts.push(w.note(v.note.trim()));
  return parts.length > 0 ? parts.join(lang === 'zh' ? '，' : ', ') : w.nothingRecorded;
}

/** One line of a sheet's history. */
export interface HistoryRow {
  version: number;
  /** amended: a later version amends it; current: the sheet's signed (or, at HR, approved) content; unsent: an amendment saved, not yet exported. */
  state: 'amended' | 'current' | 'unsent';
  /** The version that amends it (state 'amended'). */
  amendedBy: number | null;
  /** When it was exported signed (at HR: imported); null while unsent. */
  at: string | null;
  /** The exported file's SHA-256 (what an amendment names); at HR also the imported file's. */
  sha256: string | null;
  fileSha256: string | null;
  reason: string | null;
  /** From version 2: what changed from the version before it (null when not known here). */
  changes: AmendmentDiff | null;
  monthlyScore: number;
}

/**
 * A sheet's versions, newest first: every kept version (sheets.get versions), and an amendment
 * saved but not yet exported (sheets.get amendment, with its changes) on top. The newest kept
 * version is the current one unless an unsent amendment follows it.
 */
export function historyRows(record: Pick<SheetRecord, 'versions' | 'amendment' | 'result' | 'status'>): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const kept = record.versions;
  const newest = kept.at(-1)?.version ?? 0;
  const unsent = record.amendment && record.amendment.version > newest ? record.amendment : null;
  const top = unsent ? unsent.version : newest;
  for (const v of kept) {
    rows.push({
      version: v.version,
      state: v.version === top ? 'current' : 'amended',
      amendedBy: v.version === top ? null : v.version + 1,
      at: v.signedAt,
      sha256: v.sha256,
      fileSha256: v.fileSha256,
      reason: v.reason,
      changes: v.changes,
      monthlyScore: v.monthlyScore,
    });
  }
  if (unsent) {
    rows.push({
      version: unsent.version,
      state: 'unsent',
      amendedBy: null,
      at: null,
      sha256: null,
      fileSha256: null,
      reason: unsent.reason,
      changes: unsent.changes ?? null,
      monthlyScore: record.result.monthlyScore,
    });
  }
  return rows.reverse();
}
