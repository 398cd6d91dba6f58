/**
 * The one way the renderer talks to the backend: `invoke(name, input)`, typed by the API
 * contract. Under Electron it goes through the preload bridge (`window.scorecard`); in browser
 * mode it POSTs to `/api/invoke` with the session token the page was opened with.
 */
import type { HandlerName, InputOf, ResultOf } from '../../shared/api/contract.ts';
import { FAILURE_KINDS, type ApiFailure } from '../../shared/api/types.ts';

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiFailure };

/** What the Electron preload exposes. */
export interface ScorecardBridge {
  invoke(name: string, input: unknown): Promise<Envelope>;
}

declare global {
  interface Window {
    scorecard?: ScorecardBridge;
  }
}

/** A failed call: carries the backend's ApiFailure (or one made here for transport failures). */
export class ApiError extends Error {
  readonly failure: ApiFailure;
  /** True when the backend could not be reached or did not answer with the API's JSON. */
  readonly transport: boolean;

  constructor(failure: ApiFailure, transport = false) {
    super(failure.message);
    this.name = 'ApiError';
    this.failure = failure;
    this.transport = transport;
  }

  get kind(): ApiFailure['kind'] {
    return this.failure.kind;
  }
}

/** Any thrown value as an ApiFailure, for display. */
export function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiError) return error.failure;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

const TOKEN_KEY = 'scorecard.token';

/**
 * Browser mode: take `?token=` from the address, keep it for this tab in sessionStorage and
 * remove it from the address bar (and so from history and bookmarks). Call once at start-up.
 */
export function captureToken(): void {
  if (isElectron()) return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    memoryToken = token;
  }
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

let memoryToken: string | null = null;

function token(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

export function isElectron(): boolean {
  return typeof window !== 'undefined' && typeof window.scorecard?.invoke === 'function';
}

// Connection state, for the "cannot reach the backend" banner.
let offline = false;
const listeners = new Set<() => void>();

function setOffline(value: boolean): void {
  if (offline === value) return;
  offline = value;
  for (const listener of listeners) listener();
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isOffline(): boolean {
  return offline;
}

export interface InvokeOptions {
  /** Let the request outlive the page (a save flushed while the window closes). */
  keepalive?: boolean;
}

export async function invoke<N extends HandlerName>(name: N, input: InputOf<N>, options: InvokeOptions = {}): Promise<ResultOf<N>> {
  const envelope = isElectron() ? await viaBridge(name, input) : await viaHttp(name, input, options);
  if (envelope.ok) return envelope.result as ResultOf<N>;
  throw new ApiError(envelope.error);
}

async function viaBridge(name: string, input: unknown): Promise<Envelope> {
  let answer: unknown;
  try {
    answer = await window.scorecard!.invoke(name, input);
  } catch (error) {
    setOffline(true);
    throw transportError(`The app's backend did not answer (${name}): ${error instanceof Error ? error.message : String(error)}`);
  }
  return envelopeOf(answer, name);
}

async function viaHttp(name: string, input: unknown, options: InvokeOptions): Promise<Envelope> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, input }),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    setOffline(true);
    throw transportError(`Cannot reach the app's backend (${name}): ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    setOffline(true);
    throw transportError(`The backend answered ${name} with HTTP ${response.status} ${response.statusText} and no readable result`.trim());
  }
  return envelopeOf(body, name, response.status);
}

function envelopeOf(body: unknown, name: string, status?: number): Envelope {
  if (isRecord(body) && body.ok === true && 'result' in body) {
    setOffline(false);
    return { ok: true, result: body.result };
  }
  if (isRecord(body) && body.ok === false && isFailure(body.error)) {
    setOffline(false);
    return { ok: false, error: body.error };
  }
  setOffline(true);
  throw transportError(`The backend's answer to ${name}${status ? ` (HTTP ${status})` : ''} is not in the API's format`);
}

function transportError(message: string): ApiError {
  return new ApiError({ kind: 'internal', message }, true);
}


function isFailure(value: unknown): value is ApiFailure {
  return isRecord(value) && typeof value.kind === 'string' && (FAILURE_KINDS as readonly string[]).includes(value.kind) && typeof value.message === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
