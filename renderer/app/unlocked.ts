/**
 * The identities unlocked for this session (identities.unlocked), known to every screen: the lock
 * in the top bar shows them, the signing dialogs skip the passphrase of an unlocked identity. The
 * backend keeps them (in memory) and locks them after its idle time; this store asks again on a
 * timer, telling the backend when the user was at work since (keyboard, pointer) so that an
 * identity in use does not lock under them.
 */
import { useSyncExternalStore } from 'react';
import type { UnlockedIdentity } from '../../shared/api/types.ts';
import { invoke } from '../api/client.ts';

let current: UnlockedIdentity[] = [];
/** The backend's idle time (known after the first answer). */
let idleMs: number | null = null;
const listeners = new Set<() => void>();
let active = false;

function set(next: UnlockedIdentity[]): void {
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  current = next;
  for (const l of listeners) l();
}

export function setUnlocked(next: UnlockedIdentity[]): void {
  set(next);
}

/** Ask the backend now (`active`: the user was at work since the last time). */
export async function refreshUnlocked(): Promise<void> {
  const wasActive = active;
  active = false;
  try {
    const answer = await invoke('identities.unlocked', wasActive && current.length > 0 ? { active: true } : {});
    idleMs = answer.idleMs;
    set(answer.unlocked);
  } catch {
    // Offline or restarting: the next poll asks again.
  }
}

/** The user pressed a key or the pointer: remembered until the next poll. */
export function noteActivity(): void {
  active = true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnlocked(): UnlockedIdentity[] {
  return useSyncExternalStore(subscribe, () => current);
}

/** The backend's idle time, when known. */
export function idleTime(): number | null {
  return idleMs;
}

export function isUnlocked(list: readonly UnlockedIdentity[], fingerprint: string): boolean {
  return list.some((u) => u.fingerprint === fingerprint);
}

/** How often to ask: often enough to show the idle lock within a few seconds of it, at most every 15 s. */
export function pollMs(list: readonly UnlockedIdentity[]): number {
  const idle = Math.min(...list.map((u) => u.idleMs), 60_000);
  return Math.max(1000, Math.min(15_000, Math.floor(idle / 4)));
}
