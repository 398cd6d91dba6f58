/**
 * HR's import: fully approved signed score sheets into HR's own database.
 *
 * Rule: HR imports files that carry every signature of their chain, HR's last (HR approves in
 * its inbox, or `scorecard sign`, then imports). A file the verifier refuses, or one still
 * waiting for a step, is refused with the reason. Idempotent by the file's SHA-256: the same
 * file twice is one record. HR's roster is the authority (roster-trust.ts): the sheet's person must
 * be in it with the same name, region (code) and role, assessed in the sheet's month, which is not
 * after the current month, and the manager step signed by the region's manager; the sheet's rubric must be one HR
 * knows (a built-in, or a version HQ published: saved here or imported from a signed rubric
 * file), and the sheet is recomputed with it — a sheet never stores or activates a rubric;
 * the sheet is written with status 'approved' and its absences and hand-ins. Another file for a
 * person and month HR already imported replaces it only as a declared amendment of exactly the
 * version HR holds (docs/trust.md, "Amendments"): its `amendment.amends.sha256` is the exported
 * file of HR's current version (the first signed revision of the file HR imported), its number
 * the next one, and its declared changes the real ones from HR's version; every version is kept
 * (sheet_versions) with its file. Anything else is refused with its reason: an undeclared newer
 * export (sheet-already-imported, naming the imported file), an amendment of a version HR does
 * not hold (amends-unknown-version), declared changes that are not the real ones
 * (amendment-changes-differ); an amendment first signed by a later step fails the verifier
 * (amendment-not-by-first-step). Which of two signed files replaces the other is never decided by
 * comparing the times they write (a 9999 export time would win forever). The original signed
 * file is kept under <data dir>/received/YYYY-MM/. The KPIs the sheet carries (plan, actual and the
 * rest) are kept as figures "from the sheet, unconfirmed" where HR has none; where HR holds another
 * value, HR's is kept and the difference listed (sheet-figures.ts).
 */
import { IDENTIFIER } from '../../shared/identifier.ts';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FileData, HrImportOutcome } from '../../shared/api/types.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { writeTransaction } from '../db/transaction.ts';
import { knownRubricOf, type ScoresheetJson } from '../../shared/score-file.ts';
import type { TrustedSigner } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { dataPath, decodeBase64, safeName, sha256Hex } from './files.ts';
import { fileRow, recordReceived } from './inbox.ts';
import { yieldToEventLoop } from './jobs.ts';
import { knownRubrics, storeRubric } from './rubrics.ts';
import { checkAgainstRoster, withRosterChecks } from './roster-trust.ts';
import { changesDiffer } from '../../shared/amendment.ts';
import { ensureCurrentVersion, recordSignedVersion, versionContent, type AmendColumns } from './amendments.ts';
import { getPerson } from './people.ts';
import { sheetRow, writeSheetRow, type SheetRow } from './sheets.ts';
import { firstReceivedIn } from './sheet-times.ts';
import { recordSheetFigures } from './sheet-figures.ts';
import type { SheetFiguresOutcome } from '../../shared/api/report-types.ts';
import { type SheetVerification, signerInfo, trustedSigners, verifySheetPdf } from './sheet-verify.ts';

export interface HrImportOptions {
  /** Signers trusted for this import beside the database's list (the CLI's --trust folder). */
  extraTrusted?: TrustedSigner[];
}

/** hr.import: uploaded files and/or files already in the inbox (by SHA-256). */
export async function hrImport(db: Db, input: { files?: FileData[]; sha256?: string[] }, options: HrImportOptions = {}): Promise<HrImportOutcome[]> {
  const items: { fileName: string; bytes: Buffer }[] = [];
  (input.files ?? []).forEach((f, i) => items.push({ fileName: f.fileName, bytes: decodeBase64(`files[${i}].dataBase64`, f.dataBase64) }));
  for (const sha of input.sha256 ?? []) {
    const row = fileRow(db, sha);
    if (!row) throw new ServiceError('not-found', `there is no file ${sha} in this app`, { code: 'not-found', what: 'file', id: sha });
    items.push({ fileName: row.file_name, bytes: readFileSync(row.path) });
  }
  return importFiles(db, items, options);
}

