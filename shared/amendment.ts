/**
 * Amendments (docs/trust.md, "Amendments"): once a sheet is signed, a change to it is a numbered
 * amendment (version 2, 3…) with a reason, declaring the version it amends by that version's
 * exported file (its SHA-256). This is the one home of what an amendment says: the changes item by
 * item, computed from the two versions' inputs and results, and the check of an amendment's shape
 * in a sheet's embedded data. Pure: the services, the verifier and the renderer all ask here.
 */
import { canonicalJson } from './canonical.ts';
import { isPlainObject } from './problems.ts';
import type { SheetResult } from './scoring/engine.ts';
import type { HandIn } from './scoring/handins.ts';
import type { Absence, ItemInput, SheetInput } from './scoring/input.ts';

/** The longest amendment reason (characters, trimmed); a reason is required. */
export const AMEND_REASON_MAX = 2000;

/** One item as one version has it: what was recorded (null: nothing, full marks), its hand-ins, its points and deduction. */
export interface AmendedItemState {
  value: ItemInput | null;
  /** The item's hand-ins, when it has any in either version. */
  handIns?: HandIn[];
  points: number;
  deduction: number;
}

/** One item that differs between the amended version and the amendment. */
export interface AmendmentChange {
  item: string;
  before: AmendedItemState;
  after: AmendedItemState;
}

/** A version's scores. */
export interface AmendmentScores {
  dailyScore: number;
  attendanceScore: number;
  monthlyScore: number;
}

/** What changed between two versions: items (in the rubric's order), absences when they differ, and the scores. */
export interface AmendmentDiff {
  changes: AmendmentChange[];
  /** Only when the absences differ. */
  absences?: { before: Absence[]; after: Absence[] };
  scores: { before: AmendmentScores; after: AmendmentScores };
}

/** The version an amendment amends: its number and the SHA-256 of its exported (first signed) file. */
export interface AmendsRef {
  version: number;
  sha256: string;
}

/** What an amendment's file carries (scoresheet.json `amendment`) and what its sheet records. */
export interface Amendment extends AmendmentDiff {
  /** This version's number: 2 for the first amendment. */
  version: number;
  amends: AmendsRef;
  reason: string;
}

/** One version of a sheet: what amendmentChanges compares. */
export interface VersionContent {
  input: SheetInput;
  result: SheetResult;
}

