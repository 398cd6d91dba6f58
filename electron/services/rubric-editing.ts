/**
 * Rubric editing: a new version saved from the app, and a version as a published rubric file, a
 * PDF signed by sales planning (rubric-file.ts; export, import).
 *
 * Decisions (docs/rules.md, decision 17 "Rubric editing"):
 * - Only HQ edits: chain roles planning (销售计划部), vp and hr may save a version; a regional
 *   manager may not, but imports the rubric file HQ hands out.
 * - Rubrics come only from HQ (docs/trust.md, "Rubrics"): a version saved here or imported from a
 *   rubric file signed by a trusted sales planning signer is published (known to the verifier:
 *   sheets scored with it are accepted); the unsigned JSON file of earlier versions is refused.
 * - The caller names the version it saves: it must be the next one of that id (latest built-in or
 *   stored + 1). Naming an existing version means someone saved first (conflict: reload).
 * - effectiveFrom may not be before the latest version's effectiveFrom (the same month is allowed:
 *   the new version then replaces it for that month; sheets already saved keep their version).
 * - A version with the same content as the latest one (apart from version and effectiveFrom) is
 *   refused: there is nothing to save.
 * - One rubric id per role (sheets take the rubric of the person's role), and a version keeps
 *   the role of its id.
 * - The file's hash shows that two copies are the same content; the signature shows who published it.
 */
import { isHqStep } from '../../shared/chain.ts';
import { canonicalJson, contentHash } from '../../shared/canonical.ts';
import type { FileData } from '../../shared/api/types.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS, loadRubric } from '../../shared/rubric/catalog.ts';
import { rubricProblems } from '../../shared/rubric/problems.ts';
import type { Rubric, RubricDefinition } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { decodeBase64, safeName } from './files.ts';
import { openStoredIdentity } from './identities.ts';
import { renderRubricFile, rubricFileJson, verifyRubricFile } from './rubric-file.ts';
import { knownRubrics, listRubrics, storeRubric } from './rubrics.ts';
import { trustedSigners } from './sheet-verify.ts';
import { signPdf } from '../signing/index.ts';
import { currentUser } from './settings.ts';

/** A rubric file is tens of kilobytes; anything far larger is not one. */
export const MAX_RUBRIC_FILE_BYTES = 1024 * 1024;

