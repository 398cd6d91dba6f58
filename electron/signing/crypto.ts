/**
 * Crypto plumbing shared by the signing modules: Node's WebCrypto as the pkijs engine,
 * hashing, fingerprints and the object identifiers used across the layer.
 */
import { createHash, createHmac, hash as oneShotHash, timingSafeEqual, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

export type CryptoKey = webcrypto.CryptoKey;
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

export const subtle = webcrypto.subtle;

interface PasswordStampParameters {
  password: ArrayBuffer;
  hashAlgorithm: string;
  salt: ArrayBuffer;
  iterationCount: number;
}

/**
 * pkijs' engine on Node's WebCrypto, with the PKCS#12 MAC (RFC 7292 appendix B key derivation +
 * HMAC) done by node:crypto: pkijs runs that KDF in pure JavaScript, ~5× slower at 100,000
 * iterations. Same algorithm, same bytes.
 */
class NodeCryptoEngine extends pkijs.CryptoEngine {
  override async stampDataWithPassword(parameters: PasswordStampParameters & { contentToStamp: ArrayBuffer }): Promise<ArrayBuffer> {
    const hash = pkcs12Hash(parameters.hashAlgorithm);
    const key = pkcs12MacKey(hash, parameters.password, parameters.salt, parameters.iterationCount);
    return toArrayBuffer(createHmac(nodeHashName(hash), key).update(new Uint8Array(parameters.contentToStamp)).digest());
  }

  override async verifyDataStampedWithPassword(
    parameters: PasswordStampParameters & { contentToVerify: ArrayBuffer; signatureToVerify: ArrayBuffer },
  ): Promise<boolean> {
    const hash = pkcs12Hash(parameters.hashAlgorithm);
    const key = pkcs12MacKey(hash, parameters.password, parameters.salt, parameters.iterationCount);
    const mac = createHmac(nodeHashName(hash), key).update(new Uint8Array(parameters.contentToVerify)).digest();
    const expected = Buffer.from(parameters.signatureToVerify);
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  }
}

function pkcs12Hash(name: string): HashName | 'SHA-1' {
  const upper = name.toUpperCase();
  if (upper === 'SHA-1' || upper === 'SHA-256' || upper === 'SHA-384' || upper === 'SHA-512') return upper;
  throw new Error(`unsupported PKCS#12 MAC hash: ${name}`);
}

/**
 * RFC 7292 B.2 with ID = 3 (MAC key). The password is UTF-8 bytes; like OpenSSL 3 and pkijs it is
 * turned into a NUL-terminated big-endian UTF-16 (BMPString) first.
 */
function pkcs12MacKey(hash: HashName | 'SHA-1', password: ArrayBuffer, salt: ArrayBuffer, iterations: number): Buffer {
  const algorithm = nodeHashName(hash);
  const u = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash];
  const v = hash === 'SHA-384' || hash === 'SHA-512' ? 128 : 64;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(password);
  const bmp = Buffer.alloc(text.length * 2 + 2);
  for (let i = 0; i < text.length; i++) bmp.writeUInt16BE(text.charCodeAt(i), i * 2);
  const fill = (source: Buffer): Buffer => {
    const out = Buffer.alloc(source.length === 0 ? 0 : v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length]!;
    return out;
  };
  const D = Buffer.alloc(v, 3);
  const I = Buffer.concat([fill(Buffer.from(salt)), fill(bmp)]);
  // One block of output (u bytes) is enough: the HMAC key length equals the hash length.
  let A = createHash(algorithm).update(D).update(I).digest();
  for (let j = 1; j < iterations; j++) A = oneShotHash(algorithm, A, 'buffer');
  return A.subarray(0, u);
}

let engine: pkijs.CryptoEngine | undefined;

/** The pkijs crypto engine backed by Node's crypto (installed as pkijs' global engine once). */
export function cryptoEngine(): pkijs.CryptoEngine {
  if (!engine) {
    engine = new NodeCryptoEngine({
      name: 'node-webcrypto',
      crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
    });
    pkijs.setEngine('node-webcrypto', engine);
  }
  return engine;
}

export const OID = {
  // CMS content types and attributes
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentTypeAttr: '1.2.840.113549.1.9.3',
  messageDigestAttr: '1.2.840.113549.1.9.4',
  signingTimeAttr: '1.2.840.113549.1.9.5',
  signingCertificateAttr: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2Attr: '1.2.840.113549.1.9.16.2.47',
  // digests
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  // signature / key algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA1: '1.2.840.10045.4.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  // names and extensions
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  /** The subject's serialNumber attribute: the holder's employee number (as a company CA would put it). */
  serialNumber: '2.5.4.5',
  emailAddress: '1.2.840.113549.1.9.1',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  // PKCS#12
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  /**
   * Private certificate extension carrying the signer's step in the approval chain
   * (UTF8String 'manager' | 'planning' | 'vp' | 'hr'). A UUID-derived OID (ITU-T X.667,
   * arc 2.25) so no registration is needed and it cannot collide with a real extension.
   */
  staffAssessmentRole: '2.25.286547763424211449076430094241146005075',
  /**
   * Private certificate extension carrying the holder's employee number (UTF8String, as in HR's
   * roster), beside the role: it binds the identity to one person of the roster.
   */
  staffAssessmentEmployeeNo: '2.25.103400301989204566193866602606414800520',
} as const;

export const DIGEST_BY_OID: Readonly<Record<string, HashName>> = {
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

/** node:crypto's name for a WebCrypto hash name ('SHA-256' → 'sha256'). */
export function nodeHashName(hash: HashName | 'SHA-1'): string {
  return hash.replace('-', '').toLowerCase();
}

export function digest(hash: HashName, ...chunks: Uint8Array[]): Buffer {
  const h = createHash(nodeHashName(hash));
  for (const chunk of chunks) h.update(chunk);
  return h.digest();
}

/** SHA-256 of the DER certificate, uppercase hex pairs joined by colons (as OpenSSL prints it). */
export function fingerprintOf(der: Uint8Array): string {
  const hex = digest('SHA-256', der).toString('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
