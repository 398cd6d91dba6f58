/**
 * What a received file's verdict depended on, as one fingerprint: the trusted signers (each
 * certificate with its role), the rubrics this app knows (built-ins and versions HQ published)
 * and the roster (regions and people, the manager-step and one-person checks read them). The
 * inbox keeps it with each verdict; bulk approval (inbox-bulk.ts) reuses a stored verdict only
 * while the file's SHA-256 and this fingerprint are both unchanged, and verifies again otherwise.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { knownRubrics } from './rubrics.ts';

export function verdictBasis(db: Db): string {
  const h = createHash('sha256');
  const part = (label: string, rows: unknown) => h.update(`${label}\n`).update(JSON.stringify(rows)).update('\n');
  const signers = db.prepare('SELECT role, certificate FROM trusted_signers').all() as { role: string; certificate: Buffer }[];
  part(
    'trusted',
    signers.map((s) => `${s.role}:${createHash('sha256').update(s.certificate).digest('hex')}`).sort(),
  );
  part(
    'rubrics',
    knownRubrics(db)
      .map((r) => `${r.id}@${r.version}:${r.hash}`)
      .sort(),
  );
  part('regions', db.prepare('SELECT * FROM regions ORDER BY id').raw().all());
  part('people', db.prepare('SELECT * FROM people ORDER BY id').raw().all());
  return h.digest('hex');
}
