/**
 * signPdf: one more signature, as an incremental update (earlier signatures stay valid).
 * PAdES-style: /SubFilter ETSI.CAdES.detached, detached CMS with SHA-256.
 */
import { buildDetachedCms } from './cms.ts';
import type { HashName } from './crypto.ts';
import { readCertificate, type SigningIdentity } from './identity.ts';
import { SIGNATURE_BYTES, addSignaturePlaceholder } from './placeholder.ts';

export interface SignOptions {
  /** /Reason of the signature dictionary. */
  reason?: string;
  /** Free-text comment, stored as /Comment in the signature dictionary (read back by verifyPdf). */
  comment?: string;
  /** The claimed signing time (/M); default now. */
  signingTime?: Date;
}

export class SignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignError';
  }
}

const MAX_TEXT = 2000;

export async function signPdf(pdf: Buffer, identity: SigningIdentity, options: SignOptions = {}): Promise<Buffer> {
  return signPdfWithDigest(pdf, identity, options, 'SHA-256');
}

/**
 * signPdf with a chosen digest. Only for tests (a SHA-1 signature must be refused by the
 * verifier); the application uses signPdf.
 * @internal
 */
export async function signPdfWithDigest(
  pdf: Buffer,
  identity: SigningIdentity,
  options: SignOptions,
  hash: HashName | 'SHA-1',
): Promise<Buffer> {
  if (!Buffer.isBuffer(pdf)) throw new SignError('the PDF must be a Buffer');
  const reason = options.reason ?? '';
  const comment = options.comment ?? '';
  if (reason.length > MAX_TEXT || comment.length > MAX_TEXT) throw new SignError(`reason and comment are limited to ${MAX_TEXT} characters`);
  const signingTime = options.signingTime ?? new Date();
  if (Number.isNaN(signingTime.getTime())) throw new SignError('invalid signing time');

  const certificate = readCertificate(identity.certificate);
  let placeholder;
  try {
    placeholder = addSignaturePlaceholder(pdf, {
      name: certificate.name,
      reason,
      comment,
      contactInfo: certificate.email ?? '',
      signingTime,
    });
  } catch (error) {
    throw new SignError(`cannot sign this PDF: ${(error as Error).message}`);
  }
  const { pdf: out, byteRange } = placeholder;
  const [, a, b, c] = byteRange;
  const cms = await buildDetachedCms(identity.privateKey, identity.certificate, [out.subarray(0, a), out.subarray(b, b + c)], hash);
  const hex = cms.toString('hex');
  if (hex.length > SIGNATURE_BYTES * 2) throw new SignError(`the signature (${cms.length} bytes) does not fit the ${SIGNATURE_BYTES}-byte placeholder`);
  out.write(hex, a + 1, 'latin1');
  return out;
}
