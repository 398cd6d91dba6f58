/** Salary totals and KPIs per person and month: figures.month / save / preview / import through the handlers, on a real SQLite file. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../electron/handlers.ts';
import type { Db } from '../../electron/db/database.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { parseNumberText as parseCellNumber } from '../../shared/number-text.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { checkKpiValues, KPIS, planCompletionPercent } from '../../shared/kpi.ts';
import { call, fail } from '../helpers/call.ts';
import { tempDb } from '../helpers/db.ts';

const PERIOD = '2026-05';

function setup() {
  const { db, path } = tempDb();
  const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
  const east = saveRegion(db, { code: 'EAST', name: '华东区' });
  const south = saveRegion(db, { code: 'SOUTH', name: '华南区' });
  const person = (employeeNo: string, name: string, role: 'salesperson' | 'regional-manager' | 'field-service', regionId: number, activeFrom = '2024-01', activeTo: string | null = null) =>
    savePerson(db, { employeeNo, name, role, regionId, managerId: null, activeFrom, activeTo });
  const people = {
    manager: person('M-101', '王磊', 'regional-manager', east.id),
    li: person('S-101', '李静', 'salesperson', east.id),
    zhang: person('S-102', '张伟', 'salesperson', east.id),
    chen: person('F-101', '陈敏', 'field-service', east.id),
    liu: person('S-201', '刘芳', 'salesperson', south.id),
    late: person('S-103', '杨强', 'salesperson', east.id, '2026-07'),
  };
  return { db, h, east, south, people };
}

/** Everything a figures call may write: the table and the audit log. */
const dump = (db: Db) => ({
  figures: db.prepare('SELECT * FROM person_months ORDER BY person_id, period').all(),
  audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
});

const save = (h: Handlers, personId: number, changes: { salaryTotal?: number | null; kpis?: Record<string, number | null>; expectedRevision?: number; period?: string }) =>
  call(h, 'figures.save', { personId, period: changes.period ?? PERIOD, salaryTotal: changes.salaryTotal ?? null, kpis: changes.kpis ?? {}, expectedRevision: changes.expectedRevision ?? 0 });

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const csvUpload = (text: string, fileName = 'figures.csv') => ({ fileName, dataBase64: base64(Buffer.from(text, 'utf8')), period: PERIOD });

