/**
 * A department's findings workbook whose 交付日期 (handed in) and 日期 (date) are Excel date cells
 * (numbers with a date format, as Excel keeps a typed date), on real SQLite files: read as the days
 * typed, through `scorecard findings import` in a time zone behind UTC and through the handlers;
 * a hand-in time is read where the cell's format shows one; a date column refuses a time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { createHandlers } from '../../electron/handlers.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { setUser } from '../../electron/services/settings.ts';
import { call } from '../helpers/call.ts';
import { scorecard } from '../helpers/cli.ts';
import { tempDir, track } from '../helpers/db.ts';

const MONTH = '2026-10';

/** A region with its manager (the user) and a salesperson, S-100. */
function setup() {
  const dir = tempDir();
  const path = join(dir, 'scorecard.db');
  const db = track(openDatabase(path));
  const south = saveRegion(db, { code: 'SOUTH', name: '华南区' });
  const m = savePerson(db, { employeeNo: 'M-100', name: '王磊', role: 'regional-manager', regionId: south.id, managerId: null, activeFrom: '2024-01', activeTo: null });
  const s100 = savePerson(db, { employeeNo: 'S-100', name: '李娜', role: 'salesperson', regionId: south.id, managerId: m.id, activeFrom: '2024-01', activeTo: null }).id;
  setUser(db, { name: '王磊', chainRole: 'manager', regionId: south.id });
  return { dir, path, db, s100, h: createHandlers(db, { dbPath: path, appVersion: 'test' }) };
}

/** A cell as Excel stores a typed date: a number with a date format (exceljs writes a Date so, at UTC). */
type Cell = string | number | Date | { date: Date | number; numFmt: string } | null;

