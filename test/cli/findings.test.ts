/**
 * The departments' findings on real SQLite files: `scorecard findings import` with a GBK CSV from
 * 索赔组 updates a field-service draft sheet and `scorecard sheet show` names the deduction's
 * source; a row for an item 索赔组 does not assess refuses the whole file (nothing written); two
 * departments' occurrences add up per source and a department's next file replaces only its own
 * contribution; the manager's own value beside findings, and two departments' grades, wait for
 * the manager's choice (findings.resolve); people of another region are skipped and listed; a
 * ready sheet is left untouched and listed as needing an amendment. From the command line,
 * `findings choices` lists the choices waiting and `findings choose` settles one; bad input is
 * refused with the file byte-identical.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createHandlers } from '../../electron/handlers.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { setUser } from '../../electron/services/settings.ts';
import type { ValueSource } from '../../shared/findings.ts';
import { call, fail } from '../helpers/call.ts';
import { scorecard, scorecardInProcess } from '../helpers/cli.ts';
import { tempDir, track } from '../helpers/db.ts';

const MONTH = '2026-10';

/** Two regions; in SOUTH a manager, two field-service reps and a salesperson; in EAST a field-service rep. The user: SOUTH's manager. */
function seed(path: string): { south: number; people: Record<string, number> } {
  const db = openDatabase(path);
  try {
    const south = saveRegion(db, { code: 'SOUTH', name: '华南区' });
    const east = saveRegion(db, { code: 'EAST', name: '华东区' });
    const m = savePerson(db, { employeeNo: 'M-100', name: '王磊', role: 'regional-manager', regionId: south.id, managerId: null, activeFrom: '2024-01', activeTo: null });
    const add = (no: string, name: string, role: 'field-service' | 'salesperson', region: number) => savePerson(db, { employeeNo: no, name, role, regionId: region, managerId: m.id, activeFrom: '2024-01', activeTo: null }).id;
    const people = { 'F-101': add('F-101', '李强', 'field-service', south.id), 'F-102': add('F-102', '赵敏', 'field-service', south.id), 'S-100': add('S-100', '李娜', 'salesperson', south.id), 'F-201': add('F-201', '陈刚', 'field-service', east.id) };
    setUser(db, { name: '王磊', chainRole: 'manager', regionId: south.id });
    return { south: south.id, people };
  } finally {
    db.close();
  }
}

function gbk(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
  return path;
}

const upload = (text: string, fileName = 'findings.csv') => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });

/** Everything the findings touch, read from the file: sheets, findings, files, choices, audit length. */
function contents(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      sheets: db.prepare('SELECT person_id, status, items, revision FROM sheets ORDER BY person_id').all(),
      hand_ins: db.prepare('SELECT * FROM hand_ins ORDER BY sheet_id, item_id, seq').all(),
      findings: db.prepare('SELECT * FROM findings ORDER BY id').all(),
      files: db.prepare('SELECT * FROM finding_files ORDER BY id').all(),
      choices: db.prepare('SELECT * FROM finding_choices').all(),
      audit: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

function setup() {
  const dir = tempDir();
  const path = join(dir, 'scorecard.db');
  const { people } = seed(path);
  const db = track(openDatabase(path));
  return { dir, path, db, people, h: createHandlers(db, { dbPath: path, appVersion: 'test' }) };
}


/** The database's bytes as they are on disk (the file and its write-ahead log, if any). */
function bytesOf(path: string): Buffer[] {
  return [readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)];
}

const sheetOf = (db: Db, personId: number) => db.prepare('SELECT status, items, revision FROM sheets WHERE person_id = ? AND period = ?').get(personId, MONTH) as { status: string; items: string; revision: number } | undefined;
const itemsOf = (db: Db, personId: number) => JSON.parse(sheetOf(db, personId)?.items ?? '{}') as Record<string, { occurrences?: number; grade?: string; deduction?: number; sources?: ValueSource[] }>;

