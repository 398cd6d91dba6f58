/**
 * returns.import and returns.list, the manager's side of a return: a verified return note must
 * refer to this app's latest export of the sheet; the sheet then goes to status 'returned'
 * (editable like a draft) and the reason is listed by returns.list.
 */
import { join } from 'node:path';
import type { FileData, ReturnImportOutcome, ReturnNoteInfo } from '../../shared/api/types.ts';
import type { Refusal } from '../../shared/refusals.ts';
import type { SheetStatus } from '../../shared/sheet-status.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { type Verdict } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { dataPath, decodeBase64, safeName, sha256Hex, writeFileAtomic } from './files.ts';
import { fileRow } from './inbox.ts';
import { yieldToEventLoop } from './jobs.ts';
import { signerInfo, trustedSigners } from './sheet-verify.ts';
import { currentUser } from './settings.ts';
import { verifyReturnNote, type ReturnNoteJson } from './return-note.ts';

interface NoteRow {
  sha256: string;
  sheet_id: number | null;
  state: string | null;
  verdict: string | null;
  handled_at: string | null;
  received_at: string;
}

function toNoteInfo(row: NoteRow, personId: number | null): ReturnNoteInfo {
  const { note } = JSON.parse(row.verdict ?? '{}') as { note: ReturnNoteJson };
  return {
    sha256: row.sha256,
    personId,
    employeeNo: note.person.employeeNo,
    name: note.person.name,
    period: note.period,
    reason: note.reason,
    returnedBy: { name: note.returnedBy.name, role: note.returnedBy.role },
    returnedAt: note.returnedAt,
    applied: row.state === 'applied',
    importedAt: row.handled_at ?? row.received_at,
  };
}

/** returns.import: verify each return note and reopen the sheet it returns. */
export async function importReturnNotes(db: Db, input: { files: FileData[] }): Promise<ReturnImportOutcome[]> {
  const trusted = trustedSigners(db);
  const outcomes: ReturnImportOutcome[] = [];
  for (const [i, file] of input.files.entries()) {
    await yieldToEventLoop();
    const bytes = decodeBase64(`files[${i}].dataBase64`, file.dataBase64);
    const sha256 = sha256Hex(bytes);
    const known = fileRow(db, sha256);
    if (known?.kind === 'return-note' && (known.state === 'applied' || known.state === 'ignored')) {
      outcomes.push({ fileName: file.fileName, sha256, outcome: 'already-imported', message: 'this return note was imported before', note: toNoteInfo(known, personOfSheet(db, known.sheet_id)) });
      continue;
    }
    const { verdict, note } = await verifyReturnNote(bytes, trusted);
    if (!verdict.ok || !note) {
      const failure = verdict.failure ?? { check: 'data-check' as const, message: 'the note does not verify', reason: { code: 'unexpected' as const } };
      outcomes.push({ fileName: file.fileName, sha256, outcome: 'refused', message: `${failure.check}: ${failure.message}`, refusal: { code: 'file-not-verified', fileName: file.fileName, failure }, note: null });
      continue;
    }
    outcomes.push(applyReturnNote(db, bytes, file.fileName, sha256, note, verdict));
  }
  return outcomes;
}

function personOfSheet(db: Db, sheetId: number | null): number | null {
  if (sheetId === null) return null;
  return (db.prepare('SELECT person_id FROM sheets WHERE id = ?').get(sheetId) as { person_id: number } | undefined)?.person_id ?? null;
}

