/**
 * Four apps of the approval chain on real files, as the trust tests use them: the SOUTH regional
 * manager's and sales planning's databases with the demo organisation, the VP's empty, HR's with
 * the organisation's roster (regions and people, without the demo's sheets); a signing identity
 * each (the manager's carries the demo's SOUTH manager's employee number), each app trusting the
 * other three.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import type { ChainRole, IdentityInfo } from '../../shared/api/types.ts';
import { CHAIN_ROLES } from '../../shared/chain.ts';
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import { call, fail } from './call.ts';

export const PASS: Record<ChainRole, string> = { manager: 'manager pass 1', planning: 'planning pass 2', vp: 'vp pass 3', hr: 'hr pass 4' };
export const NAMES: Record<ChainRole, string> = { manager: '王磊', planning: '李娜', vp: '张伟', hr: '陈静' };
/** The manager's identity: the demo's regional manager of SOUTH. */
export const MANAGER_NO = 'M-201';

export interface ChainApp {
  role: ChainRole;
  dir: string;
  db: Db;
  h: Handlers;
  identity: IdentityInfo;
}

/** A handler call on one app of the chain (typed by the contract), and a refused one. */
export const callApp = <N extends HandlerName>(app: ChainApp, name: N, input: InputOf<N>) => call(app.h, name, input);
export const failApp = (app: ChainApp, name: HandlerName, input: unknown) => fail(app.h, name, input);
/** A file as the inbox and the imports take it. */
export const upload = (fileName: string, data: Buffer) => ({ fileName, dataBase64: data.toString('base64') });

/** Fills `apps` with the four apps under `root` (demo data as of `today`). */
export async function setUpChainApps(apps: Record<ChainRole, ChainApp>, root: string, today: Date): Promise<void> {
  for (const role of CHAIN_ROLES) {
    const dir = join(root, role);
    mkdirSync(dir);
    const db = openDatabase(join(dir, 'scorecard.db'));
    apps[role] = { role, dir, db, h: createHandlers(db, { dbPath: join(dir, 'scorecard.db'), appVersion: 'test' }), identity: undefined as unknown as IdentityInfo };
  }
  loadDemo(apps.manager.db, today);
  loadDemo(apps.planning.db, today); // sales planning scores the regional managers' own sheets
  // HR's roster: the organisation's regions and people, without the demo's sheets.
  apps.hr.db.prepare('ATTACH DATABASE ? AS source').run(join(apps.manager.dir, 'scorecard.db'));
  apps.hr.db.exec('INSERT INTO regions SELECT * FROM source.regions; INSERT INTO people SELECT * FROM source.people; DETACH DATABASE source');
  for (const app of Object.values(apps)) {
    app.identity = await call(app.h, 'identities.create', { name: NAMES[app.role], role: app.role, passphrase: PASS[app.role], ...(app.role === 'manager' ? { employeeNo: MANAGER_NO } : {}) });
  }
  for (const app of Object.values(apps)) {
    for (const other of Object.values(apps)) {
      if (other !== app) await call(app.h, 'trust.add', await call(other.h, 'identities.exportCertificate', { fingerprint: other.identity.fingerprint, format: 'der' }));
    }
  }
}

export function tearDownChainApps(apps: Record<ChainRole, ChainApp>, root: string | undefined): void {
  for (const app of Object.values(apps)) app.db?.close();
  if (root) rmSync(root, { recursive: true, force: true });
}
