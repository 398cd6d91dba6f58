/** Score sheets: the month grid, one person's sheet, and saving what a manager recorded. */
import type { MonthRow, Person, SavedSheet, SheetEntry, SheetRecord, SheetStatus, User } from '../../shared/api/types.ts';
import { toHundredths } from '../../shared/decimal.ts';
import { reconcileItems } from '../../shared/findings.ts';
import { formatPeriod, parsePeriod, previousPeriod } from '../../shared/period.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { doublingCandidates } from '../../shared/scoring/doubling.ts';
import { countDeductions, scoreSheet, type SheetResult } from '../../shared/scoring/engine.ts';
import type { HandIn } from '../../shared/scoring/handins.ts';
import { validateSheetInput, type Absence, type SheetInput } from '../../shared/scoring/input.ts';
import { activeIn, assessedInSql, assessedMonths } from '../../shared/assessed.ts';
import type { Refusal } from '../../shared/refusals.ts';
import { isEditable } from '../../shared/sheet-status.ts';
import type { VersionContent } from '../../shared/amendment.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { amendmentInfo, currentAmendment, sheetVersions } from './amendments.ts';
import { appendAudit, NO_USER } from './audit.ts';
import { ServiceError } from './errors.ts';
import { getPerson } from './people.ts';
import { openReturnNote } from './returns.ts';
import { rubricCatalog, rubricForRole, rubricVersion, storeRubric, type RubricCatalog } from './rubrics.ts';
import { currentUser } from './settings.ts';

export interface SheetRow {
  id: number;
  person_id: number;
  period: string;
  rubric_id: string;
  rubric_version: number;
  status: SheetStatus;
  items: string;
  result: string;
  revision: number;
  updated_at: string;
  /** 1 when the first step ever exported it signed (sheet_files): it keeps its rubric version for good. */
  exported: number;
  /** Its current content amends this version (migration 007; amendments.ts), with that version's exported file and the reason. */
  amends_version?: number | null;
  amends_sha256?: string | null;
  amend_reason?: string | null;
}

const rowColumns = new WeakMap<Db, string>();

/**
 * A stored sheet's columns as checkSave reads them (FROM sheets s): the row and whether it was
 * ever exported signed. A schema-1 database (a migration test loads the demo into one) has no
 * sheet_files: nothing in it was ever exported.
 */
export function sheetRowColumns(db: Db): string {
  let sql = rowColumns.get(db);
  if (sql === undefined) {
    const files = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sheet_files'").get() !== undefined;
    sql = files ? "s.*, EXISTS (SELECT 1 FROM sheet_files f WHERE f.sheet_id = s.id AND f.kind = 'export') AS exported" : 's.*, 0 AS exported';
    rowColumns.set(db, sql);
  }
  return sql;
}

/** Whose sheets a user works on: a regional manager their region's staff; sales planning, VP and HR everyone. */
export function visibleTo(user: User | null): { sql: string; params: Record<string, unknown> } {
  if (user?.chainRole === 'manager') return { sql: "AND p.region_id = @region AND p.role <> 'regional-manager'", params: { region: user.regionId } };
  return { sql: '', params: {} };
}

export function monthRows(db: Db, input: { period: string; limit?: number }): MonthRow[] {
  return queryMonthRows(db, input.period, visibleTo(currentUser(db)), input.limit);
}

/** The month's rows of the people a regional manager manages. */
function teamRows(db: Db, managerId: number, period: string): MonthRow[] {
  return queryMonthRows(db, period, { sql: 'AND p.manager_id = @manager', params: { manager: managerId } });
}

