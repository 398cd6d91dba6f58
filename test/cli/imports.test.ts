/**
 * `scorecard roster import` and `scorecard figures import` as child processes on real SQLite
 * files: a GBK roster adds its people, a bad row refuses the whole file (line and column named,
 * the database unchanged), --dry-run writes nothing; the salary/KPI import likewise; and flags
 * the contract refuses (a month before 2000) are refused naming the flag.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { setUser } from '../../electron/services/settings.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scorecard(args: string[]): Run {
  const r = spawnSync(process.execPath, [join('electron', 'cli', 'bin.mjs'), ...args], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, SCORECARD_DEBUG: '' }, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A database with two regions and two people (a regional manager and a salesperson in SOUTH). */
function seed(path: string, user?: 'south-manager'): void {
  const db = openDatabase(path);
  try {
    const south = saveRegion(db, { code: 'SOUTH', name: '华南区' });
    saveRegion(db, { code: 'EAST', name: '华东区' });
    const manager = savePerson(db, { employeeNo: 'M-100', name: '王磊', role: 'regional-manager', regionId: south.id, managerId: null, activeFrom: '2024-01', activeTo: null });
    savePerson(db, { employeeNo: 'S-100', name: '李娜', role: 'salesperson', regionId: south.id, managerId: manager.id, activeFrom: '2024-01', activeTo: null });
    if (user === 'south-manager') setUser(db, { name: '王磊', chainRole: 'manager', regionId: south.id });
  } finally {
    db.close();
  }
}

/** What the database holds, read from the file itself: the people, the figures, the audit trail's length, and a digest of all of it. */
function contents(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const people = db.prepare('SELECT p.employee_no AS no, p.name, p.role, r.code AS region, p.active_from AS activeFrom FROM people p LEFT JOIN regions r ON r.id = p.region_id ORDER BY p.employee_no').all() as {
      no: string;
      name: string;
      role: string;
      region: string | null;
      activeFrom: string;
    }[];
    const figures = db.prepare('SELECT p.employee_no AS no, m.period, m.salary_fen AS salaryFen, m.kpis FROM person_months m JOIN people p ON p.id = m.person_id ORDER BY p.employee_no, m.period').all() as {
      no: string;
      period: string;
      salaryFen: number | null;
      kpis: string;
    }[];
    const audit = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const digest = createHash('sha256').update(JSON.stringify({ people, figures, audit })).digest('hex');
    return { people, figures, audit, digest };
  } finally {
    db.close();
  }
}

