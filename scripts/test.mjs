// The single test command (npm test): runs every suite in order, streaming output,
// and ends with exactly one line "N passed, N failed". Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preflight } from './preflight.mjs';

// First the system tools the suites start (Chromium, poppler-utils, qpdf, OpenSSL, LibreOffice,
// Noto CJK fonts): when one is missing, name them all and the command that installs them, and stop.
if (preflight() !== 0) process.exit(1);

// Local binaries only (never let npx fetch a missing tool from the registry).
const bin = (name) => join('node_modules', '.bin', name);
const tmp = mkdtempSync(join(tmpdir(), 'staff-assessment-test-'));

/** Run a command with output streamed to the console; returns its exit code. */
function run(cmd, args) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) console.error(r.error.message);
  return r.status ?? 1;
}

/** A whole command counts as one check: passed iff it exits 0. */
const check = (cmd, ...args) => () => (run(cmd, args) === 0 ? [1, 0] : [0, 1]);

/**
 * A test runner that writes a JSON report. `count(report)` returns [passed, failed].
 * A missing/unreadable report, or a non-zero exit with no failed test, counts as one failure.
 */
const reported = (reportFile, count, problems, cmd, ...args) => () => {
  const code = run(cmd, args);
  let counts;
  let report;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
    counts = count(report);
    if (!counts.every(Number.isInteger)) throw new Error('no test counts in report');
  } catch (err) {
    console.error(`no usable report at ${reportFile}: ${err.message}`);
    return [0, 1];
  }
  const [passed, failed] = counts;
  return [passed, code !== 0 && failed === 0 ? 1 : failed, problems(report)];
};

/** The first lines of an error message, without colour codes: enough to say why, in the summary. */
const firstLines = (message = '', n = 12) =>
  // eslint-disable-next-line no-control-regex -- the terminal colour codes are what is removed
  message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, n).map((l) => `        ${l}`).join('\n');

/** Vitest's failed tests, each with its message. */
const vitestProblems = (r) =>
  (r.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? []).filter((t) => t.status === 'failed').map((t) => `FAILED ${file.name}: ${t.fullName}\n${firstLines(t.failureMessages?.[0])}`),
  );

/** Playwright's failed and flaky tests (a flaky one passed on its retry: named, so it is seen), each with its first error. */
const playwrightProblems = (r) => {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const error = (t.results ?? []).map((res) => res.error?.message).find(Boolean);
        out.push(`${t.status === 'flaky' ? 'FLAKY (passed on retry)' : 'FAILED'} ${spec.file}:${spec.line} ${spec.title}\n${firstLines(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of r.suites ?? []) walk(suite);
  return out;
};

const vitestReport = join(tmp, 'vitest.json');
const playwrightReport = join(tmp, 'playwright.json');
process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = playwrightReport;

const suites = [
  ['typecheck', check(bin('tsc'), '--noEmit', '-p', 'tsconfig.json')],
  ['typecheck (renderer)', check(bin('tsc'), '--noEmit', '-p', 'renderer/tsconfig.json')],
  ['lint', check(bin('eslint'), '.')],
  [
    'unit (vitest)',
    reported(
      vitestReport,
      (r) => [r.numPassedTests, r.numFailedTests],
      vitestProblems,
      bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`,
    ),
  ],
  // The desktop build (main, preload, renderer) also gives browser mode its renderer for the e2e tests.
  ['build (electron-vite)', check(bin('electron-vite'), 'build', '--logLevel', 'warn')],
  // Electron security scan of the build just made: fails on any HIGH/CRITICAL finding (one check).
  ['electronegativity', check(process.execPath, 'scripts/electronegativity.mjs', 'out')],
  [
    'browser (playwright)',
    reported(playwrightReport, (r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected], playwrightProblems, bin('playwright'), 'test'),
  ],
];

let passed = 0;
let failed = 0;
const summary = [];
const problems = [];
for (const [name, runSuite] of suites) {
  const [p, f, found = []] = runSuite();
  passed += p;
  failed += f;
  summary.push(`  ${f ? 'FAIL' : 'ok  '} ${name}: passed=${p} failed=${f}`);
  problems.push(...found);
}
rmSync(tmp, { recursive: true, force: true });

// Why a test failed, again just above the summary: a CI log is often read from its end.
if (problems.length > 0) console.log(`\nFailed or flaky tests:\n${problems.map((p) => `  ${p}`).join('\n')}`);
console.log(`\nSummary:\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
