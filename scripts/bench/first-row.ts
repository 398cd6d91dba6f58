/**
 * The month grid in headless Chromium with the 5,000-person company, in browser mode (the same
 * renderer and handlers as the desktop app): the first grid row painted after navigating to the
 * month, with cold caches (measureFirstRow, the method of grid-first-row.ts), and the renderer's
 * peak memory. Baseline: a plain HTML page that fetches the same 5,000 rows as JSON and writes
 * them into a <table> (no framework), measured the same way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { invoke } from '../../electron/handlers.ts';
import { startWebServer } from '../../electron/web/server.ts';
import type { Company } from './data.ts';
import { CHROMIUM, measureFirstRow, type FirstRowResult } from './grid-first-row.ts';
import { median, progress } from './measure.ts';

export interface FirstRowBench {
  rows: number;
  product: FirstRowResult;
  baseline: FirstRowResult;
}

export const RENDERER_DIR = process.env.BENCH_STATIC ?? join(process.cwd(), 'out', 'renderer');

export function browserAvailable(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM}`;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return `the renderer is not built (${RENDERER_DIR}); run npx vite build`;
  return null;
}

const BASELINE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title>
<style>body{font:13px sans-serif;margin:0}table{border-collapse:collapse}td{padding:4px 8px;border-bottom:1px solid #ddd}</style></head>
<body><div data-testid="month-grid"><table><tbody id="rows"></tbody></table></div>
<script>
fetch('/rows.json').then((r) => r.json()).then((rows) => {
  const esc = (s) => String(s ?? '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
  document.getElementById('rows').innerHTML = rows.map((r, i) => '<tr role="row" data-rowindex="' + i + '"><td>' + esc(r.employeeNo) + '</td><td>' + esc(r.name) + '</td><td>' + esc(r.regionName) + '</td><td>' + esc(r.status) + '</td><td>' + esc(r.dailyScore) + '</td><td>' + esc(r.attendanceScore) + '</td><td>' + esc(r.monthlyScore) + '</td><td>' + esc(r.flags.join(', ')) + '</td></tr>').join('');
});
</script></body></html>`;

export async function measureGridInBrowser(company: Company, runs = 5): Promise<FirstRowBench> {
  const outcome = await invoke(company.handlers, 'sheets.month', { period: company.last });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const rowsJson = JSON.stringify(outcome.result);
  const rows = (outcome.result as unknown[]).length;

  // A snapshot of the built renderer: another build of out/renderer during the run (a test run,
  // a developer) must not pull files from under the server.
  const staticDir = join(company.dir, 'renderer');
  cpSync(RENDERER_DIR, staticDir, { recursive: true });
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`the renderer build at ${RENDERER_DIR} was incomplete while it was copied; run npx vite build again`);
  const app = await startWebServer({ handlers: company.handlers, staticDir });
  let product: FirstRowResult;
  try {
    progress(`  the app, ${rows} rows:`);
    product = await measureFirstRow({ url: `${app.openUrl}#/scoring/${company.last}`, runs, warm: true, dataGrid: true, log: progress });
  } finally {
    await app.close();
  }

  const plain = createServer((req, res) => {
    if (req.url === '/rows.json') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(rowsJson);
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(BASELINE_PAGE);
    }
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  let baseline: FirstRowResult;
  try {
    progress(`  plain HTML table, ${rows} rows:`);
    baseline = await measureFirstRow({ url: `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`, runs, log: progress });
  } finally {
    await new Promise((resolve) => plain.close(resolve));
  }
  progress(`  first row: app median ${median(product.cold).toFixed(0)} ms, plain page ${median(baseline.cold).toFixed(0)} ms`);
  return { rows, product, baseline };
}
