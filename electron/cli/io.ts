/** The command line's input and output: standard streams, passphrases, files read. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CliError } from './args.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
  /** A passphrase: $SCORECARD_PASSPHRASE, else asked on the terminal with echo off. */
  passphrase: (prompt: string, confirm: boolean) => Promise<string>;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  passphrase: async (prompt, confirm) => {
    const fromEnv = process.env.SCORECARD_PASSPHRASE;
    if (fromEnv) return fromEnv;
    if (!process.stdin.isTTY) {
      throw new CliError('a passphrase is needed: set SCORECARD_PASSPHRASE, or run the command in a terminal to be asked for it');
    }
    const first = await askHidden(prompt);
    if (confirm && (await askHidden('Repeat the passphrase: ')) !== first) throw new CliError('the two passphrases differ');
    if (!first) throw new CliError('the passphrase is empty');
    return first;
  },
};

/** Read one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolvePromise(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** A value as the commands print it: indented JSON. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function readFailure(path: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
  return new CliError(`cannot read ${path}: ${why}`);
}

/** A file's bytes, or a CliError saying why they cannot be read. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw readFailure(path, err);
  }
}

/** The JSON of the one argument: a file, or `-` for standard input. */
export async function readJsonArg(args: readonly string[], io: Io, command: string): Promise<unknown> {
  if (args.length !== 1) throw new CliError(`usage: scorecard ${command} FILE.json (or - for standard input)`);
  const source = args[0]!;
  let text: string;
  if (source === '-') text = await io.stdin();
  else {
    try {
      text = await readFile(source, 'utf8');
    } catch (err) {
      throw readFailure(source, err);
    }
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const name = source === '-' ? 'standard input' : source;
    throw new CliError(text.trim() === '' ? `${name} is empty; expected JSON` : `${name} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The files named, folders expanded to the PDFs in them (recursively), in order. */
export function pdfFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extname(name).toLowerCase() === '.pdf') out.push(path);
    }
  };
  for (const arg of args) {
    if (!existsSync(arg)) throw new CliError(`cannot read ${arg}: no such file or folder`);
    if (statSync(arg).isDirectory()) walk(arg);
    else out.push(arg);
  }
  return out;
}
