/**
 * verifyPdf: the one verifier for signed score sheets. Checks run in a fixed order and the first
 * failure is reported with its check id:
 *
 *   pdf-format        at most maxBytes (20 MB), %PDF- header and a final %%EOF
 *   pdf-structure     the strict object/xref scan of pdf-objects.ts; not encrypted
 *   signature-present at least one signature dictionary
 *   byte-range        every /ByteRange is [0 a b c], the gap [a, b) is exactly the /Contents hex
 *                     string (brackets included), b + c ends a revision inside the file, and the
 *                     signature dictionary lies in the revision it signs
 *   cms               /Contents is lowercase hex, its padding zeros; the detached CMS verifies
 *                     (digest, signature, SHA-256+, ESS cert-v2)
 *   coverage          the last signature covers the whole file
 *   revisions         every later revision adds only signature objects (revisions.ts)
 *   trust             each certificate is on the trusted list (full DER) for its role, and valid at
 *                     the signing time (/M)
 *   signer-duplicate  no signer signs twice, nor two identities of one person (same-person.ts)
 *   signer-order      the roles follow expectedChain (a prefix of it)
 *   embedded-data     scoresheet.json is read from the FIRST signed revision and parses as strict
 *                     JSON (a key twice in one object is refused)
 *   data-check        the caller's checkData accepts it
 *   time              the times that can be checked (timing.ts): exportedAt, the signing times in
 *                     order and not in the future, each certificate valid when this app first
 *                     received its signature
 */
import { CmsError, verifyDetachedCms } from './cms.ts';
import { DuplicateKeyDataError, EmbeddedDataError, parseJsonBytes, readEmbeddedFile } from './embedded-data.ts';
import { CHAIN_ROLES } from '../../shared/chain.ts';
import { SCORE_FILE_NAME } from '../../shared/score-file.ts';
import { type CertificateInfo, type Role, certificateToDer, readCertificate } from './identity.ts';
import { type ParsedPdf, type PdfDict, type PdfObject, type PdfString, PdfParseError, decodeText, isArray, isDict, isName, isString, parsePdf, parsePdfDate } from './pdf-objects.ts';
import { checkLaterRevisions } from './revisions.ts';
import { type TimeOptions, timeProblem } from './timing.ts';
import { samePersonTwice } from './same-person.ts';
import type { VerifyCheck, VerifyFailure, VerifyReason } from '../../shared/refusals.ts';

/** The checks' ids (shared/refusals.ts, where the renderer words them). */
export type CheckId = VerifyCheck;

/** What a data check finds wrong: a sentence, or a sentence and its reason as data. */
export type DataProblem = string | { message: string; reason: VerifyReason };

export interface TrustedSigner {
  /** The certificate, DER (or PEM). Compared byte for byte with the signer's — never by name. */
  certificate: Buffer | Uint8Array | string;
  role: Role;
}

export interface VerifyOptions extends TimeOptions {
  trusted: TrustedSigner[];
  /** The approval chain; the signatures' roles must be a prefix of it. Default manager → planning → vp → hr. */
  expectedChain?: Role[];
  /** Recomputes/validates the embedded data; returns a failure reason, or null when it is fine. */
  checkData?: (json: unknown) => DataProblem | null;
  /** Largest file accepted, in bytes (default MAX_PDF_BYTES): a score sheet is tens of KB. */
  maxBytes?: number;
}

/** A signed score sheet is 20–150 KB; anything near this is not one (and is not read into the parser). */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** An /Encrypt entry pointing at an encryption dictionary, as an encrypted PDF's trailer has. */
const ENCRYPT_REF = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;

export interface SignatureReport {
  /** Certificate common name. */
  name: string;
  /** The role from the trusted list (or, for an untrusted signer, from the certificate). */
  role: Role | null;
  fingerprint: string;
  /** The holder's employee number and e-mail from the certificate (null when it carries none). */
  employeeNo: string | null;
  email: string | null;
  /** The claimed signing time (/M). */
  signingTime: Date | null;
  reason: string;
  comment: string;
  coversWholeFile: boolean;
  /** End of the revision this signature signs (ByteRange b + c). */
  revisionEnd: number;
}

export interface Verdict {
  ok: boolean;
  /** The first failed check. */
  failure?: VerifyFailure & { reason: VerifyReason };
  signatures: SignatureReport[];
  /** scoresheet.json from the first signed revision, when it could be read. */
  data?: unknown;
}

class CheckFailure extends Error {
  constructor(
    readonly check: CheckId,
    message: string,
    readonly reason: VerifyReason,
  ) {
    super(message);
  }
}

