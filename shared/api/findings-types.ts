/** The records of the departments' findings import (findings.preview, findings.import, findings.month, findings.resolve). */
import type { DepartmentId } from '../departments.ts';
import type { Candidate, Choice, FindingPart, MergeConflict } from '../findings.ts';
import type { Problem } from '../problems.ts';
import type { SheetStatus } from '../sheet-status.ts';

/** What a row of a findings file does: adds a sheet, updates one, changes nothing; or its sheet is not a draft (`amend`), the person is outside this app's region (`skipped`), the row names no value (`blank`), or it has problems. */
export type FindingAction = 'add' | 'update' | 'unchanged' | 'amend' | 'skipped' | 'blank' | 'conflict' | 'error';

export interface FindingRow {
  row: number;
  employeeNo: string;
  /** The roster's name of the person (or the file's, when the roster has none). */
  name: string | null;
  personId: number | null;
  /** The item as the file names it, and its id once found. */
  item: string;
  itemId: string | null;
  itemTitle: { zh: string; en: string } | null;
  part: FindingPart | null;
  /** The part in words of the item's rule, in both languages. */
  partText: { zh: string; en: string } | null;
  date: string | null;
  note: string | null;
  action: FindingAction;
  /** For `amend`: the sheet's status (ready, signed, returned, approved). */
  status?: SheetStatus;
  problems: Problem[];
}

/** A person of the file the import leaves out, and why (`other-region`: not one of this app's people for the month). */
export interface SkippedPerson {
  row: number;
  employeeNo: string;
  name: string | null;
  reason: 'other-region';
}

/** Where the manager chooses: the candidates side by side and the options. */
export interface FindingConflict extends MergeConflict {
  personId: number;
  employeeNo: string;
  name: string;
  itemId: string;
  itemTitle: { zh: string; en: string };
  /** Each candidate's part in words, in both languages (in the order of `candidates`). */
  texts: { zh: string; en: string }[];
  /** A choice made before for the same candidates (kept), else null: open. */
  choice: Choice | null;
}

/** A sheet the findings touch and what happens to it. */
export interface FindingSheet {
  personId: number;
  employeeNo: string;
  name: string;
  status: SheetStatus | 'not-started';
  action: 'add' | 'update' | 'unchanged' | 'amend';
  /** Monthly score before and after (null: not started / not written). */
  before: number | null;
  after: number | null;
}

export interface FindingsPreview {
  fileName: string;
  encoding: string;
  period: string;
  department: DepartmentId;
  rows: FindingRow[];
  errorCount: number;
  skipped: SkippedPerson[];
  sheets: FindingSheet[];
  conflicts: FindingConflict[];
}

export interface FindingsImportResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Sheets not written because they are ready, signed, returned or approved (a change is an amendment). */
  needsAmendment: FindingSheet[];
  skipped: SkippedPerson[];
  /** Open conflicts left for the manager (the items keep their values until chosen). */
  conflicts: FindingConflict[];
  /** The department's earlier file for the month that this one replaced, if any. */
  replaced: { fileName: string; importedAt: string } | null;
}

/** A department's file for the month, as imported. */
export interface FindingFileInfo {
  department: DepartmentId;
  fileName: string;
  sha256: string;
  rows: number;
  importedAt: string;
  importedBy: string;
}

/** The month's findings: each department's current file (or none yet) and the open conflicts. */
export interface FindingsMonth {
  period: string;
  departments: { id: DepartmentId; file: FindingFileInfo | null }[];
  conflicts: FindingConflict[];
}

export type { Candidate, Choice };
