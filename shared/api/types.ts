/** The domain records the API passes around. */
import type { RoleId, Rubric } from '../rubric/schema.ts';
import type { SheetResult } from '../scoring/engine.ts';
import type { SheetInput } from '../scoring/input.ts';
import type { Problem } from '../problems.ts';

export const CHAIN_ROLES = ['manager', 'planning', 'vp', 'hr'] as const;
/** A step of the approval chain: regional manager, sales planning, sales VP, HR. */
export type ChainRole = (typeof CHAIN_ROLES)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who is using this copy of the app. */
export interface User {
  name: string;
  chainRole: ChainRole;
  regionId: number | null;
}

export interface Region {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface Person {
  id: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionId: number | null;
  managerId: number | null;
  /** First month (YYYY-MM) the person is assessed. */
  activeFrom: string;
  /** Last month assessed, or null while active. */
  activeTo: string | null;
}

export const SHEET_STATUSES = ['draft', 'ready'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/** One person's line in the month grid. */
export interface MonthRow {
  personId: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionId: number | null;
  regionName: string | null;
  status: SheetStatus | 'not-started';
  dailyScore: number | null;
  attendanceScore: number | null;
  monthlyScore: number | null;
  /** Items that lost points, plus penalties. */
  deductions: number;
  flags: string[];
  updatedAt: string | null;
}

/** What a manager records on a sheet (the score input less what the server knows). */
export type SheetEntry = Pick<SheetInput, 'items' | 'absences' | 'handIns'>;

export interface SheetRecord {
  person: Person;
  period: string;
  rubric: Rubric;
  input: SheetInput;
  result: SheetResult;
  status: SheetStatus | 'not-started';
  /** Increases with every save; a save must name the revision it edits. */
  revision: number;
  updatedAt: string | null;
  /** Hand-in items missed this month and last: the editor proposes doubling them. */
  doublingCandidates: string[];
  /** The previous month's result, when there is one. */
  previous: SheetResult | null;
  /** For a regional manager's sheet: their team's rows this month, the basis of `team-management`. */
  team: MonthRow[] | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface RosterRow {
  line: number;
  employeeNo: string;
  name: string;
  role: string;
  region: string;
  activeFrom: string;
  action: 'add' | 'update' | 'unchanged';
  errors: string[];
}

export interface RosterPreview {
  fileName: string;
  encoding: string;
  rows: RosterRow[];
  errorCount: number;
}

export interface AppInfo {
  appVersion: string;
  dbPath: string;
  schemaVersion: number;
  user: User | null;
  language: Language | null;
  counts: { regions: number; people: number; sheets: number };
}

/** How a failed call reaches the caller (renderer, CLI, tests). */
export interface ApiFailure {
  kind: 'input' | 'conflict' | 'not-found' | 'internal';
  message: string;
  problems?: Problem[];
}
