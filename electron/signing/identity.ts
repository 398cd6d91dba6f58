/**
 * Signing identities: a key pair and a self-signed X.509 certificate in a passphrase-protected
 * PKCS#12 file. The approval step ("role") is carried in a private, non-critical certificate
 * extension (OID.staffAssessmentRole, a UTF8String), so it is covered by the certificate's own
 * signature and read back by readCertificate().
 */
import { IDENTIFIER, IDENTIFIER_MAX } from '../../shared/identifier.ts';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { isChainRole, type ChainRole } from '../../shared/chain.ts';
import type { ProblemRule } from '../../shared/problems.ts';
import { type CryptoKey, OID, cryptoEngine, digest, fingerprintOf, subtle, toArrayBuffer } from './crypto.ts';

/** A certificate's role is a step of the approval chain (shared/chain.ts). */
export type Role = ChainRole;
export type KeyAlgorithm = 'ECDSA-P256' | 'RSA-2048';

export const CERT_ORGANIZATION = 'staff-assessment';
/** Certificate lifetime. */
export const CERT_VALIDITY_YEARS = 5;
/** PBKDF2 iterations for the key/cert encryption and the PKCS#12 MAC. */
const P12_ITERATIONS = 100_000;

export interface IdentityRequest {
  name: string;
  role: Role;
  email?: string;
  /**
   * The holder's employee number in HR's roster. The app and the command line require it for a
   * regional manager (the manager step is checked against the region's manager); optional for
   * sales planning, the VP and HR.
   */
  employeeNo?: string;
  algorithm?: KeyAlgorithm;
}

export interface CreatedIdentity {
  /** PKCS#12 (PBES2: PBKDF2-SHA256 + AES-256-CBC, MAC SHA-256). */
  p12: Buffer;
  /** The certificate, DER. */
  certificate: Buffer;
  /** SHA-256 of the DER certificate, "AB:CD:…". */
  fingerprint: string;
}

/** An opened identity, ready for signPdf(). */
export interface SigningIdentity {
  privateKey: CryptoKey;
  certificate: Buffer;
  name: string;
  /** From the certificate's role extension; null for certificates made elsewhere without it. */
  role: Role | null;
  fingerprint: string;
}

export interface CertificateInfo {
  name: string;
  role: Role | null;
  email: string | null;
  /** The holder's employee number (the private extension, else the subject's serialNumber); null when it carries none. */
  employeeNo: string | null;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  /** Serial number, uppercase hex. */
  serial: string;
}

export type IdentityErrorCode = 'invalid-input' | 'wrong-passphrase' | 'invalid-p12' | 'unsupported-key' | 'invalid-certificate';

/** Which input of an identity is wrong ('invalid-input'), its value (never a passphrase) and its rule, for the UI to word. */
export interface IdentityInputProblem {
  field: 'name' | 'role' | 'email' | 'employeeNo' | 'passphrase';
  value?: string;
  rule: ProblemRule;
}

export class IdentityError extends Error {
  readonly code: IdentityErrorCode;
  readonly problem: IdentityInputProblem | undefined;
  constructor(code: IdentityErrorCode, message: string, problem?: IdentityInputProblem) {
    super(message);
    this.name = 'IdentityError';
    this.code = code;
    this.problem = problem;
  }
}

/**
 * asn1js cannot print arcs above 2^53 in decimal, so a parsed certificate reports our UUID-arc
 * OID in its own notation ("2.25.{hex}"). Compute that notation once and compare with it.
 */
const ROLE_OID_AS_PARSED = (() => {
  const parsed = asn1js.fromBER(new asn1js.ObjectIdentifier({ value: OID.staffAssessmentRole }).toBER(false));
  return (parsed.result as asn1js.ObjectIdentifier).valueBlock.toString();
})();
const EMPLOYEE_NO_OID_AS_PARSED = (() => {
  const parsed = asn1js.fromBER(new asn1js.ObjectIdentifier({ value: OID.staffAssessmentEmployeeNo }).toBER(false));
  return (parsed.result as asn1js.ObjectIdentifier).valueBlock.toString();
})();

/** An employee number as HR's roster has it: letters, digits and "-", at most 20. */
/** An employee number as the roster writes it (the contract's identifier rule). */
export const EMPLOYEE_NO = IDENTIFIER;


// ---------------------------------------------------------------------------------------------
// Creation

