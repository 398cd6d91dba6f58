/**
 * Which sheets a report counts. One place for the rule, so pay, dashboards, calibration and the
 * annual view agree:
 * - pay, dashboards and calibration count a sheet once its scorer marked it finished: `ready`,
 *   `signed` or `approved`. A `draft` is still being scored and a `returned` sheet was sent back
 *   to be corrected, so neither is paid or compared (the pay row says the sheet is missing).
 * - the annual score counts only `approved` sheets by default (HR's rule, assessment.md
 *   Decision); basis `all` counts every stored sheet, drafts included, as a manager's preview.
 */
import type { SheetStatus } from '../sheet-status.ts';

export { SCORED_STATUSES, isScored, isSigned } from '../sheet-status.ts';

export type AnnualBasis = 'approved' | 'all';

export function countsForAnnual(status: SheetStatus, basis: AnnualBasis): boolean {
  return basis === 'all' || status === 'approved';
}
