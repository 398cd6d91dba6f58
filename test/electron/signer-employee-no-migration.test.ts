/**
 * Migration 006 on a real 005 database with identities and trusted signers: every row survives
 * unchanged, with no employee number (certificates from before carry none); new rows keep the
 * number their certificate carries.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { addTrustedSigner, createStoredIdentity, listIdentities, listTrustedSigners } from '../../electron/services/identities.ts';
import { createIdentity } from '../../electron/signing/index.ts';
import { tempDir, track } from '../helpers/db.ts';

const index = MIGRATIONS.findIndex((m) => m.name === '006-signer-employee-no');

describe('migration 006', () => {
  it('adds employee_no to identities and trusted signers: old rows intact with NULL, new rows keep the certificate’s number', async () => {
    expect(index).toBeGreaterThan(0);
    const path = join(tempDir(), 'v5.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, index) });
    expect(schemaVersion(before)).toBe(MIGRATIONS[index - 1]!.version);
    // An identity and a trusted signer made before: certificates without an employee number.
    const vp = await createIdentity({ name: '张伟', role: 'vp' }, 'x');
    const now = new Date().toISOString();
    before
      .prepare("INSERT INTO identities (fingerprint, name, role, email, certificate, p12_file, source, created_at) VALUES (?, '张伟', 'vp', NULL, ?, 'a.p12', 'created', ?)")
      .run(vp.fingerprint, vp.certificate, now);
    before.prepare("INSERT INTO trusted_signers (fingerprint, name, role, email, certificate, added_at) VALUES (?, '张伟', 'vp', NULL, ?, ?)").run(vp.fingerprint, vp.certificate, now);
    const rows = {
      identities: before.prepare('SELECT * FROM identities').all(),
      trusted: before.prepare('SELECT * FROM trusted_signers').all(),
    };
    before.close();

    const db = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, index + 1) }));
    expect(schemaVersion(db)).toBe(MIGRATIONS[index]!.version);
    expect(db.prepare('SELECT * FROM identities').all()).toEqual(rows.identities.map((r) => ({ ...(r as object), employee_no: null })));
    expect(db.prepare('SELECT * FROM trusted_signers').all()).toEqual(rows.trusted.map((r) => ({ ...(r as object), employee_no: null })));
    expect(listTrustedSigners(db)).toMatchObject([{ name: '张伟', employeeNo: null }]);

    // After: the number goes with the certificate into both tables.
    const manager = await createStoredIdentity(db, { name: '王磊', role: 'manager', employeeNo: 'M-201', passphrase: 'p' });
    expect(manager.employeeNo).toBe('M-201');
    const hr = await createIdentity({ name: '陈静', role: 'hr', employeeNo: 'H-001' }, 'y');
    expect(addTrustedSigner(db, { fileName: 'hr.cer', dataBase64: hr.certificate.toString('base64') })).toMatchObject({ name: '陈静', employeeNo: 'H-001' });
    expect(listIdentities(db).map((i) => [i.name, i.employeeNo])).toEqual([
      ['张伟', null],
      ['王磊', 'M-201'],
    ]);
    expect(db.prepare('SELECT name, employee_no FROM trusted_signers ORDER BY name').all()).toEqual([
      { name: '张伟', employee_no: null },
      { name: '王磊', employee_no: 'M-201' },
      { name: '陈静', employee_no: 'H-001' },
    ]);
  });
});
