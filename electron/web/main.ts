/**
 * `npm run web`: browser mode. Opens the database, serves the built renderer and the handlers on
 * 127.0.0.1, and prints the address to open (with its token, as Jupyter does).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseRefused, openDatabase, openReport } from '../db/database.ts';
import { acquireInstanceLock, InstanceLocked } from '../db/instance-lock.ts';
import { createHandlers } from '../handlers.ts';
import { resolveDbPath } from '../paths.ts';
import { startWebServer } from './server.ts';
import { warmUpWhenIdle } from '../pdf/render.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function main(argv: readonly string[]): Promise<number> {
  const dbPath = resolveDbPath(argv);
  // SCORECARD_STATIC_DIR serves another build of the renderer (benchmarks, parallel test runs).
  const staticDir = process.env.SCORECARD_STATIC_DIR || join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error('The user interface is not built yet: run `npm run build:renderer` (npm run web does it for you).');
    return 1;
  }
  const portArg = argv.indexOf('--port');
  const port = portArg === -1 ? Number(process.env.SCORECARD_PORT ?? 0) : Number(argv[portArg + 1]);
  let db;
  let lock;
  try {
    if (dbPath !== ':memory:') {
      mkdirSync(dirname(dbPath), { recursive: true });
      // One app per database file: a second desktop or browser-mode app on it is refused here (released on exit).
      lock = acquireInstanceLock(dbPath, 'browser');
    }
    db = openDatabase(dbPath);
  } catch (err) {
    lock?.release();
    console.error(err instanceof DatabaseRefused || err instanceof InstanceLocked ? err.message : `Cannot open the database ${dbPath}: ${(err as Error).message}`);
    return 1;
  }
  const appVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const server = await startWebServer({ handlers: createHandlers(db, { dbPath, appVersion }), staticDir, port });
  console.log(`Staff assessment (browser mode), database ${dbPath}`);
  for (const name of openReport(db).backups) console.log(`Backed up to backups/${name}`);
  console.log(`Open this address in a browser: ${server.openUrl}`);
  warmUpWhenIdle();
  const stop = () => {
    void server.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
