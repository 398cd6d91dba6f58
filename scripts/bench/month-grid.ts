/**
 * Loading the month grid: the sheets.month handler for the last month as HR sees it (all 5,000
 * people: input check, the query, and the rows with their scores, flags and status), as the
 * renderer calls it. Baseline: the same SELECT run bare through better-sqlite3 (no mapping).
 */
import { invoke } from '../../electron/handlers.ts';
import type { Company } from './data.ts';
import { median, progress, since } from './measure.ts';

export interface MonthGridResult {
  rows: number;
  productMs: number;
  baselineMs: number;
}

/** The query of electron/services/sheets.ts queryMonthRows, for HR (no scope). */
const MONTH_SQL = `SELECT p.id, p.employee_no, p.name, p.role, p.region_id, r.name AS region_name,
         s.status, s.daily_score, s.attendance_score, s.monthly_score, s.deductions, s.flags, s.updated_at
    FROM people p
    LEFT JOIN regions r ON r.id = p.region_id
    LEFT JOIN sheets s ON s.person_id = p.id AND s.period = @period
   WHERE p.role <> 'executive' AND p.active_from <= @period AND (p.active_to IS NULL OR p.active_to >= @period)
   ORDER BY r.code, p.employee_no`;

export async function measureMonthGrid(company: Company, runs = 15): Promise<MonthGridResult> {
  const period = company.last;
  const product: number[] = [];
  const baseline: number[] = [];
  let rows = 0;
  const bare = company.db.prepare(MONTH_SQL).raw();
  for (let run = -2; run < runs; run++) {
    let start = performance.now();
    const outcome = await invoke(company.handlers, 'sheets.month', { period });
    const productMs = since(start);
    if (!outcome.ok) throw new Error(`sheets.month failed: ${outcome.error.message}`);
    rows = (outcome.result as unknown[]).length;
    start = performance.now();
    const raw = bare.all({ period });
    const baselineMs = since(start);
    if (raw.length !== rows) throw new Error(`the bare query found ${raw.length} rows, sheets.month ${rows}`);
    if (run >= 0) {
      product.push(productMs);
      baseline.push(baselineMs);
    }
  }
  progress(`  sheets.month: median ${median(product).toFixed(1)} ms (${rows} rows); bare query ${median(baseline).toFixed(1)} ms`);
  return { rows, productMs: median(product), baselineMs: median(baseline) };
}
