/**
 * Roster import (花名册导入): a CSV/TXT or XLSX file of people → a preview of what would be
 * added, updated or left as it is, with every row's problems; then the import itself, all or
 * nothing. Columns are found by their header (Chinese or English names); roles by their Chinese
 * name or id; regions by name or code.
 */
import { IDENTIFIER, IDENTIFIER_MAX, MAX_NAME } from '../../shared/api/contract.ts';
import { DOMAIN_LABELS } from '../../shared/labels.ts';
import type { Person, RosterPreview, RosterRow } from '../../shared/api/types.ts';
import { currentPeriod, formatDate, formatPeriod, parseDate, parsePeriod } from '../../shared/period.ts';
import { describeValue, InputError, type Problem, type ProblemRule } from '../../shared/problems.ts';
import { ROLE_IDS, type RoleId } from '../../shared/rubric/schema.ts';
import type { FileReason } from '../../shared/refusals.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { FileRefused } from '../import/errors.ts';
import { normalizeHeader } from '../import/header.ts';
import { DEFAULT_LIMITS, readSheetFile, type SheetData, type SheetRow } from '../import/sheet-file.ts';
import { listPeople, savePerson } from './people.ts';
import { listRegions } from './regions.ts';

export interface RosterUpload {
  fileName: string;
  dataBase64: string;
}

export interface RosterOptions {
  /** The month (YYYY-MM) a new person without a start month starts in; default: this month. */
  currentMonth?: string;
}

export interface RosterImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** Most people (rows under the header) one file may hold. */
export const MAX_ROSTER_ROWS = 20_000;

export type RosterColumn = 'employeeNo' | 'name' | 'role' | 'region' | 'activeFrom';

/** Header names per column, compared after `normalizeHeader` (case, spaces, "_", "-", "." ignored). */
export const COLUMN_NAMES: Record<RosterColumn, readonly string[]> = {
  employeeNo: ['工号', '员工编号', '员工号', 'employee no', 'employeeNo', 'employee number', 'id'],
  name: ['姓名', 'name'],
  role: ['岗位', '角色', 'role'],
  region: ['区域', 'region'],
  activeFrom: ['起始月份', '入职月份', 'active from', 'activeFrom'],
};
const REQUIRED: readonly RosterColumn[] = ['employeeNo', 'name', 'role', 'region'];
const COLUMNS = Object.keys(COLUMN_NAMES) as RosterColumn[];

/** The Chinese name of each role, as the source documents write it (a file may name a role by it). */
export const ROLE_NAMES: Record<RoleId, string> = DOMAIN_LABELS.zh.roles;
const ROLE_ALIASES: Record<string, RoleId> = { 销售业务员: 'salesperson' };
const ROLE_LIST = ROLE_IDS.map((r) => ROLE_NAMES[r]).join(', ');
/** Roles that may have no region (above the regions). */
const REGIONLESS: readonly RoleId[] = ['executive'];
const REGIONLESS_NAMES = REGIONLESS.map((r) => ROLE_NAMES[r]);

const MONTH_FORMS = 'YYYY-MM such as 2024-03; also YYYY/MM or a date YYYY-MM-DD';
const REQUIRED_RULE: ProblemRule = { code: 'required' };
const ROLE_RULE: ProblemRule = { code: 'role', names: ROLE_IDS.map((r) => ROLE_NAMES[r]), ids: [...ROLE_IDS] };

export { normalizeHeader };

/** Preview a roster file: what an import would do, row by row, with every problem. Writes nothing. */
export async function previewRoster(db: Db, input: RosterUpload, options: RosterOptions = {}): Promise<RosterPreview> {
  const file = await readRoster(input);
  const rows = evaluate(db, file.rows, options.currentMonth ?? currentPeriod()).map((r) => r.row);
  return { fileName: input.fileName, encoding: file.encoding, rows, errorCount: rows.filter((r) => r.errors.length > 0).length };
}

/**
 * Import a roster file: refused as a whole (InputError naming each row problem as `line N, column`)
 * while any row has a problem; otherwise adds and updates people in one transaction, one audit
 * entry per change. An update keeps the person's id, manager and last month (activeTo).
 */
