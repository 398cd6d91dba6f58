/** Roster import: decoding, CSV, XLSX (with zip-bomb guards), column mapping, preview and import. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { CsvSyntaxError, CsvTooLong, detectDelimiter, parseCsv } from '../../electron/import/csv.ts';
import { decodeText } from '../../electron/import/decode.ts';
import { FileRefused } from '../../electron/import/errors.ts';
import { cellText, fileKind, readSheetFile } from '../../electron/import/sheet-file.ts';
import { listAudit } from '../../electron/services/audit.ts';
import { buildZip, smallPart, zeros } from '../helpers/zip.ts';
import { listPeople, savePerson } from '../../electron/services/people.ts';
import { listRegions, saveRegion, setRegionActive } from '../../electron/services/regions.ts';
import { importRoster, parseMonth, previewRoster, type RosterUpload } from '../../electron/services/roster-import.ts';
import { InputError } from '../../shared/problems.ts';
import type { Person, RosterPreview } from '../../shared/api/types.ts';

const MB = 1024 * 1024;

/** `megabytes` of zero bytes as a zip part. */
const zerosPart = (name: string, megabytes: number) => zeros(name, megabytes, 0);
const MONTH = { currentMonth: '2026-05' };
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const upload = (fileName: string, bytes: Uint8Array): RosterUpload => ({ fileName, dataBase64: Buffer.from(bytes).toString('base64') });
const csv = (text: string, fileName = 'roster.csv') => upload(fileName, utf8(text));

/** The refusal's InputError (fails the test if the promise resolves). */
async function refusal(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

function fileRefusal(fn: () => unknown): FileRefused {
  try {
    fn();
  } catch (err) {
    if (err instanceof FileRefused) return err;
    throw err;
  }
  throw new Error('expected FileRefused');
}

// ---- CSV ----------------------------------------------------------------------------------

describe('parseCsv', () => {
  const fields = (text: string, options = {}) => parseCsv(text, options).map((r) => r.fields);

  it('splits LF and CRLF records; a final line break adds no record', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('')).toEqual([]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c,\n,\n')).toEqual([['a', '', 'c', ''], ['', '']]);
  });

  it('reads quoted fields with delimiters, "" escapes and line breaks; records keep their first line', () => {
    const records = parseCsv('id,name,note\r\n1,"Smith, John","said ""hi""\r\nthen left"\r\n2,"x\ny",\r\n3,z,"" \n');
    expect(records).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['1', 'Smith, John', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['2', 'x\ny', ''] },
      { line: 6, fields: ['3', 'z', ' '] },
    ]);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    expect(fields('a"b,c\n')).toEqual([['a"b', 'c']]);
  });

  it('refuses a quoted field that never ends, naming its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2: a quoted field starts here and never ends/);
  });

  it('detects semicolon and tab delimiters only when the header has no comma', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('a,b;c\n')).toBe(',');
    expect(detectDelimiter('"x;y"\n')).toBe(',');
    expect(detectDelimiter('"a,b";c\n')).toBe(';');
    expect(fields('工号;姓名\nS1;"王;磊"\n')).toEqual([['工号', '姓名'], ['S1', '王;磊']]);
    expect(fields('工号\t姓名\nS1\t王磊\n')).toEqual([['工号', '姓名'], ['S1', '王磊']]);
  });

  it('skips blank records when asked and stops at maxRecords', () => {
    expect(parseCsv('a\n\n,,\n""\nb\n', { skipBlank: true })).toEqual([
      { line: 1, fields: ['a'] },
      { line: 5, fields: ['b'] },
    ]);
    expect(fields('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(() => parseCsv('1\n2\n3\n', { maxRecords: 2 })).toThrow(CsvTooLong);
    expect(parseCsv('1\n\n\n2\n', { maxRecords: 2, skipBlank: true })).toHaveLength(2);
  });
});

// ---- decoding -----------------------------------------------------------------------------

describe('decodeText', () => {
  const text = '工号,姓名\nS-1,王磊\nS-2,欧阳娜娜\nS-3,张喆\n';

  it('reads UTF-8, with and without a BOM', () => {
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]))).toEqual({ text, encoding: 'UTF-8 (BOM)' });
  });

  it('falls back to GB18030 for GBK bytes, and reads 4-byte GB18030 characters', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'GB18030' });
    const rare = '姓名\n𠮷野家\n䶮\n';
    const bytes = iconv.encode(rare, 'gb18030');
    expect(bytes.length).toBeGreaterThan(Buffer.byteLength('姓名\n野家\n\n', 'utf16le') / 2);
    expect(decodeText(bytes)).toEqual({ text: rare, encoding: 'GB18030' });
  });

  it('reads UTF-16 LE with a BOM (Excel’s "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'UTF-16 LE' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, and binary files', () => {
    expect(fileRefusal(() => decodeText(Buffer.from([0x61, 0xff, 0x0a]))).expected).toMatch(/could not be read as UTF-8 or GB18030/);
    expect(fileRefusal(() => decodeText(Buffer.from('a\0b'))).expected).toMatch(/NUL characters/);
  });
});

