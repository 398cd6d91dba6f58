/**
 * Browser-mode apps started for a test that passes files between them (the approval chain): each
 * with its own database in a temporary folder, called over HTTP as the renderer calls it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import type { ChainRole, StoredFile } from '../../shared/api/types.ts';
import { CHAIN_ROLES } from '../../shared/chain.ts';
import { expect, startBrowserMode, stopBrowserMode } from './fixtures.ts';
import { callHttp } from './http.ts';

export interface Server {
  url: string;
  origin: string;
  token: string;
  dir: string;
  child: ChildProcess;
}

/** Start an app on a new database (`label` names its folder; `env` is set for this server only). */
export async function startServer(label: string, env: Record<string, string> = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), `scorecard-e2e-${label}-`));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const { child, url } = await startBrowserMode(join(dir, 'scorecard.db'));
    const parsed = new URL(url);
    return { url, origin: parsed.origin, token: parsed.searchParams.get('token')!, dir, child };
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

export async function stopServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  await stopBrowserMode(server.child);
  rmSync(server.dir, { recursive: true, force: true });
}

/** One handler call over HTTP to `server`, as the renderer makes it. */
export const call = <N extends HandlerName>(server: Server, name: N, input: InputOf<N>) => callHttp(server.origin, server.token, name, input);

/** HR's roster: `from`'s regions and people (no sheets), which HR's import checks each sheet against. */
export async function copyRoster(from: Server, to: Server): Promise<void> {
  const regionIds = new Map<number, number>();
  for (const r of await call(from, 'regions.list', {})) regionIds.set(r.id, (await call(to, 'regions.save', { code: r.code, name: r.name })).id);
  for (const p of await call(from, 'people.list', { includeInactive: true })) {
    await call(to, 'people.save', {
      employeeNo: p.employeeNo,
      name: p.name,
      role: p.role,
      regionId: p.regionId === null ? null : regionIds.get(p.regionId)!,
      managerId: null,
      activeFrom: p.activeFrom,
      activeTo: p.activeTo,
    });
  }
}

export const CHAIN_PASS: Record<ChainRole, string> = { manager: 'manager pass 1', planning: 'planning pass 2', vp: 'vp pass 3', hr: 'hr pass 4' };
export const CHAIN_NAMES: Record<ChainRole, string> = { manager: '王磊', planning: '赵计划', vp: '钱副总', hr: '孙人事' };

/** An app of the chain with its signing identity. */
export interface ChainServer extends Server {
  fingerprint: string;
}

/**
 * The four apps of the approval chain: the manager of EAST (M-101) and sales planning with the demo
 * organisation, the VP with nothing, HR with the roster; an identity each, each trusting the others.
 */
export async function startChain(label: string): Promise<Record<ChainRole, ChainServer>> {
  const started = await Promise.all(CHAIN_ROLES.map((role) => startServer(`${label}-${role}`)));
  const apps = Object.fromEntries(CHAIN_ROLES.map((role, i) => [role, { ...started[i]!, fingerprint: '' }])) as Record<ChainRole, ChainServer>;
  const { manager, planning, hr } = apps;
  await call(manager, 'demo.load', {});
  await call(planning, 'demo.load', {});
  await copyRoster(manager, hr);
  const regions = await call(manager, 'regions.list', {});
  await call(manager, 'user.set', { name: CHAIN_NAMES.manager, chainRole: 'manager', regionId: regions.find((r) => r.code === 'EAST')!.id });
  for (const role of ['planning', 'vp', 'hr'] as const) await call(apps[role], 'user.set', { name: CHAIN_NAMES[role], chainRole: role, regionId: null });
  for (const role of CHAIN_ROLES) {
    const identity = { name: CHAIN_NAMES[role], role, passphrase: CHAIN_PASS[role], ...(role === 'manager' ? { employeeNo: 'M-101' } : {}) };
    apps[role].fingerprint = (await call(apps[role], 'identities.create', identity)).fingerprint;
  }
  for (const role of CHAIN_ROLES) {
    const cert = await call(apps[role], 'identities.exportCertificate', { fingerprint: apps[role].fingerprint, format: 'der' });
    for (const other of CHAIN_ROLES) if (other !== role) await call(apps[other], 'trust.add', { fileName: `${role}.cer`, dataBase64: cert.dataBase64 });
  }
  return apps;
}

/** A stored file as an upload. */
export const fileOf = (f: { fileName: string; dataBase64: string }) => ({ fileName: f.fileName, dataBase64: f.dataBase64 });

/** Add `f` to `app`'s inbox and approve it there (signing as its step): the file it signs. */
export async function approveAt(app: ChainServer, role: ChainRole, f: StoredFile): Promise<StoredFile> {
  const [entry] = await call(app, 'inbox.add', { files: [fileOf(f)] });
  expect(entry!.verdict.ok, JSON.stringify(entry!.verdict.failure)).toBe(true);
  return (await call(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.fingerprint, passphrase: CHAIN_PASS[role] })).file;
}

/** The month before last: every demo sheet of it is ready. */
export function monthBeforeLast(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
