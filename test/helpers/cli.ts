/** The `scorecard` command as the tests run it: a child process (bin.mjs, as a user runs it), or its entry point in this process (for many quick refusals). */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../electron/cli/scorecard.ts';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `scorecard ARGS` as a child process, standard input empty unless given, without the debug stack traces. */
export function scorecard(args: string[], options: { env?: Record<string, string>; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [join('electron', 'cli', 'bin.mjs'), ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, SCORECARD_DEBUG: '', ...options.env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's own entry point in this process (the same code bin.mjs runs). */
export async function scorecardInProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), stdin: async () => '', passphrase: async () => '' };
  const status = await run(args, io);
  return { status, stdout, stderr };
}
