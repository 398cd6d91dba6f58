/**
 * Amendments (docs/trust.md, "Amendments"): a signed sheet never changes silently. Once a sheet is
 * signed, a change to it is a numbered amendment (version 2, 3…) with a required reason, authored
 * only in the app of the sheet's first step (the regional manager; sales planning for a regional
 * manager's own sheet). Every signed version stays stored (sheet_versions, migration 007): its
 * input, result, rubric, the SHA-256 of its exported file and when.
 *
 * - sheets.amend (amendSheet) stores the new content as the sheet's current one with status
 *   'ready' and `amends: { version, sha256 }` (the version it amends and that version's exported
 *   file), keeping the rubric version of the first signed version; export signs it, and its file
 *   carries the amendment (amendmentForExport: the reason and the changes item by item).
 * - export records each signed version (recordSignedVersion).
 * - HR's import keeps every version with its file (hr-import.ts).
 */
import { amendmentChanges, hasChanges, type Amendment, type VersionContent } from '../../shared/amendment.ts';
import type { AmendedSheet, Person, SheetAmendmentInfo, SheetEntry, SheetRecord, SheetVersionInfo } from '../../shared/api/types.ts';
import { firstStepFor } from '../../shared/chain.ts';
import { InputError } from '../../shared/problems.ts';
import { scoreSheet, type SheetResult } from '../../shared/scoring/engine.ts';
import { validateSheetInput, type SheetInput } from '../../shared/scoring/input.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { writeTransaction } from '../db/transaction.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { getPerson } from './people.ts';
import { rubricCatalog, rubricVersion } from './rubrics.ts';
import { currentUser } from './settings.ts';
import { saveStamp, sheetRow, storedInput, writeSheetRow, type SheetRow } from './sheets.ts';

/** A stored version (sheet_versions). */
export interface VersionRow {
  sheet_id: number;
  version: number;
  rubric_id: string;
  rubric_version: number;
  input: string;
  result: string;
  sha256: string;
  file_sha256: string | null;
  amends_sha256: string | null;
  reason: string | null;
  signed_at: string;
}

/** The amendment columns of a sheet row (migration 007). */
export interface AmendColumns {
  amends_version: number | null;
  amends_sha256: string | null;
  amend_reason: string | null;
}

/** The number of the version a sheet's current content is: 1, or one more than the version it amends. */
export function currentVersionNo(row: Partial<AmendColumns>): number {
  return (row.amends_version ?? 0) + 1;
}

/** The sheet's current content as an amendment, or null (version 1). */
export function amendmentInfo(row: Partial<AmendColumns>): SheetAmendmentInfo | null {
  if (row.amends_version == null || row.amends_sha256 == null || row.amend_reason == null) return null;
  return { version: row.amends_version + 1, amends: { version: row.amends_version, sha256: row.amends_sha256 }, reason: row.amend_reason };
}

export function versionRow(db: Db, sheetId: number, version: number): VersionRow | undefined {
  return statement(db, 'SELECT * FROM sheet_versions WHERE sheet_id = ? AND version = ?').get(sheetId, version) as VersionRow | undefined;
}

/** Every signed version kept of a sheet, oldest first; an amendment with what changed from the version before it, when that one is kept. */
export function sheetVersions(db: Db, sheetId: number): SheetVersionInfo[] {
  const rows = statement(db, 'SELECT * FROM sheet_versions WHERE sheet_id = ? ORDER BY version').all(sheetId) as VersionRow[];
  return rows.map((v) => {
    const amended = v.version > 1 ? rows.find((r) => r.version === v.version - 1) : undefined;
    return {
      version: v.version,
      sha256: v.sha256,
      fileSha256: v.file_sha256,
      signedAt: v.signed_at,
      reason: v.reason,
      amendsSha256: v.amends_sha256,
      rubric: `${v.rubric_id}@${v.rubric_version}`,
      monthlyScore: (JSON.parse(v.result) as SheetResult).monthlyScore,
      changes: amended ? amendmentChanges(versionContent(amended), versionContent(v)) : null,
    };
  });
}

/**
 * The sheet's current content as an amendment (amendmentInfo) with what it changes from the
 * version it amends, when that version is kept: an amendment saved and not yet exported has no
 * version record, and the editor's history shows its changes from here.
 */
export function currentAmendment(db: Db, row: { id: number } & Partial<AmendColumns>, content: VersionContent): SheetAmendmentInfo | null {
  const info = amendmentInfo(row);
  if (!info) return null;
  const amended = versionRow(db, row.id, info.amends.version);
  return amended ? { ...info, changes: amendmentChanges(versionContent(amended), content) } : info;
}

export function versionContent(v: VersionRow): VersionContent {
  return { input: JSON.parse(v.input) as SheetInput, result: JSON.parse(v.result) as SheetResult };
}