export function scoresOf(result: SheetResult): AmendmentScores {
  return { dailyScore: result.dailyScore, attendanceScore: result.attendance.score, monthlyScore: result.monthlyScore };
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * What changed from `before` to `after`, item by item: every item whose recorded value, hand-ins,
 * points or deduction differ (in the order of the result's items, then any item only recorded),
 * the absences when they differ, and both versions' scores.
 */
export function amendmentChanges(before: VersionContent, after: VersionContent): AmendmentDiff {
  const ids: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  for (const r of [after.result, before.result]) for (const item of r.items) add(item.id);
  for (const i of [after.input, before.input]) {
    for (const id of Object.keys(i.items ?? {})) add(id);
    for (const id of Object.keys(i.handIns ?? {})) add(id);
  }
  const stateOf = (v: VersionContent, id: string, withHandIns: boolean): AmendedItemState => {
    const scored = v.result.items.find((r) => r.id === id);
    const handIns = v.input.handIns?.[id];
    return {
      value: v.input.items?.[id] ?? null,
      ...(withHandIns ? { handIns: handIns ?? [] } : {}),
      points: scored?.points ?? 0,
      deduction: scored?.deduction ?? 0,
    };
  };
  const changes: AmendmentChange[] = [];
  for (const id of ids) {
    const withHandIns = (before.input.handIns?.[id]?.length ?? 0) > 0 || (after.input.handIns?.[id]?.length ?? 0) > 0;
    const b = stateOf(before, id, withHandIns);
    const a = stateOf(after, id, withHandIns);
    if (!same(b, a)) changes.push({ item: id, before: b, after: a });
  }
  const absencesBefore = before.input.absences ?? [];
  const absencesAfter = after.input.absences ?? [];
  return {
    changes,
    ...(same(absencesBefore, absencesAfter) ? {} : { absences: { before: absencesBefore, after: absencesAfter } }),
    scores: { before: scoresOf(before.result), after: scoresOf(after.result) },
  };
}

/** Whether two versions differ at all (an amendment must change something). */
export function hasChanges(diff: AmendmentDiff): boolean {
  return diff.changes.length > 0 || diff.absences !== undefined;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function scoresProblem(value: unknown, where: string): string | null {
  if (!isPlainObject(value)) return `${where} is not { dailyScore, attendanceScore, monthlyScore }`;
  for (const key of ['dailyScore', 'attendanceScore', 'monthlyScore']) if (!isNumber(value[key])) return `${where}.${key} is not a number`;
  return null;
}

function itemStateProblem(value: unknown, where: string): string | null {
  if (!isPlainObject(value)) return `${where} is not { value, points, deduction }`;
  if (!('value' in value) || (value.value !== null && !isPlainObject(value.value))) return `${where}.value is not a recorded value or null`;
  if (!isNumber(value.points) || !isNumber(value.deduction)) return `${where} has no points and deduction`;
  if ('handIns' in value && !Array.isArray(value.handIns)) return `${where}.handIns is not a list`;
  return null;
}

/**
 * Check the `amendment` of a sheet's embedded data (absent: not an amendment, null): its shape
 * (version ≥ 2 amending the version before it, that version's SHA-256, a reason of 1–2000
 * characters, changes item by item, scores before and after), and that what it says of the
 * amendment itself is this sheet: each change's `after` is the sheet's recorded value and points,
 * `scores.after` its scores (what `before` says, and that no change is left out, is checked where
 * the amended version is known: HR's import, changesDiffer).
 * Returns the problem in English, or null.
 */
export function amendmentProblem(amendment: unknown, input: SheetInput, output: SheetResult): string | null {
  if (amendment === undefined) return null;
  const a = amendment;
  if (!isPlainObject(a)) return 'the amendment is not an object';
  if (!isVersion(a.version) || a.version < 2) return 'the amendment’s version is not a number from 2';
  if (!isPlainObject(a.amends) || !isVersion(a.amends.version) || typeof a.amends.sha256 !== 'string') return 'the amendment does not say which version it amends ({ version, sha256 })';
  if (a.amends.version !== a.version - 1) return `the amendment version ${a.version} amends version ${a.amends.version}, not the version before it`;
  if (!SHA256_HEX.test(a.amends.sha256)) return 'the amended version’s SHA-256 is not 64 lowercase hex digits';
  if (typeof a.reason !== 'string' || a.reason.trim() !== a.reason || a.reason.length < 1 || a.reason.length > AMEND_REASON_MAX) {
    return `the amendment’s reason is not a trimmed text of 1 to ${AMEND_REASON_MAX} characters`;
  }
  if (!Array.isArray(a.changes)) return 'the amendment’s changes are not a list';
  const seen = new Set<string>();
  for (const [i, c] of a.changes.entries()) {
    const where = `amendment.changes[${i}]`;
    if (!isPlainObject(c) || typeof c.item !== 'string') return `${where} names no item`;
    if (seen.has(c.item)) return `${where}: the item ${c.item} is listed twice`;
    seen.add(c.item);
    const problem = itemStateProblem(c.before, `${where}.before`) ?? itemStateProblem(c.after, `${where}.after`);
    if (problem) return problem;
    const after = c.after as unknown as AmendedItemState;
    const scored = output.items.find((r) => r.id === c.item);
    if (!same(after.value, input.items?.[c.item] ?? null)) return `${where}: the value after is not the one the sheet records for ${c.item}`;
    if (after.points !== (scored?.points ?? 0) || after.deduction !== (scored?.deduction ?? 0)) return `${where}: the points after are not the sheet's for ${c.item}`;
    if (after.handIns !== undefined && !same(after.handIns, input.handIns?.[c.item] ?? [])) return `${where}: the hand-ins after are not the sheet's for ${c.item}`;
  }
  if ('absences' in a && a.absences !== undefined) {
    if (!isPlainObject(a.absences) || !Array.isArray(a.absences.before) || !Array.isArray(a.absences.after)) return 'the amendment’s absences are not { before, after }';
    if (!same(a.absences.after, input.absences ?? [])) return 'the amendment’s absences after are not the sheet’s';
  }
  if (!isPlainObject(a.scores)) return 'the amendment has no scores { before, after }';
  const problem = scoresProblem(a.scores.before, 'amendment.scores.before') ?? scoresProblem(a.scores.after, 'amendment.scores.after');
  if (problem) return problem;
  if (!same(a.scores.after, scoresOf(output))) return 'the amendment’s scores after are not the sheet’s';
  if (a.changes.length === 0 && a.absences === undefined) return 'the amendment changes nothing';
  return null;
}

/**
 * Whether an amendment's declared changes are exactly those from `before` (the amended version, as
 * the receiver holds it) to the sheet: the receiver that has the amended version checks that the
 * file told the reviewers the whole truth. Returns the first difference in English, or null.
 */
export function changesDiffer(declared: AmendmentDiff, before: VersionContent, after: VersionContent): string | null {
  const actual = amendmentChanges(before, after);
  if (!same(declared.scores.before, actual.scores.before)) return 'the scores before are not those of the amended version';
  const declaredItems = declared.changes.map((c) => c.item).sort();
  const actualItems = actual.changes.map((c) => c.item).sort();
  if (!same(declaredItems, actualItems)) return `the amendment lists the changes ${declaredItems.join(', ') || '(none)'}, but the versions differ in ${actualItems.join(', ') || '(none)'}`;
  for (const c of actual.changes) {
    const d = declared.changes.find((x) => x.item === c.item)!;
    if (!same(d.before, c.before)) return `the change of ${c.item} does not say what the amended version had`;
  }
  if (!same(declared.absences ?? null, actual.absences ?? null)) return 'the amendment’s absences are not the change between the versions';
  return null;
}
