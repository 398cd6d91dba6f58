/** People (人员): the roster of who is assessed, in which role and region, by whom, from when. */
import type { Person } from '../../shared/api/types.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';

interface PersonRow {
  id: number;
  employee_no: string;
  name: string;
  role: Person['role'];
  region_id: number | null;
  manager_id: number | null;
  active_from: string;
  active_to: string | null;
}

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  employeeNo: r.employee_no,
  name: r.name,
  role: r.role,
  regionId: r.region_id,
  managerId: r.manager_id,
  activeFrom: r.active_from,
  activeTo: r.active_to,
});

export function listPeople(db: Db, input: { includeInactive?: boolean } = {}): Person[] {
  const sql = input.includeInactive ? 'SELECT * FROM people ORDER BY employee_no' : 'SELECT * FROM people WHERE active_to IS NULL ORDER BY employee_no';
  return (statement(db, sql).all() as PersonRow[]).map(toPerson);
}

export function getPerson(db: Db, id: number): Person {
  const row = statement(db, 'SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row) throw new ServiceError('not-found', `person ${id} does not exist`, { code: 'not-found', what: 'person', id: String(id) });
  return toPerson(row);
}


type PersonInput = Omit<Person, 'id'> & { id?: number };

function checkReferences(db: Db, input: PersonInput): Problem[] {
  const problems: Problem[] = [];
  const clash = statement(db, 'SELECT id FROM people WHERE employee_no = ? AND id IS NOT ?').get(input.employeeNo, input.id ?? null);
  if (clash) problems.push({ field: 'employeeNo', value: input.employeeNo, expected: 'an employee number no other person has', rule: { code: 'unique-employee-no' } });
  if (input.regionId !== null && !statement(db, 'SELECT 1 FROM regions WHERE id = ?').get(input.regionId)) {
    problems.push({ field: 'regionId', value: input.regionId, expected: 'the id of an existing region' });
  }
  if (input.managerId !== null) {
    if (input.managerId === input.id) problems.push({ field: 'managerId', value: input.managerId, expected: 'someone other than the person' });
    else if (!statement(db, 'SELECT 1 FROM people WHERE id = ?').get(input.managerId)) problems.push({ field: 'managerId', value: input.managerId, expected: 'the id of an existing person' });
  }
  if (input.activeTo !== null && input.activeTo < input.activeFrom) {
    problems.push({ field: 'activeTo', value: input.activeTo, expected: `a month from activeFrom (${input.activeFrom}) on`, rule: { code: 'month-from', month: input.activeFrom } });
  }
  return problems;
}

export function savePerson(db: Db, input: PersonInput): Person {
  return writeTransaction(db, () => {
    const problems = checkReferences(db, input);
    if (problems.length) throw new InputError(problems, 'person');
    const values = [input.employeeNo, input.name, input.role, input.regionId, input.managerId, input.activeFrom, input.activeTo];
    if (input.id === undefined) {
      const id = Number(
        statement(db, 'INSERT INTO people (employee_no, name, role, region_id, manager_id, active_from, active_to) VALUES (?, ?, ?, ?, ?, ?, ?)').run(...values).lastInsertRowid,
      );
      const created = getPerson(db, id);
      appendAudit(db, { action: 'person.add', entity: 'person', entityId: id, after: created });
      return created;
    }
    const before = getPerson(db, input.id);
    statement(db, 'UPDATE people SET employee_no = ?, name = ?, role = ?, region_id = ?, manager_id = ?, active_from = ?, active_to = ? WHERE id = ?').run(...values, input.id);
    const after = getPerson(db, input.id);
    appendAudit(db, { action: 'person.edit', entity: 'person', entityId: input.id, before, after });
    return after;
  });
}

/** Deactivate from a month on: the person is no longer assessed after `activeTo`. */
export function deactivatePerson(db: Db, input: { id: number; activeTo: string }): Person {
  const person = getPerson(db, input.id);
  return savePerson(db, { ...person, activeTo: input.activeTo });
}