/** What one signed version is, to record it. */
export interface SignedVersion {
  sheetId: number;
  version: number;
  rubric: { id: string; version: number };
  input: SheetInput;
  result: SheetResult;
  /** The exported file's SHA-256 (first signed revision). */
  sha256: string;
  /** At HR: the imported file's. */
  fileSha256?: string | null;
  amendsSha256: string | null;
  reason: string | null;
  signedAt: string;
}

/**
 * Record a signed version (inside the caller's transaction). The same version exported again (a
 * re-export before a reviewer countersigned, or after a return) replaces its record: a version
 * is what was last signed under its number; an amendment is a new number.
 */
export function recordSignedVersion(db: Db, v: SignedVersion): void {
  statement(
    db,
    `INSERT INTO sheet_versions (sheet_id, version, rubric_id, rubric_version, input, result, sha256, file_sha256, amends_sha256, reason, signed_at)
     VALUES (@sheet_id, @version, @rubric_id, @rubric_version, @input, @result, @sha256, @file_sha256, @amends_sha256, @reason, @signed_at)
     ON CONFLICT (sheet_id, version) DO UPDATE SET rubric_id = excluded.rubric_id, rubric_version = excluded.rubric_version, input = excluded.input,
       result = excluded.result, sha256 = excluded.sha256, file_sha256 = excluded.file_sha256, amends_sha256 = excluded.amends_sha256,
       reason = excluded.reason, signed_at = excluded.signed_at`,
  ).run({
    sheet_id: v.sheetId,
    version: v.version,
    rubric_id: v.rubric.id,
    rubric_version: v.rubric.version,
    input: JSON.stringify(v.input),
    result: JSON.stringify(v.result),
    sha256: v.sha256,
    file_sha256: v.fileSha256 ?? null,
    amends_sha256: v.amendsSha256,
    reason: v.reason,
    signed_at: v.signedAt,
  });
}

/**
 * The record of the current signed version of a sheet, made from the sheet itself when it has
 * none (a sheet signed, or imported at HR, before versions were kept: its content is that
 * version): the file it came in is the latest export of it here, or HR's imported file.
 * Undefined when no signed file of it is known here.
 */
export function ensureCurrentVersion(db: Db, row: SheetRow & Partial<AmendColumns>, person: Person): VersionRow | undefined {
  const number = currentVersionNo(row);
  const kept = versionRow(db, row.id, number);
  if (kept) return kept;
  const imported = statement(db, "SELECT sha256, export_sha256, handled_at FROM sheet_files WHERE sheet_id = ? AND state = 'imported' ORDER BY handled_at DESC LIMIT 1").get(row.id) as
    | { sha256: string; export_sha256: string | null; handled_at: string }
    | undefined;
  const exported = statement(db, "SELECT sha256, received_at FROM sheet_files WHERE sheet_id = ? AND kind = 'export' ORDER BY received_at DESC, rowid DESC LIMIT 1").get(row.id) as
    | { sha256: string; received_at: string }
    | undefined;
  const file = imported?.export_sha256 ? { sha256: imported.export_sha256, fileSha256: imported.sha256, at: imported.handled_at } : exported ? { sha256: exported.sha256, fileSha256: null, at: exported.received_at } : null;
  if (!file) return undefined;
  recordSignedVersion(db, {
    sheetId: row.id,
    version: number,
    rubric: { id: row.rubric_id, version: row.rubric_version },
    input: storedInput(db, row, person),
    result: JSON.parse(row.result) as SheetResult,
    sha256: file.sha256,
    fileSha256: file.fileSha256,
    amendsSha256: row.amends_sha256 ?? null,
    reason: row.amend_reason ?? null,
    signedAt: file.at,
  });
  return versionRow(db, row.id, number);
}

/** The amendment block an export of this sheet carries (in its data and on its page), or undefined for version 1. */
export function amendmentForExport(db: Db, record: SheetRecord): Amendment | undefined {
  if (!record.amendment) return undefined;
  const row = sheetRow(db, record.person.id, record.period);
  const amended = row ? versionRow(db, row.id, record.amendment.amends.version) : undefined;
  if (!amended) throw new Error(`the version ${record.amendment.amends.version} that the sheet of ${record.person.name} for ${record.period} amends is not kept`);
  const diff = amendmentChanges(versionContent(amended), { input: record.input, result: record.result });
  return { version: record.amendment.version, amends: record.amendment.amends, reason: record.amendment.reason, ...diff };
}

export interface AmendSheetInput {
  personId: number;
  period: string;
  entry: SheetEntry | { items?: unknown; absences?: unknown; handIns?: unknown };
  reason: string;
  expectedRevision: number;
}

/**
 * sheets.amend: a change to a signed (or, here, approved) sheet, as a numbered amendment with its
 * reason. Only the app of the sheet's first step authors it (the user's chain role is the first
 * step of the person's chain); the entry is validated against the rubric version the sheet was
 * first signed with; the sheet becomes 'ready' carrying `amends` (to be exported and signed); the
 * audit log records 'sheet.amend' with the reason and the sheet before and after.
 */