export async function createIdentity(request: IdentityRequest, passphrase: string): Promise<CreatedIdentity> {
  const name = request.name?.trim() ?? '';
  if (!name || [...name].length > 64) {
    throw new IdentityError('invalid-input', 'name must be 1–64 characters', { field: 'name', value: request.name ?? '', rule: name ? { code: 'note-length', max: 64 } : { code: 'required' } });
  }
  if (!isChainRole(request.role)) throw new IdentityError('invalid-input', `unknown role: ${String(request.role)}`, { field: 'role', value: String(request.role), rule: { code: 'chain-role' } });
  const email = request.email?.trim() || undefined;
  if (email !== undefined && !/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(email)) {
    throw new IdentityError('invalid-input', 'email must be an ASCII address like name@example.com', { field: 'email', value: email, rule: { code: 'email' } });
  }
  const employeeNo = request.employeeNo?.trim() || undefined;
  if (employeeNo !== undefined && !EMPLOYEE_NO.test(employeeNo)) {
    throw new IdentityError('invalid-input', 'the employee number must be letters, digits and "-", at most 20', { field: 'employeeNo', value: employeeNo, rule: { code: 'identifier', max: IDENTIFIER_MAX } });
  }
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new IdentityError('invalid-input', 'a passphrase is required', { field: 'passphrase', rule: { code: 'required' } });
  }
  const algorithm = request.algorithm ?? 'ECDSA-P256';
  const engine = cryptoEngine();

  const keyPair = (await subtle.generateKey(
    algorithm === 'RSA-2048'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign', 'verify'],
  )) as GeneratedKeyPair;

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(randomSerial()) });
  const subjectAttributes = [
    new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: name }) }),
    new pkijs.AttributeTypeAndValue({ type: OID.organization, value: new asn1js.Utf8String({ value: CERT_ORGANIZATION }) }),
  ];
  if (employeeNo) {
    subjectAttributes.push(new pkijs.AttributeTypeAndValue({ type: OID.serialNumber, value: new asn1js.PrintableString({ value: employeeNo }) }));
  }
  if (email) {
    subjectAttributes.push(new pkijs.AttributeTypeAndValue({ type: OID.emailAddress, value: new asn1js.IA5String({ value: email }) }));
  }
  // One attribute per RDN ("CN=…, O=…"), not a single multi-valued RDN ("CN=… + O=…"), which is
  // what pkijs would encode from a flat typesAndValues list.
  const nameDer = new asn1js.Sequence({
    value: subjectAttributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })),
  }).toBER(false);
  certificate.subject = pkijs.RelativeDistinguishedNames.fromBER(nameDer);
  certificate.issuer = pkijs.RelativeDistinguishedNames.fromBER(nameDer);

  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000); // 1 min of clock-skew slack
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERT_VALIDITY_YEARS);
  certificate.notBefore = new pkijs.Time({ type: timeType(notBefore), value: notBefore });
  certificate.notAfter = new pkijs.Time({ type: timeType(notAfter), value: notAfter });

  await certificate.subjectPublicKeyInfo.importKey(keyPair.publicKey, engine);
  const publicKeyBits = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;

  const keyUsageBits = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 }); // digitalSignature, nonRepudiation
  const extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    extension(OID.keyUsage, true, keyUsageBits),
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(digest('SHA-256', publicKeyBits).subarray(0, 20)) })),
    extension(OID.staffAssessmentRole, false, new asn1js.Utf8String({ value: request.role })),
  ];
  if (employeeNo) extensions.push(extension(OID.staffAssessmentEmployeeNo, false, new asn1js.Utf8String({ value: employeeNo })));
  if (email) {
    extensions.push(
      extension(OID.subjectAltName, false, new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 1, value: email })] }).toSchema()),
    );
  }
  certificate.extensions = extensions;
  await certificate.sign(keyPair.privateKey, 'SHA-256', engine);
  const certificateDer = Buffer.from(certificate.toSchema(true).toBER(false));

  const p12 = await buildPkcs12(certificate, certificateDer, keyPair.privateKey, name, passphrase);
  return { p12, certificate: certificateDer, fingerprint: fingerprintOf(certificateDer) };
}

type GeneratedKeyPair = { publicKey: CryptoKey; privateKey: CryptoKey };