describe('figures.save and figures.month', () => {
  it('round-trips exactly: 12,345.67 yuan is 1,234,567 fen in the table and 12345.67 again when read', async () => {
    const { db, h, people } = setup();
    const saved = await save(h, people.li.id, { salaryTotal: 12345.67, kpis: { 'plan-quantity': 200, 'actual-quantity': 160.5, 'complaint-rate': 1.25, 'sales-expense': 3210.05 } });
    expect(saved).toMatchObject({ personId: people.li.id, period: PERIOD, salaryTotal: 12345.67, revision: 1 });
    expect(db.prepare('SELECT salary_fen, kpis, revision FROM person_months WHERE person_id = ?').get(people.li.id)).toEqual({
      salary_fen: 1234567,
      // Stored in catalog order, whatever order they came in.
      kpis: '{"plan-quantity":200,"actual-quantity":160.5,"sales-expense":3210.05,"complaint-rate":1.25}',
      revision: 1,
    });
    const month = await call(h, 'figures.month', { period: PERIOD });
    const li = month.find((f) => f.personId === people.li.id)!;
    expect(li.salaryTotal).toBe(12345.67);
    expect(li.kpis).toEqual({ 'plan-quantity': 200, 'actual-quantity': 160.5, 'sales-expense': 3210.05, 'complaint-rate': 1.25 });
    expect(li.updatedAt).toBe(saved.updatedAt);
    const audit = db.prepare("SELECT action, entity, entity_id, before, after FROM audit_log WHERE entity = 'figures'").all();
    expect(audit).toEqual([{ action: 'figures.save', entity: 'figures', entity_id: `S-101/${PERIOD}`, before: null, after: expect.stringContaining('"salaryTotal":12345.67') }]);

    // Sums of fen stay exact: 0.1 + 0.2 yuan as a salary is 30 fen.
    await save(h, people.zhang.id, { salaryTotal: 0.3 });
    expect(db.prepare('SELECT salary_fen FROM person_months WHERE person_id = ?').get(people.zhang.id)).toEqual({ salary_fen: 30 });
  });

  it('changes only the KPIs named: null removes one, the others keep their values; salary null clears it', async () => {
    const { h, people } = setup();
    const first = await save(h, people.li.id, { salaryTotal: 8000, kpis: { 'plan-quantity': 100, satisfaction: 90 } });
    const second = await save(h, people.li.id, { salaryTotal: null, kpis: { satisfaction: null, 'return-rate': 2.5 }, expectedRevision: first.revision });
    expect(second).toMatchObject({ salaryTotal: null, kpis: { 'plan-quantity': 100, 'return-rate': 2.5 }, revision: 2 });
    expect(second.kpis).not.toHaveProperty('satisfaction');
  });

  it('lists every person the user sees in the month, empty (revision 0) when nothing is stored', async () => {
    const { h, people, east } = setup();
    await save(h, people.zhang.id, { salaryTotal: 9000 });
    const all = await call(h, 'figures.month', { period: PERIOD });
    // Everyone assessed in 2026-05 (杨强 starts in 2026-07), the grid's order.
    expect(all.map((f) => f.personId).sort()).toEqual([people.manager.id, people.li.id, people.zhang.id, people.chen.id, people.liu.id].sort());
    expect(all.find((f) => f.personId === people.li.id)).toEqual({ personId: people.li.id, period: PERIOD, salaryTotal: null, kpis: {}, revision: 0, updatedAt: null, sources: {} });
    expect(all.find((f) => f.personId === people.zhang.id)).toMatchObject({ salaryTotal: 9000, revision: 1 });

    // A regional manager: the staff of their region, not themselves, not another region.
    await call(h, 'user.set', { name: '王磊', chainRole: 'manager', regionId: east.id });
    const mine = await call(h, 'figures.month', { period: PERIOD });
    expect(mine.map((f) => f.personId).sort()).toEqual([people.li.id, people.zhang.id, people.chen.id].sort());
  });

  it('refuses bad values, naming the field, the value and what is allowed, and writes nothing', async () => {
    const { db, h, people } = setup();
    await save(h, people.li.id, { salaryTotal: 8000, kpis: { satisfaction: 90 } });
    const before = dump(db);
    const attempt = (salaryTotal: number | null, kpis: Record<string, number | null>) =>
      fail(h, 'figures.save', { personId: people.li.id, period: PERIOD, salaryTotal, kpis, expectedRevision: 1 });

    const fen = await attempt(12345.678, {});
    expect(fen).toMatchObject({ kind: 'input', problems: [{ field: 'salaryTotal', value: 12345.678, expected: expect.stringMatching(/0 to 10,000,000, at most 2 decimals/) }] });
    expect(await attempt(-1, {})).toMatchObject({ problems: [{ field: 'salaryTotal', value: -1 }] });
    expect(await attempt(10_000_000.01, {})).toMatchObject({ problems: [{ field: 'salaryTotal', value: 10_000_000.01 }] });
    const kpis = await attempt(8000, { 'complaint-rate': 101, 'plan-quantity': 1.23456, bogus: 1 });
    expect(kpis.kind).toBe('input');
    expect(kpis.problems).toEqual([
      { field: 'kpis.complaint-rate', value: 101, expected: 'a number from 0 to 100 (percent), at most 2 decimals', rule: { code: 'number', min: 0, max: 100, decimals: 2, unit: 'percent' } },
      { field: 'kpis.plan-quantity', value: 1.23456, expected: 'a number from 0 to 1000000000, at most 4 decimals', rule: { code: 'number', min: 0, max: 1_000_000_000, decimals: 4 } },
      { field: 'kpis.bogus', value: 1, expected: expect.stringMatching(/^a KPI id: plan-quantity, actual-quantity, /) },
    ]);
    // A month the person is not assessed in; a person who does not exist.
    expect(await fail(h, 'figures.save', { personId: people.late.id, period: PERIOD, salaryTotal: 1, kpis: {}, expectedRevision: 0 })).toMatchObject({
      kind: 'input',
      problems: [{ field: 'period', value: PERIOD, expected: 'a month 杨强 is assessed in (2026-07 – now)' }],
    });
    expect(await fail(h, 'figures.save', { personId: 999, period: PERIOD, salaryTotal: 1, kpis: {}, expectedRevision: 0 })).toMatchObject({ kind: 'not-found', message: 'person 999 does not exist' });
    // The contract's own checks: a period that is not one.
    expect(await fail(h, 'figures.save', { personId: people.li.id, period: '2026-13', salaryTotal: 1, kpis: {}, expectedRevision: 1 })).toMatchObject({ kind: 'input', problems: [{ field: 'period' }] });
    expect(dump(db)).toEqual(before);
  });

  it('refuses a negative sales quantity, saved or imported, as a problem with its rule (never a crash), and writes nothing', async () => {
    const { db, h, people } = setup();
    await save(h, people.li.id, { kpis: { 'plan-quantity': 100, 'actual-quantity': 80 } });
    const before = dump(db);
    const rule = { code: 'number', min: 0, max: 1_000_000_000, decimals: 4 };
    const saved = await fail(h, 'figures.save', { personId: people.li.id, period: PERIOD, salaryTotal: null, kpis: { 'actual-quantity': -5 }, expectedRevision: 1 });
    expect(saved).toMatchObject({ kind: 'input', problems: [{ field: 'kpis.actual-quantity', value: -5, rule }] });
    const file = csvUpload(['工号,销售计划数量,实际销售数量', 'S-101,100,-5', 'S-102,-1,3'].join('\n'));
    const preview = await call(h, 'figures.preview', file);
    expect(preview.rows.map((r) => r.problems)).toEqual([
      [{ field: '实际销售数量', value: '-5', expected: 'a number from 0 to 1000000000, at most 4 decimals', rule }],
      [{ field: '销售计划数量', value: '-1', expected: 'a number from 0 to 1000000000, at most 4 decimals', rule }],
    ]);
    expect(await fail(h, 'figures.import', file)).toMatchObject({ kind: 'input', problems: [{ field: 'line 2, 实际销售数量', value: '-5', rule }, { field: 'line 3, 销售计划数量', value: '-1', rule }] });
    // The month's reports still compute with what is stored.
    expect((await call(h, 'figures.month', { period: PERIOD })).find((f) => f.personId === people.li.id)?.kpis).toEqual({ 'plan-quantity': 100, 'actual-quantity': 80 });
    expect(dump(db)).toEqual(before);
  });

  it('refuses a save over a newer revision (conflict naming both revisions), and writes nothing', async () => {
    const { db, h, people } = setup();
    const first = await save(h, people.li.id, { salaryTotal: 8000 });
    await save(h, people.li.id, { salaryTotal: 8100, expectedRevision: first.revision });
    const before = dump(db);
    const stale = await fail(h, 'figures.save', { personId: people.li.id, period: PERIOD, salaryTotal: 9999, kpis: {}, expectedRevision: 1 });
    expect(stale).toMatchObject({ kind: 'conflict', message: `the salary and KPIs of 李静 for ${PERIOD} were changed elsewhere (revision 2, you edited 1); reload them` });
    // Revision 0 means "nothing stored yet": also a conflict once something is.
    expect(await fail(h, 'figures.save', { personId: people.li.id, period: PERIOD, salaryTotal: 1, kpis: {}, expectedRevision: 0 })).toMatchObject({ kind: 'conflict' });
    expect(dump(db)).toEqual(before);
  });
});

