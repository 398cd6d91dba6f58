// npm start: the desktop app; where Electron's binary is missing, browser mode instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

/** Electron's binary, if its package managed to install one (it downloads it on first use). */
function electronBinary() {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (electronBinary()) {
  // The desktop app needs better-sqlite3 built for Electron's ABI (out/native/); build it once,
  // beside the Node build that tests and the CLI use.
  const native = existsSync(join('out', 'native', 'better_sqlite3.node')) ? 0 : run(process.execPath, ['scripts/dist.mjs', '--native-only']);
  process.exitCode = native === 0 ? run(bin('electron-vite'), ['preview', '--', ...args]) : native;
} else {
  console.log("Electron's binary is not installed on this machine, so the app starts in browser mode instead.");
  const built = run(bin('vite'), ['build', '--logLevel', 'warn']);
  process.exitCode = built === 0 ? run(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...args]) : built;
}