export async function importRoster(db: Db, input: RosterUpload, options: RosterOptions = {}): Promise<RosterImportResult> {
  const file = await readRoster(input);
  const month = options.currentMonth ?? currentPeriod();
  return writeTransaction(db, () => {
    const rows = evaluate(db, file.rows, month);
    const refusal = rosterRefusal(input.fileName, rows.map((r) => r.row));
    if (refusal) throw refusal;
    const result: RosterImportResult = { added: 0, updated: 0, unchanged: 0 };
    for (const { row, person, existing } of rows) {
      if (row.action === 'unchanged' || !person) {
        result.unchanged++;
      } else if (existing) {
        savePerson(db, { ...existing, ...person });
        result.updated++;
      } else {
        savePerson(db, { ...person, managerId: null, activeTo: null });
        result.added++;
      }
    }
    return result;
  });
}

/**
 * The import's refusal of a file whose rows have problems (null when none has): every problem
 * named by line and by the column as the file's header names it, with its key: "line 7, 岗位 (role)".
 * The command line's preview refuses a bad file with the same words.
 */
export function rosterRefusal(fileName: string, rows: readonly RosterRow[]): InputError | null {
  const problems = rows.flatMap((r) => r.problems.map((p): Problem => ({ ...p, field: `line ${r.line}, ${COLUMN_NAMES[p.field as RosterColumn][0]} (${p.field})` })));
  return problems.length ? new InputError(capProblems(problems), `roster file ${JSON.stringify(fileName)} (nothing was imported)`) : null;
}

// ---- reading the file ---------------------------------------------------------------------

interface RosterLine {
  line: number;
  values: Record<RosterColumn, string>;
}

interface RosterFile {
  encoding: string;
  rows: RosterLine[];
}

/**
 * The rows of an uploaded CSV/XLSX (base64), at most `maxRows` under the header; a file that
 * cannot be read is refused with InputError on `file` (shared with the figures import).
 * `dayColumns`: header names of the date columns, whose Excel date cells read as days (others as months).
 */
export async function readUploadedSheet(input: RosterUpload, what: string, maxRows: number, dayColumns: readonly string[] = []): Promise<SheetData> {
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(input.dataBase64)) throw refuseFile(input, what, 'the file’s bytes in base64 (dataBase64 is not base64)', { code: 'file-not-base64' });
  const bytes = Buffer.from(input.dataBase64, 'base64');
  try {
    return await readSheetFile(input.fileName, bytes, { ...DEFAULT_LIMITS, maxRows: maxRows + 1 }, dayColumns);
  } catch (err) {
    if (err instanceof FileRefused) throw refuseFile(input, what, err.expected, err.reason);
    throw err;
  }
}

/** A file refused as a whole: the problem on `file` names it, `expected` in English, `reason` as its rule for the UI. */
export const refuseFile = (input: RosterUpload, what: string, expected: string, reason: FileReason) =>
  new InputError([{ field: 'file', value: input.fileName, expected, rule: { code: 'file', reason } }], what);

async function readRoster(input: RosterUpload): Promise<RosterFile> {
  const sheet = await readUploadedSheet(input, 'roster file', MAX_ROSTER_ROWS);
  const [header, ...data] = sheet.rows;
  if (!header) throw refuseFile(input, 'roster file', `a header row (${REQUIRED.map((c) => `${COLUMN_NAMES[c][0]}`).join(', ')}, …) and a row per person — the file has no rows`, {
      code: 'file-no-rows',
      fileName: input.fileName,
    });
  const columns = mapHeader(header);
  return {
    encoding: sheet.encoding,
    rows: data
      .map((r) => ({ line: r.line, values: Object.fromEntries(COLUMNS.map((c) => [c, columns[c] === undefined ? '' : (r.cells[columns[c]] ?? '').trim()])) as Record<RosterColumn, string> }))
      .filter((r) => COLUMNS.some((c) => r.values[c] !== '')),
  };
}

/** Which cell index holds each column; InputError naming missing and doubled columns and the header found. */
function mapHeader(header: SheetRow): Partial<Record<RosterColumn, number>> {
  const found: Partial<Record<RosterColumn, number[]>> = {};
  header.cells.forEach((cell, index) => {
    const key = normalizeHeader(cell);
    const column = COLUMNS.find((c) => COLUMN_NAMES[c].some((n) => normalizeHeader(n) === key));
    if (column) (found[column] ??= []).push(index);
  });
  const problems: Problem[] = [];
  const headerText = header.cells.map((c) => c.trim());
  const missing = REQUIRED.filter((c) => !found[c]);
  if (missing.length) {
    problems.push({
      field: `line ${header.line} (header)`,
      value: headerText,
      expected: `a header row with the columns ${missing.map(columnWords).join(', ')} as well — ${missing.length === 1 ? 'it is' : 'they are'} missing (the first non-blank row is the header; required: ${REQUIRED.map(columnWords).join(', ')}; optional: ${columnWords('activeFrom')})`,
      rule: { code: 'header-columns', missing: missing.map((c) => COLUMN_NAMES[c].join(' / ')) },
    });
  }
  for (const c of COLUMNS) {
    const at = found[c];
    if (at && at.length > 1) {
      problems.push({
        field: `line ${header.line} (header)`,
        value: headerText,
        expected: `one column for ${c} — columns ${at.map((i) => `${i + 1} (${JSON.stringify(headerText[i])})`).join(' and ')} both name it`,
        rule: oneColumnRule(COLUMN_NAMES[c][0]!, at, headerText),
      });
    }
  }
  if (problems.length) throw new InputError(problems, 'roster file header');
  return Object.fromEntries(COLUMNS.filter((c) => found[c]).map((c) => [c, found[c]![0]]));
}

