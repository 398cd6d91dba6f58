/**
 * An identity unlocked for the session (opt-in): the opened identity is kept in this process's
 * memory only — never written to the database, a file or a log — so approvals can sign without
 * asking the passphrase again. It locks again after IDLE_LOCK_MS without use (signing with it, or
 * the user at work in the app: identities.unlocked { active: true }), when the user locks it, and
 * when the app quits (the memory goes with the process; main.ts also locks every one on quit).
 */
import type { ChainRole, UnlockedIdentity } from '../../shared/api/types.ts';
import type { Db } from '../db/database.ts';
import type { SigningIdentity } from '../signing/index.ts';
import { ServiceError } from './errors.ts';
import { normalizeFingerprint, openStoredIdentity } from './identities.ts';

/** How long an unlocked identity stays unlocked without use. */
export const IDLE_LOCK_MS = 10 * 60 * 1000;

/** The idle time in force: IDLE_LOCK_MS, or SCORECARD_UNLOCK_IDLE_MS (whole milliseconds, at least 1 s: the end-to-end tests shorten it). */
export function idleLockMs(): number {
  const env = Number(process.env.SCORECARD_UNLOCK_IDLE_MS);
  return Number.isInteger(env) && env >= 1000 ? env : IDLE_LOCK_MS;
}

type Opened = SigningIdentity & { role: ChainRole };

interface Held {
  identity: Opened;
  lastUsed: number;
}

/** Per database (one app; the tests open several in one process). */
const held = new WeakMap<Db, Map<string, Held>>();
let clock: () => number = () => Date.now();

/** Tests: the clock the idle lock reads (restore with no argument). */
export function setUnlockClock(now?: () => number): void {
  clock = now ?? (() => Date.now());
}

function store(db: Db): Map<string, Held> {
  let map = held.get(db);
  if (!map) held.set(db, (map = new Map()));
  return map;
}

/** Drop identities idle for too long. */
function expire(db: Db): Map<string, Held> {
  const map = store(db);
  const now = clock();
  const idle = idleLockMs();
  for (const [fp, h] of map) if (now - h.lastUsed >= idle) map.delete(fp);
  return map;
}

function info(h: Held): UnlockedIdentity {
  const idle = idleLockMs();
  return { fingerprint: h.identity.fingerprint, name: h.identity.name, role: h.identity.role, idleMs: idle, locksAt: new Date(h.lastUsed + idle).toISOString() };
}

/** identities.unlock: open the identity with its passphrase and keep it for the session. */
export async function unlockIdentity(db: Db, input: { fingerprint: string; passphrase: string }): Promise<UnlockedIdentity> {
  const identity = await openStoredIdentity(db, input.fingerprint, input.passphrase);
  const h: Held = { identity, lastUsed: clock() };
  expire(db).set(identity.fingerprint, h);
  return info(h);
}

/** identities.lock: one identity, or every one. */
export function lockIdentity(db: Db, input: { fingerprint?: string }): UnlockedIdentity[] {
  const map = expire(db);
  if (input.fingerprint === undefined) map.clear();
  else map.delete(normalizeFingerprint(input.fingerprint));
  return [...map.values()].map(info);
}

/** Lock every identity of every database (the app quits). */
export function lockAll(db: Db): void {
  store(db).clear();
}

/** identities.unlocked: those unlocked now; `active` (the user is at work) keeps them unlocked. */
export function listUnlocked(db: Db, input: { active?: boolean }): { idleMs: number; unlocked: UnlockedIdentity[] } {
  const map = expire(db);
  if (input.active) for (const h of map.values()) h.lastUsed = clock();
  return { idleMs: idleLockMs(), unlocked: [...map.values()].map(info) };
}

/**
 * The identity to sign with: opened with the passphrase when one is given, else the one unlocked
 * for the session (its use keeps it unlocked), else refused (identity-locked).
 */
export async function signerFor(db: Db, fingerprint: string, passphrase: string | undefined): Promise<Opened> {
  if (passphrase !== undefined) return openStoredIdentity(db, fingerprint, passphrase);
  const h = expire(db).get(normalizeFingerprint(fingerprint));
  if (h) {
    h.lastUsed = clock();
    return h.identity;
  }
  const row = db.prepare('SELECT name FROM identities WHERE fingerprint = ?').get(normalizeFingerprint(fingerprint)) as { name: string } | undefined;
  if (!row) throw new ServiceError('not-found', `there is no signing identity with the fingerprint ${fingerprint}`, { code: 'not-found', what: 'identity', id: fingerprint });
  throw new ServiceError('conflict', `${row.name} is locked: give the passphrase, or unlock the identity for the session`, { code: 'identity-locked', name: row.name, idleMinutes: Math.max(1, Math.round(idleLockMs() / 60_000)) });
}

/** Keep an identity in use unlocked while a long job signs with it. */
export function touchUnlocked(db: Db, fingerprint: string): void {
  const h = store(db).get(fingerprint);
  if (h) h.lastUsed = clock();
}