function queryMonthRows(db: Db, period: string, scope: { sql: string; params: Record<string, unknown> }, limit?: number): MonthRow[] {
  const rows = statement(
    db,
    `SELECT p.id, p.employee_no, p.name, p.role, p.region_id, r.name AS region_name,
              s.status, s.daily_score, s.attendance_score, s.monthly_score, s.deductions, s.flags, s.updated_at,
              ${hasVersions(db) ? 's.amends_version' : 'NULL'} AS amends_version
         FROM people p
         LEFT JOIN regions r ON r.id = p.region_id
         LEFT JOIN sheets s ON s.person_id = p.id AND s.period = @period
        WHERE ${assessedInSql('@period')} ${scope.sql}
        ORDER BY r.code, p.employee_no
        ${limit === undefined ? '' : 'LIMIT @limit'}`,
  ).all({ period, ...scope.params, ...(limit === undefined ? {} : { limit }) }) as {
    id: number;
    employee_no: string;
    name: string;
    role: MonthRow['role'];
    region_id: number | null;
    region_name: string | null;
    status: SheetStatus | null;
    daily_score: number | null;
    attendance_score: number | null;
    monthly_score: number | null;
    deductions: number | null;
    flags: string | null;
    updated_at: string | null;
    amends_version: number | null;
  }[];
  const score = (h: number | null) => (h === null ? null : h / 100);
  return rows.map((r) => ({
    personId: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    role: r.role,
    regionId: r.region_id,
    regionName: r.region_name,
    status: r.status ?? 'not-started',
    dailyScore: score(r.daily_score),
    attendanceScore: score(r.attendance_score),
    monthlyScore: score(r.monthly_score),
    deductions: r.deductions ?? 0,
    flags: r.flags ? (JSON.parse(r.flags) as string[]) : [],
    updatedAt: r.updated_at,
    // The sheet's current content is an amendment: its version (the pay view and the month grid say so).
    ...(r.amends_version !== null ? { amendment: r.amends_version + 1 } : {}),
  }));
}

export function sheetRow(db: Db, personId: number, period: string): SheetRow | undefined {
  return statement(db, `SELECT ${sheetRowColumns(db)} FROM sheets s WHERE s.person_id = ? AND s.period = ?`).get(personId, period) as SheetRow | undefined;
}

/** The recorded input of a stored sheet: items, absences and hand-ins, with its pinned rubric version. */
export function storedInput(db: Db, row: SheetRow, person: Person): SheetInput {
  const absences = (statement(db, 'SELECT date, length FROM absences WHERE sheet_id = ? ORDER BY seq').all(row.id) as { date: string | null; length: Absence['length'] }[]).map(
    (a): Absence => (a.date ? { date: a.date, length: a.length } : { length: a.length }),
  );
  const handIns: Record<string, HandIn[]> = {};
  for (const h of statement(db, 'SELECT item_id, handed_in, event_date FROM hand_ins WHERE sheet_id = ? ORDER BY item_id, seq').all(row.id) as {
    item_id: string;
    handed_in: string;
    event_date: string | null;
  }[]) {
    (handIns[h.item_id] ??= []).push(h.event_date ? { date: h.handed_in, event: h.event_date } : { date: h.handed_in });
  }
  return {
    rubric: `${row.rubric_id}@${row.rubric_version}`,
    period: row.period,
    person: { id: person.employeeNo, name: person.name },
    absences,
    items: JSON.parse(row.items),
    handIns,
  };
}

export function getSheet(db: Db, input: { personId: number; period: string }): SheetRecord {
  const person = getPerson(db, input.personId);
  const catalog = rubricCatalog(db);
  const row = sheetRow(db, person.id, input.period);
  if (!row) {
    const rubric = rubricForRole(catalog.inForce, person.role, input.period);
    const sheetInput: SheetInput = { rubric: `${rubric.id}@${rubric.version}`, period: input.period, person: { id: person.employeeNo, name: person.name }, absences: [], items: {}, handIns: {} };
    return sheetRecord(db, person, input.period, {
      rubric,
      input: sheetInput,
      result: scoreSheet(sheetInput, rubric),
      status: 'not-started',
      revision: 0,
      updatedAt: null,
      rubricUpdate: null,
      returnNote: null,
      amendment: null,
      versions: [],
    });
  }
  const rubric = rubricVersion(catalog.all, row.rubric_id, row.rubric_version);
  const next = unsigned(row) ? newerInForce(catalog, person, input.period, rubric) : null;
  const stored: VersionContent = { input: storedInput(db, row, person), result: JSON.parse(row.result) as SheetResult };
  return sheetRecord(db, person, input.period, {
    rubric,
    input: stored.input,
    result: stored.result,
    status: row.status,
    revision: row.revision,
    updatedAt: row.updated_at,
    rubricUpdate: next ? { from: `${rubric.id}@${rubric.version}`, to: `${next.id}@${next.version}` } : null,
    // Only a sheet exported signed can have been returned (and a schema-1 database has no sheet_files).
    returnNote: row.exported ? openReturnNote(db, row.id, person.id) : null,
    amendment: hasVersions(db) ? currentAmendment(db, row, stored) : amendmentInfo(row),
    versions: hasVersions(db) ? sheetVersions(db, row.id) : [],
  });
}

const versionsTable = new WeakMap<Db, boolean>();

/** Whether the database keeps signed versions (migration 007; a migration test reads sheets of an older schema). */
function hasVersions(db: Db): boolean {
  let known = versionsTable.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sheet_versions'").get() !== undefined;
    versionsTable.set(db, known);
  }
  return known;
}

