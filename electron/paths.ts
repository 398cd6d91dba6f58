/** Where the app keeps its data when nothing else is said: the OS user-data folder, as Electron's app.getPath('userData'). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'staff-assessment';
export const DB_FILE = 'scorecard.db';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** The database path: `--db PATH`, else $SCORECARD_DB, else the user-data folder. */
export function resolveDbPath(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const i = argv.indexOf('--db');
  if (i !== -1 && argv[i + 1]) return argv[i + 1]!;
  const inline = argv.find((a) => a.startsWith('--db='));
  if (inline) return inline.slice('--db='.length);
  return env.SCORECARD_DB ?? join(defaultDataDir(env), DB_FILE);
}
