/**
 * Salary totals and KPIs per person and month (person_months): read here for pay, reports and
 * the PDF sheet; typed on the sheet screen or imported from CSV/XLSX.
 */
import type { Person } from '../../shared/api/types.ts';
import type { KpiSources, MonthFigures } from '../../shared/api/report-types.ts';
import { checkKpiValues, checkSalaryTotal, KPIS, salaryFen, type KpiValues } from '../../shared/kpi.ts';
import { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import type { AuditAction } from '../../shared/audit.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { activeIn } from '../../shared/assessed.ts';
import { getPerson } from './people.ts';
import { currentUser } from './settings.ts';
import { monthRows } from './sheets.ts';


interface Row {
  person_id: number;
  period: string;
  salary_fen: number | null;
  kpis: string;
  /** Absent on a schema before 008. */
  kpi_sources?: string;
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
  // A schema before 008 (a migration test's older database) has no column: nothing came from a sheet.
  sources: r.kpi_sources === undefined ? {} : (JSON.parse(r.kpi_sources) as KpiSources),
});

/** The figures stored for a month, by person id. */
export function loadFigures(db: Db, period: string): Map<number, MonthFigures> {
  const rows = statement(db, 'SELECT * FROM person_months WHERE period = ?').all(period) as Row[];
  return new Map(rows.map((r) => [r.person_id, figuresFromRow(r)]));
}

/** The figures stored for one person and month; an empty record (revision 0) when none. */
export function personFigures(db: Db, personId: number, period: string): MonthFigures {
  const row = statement(db, 'SELECT * FROM person_months WHERE person_id = ? AND period = ?').get(personId, period) as Row | undefined;
  return row ? figuresFromRow(row) : emptyFigures(personId, period);
}

/** Every person the user sees in the month (the people of the month grid), with what is stored for them. */
export function monthFigures(db: Db, input: { period: string }): MonthFigures[] {
  const stored = loadFigures(db, input.period);
  return monthRows(db, input).map((r) => stored.get(r.personId) ?? emptyFigures(r.personId, input.period));
}

export const emptyFigures = (personId: number, period: string): MonthFigures => ({ personId, period, salaryTotal: null, kpis: {}, revision: 0, updatedAt: null, sources: {} });

export interface SaveFiguresInput {
  personId: number;
  period: string;
  /** Yuan, at most 2 decimals; null: not recorded. */
  salaryTotal: number | null;
  /** The KPIs to set; `null` removes one; a KPI not named keeps its value. */
  kpis: Record<string, number | null>;
  expectedRevision: number;
}

/** Record a person's salary total and KPIs for a month (optimistic concurrency on the revision, like sheets.save). */
export function saveFigures(db: Db, input: SaveFiguresInput): MonthFigures {
  const problems = [...checkSalaryTotal(input.salaryTotal), ...checkKpiValues(input.kpis, 'kpis', true)];
  if (problems.length) throw new InputError(problems, 'figures');
  return writeTransaction(db, () => {
    const person = getPerson(db, input.personId);
    if (!activeIn(person, input.period)) {
      throw new InputError([{ field: 'period', value: input.period, expected: `a month ${person.name} is assessed in (${person.activeFrom} – ${person.activeTo ?? 'now'})` }], 'figures');
    }
    const current = personFigures(db, person.id, input.period);
    if (input.expectedRevision !== current.revision) {
      throw new ServiceError(
        'conflict',
        `the salary and KPIs of ${person.name} for ${input.period} were changed elsewhere (revision ${current.revision}, you edited ${input.expectedRevision}); reload them`,
        { code: 'figures-changed', name: person.name, period: input.period, stored: current.revision, edited: input.expectedRevision },
      );
    }
    return writeFigures(db, person, current, { salaryFen: input.salaryTotal === null ? null : salaryFen(input.salaryTotal)!, kpis: mergeKpis(current.kpis, input.kpis) }, 'figures.save');
  });
}

/** `current` with `changes` applied (null removes), in catalog order so equal values store as equal JSON. */
export function mergeKpis(current: KpiValues, changes: Record<string, number | null>): KpiValues {
  const merged: KpiValues = {};
  for (const k of KPIS) {
    const v = k.id in changes ? changes[k.id] : current[k.id];
    if (v !== null && v !== undefined) merged[k.id] = v;
  }
  return merged;
}

