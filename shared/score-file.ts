/**
 * The score file's format (docs/spec/score-file.md, "Embedded in the PDF"): the one home of the
 * data an exported sheet embeds, its file name, its builder and its check. The PDF renderer
 * writes it, the verifier and HR's import read it.
 */
import { amendmentProblem, type Amendment } from './amendment.ts';
import { sourcesProblem } from './findings.ts';
import type { ChainRole, Person, SheetRecord } from './api/types.ts';
import { checkKpiValues, type KpiValues } from './kpi.ts';
import { InputError, formatProblems, isPlainObject } from './problems.ts';
import type { RubricTrustReason } from './refusals.ts';
import { BUILTIN_RUBRICS, loadRubric, SUPERSEDED_FROM } from './rubric/catalog.ts';
import { ROLE_IDS, type RoleId, type Rubric } from './rubric/schema.ts';
import { scoreSheet, type SheetResult } from './scoring/engine.ts';
import { validateSheetInput, type SheetInput } from './scoring/input.ts';

/** The name of the embedded file, in score sheets and return notes alike. */
export const SCORE_FILE_NAME = 'scoresheet.json';
export const SCORESHEET_FORMAT = 'scoresheet/1';
/** A return note embeds a file of the same name in this format. */
export const RETURN_NOTE_FORMAT = 'returnnote/1';

/** One signed step of the approval chain. */
export interface ChainEntry {
  role: ChainRole;
  /** Who signed. */
  name: string;
  /** When, ISO 8601. */
  at: string;
}

/** The data embedded in every exported sheet, for HR's import and for signing. */
export interface ScoresheetJson {
  format: typeof SCORESHEET_FORMAT;
  input: SheetInput;
  output: SheetResult;
  /** The full rubric definition the sheet was scored with, including its hash. */
  rubric: Rubric;
  person: Person;
  chain: ChainEntry[];
  exportedAt: string;
  /** The person's region (code and name), when the exporter knows it. */
  region?: { code: string; name: string };
  /** An amendment of a signed version (shared/amendment.ts): its number, the version it amends, the reason and what changed. */
  amendment?: Amendment;
  /**
   * The KPIs the exporting app recorded for the person's month (ids of shared/kpi.ts; plan and
   * actual quantity among them), when it had any: for information, never part of the score. HR
   * keeps them as figures "from the sheet, unconfirmed" (a sheet is not the authority for a plan).
   */
  kpis?: KpiValues;
}

export function scoresheetJson(
  record: SheetRecord,
  chain: readonly ChainEntry[] = [],
  exportedAt: string = new Date().toISOString(),
  region?: { code: string; name: string },
  amendment?: Amendment,
  kpis?: KpiValues,
): ScoresheetJson {
  return {
    format: SCORESHEET_FORMAT,
    input: record.input,
    output: record.result,
    rubric: record.rubric,
    person: record.person,
    chain: [...chain],
    exportedAt,
    ...(region ? { region: { code: region.code, name: region.name } } : {}),
    ...(amendment ? { amendment } : {}),
    ...(kpis && Object.keys(kpis).length ? { kpis: { ...kpis } } : {}),
  };
}

