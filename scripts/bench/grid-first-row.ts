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
import { chromium, type ConsoleMessage, type Page } from '@playwright/test';
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
  /**
   * ms from navigation start to the end of the rendering update (style, layout, paint) of the frame
   * that paints the first row, one per run (cold caches).
   */
  cold: number[];
  /** ms from navigation start to when that frame was presented (on screen), one per run. */
  coldPresented: number[];
  /** `cold` again after a reload (warm caches), when asked for. */
  warm: number[];
  /** ms from navigation start to the end of the frame that paints the DataGrid's first row in place of the light table (cold), when asked for. */
  dataGrid: number[];
  /** The page's JS heap after the first row and a GC, MB. */
  heapMB: number[];
  /** The renderer process's peak resident memory (VmHWM), MB; empty where /proc is not available. */
  peakRendererMB: number[];
}

/**
 * What the page reports (console '__bench {…}') once the rows have been painted. Chromium's Element
 * Timing API gives, for an element marked `elementtiming`, the end of the rendering update that
 * painted it (paintTime) and when that frame was presented (presentationTime). A mutation
 * observer marks the row's elements the moment the row enters the page, before any frame paints
 * it. Nothing of the test driver runs in the page until then: no polling, no injected helpers (a
 * Playwright waitForFunction injects its ~40 ms utility script, which would land in the middle of
 * the load), and unlike a task queued from requestAnimationFrame, the figure does not include
 * tasks the page itself queued before it (the light table's off-screen rows).
 */
function reporter(dataGrid: boolean): string {
  return `{
    const out = {};
    const rowElements = (row, id) => { for (const el of [row, ...row.querySelectorAll('*')]) el.setAttribute('elementtiming', id); };
    const report = () => { if (out.row !== undefined && (out.grid !== undefined || !${dataGrid})) console.log('__bench ' + JSON.stringify(out)); };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'first-row' && out.row === undefined) { out.row = e.paintTime ?? e.renderTime; out.presented = e.presentationTime ?? e.renderTime; report(); }
        if (e.identifier === 'grid-row' && out.grid === undefined) { out.grid = e.paintTime ?? e.renderTime; report(); }
      }
    }).observe({ type: 'element', buffered: true });
    let row = null, grid = null;
    new MutationObserver((_, observer) => {
      if (!row && (row = document.querySelector(${JSON.stringify(FIRST_ROW)}))) rowElements(row, 'first-row');
      if (!grid && !document.querySelector('.lt-root') && (grid = document.querySelector(${JSON.stringify(DATA_GRID_ROW)}))) rowElements(grid, 'grid-row');
      if (row && (grid || !${dataGrid})) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }`;
}

interface Reported {
  row: number;
  presented: number;
  grid?: number;
}

/** Open the page (or reload it) and wait for its report; nothing else happens in the page meanwhile. */
async function load(page: Page, open: () => Promise<unknown>): Promise<Reported> {
  let onConsole: (message: ConsoleMessage) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const reported = new Promise<Reported>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the first row was not painted within 60 s')), 60_000);
    onConsole = (message) => {
      if (message.text().startsWith('__bench ')) resolve(JSON.parse(message.text().slice('__bench '.length)) as Reported);
    };
    page.on('console', onConsole);
  });
  reported.catch(() => undefined); // a timeout while the navigation is still running is reported by the await below
  try {
    await open();
    return await reported;
  } finally {
    // However it ended (reported, timed out, or the navigation failed): no timer or listener left behind.
    clearTimeout(timer);
    page.off('console', onConsole);
  }
}

export async function measureFirstRow(options: FirstRowOptions): Promise<FirstRowResult> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  const browserPid = server.process().pid;
  const result: FirstRowResult = { cold: [], coldPresented: [], warm: [], dataGrid: [], heapMB: [], peakRendererMB: [] };
  try {
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } }); // cold cache each run
      const page = await context.newPage();
      await page.addInitScript(reporter(Boolean(options.dataGrid)));
      const cold = await load(page, () => page.goto(options.url, { waitUntil: 'commit' }));
      result.cold.push(cold.row);
      result.coldPresented.push(cold.presented);
      if (options.dataGrid) result.dataGrid.push(cold.grid!);
      if (options.warm) {
        // The same app opened again: the browser's caches (and V8's code cache) are warm.
        const warm = await load(page, () => page.reload({ waitUntil: 'commit' }));
        result.warm.push(warm.row);
      }
      const peak = browserPid === undefined ? null : peakRendererMemoryMB(browserPid);
      if (peak !== null) result.peakRendererMB.push(peak);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      result.heapMB.push(usedSize / 1024 / 1024);
      await context.close();
      options.log?.(
        `  run ${i + 1}/${options.runs}: first row ${cold.row.toFixed(0)} ms (on screen ${cold.presented.toFixed(0)} ms)${options.dataGrid ? `, DataGrid ${cold.grid!.toFixed(0)} ms` : ''}${options.warm ? `, again ${result.warm.at(-1)!.toFixed(0)} ms` : ''}`,
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
  const { cold: times, coldPresented, warm, dataGrid, heapMB: heaps, peakRendererMB } = await measureFirstRow({ url: `${server.openUrl}#/scoring/${lastMonth()}`, runs, warm: true, dataGrid: true });
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`month grid, demo organisation (${rows.result.length} rows), ${runs} cold loads in headless Chromium`);
  console.log(`first row painted: median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (target < 1000 ms)`);
  console.log(`that frame on screen: median ${median(coldPresented).toFixed(0)} ms`);
  console.log(`DataGrid's first row in place of the light table: median ${median(dataGrid).toFixed(0)} ms`);
  console.log(`opened again (warm caches): median ${median(warm).toFixed(0)} ms, best ${Math.min(...warm).toFixed(0)} ms, worst ${Math.max(...warm).toFixed(0)} ms`);
  console.log(`renderer JS heap after first row and a GC: median ${median(heaps).toFixed(1)} MB`);
  if (peakRendererMB.length) console.log(`renderer peak resident memory: median ${median(peakRendererMB).toFixed(0)} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await demoBenchmark();
