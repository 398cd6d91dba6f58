/**
 * Signing identities (this app's own: key pair + certificate in a passphrase-protected PKCS#12
 * file in <data dir>/identities/) and trusted signers (certificates whose signatures this app
 * accepts, each for one step of the chain). Passphrases are used to open or create a .p12 and
 * are never stored, logged or written to the audit log.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ChainRole, FileData, IdentityInfo, TrustedSignerInfo } from '../../shared/api/types.ts';
import { InputError } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import {
  IdentityError,
  type KeyAlgorithm,
  type SigningIdentity,
  certificateToDer,
  certificateToPem,
  createIdentity,
  openIdentity,
  readCertificate,
} from '../signing/index.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { dataPath, decodeBase64, writeFileAtomic } from './files.ts';

const IDENTITY_FOLDER = 'identities';

interface IdentityRow {
  fingerprint: string;
  name: string;
  role: ChainRole;
  email: string | null;
  employee_no: string | null;
  certificate: Buffer;
  p12_file: string;
  source: 'created' | 'imported';
  created_at: string;
}

interface TrustedRow {
  fingerprint: string;
  name: string;
  role: ChainRole;
  email: string | null;
  employee_no: string | null;
  certificate: Buffer;
  added_at: string;
}

const toIdentity = (r: IdentityRow): IdentityInfo => ({
  fingerprint: r.fingerprint,
  name: r.name,
  role: r.role,
  email: r.email,
  employeeNo: r.employee_no,
  p12File: r.p12_file,
  source: r.source,
  createdAt: r.created_at,
  notAfter: readCertificate(r.certificate).notAfter.toISOString(),
});

const toTrusted = (r: TrustedRow): TrustedSignerInfo => ({
  fingerprint: r.fingerprint,
  name: r.name,
  role: r.role,
  email: r.email,
  employeeNo: r.employee_no,
  notAfter: readCertificate(r.certificate).notAfter.toISOString(),
  addedAt: r.added_at,
});

/** An IdentityError as the caller's input problem (never echoing a passphrase). */
function identityProblem(err: unknown, bytesField = 'dataBase64'): never {
  if (!(err instanceof IdentityError)) throw err;
  switch (err.code) {
    case 'wrong-passphrase':
      throw new InputError([{ field: 'passphrase', expected: 'the passphrase of this identity (the one given does not open it)', rule: { code: 'passphrase' } }], 'passphrase');
    case 'invalid-input': {
      // Its field, value and rule when the error names them (every check of createIdentity does).
      const p = err.problem;
      if (!p) throw new InputError([{ field: '(identity)', expected: err.message }], 'identity');
      throw new InputError([{ field: p.field, ...(p.value === undefined ? {} : { value: p.value }), expected: err.message, rule: p.rule }], p.field);
    }
    default: {
      const file = err.code === 'unsupported-key' ? 'key' : err.code === 'invalid-certificate' ? 'certificate' : 'p12';
      throw new InputError([{ field: bytesField, expected: `a readable file: ${err.message}`, rule: { code: 'identity-file', file } }], 'file');
    }
  }
}

/** The .p12 file name for an identity: its fingerprint's first 16 hex digits. */
function p12FileName(fingerprint: string): string {
  return `${fingerprint.replace(/:/g, '').slice(0, 16).toLowerCase()}.p12`;
}

function identityRow(db: Db, fingerprint: string): IdentityRow {
  const row = db.prepare('SELECT * FROM identities WHERE fingerprint = ?').get(normalizeFingerprint(fingerprint)) as IdentityRow | undefined;
  if (!row) throw new ServiceError('not-found', `there is no signing identity with the fingerprint ${fingerprint}`, { code: 'not-found', what: 'identity', id: fingerprint });
  return row;
}

/** "ab:cd…" or "abcd…" → "AB:CD:…". */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[:\s]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : text;
}

