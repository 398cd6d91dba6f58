/**
 * Browser-mode apps started for a test that passes files between them (the approval chain): each
 * with its own database in a temporary folder, called over HTTP as the renderer calls it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import { startBrowserMode } from './fixtures.ts';
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
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
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