/** A sheet as stored (or, not started, as it would start). */
type SheetState = Pick<SheetRecord, 'rubric' | 'input' | 'result' | 'status' | 'revision' | 'updatedAt' | 'rubricUpdate' | 'returnNote' | 'amendment' | 'versions'>;

/** The full record of a sheet: its state, last month's result, the doubling proposals, and a regional manager's team. */
function sheetRecord(db: Db, person: Person, period: string, state: SheetState): SheetRecord {
  const prevRow = statement(db, 'SELECT result FROM sheets WHERE person_id = ? AND period = ?').get(person.id, formatPeriod(previousPeriod(parsePeriod(period)!))) as
    | { result: string }
    | undefined;
  const previous: SheetResult | null = prevRow ? JSON.parse(prevRow.result) : null;
  return {
    person,
    period,
    rubric: state.rubric,
    input: state.input,
    result: state.result,
    status: state.status,
    revision: state.revision,
    updatedAt: state.updatedAt,
    rubricUpdate: state.rubricUpdate,
    returnNote: state.returnNote,
    amendment: state.amendment,
    versions: state.versions,
    doublingCandidates: doublingCandidates(state.rubric, state.result, previous ?? undefined),
    previous,
    team: person.role === 'regional-manager' ? teamRows(db, person.id, period) : null,
  };
}

export interface SaveSheetInput {
  personId: number;
  period: string;
  entry: SheetEntry | { items?: unknown; absences?: unknown; handIns?: unknown };
  status: SheetStatus;
  expectedRevision: number;
}

/** Save one sheet; answers small (what changed: revision, status, scores). sheets.get reads the whole sheet. */
export function saveSheet(db: Db, input: SaveSheetInput): SavedSheet {
  return writeTransaction(db, () => {
    const person = getPerson(db, input.personId);
    if (!activeIn(person, input.period)) {
      throw new InputError([{ field: 'period', value: input.period, expected: `a month ${person.name} is assessed in (${assessedMonths(person)})` }], 'sheet');
    }
    const check = checkSave(rubricCatalog(db), person, input.period, sheetRow(db, person.id, input.period), input);
    if (check.conflict !== undefined) {
      const { message, refusal } = saveRefusal(person, input.period, check.conflict);
      throw new ServiceError('conflict', message, refusal);
    }
    if (check.problems !== undefined) throw new InputError(check.problems, 'sheet');
    const { save } = check;
    storeRubric(db, save.rubric);
    const { updatedAt, result } = writeSave(db, save, saveStamp(db));
    return {
      personId: person.id,
      period: input.period,
      revision: save.revision,
      status: save.status,
      updatedAt,
      dailyScore: result.dailyScore,
      attendanceScore: result.attendance.score,
      monthlyScore: result.monthlyScore,
    };
  });
}

/** What a manager saves on one sheet (sheets.save; each sheet of sheets.saveMany). */
export type SheetSave = Pick<SaveSheetInput, 'entry' | 'status' | 'expectedRevision'>;

/** A save that passed its checks: what writeSave scores and writes. */
export interface CheckedSave {
  person: Person;
  /** The stored sheet it replaces, if any. */
  row: SheetRow | undefined;
  rubric: Rubric;
  /** The validated input. */
  input: SheetInput;
  status: SheetStatus;
  /** The new revision. */
  revision: number;
}

/** Why a save cannot go ahead: the sheet was saved elsewhere since it was read, or is signed or approved. */
export type SaveConflict = { stored: number; edited: number; status?: undefined } | { status: SheetStatus };

export type SaveCheck =
  | { save: CheckedSave; conflict?: undefined; problems?: undefined }
  | { conflict: SaveConflict; problems?: undefined }
  | { problems: Problem[]; conflict?: undefined };

/** A conflict in a few words, for a list of them: "revision 3, you edited 2" or "signed: not changed in place". */
export function conflictText(conflict: SaveConflict): string {
  return conflict.status !== undefined ? `${conflict.status}: not changed in place` : `revision ${conflict.stored}, you edited ${conflict.edited}`;
}

