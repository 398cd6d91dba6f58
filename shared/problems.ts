import type { ZodError } from 'zod';
import type { ChainRole } from './chain.ts';
import type { DepartmentId } from './departments.ts';
import type { FileReason } from './refusals.ts';

/**
 * Input problems: every rejection names the field, the value it had and what is allowed, and
 * all problems of one input are reported together.
 */
export interface Problem {
  /** Where the problem is, e.g. `items["ad-plan"].occurrences` or `period`. */
  field: string;
  /** The value found there; absent when the field is missing. */
  value?: unknown;
  /** What would be accepted, in words (English: the CLI, files and logs show it). */
  expected: string;
  /** The same as data, for the problems a person can make in the app's forms: the UI words it in its language. */
  rule?: ProblemRule;
}

/** What is allowed, as data (the wording is the UI's: renderer/i18n `failure.rules`). */
export type ProblemRule =
  | { code: 'whole-number'; min: number; max: number }
  | { code: 'amount'; min: number; max: number }
  | { code: 'number'; min: number; max: number; decimals: number; unit?: 'percent' | 'yuan' }
  | { code: 'note-length'; max: number }
  | { code: 'at-most'; max: number }
  | { code: 'date' }
  | { code: 'date-time' }
  | { code: 'date-in-month'; period: string }
  | { code: 'date-once' }
  // A roster file's rows (roster.preview, roster.import), the values as the file may write them;
  // 'required' and 'identifier' also for the contract's texts.
  | { code: 'required' }
  /** An employee number or a region code. */
  | { code: 'identifier'; max: number }
  | { code: 'once-in-file'; line: number }
  | { code: 'one-line' }
  | { code: 'role'; names: string[]; ids: string[] }
  | { code: 'region-needed'; roles: string[] }
  /** `regions`: the active regions' names (the first few; `more` counts the rest). */
  | { code: 'region'; regions: string[]; more: number }
  | { code: 'region-code'; codes: string[] }
  | { code: 'active-region'; regions: string[]; more: number }
  | { code: 'month' }
  | { code: 'month-up-to'; month: string }
  // A salary/KPI file's rows (figures.preview, figures.import): whose figures they are.
  | { code: 'known-employee' }
  | { code: 'assessed-in'; period: string; name: string; from: string; to: string | null }
  /** `region`: the user is a regional manager (their region's people), else the month grid's. */
  | { code: 'in-view'; period: string; name: string; region: boolean }
  | { code: 'roster-name'; employeeNo: string; name: string }
  // The roster's forms (people.save, regions.save).
  | { code: 'unique-employee-no' }
  | { code: 'unique-region-code' }
  | { code: 'month-from'; month: string }
  // Pay settings: the split's parts.
  | { code: 'sum'; total: number; sum: number }
  // A file's header row (roster and salary/KPI imports).
  /** `missing`: each missing column as the names it may have, e.g. "工号 / employee no". */
  | { code: 'header-columns'; missing: string[] }
  | { code: 'one-column'; column: string; columns: { at: number; header: string }[] }
  /** `salary`: the salary column's names; `examples`: a few KPIs' names. */
  | { code: 'value-column'; salary: string; examples: string[] }
  // Signing identities and trusted certificates.
  /** The passphrase given does not open the identity (never echoed). */
  | { code: 'passphrase' }
  /** A file that is not a readable PKCS#12 (.p12/.pfx), certificate, or holds a key this app cannot use. */
  | { code: 'identity-file'; file: 'p12' | 'certificate' | 'key' }
  /** The role the certificate records; `role`: none given where the certificate records none. */
  | { code: 'certificate-role'; role: ChainRole | null }
  /** An e-mail address in ASCII (a signing identity's). */
  | { code: 'email' }
  /** One of the chain's steps (manager, planning, vp, hr). */
  | { code: 'chain-role' }
  // A department's findings file (findings.preview, findings.import, findings.resolve).
  /** The item is not on the person's rubric: `items`, the ones the department assesses there (titles). */
  | { code: 'finding-item'; rubric: string; department: DepartmentId; items: { zh: string; en: string }[] }
  /** The department does not assess the item: `assessors`, who does; `items`, what the department assesses. */
  | { code: 'not-assessed-by'; item: { zh: string; en: string }; department: DepartmentId; assessors: DepartmentId[]; items: { zh: string; en: string }[] }
  /** A value column the item does not take (`columns`: the ones it takes, by their Chinese header; none: a finding cannot give it). */
  | { code: 'finding-columns'; item: { zh: string; en: string }; columns: string[] }
  /** One of the options listed (grades, incident kinds, choices), named in both languages. */
  | { code: 'one-of'; options: { zh: string; en: string }[] }
  /** Line `line` gives the same person and item another grade. */
  | { code: 'one-grade'; line: number }
  /** No findings wait for the manager's choice on this item. */
  | { code: 'finding-open' }
  /** Marked ready while findings wait for the manager's choice on these items of `name`'s sheet. */
  | { code: 'finding-choice-waiting'; name: string; items: { zh: string; en: string }[] }
  // An uploaded file the import readers refuse as a whole (electron/import).
  | { code: 'file'; reason: FileReason };

export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], what = 'input') {
    super(formatProblems(problems, what));
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function formatProblem(p: Problem): string {
  const got = 'value' in p ? `got ${describeValue(p.value)}` : 'missing';
  return `${p.field}: ${got}; expected ${p.expected}`;
}

export function formatProblems(problems: readonly Problem[], what = 'input'): string {
  if (problems.length === 1) return `Invalid ${what}: ${formatProblem(problems[0]!)}`;
  return [`Invalid ${what} (${problems.length} problems):`, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

/** A JS property path segment: `.name` for identifiers, `["dotted.id"]` otherwise. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `obj` has no own keys but `allowed` (then unknownKeys has nothing to say): checked first, it builds nothing. */
export function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key) && !allowed.includes(key)) return false;
  return true;
}

/** Problems for keys of `obj` that are not in `allowed`. */
export function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], base: string): Problem[] {
  return Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ field: fieldPath(base, k), value: obj[k], expected: allowedFields(allowed) }));
}

function allowedFields(allowed: readonly string[]): string {
  return allowed.length ? `no such field (allowed here: ${allowed.join(', ')})` : 'no fields here';
}

/** Zod's issues as problems: the path as the field, the value found there, zod's message. */
export function zodProblems(error: ZodError, root: unknown): Problem[] {
  return error.issues.map((issue) => {
    // The same notation as every other problem: `sheets[3].status`, `items["ad-plan"].points`.
    const field = issue.path.length ? issue.path.reduce<string>((base, key) => fieldPath(base, typeof key === 'number' ? key : String(key)), '') : '(input)';
    let value: unknown = root;
    for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    const expected = issue.code === 'unrecognized_keys' ? `no unknown fields (${issue.keys.join(', ')})` : issue.message;
    const rule = zodRule(issue);
    const problem: Problem = value === undefined ? { field, expected } : { field, value, expected };
    return rule ? { ...problem, rule } : problem;
  });
}

/**
 * The rule of a contract problem a person can make in a form: an empty text, or a check that names
 * its rule (`params: { rule }`, as the contract's name and identifier do). Other limits (a file's
 * size, say) keep their own words.
 */
function zodRule(issue: ZodError['issues'][number]): ProblemRule | undefined {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
  if (issue.code === 'custom') return (issue.params as { rule?: ProblemRule } | undefined)?.rule;
  return undefined;
}