interface FoundSignature {
  object: PdfObject;
  dict: PdfDict;
  contents: PdfString;
  byteRange: [number, number, number, number];
  revisionEnd: number;
  certificate?: Buffer;
  info?: CertificateInfo;
  report?: SignatureReport;
}

export async function verifyPdf(pdf: Buffer, options: VerifyOptions): Promise<Verdict> {
  const signatures: SignatureReport[] = [];
  const verdict: Verdict = { ok: false, signatures };
  const stage: { check: CheckId } = { check: 'pdf-format' };
  try {
    await runChecks(pdf, options, verdict, stage);
    verdict.ok = true;
  } catch (error) {
    // Anything unexpected (a library throwing on hostile input) still fails closed, under the
    // check that was running.
    verdict.failure =
      error instanceof CheckFailure
        ? { check: error.check, message: error.message, reason: error.reason }
        : { check: stage.check, message: `unexpected error: ${(error as Error)?.message ?? String(error)}`, reason: { code: 'unexpected' } };
  }
  return verdict;
}

async function runChecks(pdf: Buffer, options: VerifyOptions, verdict: Verdict, stage: { check: CheckId }): Promise<void> {
  // pdf-format
  const maxBytes = options.maxBytes ?? MAX_PDF_BYTES;
  if (Buffer.isBuffer(pdf) && pdf.length > maxBytes) {
    throw new CheckFailure('pdf-format', `the file has ${pdf.length.toLocaleString('en-US')} bytes; a signed score sheet has at most ${maxBytes.toLocaleString('en-US')}`, {
      code: 'too-large',
      bytes: pdf.length,
      max: maxBytes,
    });
  }
  if (!Buffer.isBuffer(pdf) || pdf.length < 16 || pdf.toString('latin1', 0, 5) !== '%PDF-') {
    throw new CheckFailure('pdf-format', 'not a PDF file (no %PDF- header)', { code: 'not-pdf' });
  }
  if (!/%%EOF[\r\n]*$/.test(pdf.toString('latin1', Math.max(0, pdf.length - 32)))) {
    throw new CheckFailure('pdf-format', 'the file does not end with %%EOF (truncated or damaged)', { code: 'truncated' });
  }

  // pdf-structure
  stage.check = 'pdf-structure';
  let parsed: ParsedPdf;
  try {
    parsed = parsePdf(pdf);
  } catch (error) {
    // An encrypted file (often with cross-reference streams this parser refuses) gets its own reason.
    if (error instanceof PdfParseError && ENCRYPT_REF.test(pdf.toString('latin1'))) throw encrypted();
    if (error instanceof PdfParseError) throw new CheckFailure('pdf-structure', `malformed PDF: ${error.message}`, { code: 'malformed' });
    throw error;
  }
  if (parsed.sections.some((section) => section.trailer.entries.has('Encrypt'))) throw encrypted();

  // signature-present
  stage.check = 'signature-present';
  const sigObjects = parsed.objects.filter(
    (o) => isDict(o.value) && (isName(o.value.entries.get('Type'), 'Sig') || o.value.entries.has('ByteRange')),
  );
  if (sigObjects.length === 0) throw new CheckFailure('signature-present', 'the PDF is not signed', { code: 'unsigned' });

  // byte-range
  stage.check = 'byte-range';
  const revisionEnds = new Set(parsed.sections.map((s) => s.end));
  const found: FoundSignature[] = sigObjects.map((object) => checkByteRange(object, pdf.length, revisionEnds));
  found.sort((x, y) => x.revisionEnd - y.revisionEnd);
  for (let k = 0; k < found.length; k++) {
    const previousEnd = k === 0 ? 0 : found[k - 1]!.revisionEnd;
    if (k > 0 && previousEnd === found[k]!.revisionEnd) throw new CheckFailure('byte-range', 'two signatures sign the same revision', { code: 'byte-range', signature: k + 1 });
    if (k > 0 && found[k]!.object.start < previousEnd) {
      throw new CheckFailure('byte-range', `signature #${k + 1}'s dictionary is not in the revision it signs`, { code: 'byte-range', signature: k + 1 });
    }
  }

  // cms
  stage.check = 'cms';
  for (const [k, sig] of found.entries()) {
    const [, a, b, c] = sig.byteRange;
    const subFilter = sig.dict.entries.get('SubFilter');
    if (!isName(subFilter, 'ETSI.CAdES.detached') && !isName(subFilter, 'adbe.pkcs7.detached')) {
      throw new CheckFailure('cms', `signature #${k + 1}: unsupported /SubFilter`, { code: 'signature-invalid', signature: k + 1 });
    }
    // The only unsigned bytes of a signed file: the signature as lowercase hex, then zeros. Anything
    // else (spaces, which PDF readers skip, upper case) would be the same sheet under another SHA-256.
    if (!/^(?:[0-9a-f]{2})+$/.test(pdf.toString('latin1', a + 1, b - 1))) {
      throw new CheckFailure('cms', `signature #${k + 1}: /Contents must be the signature in lowercase hex padded with zeros; it holds other characters`, {
        code: 'contents-padding',
        signature: k + 1,
      });
    }
    try {
      const result = verifyDetachedCms(sig.contents.bytes, [pdf.subarray(0, a), pdf.subarray(b, b + c)]);
      sig.certificate = result.certificate;
      sig.info = readCertificate(result.certificate);
    } catch (error) {
      if (!(error instanceof CmsError)) throw error;
      throw new CheckFailure('cms', `signature #${k + 1}: ${error.message}`, { code: 'signature-invalid', signature: k + 1 });
    }
    sig.report = {
      name: sig.info.name,
      role: sig.info.role,
      fingerprint: sig.info.fingerprint,
      employeeNo: sig.info.employeeNo,
      email: sig.info.email,
      signingTime: parsePdfDate(decodeText(sig.dict.entries.get('M'))),
      reason: decodeText(sig.dict.entries.get('Reason')) ?? '',
      comment: decodeText(sig.dict.entries.get('Comment')) ?? '',
      coversWholeFile: sig.revisionEnd === pdf.length,
      revisionEnd: sig.revisionEnd,
    };
    verdict.signatures.push(sig.report);
  }

  // coverage
  stage.check = 'coverage';
  const last = found[found.length - 1]!;
  if (last.revisionEnd !== pdf.length) {
    throw new CheckFailure(
      'coverage',
      `the last signature covers ${last.revisionEnd} of ${pdf.length} bytes: ${pdf.length - last.revisionEnd} bytes were added after it without a signature`,
      { code: 'unsigned-bytes', added: pdf.length - last.revisionEnd },
    );
  }

  // revisions
  stage.check = 'revisions';
  const revisionProblem = checkLaterRevisions(
    parsed,
    found.map((s) => ({ sigObject: s.object.num, end: s.revisionEnd })),
  );
  if (revisionProblem) throw new CheckFailure('revisions', revisionProblem, { code: 'later-changes' });

  // trust
  stage.check = 'trust';
  const trusted = options.trusted.map((t) => ({ der: certificateToDer(t.certificate), role: t.role }));
  for (const [k, sig] of found.entries()) {
    const report = sig.report!;
    const info = sig.info!;
    const entry = trusted.find((t) => t.der.equals(sig.certificate!));
    if (!entry) {
      throw new CheckFailure('trust', `signature #${k + 1} by "${info.name}" (${info.fingerprint}) is not from a trusted certificate`, {
        code: 'untrusted',
        signature: k + 1,
        name: info.name,
        fingerprint: info.fingerprint,
        role: info.role,
      });
    }
    if (info.role !== null && info.role !== entry.role) {
      throw new CheckFailure('trust', `signature #${k + 1}: the certificate says role ${info.role}, the trusted list says ${entry.role}`, {
        code: 'role-mismatch',
        signature: k + 1,
        name: info.name,
        fingerprint: info.fingerprint,
        certificateRole: info.role,
        trustedRole: entry.role,
      });
    }
    report.role = entry.role;
    if (!report.signingTime) throw new CheckFailure('trust', `signature #${k + 1} has no signing time (/M)`, { code: 'no-signing-time', signature: k + 1, name: info.name });
    if (report.signingTime < info.notBefore || report.signingTime > info.notAfter) {
      throw new CheckFailure(
        'trust',
        `signature #${k + 1}: the certificate of "${info.name}" was not valid at the signing time ${report.signingTime.toISOString()} ` +
          (report.signingTime > info.notAfter ? `(it expired on ${info.notAfter.toISOString()})` : `(it is valid only from ${info.notBefore.toISOString()})`),
        {
          code: 'certificate-not-valid',
          signature: k + 1,
          name: info.name,
          fingerprint: info.fingerprint,
          signedAt: report.signingTime.toISOString(),
          notBefore: info.notBefore.toISOString(),
          notAfter: info.notAfter.toISOString(),
        },
      );
    }
  }

  // signer-duplicate
  stage.check = 'signer-duplicate';
  const seen = new Map<string, number>();
  for (const [k, sig] of found.entries()) {
    const fingerprint = sig.report!.fingerprint;
    if (seen.has(fingerprint)) {
      throw new CheckFailure('signer-duplicate', `"${sig.report!.name}" signed twice (signatures #${seen.get(fingerprint)! + 1} and #${k + 1})`, {
        code: 'signed-twice',
        name: sig.report!.name,
        first: seen.get(fingerprint)! + 1,
        second: k + 1,
      });
    }
    seen.set(fingerprint, k);
  }
  // One person, one step: another identity of a person already on the chain (same-person.ts).
  const twice = samePersonTwice(found.map((s) => s.report!));
  if (twice) throw new CheckFailure('signer-duplicate', twice.message, twice.reason);

  // signer-order
  stage.check = 'signer-order';
  const chain = options.expectedChain ?? CHAIN_ROLES;
  const roles = found.map((s) => s.report!.role);
  if (roles.length > chain.length) throw new CheckFailure('signer-order', `${roles.length} signatures, but the chain has only ${chain.length} steps`, {
      code: 'too-many-signatures',
      signatures: roles.length,
      steps: chain.length,
    });
  const wrong = roles.findIndex((role, i) => role !== chain[i]);
  if (wrong !== -1) {
    throw new CheckFailure(
      'signer-order',
      `signature #${wrong + 1} is by ${roles[wrong]} "${found[wrong]!.report!.name}" but step ${wrong + 1} is ${chain[wrong]} (expected order: ${chain.join(' → ')})`,
      { code: 'wrong-order', signature: wrong + 1, name: found[wrong]!.report!.name, role: roles[wrong] ?? null, step: chain[wrong]!, chain: [...chain] },
    );
  }

  // embedded-data (from the first signed revision)
  stage.check = 'embedded-data';
  try {
    verdict.data = parseJsonBytes(readEmbeddedFile(parsed, found[0]!.revisionEnd, SCORE_FILE_NAME));
  } catch (error) {
    if (!(error instanceof EmbeddedDataError)) throw error;
    if (error instanceof DuplicateKeyDataError) {
      throw new CheckFailure('embedded-data', `${SCORE_FILE_NAME} in the first signed revision: ${error.message}`, { code: 'duplicate-key', file: SCORE_FILE_NAME, key: error.path });
    }
    throw new CheckFailure('embedded-data', `${SCORE_FILE_NAME} in the first signed revision: ${error.message}`, { code: 'no-embedded-data', file: SCORE_FILE_NAME });
  }

  // data-check
  stage.check = 'data-check';
  const problem = options.checkData?.(verdict.data);
  if (problem !== null && problem !== undefined) {
    if (typeof problem === 'string') throw new CheckFailure('data-check', problem || 'the data check failed', { code: 'data-inconsistent' });
    throw new CheckFailure('data-check', problem.message, problem.reason);
  }

  // time
  stage.check = 'time';
  const late = timeProblem(pdf, found.map((s) => ({ ...s.report!, signingTime: s.report!.signingTime!, notBefore: s.info!.notBefore, notAfter: s.info!.notAfter })), verdict.data, options);
  if (late) throw new CheckFailure('time', late.message, late.reason);
}