/** A save conflict in English (the CLI, the logs) and as data (the UI words it). */
export function saveRefusal(person: Person, period: string, conflict: SaveConflict): { message: string; refusal: Refusal } {
  const { name } = person;
  if (conflict.status !== undefined) {
    const what =
      conflict.status === 'approved'
        ? 'is approved (final)'
        : 'is signed and on its way up the approval chain';
    return {
      message: `the sheet of ${name} for ${period} ${what}: a signed sheet is not changed in place (a change to it is an amendment, with its reason: sheets.amend; or a reviewer returns it to be corrected)`,
      refusal: { code: 'sheet-not-editable', name, period, status: conflict.status },
    };
  }
  return {
    message: `the sheet of ${name} for ${period} was changed elsewhere (revision ${conflict.stored}, you edited ${conflict.edited}); reload it`,
    refusal: { code: 'sheet-changed', name, period, stored: conflict.stored, edited: conflict.edited },
  };
}

/**
 * How a revision of the rules reaches a stored sheet (assessment.md, "How revisions of these rules
 * reach sheets"; docs/rules.md): a sheet keeps the rubric version it was scored with, except an
 * unsigned draft, which moves to the newest version in force at its next save. Unsigned: never
 * exported signed and not returned (a returned sheet and an amendment keep the version the sheet
 * was first signed with).
 */
function unsigned(row: SheetRow): boolean {
  return (row.status === 'draft' || row.status === 'ready') && !row.exported;
}

/** The newest rubric in force for the person's role and month, when it is not `current`. */
function newerInForce(catalog: RubricCatalog, person: Person, period: string, current: Rubric): Rubric | null {
  const newest = rubricForRole(catalog.inForce, person.role, period);
  return newest.id !== current.id || newest.version > current.version ? newest : null;
}

/**
 * The rubric a save scores with: for a new sheet the one in force for the role and month; for a
 * stored one its pinned version, except that a sheet saved as an unsigned draft (stored as a draft,
 * or stored as ready and now saved as a draft: at that save it is an unsigned draft) moves to the
 * newest version in force. A sheet saved as ready keeps its version, so a ready sheet recomputes
 * identically.
 */
export function saveRubric(catalog: RubricCatalog, person: Person, period: string, row: SheetRow | undefined, status: SheetStatus): Rubric {
  if (!row) return rubricForRole(catalog.inForce, person.role, period);
  const pinned = rubricVersion(catalog.all, row.rubric_id, row.rubric_version);
  const moves = unsigned(row) && (row.status === 'draft' || status === 'draft');
  return (moves && newerInForce(catalog, person, period, pinned)) || pinned;
}

/**
 * The rules of a save, for one sheet (sheets.save and each sheet of sheets.saveMany): the revision
 * the caller edited must be the stored one; the rubric is the stored sheet's pinned version, or
 * the newest in force for a new sheet or an unsigned draft (saveRubric); the entry is validated
 * against it, and an entry that does not fit the version a draft moves to is refused with its
 * problems, never trimmed to fit (writeSave scores
 * it: a batch keeps only the checked inputs of all its sheets, not their results, which would
 * make garbage collection copy them all). Reads and writes nothing: `row` is the stored sheet
 * (or undefined), `catalog` the rubric lists.
 */
export function checkSave(catalog: RubricCatalog, person: Person, period: string, row: SheetRow | undefined, save: SheetSave): SaveCheck {
  const revision = row?.revision ?? 0;
  // A signed sheet says so first: whatever revision the caller edited, it is not changed in place.
  if (row && !isEditable(row.status)) return { conflict: { status: row.status } };
  if (save.expectedRevision !== revision) return { conflict: { stored: revision, edited: save.expectedRevision } };
  const rubric = saveRubric(catalog, person, period, row, save.status);
  const raw = {
    rubric: `${rubric.id}@${rubric.version}`,
    period,
    person: { id: person.employeeNo, name: person.name },
    absences: save.entry.absences ?? [],
    // A value's sources follow the manager's edit of it (shared/findings.ts).
    items: reconcileItems(save.entry.items ?? {}, save.entry.handIns),
    handIns: save.entry.handIns ?? {},
  };
  const checked = validateSheetInput(raw, [rubric]);
  if (!checked.ok) return { problems: checked.problems };
  return { save: { person, row, rubric, input: checked.input, status: save.status, revision: revision + 1 } };
}

/** Who saves and when: read once per call, so a batch stamps all its sheets and audit entries alike. */
export interface SaveStamp {
  actor: string;
  at: string;
}

export function saveStamp(db: Db): SaveStamp {
  return { actor: currentUser(db)?.name ?? NO_USER, at: new Date().toISOString() };
}

/**
 * Score a checked save and write it (its rubric already stored): the sheet row with its absences
 * and hand-ins, and its audit entry, `sheet.add` or `sheet.edit` with the sheet before and after.
 */