function store(db: Db, p12: Buffer, certificate: Buffer, role: ChainRole, source: IdentityRow['source']): IdentityInfo {
  const info = readCertificate(certificate);
  const fileName = p12FileName(info.fingerprint);
  return writeTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM identities WHERE fingerprint = ?').get(info.fingerprint)) {
      throw new ServiceError('conflict', `the identity ${info.name} (${info.fingerprint}) is already in this app`, { code: 'identity-exists', name: info.name, fingerprint: info.fingerprint });
    }
    const now = new Date().toISOString();
    writeFileAtomic(dataPath(db, IDENTITY_FOLDER, fileName), p12);
    writeFileAtomic(dataPath(db, IDENTITY_FOLDER, fileName.replace(/\.p12$/, '.cer')), certificate);
    db.prepare('INSERT INTO identities (fingerprint, name, role, email, employee_no, certificate, p12_file, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      info.fingerprint,
      info.name,
      role,
      info.email,
      info.employeeNo,
      certificate,
      fileName,
      source,
      now,
    );
    const after = { fingerprint: info.fingerprint, name: info.name, role, email: info.email, employeeNo: info.employeeNo, p12File: fileName };
    appendAudit(db, { action: source === 'created' ? 'identity.create' : 'identity.import', entity: 'identity', entityId: info.fingerprint, after });
    // Your own signatures verify in your own app.
    if (!db.prepare('SELECT 1 FROM trusted_signers WHERE fingerprint = ?').get(info.fingerprint)) {
      db.prepare('INSERT INTO trusted_signers (fingerprint, name, role, email, employee_no, certificate, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(info.fingerprint, info.name, role, info.email, info.employeeNo, certificate, now);
      appendAudit(db, { action: 'trust.add', entity: 'trusted-signer', entityId: info.fingerprint, after: { name: info.name, role, email: info.email, employeeNo: info.employeeNo, own: true } });
    }
    return toIdentity(identityRow(db, info.fingerprint));
  });
}

export async function createStoredIdentity(
  db: Db,
  input: { name: string; role: ChainRole; email?: string; employeeNo?: string; passphrase: string; algorithm?: KeyAlgorithm },
): Promise<IdentityInfo> {
  if (input.role === 'manager' && !input.employeeNo?.trim()) {
    throw new InputError([{ field: 'employeeNo', expected: "the regional manager's employee number, as in HR's roster (a manager's identity needs it)", rule: { code: 'required' } }], 'employeeNo');
  }
  let created;
  try {
    created = await createIdentity({ name: input.name, role: input.role, email: input.email, employeeNo: input.employeeNo, algorithm: input.algorithm }, input.passphrase);
  } catch (err) {
    identityProblem(err);
  }
  return store(db, created.p12, created.certificate, input.role, 'created');
}

/** Import a company PKCS#12 (.p12/.pfx). The role comes from its certificate, or must be given. */
export async function importStoredIdentity(db: Db, input: { fileName: string; dataBase64: string; passphrase: string; role?: ChainRole }): Promise<IdentityInfo> {
  const p12 = decodeBase64('dataBase64', input.dataBase64);
  let identity: SigningIdentity;
  try {
    identity = await openIdentity(p12, input.passphrase);
  } catch (err) {
    identityProblem(err);
  }
  const role = certificateRole(identity.role, input.role);
  return store(db, p12, identity.certificate, role, 'imported');
}

function certificateRole(fromCertificate: ChainRole | null, given: ChainRole | undefined): ChainRole {
  if (fromCertificate && given && fromCertificate !== given) {
    throw new InputError([{ field: 'role', value: given, expected: `the role its certificate records (${fromCertificate}), or none`, rule: { code: 'certificate-role', role: fromCertificate } }], 'certificate');
  }
  const role = fromCertificate ?? given;
  if (!role) {
    throw new InputError([{ field: 'role', expected: 'the chain role (manager, planning, vp or hr): the certificate does not record one', rule: { code: 'certificate-role', role: null } }], 'certificate');
  }
  return role;
}

export function listIdentities(db: Db): IdentityInfo[] {
  return (db.prepare('SELECT * FROM identities ORDER BY created_at, name').all() as IdentityRow[]).map(toIdentity);
}

