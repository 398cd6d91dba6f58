/** Rubric editing: a new version saved from the app, and a version as a JSON file (export, import). */
import type { FileData } from '../../shared/api/types.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { ServiceError } from './errors.ts';

// TODO(helper: rubrics): build these.
const notBuilt = (): never => {
  throw new ServiceError('not-found', 'not built yet');
};
export const saveRubricVersion = (_db: Db, _input: { definition: unknown }): Rubric => notBuilt();
export const exportRubricJson = (_db: Db, _input: { id: string; version: number }): FileData => notBuilt();
export const importRubricJson = (_db: Db, _input: { fileName: string; dataBase64: string }): Rubric => notBuilt();
