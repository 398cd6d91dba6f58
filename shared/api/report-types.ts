/** Types of the figures (salary, KPIs), pay, annual, dashboard and fairness calls of the contract. */
import type { Problem } from '../problems.ts';
import type { KpiValues } from '../kpi.ts';
import type { PayResult, PaySettings } from '../pay.ts';
import type { RoleId } from '../rubric/schema.ts';
import type { SheetStatus } from './types.ts';

/** What is recorded beside a person's sheet for a month. */
export interface MonthFigures {
  personId: number;
  period: string;
  /** 工资总额 in yuan (exact to the fen), or null when not recorded. */
  salaryTotal: number | null;
  kpis: KpiValues;
  /** 0 when nothing is stored yet; a save names the revision it edits. */
  revision: number;
  updatedAt: string | null;
  /** The stored KPIs that came from a signed sheet (HR's import), by KPI id; a KPI not named was recorded by HR itself. */
  sources: KpiSources;
}

/** A KPI value HR's import took from a signed sheet: which file, and whether HR (or planning's file) has confirmed it. */
export interface KpiSource {
  from: 'sheet';
  /** The imported file's SHA-256 (hex). */
  file: string;
  confirmed: boolean;
}
export type KpiSources = Record<string, KpiSource>;

/** The KPI ids of `sources` not yet confirmed, in the order given. */
export const unconfirmedKpis = (sources: KpiSources | undefined): string[] =>
  Object.entries(sources ?? {})
    .filter(([, s]) => !s.confirmed)
    .map(([id]) => id);

/** A signed sheet's value that differs from the one HR holds: HR's is kept until HR takes the sheet's. */
export interface FigureConflict {
  personId: number;
  employeeNo: string;
  name: string;
  period: string;
  kpi: string;
  /** HR's value as stored now (kept). */
  hrValue: number;
  /** The signed sheet's value. */
  sheetValue: number;
  /** The imported sheet file's SHA-256 (hex). */
  file: string;
  listedAt: string;
}

/** What a month's figures from signed sheets still need from HR: confirmation, and the conflicts to settle. */
export interface SheetFiguresState {
  period: string;
  /** The people in view with KPIs from a sheet not yet confirmed (KPI ids). */
  unconfirmed: { personId: number; employeeNo: string; name: string; kpis: string[] }[];
  /** How many figures (person × KPI) that is. */
  unconfirmedCount: number;
  conflicts: FigureConflict[];
}

/** What HR's import did with the figures a signed sheet carries. */
export interface SheetFiguresOutcome {
  /** KPIs stored from the sheet, unconfirmed (HR had none, or an earlier sheet's unconfirmed one). */
  stored: string[];
  /** KPIs where HR holds the same value. */
  equal: string[];
  /** KPIs where HR holds another value: HR's kept, the conflict listed. */
  conflicts: { kpi: string; hrValue: number; sheetValue: number }[];
}

export interface FiguresRow {
  /** 1-based row number in the file (the header is row 1). */
  row: number;
  employeeNo: string;
  name: string | null;
  personId: number | null;
  salaryTotal: number | null;
  kpis: KpiValues;
  action: 'add' | 'update' | 'unchanged' | 'error';
  problems: Problem[];
}

/** What figures.import did: rows added, updated, unchanged; the unconfirmed figures from sheets it replaced, and the listed differences it settled. */
export interface FiguresImportResult {
  added: number;
  updated: number;
  unchanged: number;
  fromSheets: number;
  conflictsSettled: number;
}

export interface FiguresPreview {
  fileName: string;
  encoding: string;
  period: string;
  rows: FiguresRow[];
  errorCount: number;
}

/** One version of the pay settings, in force from a month. Version 0 is the built-in default. */
export interface PaySettingsVersion {
  version: number;
  effectiveFrom: string;
  settings: PaySettings;
  hash: string;
  createdAt: string | null;
  createdBy: string | null;
}

export type PayMissing = 'sheet' | 'salary' | 'plan' | 'actual';

export interface PayRow {
  personId: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionName: string | null;
  status: SheetStatus | 'not-started';
  salaryTotal: number | null;
  plan: number | null;
  actual: number | null;
  monthlyScore: number | null;
  dailyScore: number | null;
  /** The computed pay, or null with what is missing. */
  pay: PayResult | null;
  missing: PayMissing[];
  /** The figures of the row that came from a signed sheet and are not confirmed yet (pay uses them, flagged). */
  unconfirmed: ('plan' | 'actual')[];
  /** The sheet's scores come from an amendment (docs/trust.md, "Amendments"): its version (2, 3…); absent for a version 1. */
  amendment?: number;
}

