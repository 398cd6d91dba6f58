/**
 * The services' side of the time checks (electron/signing/timing.ts):
 *   - firstReceivedIn: when this app first had a file, for the verifier's "certificate valid when
 *     first received" and "not signed in the future" rules. sheet_files.received_at is that time:
 *     a row is written when a file first comes (received, exported, approved, imported) and its
 *     received_at is never updated;
 *   - assertSignerClock: an app refuses to sign while its clock is behind the file's latest
 *     signature, so an honest laptop never writes a file the verifier refuses.
 */
import type { Db } from '../db/database.ts';
import { signerClockBehind } from '../signing/index.ts';
import { ServiceError } from './errors.ts';

/** The first-received time of a file by its SHA-256 (hex), or null for a file this app never had. */
export function firstReceivedIn(db: Db): (sha256: string) => Date | null {
  const statement = db.prepare('SELECT received_at FROM sheet_files WHERE sha256 = ?');
  return (sha256) => {
    const row = statement.get(sha256) as { received_at: string } | undefined;
    const at = row ? new Date(row.received_at) : null;
    return at && !Number.isNaN(at.getTime()) ? at : null;
  };
}

/** Refuses to sign `pdf` (named `fileName`) while this computer's clock is behind its latest signature. */
export function assertSignerClock(pdf: Buffer, fileName: string, now: Date = new Date()): void {
  const previous = signerClockBehind(pdf, now);
  if (!previous) return;
  throw new ServiceError(
    'conflict',
    `this computer's clock (${now.toISOString()}) is behind the latest signature of ${fileName} (${previous.toISOString()}): set the clock right, then sign`,
    { code: 'signer-clock-behind', fileName, previous: previous.toISOString(), now: now.toISOString() },
  );
}

/** firstReceivedIn, read whole now: for a caller that closes the database before verifying (the CLI's verify --db). */
export function firstReceivedSnapshot(db: Db): (sha256: string) => Date | null {
  const times = new Map((db.prepare('SELECT sha256, received_at FROM sheet_files').all() as { sha256: string; received_at: string }[]).map((r) => [r.sha256, r.received_at]));
  return (sha256) => {
    const text = times.get(sha256);
    const at = text === undefined ? null : new Date(text);
    return at && !Number.isNaN(at.getTime()) ? at : null;
  };
}
