/** `scorecard report pay|annual` as a child process: tables, files, and bad arguments (exit 2). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorecard, scorecardInProcess } from '../helpers/cli.ts';



/** Bad arguments: exit 2, nothing on stdout, one "scorecard:" message naming the problem, no stack. */
async function expectBadArguments(args: string[], message: RegExp, child = false) {
  const r = child ? scorecard(args) : await scorecardInProcess(args);
  expect(r.status, args.join(' ')).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^scorecard: /);
  expect(r.stderr.match(/scorecard: /g)).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(r.stderr).toMatch(message);
}

describe('scorecard report', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scorecard-report-cli-'));
    db = join(dir, 'demo.db');
    expect(scorecard(['demo', '--db', db]).status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is in the help text', () => {
    const r = scorecard(['--help']);
    expect(r.stdout).toContain('report pay --db PATH --month YYYY-MM');
    expect(r.stdout).toContain('report annual --db PATH --year YYYY');
  });

  it('pay without --out prints a table: header, rule, one line per person, the totals', () => {
    const month = new Date();
    month.setDate(1);
    month.setMonth(month.getMonth() - 1);
    const period = `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
    const r = scorecard(['report', 'pay', '--db', db, '--month', period]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`月度薪酬 ${period}`);
    expect(lines[2]).toMatch(/^工号\s+姓名\s+岗位/);
    expect(lines[3]).toMatch(/^-+ {2}-+/);
    expect(lines.filter((l) => /^[MSF]-\d{3} /.test(l))).toHaveLength(40);
    expect(lines.at(-1)).toMatch(/^合计\s+\d+人\s+[\d.\s]+$/);
    const en = scorecard(['report', 'pay', '--db', db, '--month', period, '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe(`Monthly pay ${period}`);
    expect(en.stdout).toContain('Employee no.');
  });

  it('annual without --out prints a table; --basis all counts the demo sheets, approved (default) none yet', () => {
    const year = String(new Date(new Date().getFullYear(), new Date().getMonth() - 1, 1).getFullYear());
    const approved = scorecard(['report', 'annual', '--db', db, '--year', year, '--lang', 'en']);
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain('Counted: approved sheets');
    const person = approved.stdout.split('\n').find((l) => l.startsWith('S-101 '))!;
    expect(person).toMatch(/ 0 {2}Jan–Dec {2,}1 {2,}\d+$/);
    const all = scorecard(['report', 'annual', '--db', db, '--year', year, '--basis', 'all']);
    expect(all.stdout).toContain('计入：全部考核表（预览）');
    expect(all.stdout.split('\n').find((l) => l.startsWith('S-101 '))).not.toMatch(/ 0 {2}1–12月/);
  });

  it('--out writes XLSX, CSV and PDF files', () => {
    for (const name of ['a.xlsx', 'a.csv', 'a.pdf']) {
      const out = join(dir, name);
      const r = scorecard(['report', 'annual', '--db', db, '--year', '2026', '--basis', 'all', '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`wrote ${out} (annual 2026, basis all)\n`);
      expect(existsSync(out)).toBe(true);
    }
    expect(readFileSync(join(dir, 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(dir, 'a.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const out = join(dir, 'p.csv');
    expect(scorecard(['report', 'pay', '--db', db, '--month', '2026-10', '--out', out]).status).toBe(0);
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('bad arguments: a clear message and exit 2 (the real process)', async () => {
    await expectBadArguments(['report', 'salary'], /got "salary"; expected pay or annual/, true);
    await expectBadArguments(['report', 'annual', '--db', join(dir, 'none.db'), '--year', '2026'], /--db: cannot open .*none\.db: no such file/, true);
  });

  it('bad arguments: each named', async () => {
    await expectBadArguments(['report'], /expected pay or annual/);
    await expectBadArguments(['report', 'salary'], /got "salary"; expected pay or annual/);
    await expectBadArguments(['report', 'pay', '--month', '2026-10'], /--db is required/);
    await expectBadArguments(['report', 'pay', '--db', db], /--month is required/);
    await expectBadArguments(['report', 'pay', '--db', db, '--month', '2026-13'], /--month: got "2026-13"; expected a month as YYYY-MM/);
    await expectBadArguments(['report', 'pay', '--db', db, '--month', '2026-10', '--out', join(dir, 'x.pdf')], /--out: got ".*x\.pdf"; expected a file name ending \.xlsx, \.csv$/m);
    await expectBadArguments(['report', 'pay', '--db', db, '--month'], /--month needs a value/);
    await expectBadArguments(['report', 'pay', '--db', db, '--month', '2026-10', '--year', '2026'], /unknown option --year/);
    await expectBadArguments(['report', 'annual', '--db', db, '--year', '26'], /--year: got "26"; expected a year from 2000 to 2099/);
    await expectBadArguments(['report', 'annual', '--db', db, '--year', '2026', '--basis', 'some'], /--basis: got "some"; expected approved/);
    await expectBadArguments(['report', 'annual', '--db', db, '--year', '2026', '--lang', 'fr'], /--lang: got "fr"; expected zh or en/);
    await expectBadArguments(['report', 'annual', '--db', join(dir, 'none.db'), '--year', '2026'], /--db: cannot open .*none\.db: no such file/);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});