describe('scorecard findings import (CLI, GBK CSV from 索赔组)', () => {
  it('updates a field-service draft sheet; sheet show names the deduction with its source; another region skipped', () => {
    const { dir, path } = setup();
    const file = gbk(dir, '索赔组-2026-10.csv', [
      '工号,姓名,项目,次数,等级,扣分,事件,交付日期,日期,备注',
      'F-101,李强,索赔单填写,,质量较差影响索赔进度,6,,,2026-10-12,两张索赔单缺照片',
      'F-201,陈刚,索赔单填写,,poor,5,,,2026-10-13,',
      'F-102,赵敏,索赔单填写,,,,,,,',
    ]);
    const r = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', '索赔组', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(GB18030)');
    expect(r.stdout).toMatch(/line 2\s+add\s+F-101\s+李强\s+service-center\.claims\s+grade poor −6/);
    expect(r.stdout).toContain("skipped (outside this app's region): F-201 陈刚 (line 3)");
    expect(r.stdout).toContain('written: 1 added, 0 updated, 0 unchanged');

    const shown = scorecard(['sheet', 'show', '--db', path, '--person', 'F-101', '--month', MONTH]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('F-101 李强 — 2026-10 — draft (revision 1) — field-service@2');
    expect(shown.stdout).toContain('service-center.claims 索赔单填写: 4/10 (−6)');
    expect(shown.stdout).toContain('from 索赔组 (claims) [索赔组-2026-10.csv, line 2, 2026-10-12]: grade poor −6 — 两张索赔单缺照片');
    const json = JSON.parse(scorecard(['sheet', 'show', '--db', path, '--person', 'F-101', '--month', MONTH, '--json']).stdout);
    expect(json.input.items['service-center.claims']).toEqual({
      grade: 'poor',
      deduction: 6,
      sources: [{ from: 'claims', file: '索赔组-2026-10.csv', row: 2, date: '2026-10-12', note: '两张索赔单缺照片', grade: 'poor', deduction: 6 }],
    });
    expect(json.deductions).toEqual([expect.objectContaining({ item: 'service-center.claims', deduction: 6, sources: [expect.objectContaining({ from: 'claims', row: 2 })] })]);
    expect(json.result.monthlyScore).toBe(95.8); // daily 94 × 70% + 100 × 30%

    const c = contents(path);
    expect(c.files).toMatchObject([{ period: MONTH, department: 'claims', file_name: '索赔组-2026-10.csv', rows: 1, imported_by: '王磊', replaced_at: null }]);
    expect(c.findings).toHaveLength(1);
    // The audit log has the sheet's change with its source, and the import itself.
    const db = new Database(path, { readonly: true });
    const audit = db.prepare("SELECT action, entity_id, after FROM audit_log WHERE action IN ('sheet.findings', 'findings.import') ORDER BY id").all() as { action: string; entity_id: string; after: string }[];
    db.close();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['sheet.findings', 'F-101/2026-10'],
      ['findings.import', '2026-10/claims'],
    ]);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ department: 'claims', file: '索赔组-2026-10.csv', input: { items: { 'service-center.claims': { sources: [{ from: 'claims', row: 2 }] } } } });
  }, 60_000);

  it('refuses a row for an item 索赔组 does not assess (用户投诉): line and column named, nothing written', async () => {
    const { dir, path } = setup();
    const before = contents(path);
    const file = gbk(dir, 'claims.csv', ['工号,项目,次数,等级,扣分,事件,日期', 'F-101,service-center.claims,,minor-gaps,1,,2026-10-03', 'F-102,用户投诉,,,,用户投诉升级,3,2026-10-04']);
    const r = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', 'claims', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('line 3, 项目 (item): got "用户投诉"; expected an item Claims group assesses (用户投诉 is assessed by Field management group, Correspondence group');
    expect(r.stdout).toContain('nothing was written: the file has problems');
    expect(contents(path)).toEqual(before);
    // --dry-run of a good file writes nothing either.
    const good = gbk(dir, 'good.csv', ['工号,项目,次数', 'F-101,驻区去向,2']);
    const dry = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', 'claims', good, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing was written');
    expect(contents(path)).toEqual(before);
    // The template of 索赔组 from the command line: the month's field-service people of the region, its items only.
    const out = join(dir, 'claims-template.xlsx');
    const t = scorecard(['findings', 'template', '--db', path, '--month', MONTH, '--from', '索赔组', '--out', out]);
    expect(t.stdout).toContain(`template of 索赔组 (claims) for ${MONTH}: ${out}`);
    expect(contents(path)).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1, 4).join(' '));
    expect(rows).toEqual(['工号 姓名 项目', 'F-101 李强 驻区去向', 'F-101 李强 索赔单填写', 'F-101 李强 特殊考核项目(虚填、虚报索赔单)', 'F-102 赵敏 驻区去向', 'F-102 赵敏 索赔单填写', 'F-102 赵敏 特殊考核项目(虚填、虚报索赔单)']);
    // An unknown department is refused naming the flag.
    const bad = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', '财务部', good]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--from: got "财务部"; expected a department by id or name: field-management (现场管理组)');
  }, 60_000);
});