export interface PayReport {
  period: string;
  settings: PaySettingsVersion;
  rows: PayRow[];
  /** Sums over the rows with pay, in yuan. */
  totals: { base: number; plan: number; assessment: number; bonus: number; total: number; people: number };
  /** How many rows use a figure from a signed sheet not confirmed yet (待确认). */
  unconfirmed: number;
}

export interface AnnualRow {
  personId: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionName: string | null;
  /** The 12 monthly scores, January first; null where the month has no sheet counted. */
  months: (number | null)[];
  annualScore: number;
  missing: string[];
  /** Rank among the people of the same region and role (1 = best; ties share a rank). */
  rank: number;
  rankOf: number;
}

export interface AnnualReport {
  year: number;
  /** Which sheets count: 'approved' (HR's rule) or 'all' (every scored sheet, for a manager's preview). */
  basis: 'approved' | 'all';
  rows: AnnualRow[];
}

export interface Distribution {
  key: string;
  label: string;
  count: number;
  mean: number | null;
  /** Population standard deviation, 2 decimals. */
  spread: number | null;
  min: number | null;
  max: number | null;
  /** Counts per score band: [<60, 60–69.99, 70–79.99, 80–89.99, 90–100]. */
  bands: number[];
}

/**
 * Sheets count once scored: ready, signed or approved (shared/reports/scored.ts). The scorer of a
 * sheet is its last editor (sheets.updated_by, the manager's name).
 */
export interface DashboardData {
  period: string;
  /** Key "company". */
  company: Distribution;
  /** Every region of the people in view, also those with no scored sheet yet (count 0). Key: the region code. */
  byRegion: Distribution[];
  /** Key and label: the scorer's name. */
  byScorer: Distribution[];
  /** Monthly mean per region for the 12 months ending with `period`, oldest first. */
  trend: {
    periods: string[];
    /** The company (key "company", which the UI translates) first, then each region. */
    series: { key: string; label: string; means: (number | null)[] }[];
    /** Each person's monthly score over the same periods (null: no scored sheet that month). */
    people: { personId: number; name: string; regionName: string | null; scores: (number | null)[] }[];
  };
  /** The items that lost points most often in the month. */
  topDeductions: { itemId: string; rubricId: string; title: { zh: string; en: string }; count: number; points: number }[];
  /** Sheets of the month not yet signed; overdue once the 8th of the next month has passed. */
  unsigned: { personId: number; name: string; regionName: string | null; status: SheetStatus | 'not-started'; overdue: boolean }[];
  handInDue: string;
}

/** A scorer's sheets of the month against the company's (thresholds: CALIBRATION in shared/reports/fairness.ts). */
export interface CalibrationRow {
  scorer: string;
  count: number;
  mean: number;
  spread: number;
  /** Why the scorer is flagged: mean or spread far from the company's (only with enough sheets). */
  flags: ('mean-high' | 'mean-low' | 'spread-low' | 'spread-high')[];
  /**
   * What the row says: 'flagged' (some flag), 'in-line' (enough sheets and none), or 'too-few'
   * (fewer sheets than the minimum: not judged, so never called in line).
   */
  verdict: 'flagged' | 'in-line' | 'too-few';
}

export interface FairnessReport {
  period: string;
  company: { count: number; mean: number | null; spread: number | null };
  calibration: CalibrationRow[];
  /**
   * Deductions recorded without a note: no note on the item (or the gated group), none on any of
   * its incidents, and not a late hand-in (whose dates explain it).
   */
  unexplained: { personId: number; name: string; itemId: string; title: { zh: string; en: string }; deduction: number }[];
  /** Each scored sheet of the month in plain words: one line per deduction, in both languages. */
  explanations: PersonExplanation[];
}

export interface PersonExplanation {
  personId: number;
  employeeNo: string;
  name: string;
  regionName: string | null;
  scorer: string;
  dailyScore: number;
  monthlyScore: number;
  lines: { itemId: string; deduction: number; zh: string; en: string }[];
}
