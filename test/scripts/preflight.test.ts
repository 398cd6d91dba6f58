// npm test's preflight (scripts/preflight.mjs) as a child process: on a machine without the
// system tools it names each one and the one command that installs them, and stops npm test
// before any suite runs; on this machine (which has them all) it passes in one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGES = ['chromium', 'poppler-utils', 'qpdf', 'openssl', 'libreoffice-calc-nogui', 'fonts-noto-cjk'];

// A PATH holding only node: no chromium, pdfsig, qpdf, openssl, soffice or fc-list.
const bare = mkdtempSync(join(tmpdir(), 'preflight-'));
symlinkSync(process.execPath, join(bare, 'node'));
const emptyFonts = mkdtempSync(join(tmpdir(), 'preflight-fonts-'));
const freshMachine = { PATH: bare, HOME: bare, CHROMIUM_PATH: join(bare, 'chromium'), PREFLIGHT_FONT_DIRS: emptyFonts };
afterAll(() => {
  rmSync(bare, { recursive: true, force: true });
  rmSync(emptyFonts, { recursive: true, force: true });
});

const run = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env, timeout: 60_000, killSignal: 'SIGKILL' });

describe('npm test preflight', () => {
  it('on a machine without the tools: names every one, the one install command, and fails', () => {
    const r = run('scripts/preflight.mjs', [], freshMachine);
    expect(r.status).toBe(1);
    const out = r.stdout;
    for (const tool of ['Chromium', 'pdfsig', 'pdfdetach', 'pdftotext', 'pdfinfo', 'qpdf', 'OpenSSL', 'LibreOffice Calc', 'soffice', 'Noto CJK fonts']) {
      expect(out).toContain(tool);
    }
    expect(out).toContain(`apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`);
    // One command: the install line appears once, and the runner's closing line ends the output.
    expect(out.match(/apt-get install/g)).toHaveLength(1);
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('names only what is missing: this machine without its browser', () => {
    const r = run('scripts/preflight.mjs', [], { ...process.env, CHROMIUM_PATH: join(bare, 'chromium') });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`no browser at ${join(bare, 'chromium')}`);
    expect(r.stdout).toContain('apt-get install -y --no-install-recommends chromium\n');
    expect(r.stdout).not.toMatch(/qpdf|soffice|Noto/);
  });

  it('npm test stops at the preflight: no suite starts, the closing line says one failure', () => {
    const r = run('scripts/test.mjs', [], freshMachine);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('apt-get install');
    expect(r.stdout).not.toMatch(/^> /m); // no suite's command was started
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('--packages prints the Debian packages of the missing tools (what .ci/run installs)', () => {
    expect(run('scripts/preflight.mjs', ['--packages'], freshMachine).stdout.trim()).toBe(PACKAGES.join(' '));
    expect(run('scripts/preflight.mjs', ['--packages'], process.env).stdout.trim()).toBe('');
    expect(readFileSync('.ci/run', 'utf8')).toContain('node scripts/preflight.mjs --packages');
  });

  it('with this machine’s tools it passes in one short line', () => {
    const r = run('scripts/preflight.mjs', [], process.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^preflight: system tools present/);
  });
});
