/**
 * `scorecard`: the command line of the staff-assessment app. Exit 0 with JSON (or text) on
 * stdout; exit 1 with one clear message on stderr for bad input or usage; never a stack trace.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { computeAnnualInput } from '../../shared/annual.ts';
import { computePayInput } from '../../shared/pay.ts';
import { InputError } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { rubricAsText, type Lang } from '../../shared/rubric/describe.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { DatabaseRefused, openDatabase } from '../db/database.ts';
import { loadDemo } from '../services/demo.ts';
import { ServiceError } from '../services/errors.ts';

const USAGE = `Usage: scorecard <command> [options]

Commands:
  score FILE|-              score a sheet input (JSON) with the built-in rubrics
  pay FILE|-                compute monthly pay (JSON)
  annual FILE|-             compute an annual score (JSON)
  rubric list               list the built-in rubrics
  rubric show ID [--json] [--lang zh|en]
                            print a rubric as text, or its full definition as JSON
  demo --db PATH            create (or fill an empty) database with the demo organisation

FILE is a JSON file, or - for standard input. Output is JSON on standard output.`;

/** A usage or input error: shown as one message, exit code 1. */
class CliError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const out = await dispatch(argv, io);
    io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof CliError) {
      io.stderr(`scorecard: ${err.message}\n`);
      return 1;
    }
    // An unexpected failure: one line, no stack (set SCORECARD_DEBUG=1 to see it).
    io.stderr(`scorecard: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.SCORECARD_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<string> {
  const [command, ...rest] = argv;
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return USAGE;
    case 'score':
      return json(scoreInput(await readJsonArg(rest, io, 'score')));
    case 'pay':
      return json(computePayInput(await readJsonArg(rest, io, 'pay')));
    case 'annual':
      return json(computeAnnualInput(await readJsonArg(rest, io, 'annual')));
    case 'rubric':
      return rubricCommand(rest);
    case 'demo':
      return json(demoCommand(rest));
    default:
      throw new CliError(`unknown command "${command}"; commands: score, pay, annual, rubric, demo (see scorecard --help)`);
  }
}

function demoCommand(args: readonly string[]) {
  const { positional, flags } = parseFlags(args, [], ['--db']);
  const path = flags['--db'];
  if (!path || positional.length) throw new CliError('usage: scorecard demo --db PATH');
  let db;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    db = openDatabase(path);
  } catch (err) {
    throw new CliError(err instanceof DatabaseRefused ? err.message : `cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    return { database: path, ...loadDemo(db) };
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

function rubricCommand(args: readonly string[]): string {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return BUILTIN_RUBRICS.map((r) => `${r.id}@${r.version}\t${r.title.zh} / ${r.title.en}\t${r.hash}`).join('\n');
  }
  if (sub === 'show') {
    const { positional, flags } = parseFlags(rest, ['--json'], ['--lang']);
    const [id] = positional;
    if (!id || positional.length > 1) throw new CliError('usage: scorecard rubric show ID [--json] [--lang zh|en]');
    const rubric = BUILTIN_RUBRICS.find((r) => r.id === id);
    if (!rubric) throw new CliError(`rubric "${id}" not found; built-in rubrics: ${BUILTIN_RUBRICS.map((r) => r.id).join(', ')}`);
    if (flags['--json']) return JSON.stringify(rubric, null, 2);
    const lang = flags['--lang'] ?? 'zh';
    if (lang !== 'zh' && lang !== 'en') throw new CliError(`--lang: got "${lang}"; expected zh or en`);
    return rubricAsText(rubric, lang as Lang);
  }
  throw new CliError('usage: scorecard rubric list | scorecard rubric show ID [--json] [--lang zh|en]');
}

function parseFlags(args: readonly string[], booleans: string[], valued: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (booleans.includes(a)) flags[a] = 'true';
    else if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      flags[a] = v;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, flags };
}

async function readJsonArg(args: readonly string[], io: Io, command: string): Promise<unknown> {
  if (args.length !== 1) throw new CliError(`usage: scorecard ${command} FILE.json (or - for standard input)`);
  const source = args[0]!;
  let text: string;
  if (source === '-') text = await io.stdin();
  else {
    try {
      text = await readFile(source, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new CliError(`cannot read ${source}: ${why}`);
    }
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const name = source === '-' ? 'standard input' : source;
    throw new CliError(text.trim() === '' ? `${name} is empty; expected JSON` : `${name} is not valid JSON: ${(err as Error).message}`);
  }
}