/** The certificate of one of this app's identities, to give to the people who must trust it. */
export function exportIdentityCertificate(db: Db, input: { fingerprint: string; format: 'der' | 'pem' }): FileData {
  const row = identityRow(db, input.fingerprint);
  const base = row.p12_file.replace(/\.p12$/, '');
  return input.format === 'pem'
    ? { fileName: `${base}.pem`, dataBase64: Buffer.from(certificateToPem(row.certificate), 'ascii').toString('base64') }
    : { fileName: `${base}.cer`, dataBase64: row.certificate.toString('base64') };
}

/** Open one of this app's identities for signing; the chain role is the identity's. */
export async function openStoredIdentity(db: Db, fingerprint: string, passphrase: string): Promise<SigningIdentity & { role: ChainRole }> {
  const row = identityRow(db, fingerprint);
  const path = dataPath(db, IDENTITY_FOLDER, row.p12_file);
  if (!existsSync(path)) throw new ServiceError('not-found', `the key file of ${row.name} (${path}) is missing`, { code: 'key-file-missing', name: row.name, path });
  let identity: SigningIdentity;
  try {
    identity = await openIdentity(readFileSync(path), passphrase);
  } catch (err) {
    identityProblem(err, 'fingerprint');
  }
  if (identity.fingerprint !== row.fingerprint) throw new ServiceError('conflict', `the key file ${row.p12_file} holds another certificate than the identity ${row.name}`, {
      code: 'key-file-mismatch',
      name: row.name,
      file: row.p12_file,
    });
  return { ...identity, role: row.role };
}

// ---------------------------------------------------------------------------------------------
// Trusted signers

function trustedRow(db: Db, fingerprint: string): TrustedRow {
  const row = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ?').get(normalizeFingerprint(fingerprint)) as TrustedRow | undefined;
  if (!row) throw new ServiceError('not-found', `there is no trusted signer with the fingerprint ${fingerprint}`, { code: 'not-found', what: 'trusted-signer', id: fingerprint });
  return row;
}

/** Trust a certificate (.cer, DER or PEM) for a step of the chain: the role it records, or the one given. */
export function addTrustedSigner(db: Db, input: { fileName: string; dataBase64: string; role?: ChainRole }): TrustedSignerInfo {
  const bytes = decodeBase64('dataBase64', input.dataBase64);
  let der: Buffer;
  let info;
  try {
    der = certificateToDer(bytes);
    info = readCertificate(der);
  } catch (err) {
    identityProblem(err);
  }
  const role = certificateRole(info.role, input.role);
  return writeTransaction(db, () => {
    const existing = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ?').get(info.fingerprint) as TrustedRow | undefined;
    if (existing) {
      if (existing.role !== role) throw new ServiceError('conflict', `${info.name} (${info.fingerprint}) is already trusted as ${existing.role}; remove it first to trust it as ${role}`, {
          code: 'trusted-as-other-role',
          name: info.name,
          fingerprint: info.fingerprint,
          role: existing.role,
          wanted: role,
        });
      return toTrusted(existing);
    }
    db.prepare('INSERT INTO trusted_signers (fingerprint, name, role, email, employee_no, certificate, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      info.fingerprint,
      info.name,
      role,
      info.email,
      info.employeeNo,
      der,
      new Date().toISOString(),
    );
    appendAudit(db, { action: 'trust.add', entity: 'trusted-signer', entityId: info.fingerprint, after: { name: info.name, role, email: info.email, employeeNo: info.employeeNo, fileName: input.fileName } });
    return toTrusted(trustedRow(db, info.fingerprint));
  });
}

export function listTrustedSigners(db: Db): TrustedSignerInfo[] {
  return (db.prepare('SELECT * FROM trusted_signers ORDER BY role, name').all() as TrustedRow[]).map(toTrusted);
}

export function removeTrustedSigner(db: Db, input: { fingerprint: string }): TrustedSignerInfo {
  return writeTransaction(db, () => {
    const row = trustedRow(db, input.fingerprint);
    db.prepare('DELETE FROM trusted_signers WHERE fingerprint = ?').run(row.fingerprint);
    const removed = toTrusted(row);
    appendAudit(db, { action: 'trust.remove', entity: 'trusted-signer', entityId: row.fingerprint, before: { name: row.name, role: row.role, email: row.email } });
    return removed;
  });
}
