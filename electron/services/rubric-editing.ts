/**
 * Rubric editing: a new version saved from the app, and a version as a JSON file (export, import).
 *
 * Decisions (docs/rules.md, decision 17 "Rubric editing"):
 * - Only HQ edits: chain roles planning (销售计划部), vp and hr may save a version; a regional
 *   manager may not, but may import the JSON file HQ hands out.
 * - The caller names the version it saves: it must be the next one of that id (latest built-in or
 *   stored + 1). Naming an existing version means someone saved first (conflict: reload).
 * - effectiveFrom may not be before the latest version's effectiveFrom (the same month is allowed:
 *   the new version then replaces it for that month; sheets already saved keep their version).
 * - A version with the same content as the latest one (apart from version and effectiveFrom) is
 *   refused: there is nothing to save.
 * - One rubric id per role (sheets take the rubric of the person's role), and a version keeps
 *   the role of its id.
 * - The file's hash shows that two copies are the same content; it is not a signature.
 */
import { canonicalJson, contentHash } from '../../shared/canonical.ts';
import type { FileData } from '../../shared/api/types.ts';
import { InputError, isPlainObject, type Problem } from '../../shared/problems.ts';
import { loadRubric } from '../../shared/rubric/catalog.ts';
import { rubricProblems } from '../../shared/rubric/problems.ts';
import type { Rubric, RubricDefinition } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { decodeBase64, safeName } from './files.ts';
import { listRubrics, storeRubric } from './rubrics.ts';
import { currentUser } from './settings.ts';

/** What a rubric JSON file says it is. */
export const RUBRIC_FILE_FORMAT = 'scorecard-rubric';
/** A rubric is a few kilobytes; anything far larger is not one. */
export const MAX_RUBRIC_FILE_BYTES = 1024 * 1024;
const HQ_ROLES = ['planning', 'vp', 'hr'] as const;

export function saveRubricVersion(db: Db, input: { definition: unknown }): Rubric {
  const user = currentUser(db);
  if (!user || !(HQ_ROLES as readonly string[]).includes(user.chainRole)) {
    throw new InputError(
      [{ field: 'user.chainRole', value: user?.chainRole ?? null, expected: 'an HQ role (planning, vp or hr): rubrics are edited at HQ; a regional manager imports the JSON file HQ hands out' }],
      'rubric edit',
    );
  }
  // Every problem of the definition at once, each at its field (validation changes nothing).
  const rubric = checkedRubric(input.definition);
  return writeTransaction(db, () => {
    const versions = listRubrics(db).filter((r) => r.id === rubric.id);
    const latest = versions.at(-1);
    checkRole(db, rubric, latest);
    const next = (latest?.version ?? 0) + 1;
    if (latest && rubric.version <= latest.version) {
      throw new ServiceError('conflict', `${rubric.id}@${rubric.version} already exists (the latest version is ${latest.version}); reload the rubric and edit the latest version`, {
        code: 'rubric-version-taken',
        rubric: rubric.id,
        version: rubric.version,
        latest: latest.version,
      });
    }
    const problems: Problem[] = [];
    if (rubric.version !== next) problems.push({ field: 'version', value: rubric.version, expected: `${next}, the next version of ${rubric.id}` });
    if (latest && rubric.effectiveFrom < latest.effectiveFrom) {
      problems.push({ field: 'effectiveFrom', value: rubric.effectiveFrom, expected: `${latest.effectiveFrom} or later (${rubric.id}@${latest.version} is in force from ${latest.effectiveFrom})` });
    }
    if (problems.length) throw new InputError(problems, 'rubric');
    if (latest && sameContent(latest, rubric)) {
      throw new InputError([{ field: 'definition', expected: `a change: the content is the same as ${rubric.id}@${latest.version}, there is nothing to save` }], 'rubric');
    }
    storeRubric(db, rubric, 'saved');
    appendAudit(db, {
      action: 'rubric.save',
      entity: 'rubric',
      entityId: `${rubric.id}@${rubric.version}`,
      before: latest ? ref(latest) : null,
      after: ref(rubric),
    });
    return rubric;
  });
}

export function exportRubricJson(db: Db, input: { id: string; version: number }): FileData {
  const rubric = listRubrics(db).find((r) => r.id === input.id && r.version === input.version);
  if (!rubric) throw new ServiceError('not-found', `rubric ${input.id}@${input.version} is not known`, { code: 'not-found', what: 'rubric', id: `${input.id}@${input.version}` });
  const { hash, ...definition } = rubric;
  // The file carries the hash loadRubric computes; check it once more here rather than trust it.
  if (contentHash(definition) !== hash) throw new Error(`rubric ${rubric.id}@${rubric.version}: stored hash ${hash} does not match its content`);
  const file = { format: RUBRIC_FILE_FORMAT, hash, definition: JSON.parse(canonicalJson(definition)) as unknown };
  return {
    fileName: `rubric-${safeName(rubric.id)}-v${rubric.version}.json`,
    dataBase64: Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8').toString('base64'),
  };
}

