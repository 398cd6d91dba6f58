/**
 * Figures from signed sheets (docs/data.md, "Figures from a signed sheet"). A signed sheet carries
 * the KPIs its first app recorded for the month (scoresheet.json `kpis`: plan and actual quantity
 * among them). HR's import keeps them, but a sheet is not the authority for a plan (sales planning
 * sets plans), so per KPI:
 *
 * - HR has none (or only an earlier sheet's unconfirmed one): the sheet's is stored, from the
 *   sheet, unconfirmed; pay uses it and flags it (待确认);
 * - HR has the same value: nothing to flag;
 * - HR has another value (its own, planning's file, or a confirmed one): HR's is kept and the
 *   conflict listed (figure_conflicts) until HR keeps its own or takes the sheet's.
 *
 * HR confirms a month's unconfirmed figures in bulk (confirmSheetFigures); a later figures file
 * for the person and month replaces them (figures-import.ts: the file is the authority).
 */
import { unconfirmedKpis, type FigureConflict, type KpiSources, type MonthFigures, type SheetFiguresOutcome, type SheetFiguresState } from '../../shared/api/report-types.ts';
import type { Person } from '../../shared/api/types.ts';
import { KPI_BY_ID, KPIS, type KpiValues } from '../../shared/kpi.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { writeTransaction } from '../db/transaction.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { loadFigures, mergeKpis, personFigures, salaryFenOf, writeFigures } from './figures.ts';
import { getPerson } from './people.ts';
import { currentUser } from './settings.ts';
import { monthRows } from './sheets.ts';

interface ConflictRow {
  person_id: number;
  period: string;
  kpi: string;
  hr_value: number;
  sheet_value: number;
  file_sha256: string;
  listed_at: string;
}

const dropConflict = (db: Db, personId: number, period: string, kpi: string) =>
  statement(db, 'DELETE FROM figure_conflicts WHERE person_id = ? AND period = ? AND kpi = ?').run(personId, period, kpi);

/**
 * Keep the KPIs a signed sheet carries for its person and month, as the rules above say. Runs in
 * the import's transaction (a refused file keeps nothing).
 */
export function recordSheetFigures(db: Db, person: Person, period: string, kpis: KpiValues | undefined, fileSha256: string): SheetFiguresOutcome {
  const outcome: SheetFiguresOutcome = { stored: [], equal: [], conflicts: [] };
  if (!kpis) return outcome;
  const current = personFigures(db, person.id, period);
  const sources: KpiSources = { ...current.sources };
  const changes: Record<string, number> = {};
  const now = new Date().toISOString();
  for (const k of KPIS) {
    const value = kpis[k.id];
    if (value === undefined) continue;
    const held = current.kpis[k.id];
    const source = current.sources[k.id];
    if (held === value) {
      outcome.equal.push(k.id);
      dropConflict(db, person.id, period, k.id);
    } else if (held === undefined || (source && !source.confirmed)) {
      // Nothing HR stands by: the sheet's value, unconfirmed.
      changes[k.id] = value;
      sources[k.id] = { from: 'sheet', file: fileSha256, confirmed: false };
      outcome.stored.push(k.id);
      dropConflict(db, person.id, period, k.id);
    } else {
      outcome.conflicts.push({ kpi: k.id, hrValue: held, sheetValue: value });
      statement(
        db,
        `INSERT INTO figure_conflicts (person_id, period, kpi, hr_value, sheet_value, file_sha256, listed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (person_id, period, kpi) DO UPDATE SET hr_value = excluded.hr_value, sheet_value = excluded.sheet_value, file_sha256 = excluded.file_sha256, listed_at = excluded.listed_at`,
      ).run(person.id, period, k.id, held, value, fileSha256, now);
    }
  }
  if (outcome.stored.length) {
    writeFigures(db, person, current, { salaryFen: salaryFenOf(current), kpis: mergeKpis(current.kpis, changes), sources }, 'figures.from-sheet');
  }
  if (outcome.conflicts.length) {
    appendAudit(db, { action: 'figures.conflict', entity: 'figures', entityId: `${person.employeeNo}/${period}`, after: { file: fileSha256, conflicts: outcome.conflicts } });
  }
  return outcome;
}

/** The month's figures from sheets that HR has still to confirm, and the conflicts to settle (the people in view). */
export function sheetFiguresState(db: Db, input: { period: string }): SheetFiguresState {
  const people = monthRows(db, input);
  const inView = new Set(people.map((r) => r.personId));
  const stored = loadFigures(db, input.period);
  const unconfirmed: SheetFiguresState['unconfirmed'] = [];
  for (const row of people) {
    const figures = stored.get(row.personId);
    const kpis = unconfirmedKpis(figures?.sources);
    if (kpis.length) unconfirmed.push({ personId: row.personId, employeeNo: row.employeeNo, name: row.name, kpis: catalogOrder(kpis) });
  }
  const conflicts = conflictRows(db, input.period)
    .filter((c) => inView.has(c.person_id))
    .map((c): FigureConflict | null => {
      const person = people.find((p) => p.personId === c.person_id)!;
      const hrValue = stored.get(c.person_id)?.kpis[c.kpi];
      // HR's value changed to the sheet's since (typed or a file): nothing left to settle.
      if (hrValue === undefined || hrValue === c.sheet_value) return null;
      return { personId: c.person_id, employeeNo: person.employeeNo, name: person.name, period: c.period, kpi: c.kpi, hrValue, sheetValue: c.sheet_value, file: c.file_sha256, listedAt: c.listed_at };
    })
    .filter((c): c is FigureConflict => c !== null);
  return { period: input.period, unconfirmed, unconfirmedCount: unconfirmed.reduce((n, u) => n + u.kpis.length, 0), conflicts };
}