function encrypted(): CheckFailure {
  return new CheckFailure('pdf-structure', 'the PDF is encrypted (/Encrypt): signed score sheets are never encrypted, and an encrypted file cannot be checked', { code: 'encrypted' });
}

function checkByteRange(object: PdfObject, fileLength: number, revisionEnds: Set<number>): FoundSignature {
  const dict = object.value as PdfDict;
  const fail = (why: string): never => {
    throw new CheckFailure('byte-range', `signature object ${object.num}: ${why}`, { code: 'byte-range', signature: null });
  };
  const range = dict.entries.get('ByteRange');
  const contents = dict.entries.get('Contents');
  if (!isArray(range) || range.items.length !== 4 || !range.items.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
    fail('/ByteRange is not four non-negative integers');
  }
  const [r0, a, b, c] = (range as { items: number[] }).items as [number, number, number, number];
  if (!isString(contents) || !contents.hex) fail('/Contents is not a hex string');
  const gap = contents as PdfString;
  if (r0 !== 0) fail('/ByteRange does not start at 0');
  if (a !== gap.start || b !== gap.end) fail(`/ByteRange gap [${a}, ${b}) is not exactly the /Contents string [${gap.start}, ${gap.end})`);
  if (b + c > fileLength) fail('/ByteRange reaches past the end of the file');
  if (!revisionEnds.has(b + c)) fail('/ByteRange does not end at the end of a revision (%%EOF)');
  if (object.end > b + c) fail('the signature dictionary is outside the bytes it signs');
  return { object, dict, contents: gap, byteRange: [r0, a, b, c], revisionEnd: b + c };
}
