/**
 * The return note, a file of its own: a reviewer whose step is next may return a sheet instead of
 * approving it; the app writes a one-page PDF (the reason, the person, the month, the returned
 * file's SHA-256) carrying its data as an embedded scoresheet.json of format "returnnote/1" (the
 * one verifier reads that name), signed by the reviewer (inbox-return.ts). The manager's app
 * verifies it like any signed file (integrity, coverage, revisions, a trusted signer), and the
 * note must be signed by the reviewer it names (returns.ts imports it).
 */
import { HQ_STEPS, isChainRole } from '../../shared/chain.ts';
import { RETURN_NOTE_FORMAT, SCORE_FILE_NAME } from '../../shared/score-file.ts';
import type { ChainRole } from '../../shared/api/types.ts';
import { isPlainObject } from '../../shared/problems.ts';
import { formatLocalTime } from '../../shared/time.ts';
import { renderDocument } from '../pdf/render.ts';
import { embeddedDataFile, FONT_FAMILY } from '../pdf/sheet.ts';
import { sheetLabels } from '../pdf/labels.ts';
import { type DataProblem, type TrustedSigner, type Verdict, verifyPdf } from '../signing/index.ts';

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

export async function renderReturnNote(note: ReturnNoteJson, language: 'zh' | 'en'): Promise<Buffer> {
  const L = sheetLabels(language);
  const zh = language === 'zh';
  const row = (label: string, value: string) => [{ text: label, color: '#5f6b76', noWrap: true }, { text: value, bold: true }];
  const json = JSON.stringify(note);
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
            row(zh ? '退回时间' : 'Returned at', formatLocalTime(note.returnedAt)),
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
    files: embeddedDataFile(json, `Return note (${RETURN_NOTE_FORMAT})`, at),
  });
  return pdf;
}

/** Verify a return note: one signature, by a trusted reviewer (planning, VP or HR), who is the one it names. */
export async function verifyReturnNote(pdf: Buffer, trusted: TrustedSigner[]): Promise<{ verdict: Verdict; note: ReturnNoteJson | null }> {
  let verdict: Verdict | undefined;
  for (const role of HQ_STEPS) {
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