export const salaryFenOf = (f: MonthFigures): number | null => (f.salaryTotal === null ? null : salaryFen(f.salaryTotal));

/** Whether writing `next` over `current` would change anything. */
export function figuresDiffer(current: MonthFigures, next: { salaryFen: number | null; kpis: KpiValues }): boolean {
  return salaryFenOf(current) !== next.salaryFen || JSON.stringify(mergeKpis(current.kpis, {})) !== JSON.stringify(next.kpis);
}

/**
 * The sources that still hold after `next` is written over `current`: a KPI from a sheet keeps its
 * source while its value stays; a changed or removed value is HR's own from then on.
 */
export function keptSources(current: MonthFigures, next: KpiValues): KpiSources {
  const kept: KpiSources = {};
  for (const [id, source] of Object.entries(current.sources)) {
    if (next[id] !== undefined && next[id] === current.kpis[id]) kept[id] = source;
  }
  return kept;
}

/**
 * Insert or update one person's month (revision + 1) and append the audit entry: the one place
 * person_months is written. `next.sources` says which KPIs came from a signed sheet; without it,
 * those of `current` whose value stays (keptSources).
 */
export function writeFigures(db: Db, person: Person, current: MonthFigures, next: { salaryFen: number | null; kpis: KpiValues; sources?: KpiSources }, action: AuditAction): MonthFigures {
  const sources = next.sources ?? keptSources(current, next.kpis);
  const row: Row & { updated_by: string } = {
    person_id: person.id,
    period: current.period,
    salary_fen: next.salaryFen,
    kpis: JSON.stringify(next.kpis),
    kpi_sources: JSON.stringify(sources),
    revision: current.revision + 1,
    updated_at: new Date().toISOString(),
    updated_by: currentUser(db)?.name ?? '(not set)',
  };
  if (hasSources(db)) {
    statement(
      db,
      `INSERT INTO person_months (person_id, period, salary_fen, kpis, kpi_sources, revision, updated_at, updated_by)
         VALUES (@person_id, @period, @salary_fen, @kpis, @kpi_sources, @revision, @updated_at, @updated_by)
       ON CONFLICT (person_id, period) DO UPDATE SET salary_fen = excluded.salary_fen, kpis = excluded.kpis, kpi_sources = excluded.kpi_sources,
         revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(row);
  } else {
    // A schema before 008: the demo loaded into an older database by a migration test (nothing there comes from a sheet).
    const older = { person_id: row.person_id, period: row.period, salary_fen: row.salary_fen, kpis: row.kpis, revision: row.revision, updated_at: row.updated_at, updated_by: row.updated_by };
    statement(
      db,
      `INSERT INTO person_months (person_id, period, salary_fen, kpis, revision, updated_at, updated_by)
         VALUES (@person_id, @period, @salary_fen, @kpis, @revision, @updated_at, @updated_by)
       ON CONFLICT (person_id, period) DO UPDATE SET salary_fen = excluded.salary_fen, kpis = excluded.kpis, revision = excluded.revision,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(older);
  }
  const saved = figuresFromRow(row);
  appendAudit(db, {
    action,
    entity: 'figures',
    entityId: `${person.employeeNo}/${current.period}`,
    before: current.revision === 0 ? undefined : { salaryTotal: current.salaryTotal, kpis: current.kpis, ...sourcesOf(current.sources) },
    after: { salaryTotal: saved.salaryTotal, kpis: saved.kpis, ...sourcesOf(saved.sources) },
  });
  return saved;
}

const withSources = new WeakMap<Db, boolean>();

/** Whether person_months has kpi_sources (migration 008), asked once per connection. */
function hasSources(db: Db): boolean {
  let has = withSources.get(db);
  if (has === undefined) {
    has = (db.prepare("SELECT 1 FROM pragma_table_info('person_months') WHERE name = 'kpi_sources'").get() as unknown) !== undefined;
    withSources.set(db, has);
  }
  return has;
}

/** The audit's note of the KPIs from sheets (left out when there are none, as before sheets carried figures). */
const sourcesOf = (sources: KpiSources) => (Object.keys(sources).length ? { fromSheet: sources } : {});