describe('scorecard roster import / figures import (child processes, real SQLite files)', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scorecard-imports-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const gbkRoster = (lines: string[]) => iconv.encode(`${['工号,姓名,岗位,区域,起始月份', ...lines].join('\r\n')}\r\n`, 'gbk');

  it('a GBK-encoded roster adds its people; --dry-run first writes nothing', () => {
    const db = join(dir, 'roster.db');
    seed(db);
    const file = join(dir, '花名册.csv');
    writeFileSync(file, gbkRoster(['S-201,张三,销售员,华南区,2026-01', 'F-201,欧阳娜娜,现场服务代表,EAST,2025-11', 'S-100,李娜,销售员,华东区,2024-01']));
    // The file really is GBK: the UTF-8 reading of its bytes is not the text.
    expect(readFileSync(file).toString('utf8')).not.toContain('张三');
    const before = contents(db);

    const dry = scorecard(['roster', 'import', '--db', db, file, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    const lines = dry.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`roster file ${file} (GB18030): 3 rows — 2 to add, 1 to update, 0 unchanged, 0 with problems`);
    expect(lines[1]).toMatch(/^as: no user recorded/);
    expect(dry.stdout).toMatch(/line 2 {2}add {6}S-201 {2}张三 {2}销售员 {2}华南区 {2}from 2026-01/);
    expect(dry.stdout).toMatch(/line 4 {2}update {3}S-100 {2}李娜/);
    expect(lines.at(-1)).toBe('dry run: nothing was written');
    expect(contents(db).digest).toBe(before.digest);

    const json = scorecard(['roster', 'import', '--db', db, file, '--dry-run', '--json']);
    expect(json.status).toBe(0);
    const preview = JSON.parse(json.stdout);
    expect(preview).toMatchObject({ dryRun: true, user: null, written: null, preview: { encoding: 'GB18030', errorCount: 0 } });
    expect(preview.preview.rows.map((r: { line: number; action: string }) => [r.line, r.action])).toEqual([
      [2, 'add'],
      [3, 'add'],
      [4, 'update'],
    ]);
    expect(contents(db).digest).toBe(before.digest);

    const r = scorecard(['roster', 'import', '--db', db, file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('written: 2 added, 1 updated, 0 unchanged');
    const after = contents(db);
    expect(after.people).toEqual([
      { no: 'F-201', name: '欧阳娜娜', role: 'field-service', region: 'EAST', activeFrom: '2025-11' },
      { no: 'M-100', name: '王磊', role: 'regional-manager', region: 'SOUTH', activeFrom: '2024-01' },
      { no: 'S-100', name: '李娜', role: 'salesperson', region: 'EAST', activeFrom: '2024-01' },
      { no: 'S-201', name: '张三', role: 'salesperson', region: 'SOUTH', activeFrom: '2026-01' },
    ]);
    expect(after.audit).toBe(before.audit + 3);

    // The same file again: nothing to change.
    const again = scorecard(['roster', 'import', '--db', db, file]);
    expect(again.status).toBe(0);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('written: 0 added, 0 updated, 3 unchanged');
    expect(contents(db).digest).toBe(after.digest);
  });

  it('an XLSX roster is read the same way', async () => {
    const db = join(dir, 'xlsx.db');
    seed(db);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    sheet.addRows([
      ['工号', '姓名', '岗位', '区域'],
      ['S-301', '赵六', '销售员', '华东区'],
    ]);
    const file = join(dir, 'roster.xlsx');
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    const r = scorecard(['roster', 'import', '--db', db, file]);
    expect(r.status, r.stderr).toBe(0);
    expect(contents(db).people.find((p) => p.no === 'S-301')).toMatchObject({ name: '赵六', role: 'salesperson', region: 'EAST' });
  });

  it('a roster with a bad row: exit 1 naming the line and column, nothing written (not even the good rows)', () => {
    const db = join(dir, 'bad-roster.db');
    seed(db);
    const file = join(dir, 'bad.csv');
    writeFileSync(file, gbkRoster(['S-401,孙七,销售员,华南区,2026-01', 'S-402,周八,经理,华南区,2026-01', 'S-403,吴九,销售员,西北区,2026-01']));
    const before = contents(db);
    for (const dryRun of [false, true]) {
      const r = scorecard(['roster', 'import', '--db', db, file, ...(dryRun ? ['--dry-run'] : [])]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^scorecard: Invalid roster file "bad\.csv" \(nothing was imported\) \(2 problems\):/);
      expect(r.stderr).toContain('line 3, 岗位 (role): got "经理"; expected a role: 销售员');
      expect(r.stderr).toContain('line 4, 区域 (region): got "西北区"; expected a region’s name or code: 华东区, 华南区');
      expect(r.stderr.match(/scorecard: /g)).toHaveLength(1);
      // The preview is still shown, each problem under its row.
      expect(r.stdout).toMatch(/line 3 {2}problem {2}S-402 {2}周八 {2}经理/);
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('nothing was written: the file has problems (see above)');
      expect(contents(db).digest).toBe(before.digest);
    }
    expect(before.people.map((p) => p.no)).toEqual(['M-100', 'S-100']);
  });

  it('a file that is not a roster, a missing file, a missing database: one message, exit 1, nothing written', () => {
    const db = join(dir, 'odd.db');
    seed(db);
    const before = contents(db);
    const noHeader = join(dir, 'noheader.csv');
    writeFileSync(noHeader, '编号,名字\nS-1,甲\n');
    const r = scorecard(['roster', 'import', '--db', db, noHeader]);
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toMatch(/^scorecard: Invalid roster file header: line 1 \(header\)/);
    expect(scorecard(['roster', 'import', '--db', db, join(dir, 'none.csv')])).toMatchObject({ status: 1, stderr: expect.stringMatching(/cannot read .*none\.csv: no such file/) });
    expect(scorecard(['roster', 'import', '--db', join(dir, 'none.db'), noHeader])).toMatchObject({ status: 1, stderr: expect.stringMatching(/cannot open .*none\.db: no such file/) });
    expect(scorecard(['roster', 'import', '--db', db])).toMatchObject({ status: 1, stderr: expect.stringMatching(/usage: scorecard roster import --db PATH FILE/) });
    expect(contents(db).digest).toBe(before.digest);
  });

  it('figures import: the month’s salaries and KPIs are written; --dry-run writes nothing', () => {
    const db = join(dir, 'figures.db');
    seed(db);
    const file = join(dir, 'figures.csv');
    writeFileSync(file, '\uFEFF工号,姓名,工资总额,销售计划数量\nM-100,王磊,"12,500.50",40\nS-100,,8000,120\n');
    const before = contents(db);
    const dry = scorecard(['figures', 'import', '--db', db, '--month', '2026-03', file, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe(`salary/KPI (2026-03) file ${file} (UTF-8 (BOM)): 2 rows — 2 to add, 0 to update, 0 unchanged, 0 with problems`);
    expect(dry.stdout).toMatch(/line 2 {2}add {6}M-100 {2}王磊 {2}salary 12,500\.50 {2}plan-quantity 40/);
    expect(contents(db).digest).toBe(before.digest);

    const r = scorecard(['figures', 'import', '--db', db, '--month', '2026-03', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('written: 2 added, 0 updated, 0 unchanged');
    expect(contents(db).figures.map(({ no, period, salaryFen, kpis }) => ({ no, period, salaryFen, kpis: JSON.parse(kpis) }))).toEqual([
      { no: 'M-100', period: '2026-03', salaryFen: 1_250_050, kpis: { 'plan-quantity': 40 } },
      { no: 'S-100', period: '2026-03', salaryFen: 800_000, kpis: { 'plan-quantity': 120 } },
    ]);
  });

  it('figures import with a bad row: exit 1 naming the line and column, the database unchanged', () => {
    const db = join(dir, 'bad-figures.db');
    seed(db);
    const file = join(dir, 'bad-figures.csv');
    writeFileSync(file, '工号,工资总额\nM-100,9000\nX-999,7000\nS-100,-5\n');
    const before = contents(db);
    const r = scorecard(['figures', 'import', '--db', db, '--month', '2026-03', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^scorecard: Invalid salary\/KPI file "bad-figures\.csv" \(nothing was imported\) \(2 problems\):/);
    expect(r.stderr).toContain('line 3, 工号 (employee no): got "X-999"; expected the employee number of a person in the roster');
    expect(r.stderr).toMatch(/line 4, 工资总额: got "-5"; expected /);
    expect(contents(db).digest).toBe(before.digest);
    expect(before.figures).toEqual([]);
  });

  it('figures import acts as the database’s recorded user: a regional manager imports for their region only', () => {
    const db = join(dir, 'manager.db');
    seed(db, 'south-manager');
    const file = join(dir, 'own.csv');
    // M-100 is the manager: not one of the people their month grid shows.
    writeFileSync(file, '工号,工资总额\nS-100,8000\nM-100,9000\n');
    const before = contents(db);
    const r = scorecard(['figures', 'import', '--db', db, '--month', '2026-03', file]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[1]).toBe('as: 王磊 (manager, region SOUTH)');
    expect(r.stderr).toContain('line 3, 工号 (employee no): got "M-100"; expected one of the people of your region in 2026-03');
    expect(contents(db).digest).toBe(before.digest);
  });

  it('flags are checked with the contract’s own rules: the refusal names the flag, the value and what is allowed', () => {
    const db = join(dir, 'flags.db');
    seed(db);
    const csv = join(dir, 'f.csv');
    writeFileSync(csv, '工号,工资总额\nS-100,8000\n');
    // The regex the export used to check let 1999-12 through; the contract's month is 2000–2099.
    const old = scorecard(['export', '--db', db, '--month', '1999-12', '--out', join(dir, 'out'), '--identity', join(dir, 'none.p12')]);
    expect(old).toMatchObject({ status: 1, stdout: '' });
    expect(old.stderr).toBe('scorecard: --month: got "1999-12"; expected a month as YYYY-MM (years 2000–2099, months 01–12)\n');
    expect(scorecard(['figures', 'import', '--db', db, '--month', '2026-13', csv]).stderr).toBe(
      'scorecard: --month: got "2026-13"; expected a month as YYYY-MM (years 2000–2099, months 01–12)\n',
    );
    expect(scorecard(['export', '--db', db, '--month', '2026-01', '--region', 'SOUTH WEST', '--out', join(dir, 'out'), '--identity', join(dir, 'none.p12')]).stderr).toMatch(
      /^scorecard: --region: got "SOUTH WEST"; expected letters, digits and "-", at most 20\n$/,
    );
    expect(scorecard(['export', '--db', db, '--month', '2026-01', '--out', join(dir, 'out'), '--identity', join(dir, 'none.p12'), '--lang', 'fr']).stderr).toBe(
      'scorecard: --lang: got "fr"; expected zh or en\n',
    );
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'boss', '--out', join(dir, 'x.p12')]).stderr).toBe(
      'scorecard: --role: got "boss"; expected one of manager, planning, vp, hr\n',
    );
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'vp', '--email', 'nobody', '--out', join(dir, 'x.p12')]).stderr).toBe(
      'scorecard: --email: got "nobody"; expected an ASCII address like name@example.com\n',
    );
    expect(scorecard(['db', 'restore', '--db', db, '--backup', '../elsewhere.db']).stderr).toMatch(/^scorecard: --backup: got "\.\.\/elsewhere\.db"; expected a backup's file name/);
    expect(scorecard(['report', 'annual', '--db', db, '--year', 'MMXXVI'])).toMatchObject({ status: 2, stderr: 'scorecard: --year: got "MMXXVI"; expected a year from 2000 to 2099\n' });
  });

  it('a database another program keeps write-locked: "the database is in use by …" after the busy timeout, exit 1, nothing written', () => {
    const db = join(dir, 'busy.db');
    seed(db);
    const file = join(dir, 'busy.csv');
    writeFileSync(file, gbkRoster(['S-501,郑十,销售员,华南区,2026-01']));
    const before = contents(db);
    const holder = new Database(db);
    let r: Run;
    try {
      holder.exec('BEGIN IMMEDIATE');
      r = scorecard(['roster', 'import', '--db', db, file]);
      holder.exec('ROLLBACK');
    } finally {
      holder.close();
    }
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toMatch(/^scorecard: the database is in use by another program .*stayed locked for more than 5 s, so nothing was written/);
    expect(contents(db).digest).toBe(before.digest);
  });

  it('is in the help text', () => {
    const help = scorecard(['--help']).stdout;
    expect(help).toContain('roster import --db PATH FILE [--dry-run]');
    expect(help).toContain('figures import --db PATH --month YYYY-MM FILE [--dry-run]');
    expect(help).toContain('recorded user');
  });
});