export function amendSheet(db: Db, input: AmendSheetInput): AmendedSheet {
  return writeTransaction(db, () => {
    const person = getPerson(db, input.personId);
    const { name } = person;
    const period = input.period;
    const reason = input.reason.trim();
    const first = firstStepFor(person.role);
    const user = currentUser(db);
    if (user?.chainRole !== first) {
      throw new ServiceError(
        'conflict',
        `only ${first === 'manager' ? 'the regional manager' : 'sales planning'} (the first step of ${name}'s chain) amends the sheet of ${name} for ${period}; this app's user signs for ${user?.chainRole ?? 'no step'}`,
        { code: 'amendment-not-by-first-step', name, period, first, role: user?.chainRole ?? null },
      );
    }
    const row = sheetRow(db, person.id, period) as (SheetRow & AmendColumns) | undefined;
    if (!row || (row.status !== 'signed' && row.status !== 'approved')) {
      const status = row?.status ?? 'not-started';
      throw new ServiceError('conflict', `the sheet of ${name} for ${period} is ${status}: only a signed or approved sheet is amended (change this one with a save)`, {
        code: 'not-amendable',
        name,
        period,
        status,
      });
    }
    if (input.expectedRevision !== row.revision) {
      throw new ServiceError('conflict', `the sheet of ${name} for ${period} was changed elsewhere (revision ${row.revision}, you edited ${input.expectedRevision}); reload it`, {
        code: 'sheet-changed',
        name,
        period,
        stored: row.revision,
        edited: input.expectedRevision,
      });
    }
    const amended = ensureCurrentVersion(db, row, person);
    if (!amended) {
      throw new ServiceError('conflict', `no signed file of the sheet of ${name} for ${period} is known here: an amendment names the version it amends by its file`, {
        code: 'not-amendable',
        name,
        period,
        status: row.status,
      });
    }
    // The rubric the sheet was first signed with (assessment.md: an amendment keeps it).
    const firstVersion = versionRow(db, row.id, 1);
    const rubric = rubricVersion(rubricCatalog(db).all, firstVersion?.rubric_id ?? row.rubric_id, firstVersion?.rubric_version ?? row.rubric_version);
    const checked = validateSheetInput(
      {
        rubric: `${rubric.id}@${rubric.version}`,
        period,
        person: { id: person.employeeNo, name: person.name },
        absences: input.entry.absences ?? [],
        items: input.entry.items ?? {},
        handIns: input.entry.handIns ?? {},
      },
      [rubric],
    );
    if (!checked.ok) throw new InputError(checked.problems, 'sheet');
    const before = versionContent(amended);
    const after: VersionContent = { input: checked.input, result: scoreSheet(checked.input, rubric) };
    const diff = amendmentChanges(before, after);
    if (!hasChanges(diff)) {
      throw new ServiceError('conflict', `the amendment of the sheet of ${name} for ${period} changes nothing`, { code: 'amendment-unchanged', name, period });
    }
    const amendment: SheetAmendmentInfo = { version: amended.version + 1, amends: { version: amended.version, sha256: amended.sha256 }, reason };
    // The status with the amendment, in one update: the trigger lets an approved sheet leave 'approved' only for a declared amendment of its current version.
    statement(db, "UPDATE sheets SET status = 'ready', amends_version = ?, amends_sha256 = ?, amend_reason = ? WHERE id = ?").run(amended.version, amended.sha256, reason, row.id);
    const stamp = saveStamp(db);
    writeSheetRow(db, row.id, { personId: person.id, rubric, status: 'ready', input: checked.input, result: after.result, revision: row.revision + 1 });
    appendAudit(
      db,
      {
        action: 'sheet.amend',
        entity: 'sheet',
        entityId: `${person.employeeNo}/${period}`,
        before: { status: row.status, version: amended.version, input: before.input, monthlyScore: before.result.monthlyScore },
        after: { status: 'ready', version: amendment.version, amends: amendment.amends, reason, input: checked.input, monthlyScore: after.result.monthlyScore, changes: diff.changes, absences: diff.absences ?? null },
      },
      stamp,
    );
    const updated = statement(db, 'SELECT updated_at FROM sheets WHERE id = ?').get(row.id) as { updated_at: string };
    const result = after.result;
    return {
      personId: person.id,
      period,
      revision: row.revision + 1,
      status: 'ready',
      updatedAt: updated.updated_at,
      dailyScore: result.dailyScore,
      attendanceScore: result.attendance.score,
      monthlyScore: result.monthlyScore,
      amendment,
      changes: diff.changes,
      ...(diff.absences ? { absences: diff.absences } : {}),
      scores: diff.scores,
    };
  });
}