export function writeSave(db: Db, save: CheckedSave, stamp: SaveStamp): WrittenSheet & { result: SheetResult } {
  const { person, row, input } = save;
  const result = scoreSheet(input, save.rubric);
  const before = row ? { status: row.status, input: storedInput(db, row, person), monthlyScore: (JSON.parse(row.result) as SheetResult).monthlyScore } : null;
  const written = writeSheet(db, row?.id ?? null, { personId: person.id, rubric: save.rubric, status: save.status, input, result, revision: save.revision }, stamp);
  appendAudit(
    db,
    { action: row ? 'sheet.edit' : 'sheet.add', entity: 'sheet', entityId: `${person.employeeNo}/${input.period}`, before, after: { status: save.status, input, monthlyScore: result.monthlyScore } },
    stamp,
  );
  return { ...written, result };
}

export interface SheetRowData {
  personId: number;
  rubric: Rubric;
  status: SheetRecord['status'];
  input: SheetInput;
  result: SheetResult;
  revision: number;
}

/**
 * Insert or replace a sheet row with its absences and hand-ins (the one place a sheet is
 * written: saving here and HR's import). Returns the sheet id.
 */
export function writeSheetRow(db: Db, existingId: number | null, data: SheetRowData): number {
  return writeSheet(db, existingId, data).id;
}

/** A new sheet's columns, bound by position: binding by name looks each one up, which shows when a batch writes thousands. */
const SHEET_COLUMNS = [
  'person_id',
  'period',
  'rubric_id',
  'rubric_version',
  'status',
  'items',
  'result',
  'daily_score',
  'attendance_score',
  'monthly_score',
  'deductions',
  'flags',
  'revision',
  'updated_at',
  'updated_by',
] as const;
const INSERT_SHEET = `INSERT INTO sheets (${SHEET_COLUMNS.join(', ')}) VALUES (${SHEET_COLUMNS.map(() => '?').join(', ')})`;

/** What writeSheet wrote: the sheet id, the JSON of the items and the result, and the time. */
interface WrittenSheet {
  id: number;
  itemsJson: string;
  resultJson: string;
  updatedAt: string;
}

/** writeSheetRow, with what it wrote; `stamp` (who and when) defaults to the current user and now. */
function writeSheet(db: Db, existingId: number | null, data: SheetRowData, stamp: SaveStamp = saveStamp(db)): WrittenSheet {
  const { result, input } = data;
  const values = {
    person_id: data.personId,
    period: input.period,
    rubric_id: data.rubric.id,
    rubric_version: data.rubric.version,
    status: data.status,
    items: JSON.stringify(input.items ?? {}),
    result: JSON.stringify(result),
    daily_score: toHundredths(result.dailyScore)!,
    attendance_score: toHundredths(result.attendance.score)!,
    monthly_score: toHundredths(result.monthlyScore)!,
    deductions: countDeductions(result),
    flags: JSON.stringify(result.flags),
    revision: data.revision,
    updated_at: stamp.at,
    updated_by: stamp.actor,
  };
  let sheetId: number;
  if (existingId !== null) {
    statement(
      db,
      `UPDATE sheets SET status = @status, rubric_id = @rubric_id, rubric_version = @rubric_version, items = @items, result = @result,
         daily_score = @daily_score, attendance_score = @attendance_score, monthly_score = @monthly_score, deductions = @deductions,
         flags = @flags, revision = @revision, updated_at = @updated_at, updated_by = @updated_by
       WHERE id = @id`,
    ).run({ ...values, id: existingId });
    sheetId = existingId;
    statement(db, 'DELETE FROM absences WHERE sheet_id = ?').run(sheetId);
    statement(db, 'DELETE FROM hand_ins WHERE sheet_id = ?').run(sheetId);
  } else {
    sheetId = Number(statement(db, INSERT_SHEET).run(SHEET_COLUMNS.map((c) => values[c])).lastInsertRowid);
  }
  const addAbsence = statement(db, 'INSERT INTO absences (sheet_id, seq, date, length) VALUES (?, ?, ?, ?)');
  (input.absences ?? []).forEach((a, i) => addAbsence.run(sheetId, i, a.date ?? null, a.length));
  const addHandIn = statement(db, 'INSERT INTO hand_ins (sheet_id, item_id, seq, handed_in, event_date) VALUES (?, ?, ?, ?, ?)');
  for (const [itemId, list] of Object.entries(input.handIns ?? {})) list.forEach((h, i) => addHandIn.run(sheetId, itemId, i, h.date, h.event ?? null));
  return { id: sheetId, itemsJson: values.items, resultJson: values.result, updatedAt: values.updated_at };
}
