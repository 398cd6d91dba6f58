/**
 * `npm run crash-test [-- --kills N]`: the crash test. A child process (scripts/crash-child.ts)
 * saves score sheets in a loop on a demo database and prints each acknowledged write; this
 * process kills it with SIGKILL at random moments (also while it opens the database), then
 * checks that every acknowledged write is in the database and that `PRAGMA integrity_check`
 * says ok — after every kill. Default 200 kills; test/electron/crash.test.ts runs a short one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/db/database.ts';
import { loadDemo } from '../electron/services/demo.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(root, 'scripts', 'crash-child.ts');

export interface CrashReport {
  kills: number;
  /** Acknowledged writes in all (each checked after the kill that followed it, and again at the end). */
  writes: number;
  /** Writes checked, summed over every check (after each kill, every acknowledged write so far). */
  checks: number;
  /** Kills that hit the child before it had opened the database. */
  killedWhileOpening: number;
  problems: string[];
}

interface Options {
  kills: number;
  /** Longest wait between the child being ready and the kill (ms). */
  maxDelayMs?: number;
  log?: (line: string) => void;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runCrashTest(options: Options): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? Date.now() % 1_000_000;
  const rand = random(seed);
  const maxDelay = options.maxDelayMs ?? 400;
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-crash-'));
  const dbPath = join(dir, 'scorecard.db');
  const report: CrashReport = { kills: 0, writes: 0, checks: 0, killedWhileOpening: 0, problems: [] };
  log(`crash test: ${options.kills} kills, seed ${seed}, database ${dbPath}`);
  try {
    const demo = openDatabase(dbPath);
    loadDemo(demo);
    demo.close();

    /** key person/period → highest acknowledged seq. */
    const acked = new Map<string, number>();
    let nextSeq = 1;
    for (let k = 0; k < options.kills; k++) {
      const { lines, opened } = await runAndKill(dbPath, nextSeq, rand, maxDelay);
      report.kills++;
      if (!opened) report.killedWhileOpening++;
      let last = nextSeq - 1;
      for (const line of lines) {
        const m = /^ack (\d+) (\d+) (\d{4}-\d{2})$/.exec(line);
        if (!m) continue;
        const seq = Number(m[1]);
        acked.set(`${m[2]} ${m[3]}`, Math.max(acked.get(`${m[2]} ${m[3]}`) ?? 0, seq));
        report.writes++;
        last = Math.max(last, seq);
      }
      // the child may have committed one more write than it acknowledged
      nextSeq = last + 2;
      const problems = verify(dbPath, acked, nextSeq);
      report.checks += acked.size;
      for (const p of problems) report.problems.push(`after kill ${k + 1}: ${p}`);
      if (problems.length) {
        log(`kill ${k + 1}: ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`);
        break;
      }
      if ((k + 1) % 25 === 0) log(`  ${k + 1} kills, ${report.writes} acknowledged writes, all present, integrity ok`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** Start the writer, kill it with SIGKILL at a random moment; the lines it printed. */
function runAndKill(dbPath: string, firstSeq: number, rand: () => number, maxDelay: number): Promise<{ lines: string[]; opened: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, String(firstSeq)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let opened = false;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    // One kill in ten lands while the child is starting or opening the database.
    const early = rand() < 0.1;
    if (early) timer = setTimeout(kill, 300 + rand() * 900);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!opened && out.includes('ready')) {
        opened = true;
        if (!early) timer = setTimeout(kill, rand() * maxDelay);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the writer stopped by itself (code ${code}): ${err.trim().slice(0, 500)}`));
      // A line cut by the kill is incomplete: only whole lines count.
      const lines = out.split('\n');
      lines.pop();
      resolve({ lines, opened: opened && out.includes('ready') });
    });
  });
}

/** Every acknowledged write present (the sheet holds that write or a later one); integrity_check ok. */
function verify(dbPath: string, acked: Map<string, number>, maxSeq: number): string[] {
  const problems: string[] = [];
  let db;
  try {
    db = openDatabase(dbPath, { backups: false });
  } catch (err) {
    return [`the database does not open: ${(err as Error).message}`];
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const get = db.prepare('SELECT items FROM sheets WHERE person_id = ? AND period = ?');
    for (const [key, seq] of acked) {
      const [personId, period] = key.split(' ');
      const row = get.get(Number(personId), period) as { items: string } | undefined;
      const note = row ? (JSON.parse(row.items) as Record<string, { note?: string }>)['dealer.rebate-forms']?.note : undefined;
      const stored = note?.startsWith('crash ') ? Number(note.slice(6)) : -1;
      if (stored < seq || stored > maxSeq) problems.push(`${key}: acknowledged write ${seq}, found ${note ?? 'nothing'}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

async function main(argv: readonly string[]): Promise<number> {
  const i = argv.indexOf('--kills');
  const kills = i === -1 ? 200 : Number(argv[i + 1]);
  const s = argv.indexOf('--seed');
  if (!Number.isInteger(kills) || kills < 1) {
    console.error('usage: npm run crash-test [-- --kills N] [--seed S]');
    return 1;
  }
  const started = Date.now();
  const report = await runCrashTest({ kills, log: (l) => console.log(l), ...(s === -1 ? {} : { seed: Number(argv[s + 1]) }) });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `crash test: ${report.kills} SIGKILLs (${report.killedWhileOpening} while opening), ${report.writes} acknowledged writes, ${report.checks} write checks, ` +
      `integrity_check ok after every kill: ${report.problems.length === 0 ? 'yes' : 'NO'} (${secs} s)`,
  );
  for (const p of report.problems.slice(0, 20)) console.error(p);
  return report.problems.length === 0 && report.kills === kills ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