export async function importFiles(db: Db, items: { fileName: string; bytes: Buffer }[], options: HrImportOptions = {}): Promise<HrImportOutcome[]> {
  const trusted = [...trustedSigners(db), ...(options.extraTrusted ?? [])];
  // Rubrics come from HQ, never from a sheet: the built-ins and the versions published here.
  const rubrics = knownRubrics(db);
  const outcomes: HrImportOutcome[] = [];
  for (const { fileName, bytes } of items) {
    await yieldToEventLoop();
    const sha256 = sha256Hex(bytes);
    const none = { employeeNo: null, period: null, personId: null, path: null };
    const known = fileRow(db, sha256);
    if (known?.state === 'imported' && known.sheet_id !== null) {
      const personId = (db.prepare('SELECT person_id FROM sheets WHERE id = ?').get(known.sheet_id) as { person_id: number }).person_id;
      outcomes.push({ fileName, sha256, outcome: 'already-imported', message: 'this file was imported before', employeeNo: known.employee_no, period: known.period, personId, path: known.path });
      continue;
    }
    // The manager step signed by the region's manager in HR's roster (roster-trust.ts).
    const v = withRosterChecks(db, await verifySheetPdf(bytes, trusted, { rubrics, firstReceived: firstReceivedIn(db) }));
    if (!v.verdict.ok || !v.data) {
      const failure = v.verdict.failure ?? { check: 'data-check' as const, message: 'the file does not verify', reason: { code: 'unexpected' as const } };
      outcomes.push({ fileName, sha256, outcome: 'refused', message: `${failure.check}: ${failure.message}`, refusal: { code: 'file-not-verified', fileName, failure }, ...none });
      continue;
    }
    if (!v.complete) {
      const signed = v.verdict.signatures.map((s) => s.role).join(' → ');
      outcomes.push({
        fileName,
        sha256,
        outcome: 'refused',
        message: `not fully approved: signed by ${signed}; the next step is ${v.nextStep}`,
        refusal: { code: 'not-fully-approved', signed: v.verdict.signatures.map((s) => s.role), next: v.nextStep },
        ...none,
        employeeNo: v.data.person.employeeNo,
        period: v.data.output.period,
      });
      continue;
    }
    try {
      outcomes.push(writeImport(db, fileName, bytes, sha256, v, rubrics));
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      outcomes.push({ fileName, sha256, outcome: 'refused', message: err.message, refusal: err.refusal, ...none, employeeNo: v.data.person.employeeNo, period: v.data.output.period });
    }
  }
  return outcomes;
}

function writeImport(db: Db, fileName: string, bytes: Buffer, sha256: string, v: SheetVerification, rubrics: readonly Rubric[]): HrImportOutcome {
  const data = v.data as ScoresheetJson;
  const { person, output } = data;
  const period = output.period;
  if (!IDENTIFIER.test(person.employeeNo)) {
    throw new ServiceError('conflict', `the employee number ${JSON.stringify(person.employeeNo)} is not one this app accepts (letters, digits and "-", at most 20)`, {
      code: 'file-identifier',
      what: 'employee-no',
      value: person.employeeNo,
    });
  }
  if (data.region && !IDENTIFIER.test(data.region.code)) {
    throw new ServiceError('conflict', `the region code ${JSON.stringify(data.region.code)} is not one this app accepts`, { code: 'file-identifier', what: 'region-code', value: data.region.code });
  }
  // The rubric known here (the verifier recomputed the sheet with it), never the sheet's copy.
  const known = knownRubricOf(data.rubric, rubrics);
  if (!('rubric' in known)) throw new Error(`the verified sheet's rubric is not known: ${known.message}`);
  const rubric = known.rubric;

  // HR's roster is the authority: a known person as the roster has them, a month they are assessed in.
  const personId = checkAgainstRoster(db, data);

  const path = join(dataPath(db, 'received', period), `${safeName(person.employeeNo)}-${period}-${sha256.slice(0, 12)}.pdf`);
  // A refusal rolls the database back; the copy of the file written for it goes too.
  const hadFile = existsSync(path);
  try {
    return writeImportRows(db, fileName, bytes, sha256, v, rubric, personId, path);
  } catch (err) {
    if (!hadFile) rmSync(path, { force: true });
    throw err;
  }
}