// ---- XLSX and file kinds --------------------------------------------------------------------


async function xlsxOf(rows: unknown[][], sheetName = 'Roster'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading files', () => {
  it('chooses the reader by extension and explains .xls and unknown kinds', () => {
    expect(fileKind('a.CSV')).toBe('csv');
    expect(fileKind('a.txt')).toBe('csv');
    expect(fileKind('名单.xlsx')).toBe('xlsx');
    expect(fileRefusal(() => fileKind('old.xls')).expected).toMatch(/old binary Excel workbook \(\.xls\).*save it as \.xlsx or as CSV/);
    expect(fileRefusal(() => fileKind('roster.pdf')).expected).toMatch(/a \.csv, \.txt or \.xlsx file — "roster.pdf" has the extension \.pdf/);
    expect(fileRefusal(() => fileKind('roster')).expected).toMatch(/no extension/);
  });

  it('gives cell texts: plain numbers, dates as YYYY-MM, rich text joined, formula results', () => {
    expect(cellText(1001)).toBe('1001');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(new Date(Date.UTC(2024, 2, 15)))).toBe('2024-03');
    expect(cellText({ richText: [{ text: '欧阳' }, { text: '娜娜', font: { bold: true } }] })).toBe('欧阳娜娜');
    expect(cellText({ formula: 'A1', result: '华东区' })).toBe('华东区');
    expect(cellText({ formula: 'A1', result: 7 })).toBe('7');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: 'link', hyperlink: 'https://x' })).toBe('link');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('TRUE');
  });

  it('reads a date cell as its month, or in a date column as its day, with the time only where its format shows one', () => {
    // As exceljs reads Excel's serials: the wall-clock time at UTC (46296 is 2026-10-01; 16:00 is 2/3 of a day).
    const serial = (n: number) => new Date(Math.round((n - 25569) * 86_400_000));
    expect(cellText(serial(46296), 'day', 'yyyy-mm-dd')).toBe('2026-10-01');
    expect(cellText(serial(46326), 'day', 'yyyy"年"m"月"d"日"')).toBe('2026-10-31');
    expect(cellText(serial(46326), 'month', 'yyyy-mm-dd')).toBe('2026-10');
    expect(cellText(serial(46296 + 16 / 24), 'day', 'yyyy-mm-dd hh:mm')).toBe('2026-10-01 16:00');
    expect(cellText(serial(46296 + 16 / 24), 'day', '[$-804]yyyy"年"m"月"d"日" h:mm')).toBe('2026-10-01 16:00');
    expect(cellText(serial(46296 + 16 / 24), 'day', 'yyyy"年"m"月"d"日"')).toBe('2026-10-01');
    expect(cellText({ formula: 'TODAY()', result: serial(46296) }, 'day', 'yyyy-mm-dd')).toBe('2026-10-01');
    expect(cellText('10-14', 'day')).toBe('10-14');
  });

  it('reads a time with seconds past the minute as the next minute (16:00:45 is after a "by 16:00" deadline)', () => {
    const serial = (n: number) => new Date(Math.round((n - 25569) * 86_400_000));
    const at = (h: number, m: number, s: number) => 46296 + (h * 3600 + m * 60 + s) / 86_400;
    expect(cellText(serial(at(16, 0, 45)), 'day', 'yyyy-mm-dd h:mm:ss')).toBe('2026-10-01 16:01');
    expect(cellText(serial(at(16, 0, 1)), 'day', 'h:mm')).toBe('2026-10-01 16:01');
    expect(cellText(serial(at(16, 0, 0)), 'day', 'yyyy-mm-dd h:mm:ss')).toBe('2026-10-01 16:00');
    // A serial a hair under the minute (float error, not a second Excel would show) is that minute.
    expect(cellText(new Date(Date.UTC(2026, 9, 1, 15, 59, 59, 700)), 'day', 'h:mm:ss')).toBe('2026-10-01 16:00');
    expect(cellText(new Date(Date.UTC(2026, 9, 1, 16, 0, 0, 400)), 'day', 'h:mm:ss')).toBe('2026-10-01 16:00');
    // Up past midnight, the day moves with it; a day without a time shown keeps its day.
    expect(cellText(serial(at(23, 59, 30)), 'day', 'yyyy-mm-dd hh:mm:ss')).toBe('2026-10-02 00:00');
    expect(cellText(serial(at(23, 59, 30)), 'day', 'yyyy-mm-dd')).toBe('2026-10-01');
  });

  it('reads the date cells of the columns named as days, every other column\'s as months', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('First');
    ws.addRow(['起始月份', ' 交付 日期 ', 'date']);
    ws.addRow([new Date(Date.UTC(2024, 2, 31)), new Date(Date.UTC(2024, 2, 31)), new Date(Date.UTC(2024, 3, 1))]);
    for (const c of ['A2', 'B2', 'C2']) ws.getCell(c).numFmt = 'yyyy-mm-dd';
    const data = await readSheetFile('f.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), undefined, ['交付日期', 'Date']);
    expect(data.rows[1]!.cells).toEqual(['2024-03', '2024-03-31', '2024-04-01']);
  });

  it("reads the time of a date cell in Excel's built-in date-and-time format (id 22, what a typed date and time gets)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('First');
    ws.addRow(['交付日期']);
    ws.addRow([new Date(Date.UTC(2026, 9, 14, 16, 30))]);
    // exceljs names format 22 so, and writes it as Excel does: numFmtId="22", no format text in the file.
    ws.getCell('A2').numFmt = 'm/d/yy "h":mm';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const data = await readSheetFile('f.xlsx', bytes, undefined, ['交付日期']);
    expect(data.rows[1]!.cells).toEqual(['2026-10-14 16:30']);
  });

  it('reads date cells in the East-Asian built-in formats (ids 31, 57, 58, 32: stored by id alone, as WPS and Chinese Excel save them)', async () => {
    // A workbook as such a program writes it: styles.xml names only the built-in ids, no format texts.
    const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const num = (ref: string, style: number, v: number) => `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
    const bytes = buildZip([
      smallPart('[Content_Types].xml', xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`)),
      smallPart('_rels/.rels', xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)),
      smallPart('xl/workbook.xml', xml(`<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)),
      smallPart('xl/_rels/workbook.xml.rels', xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`)),
      smallPart('xl/styles.xml', xml(`<styleSheet xmlns="${main}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="57" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="58" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="32" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`)),
      smallPart('xl/worksheets/sheet1.xml', xml(`<worksheet xmlns="${main}"><sheetData>`
        + `<row r="1">${text('A1', '交付日期')}${text('B1', '起始月份')}${text('C1', '完成日期')}${text('D1', '提交时间')}</row>`
        // 46309.6875 is 2026-10-14 16:30.
        + `<row r="2">${num('A2', 1, 46309.6875)}${num('B2', 2, 46309.6875)}${num('C2', 3, 46309.6875)}${num('D2', 4, 46309.6875)}</row>`
        + '</sheetData></worksheet>')),
    ]);
    const data = await readSheetFile('名单.xlsx', bytes, undefined, ['交付日期', '完成日期', '提交时间']);
    // Id 31 yyyy"年"m"月"d"日" and id 58 m"月"d"日" show no time; id 32 h"时"mm"分" does; id 57 yyyy"年"m"月" in a month column.
    expect(data.rows[1]!.cells).toEqual(['2026-10-14', '2026-10', '2026-10-14', '2026-10-14 16:30']);
  });

  it('reads the first worksheet of an .xlsx, row numbers as lines, blank rows left out', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('First');
    ws.addRow(['工号', '姓名']);
    ws.addRow([]);
    ws.addRow([1001, { richText: [{ text: '王' }, { text: '磊' }] }]);
    ws.getCell('D3').value = { formula: '"x"&"y"', result: 'xy' };
    wb.addWorksheet('Second').addRow(['not', 'this']);
    const data = await readSheetFile('r.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(data).toEqual({
      encoding: 'XLSX',
      rows: [
        { line: 1, cells: ['工号', '姓名'] },
        { line: 3, cells: ['1001', '王磊', '', 'xy'] },
      ],
    });
  });

  it('refuses a file over 10 MB', async () => {
    const err = await readSheetFile('big.csv', Buffer.alloc(10 * MB + 1, 0x61)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefused);
    expect((err as FileRefused).expected).toMatch(/a file of at most 10 MB — "big.csv" has 10,485,761 bytes/);
  });

  it('refuses a CSV that is really a workbook', async () => {
    const err = (await readSheetFile('r.csv', await xlsxOf([['a']])).catch((e: unknown) => e)) as FileRefused;
    expect(err.expected).toMatch(/is a zip archive, probably an Excel \.xlsx workbook/);
  });
});