function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, and no leading zero byte to strip
  return serial;
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
function timeType(date: Date): number {
  return date.getUTCFullYear() >= 2050 ? 1 : 0;
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

async function buildPkcs12(
  certificate: pkijs.Certificate,
  certificateDer: Buffer,
  privateKey: CryptoKey,
  friendlyName: string,
  passphrase: string,
): Promise<Buffer> {
  const engine = cryptoEngine();
  const password = toArrayBuffer(Buffer.from(passphrase, 'utf8'));
  const encryption = {
    password,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: P12_ITERATIONS,
  };
  const bagAttributes = () => [
    new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: friendlyName })] }),
    new pkijs.Attribute({
      type: OID.localKeyId,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest('SHA-256', certificateDer).subarray(0, 20)) })],
    }),
  ];

  const pkcs8 = await subtle.exportKey('pkcs8', privateKey);
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  await keyBag.makeInternalValues(encryption, engine);
  const certBag = new pkijs.CertBag({ parsedValue: certificate });

  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        {
          privacyMode: 0, // the key bag is already shrouded
          value: new pkijs.SafeContents({
            safeBags: [new pkijs.SafeBag({ bagId: OID.pkcs8ShroudedKeyBag, bagValue: keyBag, bagAttributes: bagAttributes() })],
          }),
        },
        {
          privacyMode: 1, // password-encrypted (PBES2), as OpenSSL does for certificates
          value: new pkijs.SafeContents({
            safeBags: [new pkijs.SafeBag({ bagId: OID.certBag, bagValue: certBag, bagAttributes: bagAttributes() })],
          }),
        },
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({ safeContents: [{}, encryption] }, engine);
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues(
    { password, iterations: P12_ITERATIONS, pbkdf2HashAlgorithm: { name: 'SHA-256' }, hmacHashAlgorithm: 'SHA-256' },
    engine,
  );
  return Buffer.from(pfx.toSchema().toBER(false));
}

// ---------------------------------------------------------------------------------------------
// Opening

export async function openIdentity(p12: Buffer | Uint8Array, passphrase: string): Promise<SigningIdentity> {
  const engine = cryptoEngine();
  const password = toArrayBuffer(Buffer.from(passphrase, 'utf8'));

  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(p12));
  } catch {
    throw new IdentityError('invalid-p12', 'not a PKCS#12 (.p12/.pfx) file');
  }
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined }, engine);
  } catch (error) {
    if (/integrity/i.test(String((error as Error)?.message))) {
      throw new IdentityError('wrong-passphrase', 'cannot open the signing identity: wrong passphrase');
    }
    throw new IdentityError('invalid-p12', `unreadable PKCS#12 file: ${(error as Error)?.message ?? error}`);
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new IdentityError('invalid-p12', 'PKCS#12 file has no content');
  try {
    await authenticatedSafe.parseInternalValues(
      { safeContents: authenticatedSafe.safeContents.map(() => ({ password })) },
      engine,
    );
  } catch (error) {
    throw decryptionError(error);
  }

  const certificates: Buffer[] = [];
  const keys: pkijs.PrivateKeyInfo[] = [];
  for (const content of authenticatedSafe.parsedValue.safeContents as { value: pkijs.SafeContents }[]) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === OID.certBag && bag.bagValue instanceof pkijs.CertBag) {
        // The original DER, not a pkijs re-encoding of the parsed certificate.
        if (bag.bagValue.parsedValue instanceof pkijs.Certificate) {
          certificates.push(Buffer.from((bag.bagValue.certValue as asn1js.OctetString).valueBlock.valueHexView));
        }
      } else if (bag.bagId === OID.pkcs8ShroudedKeyBag && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
        try {
          await (bag.bagValue as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void> })
            .parseInternalValues({ password }, engine);
        } catch (error) {
          throw decryptionError(error);
        }
        if (bag.bagValue.parsedValue) keys.push(bag.bagValue.parsedValue);
      } else if (bag.bagId === OID.keyBag && bag.bagValue instanceof pkijs.PrivateKeyInfo) {
        keys.push(bag.bagValue);
      }
    }
  }
  if (keys.length === 0) throw new IdentityError('invalid-p12', 'PKCS#12 file holds no private key');
  if (certificates.length === 0) throw new IdentityError('invalid-p12', 'PKCS#12 file holds no certificate');

  // Pair the key with its certificate by public key (a file may also carry CA certificates).
  for (const keyInfo of keys) {
    const pkcs8 = Buffer.from(keyInfo.toSchema().toBER(false));
    let spki: Buffer;
    try {
      spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    } catch {
      throw new IdentityError('unsupported-key', 'the private key in the PKCS#12 file cannot be read');
    }
    const certificate = certificates.find((der) => certificateSpki(der).equals(spki));
    if (!certificate) continue;
    const privateKey = await importSigningKey(keyInfo, pkcs8);
    const info = readCertificate(certificate);
    return { privateKey, certificate, name: info.name, role: info.role, fingerprint: info.fingerprint };
  }
  throw new IdentityError('invalid-p12', 'no certificate in the PKCS#12 file matches its private key');
}