describe('scorecard findings choices / choose (CLI): the choices where findings differ from the manager’s value', () => {
  it('lists the choices waiting, settles them through findings.resolve, and the sheet can then be marked ready; bad input refused, the file byte-identical', async () => {
    const { dir, path, db, people, h } = setup();
    const f101 = people['F-101']!;
    // The manager typed 1 time not reachable and grade "minor gaps −1" for 索赔单填写; 索赔组's file says 2 times and "poor −6".
    await call(h, 'sheets.save', { personId: f101, period: MONTH, entry: { items: { whereabouts: { occurrences: 1 }, 'service-center.claims': { grade: 'minor-gaps', deduction: 1 } } }, status: 'draft', expectedRevision: 0 });
    db.close();
    const file = gbk(dir, '索赔组-2026-10.csv', ['工号,姓名,项目,次数,等级,扣分,日期,备注', 'F-101,李强,驻区去向,2,,,2026-10-05,', 'F-101,李强,索赔单填写,,poor,6,2026-10-12,两张索赔单缺照片']);
    const imported = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', '索赔组', file]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);

    const listed = scorecard(['findings', 'choices', '--db', path, '--month', MONTH, '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      period: MONTH,
      choices: [
        {
          employeeNo: 'F-101',
          name: '李强',
          item: { id: 'service-center.claims', zh: '索赔单填写', en: expect.any(String) },
          kind: 'grade',
          sides: [
            { from: 'claims', department: { zh: '索赔组', en: 'Claims group' }, value: { grade: 'poor', deduction: 6 }, text: expect.any(Object), rows: [{ file: '索赔组-2026-10.csv', row: 3 }] },
            { from: 'manager', department: null, value: { grade: 'minor-gaps', deduction: 1 }, text: expect.any(Object), rows: [] },
          ],
          take: ['claims', 'manager'],
        },
        {
          employeeNo: 'F-101',
          name: '李强',
          item: { id: 'whereabouts', zh: '驻区去向', en: expect.any(String) },
          kind: 'added',
          sides: [
            { from: 'claims', department: { zh: '索赔组', en: 'Claims group' }, value: { occurrences: 2 }, text: { zh: expect.any(String), en: expect.any(String) }, rows: [{ file: '索赔组-2026-10.csv', row: 2 }] },
            { from: 'manager', department: null, value: { occurrences: 1 }, text: { zh: expect.any(String), en: expect.any(String) }, rows: [] },
          ],
          take: ['all', 'departments', 'manager'],
        },
      ],
    });
    const table = await scorecardInProcess(['findings', 'choices', '--db', path, '--month', MONTH]);
    expect(table.stdout).toContain('choices waiting in 2026-10: 2');
    expect(table.stdout).toContain('F-101 李强  service-center.claims 索赔单填写');
    expect(table.stdout).toMatch(/claims \(索赔组\)\s+grade poor −6 {2}\[索赔组-2026-10\.csv line 3\]/);
    expect(table.stdout).toContain("--take all (count all) | departments (only the departments') | manager (the manager's)");
    expect(table.stdout).toContain("--take claims (索赔组) | manager (the manager's)");

    // While the choices wait, the sheet cannot be marked ready.
    const ready = async (expectRefused: boolean) => {
      const again = track(openDatabase(path));
      const h2 = createHandlers(again, { dbPath: path, appVersion: 'test' });
      const record = await call(h2, 'sheets.get', { personId: f101, period: MONTH });
      const save = { personId: f101, period: MONTH, entry: { items: record.input.items ?? {} }, status: 'ready' as const, expectedRevision: record.revision };
      const out = expectRefused ? (await fail(h2, 'sheets.save', save)).problems : (await call(h2, 'sheets.save', save)).status;
      again.close();
      return out;
    };
    expect(await ready(true)).toMatchObject([{ field: 'status', rule: { code: 'finding-choice-waiting' } }]);

    // Bad input: one line on stderr, exit 1, the database byte-identical (the child process for the choices, this process for the refusals).
    const chooseArgs = (...flags: string[]) => ['findings', 'choose', '--db', path, '--month', MONTH, ...flags];
    const choose = (...flags: string[]) => scorecard(chooseArgs(...flags));
    const before = bytesOf(path);
    const refusals: [string[], string][] = [
      [['--employee', 'X-999', '--item', 'whereabouts', '--take', 'all'], '--employee: got "X-999"; expected the employee number of a person in the roster'],
      [['--employee', 'F-102', '--item', 'whereabouts', '--take', 'all'], `--item: got "whereabouts"; expected an item of F-102 赵敏's sheet where a choice waits in 2026-10 (by id or title): none waits (see scorecard findings choices)`],
      [['--employee', 'F-101', '--item', 'special', '--take', 'manager'], `--item: got "special"; expected an item of F-101 李强's sheet where a choice waits in 2026-10 (by id or title): service-center.claims (索赔单填写), whereabouts (驻区去向)`],
      [['--employee', 'F-101', '--item', '索赔单填写', '--take', '技术组'], `--take: got "技术组"; expected one of claims (索赔组), manager (the manager's) (the sides of 李强's 索赔单填写 in 2026-10)`],
      [['--employee', 'F-101', '--item', '索赔单填写', '--take', 'all'], `--take: got "all"; expected one of claims (索赔组), manager (the manager's) (the sides of 李强's 索赔单填写 in 2026-10)`],
      [['--employee', 'F-101', '--item', 'whereabouts', '--take', '财务部'], '--take: got "财务部"; expected all, departments, manager, or a department by id or name: field-management (现场管理组)'],
    ];
    for (const [flags, message] of refusals) {
      const r = await scorecardInProcess(chooseArgs(...flags));
      expect(r.status, flags.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`scorecard: ${message}`);
      expect(r.stdout).toBe('');
      expect(bytesOf(path)).toEqual(before);
    }
    const badMonth = await scorecardInProcess(['findings', 'choose', '--db', path, '--month', '2026-13', '--employee', 'F-101', '--item', 'whereabouts', '--take', 'all']);
    expect(badMonth.status).toBe(1);
    expect(badMonth.stderr).toContain('--month: got "2026-13"');
    expect(bytesOf(path)).toEqual(before);

    // The manager chooses: 索赔组's grade, and all the times counted.
    const took = choose('--employee', 'F-101', '--item', '索赔单填写', '--take', '索赔组');
    expect(took.stderr).toBe('');
    expect(took.status).toBe(0);
    expect(took.stdout).toContain('F-101 李强 2026-10 service-center.claims 索赔单填写: took claims (索赔组)');
    expect(took.stdout).toContain('choices still waiting on the sheet: 1');
    expect(choose('--employee', 'f-101', '--item', 'whereabouts', '--take', 'all').stdout).toContain('took all (count all)');
    expect(JSON.parse((await scorecardInProcess(['findings', 'choices', '--db', path, '--month', MONTH, '--json'])).stdout)).toEqual({ period: MONTH, choices: [] });
    expect((await scorecardInProcess(['findings', 'choices', '--db', path, '--month', MONTH])).stdout).toBe('no choices wait in 2026-10\n');

    // The sheet has the chosen values, each with its source.
    const shown = JSON.parse(scorecard(['sheet', 'show', '--db', path, '--person', 'F-101', '--month', MONTH, '--json']).stdout);
    expect(shown.input.items).toEqual({
      whereabouts: { occurrences: 3, sources: [{ from: 'claims', file: '索赔组-2026-10.csv', row: 2, date: '2026-10-05', occurrences: 2 }, { from: 'manager', occurrences: 1 }] },
      'service-center.claims': { grade: 'poor', deduction: 6, sources: [{ from: 'claims', file: '索赔组-2026-10.csv', row: 3, date: '2026-10-12', note: '两张索赔单缺照片', grade: 'poor', deduction: 6 }] },
    });
    const text = (await scorecardInProcess(['sheet', 'show', '--db', path, '--person', 'F-101', '--month', MONTH])).stdout;
    expect(text).toContain('service-center.claims 索赔单填写: 4/10 (−6)');
    expect(text).toContain('from 索赔组 (claims) [索赔组-2026-10.csv, line 3, 2026-10-12]: grade poor −6 — 两张索赔单缺照片');
    // Nothing waits: the sheet is marked ready.
    expect(await ready(false)).toBe('ready');
    // A choice on a ready sheet: nothing waits any more, refused naming the item.
    const late = await scorecardInProcess(chooseArgs('--employee', 'F-101', '--item', 'whereabouts', '--take', 'manager'));
    expect(late.status).toBe(1);
    expect(late.stderr).toContain('none waits');
    const help = (await scorecardInProcess(['--help'])).stdout;
    expect(help).toContain('findings choices --db PATH --month YYYY-MM [--json]');
    expect(help).toContain('findings choose --db PATH --month YYYY-MM --employee NO --item ITEM --take all|departments|manager|GROUP');
  }, 240_000);
});