describe('zip bombs and files that are not workbooks', () => {
  const refusedXlsx = async (bytes: Buffer, fileName = 'roster.xlsx') => {
    const err = await readSheetFile(fileName, bytes).catch((e: unknown) => e);
    if (!(err instanceof FileRefused)) throw new Error(`expected FileRefused, got ${String(err)}`);
    return err.expected;
  };

  it('refuses a real zip bomb: 200 MB of zeros packed into a few hundred KB', async () => {
    const bomb = buildZip([smallPart('[Content_Types].xml', '<Types/>'), smallPart('xl/workbook.xml', '<workbook/>'), await zerosPart('xl/worksheets/sheet1.xml', 200)]);
    expect(bomb.length).toBeLessThan(MB);
    expect(await refusedXlsx(bomb)).toMatch(/unpacks to at most 100 MB — "roster.xlsx" would unpack to 200 MB from \d+ KB; refused as a possible zip bomb/);
  });

  it('refuses one part packed more tightly than 100:1 even when the total is small', async () => {
    const bomb = buildZip([smallPart('xl/workbook.xml', '<workbook/>'), await zerosPart('xl/sharedStrings.xml', 20)]);
    expect(await refusedXlsx(bomb)).toMatch(/a part \(xl\/sharedStrings\.xml\) packed \d+:1 .*refused as a possible zip bomb/);
  });

  it('refuses a directory that understates a part’s size (checked by unpacking with a cap)', async () => {
    const part = await zerosPart('xl/worksheets/sheet1.xml', 20);
    const lying = buildZip([smallPart('xl/workbook.xml', '<workbook/>'), { ...part, size: part.data.length * 50 }]);
    expect(await refusedXlsx(lying)).toMatch(/unpacks to more than the \d+ (KB|MB) it claims; refused as a possible zip bomb/);
  });

  it('refuses a directory that claims gigabytes', async () => {
    const claim = buildZip([smallPart('xl/workbook.xml', '<workbook/>'), { ...smallPart('xl/worksheets/sheet1.xml', '<x/>'), size: 0xfffffff0 }]);
    expect(await refusedXlsx(claim)).toMatch(/would unpack to 4,096 MB.*zip bomb/);
  });

  it('refuses a CSV named .xlsx, a zip that is not a workbook, an old .xls and a damaged zip', async () => {
    expect(await refusedXlsx(utf8('工号,姓名\n1,王磊\n'))).toMatch(/"roster.xlsx" is not one \(it is not a zip archive/);
    expect(await refusedXlsx(buildZip([smallPart('word/document.xml', '<w/>')]))).toMatch(/is a zip archive but not an Excel workbook/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusedXlsx(ole)).toMatch(/old binary Excel workbook \(\.xls\) or a password-protected workbook/);
    const good = await xlsxOf([['a']]);
    expect(await refusedXlsx(good.subarray(0, good.length - 30))).toMatch(/damaged zip archive/);
  });
});

// ---- the service --------------------------------------------------------------------------

let dir: string;
let db: Db;
let east: number;
let south: number;
let north: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-'));
  db = openDatabase(join(dir, 'app.sqlite'));
  east = saveRegion(db, { code: 'EAST', name: '华东区' }).id;
  south = saveRegion(db, { code: 'SOUTH', name: '华南区' }).id;
  north = saveRegion(db, { code: 'NORTH', name: '华北区' }).id;
  setRegionActive(db, { id: north, active: false });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What must not change when nothing is written: the people table (count and hash) and the audit log. */
function snapshot() {
  const people = db.prepare('SELECT * FROM people ORDER BY id').all();
  return {
    people: people.length,
    hash: createHash('sha256').update(JSON.stringify(people)).digest('hex'),
    audit: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    changes: db.prepare('SELECT total_changes() AS n').get(),
  };
}

const byNo = (no: string): Person => {
  const p = listPeople(db, { includeInactive: true }).find((x) => x.employeeNo === no);
  if (!p) throw new Error(`no person ${no}`);
  return p;
};
const errorsOf = (preview: RosterPreview) => Object.fromEntries(preview.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors]));