export function saveRubricVersion(db: Db, input: { definition: unknown }): Rubric {
  const user = currentUser(db);
  if (!user || !isHqStep(user.chainRole)) {
    throw new InputError(
      [{ field: 'user.chainRole', value: user?.chainRole ?? null, expected: 'an HQ role (planning, vp or hr): rubrics are edited at HQ; a regional manager imports the rubric file sales planning publishes (signed)' }],
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

/**
 * rubrics.export: a published rubric file (rubric-file.ts), a PDF signed by one of this app's
 * sales planning identities. Only a version known here (a built-in, or one HQ published) is
 * exported: a rubric a sheet once carried into this database is not HQ's.
 */
export async function exportRubricFile(db: Db, input: { id: string; version: number; fingerprint: string; passphrase: string; language?: 'zh' | 'en' }): Promise<FileData> {
  const ref = `${input.id}@${input.version}`;
  const stored = listRubrics(db).find((r) => r.id === input.id && r.version === input.version);
  if (!stored) throw new ServiceError('not-found', `rubric ${ref} is not known`, { code: 'not-found', what: 'rubric', id: ref });
  const rubric = knownRubrics(db).find((r) => r.hash === stored.hash);
  if (!rubric) {
    throw new ServiceError('conflict', `rubric ${ref} was not published by HQ here (it came with a sheet): only a built-in or a version saved or imported from a signed rubric file is exported`, {
      code: 'rubric-not-published',
      rubric: input.id,
      version: input.version,
    });
  }
  const { hash, ...definition } = rubric;
  // The file carries the hash loadRubric computes; check it once more here rather than trust it.
  if (contentHash(definition) !== hash) throw new Error(`rubric ${ref}: stored hash ${hash} does not match its content`);
  const identity = await openStoredIdentity(db, input.fingerprint, input.passphrase);
  if (identity.role !== 'planning') {
    throw new ServiceError('conflict', `a rubric file is signed by sales planning; the identity ${identity.name} signs for ${identity.role}`, {
      code: 'rubric-signer-not-planning',
      name: identity.name,
      role: identity.role,
    });
  }
  const file = rubricFileJson(rubric, { name: identity.name, fingerprint: identity.fingerprint });
  const pdf = await renderRubricFile(file, input.language ?? 'zh');
  const signed = await signPdf(pdf, identity, { reason: `rubric: ${ref}` });
  appendAudit(db, { action: 'rubric.publish', entity: 'rubric', entityId: ref, after: { hash, signer: identity.name, fingerprint: identity.fingerprint } });
  return { fileName: `rubric-${safeName(rubric.id)}-v${rubric.version}.pdf`, dataBase64: signed.toString('base64') };
}

/**
 * rubrics.import: a published rubric file, accepted only when signed by a trusted sales planning
 * signer (verifyRubricFile), then stored as published ('imported'). The unsigned JSON file of
 * earlier versions is refused (rubric-file-unsigned). Importing a version that is already here
 * with the same hash changes nothing (but marks it published) and returns it.
 */
export async function importRubricFile(db: Db, input: { fileName: string; dataBase64: string }): Promise<Rubric & { signer: { name: string; fingerprint: string } }> {
  const bytes = decodeBase64('dataBase64', input.dataBase64);
  if (bytes.length > MAX_RUBRIC_FILE_BYTES) {
    throw new InputError(
      [
        {
          field: 'file',
          value: input.fileName,
          expected: `a published rubric file of at most ${MAX_RUBRIC_FILE_BYTES / 1024} KB (this one has ${Math.ceil(bytes.length / 1024)} KB)`,
          rule: { code: 'file', reason: { code: 'rubric-file-too-big', fileName: input.fileName, bytes: bytes.length, max: MAX_RUBRIC_FILE_BYTES } },
        },
      ],
      'rubric file',
    );
  }
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    if (looksLikeJson(bytes)) {
      throw new ServiceError('conflict', `${input.fileName} is an unsigned rubric JSON file; a rubric is accepted only as a PDF signed by sales planning (ask HQ for the published rubric file)`, {
        code: 'rubric-file-unsigned',
        fileName: input.fileName,
      });
    }
    throw new InputError(
      [{ field: 'file', value: input.fileName, expected: 'a published rubric file: a PDF signed by sales planning', rule: { code: 'file', reason: { code: 'rubric-file-not-pdf', fileName: input.fileName } } }],
      'rubric file',
    );
  }
  const { verdict, rubric } = await verifyRubricFile(bytes, trustedSigners(db));
  if (!verdict.ok || !rubric) {
    const failure = verdict.failure ?? { check: 'data-check' as const, message: 'the file does not verify', reason: { code: 'unexpected' as const } };
    throw new ServiceError('conflict', `${input.fileName} is refused: ${failure.check}: ${failure.message}`, { code: 'file-not-verified', fileName: input.fileName, failure });
  }
  const signature = verdict.signatures[0]!;
  const signer = { name: signature.name, fingerprint: signature.fingerprint };
  return writeTransaction(db, () => {
    const versions = listRubrics(db).filter((r) => r.id === rubric.id);
    const same = versions.find((r) => r.version === rubric.version);
    if (same && same.hash !== rubric.hash) {
      throw new ServiceError('conflict', `${rubric.id}@${rubric.version} is already here with another content (${same.hash}, the file has ${rubric.hash}); the same version cannot mean two rubrics`, {
        code: 'rubric-version-differs',
        rubric: rubric.id,
        version: rubric.version,
      });
    }
    if (!same) checkRole(db, rubric, versions.at(-1));
    const builtin = BUILTIN_RUBRICS.some((b) => b.hash === rubric.hash);
    const wasKnown = knownRubrics(db).some((r) => r.hash === rubric.hash);
    if (!builtin) storeRubric(db, rubric, 'imported');
    if (!wasKnown) appendAudit(db, { action: 'rubric.import', entity: 'rubric', entityId: `${rubric.id}@${rubric.version}`, after: { ...ref(rubric), fileName: input.fileName, signer } });
    return { ...(same ?? rubric), signer };
  });
}

function looksLikeJson(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[');
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
