/** Pay, annual, dashboard and fairness reports: the database read here, the figures computed by shared/reports/. */
import type { AnnualReport, DashboardData, FairnessReport, PayReport } from '../../shared/api/report-types.ts';
import type { Db } from '../db/database.ts';
import { ServiceError } from './errors.ts';

// TODO(helper: reports): build these.
const notBuilt = (): never => {
  throw new ServiceError('not-found', 'not built yet');
};
export const payReport = (_db: Db, _input: { period: string }): PayReport => notBuilt();
export const annualReport = (_db: Db, _input: { year: number; basis?: 'approved' | 'all' }): AnnualReport => notBuilt();
export const dashboard = (_db: Db, _input: { period: string }): DashboardData => notBuilt();
export const fairness = (_db: Db, _input: { period: string }): FairnessReport => notBuilt();
