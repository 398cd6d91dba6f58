/**
 * `scorecard`: the command line of the staff-assessment app. Exit 0 with JSON (or text) on
 * stdout; exit 1 with one clear message on stderr for bad input or usage (exit 2 for the report
 * command's bad arguments, and for an unexpected failure); never a stack trace.
 *
 * One file per command in commands/, loaded only when it runs (the signing and PDF modules take
 * half a second to load, which the other commands should not pay); flags and their check by the
 * contract in args.ts, standard streams and files in io.ts, databases in database.ts.
 */
import { InputError } from '../../shared/problems.ts';
import { ServiceError } from '../services/errors.ts';
import { CliError, Outcome, UsageError } from './args.ts';
import { busyMessage } from './database.ts';
import { USAGE } from './help.ts';
import { processIo, type Io } from './io.ts';

export type { Io } from './io.ts';

type Command = (args: readonly string[], io: Io) => string | Outcome | Promise<string | Outcome>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  score: async () => (await import('./commands/compute.ts')).score,
  pay: async () => (await import('./commands/compute.ts')).pay,
  annual: async () => (await import('./commands/compute.ts')).annual,
  rubric: async () => (await import('./commands/rubric.ts')).rubric,
  demo: async () => (await import('./commands/demo.ts')).demo,
  db: async () => (await import('./commands/db.ts')).db,
  roster: async () => (await import('./commands/roster.ts')).roster,
  figures: async () => (await import('./commands/figures.ts')).figures,
  findings: async () => (await import('./commands/findings.ts')).findings,
  sheet: async () => (await import('./commands/sheet.ts')).sheet,
  identity: async () => (await import('./commands/identity.ts')).identity,
  export: async () => (await import('./commands/export.ts')).exportMonth,
  sign: async () => (await import('./commands/sign.ts')).sign,
  verify: async () => (await import('./commands/verify.ts')).verify,
  import: async () => (await import('./commands/import.ts')).importSheets,
  report: async () => (await import('./commands/report.ts')).report,
};

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const out = await dispatch(argv, io);
    if (out instanceof Outcome) {
      if (out.stdout) io.stdout(out.stdout.endsWith('\n') ? out.stdout : `${out.stdout}\n`);
      if (out.stderr) io.stderr(`scorecard: ${out.stderr}\n`);
      return out.code;
    }
    io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (err) {
    // A refusal of the input, of the usage, or by a service (the app's conflict, not found, …).
    if (err instanceof InputError || err instanceof CliError || err instanceof ServiceError) {
      io.stderr(`scorecard: ${err.message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
    // Another program kept the database's write lock past the busy timeout: say who, not "database is locked".
    const busy = busyMessage(err);
    if (busy) {
      io.stderr(`scorecard: ${busy}\n`);
      return 1;
    }
    // An unexpected failure: one line, no stack (set SCORECARD_DEBUG=1 to see it).
    io.stderr(`scorecard: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.SCORECARD_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<string | Outcome> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return USAGE;
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new CliError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')} (see scorecard --help)`);
  return (await load())(rest, io);
}
