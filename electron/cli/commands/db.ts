/** `db backups` and `db restore`: what a refused database's message points to. */
import { resolve } from 'node:path';
import { BackupError, backupDir, listBackups } from '../../db/backups.ts';
import { restoreOffline } from '../../db/restore.ts';
import { CliError, checkInput, parseFlags } from '../args.ts';
import { json } from '../io.ts';

export function db(args: readonly string[]): string {
  const [sub, ...rest] = args;
  const { positional, flags } = parseFlags(rest, [], ['--db', '--backup']);
  const path = flags['--db'];
  const usage = 'usage: scorecard db backups --db PATH | scorecard db restore --db PATH --backup NAME';
  if (!path || positional.length) throw new CliError(usage);
  if (sub === 'backups') return json({ folder: backupDir(resolve(path)), backups: listBackups(resolve(path)) });
  if (sub === 'restore') {
    const text = flags['--backup'];
    if (!text) throw new CliError(usage);
    // The app's backups.restore names a backup the same way.
    const { name } = checkInput('backups.restore', { name: text }, { name: { flag: '--backup', text } });
    try {
      return json({ database: path, ...restoreOffline(resolve(path), name) });
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message);
      throw err;
    }
  }
  throw new CliError(usage);
}
