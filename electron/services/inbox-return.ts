/** inbox.return: the next step's reviewer returns a sheet with a signed note giving the reason (return-note.ts). */
import { join } from 'node:path';
import { RETURN_NOTE_FORMAT } from '../../shared/score-file.ts';
import type { StoredFile } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { signPdf } from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { dataPath, safeName, sha256Hex, writeFileAtomic } from './files.ts';
import { assertStillPending, pendingFor, pendingForReviewer } from './inbox.ts';
import { renderReturnNote, type ReturnNoteJson } from './return-note.ts';

/** inbox.return: the next step's reviewer returns a sheet with a signed note giving the reason. */
export async function returnInbox(
  db: Db,
  input: { sha256: string; fingerprint: string; passphrase?: string; reason: string; language?: 'zh' | 'en' },
): Promise<StoredFile> {
  const { row, v, identity, data } = await pendingForReviewer(db, input.sha256, input.fingerprint, input.passphrase);
  return returnChecked(db, { row, v, identity, data }, input);
}

/** Return a pending file checked for the identity (pendingFor): sign the note, keep it, mark the entry returned. */
export async function returnChecked(
  db: Db,
  { row, v, identity, data }: Omit<Awaited<ReturnType<typeof pendingFor>>, 'bytes'>,
  input: { reason: string; language?: 'zh' | 'en' },
): Promise<StoredFile> {
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