/** The rule of a column the header names more than once (both imports). */
export function oneColumnRule(column: string, at: readonly number[], headerText: readonly string[]): ProblemRule {
  return { code: 'one-column', column, columns: at.map((i) => ({ at: i + 1, header: headerText[i] ?? '' })) };
}

function columnWords(c: RosterColumn): string {
  return `${c} (${COLUMN_NAMES[c].join(' / ')})`;
}

// ---- checking the rows --------------------------------------------------------------------

interface Issue {
  column: RosterColumn;
  value: string;
  /** Follows the quoted value in the row's error text, e.g. `is required`. */
  problem: string;
  /** What would be accepted, for the import's InputError. */
  expected: string;
  /** The same as data: the app words it in its language. */
  rule: ProblemRule;
}

interface Evaluated {
  row: RosterRow;
  issues: Issue[];
  /** The person the row describes, when it has no problem. */
  person: Omit<Person, 'id' | 'managerId' | 'activeTo'> | null;
  existing: Person | null;
}

interface RegionRef {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

function evaluate(db: Db, lines: readonly RosterLine[], currentMonth: string): Evaluated[] {
  const people = new Map(listPeople(db, { includeInactive: true }).map((p) => [p.employeeNo, p]));
  const regions = listRegions(db);
  const active = regions.filter((r) => r.active);
  // A name two regions share is shown with its code (the code is then what identifies it).
  const activeNames = active.map((r) => (regions.filter((o) => o.name === r.name).length > 1 ? `${r.name} (${r.code})` : r.name));
  const regionList = activeNames.length === 0 ? 'there are no regions yet: add them first' : activeNames.length > 8 ? `${activeNames.slice(0, 8).join(', ')}, …` : activeNames.join(', ');
  const listed = { regions: activeNames.slice(0, 8), more: Math.max(0, activeNames.length - 8) };
  const firstLine = new Map<string, number>();

  return lines.map(({ line, values: v }) => {
    const issues: Issue[] = [];
    const issue = (column: RosterColumn, rule: ProblemRule, problem: string, expected: string) => issues.push({ column, value: v[column], problem, expected, rule });

    // employeeNo
    const existing = people.get(v.employeeNo) ?? null;
    if (v.employeeNo === '') issue('employeeNo', REQUIRED_RULE, 'is required', 'an employee number');
    else if (!IDENTIFIER.test(v.employeeNo)) {
      issue('employeeNo', { code: 'identifier', max: IDENTIFIER_MAX }, 'is not an employee number (letters, digits and "-", 1–20 characters)', 'an employee number: letters, digits and "-", 1–20 characters');
    }
    if (v.employeeNo !== '') {
      const first = firstLine.get(v.employeeNo);
      if (first === undefined) firstLine.set(v.employeeNo, line);
      else issue('employeeNo', { code: 'once-in-file', line: first }, `appears again (first on line ${first})`, `an employee number that appears once in the file (it is also on line ${first})`);
    }

    // name
    if (v.name === '') issue('name', REQUIRED_RULE, 'is required', 'a name');
    else if (v.name.length > MAX_NAME) issue('name', { code: 'note-length', max: MAX_NAME }, `is too long (${v.name.length} characters; at most ${MAX_NAME})`, `a name of at most ${MAX_NAME} characters`);
    else if (/\p{Cc}/u.test(v.name)) issue('name', { code: 'one-line' }, 'contains a line break or control character', 'a name on one line, without control characters');

    // role
    const role = parseRole(v.role);
    if (v.role === '') issue('role', REQUIRED_RULE, 'is required', `a role: ${ROLE_LIST}`);
    else if (!role) issue('role', ROLE_RULE, `is not a role (${ROLE_LIST})`, `a role: ${ROLE_LIST} (or ${ROLE_IDS.join(', ')})`);

    // region
    let regionId: number | null | undefined;
    if (v.region === '') {
      if (role && REGIONLESS.includes(role)) regionId = null;
      else issue('region', { code: 'region-needed', roles: REGIONLESS_NAMES }, `is required (only ${REGIONLESS_NAMES.join(', ')} may have none)`, `a region’s name or code: ${regionList}`);
    } else {
      const matches = matchRegion(regions, v.region);
      if (matches.length === 0) issue('region', { code: 'region', ...listed }, `is not a region (${regionList})`, `a region’s name or code: ${regionList}`);
      else if (matches.length > 1) {
        issue('region', { code: 'region-code', codes: matches.map((r) => r.code) }, `names ${matches.length} regions (codes ${matches.map((r) => r.code).join(', ')}): use the code`, `one region’s code: ${matches.map((r) => r.code).join(', ')}`);
      } else {
        const region = matches[0]!;
        if (!region.active && (!existing || existing.regionId !== region.id)) {
          issue('region', { code: 'active-region', ...listed }, `is deactivated (active regions: ${regionList})`, `an active region: ${regionList}`);
        } else regionId = region.id;
      }
    }

    // activeFrom
    let activeFrom: string | undefined;
    if (v.activeFrom === '') activeFrom = existing?.activeFrom ?? currentMonth;
    else {
      activeFrom = parseMonth(v.activeFrom) ?? undefined;
      if (!activeFrom) issue('activeFrom', { code: 'month' }, `is not a month (${MONTH_FORMS})`, `a month: ${MONTH_FORMS}`);
      else if (existing?.activeTo && activeFrom > existing.activeTo) {
        issue('activeFrom', { code: 'month-up-to', month: existing.activeTo }, `is after this person’s last month (${existing.activeTo})`, `a month up to ${existing.activeTo}, this person’s last month`);
        activeFrom = undefined;
      }
    }

    let action: RosterRow['action'] = 'add';
    if (existing) {
      const differs =
        existing.name !== v.name || (role !== null && existing.role !== role) || (regionId !== undefined && existing.regionId !== regionId) || (activeFrom !== undefined && existing.activeFrom !== activeFrom);
      action = differs ? 'update' : 'unchanged';
    }
    const row: RosterRow = {
      line,
      employeeNo: v.employeeNo,
      name: v.name,
      role: v.role,
      region: v.region,
      activeFrom: activeFrom ?? v.activeFrom,
      action,
      errors: issues.map((i) => `${i.column}: ${describeValue(i.value)} ${i.problem}`),
      problems: issues.map((i) => ({ field: i.column, value: i.value, expected: i.expected, rule: i.rule })),
    };
    const person = issues.length === 0 && role && regionId !== undefined && activeFrom ? { employeeNo: v.employeeNo, name: v.name, role, regionId, activeFrom } : null;
    return { row, issues, person, existing };
  });
}

function parseRole(text: string): RoleId | null {
  const t = text.trim();
  const byName = ROLE_IDS.find((r) => ROLE_NAMES[r] === t) ?? ROLE_ALIASES[t];
  if (byName) return byName;
  const id = t.toLowerCase().replace(/[\s_]+/g, '-');
  return (ROLE_IDS as readonly string[]).includes(id) ? (id as RoleId) : null;
}

function matchRegion(regions: readonly RegionRef[], text: string): RegionRef[] {
  const byName = regions.filter((r) => r.name.trim() === text);
  if (byName.length) return byName;
  return regions.filter((r) => r.code.toLowerCase() === text.toLowerCase());
}

/** YYYY-MM, YYYY/MM, YYYY-M, YYYY.MM, 2024年3月, or a date YYYY-MM-DD / YYYY/M/D → YYYY-MM; null otherwise. */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(t);
  if (month) {
    const p = { year: Number(month[1]), month: Number(month[2]) };
    return parsePeriod(formatPeriod(p)) ? formatPeriod(p) : null;
  }
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (date) {
    const d = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
    return parseDate(formatDate(d)) && parsePeriod(formatPeriod(d)) ? formatPeriod(d) : null;
  }
  return null;
}

const MAX_PROBLEMS = 200;

/** At most 200 problems in one InputError (a file can have thousands), the rest counted. */
export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { field: 'file', expected: `no more problems — ${problems.length - MAX_PROBLEMS} more are not listed here; preview the file to see them all` }];
}
