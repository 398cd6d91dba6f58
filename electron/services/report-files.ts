/** Report files for payroll and HR: XLSX and CSV (every cell through safeCell) and the annual report PDF. */
import type { InputOf } from '../../shared/api/contract.ts';
import type { FileData } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { ServiceError } from './errors.ts';

// TODO(helper: reports): build this.
export function reportFile(_db: Db, _input: InputOf<'reports.file'>): Promise<FileData> {
  throw new ServiceError('not-found', 'not built yet');
}
