/**
 * The sheet being edited: what the manager recorded, kept as the API's entry shape. Values may
 * be provisional (text typed into a number field is kept as text), so validateSheetInput can
 * name the problem next to the field instead of the editor guessing. Neutral values (unticked,
 * zero occurrences, empty notes) are dropped so an untouched item stays "full marks".
 */
import type { SheetRecord } from '../../../shared/api/types.ts';
import { fieldPath } from '../../../shared/problems.ts';

export type DraftItem = Record<string, unknown>;

export interface DraftAbsence {
  length: 'full' | 'half';
  date?: string;
}

export interface DraftHandIn {
  date: string;
  event?: string;
}

export interface DraftIncident {
  kind: string;
  deduction: unknown;
  note?: string;
  /** Marked severe (only on an item whose rule has a severeFlag, e.g. a complaint): no points, the sheet's flag. Left out when not. */
  severe?: boolean;
}

export interface Draft {
  items: Record<string, DraftItem>;
  absences: DraftAbsence[];
  handIns: Record<string, DraftHandIn[]>;
}

export function draftFromInput(input: SheetRecord['input']): Draft {
  return structuredClone({ items: input.items ?? {}, absences: input.absences ?? [], handIns: input.handIns ?? {} }) as Draft;
}

function neutral(field: string, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (value === false) return true;
  if (field === 'occurrences' && value === 0) return true;
  if ((field === 'note' || field === 'grade') && typeof value === 'string' && value.trim() === '') return true;
  if (field === 'incidents' && Array.isArray(value) && value.length === 0) return true;
  return false;
}

/** Set (or with a neutral value, clear) one field of an item or gate. */
export function setItemField(draft: Draft, id: string, field: string, value: unknown): Draft {
  const item: DraftItem = { ...(draft.items[id] ?? {}) };
  if (neutral(field, value)) delete item[field];
  else item[field] = value;
  const items = { ...draft.items };
  if (Object.keys(item).length === 0) delete items[id];
  else items[id] = item;
  return { ...draft, items };
}

export function setHandIns(draft: Draft, id: string, list: DraftHandIn[]): Draft {
  const handIns = { ...draft.handIns };
  if (list.length === 0) delete handIns[id];
  else handIns[id] = list;
  return { ...draft, handIns };
}

export function setAbsences(draft: Draft, absences: DraftAbsence[]): Draft {
  return { ...draft, absences };
}

/** What sheets.save takes: the whole recorded state (it replaces what was stored). */
export function toEntry(draft: Draft): { items: Record<string, unknown>; absences: unknown[]; handIns: Record<string, unknown> } {
  return structuredClone({ items: draft.items, absences: draft.absences, handIns: draft.handIns });
}

/** The full score input for local validation and scoring, pinned to the sheet's rubric version. */
export function candidateInput(record: SheetRecord, draft: Draft): Record<string, unknown> {
  return {
    rubric: `${record.rubric.id}@${record.rubric.version}`,
    period: record.period,
    items: draft.items,
    absences: draft.absences,
    handIns: draft.handIns,
  };
}

/** Field paths exactly as validateSheetInput names them. */
export const paths = {
  item: (id: string) => fieldPath('items', id),
  field: (id: string, field: string) => fieldPath(fieldPath('items', id), field),
  incident: (id: string, i: number, field: string) => fieldPath(fieldPath(fieldPath(fieldPath('items', id), 'incidents'), i), field),
  handInRow: (id: string, i: number) => fieldPath(fieldPath('handIns', id), i),
  handIn: (id: string, i: number, field: string) => fieldPath(fieldPath(fieldPath('handIns', id), i), field),
  handIns: (id: string) => fieldPath('handIns', id),
  absence: (i: number, field: string) => fieldPath(fieldPath('absences', i), field),
};