describe('findings merged per department (services on a real file)', () => {
  it('occurrences of two departments add up per source; a department’s next file replaces only its own contribution', async () => {
    const { db, people, h } = setup();
    const f101 = people['F-101']!;
    await call(h, 'findings.import', { ...upload('工号,项目,次数,日期\nF-101,驻区去向,2,2026-10-05\n', 'claims.csv'), period: MONTH, department: 'claims' });
    await call(h, 'findings.import', { ...upload('工号,项目,次数,日期\nF-101,whereabouts,1,2026-10-20\n', 'tech.csv'), period: MONTH, department: 'technical' });
    expect(itemsOf(db, f101).whereabouts).toEqual({
      occurrences: 3,
      sources: [
        { from: 'claims', file: 'claims.csv', row: 2, date: '2026-10-05', occurrences: 2 },
        { from: 'technical', file: 'tech.csv', row: 2, date: '2026-10-20', occurrences: 1 },
      ],
    });
    // 索赔组 sends its file again with one occurrence: its contribution is replaced, 技术组's stays.
    const again = await call(h, 'findings.import', { ...upload('工号,项目,次数\nF-101,驻区去向,1\n', 'claims-2.csv'), period: MONTH, department: 'claims' });
    expect(again.replaced).toMatchObject({ fileName: 'claims.csv' });
    expect(itemsOf(db, f101).whereabouts).toEqual({
      occurrences: 2,
      sources: [
        { from: 'technical', file: 'tech.csv', row: 2, date: '2026-10-20', occurrences: 1 },
        { from: 'claims', file: 'claims-2.csv', row: 2, occurrences: 1 },
      ],
    });
    // And once more without that person: 索赔组's part goes, 技术组's remains.
    await call(h, 'findings.import', { ...upload('工号,项目,次数\nF-102,驻区去向,1\n', 'claims-3.csv'), period: MONTH, department: 'claims' });
    expect(itemsOf(db, f101).whereabouts).toEqual({ occurrences: 1, sources: [{ from: 'technical', file: 'tech.csv', row: 2, date: '2026-10-20', occurrences: 1 }] });
    expect(itemsOf(db, people['F-102']!).whereabouts).toMatchObject({ occurrences: 1, sources: [{ from: 'claims', file: 'claims-3.csv' }] });
    const month = await call(h, 'findings.month', { period: MONTH });
    expect(month.departments.filter((d) => d.file).map((d) => [d.id, d.file!.fileName])).toEqual([
      ['claims', 'claims-3.csv'],
      ['technical', 'tech.csv'],
    ]);
    expect(month.departments.filter((d) => !d.file).map((d) => d.id)).toEqual(['field-management', 'correspondence', 'parts', 'advertising', 'sales-planning', 'regional-planner']);
    expect((db.prepare('SELECT count(*) AS n FROM finding_files WHERE replaced_at IS NOT NULL').get() as { n: number }).n).toBe(2);

    // Imported where everyone is seen (sales planning), a finding for EAST's F-201; SOUTH's manager's
    // next file of 索赔组 replaces the findings of SOUTH's people only.
    await call(h, 'user.set', { name: '周建国', chainRole: 'planning', regionId: null });
    await call(h, 'findings.import', { ...upload('工号,项目,次数\nF-201,驻区去向,1\nF-102,驻区去向,1\n', 'claims-all.csv'), period: MONTH, department: 'claims' });
    const south = (db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
    await call(h, 'user.set', { name: '王磊', chainRole: 'manager', regionId: south });
    const r = await call(h, 'findings.import', { ...upload('工号,项目,次数\nF-201,驻区去向,3\nF-101,驻区去向,1\n', 'claims-south.csv'), period: MONTH, department: 'claims' });
    expect(r.skipped).toMatchObject([{ employeeNo: 'F-201', reason: 'other-region' }]);
    const held = db.prepare("SELECT p.employee_no AS no, f.part FROM findings f JOIN people p ON p.id = f.person_id WHERE f.department = 'claims' ORDER BY p.employee_no").all();
    expect(held).toEqual([
      { no: 'F-101', part: '{"occurrences":1}' },
      { no: 'F-201', part: '{"occurrences":1}' },
    ]);
    expect(itemsOf(db, people['F-102']!).whereabouts).toBeUndefined();
    expect(itemsOf(db, people['F-201']!).whereabouts).toMatchObject({ occurrences: 1, sources: [{ from: 'claims', file: 'claims-all.csv' }] });
  });

  it('a value the manager typed and two departments’ different grades wait side by side; the manager chooses', async () => {
    const { db, people, h } = setup();
    const f101 = people['F-101']!;
    // The manager typed 1 time not reachable and grade "late −2" for 信息反馈.
    await call(h, 'sheets.save', { personId: f101, period: MONTH, entry: { items: { whereabouts: { occurrences: 1 }, 'info-feedback': { grade: 'late', deduction: 2 } } }, status: 'draft', expectedRevision: 0 });
    const preview = await call(h, 'findings.preview', { ...upload('工号,项目,次数,等级,扣分\nF-101,驻区去向,2,,\nF-101,信息反馈(特殊批量质量问题),,不能按时提报,4\n', 'tech.csv'), period: MONTH, department: 'technical' });
    expect(preview.errorCount).toBe(0);
    expect(preview.rows.map((r) => r.action)).toEqual(['conflict', 'conflict']);
    expect(preview.conflicts.map((c) => [c.itemId, c.kind, c.options, c.candidates.map((x) => [x.from, x.part])])).toEqual([
      ['whereabouts', 'added', ['all', 'departments', 'manager'], [['technical', { occurrences: 2 }], ['manager', { occurrences: 1 }]]],
      ['info-feedback', 'grade', ['technical', 'manager'], [['technical', { grade: 'late', deduction: 4 }], ['manager', { grade: 'late', deduction: 2 }]]],
    ]);
    const done = await call(h, 'findings.import', { ...upload('工号,项目,次数,等级,扣分\nF-101,驻区去向,2,,\nF-101,信息反馈(特殊批量质量问题),,不能按时提报,4\n', 'tech.csv'), period: MONTH, department: 'technical' });
    expect(done.conflicts).toHaveLength(2);
    // Until chosen, the items keep the manager's values.
    expect(itemsOf(db, f101)).toEqual({ whereabouts: { occurrences: 1 }, 'info-feedback': { grade: 'late', deduction: 2 } });
    expect((await call(h, 'findings.month', { period: MONTH })).conflicts).toHaveLength(2);

    // While the choice waits, the sheet cannot be marked ready (alone or in a batch): the choice would be left to nobody.
    const open = await call(h, 'sheets.get', { personId: f101, period: MONTH });
    const asReady = { personId: f101, entry: { items: itemsOf(db, f101) }, status: 'ready' as const, expectedRevision: open.revision };
    const notReady = await fail(h, 'sheets.save', { ...asReady, period: MONTH });
    expect(notReady.problems).toMatchObject([{ field: 'status', value: 'ready', rule: { code: 'finding-choice-waiting' } }]);
    expect(notReady.problems?.[0]?.rule).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ zh: '驻区去向' }), expect.objectContaining({ zh: expect.stringContaining('信息反馈') })]) });
    const notReadyMany = await fail(h, 'sheets.saveMany', { period: MONTH, sheets: [asReady] });
    expect(notReadyMany.problems).toMatchObject([{ field: 'sheets[0].status', rule: { code: 'finding-choice-waiting' } }]);
    expect((await call(h, 'sheets.get', { personId: f101, period: MONTH })).revision).toBe(open.revision);

    // A choice that is not an option is refused, naming the options.
    const wrong = await fail(h, 'findings.resolve', { period: MONTH, personId: f101, itemId: 'info-feedback', choice: 'all' });
    expect(wrong.problems).toMatchObject([{ field: 'choice', rule: { code: 'one-of', options: [{ zh: '技术组' }, { zh: '经理填的' }] } }]);
    await call(h, 'findings.resolve', { period: MONTH, personId: f101, itemId: 'whereabouts', choice: 'all' });
    await call(h, 'findings.resolve', { period: MONTH, personId: f101, itemId: 'info-feedback', choice: 'technical' });
    expect(itemsOf(db, f101)).toEqual({
      whereabouts: { occurrences: 3, sources: [{ from: 'technical', file: 'tech.csv', row: 2, occurrences: 2 }, { from: 'manager', occurrences: 1 }] },
      'info-feedback': { grade: 'late', deduction: 4, sources: [{ from: 'technical', file: 'tech.csv', row: 3, grade: 'late', deduction: 4 }] },
    });
    expect((await call(h, 'findings.month', { period: MONTH })).conflicts).toEqual([]);
    // The same file again: the choices are kept, nothing to choose.
    const same = await call(h, 'findings.import', { ...upload('工号,项目,次数,等级,扣分\nF-101,驻区去向,2,,\nF-101,信息反馈(特殊批量质量问题),,不能按时提报,4\n', 'tech.csv'), period: MONTH, department: 'technical' });
    expect(same.conflicts).toEqual([]);
    expect(itemsOf(db, f101).whereabouts?.occurrences).toBe(3);

    // Two departments' grades differ: 现场管理组 says timely.
    const fm = await call(h, 'findings.import', { ...upload('工号,项目,等级\nF-101,info-feedback,及时提报\n', 'fm.csv'), period: MONTH, department: 'field-management' });
    expect(fm.conflicts.map((c) => [c.itemId, c.options])).toEqual([['info-feedback', ['technical', 'field-management']]]);
    await call(h, 'findings.resolve', { period: MONTH, personId: f101, itemId: 'info-feedback', choice: 'field-management' });
    expect(itemsOf(db, f101)['info-feedback']).toEqual({ grade: 'timely', sources: [{ from: 'field-management', file: 'fm.csv', row: 2, grade: 'timely' }] });
  });

  it('a ready sheet is not touched: listed as needing an amendment; a sheet the manager edits keeps its sources consistent', async () => {
    const { db, people, h, path } = setup();
    const f101 = people['F-101']!;
    const f102 = people['F-102']!;
    await call(h, 'sheets.save', { personId: f102, period: MONTH, entry: { items: {} }, status: 'ready', expectedRevision: 0 });
    const ready = sheetOf(db, f102);
    const r = await call(h, 'findings.import', { ...upload('工号,项目,次数\nF-101,驻区去向,2\nF-102,驻区去向,1\n', 'claims.csv'), period: MONTH, department: 'claims' });
    expect(r).toMatchObject({ added: 1, updated: 0, needsAmendment: [{ employeeNo: 'F-102', status: 'ready', action: 'amend' }] });
    expect(sheetOf(db, f102)).toEqual(ready);
    // The manager adds one more time not reachable: the department's part stays, the rest is the manager's.
    await call(h, 'sheets.save', { personId: f101, period: MONTH, entry: { items: { whereabouts: { ...itemsOf(db, f101).whereabouts, occurrences: 3 } } }, status: 'draft', expectedRevision: 1 });
    expect(itemsOf(db, f101).whereabouts).toEqual({ occurrences: 3, sources: [{ from: 'claims', file: 'claims.csv', row: 2, occurrences: 2 }, { from: 'manager', occurrences: 1 }] });
    // Lowered below the finding: the finding no longer makes up the value, the value is the manager's alone.
    await call(h, 'sheets.save', { personId: f101, period: MONTH, entry: { items: { whereabouts: { ...itemsOf(db, f101).whereabouts, occurrences: 1 } } }, status: 'draft', expectedRevision: 2 });
    expect(itemsOf(db, f101).whereabouts).toEqual({ occurrences: 1 });
    expect(contents(path).findings).toHaveLength(2);
  });

  it('row problems name line and column with codes; a salesperson hand-in date from 广告信息部 becomes a late hand-in with its source', async () => {
    const { db, people, h } = setup();
    const bad = await call(h, 'findings.preview', {
      ...upload('工号,项目,次数,等级,扣分\nX-999,驻区去向,1,,\nF-101,索赔单填写,,poor,20\nF-101,索赔单填写,,优秀,\nF-101,不存在的项目,1,,\nF-102,驻区去向,两次,,\nF-102,索赔单填写,,poor,很多\n'),
      period: MONTH,
      department: 'claims',
    });
    expect(bad.rows.map((r) => [r.row, r.action, r.problems.map((p) => p.rule?.code ?? p.field)])).toEqual([
      [2, 'error', ['known-employee']],
      [3, 'error', ['amount']],
      [4, 'error', ['one-of']],
      [5, 'error', ['finding-item']],
      [6, 'error', ['whole-number']],
      [7, 'error', ['amount']],
    ]);
    expect(bad.rows[4]!.problems[0]).toMatchObject({ field: '次数 (occurrences)', value: '两次', rule: { min: 1, max: 100 } });
    expect(bad.rows[5]!.problems[0]).toMatchObject({ field: '扣分 (deduction)', value: '很多', rule: { min: 5, max: 10 } });
    expect(bad.rows[1]!.problems[0]!.field).toBe('扣分 (deduction)');
    expect(await fail(h, 'findings.import', { ...upload('工号,项目,次数\nX-999,驻区去向,1\n'), period: MONTH, department: 'claims' })).toMatchObject({ kind: 'input' });

    const s100 = people['S-100']!;
    await call(h, 'findings.import', { ...upload('工号,项目,交付日期,备注\nS-100,广告计划表,2026-10-15,晚交两天\n', 'ad.csv'), period: MONTH, department: 'advertising' });
    const sheet = await call(h, 'sheets.get', { personId: s100, period: MONTH });
    expect(sheet.input.handIns?.['ad-plan']).toEqual([{ date: '2026-10-15' }]);
    expect(sheet.input.items?.['ad-plan']).toEqual({ sources: [{ from: 'advertising', file: 'ad.csv', row: 2, note: '晚交两天', handedIn: '2026-10-15' }] });
    expect(sheet.result.items.find((i) => i.id === 'ad-plan')).toMatchObject({ deduction: 2 });
    // The template of 广告信息部: the month's people with only its items (salesperson hand-ins), none of a field-service rep.
    const t = await call(h, 'findings.template', { period: MONTH, department: 'advertising' });
    expect(t.fileName).toBe('findings-advertising-2026-10.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.dataBase64, 'base64') as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1, 4));
    expect(rows).toEqual([
      ['工号', '姓名', '项目'],
      ['S-100', '李娜', '广告计划表'],
      ['S-100', '李娜', '促销活动计划报告'],
      ['S-100', '李娜', '促销效果评价'],
    ]);
    void db;
  });
});
