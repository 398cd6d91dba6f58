// The system tools the test suites need, checked before `npm test` runs anything (scripts/test.mjs
// calls `preflight()` first). Also runs alone:
//   node scripts/preflight.mjs             all present: one line, exit 0; else every missing tool,
//                                          the one command that installs them, "0 passed, 1 failed", exit 1
//   node scripts/preflight.mjs --packages  the Debian packages of the missing tools, one line
//                                          (empty when nothing is missing); .ci/run installs these
// Environment: CHROMIUM_PATH (the browser the Playwright tests start, as playwright.config.ts reads it;
// default /usr/bin/chromium); PREFLIGHT_FONT_DIRS (folders searched for the Noto CJK fonts when
// `fc-list` is not there, separated like PATH; default: the system's and the user's font folders).
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Is `file` an executable file? */
function executable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of `name` on PATH, or undefined (no shell, no `which`). */
export function onPath(name, env = process.env) {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

const NOTO_CJK = /Noto ?Sans ?CJK/i;

/** Is a file whose name says Noto Sans CJK somewhere under `dir` (a few levels deep)? */
function fontFileUnder(dir, depth = 4) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.isFile() && NOTO_CJK.test(e.name)) return true;
    if ((e.isDirectory() || e.isSymbolicLink()) && depth > 0 && fontFileUnder(join(dir, e.name), depth - 1)) return true;
  }
  return false;
}

/** Noto Sans CJK installed: fontconfig's list when `fc-list` is there, else the font folders. */
function notoCjk(env) {
  const fcList = onPath('fc-list', env);
  if (fcList) {
    const r = spawnSync(fcList, [':', 'family'], { encoding: 'utf8', env });
    if (r.status === 0 && NOTO_CJK.test(r.stdout)) return true;
  }
  const dirs = env.PREFLIGHT_FONT_DIRS !== undefined
    ? env.PREFLIGHT_FONT_DIRS.split(delimiter).filter(Boolean)
    : ['/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.fonts'), join(homedir(), '.local/share/fonts'),
      '/Library/Fonts', '/System/Library/Fonts', join(homedir(), 'Library/Fonts'), 'C:\\Windows\\Fonts'];
  return dirs.some((d) => fontFileUnder(d));
}

/**
 * Every tool the suites start, with the Debian package that brings it. Kept in step with the
 * tests: Playwright (test/e2e), signing.test.ts (pdfsig, pdfdetach, qpdf, openssl), pdf-sheet and
 * report-files tests (pdftotext, pdfinfo, qpdf), test/helpers/report-files.ts (soffice), and the
 * Chinese text the e2e screenshots and the PDFs' fallback font need.
 */
export const TOOLS = [
  {
    name: 'Chromium',
    package: 'chromium',
    found: (env) => {
      const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
      return executable(path) ? true : `no browser at ${path}${env.CHROMIUM_PATH ? ', the path CHROMIUM_PATH gives' : ' (CHROMIUM_PATH chooses another)'}`;
    },
  },
  ...['pdfsig', 'pdfdetach', 'pdftotext', 'pdfinfo'].map((cmd) => ({
    name: `poppler-utils (${cmd})`,
    package: 'poppler-utils',
    found: (env) => (onPath(cmd, env) ? true : `\`${cmd}\` not on PATH`),
  })),
  { name: 'qpdf', package: 'qpdf', found: (env) => (onPath('qpdf', env) ? true : '`qpdf` not on PATH') },
  { name: 'OpenSSL', package: 'openssl', found: (env) => (onPath('openssl', env) ? true : '`openssl` not on PATH') },
  {
    name: 'LibreOffice Calc',
    package: 'libreoffice-calc-nogui',
    found: (env) => (onPath('soffice', env) ? true : '`soffice` not on PATH'),
  },
  { name: 'Noto CJK fonts', package: 'fonts-noto-cjk', found: (env) => (notoCjk(env) ? true : 'no Noto Sans CJK font installed') },
];

/** What is missing: [{ name, package, why }], in TOOLS order. */
export function missingTools(env = process.env) {
  const missing = [];
  for (const tool of TOOLS) {
    const found = tool.found(env);
    if (found !== true) missing.push({ name: tool.name, package: tool.package, why: found });
  }
  return missing;
}

/** The one command that installs the packages given (Debian and Ubuntu). */
export const installCommand = (packages) =>
  `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;

/**
 * Check and report. All present: one line, returns 0. Something missing: every missing tool, the
 * one install command and the test runner's closing line "0 passed, 1 failed"; returns 1.
 */
export function preflight(env = process.env, log = console.log) {
  const missing = missingTools(env);
  if (missing.length === 0) {
    log(`preflight: system tools present (${TOOLS.map((t) => t.name.replace(/ \(.*/, '')).filter((n, i, a) => a.indexOf(n) === i).join(', ')})`);
    return 0;
  }
  const packages = [...new Set(missing.map((m) => m.package))];
  log(`preflight: ${missing.length} system tool${missing.length === 1 ? '' : 's'} the tests need ${missing.length === 1 ? 'is' : 'are'} missing:`);
  for (const m of missing) log(`  - ${m.name} [Debian package ${m.package}]: ${m.why}`);
  log('Install them all with one command (Debian/Ubuntu; elsewhere, the same tools from your package manager):');
  log(`  ${installCommand(packages)}`);
  log('No test was run.');
  log('0 passed, 1 failed');
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--packages')) {
    console.log([...new Set(missingTools().map((m) => m.package))].join(' '));
  } else {
    process.exitCode = preflight();
  }
}
