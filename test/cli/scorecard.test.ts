/** The real `scorecard` command, run as a child process (score-file.md). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreFileExample } from '../helpers/examples.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join('electron', 'cli', 'bin.mjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scorecard(args: string[], stdin?: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, SCORECARD_DEBUG: '' },
    timeout: 20_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A refusal: exit 1, nothing on stdout, one "scorecard:" message on stderr, no stack trace. */
function expectRefused(r: Run): string {
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^scorecard: /);
  expect(r.stderr.match(/scorecard: /g)).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/\.ts:\d+/);
  return r.stderr;
}


function expectExampleScored(r: Run) {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.dailyScore).toBe(88);
  expect(out.attendance).toEqual({ absentDays: 2, score: 92 });
  expect(out.monthlyScore).toBe(89.2);
  expect(out.period).toBe('2026-10');
  expect(out.flags).toEqual([]);
  // A bare id takes the newest version in force: salesperson@2 (revised 2026-12-07; the example's figures are the same).
  expect(out.rubric).toMatchObject({ id: 'salesperson', version: 2 });
  expect(out.rubric.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(out.items.find((i: { id: string }) => i.id === 'dealer.rebate-forms')).toMatchObject({ max: 5, deduction: 5, points: 0 });
}

describe('scorecard CLI (child process)', { timeout: 60_000 }, () => {
  let dir: string;
  let exampleFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scorecard-cli-test-'));
    exampleFile = join(dir, 'example.json');
    writeFileSync(exampleFile, JSON.stringify(scoreFileExample, null, 2));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('score FILE: the score-file.md example → daily 88, attendance 92, monthly 89.2', () => {
    expectExampleScored(scorecard(['score', exampleFile]));
  });

  it('score -: the same example from standard input', () => {
    expectExampleScored(scorecard(['score', '-'], JSON.stringify(scoreFileExample)));
  });

  it('pay -: the spec example (revised 2026-12-07): the daily-work score 88 → 9,120.00', () => {
    const r = scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 200, "actual": 160, "dailyScore": 88 }');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ base: 5000, plan: 2800, assessment: 1320, bonus: 0, total: 9120, completionPercent: 80 });
    // The monthly score may be given: it is ignored under the default rate.
    const both = scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 200, "actual": 160, "dailyScore": 88, "monthlyScore": 89.2 }');
    expect([both.status, both.stdout]).toEqual([0, r.stdout]);
  });

  it('pay -: "scoreRate": "monthly" takes the monthly score (89.2 → 9,138.00), the daily-work score ignored', () => {
    const r = scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 200, "actual": 160, "monthlyScore": 89.2, "dailyScore": 88, "scoreRate": "monthly" }');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ base: 5000, plan: 2800, assessment: 1338, bonus: 0, total: 9138 });
  });

  it('pay: the score the rate needs, missing → exit 1 naming it and the rate', () => {
    const daily = expectRefused(scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 200, "actual": 160, "monthlyScore": 90 }'));
    expect(daily).toMatch(/dailyScore: missing; expected the daily-work score \(日常工作考核得分\)/);
    expect(daily).toContain('"scoreRate": "monthly" uses monthlyScore instead');
    const monthly = expectRefused(scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 200, "actual": 160, "dailyScore": 88, "scoreRate": "monthly" }'));
    expect(monthly).toMatch(/monthlyScore: missing; expected the monthly score \(月度考核得分\).*scoreRate is "monthly"/);
  });

  it('annual -: one month missing', () => {
    const months = Array.from({ length: 11 }, (_, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, monthlyScore: 90 }));
    const r = scorecard(['annual', '-'], JSON.stringify({ year: 2026, months }));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ annualScore: 82.5, months: 11, missing: ['2026-12'] });
  });

  it('score: bad input → exit 1, one message naming the item and the allowed range', () => {
    const bad = { ...scoreFileExample, items: { 'ad-plan': { occurrences: -1 } } };
    const msg = expectRefused(scorecard(['score', '-'], JSON.stringify(bad)));
    expect(msg).toContain('items["ad-plan"].occurrences');
    expect(msg).toMatch(/from 0 to \d+/);
  });

  it('pay: bad input → exit 1, message naming the field', () => {
    const msg = expectRefused(scorecard(['pay', '-'], '{ "salaryTotal": 10000, "plan": 0, "actual": 160, "dailyScore": 90 }'));
    expect(msg).toMatch(/plan: got 0/);
  });

  it('annual: bad input → exit 1, message naming the field', () => {
    const msg = expectRefused(scorecard(['annual', '-'], '{ "year": 2026, "months": [ { "period": "2025-12", "monthlyScore": 90 } ] }'));
    expect(msg).toContain('months[0].period');
  });

  it('invalid JSON → exit 1 with a clear message', () => {
    const msg = expectRefused(scorecard(['pay', '-'], '{ "salaryTotal": 10000,'));
    expect(msg).toMatch(/not valid JSON/);
  });

  it('missing file → exit 1 "no such file"', () => {
    const msg = expectRefused(scorecard(['score', join(dir, 'does-not-exist.json')]));
    expect(msg).toContain('no such file');
    expect(msg).toContain('does-not-exist.json');
  });

  it('unknown command → exit 1', () => {
    const msg = expectRefused(scorecard(['frobnicate']));
    expect(msg).toContain('unknown command "frobnicate"');
  });

  it('rubric list: every version of the three built-in rubrics with sha256 hashes', () => {
    const r = scorecard(['rubric', 'list']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['salesperson@1', 'salesperson@2', 'regional-manager@1', 'field-service@1', 'field-service@2']);
    for (const line of lines) expect(line).toMatch(/\tsha256:[0-9a-f]{64}$/);
  });

  it('rubric show: a bare id is the newest version in force, id@version that version', () => {
    expect(scorecard(['rubric', 'show', 'field-service', '--lang', 'en']).stdout).toMatch(/^.* — field-service@2 /);
    const v1 = scorecard(['rubric', 'show', 'salesperson@1', '--lang', 'en']);
    expect(v1.status).toBe(0);
    expect(v1.stdout).toMatch(/^.* — salesperson@1 /);
    expect(v1.stdout).toContain('−3 per occurrence, 3 or more → 0');
    expect(scorecard(['rubric', 'show', 'salesperson', '--lang', 'en']).stdout).toContain('−3 per occurrence, 2 or more → 0');
  });

  it('rubric show salesperson --json: JSON with id and hash', () => {
    const r = scorecard(['rubric', 'show', 'salesperson', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rubric = JSON.parse(r.stdout);
    expect(rubric.id).toBe('salesperson');
    expect(rubric.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rubric show field-service --lang en: names the special item and "transfer off post"', () => {
    const r = scorecard(['rubric', 'show', 'field-service', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('special');
    expect(r.stdout).toContain('transfer off post');
  });

  it('rubric show nope → exit 1', () => {
    const msg = expectRefused(scorecard(['rubric', 'show', 'nope']));
    expect(msg).toContain('"nope" not found');
  });

  it('demo --db PATH creates a database with the demo organisation; a second run is refused', () => {
    const db = join(dir, 'nested', 'demo.db');
    const r = scorecard(['demo', '--db', db]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ database: db, regions: 3, people: 40 });
    expect(expectRefused(scorecard(['demo', '--db', db]))).toMatch(/already has people/);
  });

  it('npm run -s scorecard -- score FILE works from the repo root', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', '-s', 'scorecard', '--', 'score', exampleFile], {
      cwd: ROOT,
      encoding: 'utf8',
      shell: false,
      timeout: 30_000,
    });
    if (r.error) throw r.error;
    expectExampleScored({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  });
});
