/**
 * Benchmark: how fast the month grid shows its first row in headless Chromium, browser mode,
 * with the demo organisation loaded. Prints figures; asserts nothing (speed targets live here,
 * not in tests). Run: npm run bench:grid [-- --runs 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { openDatabase } from '../../electron/db/database.ts';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { startWebServer } from '../../electron/web/server.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const dir = mkdtempSync(join(tmpdir(), 'scorecard-bench-'));
const dbPath = join(dir, 'bench.db');
const db = openDatabase(dbPath);
loadDemo(db);
const handlers = createHandlers(db, { dbPath, appVersion: 'bench' });
await invoke(handlers, 'user.set', { name: 'HR', chainRole: 'hr', regionId: null });
const server = await startWebServer({ handlers, staticDir: process.env.BENCH_STATIC ?? join(process.cwd(), 'out', 'renderer') });
const rows = (await invoke(handlers, 'sheets.month', { period: lastMonth() })) as { ok: true; result: unknown[] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const FIRST_ROW = '[data-testid="month-grid"] [role="row"][data-rowindex="0"]';
const times: number[] = [];
const warm: number[] = [];
const heaps: number[] = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } }); // cold cache each run
  const page = await context.newPage();
  // The page notes the frame in which the first row is painted: a mutation observer sees the row
  // enter the page, and the next animation frame runs just before that frame's paint (after any
  // long task still in the way), so the figure neither misses the paint nor includes the time the
  // test driver takes to notice.
  await page.addInitScript(`
    new MutationObserver((_, observer) => {
      if (document.querySelector(${JSON.stringify(FIRST_ROW)})) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstRow = performance.now(); });
      }
    }).observe(document, { childList: true, subtree: true });
  `);
  await page.goto(`${server.openUrl}#/scoring/${lastMonth()}`);
  await page.waitForFunction(() => (globalThis as { __firstRow?: number }).__firstRow !== undefined);
  times.push((await page.evaluate('window.__firstRow')) as number);
  // The same app opened again: the browser's caches (and V8's code cache) are warm.
  await page.reload();
  await page.waitForFunction(() => (globalThis as { __firstRow?: number }).__firstRow !== undefined);
  warm.push((await page.evaluate('window.__firstRow')) as number);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  heaps.push(usedSize / 1024 / 1024);
  await context.close();
}
await browser.close();
await server.close();
db.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`month grid, demo organisation (${rows.result.length} rows), ${runs} cold loads in headless Chromium`);
console.log(`first row visible: median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (target < 1000 ms)`);
console.log(`opened again (warm caches): median ${median(warm).toFixed(0)} ms, best ${Math.min(...warm).toFixed(0)} ms, worst ${Math.max(...warm).toFixed(0)} ms`);
console.log(`renderer JS heap after first row and a GC: median ${median(heaps).toFixed(1)} MB`);

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