function applyReturnNote(db: Db, bytes: Buffer, fileName: string, sha256: string, note: ReturnNoteJson, verdict: Verdict): ReturnImportOutcome {
  return writeTransaction(db, (): ReturnImportOutcome => {
    // The sheet: the one whose export the note refers to, else the person's sheet of that month.
    const exported = db.prepare("SELECT sheet_id FROM sheet_files WHERE sha256 = ? AND kind = 'export' AND sheet_id IS NOT NULL").get(note.exportSha256) as
      | { sheet_id: number }
      | undefined;
    const sheet = (
      exported
        ? db.prepare('SELECT s.id, s.status, s.person_id FROM sheets s WHERE s.id = ?').get(exported.sheet_id)
        : db.prepare('SELECT s.id, s.status, s.person_id FROM sheets s JOIN people p ON p.id = s.person_id WHERE p.employee_no = ? AND s.period = ?').get(note.person.employeeNo, note.period)
    ) as { id: number; status: string; person_id: number } | undefined;
    if (!sheet) {
      return {
        fileName,
        sha256,
        outcome: 'refused',
        message: `there is no sheet of ${note.person.name} (${note.person.employeeNo}) for ${note.period} in this database`,
        refusal: { code: 'return-no-sheet', name: note.person.name, employeeNo: note.person.employeeNo, period: note.period },
        note: null,
      };
    }
    const latest = db.prepare("SELECT sha256 FROM sheet_files WHERE kind = 'export' AND sheet_id = ? ORDER BY received_at DESC LIMIT 1").get(sheet.id) as { sha256: string } | undefined;
    let reason: string | null = null;
    let refusal: Refusal | undefined;
    if (sheet.status !== 'signed') {
      reason = `the sheet is ${sheet.status}, not signed: nothing to reopen`;
      refusal = { code: 'return-not-signed', status: sheet.status as SheetStatus };
    } else if (latest && latest.sha256 !== note.exportSha256) {
      reason = 'the note returns an earlier export: the sheet was exported again since';
      refusal = { code: 'return-stale' };
    } else if (!latest) {
      reason = 'the returned file was not exported from this database';
      refusal = { code: 'return-foreign' };
    }

    const now = new Date().toISOString();
    const path = join(dataPath(db, 'returns', note.period), `${safeName(note.person.employeeNo)}-${note.period}-return-${sha256.slice(0, 8)}.pdf`);
    const state = reason ? 'ignored' : 'applied';
    const stored = JSON.stringify({ verdict: { ok: true, failure: null }, note });
    const chain = JSON.stringify(verdict.signatures.map(signerInfo));
    if (fileRow(db, sha256)) {
      db.prepare("UPDATE sheet_files SET kind = 'return-note', sheet_id = ?, state = ?, handled_at = ?, verdict = ?, chain = ?, note = ? WHERE sha256 = ?").run(sheet.id, state, now, stored, chain, note.reason, sha256);
    } else {
      writeFileAtomic(path, bytes);
      db.prepare(
        `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, verdict, export_sha256, state, note, received_at, handled_at)
         VALUES (?, 'return-note', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(sha256, sheet.id, note.person.employeeNo, note.period, fileName, path, bytes.length, chain, stored, note.exportSha256, state, note.reason, now, now);
    }
    if (!reason) {
      db.prepare("UPDATE sheets SET status = 'returned', revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?").run(now, currentUser(db)?.name ?? '(not set)', sheet.id);
    }
    appendAudit(db, {
      action: reason ? 'return.ignore' : 'sheet.return',
      entity: 'sheet',
      entityId: `${note.person.employeeNo}/${note.period}`,
      before: { status: sheet.status },
      after: { status: reason ? sheet.status : 'returned', reason: note.reason, returnedBy: note.returnedBy, note: sha256, ...(reason ? { ignored: reason } : {}) },
    });
    const info = toNoteInfo(fileRow(db, sha256)! as NoteRow, sheet.person_id);
    return reason
      ? { fileName, sha256, outcome: 'refused', message: reason, ...(refusal ? { refusal } : {}), note: info }
      : { fileName, sha256, outcome: 'reopened', message: `the sheet of ${note.person.name} for ${note.period} is returned: ${note.reason}`, note: info };
  });
}

/** returns.list: the imported return notes (newest first), with their reasons. */
export function listReturnNotes(db: Db, input: { period?: string }): ReturnNoteInfo[] {
  const rows = db
    .prepare("SELECT * FROM sheet_files WHERE kind = 'return-note' AND state IN ('applied', 'ignored') AND (@period IS NULL OR period = @period) ORDER BY handled_at DESC")
    .all({ period: input.period ?? null }) as NoteRow[];
  return rows.map((r) => toNoteInfo(r, personOfSheet(db, r.sheet_id)));
}

/**
 * The return note a sheet is being corrected for (sheets.get): its latest applied note, unless
 * the sheet was exported again since. Read-only.
 */
export function openReturnNote(db: Db, sheetId: number, personId: number): ReturnNoteInfo | null {
  const row = db
    .prepare("SELECT * FROM sheet_files WHERE kind = 'return-note' AND state = 'applied' AND sheet_id = ? ORDER BY handled_at DESC, rowid DESC LIMIT 1")
    .get(sheetId) as NoteRow | undefined;
  if (!row) return null;
  const since = db.prepare("SELECT 1 FROM sheet_files WHERE kind = 'export' AND sheet_id = ? AND received_at > ? LIMIT 1").get(sheetId, row.handled_at ?? row.received_at);
  return since ? null : toNoteInfo(row, personId);
}
