/**
 * What the current user may do with an inbox entry, read from what the backend says about it
 * (verdict, state, nextStep, complete): the backend decides the chain; this only says which
 * buttons to offer and, when none, why. The backend checks again on every call.
 */
import type { ChainRole, InboxEntry } from '../../../shared/api/types.ts';

export type Review =
  | { can: true }
  | { can: false; why: 'refused' }
  | { can: false; why: 'superseded'; by: NonNullable<InboxEntry['superseded']> }
  | { can: false; why: 'handled' }
  | { can: false; why: 'complete' }
  | { can: false; why: 'unknown' }
  | { can: false; why: 'role'; next: ChainRole };

/** Whether `role` may approve or return `entry` now. */
export function reviewOf(entry: InboxEntry, role: ChainRole): Review {
  if (!entry.verdict.ok) return { can: false, why: 'refused' };
  // A newer version of the sheet came in (an amendment): this one is no longer approved (inbox.approve refuses: superseded).
  if (entry.superseded && entry.state === 'pending') return { can: false, why: 'superseded', by: entry.superseded };
  if (entry.state !== 'pending') return { can: false, why: 'handled' };
  if (entry.complete) return { can: false, why: 'complete' };
  if (entry.nextStep === null) return { can: false, why: 'unknown' };
  if (entry.nextStep !== role) return { can: false, why: 'role', next: entry.nextStep };
  return { can: true };
}

/** Whether HR may import `entry` into this database: verified, signed by every step, not imported yet. */
export function canHrImport(entry: InboxEntry, role: ChainRole): boolean {
  return role === 'hr' && entry.verdict.ok && entry.complete && entry.state !== 'imported';
}

/** The first 8 hex digits of a file's SHA-256, for test ids and short display. */
export function sha8(sha256: string): string {
  return sha256.slice(0, 8);
}