function decryptionError(error: unknown): IdentityError {
  // Without a MAC (or with a MAC made from a differently-encoded passphrase) a wrong passphrase
  // shows up as an AES padding failure.
  const message = String((error as Error)?.message ?? error);
  if (/decrypt|padding|bad|operation/i.test(message)) {
    return new IdentityError('wrong-passphrase', 'cannot open the signing identity: wrong passphrase');
  }
  return new IdentityError('invalid-p12', `cannot decrypt the PKCS#12 file: ${message}`);
}

function certificateSpki(der: Buffer): Buffer {
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
  return Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
}

async function importSigningKey(keyInfo: pkijs.PrivateKeyInfo, pkcs8: Buffer): Promise<CryptoKey> {
  const algorithmId = keyInfo.privateKeyAlgorithm.algorithmId;
  if (algorithmId === OID.rsaEncryption) {
    return subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  }
  if (algorithmId === OID.ecPublicKey) {
    const params = keyInfo.privateKeyAlgorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    const namedCurve = ({ [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' } as Record<string, string>)[curveOid];
    if (!namedCurve) throw new IdentityError('unsupported-key', `unsupported elliptic curve ${curveOid || '(none)'}`);
    return subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve }, false, ['sign']);
  }
  throw new IdentityError('unsupported-key', `unsupported key algorithm ${algorithmId}: use ECDSA (P-256) or RSA`);
}

// ---------------------------------------------------------------------------------------------
// Reading certificates

export function readCertificate(input: Buffer | Uint8Array | string): CertificateInfo {
  const der = certificateToDer(input);
  // Every signature and every verification reads the same few certificates: parse each once.
  const key = der.toString('base64');
  let info = readCertificates.get(key);
  if (!info) {
    info = parseCertificate(der);
    if (readCertificates.size >= READ_CERTIFICATES_KEPT) readCertificates.clear();
    readCertificates.set(key, info);
  }
  return { ...info, notBefore: new Date(info.notBefore), notAfter: new Date(info.notAfter) };
}

/** Certificates read so far, by their DER (base64); the cache starts over when it is full. */
const readCertificates = new Map<string, CertificateInfo>();
const READ_CERTIFICATES_KEPT = 256;

function parseCertificate(der: Buffer): CertificateInfo {
  let certificate: pkijs.Certificate;
  try {
    certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch {
    throw new IdentityError('invalid-certificate', 'not an X.509 certificate');
  }
  const subject = certificate.subject.typesAndValues;
  const attribute = (oid: string): string | null => {
    const found = subject.find((tv) => tv.type === oid);
    const value = found?.value as { valueBlock?: { value?: unknown } } | undefined;
    return typeof value?.valueBlock?.value === 'string' ? value.valueBlock.value : null;
  };

  let role: Role | null = null;
  let email = attribute(OID.emailAddress);
  let employeeNo: string | null = null;
  for (const ext of certificate.extensions ?? []) {
    if (ext.extnID === ROLE_OID_AS_PARSED) {
      const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
      const value = parsed.offset === -1 ? undefined : (parsed.result as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      role = isChainRole(value) ? value : null;
    } else if (ext.extnID === EMPLOYEE_NO_OID_AS_PARSED) {
      const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
      const value = parsed.offset === -1 ? undefined : (parsed.result as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      employeeNo = typeof value === 'string' && EMPLOYEE_NO.test(value) ? value : null;
    } else if (ext.extnID === OID.subjectAltName && email === null) {
      const names = ext.parsedValue instanceof pkijs.AltName ? ext.parsedValue.altNames : [];
      const rfc822 = names.find((n) => n.type === 1);
      if (rfc822 && typeof rfc822.value === 'string') email = rfc822.value;
    }
  }
  return {
    name: attribute(OID.commonName) ?? '',
    role,
    email,
    // The extension, else the subject's serialNumber (a company CA's certificate).
    employeeNo: employeeNo ?? validEmployeeNo(attribute(OID.serialNumber)),
    fingerprint: fingerprintOf(der),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    serial: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
  };
}

const validEmployeeNo = (value: string | null): string | null => (value !== null && EMPLOYEE_NO.test(value) ? value : null);

/** DER bytes of a certificate given as DER or PEM (string or bytes). */
export function certificateToDer(input: Buffer | Uint8Array | string): Buffer {
  const text = typeof input === 'string' ? input : Buffer.from(input.subarray(0, 64)).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const pem = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
    const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
    if (!match) throw new IdentityError('invalid-certificate', 'no CERTIFICATE block in the PEM text');
    return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  }
  if (typeof input === 'string') throw new IdentityError('invalid-certificate', 'a certificate string must be PEM');
  return Buffer.from(input);
}

export function certificateToPem(der: Buffer | Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
