/**
 * Each test gets browser mode as a user starts it: `node electron/web/main.ts --db <temp file>`,
 * a child process on a free port, and the printed address (with its token).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';

export interface BrowserMode {
  /** The address printed at start-up, token included. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  dir: string;
}

export function startBrowserMode(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--db', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Open this address in a browser: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Stop browser mode as Ctrl+C does (SIGTERM: it closes its connections and the database, then exits);
 * one that has not exited after 15 s is killed, so a hung server fails no test in its teardown.
 */
export async function stopBrowserMode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.error(`browser mode (pid ${child.pid}) did not stop within 15 s of SIGTERM: killed`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ app: BrowserMode }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-e2e-'));
    const dbPath = join(dir, 'scorecard.db');
    const { child, url } = await startBrowserMode(dbPath);
    const parsed = new URL(url);
    await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token')!, dbPath, dir });
    await stopBrowserMode(child);
    rmSync(dir, { recursive: true, force: true });
  },
});

/** The first-run screen: the demo organisation when asked, then who the user is (role and region as given). */
export async function firstRun(page: Page, url: string, who: { name: string; role?: 'manager' | 'planning' | 'vp' | 'hr'; region?: string; demo?: boolean }) {
  await page.goto(url);
  if (who.demo ?? true) {
    await page.getByTestId('demo-load').click();
    await expect(page.getByTestId('demo-done')).toBeVisible({ timeout: 30_000 });
  }
  await page.getByTestId('identity-name').fill(who.name);
  if (who.role) await page.getByTestId('identity-role').selectOption(who.role);
  if (who.region) await page.getByTestId('identity-region').selectOption({ label: who.region });
  await page.getByTestId('identity-save').click();
}

export { expect };