function writeImportRows(db: Db, fileName: string, bytes: Buffer, sha256: string, v: SheetVerification, rubric: Rubric, personId: number, path: string): HrImportOutcome {
  const data = v.data as ScoresheetJson;
  const { person, output, input } = data;
  const period = output.period;
  return writeTransaction(db, (): HrImportOutcome => {
    recordReceived(db, bytes, fileName, v, path);
    const now = new Date().toISOString();

    const personRow = { id: personId };
    storeRubric(db, rubric); // a built-in or a published version: the sheet row needs it here

    const existing = sheetRow(db, personRow.id, period) as (SheetRow & AmendColumns) | undefined;
    const from = existing
      ? (db.prepare("SELECT sha256, file_name, handled_at FROM sheet_files WHERE sheet_id = ? AND state = 'imported' ORDER BY handled_at DESC LIMIT 1").get(existing.id) as
          | { sha256: string; file_name: string; handled_at: string }
          | undefined)
      : undefined;
    const amendment = data.amendment;
    // The version HR holds, when it imported one (its record made from the sheet if kept before versions were).
    const held = existing && from ? ensureCurrentVersion(db, existing, getPerson(db, personRow.id)) : undefined;
    if (from && !amendment) {
      // One imported file per sheet: a replacement is a declared amendment.
      throw new ServiceError(
        'conflict',
        `the approved sheet of ${person.name} for ${period} was imported already from ${from.file_name} (file ${from.sha256.slice(0, 12)}…) at ${from.handled_at}; ` +
          'another file for it is not imported in its place (a correction comes as an amendment)',
        { code: 'sheet-already-imported', name: person.name, period, fileName: from.file_name, file: from.sha256.slice(0, 12), importedAt: from.handled_at },
      );
    }
    if (amendment) {
      const heldRef = held ? { version: held.version, file: held.sha256.slice(0, 12) } : null;
      if (!held || held.version !== amendment.amends.version || held.sha256 !== amendment.amends.sha256) {
        throw new ServiceError(
          'conflict',
          `the file is version ${amendment.version} of the sheet of ${person.name} for ${period}, amending version ${amendment.amends.version} (file ${amendment.amends.sha256.slice(0, 12)}…), ` +
            (held ? `but HR holds version ${held.version} (file ${held.sha256.slice(0, 12)}…)` : 'but HR has imported no version of it') +
            ': an amendment replaces exactly the version HR holds',
          { code: 'amends-unknown-version', name: person.name, period, version: amendment.amends.version, file: amendment.amends.sha256.slice(0, 12), held: heldRef },
        );
      }
      const differs = changesDiffer(amendment, versionContent(held), { input, result: output });
      if (differs) {
        throw new ServiceError('conflict', `the amendment (version ${amendment.version}) of the sheet of ${person.name} for ${period} does not declare what changed from the version HR holds: ${differs}`, {
          code: 'amendment-changes-differ',
          name: person.name,
          period,
          version: amendment.version,
        });
      }
      if (existing) {
        statement(db, 'UPDATE sheets SET amends_version = ?, amends_sha256 = ?, amend_reason = ? WHERE id = ?').run(amendment.amends.version, amendment.amends.sha256, amendment.reason, existing.id);
      }
    }

    const version = amendment?.version ?? 1;
    const sheetId = writeSheetRow(db, existing?.id ?? null, { personId: personRow.id, rubric, status: 'approved', input, result: output, revision: (existing?.revision ?? 0) + 1 });
    recordSignedVersion(db, {
      sheetId,
      version,
      rubric: { id: rubric.id, version: rubric.version },
      input,
      result: output,
      sha256: v.exportSha256 ?? sha256,
      fileSha256: sha256,
      amendsSha256: amendment?.amends.sha256 ?? null,
      reason: amendment?.reason ?? null,
      signedAt: now,
    });

    db.prepare("UPDATE sheet_files SET sheet_id = ?, state = 'imported', handled_at = ? WHERE sha256 = ?").run(sheetId, now, sha256);
    // The figures the sheet carries: from the sheet, unconfirmed; HR's own kept where they differ (sheet-figures.ts).
    const figures = recordSheetFigures(db, getPerson(db, personRow.id), period, data.kpis, sha256);
    const figuresNote = figuresMessage(figures);
    const signers = v.verdict.signatures.map(signerInfo);
    const replaced = existing !== undefined;
    appendAudit(db, {
      action: amendment ? 'sheet.import-amendment' : replaced ? 'sheet.import-replace' : 'sheet.import',
      entity: 'sheet',
      entityId: `${person.employeeNo}/${period}`,
      before: existing ? { status: existing.status, version: held?.version ?? null, file: from?.sha256 ?? null, monthlyScore: (JSON.parse(existing.result) as { monthlyScore: number }).monthlyScore } : null,
      after: {
        status: 'approved',
        version,
        ...(amendment ? { amends: amendment.amends, reason: amendment.reason, changes: amendment.changes } : {}),
        file: sha256,
        fileName,
        monthlyScore: output.monthlyScore,
        signers: signers.map((s) => ({ role: s.role, name: s.name, at: s.signingTime })),
      },
    });
    if (amendment) {
      return {
        fileName,
        sha256,
        outcome: 'replaced',
        message: `imported version ${version} of the sheet of ${person.name} for ${period}, amending version ${amendment.amends.version} (kept): ${amendment.reason}${figuresNote}`,
        employeeNo: person.employeeNo,
        period,
        personId: personRow.id,
        path,
        version,
        figures,
      };
    }
    return {
      fileName,
      sha256,
      outcome: existing ? 'replaced' : 'imported',
      message: (existing ? `replaced the sheet of ${person.name} for ${period} (not imported from a file) with this approved export` : `imported the approved sheet of ${person.name} for ${period}`) + figuresNote,
      employeeNo: person.employeeNo,
      period,
      personId: personRow.id,
      path,
      version,
      figures,
    };
  });
}

/** The outcome's words on the sheet's figures (empty when it carries none). */
function figuresMessage(f: SheetFiguresOutcome): string {
  const parts: string[] = [];
  if (f.stored.length) parts.push(`kept ${f.stored.length} figure${f.stored.length === 1 ? '' : 's'} from the sheet, unconfirmed (${f.stored.join(', ')})`);
  if (f.conflicts.length) parts.push(`${f.conflicts.length} differ${f.conflicts.length === 1 ? 's' : ''} from HR's, kept HR's: ${f.conflicts.map((c) => `${c.kpi} HR ${c.hrValue}, sheet ${c.sheetValue}`).join('; ')}`);
  return parts.length ? `; ${parts.join('; ')}` : '';
}