describe('figures.preview and figures.import', () => {
  it('imports a UTF-8 CSV: adds, updates, leaves unchanged; an empty cell keeps the stored value', async () => {
    const { db, h, people } = setup();
    await save(h, people.zhang.id, { salaryTotal: 7000, kpis: { satisfaction: 88 } });
    await save(h, people.chen.id, { salaryTotal: 6500.5, kpis: { 'plan-quantity': 40 } });
    const file = csvUpload(
      [
        'employee no,name,salary total,plan-quantity,Actual sales (quantity),客户满意度,notes',
        'S-101,李静,"12,345.67",200,160,91.5%,ignored column',
        'S-102,,8000,,,,',
        'F-101,陈敏,6500.50,40,,,',
        '',
      ].join('\r\n'),
    );
    const preview = await call(h, 'figures.preview', file);
    expect(preview).toMatchObject({ fileName: 'figures.csv', encoding: 'UTF-8', period: PERIOD, errorCount: 0 });
    expect(preview.rows).toEqual([
      { row: 2, employeeNo: 'S-101', name: '李静', personId: people.li.id, salaryTotal: 12345.67, kpis: { 'plan-quantity': 200, 'actual-quantity': 160, satisfaction: 91.5 }, action: 'add', problems: [] },
      // The empty KPI cells keep 张伟's satisfaction; only the salary changes.
      { row: 3, employeeNo: 'S-102', name: '张伟', personId: people.zhang.id, salaryTotal: 8000, kpis: { satisfaction: 88 }, action: 'update', problems: [] },
      { row: 4, employeeNo: 'F-101', name: '陈敏', personId: people.chen.id, salaryTotal: 6500.5, kpis: { 'plan-quantity': 40 }, action: 'unchanged', problems: [] },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM person_months').get()).toEqual({ n: 2 }); // the preview wrote nothing

    expect(await call(h, 'figures.import', file)).toEqual({ added: 1, updated: 1, unchanged: 1, fromSheets: 0, conflictsSettled: 0 });
    const month = new Map((await call(h, 'figures.month', { period: PERIOD })).map((f) => [f.personId, f]));
    expect(month.get(people.li.id)).toMatchObject({ salaryTotal: 12345.67, kpis: { 'plan-quantity': 200, 'actual-quantity': 160, satisfaction: 91.5 }, revision: 1 });
    expect(month.get(people.zhang.id)).toMatchObject({ salaryTotal: 8000, kpis: { satisfaction: 88 }, revision: 2 });
    expect(month.get(people.chen.id)).toMatchObject({ revision: 1 });
    expect(db.prepare('SELECT salary_fen FROM person_months WHERE person_id = ?').get(people.li.id)).toEqual({ salary_fen: 1234567 });
    expect(db.prepare("SELECT entity_id FROM audit_log WHERE action = 'figures.import' ORDER BY id").all()).toEqual([{ entity_id: 'S-101/2026-05' }, { entity_id: 'S-102/2026-05' }]);
    // The same file again changes nothing.
    expect(await call(h, 'figures.import', file)).toEqual({ added: 0, updated: 0, unchanged: 3, fromSheets: 0, conflictsSettled: 0 });
  });

  it('reads a GBK CSV with Chinese headers', async () => {
    const { db, h, people } = setup();
    const text = '工号,姓名,工资总额,销售计划数量,实际销售数量,顾客意见发生率,销售费用\n S-201 ,刘芳,9876.54,300,330,0.5,"￥1,234.50"\n';
    const upload = { fileName: '五月工资.csv', dataBase64: base64(iconv.encode(text, 'gbk')), period: PERIOD };
    const preview = await call(h, 'figures.preview', upload);
    expect(preview.encoding).toBe('GB18030');
    expect(preview.rows).toEqual([
      {
        row: 2,
        employeeNo: 'S-201',
        name: '刘芳',
        personId: people.liu.id,
        salaryTotal: 9876.54,
        kpis: { 'plan-quantity': 300, 'actual-quantity': 330, 'sales-expense': 1234.5, 'complaint-rate': 0.5 },
        action: 'add',
        problems: [],
      },
    ]);
    expect(await call(h, 'figures.import', upload)).toEqual({ added: 1, updated: 0, unchanged: 0, fromSheets: 0, conflictsSettled: 0 });
    expect(db.prepare('SELECT salary_fen, kpis FROM person_months').get()).toEqual({
      salary_fen: 987654,
      kpis: '{"plan-quantity":300,"actual-quantity":330,"sales-expense":1234.5,"complaint-rate":0.5}',
    });
  });

  it('reads an .xlsx with numbers as number cells and KPI ids and English names as headers', async () => {
    const { db, h, people } = setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('五月');
    ws.addRow(['Employee No', 'Salary total', 'sales-growth', 'Customer churn', 'Visit success']);
    ws.addRow(['S-101', 10250.25, -12.5, 3, 87.25]);
    ws.addRow(['S-102', 7000, null, null, null]);
    const upload = { fileName: 'figures.xlsx', dataBase64: base64(Buffer.from(await wb.xlsx.writeBuffer())), period: PERIOD };
    const preview = await call(h, 'figures.preview', upload);
    expect(preview.encoding).toBe('XLSX');
    expect(preview.rows.map((r) => [r.employeeNo, r.salaryTotal, r.kpis, r.action])).toEqual([
      ['S-101', 10250.25, { 'sales-growth': -12.5, 'churn-rate': 3, 'visit-success': 87.25 }, 'add'],
      ['S-102', 7000, {}, 'add'],
    ]);
    expect(await call(h, 'figures.import', upload)).toEqual({ added: 2, updated: 0, unchanged: 0, fromSheets: 0, conflictsSettled: 0 });
    expect(db.prepare('SELECT person_id, salary_fen FROM person_months ORDER BY person_id').all()).toEqual([
      { person_id: people.li.id, salary_fen: 1025025 },
      { person_id: people.zhang.id, salary_fen: 700000 },
    ]);
  });

  it('shows every bad row with its problems, and the import then writes nothing', async () => {
    const { db, h, people } = setup();
    await save(h, people.li.id, { salaryTotal: 8000 });
    const file = csvUpload(
      [
        '工号,姓名,工资总额,客户满意度,销售计划数量',
        'S-101,李静,8100,95,100', // fine on its own
        'X-999,,5000,,', // no such employee
        'S-102,张伟,12345.678,101,', // salary with 3 decimals, satisfaction above 100
        'S-101,李静,8200,,', // the same employee again
        'F-101,王五,6000,,abc', // the roster's name is 陈敏; not a number
        'S-103,杨强,6000,,', // starts in 2026-07
      ].join('\n'),
    );
    const preview = await call(h, 'figures.preview', file);
    expect(preview.errorCount).toBe(5);
    expect(preview.rows.map((r) => r.action)).toEqual(['update', 'error', 'error', 'error', 'error', 'error']);
    const problems = Object.fromEntries(preview.rows.map((r) => [r.row, r.problems]));
    expect(problems[3]).toEqual([{ field: '工号 (employee no)', value: 'X-999', expected: 'the employee number of a person in the roster (no one has this one)', rule: { code: 'known-employee' } }]);
    expect(problems[4]).toEqual([
      { field: '工资总额', value: '12345.678', expected: 'a salary total in yuan from 0 to 10,000,000, at most 2 decimals', rule: { code: 'number', min: 0, max: 10_000_000, decimals: 2, unit: 'yuan' } },
      { field: '客户满意度', value: '101', expected: 'a number from 0 to 100 (percent), at most 2 decimals', rule: { code: 'number', min: 0, max: 100, decimals: 2, unit: 'percent' } },
    ]);
    expect(problems[5]).toEqual([{ field: '工号 (employee no)', value: 'S-101', expected: 'an employee number that appears once in the file (it is also on line 2)', rule: { code: 'once-in-file', line: 2 } }]);
    expect(problems[6]).toEqual([
      { field: '姓名 (name)', value: '王五', expected: 'the name the roster has for F-101: 陈敏 (or leave the name empty)', rule: { code: 'roster-name', employeeNo: 'F-101', name: '陈敏' } },
      { field: '销售计划数量', value: 'abc', expected: 'a number from 0 to 1000000000, at most 4 decimals', rule: { code: 'number', min: 0, max: 1_000_000_000, decimals: 4 } },
    ]);
    expect(problems[7]).toEqual([
      { field: '工号 (employee no)', value: 'S-103', expected: 'a person assessed in 2026-05 (杨强 is assessed 2026-07 – now)', rule: { code: 'assessed-in', period: '2026-05', name: '杨强', from: '2026-07', to: null } },
    ]);

    const before = dump(db);
    const refused = await fail(h, 'figures.import', file);
    expect(refused.kind).toBe('input');
    expect(refused.message).toMatch(/^Invalid salary\/KPI file "figures.csv" \(nothing was imported\) \(7 problems\)/);
    expect(refused.problems?.[0]).toEqual({ field: 'line 3, 工号 (employee no)', value: 'X-999', expected: 'the employee number of a person in the roster (no one has this one)', rule: { code: 'known-employee' } });
    expect(dump(db)).toEqual(before);

    // Fixed, the same file imports.
    const fixed = csvUpload(['工号,姓名,工资总额,客户满意度,销售计划数量', 'S-101,李静,8100,95,100', 'S-102,张伟,12345.67,100,'].join('\n'));
    expect(await call(h, 'figures.import', fixed)).toEqual({ added: 1, updated: 1, unchanged: 0, fromSheets: 0, conflictsSettled: 0 });
  });

  it('limits a regional manager to the people of their region', async () => {
    const { h, east } = setup();
    await call(h, 'user.set', { name: '王磊', chainRole: 'manager', regionId: east.id });
    const preview = await call(h, 'figures.preview', csvUpload('工号,工资总额\nS-101,8000\nS-201,9000\n'));
    expect(preview.rows.map((r) => r.action)).toEqual(['add', 'error']);
    expect(preview.rows[1]!.problems).toEqual([
      { field: '工号 (employee no)', value: 'S-201', expected: 'one of the people of your region in 2026-05 (刘芳 is not)', rule: { code: 'in-view', period: '2026-05', name: '刘芳', region: true } },
    ]);
  });

  it('refuses a file without an employee number column or without any value column, and one that is no sheet', async () => {
    const { db, h } = setup();
    const before = dump(db);
    expect(await fail(h, 'figures.preview', csvUpload('姓名,工资总额\n李静,8000\n'))).toMatchObject({
      kind: 'input',
      problems: [
        {
          field: 'line 1 (header)',
          value: ['姓名', '工资总额'],
          expected: expect.stringMatching(/^a header row with the column 工号 \/ employee no/),
          rule: { code: 'header-columns', missing: [expect.stringMatching(/^工号 \/ 员工编号 \/ .* \/ employee no/)] },
        },
      ],
    });
    expect(await fail(h, 'figures.import', csvUpload('工号,姓名,备注\nS-101,李静,x\n'))).toMatchObject({
      kind: 'input',
      problems: [{ field: 'line 1 (header)', expected: expect.stringMatching(/^at least one value column: 工号/), rule: { code: 'value-column', salary: '工资总额 / salary total', examples: expect.any(Array) } }],
    });
    expect(await fail(h, 'figures.import', csvUpload('工号,工资总额,工资\nS-101,1,2\n'))).toMatchObject({
      problems: [
        { expected: 'one column for salary — columns 2 ("工资总额") and 3 ("工资") both name it', rule: { code: 'one-column', column: '工资总额', columns: [{ at: 2, header: '工资总额' }, { at: 3, header: '工资' }] } },
      ],
    });
    expect(await fail(h, 'figures.import', { fileName: 'figures.pdf', dataBase64: base64(Buffer.from('%PDF-1.7')), period: PERIOD })).toMatchObject({
      kind: 'input',
      problems: [{ field: 'file', value: 'figures.pdf' }],
    });
    expect(dump(db)).toEqual(before);
  });

  it('reads numbers as people write them in cells', () => {
    expect(parseCellNumber('12,345.67')).toBe(12345.67);
    expect(parseCellNumber('¥ 8 000')).toBe(8000);
    expect(parseCellNumber('95.5%')).toBe(95.5);
    expect(parseCellNumber('1234.5元')).toBe(1234.5);
    expect(parseCellNumber('-3')).toBe(-3);
    expect(parseCellNumber('.5')).toBe(0.5);
    for (const bad of ['abc', '1e5', '1.2.3', '', '--1', '12%%']) expect(parseCellNumber(bad)).toBeNull();
  });
});

describe('the demo organisation’s figures', () => {
  it('gives every person and month a salary total, plan, actual and the other KPIs, the same every time', async () => {
    const load = () => {
      const { db } = tempDb();
      loadDemo(db, new Date(2026, 10, 15));
      return db;
    };
    const db = load();
    const rows = db.prepare('SELECT p.role, f.period, f.salary_fen, f.kpis FROM person_months f JOIN people p ON p.id = f.person_id').all() as { role: string; period: string; salary_fen: number; kpis: string }[];
    expect(rows.length).toBe(40 * 6);
    for (const r of rows) {
      const kpis = JSON.parse(r.kpis) as Record<string, number>;
      expect(Object.keys(kpis)).toEqual(KPIS.map((k) => k.id));
      expect(checkKpiValues(kpis)).toEqual([]);
      expect(r.salary_fen).toBeGreaterThanOrEqual(6000_00);
      expect(r.salary_fen).toBeLessThanOrEqual(15000_00);
    }
    const completion = rows.map((r) => planCompletionPercent(JSON.parse(r.kpis))!);
    expect(completion.some((c) => c > 100)).toBe(true);
    expect(completion.some((c) => c < 100)).toBe(true);
    expect(completion.some((c) => c === 100)).toBe(true);
    expect(rows.some((r) => r.salary_fen % 100 !== 0)).toBe(true); // some with fen
    const managers = rows.filter((r) => r.role === 'regional-manager').map((r) => r.salary_fen);
    expect(Math.min(...managers)).toBeGreaterThanOrEqual(12000_00);
    // Deterministic: a second load gives the same figures.
    const again = load().prepare('SELECT person_id, period, salary_fen, kpis FROM person_months ORDER BY person_id, period').all();
    expect(again).toEqual(db.prepare('SELECT person_id, period, salary_fen, kpis FROM person_months ORDER BY person_id, period').all());
  });
});
