/** The benchmark's one table (standard output) and docs/benchmarks.md. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

export interface TableRow {
  measurement: string;
  product: string;
  baseline: string;
  /** The product's time ÷ the baseline's (memory: product ÷ baseline); lower is better. */
  ratio: string;
  target: string;
  met: 'yes' | 'no' | '—';
  /** Why a target is missed, or what the figure includes. */
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  libreoffice: string;
  pdfsig: string;
  date: string;
  /** The 1-minute load average when the run started: other work on the machine skews the figures. */
  load: number;
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return 'not installed';
  return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim())?.trim() ?? 'unknown';
}

export function machine(chromium: string, load: number): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: firstLine(chromium, ['--version']),
    libreoffice: firstLine(process.env.SOFFICE_PATH ?? 'soffice', ['--version']),
    pdfsig: firstLine('pdfsig', ['-v']),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load,
  };
}

const HEAD = ['measurement', 'product', 'baseline', 'product ÷ baseline', 'target', 'met'];

function cells(r: TableRow): string[] {
  return [r.measurement, r.product, r.baseline, r.ratio, r.target, r.met];
}

/** A Markdown table, its columns padded so it also reads in a terminal. */
export function table(rows: readonly TableRow[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const width = HEAD.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell + ' '.repeat(width[c]! - [...cell].length)).join(' | ')} |`;
  return [line(HEAD), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n');
}

export function notes(rows: readonly TableRow[]): string[] {
  return rows.filter((r) => r.note).map((r) => `- **${r.measurement}**: ${r.note}`);
}

/**
 * The line that starts the hand-written part of docs/benchmarks.md (the targets, what made the
 * product faster, why a target is missed, what was found by measuring). `writeReport` rewrites
 * everything above it and keeps the line and everything after it as they are.
 */
export const KEPT_MARKER = '<!-- Written by hand from here on: `npm run bench -- --write` keeps this part as it is. -->';

/** The hand-written part of the file at `path` (from KEPT_MARKER to the end), or '' when there is none. */
function keptPart(path: string): string {
  let old: string;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    return '';
  }
  const at = old.indexOf(KEPT_MARKER);
  return at < 0 ? '' : `\n${old.slice(at)}`;
}

export function writeReport(path: string, rows: readonly TableRow[], m: Machine, extra: { seconds: number; method: string[] }): void {
  const kept = keptPart(path);
  const text = `# Benchmarks

\`npm run bench\` builds the renderer, then builds its own data in a temporary folder (a company of
5,000 people in 10 regions, 12 months of score sheets), measures the product and its baseline side
by side in the same run, prints one table (progress goes to standard error) and, with
\`--write docs/benchmarks.md\`, writes this file. It is not part of \`npm test\`; it takes a few
minutes (this run: ${Math.round(extra.seconds)} s). "product ÷ baseline" is the product's time over the
baseline's (for throughput, the inverse of the rates; for memory, the ratio of the sizes): below 1
the product is faster.
The targets, what made the product faster, why a target is missed and what measuring on this
platform found are written by hand [below the figures](#targets-and-findings).

## Results

Run ${m.date} on: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}; Node ${m.node};
${m.chromium}; ${m.libreoffice}; pdfsig ${m.pdfsig.replace(/^pdfsig version /, '')}. Load average
when the run started: ${m.load.toFixed(2)}${m.load > m.cores / 2 ? ' (the machine was busy with other work: the figures are noisy)' : ''}.

${table(rows)}

${notes(rows).join('\n')}

## What is measured

${extra.method.map((l) => `- ${l}`).join('\n')}
${kept}`;
  writeFileSync(path, text);
}
