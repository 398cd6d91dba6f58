/**
 * Return notes. A reviewer whose step is next may return a sheet instead of approving it: the
 * app writes a one-page PDF (the reason, the person, the month, the returned file's SHA-256)
 * carrying its data as an embedded scoresheet.json of format "returnnote/1" (the one verifier
 * reads that name), signed by the reviewer. The manager's app imports it (returns.import): the
 * verifier checks it like any signed file (integrity, coverage, revisions, a trusted signer), the
 * note must be signed by the reviewer it names, and it must refer to this app's latest export of
 * the sheet; the sheet then goes to status 'returned' (editable like a draft) and the reason is
 * listed by returns.list.
 */
import { join } from 'node:path';
import { CHAIN_ROLES, isChainRole } from '../../shared/chain.ts';
import { RETURN_NOTE_FORMAT, SCORE_FILE_NAME } from '../../shared/score-file.ts';
import type { ChainRole, FileData, ReturnImportOutcome, ReturnNoteInfo, StoredFile } from '../../shared/api/types.ts';
import { isPlainObject } from '../../shared/problems.ts';
import type { Refusal } from '../../shared/refusals.ts';
import type { SheetStatus } from '../../shared/sheet-status.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { renderDocument } from '../pdf/render.ts';
import { FONT_FAMILY } from '../pdf/sheet.ts';
import { sheetLabels } from '../pdf/labels.ts';
import { type DataProblem, type Role, type TrustedSigner, type Verdict, signPdf, verifyPdf } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { dataPath, decodeBase64, safeName, sha256Hex, writeFileAtomic } from './files.ts';
import { assertStillPending, fileRow, pendingForReviewer } from './inbox.ts';
import { yieldToEventLoop } from './jobs.ts';
import { signerInfo, trustedSigners } from './sheet-verify.ts';
import { currentUser } from './settings.ts';

export interface ReturnNoteJson {
  format: typeof RETURN_NOTE_FORMAT;
  /** SHA-256 (hex) of the file that was returned. */
  sheetSha256: string;
  /** SHA-256 (hex) of its first signed revision: the file as exported. */
  exportSha256: string;
  person: { employeeNo: string; name: string; role: string };
  period: string;
  region?: { code: string; name: string };
  reason: string;
  returnedBy: { name: string; role: ChainRole; fingerprint: string };
  returnedAt: string;
  /** Who had signed the returned file. */
  signers: { role: ChainRole | null; name: string }[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The data check of a return note (shape only: there is nothing to recompute). */
export function checkReturnNote(json: unknown): DataProblem | null {
  if (!isPlainObject(json)) return { message: 'the embedded data is not a JSON object', reason: { code: 'not-return-note' } };
  if (json.format !== RETURN_NOTE_FORMAT) return { message: `this file is not a return note (embedded format ${JSON.stringify(json.format) ?? 'none'})`, reason: { code: 'not-return-note' } };
  if (typeof json.sheetSha256 !== 'string' || !HEX64.test(json.sheetSha256)) return 'sheetSha256 is not a SHA-256';
  if (typeof json.exportSha256 !== 'string' || !HEX64.test(json.exportSha256)) return 'exportSha256 is not a SHA-256';
  const p = json.person;
  if (!isPlainObject(p) || typeof p.employeeNo !== 'string' || typeof p.name !== 'string') return 'the person is not { employeeNo, name }';
  if (typeof json.period !== 'string' || !/^\d{4}-\d{2}$/.test(json.period)) return 'the period is not YYYY-MM';
  if (typeof json.reason !== 'string' || json.reason.trim() === '') return 'the note gives no reason';
  const by = json.returnedBy;
  if (!isPlainObject(by) || typeof by.name !== 'string' || !isChainRole(by.role) || typeof by.fingerprint !== 'string') return 'returnedBy is not { name, role, fingerprint }';
  if (typeof json.returnedAt !== 'string') return 'returnedAt is not a time';
  return null;
}

async function renderReturnNote(note: ReturnNoteJson, language: 'zh' | 'en'): Promise<Buffer> {
  const L = sheetLabels(language);
  const zh = language === 'zh';
  const row = (label: string, value: string) => [{ text: label, color: '#5f6b76', noWrap: true }, { text: value, bold: true }];
  const json = Buffer.from(JSON.stringify(note), 'utf8').toString('base64');
  const at = new Date(note.returnedAt);
  const { pdf } = await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [48, 48, 48, 48],
    info: { title: `${zh ? '退回通知' : 'Return note'} ${note.person.name} ${note.period}`, creator: 'Staff Assessment' },
    language: zh ? 'zh-CN' : 'en',
    content: [
      { text: zh ? '考核表退回通知' : 'Score sheet returned', fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      {
        table: {
          widths: ['auto', '*'],
          body: [
            row(L.name, `${note.person.name} (${note.person.employeeNo})`),
            row(L.month, note.period),
            ...(note.region ? [row(L.region, note.region.name)] : []),
            row(zh ? '退回人' : 'Returned by', `${note.returnedBy.name} · ${L.chain[note.returnedBy.role]}`),
            row(zh ? '退回时间' : 'Returned at', note.returnedAt),
            row(zh ? '原文件 SHA-256' : 'File SHA-256', note.sheetSha256),
          ],
        },
        layout: 'noBorders',
      },
      { text: zh ? '退回原因' : 'Reason', bold: true, margin: [0, 14, 0, 4] },
      { text: note.reason, fontSize: 11 },
      {
        text: zh ? '请修改考核表后重新导出并签字。' : 'Please correct the score sheet, then export and sign it again.',
        color: '#5f6b76',
        margin: [0, 14, 0, 0],
      },
    ],
    footer: () => ({ text: `${RETURN_NOTE_FORMAT} · ${SCORE_FILE_NAME}`, fontSize: 6, color: '#8a949e', margin: [48, 12, 48, 0] }),
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5 },
    files: {
      [SCORE_FILE_NAME]: {
        src: `data:application/json;base64,${json}`,
        name: SCORE_FILE_NAME,
        type: 'application/json',
        description: `Return note (${RETURN_NOTE_FORMAT})`,
        creationDate: at,
        modifiedDate: at,
      },
    },
  });
  return pdf;
}