function conflictRows(db: Db, period: string): ConflictRow[] {
  const order = new Map(KPIS.map((k, i) => [k.id, i]));
  return (statement(db, 'SELECT * FROM figure_conflicts WHERE period = ? ORDER BY person_id').all(period) as ConflictRow[]).sort(
    (a, b) => a.person_id - b.person_id || (order.get(a.kpi) ?? 99) - (order.get(b.kpi) ?? 99),
  );
}

const catalogOrder = (ids: string[]) => KPIS.map((k) => k.id).filter((id) => ids.includes(id));

/**
 * Confirm the month's figures from sheets that are not confirmed yet: of every person in view, or
 * of `personIds` (each one of the month's people in view). One audit entry names them all.
 */
export function confirmSheetFigures(db: Db, input: { period: string; personIds?: number[] }): { confirmed: number; people: number } {
  return writeTransaction(db, () => {
    const inView = new Map(monthRows(db, { period: input.period }).map((r) => [r.personId, r]));
    const problems: Problem[] = [];
    (input.personIds ?? []).forEach((id, i) => {
      if (!inView.has(id)) problems.push({ field: `personIds[${i}]`, value: id, expected: `one of the people of the month grid in ${input.period}`, rule: { code: 'in-view', period: input.period, name: String(id), region: false } });
    });
    if (problems.length) throw new InputError(problems, 'figures.confirm');
    const wanted = input.personIds ? new Set(input.personIds) : null;
    const stored = loadFigures(db, input.period);
    const done: { employeeNo: string; kpis: string[] }[] = [];
    const now = new Date().toISOString();
    for (const [personId, figures] of stored) {
      const person = inView.get(personId);
      if (!person || (wanted && !wanted.has(personId))) continue;
      const open = unconfirmedKpis(figures.sources);
      if (!open.length) continue;
      const sources: KpiSources = {};
      for (const [id, s] of Object.entries(figures.sources)) sources[id] = { ...s, confirmed: true };
      statement(db, 'UPDATE person_months SET kpi_sources = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE person_id = ? AND period = ?').run(
        JSON.stringify(sources),
        now,
        currentUser(db)?.name ?? '(not set)',
        personId,
        input.period,
      );
      done.push({ employeeNo: person.employeeNo, kpis: catalogOrder(open) });
    }
    const confirmed = done.reduce((n, d) => n + d.kpis.length, 0);
    if (confirmed) {
      appendAudit(db, { action: 'figures.confirm', entity: 'figures', entityId: input.period, after: { confirmed, people: done } });
    }
    return { confirmed, people: done.length };
  });
}

/**
 * Settle one conflict: keep HR's value (the sheet's is dropped), or take the sheet's (stored as
 * confirmed: HR chose it). Audited; refused when the conflict is no longer open.
 */
export function resolveFigureConflict(db: Db, input: { personId: number; period: string; kpi: string; keep: 'hr' | 'sheet' }): MonthFigures {
  if (!KPI_BY_ID.has(input.kpi)) {
    throw new InputError([{ field: 'kpi', value: input.kpi, expected: `a KPI id: ${KPIS.map((k) => k.id).join(', ')}` }], 'figures.resolveConflict');
  }
  return writeTransaction(db, () => {
    const person = getPerson(db, input.personId);
    const open = sheetFiguresState(db, { period: input.period }).conflicts.find((c) => c.personId === person.id && c.kpi === input.kpi);
    if (!open) {
      dropConflict(db, person.id, input.period, input.kpi);
      throw new ServiceError('conflict', `there is no open conflict on ${input.kpi} of ${person.name} for ${input.period} (settled elsewhere, or HR's value is the sheet's now); reload`, {
        code: 'figure-conflict-settled',
        name: person.name,
        period: input.period,
        kpi: input.kpi,
      });
    }
    dropConflict(db, person.id, input.period, input.kpi);
    const current = personFigures(db, person.id, input.period);
    let saved = current;
    if (input.keep === 'sheet') {
      const sources: KpiSources = { ...current.sources, [input.kpi]: { from: 'sheet', file: open.file, confirmed: true } };
      saved = writeFigures(db, person, current, { salaryFen: salaryFenOf(current), kpis: mergeKpis(current.kpis, { [input.kpi]: open.sheetValue }), sources }, 'figures.take-sheet');
    }
    appendAudit(db, {
      action: 'figures.conflict-resolve',
      entity: 'figures',
      entityId: `${person.employeeNo}/${input.period}`,
      before: { kpi: input.kpi, hrValue: open.hrValue, sheetValue: open.sheetValue, file: open.file },
      after: { kept: input.keep, value: input.keep === 'sheet' ? open.sheetValue : open.hrValue },
    });
    return saved;
  });
}

/**
 * A figures file's row replaces what came from sheets for the KPIs it carries (the file is the
 * authority): their sources go, and so do their conflicts. Returns how many unconfirmed sheet
 * figures it replaced.
 */
export function sheetFiguresReplacedBy(current: MonthFigures | undefined, carried: readonly string[]): string[] {
  if (!current) return [];
  const open = new Set(unconfirmedKpis(current.sources));
  return carried.filter((id) => open.has(id));
}

export function dropConflictsOf(db: Db, personId: number, period: string, kpis: readonly string[]): number {
  let n = 0;
  for (const kpi of kpis) n += dropConflict(db, personId, period, kpi).changes;
  return n;
}
