/**
 * A sheet's statuses and what each allows: the one home of the rule. The contract, the
 * services, the reports and the renderer ask here; the database's trigger on approved sheets is
 * only the last line of defence.
 *
 * - 'draft' and 'ready' are set by the scorer (sheets.save);
 * - 'signed' when the first step of the chain exported and signed it;
 * - 'returned' when a reviewer's signed return note reopened it (editable like a draft);
 * - 'approved' when HR imported it from a fully approved file (final).
 * A person without a stored sheet for the month is 'not-started'.
 */
export const SHEET_STATUSES = ['draft', 'ready', 'signed', 'returned', 'approved'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
/** A month grid row's status: a stored sheet's, or 'not-started'. */
export type RowStatus = SheetStatus | 'not-started';

/** The statuses a scorer sets with sheets.save; the others come from signing, returns and HR's import. */
export const SCORER_STATUSES = ['draft', 'ready'] as const;
export type ScorerStatus = (typeof SCORER_STATUSES)[number];

export interface StatusRules {
  /** The scorer may change the sheet in place (sheets.save). A signed or approved sheet changes only by an amendment. */
  editable: boolean;
  /** The first step may export and sign it (a signed sheet again, until a reviewer countersigned it). */
  exportable: boolean;
  /** Pay, dashboards and calibration count it: its scorer marked it finished. */
  scored: boolean;
  /** Signed by the first step of the chain, or further. */
  signed: boolean;
}

export const STATUS_RULES: Readonly<Record<RowStatus, StatusRules>> = {
  'not-started': { editable: true, exportable: false, scored: false, signed: false },
  draft: { editable: true, exportable: false, scored: false, signed: false },
  ready: { editable: true, exportable: true, scored: true, signed: false },
  signed: { editable: false, exportable: true, scored: true, signed: true },
  returned: { editable: true, exportable: false, scored: false, signed: false },
  approved: { editable: false, exportable: false, scored: true, signed: true },
};

export function isSheetStatus(value: unknown): value is SheetStatus {
  return typeof value === 'string' && (SHEET_STATUSES as readonly string[]).includes(value);
}

export function isScorerStatus(value: unknown): value is ScorerStatus {
  return typeof value === 'string' && (SCORER_STATUSES as readonly string[]).includes(value);
}

/** Whether the scorer may change a sheet of this status in place. */
export const isEditable = (status: RowStatus): boolean => STATUS_RULES[status].editable;
/** Whether the first step may export and sign a sheet of this status. */
export const isExportable = (status: RowStatus): boolean => STATUS_RULES[status].exportable;
/** Whether reports count the sheet (pay, dashboards, calibration). */
export const isScored = (status: RowStatus): boolean => STATUS_RULES[status].scored;
/** Sheets handed in to HR: signed by the first step, or further. */
export const isSigned = (status: RowStatus): boolean => STATUS_RULES[status].signed;

/** The statuses reports count, in order. */
export const SCORED_STATUSES: readonly SheetStatus[] = SHEET_STATUSES.filter(isScored);