/** inbox.return: the next step's reviewer returns a sheet with a signed note giving the reason. */
export async function returnInbox(
  db: Db,
  input: { sha256: string; fingerprint: string; passphrase: string; reason: string; language?: 'zh' | 'en' },
): Promise<StoredFile> {
  const { row, v, identity, data } = await pendingForReviewer(db, input.sha256, input.fingerprint, input.passphrase);
  const returnedAt = new Date().toISOString();
  const note: ReturnNoteJson = {
    format: RETURN_NOTE_FORMAT,
    sheetSha256: row.sha256,
    exportSha256: v.exportSha256!,
    person: { employeeNo: data.person.employeeNo, name: data.person.name, role: data.person.role },
    period: data.output.period,
    ...(data.region ? { region: data.region } : {}),
    reason: input.reason.trim(),
    returnedBy: { name: identity.name, role: identity.role, fingerprint: identity.fingerprint },
    returnedAt,
    signers: v.verdict.signatures.map((s) => ({ role: s.role, name: s.name })),
  };
  const pdf = await renderReturnNote(note, input.language ?? 'zh');
  const signed = await signPdf(pdf, identity, { reason: `return: ${identity.role}`, comment: note.reason, signingTime: new Date(returnedAt) });
  const sha256 = sha256Hex(signed);
  const fileName = `${safeName(data.person.employeeNo)}-${note.period}-return-${sha256.slice(0, 8)}.pdf`;
  const path = join(dataPath(db, 'returns', note.period), fileName);
  writeTransaction(db, () => {
    assertStillPending(db, row);
    writeFileAtomic(path, signed);
    db.prepare(
      `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, verdict, export_sha256, state, note, received_at)
       VALUES (?, 'return-note', NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ).run(
      sha256,
      note.person.employeeNo,
      note.period,
      fileName,
      path,
      signed.length,
      JSON.stringify([{ name: identity.name, role: identity.role, fingerprint: identity.fingerprint, signingTime: returnedAt, reason: `return: ${identity.role}`, comment: note.reason }]),
      JSON.stringify({ verdict: { ok: true, failure: null }, note }),
      note.exportSha256,
      note.reason,
      returnedAt,
    );
    db.prepare("UPDATE sheet_files SET state = 'returned', handled_at = ?, note = ? WHERE sha256 = ?").run(returnedAt, note.reason, row.sha256);
    appendAudit(db, {
      action: 'inbox.return',
      entity: 'file',
      entityId: row.sha256,
      before: { state: 'pending' },
      after: { state: 'returned', reason: note.reason, signer: identity.name, role: identity.role, employeeNo: note.person.employeeNo, period: note.period, note: path, sha256 },
    });
  });
  return { fileName, path, sha256, dataBase64: signed.toString('base64') };
}

// ---------------------------------------------------------------------------------------------
// The manager's side

/** Verify a return note: one signature, by a trusted reviewer (planning, VP or HR), who is the one it names. */
export async function verifyReturnNote(pdf: Buffer, trusted: TrustedSigner[]): Promise<{ verdict: Verdict; note: ReturnNoteJson | null }> {
  let verdict: Verdict | undefined;
  for (const role of CHAIN_ROLES.filter((r) => r !== 'manager') as Role[]) {
    verdict = await verifyPdf(pdf, { trusted, expectedChain: [role], checkData: checkReturnNote });
    if (verdict.failure?.check !== 'signer-order') break;
  }
  verdict = verdict!;
  if (verdict.failure?.check === 'signer-order') {
    verdict = {
      ...verdict,
      failure: { check: 'signer-order', message: 'a return note is signed once, by the reviewer who returns the sheet (sales planning, the VP or HR)', reason: { code: 'return-note-signers' } },
    };
  }
  if (!verdict.ok) return { verdict, note: null };
  const note = verdict.data as ReturnNoteJson;
  const signer = verdict.signatures[0]!;
  if (signer.fingerprint !== note.returnedBy.fingerprint || signer.role !== note.returnedBy.role) {
    return {
      verdict: {
        ...verdict,
        ok: false,
        failure: {
          check: 'data-check',
          message: `the note names ${note.returnedBy.name} (${note.returnedBy.role}) but is signed by ${signer.name} (${signer.role})`,
          reason: { code: 'note-signer', named: note.returnedBy.name, namedRole: note.returnedBy.role, signer: signer.name, signerRole: signer.role },
        },
      },
      note: null,
    };
  }
  return { verdict, note };
}

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
