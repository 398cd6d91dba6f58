/** Whether a sheet can be exported and signed from the editor now, and if not, why. */
import type { SheetRecord } from '../../../shared/api/types.ts';
import { isExportable, isSigned } from '../../../shared/sheet-status.ts';

/** Why the export is not offered: null when it is (a ready sheet, or a signed one exported again). */
export function exportBlock(status: SheetRecord['status'], problemCount: number): 'needReady' | 'fixFirst' | 'final' | null {
  if (!isExportable(status)) return isSigned(status) ? 'final' : 'needReady';
  return problemCount > 0 ? 'fixFirst' : null;
}
