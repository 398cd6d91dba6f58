/**
 * Detached CMS SignedData for PDF signatures (CAdES-BES as PAdES baseline B needs it):
 * signed attributes contentType, messageDigest and ESS signing-certificate-v2, the signer's
 * certificate included, no signing-time attribute (PAdES takes the claimed time from /M).
 */
import { type KeyObject, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CryptoKey, DIGEST_BY_OID, type HashName, OID, cryptoEngine, digest, nodeHashName, toArrayBuffer } from './crypto.ts';

export class CmsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CmsError';
  }
}

/** Builds the DER CMS for `signedChunks` (the PDF bytes of the ByteRange, in order). */
export async function buildDetachedCms(
  privateKey: CryptoKey,
  certificateDer: Buffer,
  signedChunks: Uint8Array[],
  hash: HashName | 'SHA-1' = 'SHA-256',
): Promise<Buffer> {
  const engine = cryptoEngine();
  const certificate = parsedCertificate(certificateDer);
  // SHA-1 is only ever requested by the tests that check the verifier refuses it.
  const messageDigest = signedChunks.reduce((h, chunk) => h.update(chunk), createHash(nodeHashName(hash))).digest();

  const attributes = [
    new pkijs.Attribute({ type: OID.contentTypeAttr, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigestAttr, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2Attr, values: [signingCertificateV2(certificate, certificateDer)] }),
  ];
  // DER: a SET OF is sorted by the encodings of its elements.
  attributes.sort((a, b) => Buffer.compare(Buffer.from(a.toSchema().toBER(false)), Buffer.from(b.toSchema().toBER(false))));

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(privateKey, 0, hash, undefined, engine);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/**
 * Certificates parsed once per process, by their DER: a signer signs many sheets, and a verifier
 * sees the same few signers in every file. The parsed objects are only read, never changed.
 */
const parsedCertificates = new Map<string, pkijs.Certificate>();
const CERTIFICATES_KEPT = 256;
function parsedCertificate(der: Buffer): pkijs.Certificate {
  const key = der.toString('base64');
  let certificate = parsedCertificates.get(key);
  if (!certificate) {
    certificate = pkijs.Certificate.fromBER(toArrayBuffer(der)); // throws for what is not a certificate (not kept)
    if (parsedCertificates.size >= CERTIFICATES_KEPT) parsedCertificates.clear();
    parsedCertificates.set(key, certificate);
  }
  return certificate;
}

/** ESS SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 } with hashAlgorithm = SHA-256 (the DEFAULT, so omitted). */
function signingCertificateV2(certificate: pkijs.Certificate, certificateDer: Buffer): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }).toSchema(),
      new asn1js.Integer({ valueHex: toArrayBuffer(certificate.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest('SHA-256', certificateDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

// ---------------------------------------------------------------------------------------------
// Verification

export interface CmsVerification {
  /** DER of the signer's certificate (as embedded in the CMS). */
  certificate: Buffer;
  digestAlgorithm: HashName;
}

const SHA1_OIDS = new Set<string>([OID.sha1, OID.sha1WithRSA, OID.ecdsaWithSHA1]);

/**
 * Verifies a detached CMS over `signedChunks`; throws CmsError with a readable reason.
 * Accepts exactly one signer, SHA-256/384/512, RSA PKCS#1 v1.5 (≥ 2048 bits) or ECDSA.
 */
export function verifyDetachedCms(cms: Uint8Array, signedChunks: Uint8Array[]): CmsVerification {
  const parsed = asn1js.fromBER(cms);
  if (parsed.offset === -1) throw new CmsError('the signature is not valid DER');
  if (cms.subarray(parsed.offset).some((b) => b !== 0)) throw new CmsError('unexpected bytes after the CMS structure');
  // Canonical DER only (asn1js also reads BER: long/indefinite lengths, stray end-of-contents).
  if (!Buffer.from(parsed.result.toBER(false)).equals(cms.subarray(0, parsed.offset))) {
    throw new CmsError('the signature is not in canonical DER');
  }
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new CmsError('the CMS is not SignedData');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    if (error instanceof CmsError) throw error;
    throw new CmsError(`malformed CMS SignedData (${(error as Error).message})`);
  }
  if (signedData.signerInfos.length !== 1) throw new CmsError(`expected exactly one signer, found ${signedData.signerInfos.length}`);
  if (signedData.encapContentInfo.eContentType !== OID.data || signedData.encapContentInfo.eContent) {
    throw new CmsError('the CMS must be detached and of content type id-data');
  }
  const signerInfo = signedData.signerInfos[0]!;

  // Digest algorithm: SHA-256 or stronger.
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  if (SHA1_OIDS.has(digestOid)) throw new CmsError('SHA-1 digests are refused (SHA-256 or stronger required)');
  const digestAlgorithm = DIGEST_BY_OID[digestOid];
  if (!digestAlgorithm) throw new CmsError(`unsupported digest algorithm ${digestOid}`);
  // The unsigned envelope must agree with the signer (RFC 5652 versions; digestAlgorithms lists the signer's).
  const sidIsIssuerSerial = signerInfo.sid instanceof pkijs.IssuerAndSerialNumber;
  if (signedData.version !== 1 || signerInfo.version !== (sidIsIssuerSerial ? 1 : 3)) throw new CmsError('unexpected CMS version numbers');
  if (signedData.digestAlgorithms.length !== 1 || signedData.digestAlgorithms[0]!.algorithmId !== digestOid) {
    throw new CmsError("SignedData.digestAlgorithms does not match the signer's digest algorithm");
  }
  for (const algorithm of [signedData.digestAlgorithms[0]!, signerInfo.digestAlgorithm, signerInfo.signatureAlgorithm]) {
    if (!absentOrNullParameters(algorithm)) throw new CmsError(`unexpected parameters for algorithm ${algorithm.algorithmId}`);
  }

  // The signer's certificate, as the exact DER bytes embedded in the CMS.
  const { certificate, der: certificateDer } = findSignerCertificate(parsed.result, signerInfo);

  // Signed attributes.
  const attrs = signerInfo.signedAttrs?.attributes;
  if (!signerInfo.signedAttrs || !attrs?.length) throw new CmsError('the CMS has no signed attributes');
  const single = (oid: string): asn1js.AsnType | undefined => {
    const found = attrs.filter((a) => a.type === oid);
    if (found.length > 1 || (found[0] && found[0].values.length !== 1)) throw new CmsError(`signed attribute ${oid} must occur once with one value`);
    return found[0]?.values[0];
  };
  const contentType = single(OID.contentTypeAttr);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    throw new CmsError('content-type attribute missing or not id-data');
  }
  const messageDigest = single(OID.messageDigestAttr);
  if (!(messageDigest instanceof asn1js.OctetString)) throw new CmsError('message-digest attribute missing');
  const actual = digest(digestAlgorithm, ...signedChunks);
  if (!actual.equals(Buffer.from(messageDigest.valueBlock.valueHexView))) {
    throw new CmsError('the signed bytes were modified (message digest does not match)');
  }
  const essV2 = single(OID.signingCertificateV2Attr);
  if (!essV2) throw new CmsError('signing-certificate-v2 attribute missing (required by CAdES)');
  checkSigningCertificateV2(essV2, certificateDer);

  // The signature over the DER of the signed attributes.
  const signatureOid = signerInfo.signatureAlgorithm.algorithmId;
  if (SHA1_OIDS.has(signatureOid)) throw new CmsError('SHA-1 signatures are refused (SHA-256 or stronger required)');
  const scheme = signatureScheme(signatureOid, digestAlgorithm);
  const publicKey = publicKeyOf(certificate, certificateDer);
  if (publicKey.asymmetricKeyType !== scheme.keyType) {
    throw new CmsError(`signature algorithm ${signatureOid} does not match the certificate's ${publicKey.asymmetricKeyType} key`);
  }
  if (scheme.keyType === 'rsa' && (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new CmsError('RSA keys shorter than 2048 bits are refused');
  }
  const signedAttributesDer = Buffer.from(signerInfo.signedAttrs.encodedValue); // re-tagged as SET by pkijs
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  let valid: boolean;
  try {
    valid = nodeVerify(nodeHashName(scheme.hash), signedAttributesDer, publicKey, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new CmsError('the signature does not verify with the embedded certificate');
  return { certificate: certificateDer, digestAlgorithm };
}

/** The public key of a certificate, made once per certificate (KeyObjects are immutable). */
const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(certificate: pkijs.Certificate, der: Buffer): KeyObject {
  const key = der.toString('base64');
  let publicKey = publicKeys.get(key);
  if (!publicKey) {
    publicKey = createPublicKey({ key: Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
    if (publicKeys.size >= CERTIFICATES_KEPT) publicKeys.clear();
    publicKeys.set(key, publicKey);
  }
  return publicKey;
}

/** Hash, ECDSA and PKCS#1 v1.5 algorithm identifiers take no parameters, or NULL. */
function absentOrNullParameters(algorithm: pkijs.AlgorithmIdentifier): boolean {
  const params = algorithm.algorithmParams as asn1js.BaseBlock | undefined;
  return params === undefined || params instanceof asn1js.Null || params.constructor === asn1js.Any;
}

/**
 * Finds the signer's certificate among those embedded in the CMS, keeping its original DER bytes
 * (pkijs would re-encode the parsed certificate; the trust check compares exact bytes).
 */
function findSignerCertificate(contentInfo: asn1js.AsnType, signerInfo: pkijs.SignerInfo): { certificate: pkijs.Certificate; der: Buffer } {
  // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData }; SignedData's certificates are [0] IMPLICIT SET.
  const content = (contentInfo as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed | undefined;
  const signedData = content?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const certificateSet = signedData?.valueBlock.value.find((e) => e.idBlock.tagClass === 3 && e.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  const embedded: { certificate: pkijs.Certificate; der: Buffer }[] = [];
  for (const element of certificateSet?.valueBlock.value ?? []) {
    if (!(element instanceof asn1js.Sequence)) continue; // other certificate formats
    const der = Buffer.from(element.valueBeforeDecodeView);
    try {
      embedded.push({ certificate: parsedCertificate(der), der });
    } catch {
      // not an X.509 certificate
    }
  }
  const sid = signerInfo.sid;
  let match: { certificate: pkijs.Certificate; der: Buffer } | undefined;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    match = embedded.find(({ certificate: c }) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  } else if (sid instanceof asn1js.Primitive || sid instanceof asn1js.OctetString) {
    const keyId = Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView);
    match = embedded.find(({ certificate: c }) =>
      (c.extensions ?? []).some(
        (e) => e.extnID === OID.subjectKeyIdentifier && e.parsedValue instanceof asn1js.OctetString && Buffer.from(e.parsedValue.valueBlock.valueHexView).equals(keyId),
      ),
    );
  }
  if (!match) throw new CmsError("the signer's certificate is not included in the signature");
  return match;
}

function checkSigningCertificateV2(value: asn1js.AsnType, certificateDer: Buffer): void {
  const fail = (why: string): never => {
    throw new CmsError(`signing-certificate-v2 ${why}`);
  };
  if (!(value instanceof asn1js.Sequence)) fail('is malformed');
  const certs = (value as asn1js.Sequence).valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence) || certs.valueBlock.value.length === 0) fail('lists no certificate');
  const first = (certs as asn1js.Sequence).valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) fail('is malformed');
  const parts = (first as asn1js.Sequence).valueBlock.value;
  let hash: HashName = 'SHA-256';
  let index = 0;
  if (parts[0] instanceof asn1js.Sequence) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
    const named = DIGEST_BY_OID[algorithm.algorithmId];
    if (!named) fail(`uses an unsupported hash ${algorithm.algorithmId}`);
    hash = named!;
    index = 1;
  }
  const certHash = parts[index];
  if (!(certHash instanceof asn1js.OctetString)) fail('has no certificate hash');
  if (!digest(hash, certificateDer).equals(Buffer.from((certHash as asn1js.OctetString).valueBlock.valueHexView))) {
    fail("does not match the signer's certificate");
  }
}

function signatureScheme(oid: string, digestAlgorithm: HashName): { keyType: 'rsa' | 'ec'; hash: HashName } {
  const table: Record<string, { keyType: 'rsa' | 'ec'; hash: HashName }> = {
    [OID.sha256WithRSA]: { keyType: 'rsa', hash: 'SHA-256' },
    [OID.sha384WithRSA]: { keyType: 'rsa', hash: 'SHA-384' },
    [OID.sha512WithRSA]: { keyType: 'rsa', hash: 'SHA-512' },
    [OID.rsaEncryption]: { keyType: 'rsa', hash: digestAlgorithm },
    [OID.ecdsaWithSHA256]: { keyType: 'ec', hash: 'SHA-256' },
    [OID.ecdsaWithSHA384]: { keyType: 'ec', hash: 'SHA-384' },
    [OID.ecdsaWithSHA512]: { keyType: 'ec', hash: 'SHA-512' },
    [OID.ecPublicKey]: { keyType: 'ec', hash: digestAlgorithm },
  };
  const scheme = table[oid];
  if (!scheme) throw new CmsError(`unsupported signature algorithm ${oid}`);
  return scheme;
}
