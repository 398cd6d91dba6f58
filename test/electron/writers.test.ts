/**
 * One writer at a time, never a crash: one browser-mode server (`electron/web/main.ts`, a real
 * process holding the instance lock) with 3 HTTP writers, beside a command-line-like process
 * (test/helpers/cli-writers.ts: 3 worker threads, each with its own connection, no instance lock)
 * with 3 writers, all saving score sheets on one database file for SCORECARD_WRITERS_SECONDS
 * (default 30). Every save either is acknowledged or fails with a clear kind — never `internal`
 * ("database is locked") — and every acknowledged save is in the database afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../electron/db/database.ts';
import { lockPathOf } from '../../electron/db/instance-lock.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { entryFor, writeLoop, WRITERS_ITEM, type SheetKey, type WriterReport } from '../helpers/cli-writers.ts';
import { tempDir } from '../helpers/db.ts';

const SECONDS = Number(process.env.SCORECARD_WRITERS_SECONDS ?? 30);
const PERIODS = ['2026-02', '2026-03', '2026-04'];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function startServer(dbPath: string, staticDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--db', dbPath], { env: { ...process.env, SCORECARD_STATIC_DIR: staticDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await expect.poll(() => out, { timeout: 30_000 }).toMatch(/Open this address in a browser: \S+/);
  const url = new URL(/Open this address in a browser: (\S+)/.exec(out)![1]!);
  return { child, origin: url.origin, token: url.searchParams.get('token')!, output: () => out };
}

/** One HTTP writer: saves its sheets in turn through sheets.save until the deadline, as the renderer does. */
function httpWriter(writer: string, server: { origin: string; token: string }, sheets: readonly SheetKey[], deadline: number): Promise<WriterReport> {
  return writeLoop(writer, sheets, deadline, async (key, note, expectedRevision) => {
    const res = await fetch(`${server.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ name: 'sheets.save', input: { ...key, entry: entryFor(note), status: 'draft', expectedRevision } }),
    });
    const body = (await res.json()) as { ok: true; result: { revision: number } } | { ok: false; error: { kind: string; message: string } };
    if (!body.ok) throw Object.assign(new Error(`${res.status} ${body.error.message}`), { kind: body.error.kind });
    return body.result.revision;
  });
}

function runCliWriters(dbPath: string, deadline: number, sheets: SheetKey[][]): Promise<WriterReport[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'helpers', 'cli-writers.ts'), dbPath, String(deadline), JSON.stringify(sheets)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return exited(child).then((code) => {
    if (code !== 0) throw new Error(`the CLI-like writers exited with ${code}: ${err}`);
    return JSON.parse(out) as WriterReport[];
  });
}

describe('several writers on one database', () => {
  it(`a browser-mode server with 3 HTTP writers beside a CLI-like process with 3 writers for ${SECONDS} s: no internal failure, every acknowledged save present`, async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'scorecard.db');
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test</title>');
    const setup = openDatabase(dbPath);
    loadDemo(setup, new Date(2026, 0, 15)); // sheets up to 2025-12: the writers' months are empty
    const people = (setup.prepare("SELECT id FROM people WHERE role = 'salesperson' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    setup.close();
    // Six writers, each with its own sheets (a person's months): no writer edits another's.
    const sheetsOf = Array.from({ length: 6 }, (_, w) => people.filter((_, i) => i % 6 === w).flatMap((personId) => PERIODS.map((period) => ({ personId, period }))));

    const server = await startServer(dbPath, staticDir);
    expect(JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8'))).toMatchObject({ pid: server.child.pid, kind: 'browser' });
    const deadline = Date.now() + SECONDS * 1000;
    const [cli, ...http] = await Promise.all([
      runCliWriters(dbPath, deadline, sheetsOf.slice(3)),
      ...[0, 1, 2].map((w) => httpWriter(`http${w + 1}`, server, sheetsOf[w]!, deadline)),
    ]);
    const reports = [...http, ...cli];

    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(existsSync(lockPathOf(dbPath))).toBe(false);

    const total = (rs: WriterReport[]) => rs.reduce((n, r) => n + r.saves, 0);
    const failures: Record<string, number> = {};
    for (const r of reports) for (const [kind, n] of Object.entries(r.failures)) failures[kind] = (failures[kind] ?? 0) + n;
    console.log(
      `writers, ${SECONDS} s: ${total(http)} saves over HTTP (${http.map((r) => r.saves).join(' + ')}), ${total(cli)} by the CLI-like process (${cli.map((r) => r.saves).join(' + ')}); ` +
        `failures ${JSON.stringify(failures)}${reports.some((r) => r.samples.length) ? `: ${reports.flatMap((r) => r.samples).slice(0, 3).join(' | ')}` : ''}`,
    );

    expect(failures.internal ?? 0).toBe(0);
    // The only failure allowed: the database busy past the timeout, in words (storage over HTTP,
    // "the database is in use by …" in the CLI). Each writer owns its sheets: a conflict would mean
    // a save committed without being acknowledged.
    expect(Object.keys(failures).filter((kind) => kind !== 'storage' && kind !== 'busy')).toEqual([]);
    // And only after waiting its turn for the whole busy timeout: every write transaction begins
    // IMMEDIATE, so none fails at once (as deferred ones did, by the thousand) when another writes.
    const failedAfter = reports.flatMap((r) => r.failedAfterMs);
    expect(failedAfter.filter((ms) => ms < BUSY_TIMEOUT_MS - 100)).toEqual([]);
    // Both sides wrote throughout.
    for (const r of reports) expect(r.saves, r.writer).toBeGreaterThan(SECONDS);

    // Every acknowledged save is in the database: each sheet's revision is its count of
    // acknowledged saves (none lost, none extra) and it holds the last one's note.
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = db.prepare('SELECT revision, items FROM sheets WHERE person_id = ? AND period = ?');
      let checked = 0;
      for (const r of reports) {
        for (const [id, acked] of Object.entries(r.acked)) {
          const [personId, period] = id.split(' ');
          const stored = row.get(Number(personId), period) as { revision: number; items: string } | undefined;
          expect(stored, `${r.writer} ${id}`).toBeDefined();
          expect({ revision: stored!.revision, note: (JSON.parse(stored!.items) as Record<string, { note?: string }>)[WRITERS_ITEM]?.note }, `${r.writer} ${id}`).toEqual({
            revision: acked.count,
            note: acked.note,
          });
          expect(acked.revision).toBe(acked.count);
          checked++;
        }
      }
      expect(checked).toBe(sheetsOf.flat().length);
    } finally {
      db.close();
    }
  }, (SECONDS + 90) * 1000);
});