/** The first place two JSON values differ, as "path: a vs b", or null when equal. */
function firstDifference(embedded: unknown, recomputed: unknown, path: string): string | null {
  if (Array.isArray(recomputed)) {
    if (!Array.isArray(embedded)) return `${path}: the file has ${short(embedded)}, recomputed a list`;
    if (embedded.length !== recomputed.length) return `${path}: the file has ${embedded.length} entries, recomputed ${recomputed.length}`;
    for (let i = 0; i < recomputed.length; i++) {
      const d = firstDifference(embedded[i], recomputed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (recomputed !== null && typeof recomputed === 'object') {
    if (!isPlainObject(embedded)) return `${path}: the file has ${short(embedded)}, recomputed an object`;
    const keys = new Set([...Object.keys(recomputed), ...Object.keys(embedded)]);
    for (const key of keys) {
      const d = firstDifference(embedded[key], (recomputed as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  if (embedded === recomputed) return null; // numbers: -0 === 0, as JSON has it

  return `${path}: the file says ${short(embedded)}, recomputed ${short(recomputed)}`;
}

function short(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Whether a sheet's rubric is one the receiver knows (docs/trust.md, "Rubrics"): `known` holds
 * every rubric it accepts (the built-ins, and the versions HQ published there). A rubric comes
 * from HQ, never from a sheet: the embedded copy is only compared with the known one. Returns
 * the known rubric, or why the sheet's is not known, naming it.
 */
export function knownRubricOf(
  embedded: Pick<Rubric, 'id' | 'version' | 'hash'>,
  known: readonly Rubric[],
): { rubric: Rubric } | { message: string; reason: RubricTrustReason } {
  const { id, version, hash } = embedded;
  const same = known.find((r) => r.id === id && r.version === version);
  if (!same) {
    return { message: `the sheet's rubric ${id}@${version} (${hash}) is not one this app knows: a rubric comes from HQ (a built-in, or a version published by sales planning and imported here), never from a sheet`, reason: { code: 'unknown-rubric', id, version, hash } };
  }
  if (same.hash !== hash) {
    return {
      message: `the sheet's rubric ${id}@${version} has the hash ${hash}, but ${id}@${version} here is ${same.hash}: the sheet was scored with another content under a known version`,
      reason: { code: 'rubric-hash-mismatch', id, version, hash, known: same.hash },
    };
  }
  return { rubric: same };
}

/**
 * Check an embedded scoresheet.json: its shape, the rubric (valid, its hash its content's, and a
 * rubric the receiver knows: `known`, the built-ins when not given), the input (valid against
 * that rubric), and the output, recomputed by the shared engine with the known rubric, equal in
 * every field. Returns the reason it fails (with its reason as data when the rubric is not
 * known), or null.
 */
export function checkScoresheet(json: unknown, known: readonly Rubric[] = BUILTIN_RUBRICS): string | { message: string; reason: RubricTrustReason } | null {
  if (!isPlainObject(json)) return 'scoresheet.json is not a JSON object';
  if (json.format !== SCORESHEET_FORMAT) {
    if (json.format === RETURN_NOTE_FORMAT) return 'this file is a return note, not a score sheet (import it with the return notes)';
    return `scoresheet.json has format ${short(json.format)}; expected "${SCORESHEET_FORMAT}"`;
  }
  for (const key of ['input', 'output', 'rubric', 'person', 'chain', 'exportedAt']) {
    if (!(key in json)) return `scoresheet.json has no "${key}"`;
  }
  if (!isPlainObject(json.rubric)) return 'the embedded rubric is not an object';
  const { hash, ...definition } = json.rubric;
  let rubric: Rubric;
  try {
    rubric = loadRubric(definition);
  } catch (err) {
    if (err instanceof InputError) return `the embedded rubric is not valid: ${formatProblems(err.problems, 'rubric')}`;
    throw err;
  }
  if (hash !== rubric.hash) return `the embedded rubric's hash ${short(hash)} is not the hash of its content (${rubric.hash})`;
  const trusted = knownRubricOf(rubric, known);
  if (!('rubric' in trusted)) return trusted;
  rubric = trusted.rubric;

  const checked = validateSheetInput(json.input, [rubric]);
  if (!checked.ok) return `the embedded input does not fit the embedded rubric: ${formatProblems(checked.problems, 'input')}`;
  if (checked.rubric.hash !== rubric.hash) return 'the embedded input names another rubric than the embedded one';
  const from = SUPERSEDED_FROM[`${rubric.id}@${rubric.version}`];
  if (from !== undefined && checked.input.period >= from) {
    const { id, version } = rubric;
    const period = checked.input.period;
    return { message: `the sheet of ${period} is scored with ${id}@${version}, which the revised rules replaced for sheets from ${from} on`, reason: { code: 'rubric-superseded', id, version, period, from } };
  }
  const recomputed: unknown = JSON.parse(JSON.stringify(scoreSheet(checked.input, rubric)));
  const difference = firstDifference(json.output, recomputed, 'output');
  if (difference) return `the embedded numbers do not match a recomputation with the rubric ${rubric.id}@${rubric.version} known here: ${difference}`;
  // Each value's sources (score-file.md: department, file, row, date, or the manager) make up the value.
  const sources = sourcesProblem(checked.input.items, checked.input.handIns);
  if (sources) return `the embedded input's sources do not hold together: ${sources}`;

  const person = json.person;
  if (!isPlainObject(person) || typeof person.employeeNo !== 'string' || typeof person.name !== 'string' || !ROLE_IDS.includes(person.role as RoleId)) {
    return 'the embedded person is not { employeeNo, name, role }';
  }
  if (person.role !== rubric.role) return `the person is a ${String(person.role)} but the rubric ${rubric.id} is for ${rubric.role}`;
  const named = checked.input.person;
  if (!named || named.id !== person.employeeNo || named.name !== person.name) return 'the person of the input is not the person of the sheet';
  if (!Array.isArray(json.chain)) return 'the embedded chain is not a list';
  if (typeof json.exportedAt !== 'string') return 'exportedAt is not a time';
  if ('region' in json && json.region !== undefined) {
    const region = json.region;
    if (!isPlainObject(region) || typeof region.code !== 'string' || typeof region.name !== 'string') return 'the embedded region is not { code, name }';
  }
  if ('kpis' in json && json.kpis !== undefined) {
    const problems = checkKpiValues(json.kpis, 'kpis');
    if (problems.length) return `the embedded KPIs are not valid: ${formatProblems(problems, 'kpis')}`;
  }
  const amendment = amendmentProblem(json.amendment, checked.input, recomputed as SheetResult);
  if (amendment) return `the embedded amendment does not hold together: ${amendment}`;
  return null;
}

