/** `demo --db PATH`: a new (or empty) database filled with the demo organisation, as the app's demo.load. */
import { loadDemo } from '../../services/demo.ts';
import { CliError, parseFlags } from '../args.ts';
import { openDb } from '../database.ts';
import { json } from '../io.ts';

export function demo(args: readonly string[]): string {
  const { positional, flags } = parseFlags(args, [], ['--db']);
  const path = flags['--db'];
  if (!path || positional.length) throw new CliError('usage: scorecard demo --db PATH');
  const db = openDb(path, true);
  try {
    return json({ database: path, ...loadDemo(db) });
  } finally {
    db.close();
  }
}
