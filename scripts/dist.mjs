// npm run dist [-- electron-builder options, e.g. --linux, --win, --mac]: the installers.
// node scripts/dist.mjs --native-only: step 2 alone (what `npm start` needs to run the desktop app).
//  1. electron-vite build → out/ (main, preload, renderer, XLSX worker);
//  2. better-sqlite3 rebuilt for Electron's ABI in a scratch copy (out/native-build/), never in
//     node_modules (the Node build stays for tests and the CLI), and its binary copied to
//     out/native/better_sqlite3.node — refused if plain Node can load it (then it is a Node build);
//  3. electron-builder with electron-builder.yml (extraResources ships out/native/, the afterPack
//     hook sets the fuses).
// Needs internet (Electron's headers and binary) and builds for the platform it runs on.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const bin = (name) => join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const nativeOnly = process.argv.includes('--native-only');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const sqlite = JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8'));

function run(cmd, args) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 1. The app.
if (!nativeOnly) run(bin('electron-vite'), ['build']);

// 2. better-sqlite3 for Electron.
const scratch = resolve('out', 'native-build');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'node_modules'), { recursive: true });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'native-build', version: '1.0.0', private: true, dependencies: { 'better-sqlite3': sqlite.version } }));
cpSync('node_modules/better-sqlite3', join(scratch, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  // Everything but the Node build in build/.
  filter: (src) => !/^build([/\\]|$)/.test(relative(resolve('node_modules/better-sqlite3'), resolve(src))),
});
const { rebuild } = await import('@electron/rebuild');
console.log(`\n> @electron/rebuild better-sqlite3 ${sqlite.version} for Electron ${electronVersion} (${process.platform}-${process.arch})`);
try {
  await rebuild({ buildPath: scratch, electronVersion, onlyModules: ['better-sqlite3'], force: true, types: ['prod'] });
} catch (err) {
  console.error(`\nCould not build better-sqlite3 for Electron ${electronVersion}: ${err?.message ?? err}`);
  console.error("This needs Electron's headers from the internet (electronjs.org) and a C++ toolchain; see docs/desktop.md, \"Packaging\".");
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}
const built = join(scratch, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) throw new Error(`no ${built} after the rebuild`);
// A binary for Electron's ABI cannot be loaded by this Node: if it loads, it is the wrong build.
try {
  createRequire(import.meta.url)(built);
  throw new Error(`${built} loads in Node ${process.version}: it is a Node build, not Electron ${electronVersion}'s`);
} catch (err) {
  if (!/NODE_MODULE_VERSION/.test(String(err?.message))) throw err;
}
mkdirSync('out/native', { recursive: true });
cpSync(built, 'out/native/better_sqlite3.node');
rmSync(scratch, { recursive: true, force: true });
console.log('out/native/better_sqlite3.node: built for Electron');

// 3. The installers.
if (!nativeOnly) run(bin('electron-builder'), ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
