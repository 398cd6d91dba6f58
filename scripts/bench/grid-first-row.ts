/**
 * Benchmark: how fast the month grid shows its first row in headless Chromium, browser mode.
 * Run directly (npm run bench:grid [-- --runs 7]) it loads the demo organisation and prints
 * figures; `npm run bench` (main.ts) calls measureFirstRow with its 5,000-person company. Asserts
 * nothing (speed targets live here, not in tests).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { openDatabase } from '../../electron/db/database.ts';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { startWebServer } from '../../electron/web/server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIRST_ROW = '[data-testid="month-grid"] [role="row"][data-rowindex="0"]';
const DATA_GRID_ROW = '.MuiDataGrid-row[data-rowindex="0"]';

export interface FirstRowOptions {
  /** The page to open (with its #/scoring/YYYY-MM route); each run in a fresh context, cold caches. */
  url: string;
  runs: number;
  /** Also reload the page once per run (warm caches). */
  warm?: boolean;
  /** Also note when the DataGrid's first row has replaced the light table (the app's page only). */
  dataGrid?: boolean;
  log?: (line: string) => void;
}

export interface FirstRowResult {
  /** ms from navigation start to the end of the frame that paints the first row, one per run. */
  cold: number[];
  warm: number[];
  /** ms from navigation start to the DataGrid's first row in place of the light table (cold), when asked for. */
  dataGrid: number[];
  /** The page's JS heap after the first row and a GC, MB. */
  heapMB: number[];
  /** The renderer process's peak resident memory (VmHWM), MB; empty where /proc is not available. */
  peakRendererMB: number[];
}

export async function measureFirstRow(options: FirstRowOptions): Promise<FirstRowResult> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  const browserPid = server.process().pid;
  const result: FirstRowResult = { cold: [], warm: [], dataGrid: [], heapMB: [], peakRendererMB: [] };
  try {
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } }); // cold cache each run
      const page = await context.newPage();
      // The page notes when the frame that paints the first row is done: a mutation observer sees
      // the row enter the page; the next animation frame's callback runs just before that frame's
      // style, layout and paint, and a task queued from it runs once they are done. So the figure
      // includes laying out and painting the row, and not the time the test driver takes to notice.
      // The same for the DataGrid's first row once it has replaced the light table.
      await page.addInitScript(`{
        const seen = {};
        const note = (name) => requestAnimationFrame(() => setTimeout(() => { window[name] = performance.now(); }, 0));
        new MutationObserver((_, observer) => {
          if (!seen.row && document.querySelector(${JSON.stringify(FIRST_ROW)})) note((seen.row = '__firstRow'));
          if (!seen.grid && document.querySelector(${JSON.stringify(DATA_GRID_ROW)}) && !document.querySelector('.lt-root')) note((seen.grid = '__dataGrid'));
          if (seen.row && (seen.grid || !${JSON.stringify(Boolean(options.dataGrid))})) observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      }`);
      await page.goto(options.url);
      await page.waitForFunction(() => (globalThis as { __firstRow?: number }).__firstRow !== undefined, undefined, { timeout: 60_000 });
      result.cold.push((await page.evaluate('window.__firstRow')) as number);
      if (options.dataGrid) {
        await page.waitForFunction(() => (globalThis as { __dataGrid?: number }).__dataGrid !== undefined, undefined, { timeout: 60_000 });
        result.dataGrid.push((await page.evaluate('window.__dataGrid')) as number);
      }
      if (options.warm) {
        // The same app opened again: the browser's caches (and V8's code cache) are warm.
        await page.reload();
        await page.waitForFunction(() => (globalThis as { __firstRow?: number }).__firstRow !== undefined, undefined, { timeout: 60_000 });
        result.warm.push((await page.evaluate('window.__firstRow')) as number);
      }
      const peak = browserPid === undefined ? null : peakRendererMemoryMB(browserPid);
      if (peak !== null) result.peakRendererMB.push(peak);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      result.heapMB.push(usedSize / 1024 / 1024);
      await context.close();
      options.log?.(
        `  run ${i + 1}/${options.runs}: first row ${result.cold.at(-1)!.toFixed(0)} ms${options.dataGrid ? `, DataGrid ${result.dataGrid.at(-1)!.toFixed(0)} ms` : ''}${options.warm ? `, again ${result.warm.at(-1)!.toFixed(0)} ms` : ''}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return result;
}

/**
 * The largest peak resident set (VmHWM) among the renderer processes under the browser process,
 * in MB, from /proc (Linux); null elsewhere.
 */
function peakRendererMemoryMB(browserPid: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  for (const pid of pids) {
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid: number) => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 10; p = parent.get(p), hops++) if (p === browserPid) return true;
    return false;
  };
  let peak: number | null = null;
  for (const pid of pids) {
    if (!under(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]) / 1024);
    } catch {
      // gone meanwhile
    }
  }
  return peak;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

async function demoBenchmark(): Promise<void> {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-bench-'));
  const dbPath = join(dir, 'bench.db');
  const db = openDatabase(dbPath);
  loadDemo(db);
  const handlers = createHandlers(db, { dbPath, appVersion: 'bench' });
  await invoke(handlers, 'user.set', { name: 'HR', chainRole: 'hr', regionId: null });
  const server = await startWebServer({ handlers, staticDir: process.env.BENCH_STATIC ?? join(process.cwd(), 'out', 'renderer') });
  const rows = (await invoke(handlers, 'sheets.month', { period: lastMonth() })) as { ok: true; result: unknown[] };
  const { cold: times, warm, dataGrid, heapMB: heaps, peakRendererMB } = await measureFirstRow({ url: `${server.openUrl}#/scoring/${lastMonth()}`, runs, warm: true, dataGrid: true });
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`month grid, demo organisation (${rows.result.length} rows), ${runs} cold loads in headless Chromium`);
  console.log(`first row visible: median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (target < 1000 ms)`);
  console.log(`DataGrid's first row in place of the light table: median ${median(dataGrid).toFixed(0)} ms`);
  console.log(`opened again (warm caches): median ${median(warm).toFixed(0)} ms, best ${Math.min(...warm).toFixed(0)} ms, worst ${Math.max(...warm).toFixed(0)} ms`);
  console.log(`renderer JS heap after first row and a GC: median ${median(heaps).toFixed(1)} MB`);
  if (peakRendererMB.length) console.log(`renderer peak resident memory: median ${median(peakRendererMB).toFixed(0)} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await demoBenchmark();