const ROSTER = ['工号,姓名,岗位,区域,起始月份', 'S-0001,王磊,销售员,华东区,2024-03', 'S-0002,欧阳娜娜,区域经理,华南区,2024/7', 'S-0003,张喆,现场服务代表,EAST,', 'E-1,李总,部长以上,,2023-01-15', ''].join('\r\n');

describe('previewRoster', () => {
  it('previews a UTF-8 CSV: every row an add, values as read, start month defaulting to this month; writes nothing', async () => {
    const before = snapshot();
    const preview = await previewRoster(db, csv(ROSTER), MONTH);
    expect(snapshot()).toEqual(before);
    expect(preview).toEqual({
      fileName: 'roster.csv',
      encoding: 'UTF-8',
      errorCount: 0,
      rows: [
        { line: 2, employeeNo: 'S-0001', name: '王磊', role: '销售员', region: '华东区', activeFrom: '2024-03', action: 'add', errors: [], problems: [] },
        { line: 3, employeeNo: 'S-0002', name: '欧阳娜娜', role: '区域经理', region: '华南区', activeFrom: '2024-07', action: 'add', errors: [], problems: [] },
        { line: 4, employeeNo: 'S-0003', name: '张喆', role: '现场服务代表', region: 'EAST', activeFrom: '2026-05', action: 'add', errors: [], problems: [] },
        { line: 5, employeeNo: 'E-1', name: '李总', role: '部长以上', region: '', activeFrom: '2023-01', action: 'add', errors: [], problems: [] },
      ],
    });
  });

  it('reads a UTF-8 CSV with a BOM (the first header is still found)', async () => {
    const preview = await previewRoster(db, upload('r.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(ROSTER)])), MONTH);
    expect(preview.encoding).toBe('UTF-8 (BOM)');
    expect(preview.errorCount).toBe(0);
    expect(preview.rows.map((r) => r.employeeNo)).toEqual(['S-0001', 'S-0002', 'S-0003', 'E-1']);
  });

  it('reads a GBK CSV and imports its names intact', async () => {
    const input = upload('名单.csv', iconv.encode(ROSTER, 'gbk'));
    const preview = await previewRoster(db, input, MONTH);
    expect(preview.encoding).toBe('GB18030');
    expect(preview.rows.map((r) => r.name)).toEqual(['王磊', '欧阳娜娜', '张喆', '李总']);
    expect(await importRoster(db, input, MONTH)).toEqual({ added: 4, updated: 0, unchanged: 0 });
    expect(byNo('S-0003')).toMatchObject({ name: '张喆', role: 'field-service', regionId: east, activeFrom: '2026-05' });
  });

  it('reads an .xlsx made by Excel’s library: numbers, dates, rich text and formulas as text', async () => {
    const bytes = await xlsxOf([
      ['Employee No', 'Name', 'Role', 'Region', 'Active From'],
      [1001, { richText: [{ text: '欧阳' }, { text: '娜娜' }] }, 'salesperson', { formula: '"华东"&"区"', result: '华东区' }, new Date(Date.UTC(2024, 2, 1))],
      ['S-2', '王磊', 'Regional Manager', 'south', '2025-1'],
    ]);
    const input = upload('roster.xlsx', bytes);
    const preview = await previewRoster(db, input, MONTH);
    expect(preview.encoding).toBe('XLSX');
    expect(preview.rows).toEqual([
      { line: 2, employeeNo: '1001', name: '欧阳娜娜', role: 'salesperson', region: '华东区', activeFrom: '2024-03', action: 'add', errors: [], problems: [] },
      { line: 3, employeeNo: 'S-2', name: '王磊', role: 'Regional Manager', region: 'south', activeFrom: '2025-01', action: 'add', errors: [], problems: [] },
    ]);
    expect(await importRoster(db, input, MONTH)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(byNo('S-2')).toMatchObject({ role: 'regional-manager', regionId: south });
  });

  it('reads quoted fields with commas and line breaks, skips blank lines and keeps file line numbers', async () => {
    const text = [
      '工号,姓名,岗位,区域,备注',
      '',
      'S-1,"Smith, John",销售员,华东区,"two',
      'line note"',
      ',,,,',
      'S-2,"王""磊""",销售员,华东区,',
      'S-3,"李',
      '四",销售员,华东区,',
      'S-4,赵六,经理,华东区,',
    ].join('\n');
    const preview = await previewRoster(db, csv(text), MONTH);
    expect(preview.rows.map((r) => [r.line, r.employeeNo, r.name])).toEqual([
      [3, 'S-1', 'Smith, John'],
      [6, 'S-2', '王"磊"'],
      [7, 'S-3', '李\n四'],
      [9, 'S-4', '赵六'],
    ]);
    expect(errorsOf(preview)).toEqual({
      7: ['name: "李\\n四" contains a line break or control character'],
      9: ['role: "经理" is not a role (销售员, 区域经理, 现场服务代表, 部长以上)'],
    });
  });

  it('reads semicolon and tab separated files with English headers', async () => {
    const semi = await previewRoster(db, csv('employeeNo;NAME;role;region\nS-1;Ann;field-service;SOUTH\n'), MONTH);
    expect(semi.rows[0]).toMatchObject({ employeeNo: 'S-1', name: 'Ann', region: 'SOUTH', errors: [] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('员工编号\t姓名\t角色\t区域\t入职月份\r\nS-1\t王磊\t销售业务员\t华东区\t2024年3月\r\n', 'utf16le')]);
    const tab = await previewRoster(db, upload('unicode.txt', utf16), MONTH);
    expect(tab.encoding).toBe('UTF-16 LE');
    expect(tab.rows[0]).toMatchObject({ employeeNo: 'S-1', role: '销售业务员', activeFrom: '2024-03', errors: [] });
  });

  it('names every row problem: column, value and what is allowed', async () => {
    savePerson(db, { employeeNo: 'OLD-1', name: '离职', role: 'salesperson', regionId: east, managerId: null, activeFrom: '2024-01', activeTo: '2024-06' });
    saveRegion(db, { code: 'EAST2', name: '华东区' });
    const long = '长'.repeat(101);
    const text = [
      '工号,姓名,岗位,区域,起始月份',
      'S-0001,王磊,销售员,华南区,2024-03',
      'S-0001,王磊二,销售员,华南区,2024-03',
      ',无号,销售员,华南区,',
      'S 0002,空格,销售员,华南区,',
      'S-0003,,销售员,华南区,',
      `S-0004,${long},销售员,华南区,`,
      'S-0005,无岗,,华南区,',
      'S-0006,经理,经理,华南区,',
      'S-0007,无区,销售员,,',
      'S-0008,西北,销售员,西北区,',
      'S-0009,两个,销售员,华东区,',
      'S-0010,北方,销售员,华北区,',
      'S-0011,月份,销售员,华南区,2024-13',
      'S-0012,日期,销售员,华南区,2024-02-30',
      'OLD-1,离职,销售员,EAST,2024-07',
      'X-1,,,,',
    ].join('\n');
    const preview = await previewRoster(db, csv(text), MONTH);
    expect(errorsOf(preview)).toEqual({
      3: ['employeeNo: "S-0001" appears again (first on line 2)'],
      4: ['employeeNo: "" is required'],
      5: ['employeeNo: "S 0002" is not an employee number (letters, digits and "-", 1–20 characters)'],
      6: ['name: "" is required'],
      7: [`name: ${JSON.stringify(long).slice(0, 57)}… is too long (101 characters; at most 100)`],
      8: ['role: "" is required'],
      9: ['role: "经理" is not a role (销售员, 区域经理, 现场服务代表, 部长以上)'],
      10: ['region: "" is required (only 部长以上 may have none)'],
      11: ['region: "西北区" is not a region (华东区 (EAST), 华东区 (EAST2), 华南区)'],
      12: ['region: "华东区" names 2 regions (codes EAST, EAST2): use the code'],
      13: ['region: "华北区" is deactivated (active regions: 华东区 (EAST), 华东区 (EAST2), 华南区)'],
      14: ['activeFrom: "2024-13" is not a month (YYYY-MM such as 2024-03; also YYYY/MM or a date YYYY-MM-DD)'],
      15: ['activeFrom: "2024-02-30" is not a month (YYYY-MM such as 2024-03; also YYYY/MM or a date YYYY-MM-DD)'],
      16: ['activeFrom: "2024-07" is after this person’s last month (2024-06)'],
      17: ['name: "" is required', 'role: "" is required', 'region: "" is required (only 部长以上 may have none)'],
    });
    expect(preview.errorCount).toBe(15);
    expect(preview.rows.find((r) => r.line === 2)?.errors).toEqual([]);
    // The same problems as data, which the app words in its language: the column, the value, the rule.
    const rules = Object.fromEntries(preview.rows.filter((r) => r.problems.length).map((r) => [r.line, r.problems.map((p) => [p.field, p.value, p.rule])]));
    const regions = { regions: ['华东区 (EAST)', '华东区 (EAST2)', '华南区'], more: 0 };
    expect(rules).toEqual({
      3: [['employeeNo', 'S-0001', { code: 'once-in-file', line: 2 }]],
      4: [['employeeNo', '', { code: 'required' }]],
      5: [['employeeNo', 'S 0002', { code: 'identifier', max: 20 }]],
      6: [['name', '', { code: 'required' }]],
      7: [['name', long, { code: 'note-length', max: 100 }]],
      8: [['role', '', { code: 'required' }]],
      9: [['role', '经理', { code: 'role', names: ['销售员', '区域经理', '现场服务代表', '部长以上'], ids: ['salesperson', 'regional-manager', 'field-service', 'executive'] }]],
      10: [['region', '', { code: 'region-needed', roles: ['部长以上'] }]],
      11: [['region', '西北区', { code: 'region', ...regions }]],
      12: [['region', '华东区', { code: 'region-code', codes: ['EAST', 'EAST2'] }]],
      13: [['region', '华北区', { code: 'active-region', ...regions }]],
      14: [['activeFrom', '2024-13', { code: 'month' }]],
      15: [['activeFrom', '2024-02-30', { code: 'month' }]],
      16: [['activeFrom', '2024-07', { code: 'month-up-to', month: '2024-06' }]],
      17: [
        ['name', '', { code: 'required' }],
        ['role', '', { code: 'required' }],
        ['region', '', { code: 'region-needed', roles: ['部长以上'] }],
      ],
    });
    // Every row's English line and its problem say the same thing about the same column.
    for (const row of preview.rows) expect(row.problems.map((p) => p.field)).toEqual(row.errors.map((e) => e.slice(0, e.indexOf(':'))));
  });

  it('lists the first eight active regions in a region problem and counts the rest', async () => {
    for (let i = 1; i <= 9; i++) saveRegion(db, { code: `R${i}`, name: `区域${i}` });
    const preview = await previewRoster(db, csv(['工号,姓名,岗位,区域', 'S-1,王磊,销售员,火星区'].join('\n')), MONTH);
    const [problem] = preview.rows[0]!.problems;
    const active = listRegions(db).filter((r) => r.active).length;
    expect(active).toBeGreaterThan(8);
    expect(problem!.rule).toMatchObject({ code: 'region', more: active - 8 });
    expect((problem!.rule as { regions: string[] }).regions).toHaveLength(8);
  });

  it('accepts month spellings and keeps a deactivated region for someone already in it', async () => {
    for (const [text, month] of [
      ['2024-03', '2024-03'],
      ['2024/3', '2024-03'],
      ['2024-3', '2024-03'],
      ['2024.03', '2024-03'],
      ['2024年3月', '2024-03'],
      ['2024-03-31', '2024-03'],
      ['2024/3/1', '2024-03'],
      ['2024-00', null],
      ['1999-12', null],
      ['March 2024', null],
      ['202403', null],
    ] as const) {
      expect(parseMonth(text), text).toBe(month);
    }
    savePerson(db, { employeeNo: 'N-1', name: '北', role: 'salesperson', regionId: north, managerId: null, activeFrom: '2024-01', activeTo: null });
    const preview = await previewRoster(db, csv('工号,姓名,岗位,区域\nN-1,北,销售员,华北区\n'), MONTH);
    expect(preview.rows[0]).toMatchObject({ action: 'unchanged', errors: [], activeFrom: '2024-01' });
  });

  it('refuses a header without the required columns, naming them and the header found', async () => {
    const err = await refusal(previewRoster(db, csv('编号,姓名,部门\n1,王磊,销售\n'), MONTH));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ field: 'line 1 (header)', value: ['编号', '姓名', '部门'] });
    expect(err.message).toMatch(/the columns employeeNo \(工号 \/ 员工编号 \/ .*\), role \(岗位 \/ 角色 \/ role\), region \(区域 \/ region\) as well — they are missing/);
    expect(err.message).toContain('got ["编号","姓名","部门"]');

    const twice = await refusal(previewRoster(db, csv('\n\n工号,姓名,岗位,区域,Name\n'), MONTH));
    expect(twice.problems[0]).toMatchObject({ field: 'line 3 (header)', expected: 'one column for name — columns 2 ("姓名") and 5 ("Name") both name it' });
    // The same as data, which the app words in its language.
    expect(err.problems[0]!.rule).toEqual({ code: 'header-columns', missing: ['工号 / 员工编号 / 员工号 / employee no / employeeNo / employee number / id', '岗位 / 角色 / role', '区域 / region'] });
    expect(twice.problems[0]!.rule).toEqual({ code: 'one-column', column: '姓名', columns: [{ at: 2, header: '姓名' }, { at: 5, header: 'Name' }] });
  });

  it('previews a header-only file as no rows, and refuses empty files, bad base64 and too many rows', async () => {
    expect(await previewRoster(db, csv('工号,姓名,岗位,区域\r\n'), MONTH)).toMatchObject({ rows: [], errorCount: 0 });
    expect((await refusal(previewRoster(db, csv('\n\n'), MONTH))).message).toMatch(/the file has no rows/);
    expect((await refusal(previewRoster(db, upload('r.csv', Buffer.alloc(0)), MONTH))).message).toMatch(/"r.csv" is empty/);
    expect((await refusal(previewRoster(db, { fileName: 'r.csv', dataBase64: '工号!!' }, MONTH))).message).toMatch(/not base64/);
    const many = ['工号,姓名,岗位,区域', ...Array.from({ length: 20_001 }, (_, i) => `S-${i},人${i},销售员,华东区`)].join('\n');
    const err = await refusal(previewRoster(db, csv(many), MONTH));
    expect(err.problems[0]).toMatchObject({ field: 'file', value: 'roster.csv' });
    expect(err.message).toMatch(/at most 20000 people .* split it into several files/);
    const justRight = ['工号,姓名,岗位,区域', ...Array.from({ length: 20_000 }, (_, i) => `S-${i},人${i},销售员,华东区`)].join('\n');
    expect((await previewRoster(db, csv(justRight), MONTH)).rows).toHaveLength(20_000);
  });

  it('refuses a zip bomb and a non-workbook named .xlsx with a clear InputError', async () => {
    const bomb = buildZip([smallPart('xl/workbook.xml', '<workbook/>'), await zerosPart('xl/worksheets/sheet1.xml', 200)]);
    const err = await refusal(previewRoster(db, upload('bomb.xlsx', bomb), MONTH));
    expect(err.problems).toEqual([
      { field: 'file', value: 'bomb.xlsx', expected: expect.stringMatching(/refused as a possible zip bomb/), rule: { code: 'file', reason: expect.objectContaining({ code: 'zip-too-big-unpacked', fileName: 'bomb.xlsx' }) } },
    ]);
    const fake = await refusal(previewRoster(db, csv('工号,姓名\n', 'fake.xlsx'), MONTH));
    expect(fake.message).toMatch(/^Invalid roster file: file: got "fake.xlsx"; expected an \.xlsx workbook — "fake.xlsx" is not one/);
  });
});

describe('importRoster', () => {
  it('adds, updates and leaves unchanged; an update keeps id, manager and last month; one audit entry per change', async () => {
    const boss = savePerson(db, { employeeNo: 'M-1', name: '经理甲', role: 'regional-manager', regionId: east, managerId: null, activeFrom: '2023-01', activeTo: null });
    const kept = savePerson(db, { employeeNo: 'S-0001', name: '王磊', role: 'salesperson', regionId: east, managerId: boss.id, activeFrom: '2024-03', activeTo: null });
    const moved = savePerson(db, { employeeNo: 'S-0002', name: '欧阳娜娜', role: 'salesperson', regionId: east, managerId: boss.id, activeFrom: '2024-01', activeTo: '2026-12' });
    const auditBefore = snapshot().audit;

    const input = csv(ROSTER);
    const preview = await previewRoster(db, input, MONTH);
    expect(preview.rows.map((r) => r.action)).toEqual(['unchanged', 'update', 'add', 'add']);

    expect(await importRoster(db, input, MONTH)).toEqual({ added: 2, updated: 1, unchanged: 1 });
    expect(byNo('S-0001')).toEqual(kept);
    expect(byNo('S-0002')).toEqual({ ...moved, role: 'regional-manager', regionId: south, activeFrom: '2024-07' });
    expect(byNo('E-1')).toMatchObject({ role: 'executive', regionId: null, managerId: null, activeFrom: '2023-01', activeTo: null });

    const audit = listAudit(db, { limit: 100 }).slice(0, snapshot().audit - auditBefore);
    expect(audit.map((a) => [a.action, a.entity])).toEqual([
      ['person.add', 'person'],
      ['person.add', 'person'],
      ['person.edit', 'person'],
    ]);
    const edit = audit[2]!;
    expect(edit.entityId).toBe(String(moved.id));
    expect(edit.before).toEqual(moved);
    expect(edit.after).toEqual(byNo('S-0002'));
    expect(audit[0]!.after).toEqual(byNo('E-1'));

    // Same file again: nothing to do, nothing written.
    const again = snapshot();
    expect(await importRoster(db, input, MONTH)).toEqual({ added: 0, updated: 0, unchanged: 4 });
    expect(snapshot()).toEqual(again);
    expect((await previewRoster(db, input, { currentMonth: '2027-01' })).rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('an empty start month keeps an existing person’s month', async () => {
    savePerson(db, { employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionId: east, managerId: null, activeFrom: '2021-04', activeTo: null });
    const preview = await previewRoster(db, csv('工号,姓名,岗位,区域,起始月份\nS-1,王磊,销售员,华东区,\n'), MONTH);
    expect(preview.rows[0]).toMatchObject({ action: 'unchanged', activeFrom: '2021-04' });
  });

  it('refuses the whole file while any row has a problem, naming each as "line N, column", and writes nothing', async () => {
    await importRoster(db, csv(ROSTER), MONTH);
    const before = snapshot();
    const text = ROSTER.replace('S-0002,欧阳娜娜,区域经理', 'S-0002,欧阳娜娜改,区域经理') + 'S-9,新人,销售员,华东区,\r\nS-10,新人二,经理,西北区,\r\n';
    const err = await refusal(importRoster(db, csv(text), MONTH));
    expect(err.problems).toEqual([
      {
        field: 'line 7, 岗位 (role)',
        value: '经理',
        expected: 'a role: 销售员, 区域经理, 现场服务代表, 部长以上 (or salesperson, regional-manager, field-service, executive)',
        rule: { code: 'role', names: ['销售员', '区域经理', '现场服务代表', '部长以上'], ids: ['salesperson', 'regional-manager', 'field-service', 'executive'] },
      },
      { field: 'line 7, 区域 (region)', value: '西北区', expected: 'a region’s name or code: 华东区, 华南区', rule: { code: 'region', regions: ['华东区', '华南区'], more: 0 } },
    ]);
    expect(err.message).toMatch(/nothing was imported/);
    expect(snapshot()).toEqual(before);
    expect(byNo('S-0002').name).toBe('欧阳娜娜');
  });

  it('refuses file-level problems before touching the database', async () => {
    const before = snapshot();
    const err = await refusal(importRoster(db, upload('old.xls', Buffer.from('x')), MONTH));
    expect(err.message).toMatch(/old binary Excel workbook \(\.xls\).*save it as \.xlsx or as CSV/);
    expect(snapshot()).toEqual(before);
  });
});
