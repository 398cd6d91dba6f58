/** PDF signature layer: identities, signing (incremental, PAdES-style) and the one verifier. */
export {
  CERT_ORGANIZATION,
  CERT_VALIDITY_YEARS,
  IdentityError,
  certificateToDer,
  certificateToPem,
  createIdentity,
  openIdentity,
  readCertificate,
} from './identity.ts';
export type { CertificateInfo, CreatedIdentity, IdentityErrorCode, IdentityRequest, KeyAlgorithm, Role, SigningIdentity } from './identity.ts';
export { ClockBehindError, SignError, signPdf } from './sign.ts';
export type { SignOptions } from './sign.ts';
export { verifyPdf } from './verify.ts';
export type { CheckId, DataProblem, SignatureReport, TrustedSigner, Verdict, VerifyOptions } from './verify.ts';
export { OID } from './crypto.ts';
export { CLOCK_SKEW_MS, parseIsoTime, signerClockBehind } from './timing.ts';
export type { TimeOptions } from './timing.ts';