/** A findings workbook (first sheet) of these rows; a `{ date, numFmt }` cell is a date cell with that format. */
async function findingsXlsx(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('findings');
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      if (value && typeof value === 'object' && !(value instanceof Date)) {
        cell.value = value.date;
        cell.numFmt = value.numFmt;
      } else cell.value = value;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ISO = 'yyyy-mm-dd';
const ZH = 'yyyy"年"m"月"d"日"';
const day = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('a findings workbook whose 交付日期 and 日期 are Excel date cells', () => {
  it('reads them as the days typed (the 1st and the last of a month), in a time zone behind UTC too (CLI)', async () => {
    const { dir, path, db, s100 } = setup();
    db.close();
    const file = join(dir, '广告信息部-2026-10.xlsx');
    writeFileSync(
      file,
      await findingsXlsx([
        ['工号', '姓名', '项目', '交付日期', '日期', '备注'],
        ['S-100', '李娜', '广告计划表', { date: day(2026, 10, 31), numFmt: ZH }, null, '月底才交'],
        // 2026-10-01 stored as the bare serial with a date format, as Excel keeps it.
        ['S-100', '李娜', '促销活动计划报告', { date: 46296, numFmt: ISO }, { date: day(2026, 10, 1), numFmt: ISO }, null],
        ['S-100', '李娜', '促销效果评价', { date: day(2026, 11, 1), numFmt: ISO }, { date: day(2026, 10, 31), numFmt: ZH }, null],
      ]),
    );
    // Los Angeles is behind UTC: a day read through local time would be the day before.
    const tz = { TZ: 'America/Los_Angeles' };
    const r = scorecard(['findings', 'import', '--db', path, '--month', MONTH, '--from', 'advertising', file], { env: tz });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('written: 1 added, 0 updated, 0 unchanged');
    const shown = JSON.parse(scorecard(['sheet', 'show', '--db', path, '--person', 'S-100', '--month', MONTH, '--json'], { env: tz }).stdout);
    expect(shown.input.handIns).toEqual({
      'ad-plan': [{ date: '2026-10-31' }],
      'promotion-plan': [{ date: '2026-10-01' }],
      'promotion-review': [{ date: '2026-11-01', event: '2026-10-31' }],
    });
    const source = { from: 'advertising', file: '广告信息部-2026-10.xlsx' };
    expect(shown.input.items).toEqual({
      'ad-plan': { sources: [{ ...source, row: 2, note: '月底才交', handedIn: '2026-10-31' }] },
      'promotion-plan': { sources: [{ ...source, row: 3, date: '2026-10-01', handedIn: '2026-10-01' }] },
      'promotion-review': { sources: [{ ...source, row: 4, date: '2026-10-31', handedIn: '2026-11-01', event: '2026-10-31' }] },
    });
    const saved = new Database(path, { readonly: true });
    const stored = saved.prepare('SELECT person_id, item_id, row, date, part FROM findings ORDER BY id').all() as { person_id: number; item_id: string; row: number; date: string | null; part: string }[];
    saved.close();
    expect(stored.map((f) => [f.person_id, f.item_id, f.row, f.date, JSON.parse(f.part)])).toEqual([
      [s100, 'ad-plan', 2, null, { handedIn: '2026-10-31' }],
      [s100, 'promotion-plan', 3, '2026-10-01', { handedIn: '2026-10-01' }],
      [s100, 'promotion-review', 4, '2026-10-31', { handedIn: '2026-11-01', event: '2026-10-31' }],
    ]);
  }, 60_000);

  it('a hand-in time is read where the cell shows one (due by 16:00); a date column refuses a time as typed text does', async () => {
    const { h, s100 } = setup();
    const header = ['工号', '项目', '交付日期', '日期'];
    const report = '经销商终端日报上报不及时';
    const upload = async (rows: Cell[][], fileName = 'planner.xlsx') => ({ fileName, dataBase64: (await findingsXlsx([header, ...rows])).toString('base64'), period: MONTH, department: 'regional-planner' as const });

    // The format hides the time: read as the day Excel shows, which a same-day deadline refuses for want of a time;
    // a 日期 whose format shows a time is refused, as "2026-10-01 09:15" typed is.
    const bad = await call(h, 'findings.preview', await upload([
      ['S-100', report, { date: day(2026, 10, 1, 15, 30), numFmt: ISO }, { date: day(2026, 10, 1), numFmt: ISO }],
      ['S-100', report, { date: day(2026, 10, 2, 15, 0), numFmt: 'yyyy-mm-dd hh:mm' }, { date: day(2026, 10, 1, 9, 15), numFmt: 'yyyy-mm-dd hh:mm' }],
    ]));
    expect(bad.rows.map((r) => r.problems.map((p) => [p.field, p.value, p.rule?.code]))).toEqual([
      [['交付日期 (handed in)', '2026-10-01', 'date-time']],
      // (and, the 日期 not read, the event the deadline counts from is missing)
      [['日期 (date)', '2026-10-01 09:15', 'date'], ['日期 (date)', '', 'date']],
    ]);

    await call(h, 'findings.import', await upload([['S-100', report, { date: day(2026, 10, 31, 16, 30), numFmt: 'yyyy-mm-dd hh:mm' }, { date: day(2026, 10, 31), numFmt: ZH }]]));
    const sheet = await call(h, 'sheets.get', { personId: s100, period: MONTH });
    expect(sheet.input.handIns?.['dealer.terminal-daily-report']).toEqual([{ date: '2026-10-31T16:30', event: '2026-10-31' }]);
    expect(sheet.result.items.find((i) => i.id === 'dealer.terminal-daily-report')).toMatchObject({ deduction: 5 });

    // Text cells keep reading as before: a day of the month alone, a date with its time.
    await call(h, 'findings.import', await upload([['S-100', report, '12 16:00', '12']], 'planner-2.xlsx'));
    expect((await call(h, 'sheets.get', { personId: s100, period: MONTH })).input.handIns?.['dealer.terminal-daily-report']).toEqual([{ date: '2026-10-12T16:00', event: '2026-10-12' }]);
  }, 60_000);
});
