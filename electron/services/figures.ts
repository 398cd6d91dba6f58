/**
 * Salary totals and KPIs per person and month (person_months): read here for pay, reports and
 * the PDF sheet; typed on the sheet screen or imported from CSV/XLSX.
 */
import type { MonthFigures } from '../../shared/api/report-types.ts';
import type { KpiValues } from '../../shared/kpi.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { ServiceError } from './errors.ts';

interface Row {
  person_id: number;
  period: string;
  salary_fen: number | null;
  kpis: string;
  revision: number;
  updated_at: string;
}

export const figuresFromRow = (r: Row): MonthFigures => ({
  personId: r.person_id,
  period: r.period,
  salaryTotal: r.salary_fen === null ? null : r.salary_fen / 100,
  kpis: JSON.parse(r.kpis) as KpiValues,
  revision: r.revision,
  updatedAt: r.updated_at,
});

/** The figures stored for a month, by person id. */
export function loadFigures(db: Db, period: string): Map<number, MonthFigures> {
  const rows = statement(db, 'SELECT * FROM person_months WHERE period = ?').all(period) as Row[];
  return new Map(rows.map((r) => [r.person_id, figuresFromRow(r)]));
}

/** The figures stored for one person and month; an empty record (revision 0) when none. */
export function personFigures(db: Db, personId: number, period: string): MonthFigures {
  const row = statement(db, 'SELECT * FROM person_months WHERE person_id = ? AND period = ?').get(personId, period) as Row | undefined;
  return row ? figuresFromRow(row) : { personId, period, salaryTotal: null, kpis: {}, revision: 0, updatedAt: null };
}

// TODO(helper: figures): figures.month / figures.save / figures.preview / figures.import.
const notBuilt = (): never => {
  throw new ServiceError('not-found', 'not built yet');
};
export const monthFigures = (_db: Db, _input: { period: string }): MonthFigures[] => notBuilt();
export const saveFigures = (_db: Db, _input: { personId: number; period: string; salaryTotal: number | null; kpis: Record<string, number | null>; expectedRevision: number }): MonthFigures => notBuilt();
export const previewFigures = (_db: Db, _input: { fileName: string; dataBase64: string; period: string }): import('../../shared/api/report-types.ts').FiguresPreview => notBuilt();
export const importFigures = (_db: Db, _input: { fileName: string; dataBase64: string; period: string }): { added: number; updated: number; unchanged: number } => notBuilt();
