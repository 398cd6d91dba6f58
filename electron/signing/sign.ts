/**
 * signPdf: one more signature, as an incremental update (earlier signatures stay valid).
 * PAdES-style: /SubFilter ETSI.CAdES.detached, detached CMS with SHA-256.
 */
import { buildDetachedCms } from './cms.ts';
import type { HashName } from './crypto.ts';
import { readCertificate, type SigningIdentity } from './identity.ts';
import { SIGNATURE_BYTES, addSignaturePlaceholder } from './placeholder.ts';
import { signerClockBehind } from './timing.ts';

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

/** The signing time would be before the file's latest signature: this computer's clock is behind (the verifier would refuse the file). */
export class ClockBehindError extends SignError {
  constructor(
    readonly previous: Date,
    readonly at: Date,
  ) {
    super(`this computer's clock (${at.toISOString()}) is behind the file's latest signature (${previous.toISOString()}): set the clock right, then sign`);
    this.name = 'ClockBehindError';
  }
}

const MAX_TEXT = 2000;

/** Signs at `options.signingTime` (default now), never before the file's latest signature (ClockBehindError). */
export async function signPdf(pdf: Buffer, identity: SigningIdentity, options: SignOptions = {}): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  const previous = Buffer.isBuffer(pdf) ? signerClockBehind(pdf, signingTime) : null;
  if (previous) throw new ClockBehindError(previous, signingTime);
  return signPdfWithDigest(pdf, identity, { ...options, signingTime }, 'SHA-256');
}

/**
 * signPdf with a chosen digest and no clock check. Only for tests (a SHA-1 signature, or one
 * dated before the previous, must be refused by the verifier); the application uses signPdf.
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