/**
 * A rubric JSON file (from exportRubricJson): checked for shape, content and hash, then stored.
 * Importing a version that is already here with the same hash changes nothing and returns it.
 */
export function importRubricJson(db: Db, input: { fileName: string; dataBase64: string }): Rubric {
  const { hash, definition } = readRubricFile(input);
  const found = contentHash(definition);
  if (found !== hash) {
    throw new InputError(
      [{ field: 'hash', value: hash, expected: `the hash of the file's content, ${found}: the rubric was changed after it was exported; ask HQ for the file again` }],
      'rubric file',
    );
  }
  const rubric = prefixed(() => checkedRubric(definition), 'definition');
  return writeTransaction(db, () => {
    const versions = listRubrics(db).filter((r) => r.id === rubric.id);
    const same = versions.find((r) => r.version === rubric.version);
    if (same?.hash === rubric.hash) return same;
    if (same) {
      throw new ServiceError('conflict', `${rubric.id}@${rubric.version} is already here with another content (${same.hash}, the file has ${rubric.hash}); the same version cannot mean two rubrics`, {
        code: 'rubric-version-differs',
        rubric: rubric.id,
        version: rubric.version,
      });
    }
    checkRole(db, rubric, versions.at(-1));
    storeRubric(db, rubric, 'imported');
    appendAudit(db, { action: 'rubric.import', entity: 'rubric', entityId: `${rubric.id}@${rubric.version}`, after: { ...ref(rubric), fileName: input.fileName } });
    return rubric;
  });
}

function readRubricFile(input: { fileName: string; dataBase64: string }): { hash: string; definition: unknown } {
  const refuse = (expected: string, field = 'file', value: unknown = input.fileName): InputError => new InputError([{ field, value, expected }], 'rubric file');
  const bytes = decodeBase64('dataBase64', input.dataBase64);
  if (bytes.length > MAX_RUBRIC_FILE_BYTES) throw refuse(`a rubric JSON file of at most ${MAX_RUBRIC_FILE_BYTES / 1024} KB (this one has ${Math.ceil(bytes.length / 1024)} KB)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse('a UTF-8 text file (a rubric JSON exported by this app)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw refuse(`valid JSON (${err instanceof Error ? err.message : 'it does not parse'})`);
  }
  if (!isPlainObject(json) || json.format !== RUBRIC_FILE_FORMAT) {
    throw refuse(`a rubric file exported by this app: a JSON object with "format": "${RUBRIC_FILE_FORMAT}", "hash" and "definition"`, 'format', isPlainObject(json) ? json.format : json);
  }
  const problems: Problem[] = [];
  if (typeof json.hash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(json.hash)) {
    problems.push({ field: 'hash', ...(json.hash === undefined ? {} : { value: json.hash }), expected: 'the content hash, "sha256:" and 64 hex digits' });
  }
  if (!isPlainObject(json.definition)) problems.push({ field: 'definition', ...(json.definition === undefined ? {} : { value: json.definition }), expected: 'the rubric definition (an object)' });
  const extra = Object.keys(json).filter((k) => !['format', 'hash', 'definition'].includes(k));
  for (const k of extra) problems.push({ field: k, value: json[k], expected: 'no such field (allowed: format, hash, definition)' });
  if (problems.length) throw new InputError(problems, 'rubric file');
  return { hash: json.hash as string, definition: json.definition };
}

/** A new id must be the only rubric of its role; a new version keeps its id's role. */
function checkRole(db: Db, rubric: RubricDefinition, latest: Rubric | undefined): void {
  if (latest && latest.role !== rubric.role) {
    throw new InputError([{ field: 'role', value: rubric.role, expected: `${latest.role}, the role of ${rubric.id} (a new version keeps its role)` }], 'rubric');
  }
  const other = listRubrics(db).find((r) => r.role === rubric.role && r.id !== rubric.id);
  if (other) {
    throw new InputError(
      [{ field: 'id', value: rubric.id, expected: `${other.id}: the rubric of the role ${rubric.role} (a role has one rubric; change it by saving a new version of ${other.id})` }],
      'rubric',
    );
  }
}

/** Same rules, items and weights: everything but the version number and the month it starts. */
function sameContent(a: RubricDefinition, b: RubricDefinition): boolean {
  const content = (r: RubricDefinition) => canonicalJson({ ...r, version: undefined, effectiveFrom: undefined, hash: undefined });
  return content(a) === content(b);
}

function ref(r: Rubric): { id: string; version: number; effectiveFrom: string; hash: string } {
  return { id: r.id, version: r.version, effectiveFrom: r.effectiveFrom, hash: r.hash };
}

/** loadRubric, with each problem at the field it concerns (rubricProblems). */
function checkedRubric(definition: unknown): Rubric {
  const problems = rubricProblems(definition);
  if (problems.length) throw new InputError(problems, 'rubric');
  return loadRubric(definition);
}

/** Run `load`, prefixing the fields its problems name (they are relative to the definition). */
function prefixed<T>(load: () => T, prefix: string): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(
      err.problems.map((p) => ({ ...p, field: p.field === '(input)' ? prefix : `${prefix}.${p.field}` })),
      'rubric in the file',
    );
  }
}
