/**
 * Every refusal of a whole file by the import readers (electron/import/sheet-file.ts, decode.ts)
 * carries its reason as data (shared/refusals.ts FileReason) beside the English sentence, and
 * the imports hand it to the UI as the `file` problem's rule: the UI words it in its language.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { decodeText } from '../../electron/import/decode.ts';
import { FileRefused } from '../../electron/import/errors.ts';
import { DEFAULT_LIMITS, fileKind, readSheetFile, type SheetLimits } from '../../electron/import/sheet-file.ts';
import { previewFigures } from '../../electron/services/figures-import.ts';
import { importRubricFile, MAX_RUBRIC_FILE_BYTES } from '../../electron/services/rubric-editing.ts';
import { previewRoster, type RosterUpload } from '../../electron/services/roster-import.ts';
import { InputError } from '../../shared/problems.ts';
import type { FileReason } from '../../shared/refusals.ts';
import { buildZip, smallPart, zeros } from '../helpers/zip.ts';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const text = '工号,姓名\nS-1,王磊\nS-2,欧阳娜娜\n';

async function reasonOf(run: () => unknown): Promise<FileReason | undefined> {
  try {
    await run();
  } catch (err) {
    if (err instanceof FileRefused) {
      expect(err.expected).not.toBe('');
      return err.reason;
    }
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const read = (fileName: string, bytes: Uint8Array, limits: Partial<SheetLimits> = {}) => () => readSheetFile(fileName, bytes, { ...DEFAULT_LIMITS, ...limits });

async function xlsxOf(rows: unknown[][], sheets = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (let i = 0; i < sheets; i++) {
    const ws = wb.addWorksheet(`S${i}`);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The archive with each entry of its central directory marked encrypted (general purpose flag bit 0). */
function encrypted(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let p = 0; p + 4 <= out.length; p++) if (out.readUInt32LE(p) === 0x02014b50) out.writeUInt16LE(out.readUInt16LE(p + 8) | 1, p + 8);
  return out;
}

/** An archive whose end of central directory claims `count` entries. */
function claiming(count: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), eocd]);
}

const workbookHead = [smallPart('[Content_Types].xml', '<Types/>'), smallPart('xl/workbook.xml', '<workbook/>')];

describe('the readers’ reasons, as data', () => {
  it('by the file’s name and size', async () => {
    expect(await reasonOf(() => fileKind('名册.xls'))).toEqual({ code: 'file-xls', fileName: '名册.xls' });
    expect(await reasonOf(() => fileKind('名册.ods'))).toEqual({ code: 'file-other-spreadsheet', fileName: '名册.ods', ext: 'ods' });
    expect(await reasonOf(() => fileKind('名册.pdf'))).toEqual({ code: 'file-extension', fileName: '名册.pdf', ext: 'pdf' });
    expect(await reasonOf(() => fileKind('名册'))).toEqual({ code: 'file-extension', fileName: '名册', ext: null });
    expect(await reasonOf(read('名册.csv', new Uint8Array()))).toEqual({ code: 'file-empty', fileName: '名册.csv' });
    // The size: at the limit it is read, one byte over it is refused.
    const bytes = Buffer.from(text, 'utf8');
    await expect(read('名册.csv', bytes, { maxFileBytes: bytes.length })()).resolves.toMatchObject({ encoding: 'UTF-8' });
    expect(await reasonOf(read('名册.csv', bytes, { maxFileBytes: bytes.length - 1 }))).toEqual({ code: 'file-too-big', fileName: '名册.csv', bytes: bytes.length, max: bytes.length - 1 });
  });

  it('a CSV file', async () => {
    expect(await reasonOf(read('名册.csv', await xlsxOf([['a']])))).toEqual({ code: 'csv-is-xlsx', fileName: '名册.csv' });
    expect(await reasonOf(read('名册.csv', OLE))).toEqual({ code: 'csv-is-office', fileName: '名册.csv' });
    expect(await reasonOf(read('名册.csv', Buffer.from('工号,姓名\nS-1,"王磊\n')))).toEqual({ code: 'csv-syntax', fileName: '名册.csv', line: 2 });
    // Rows: the header and 2 people read with maxRows 3, not with 2.
    await expect(read('名册.csv', Buffer.from(text), { maxRows: 3 })()).resolves.toMatchObject({ rows: [{}, {}, {}] });
    expect(await reasonOf(read('名册.csv', Buffer.from(text), { maxRows: 2 }))).toEqual({ code: 'file-too-many-rows', fileName: '名册.csv', max: 1 });
  });

  it('a text encoding', async () => {
    const bom = (b: number[], body: Buffer) => Buffer.concat([Buffer.from(b), body]);
    expect(await reasonOf(() => decodeText(Buffer.from(text, 'utf16le')))).toEqual({ code: 'text-utf16-no-bom' });
    expect(await reasonOf(() => decodeText(Buffer.from('工号,姓名\nS-1,王\0磊\n')))).toEqual({ code: 'text-nul' });
    expect(await reasonOf(() => decodeText(bom([0xef, 0xbb, 0xbf], iconv.encode(text, 'gbk'))))).toEqual({ code: 'text-encoding', tried: 'utf-8-bom' });
    expect(await reasonOf(() => decodeText(Buffer.from([0x61, 0x2c, 0xff, 0x0a])))).toEqual({ code: 'text-encoding', tried: 'utf-8-gb18030' });
    expect(await reasonOf(() => decodeText(bom([0xff, 0xfe], Buffer.from('a,b\nc', 'utf16le').subarray(0, 9))))).toEqual({ code: 'text-encoding', tried: 'utf-16-odd' });
  });

  it('an .xlsx workbook', { timeout: 30_000 }, async () => {
    expect(await reasonOf(read('名册.xlsx', OLE))).toEqual({ code: 'xlsx-is-office', fileName: '名册.xlsx' });
    expect(await reasonOf(read('名册.xlsx', Buffer.from(text)))).toEqual({ code: 'xlsx-not-zip', fileName: '名册.xlsx' });
    expect(await reasonOf(read('名册.xlsx', buildZip([smallPart('a.txt', 'a')])))).toEqual({ code: 'xlsx-no-workbook', fileName: '名册.xlsx' });
    expect(await reasonOf(read('名册.xlsx', buildZip([...workbookHead])))).toEqual({ code: 'xlsx-no-sheet', fileName: '名册.xlsx' });
    expect(await reasonOf(read('名册.xlsx', buildZip([smallPart('[Content_Types].xml', 'not xml <'), smallPart('xl/workbook.xml', 'not xml <')])))).toEqual({ code: 'xlsx-unreadable', fileName: '名册.xlsx' });
    const good = await xlsxOf([['工号', '姓名'], ...Array.from({ length: 3000 }, (_, i) => [`S-${i}`, '王磊'])]);
    expect(await reasonOf(read('名册.xlsx', good, { workerTimeoutMs: 1 }))).toEqual({ code: 'xlsx-timeout', fileName: '名册.xlsx', ms: 1 });
    expect(await reasonOf(read('名册.xlsx', good, { maxRows: 10 }))).toEqual({ code: 'file-too-many-rows', fileName: '名册.xlsx', max: 9 });
  });

  it('a zip archive that is damaged, encrypted or a possible zip bomb', { timeout: 30_000 }, async () => {
    expect(await reasonOf(read('名册.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)])))).toEqual({ code: 'zip-damaged', fileName: '名册.xlsx' });
    expect(await reasonOf(read('名册.xlsx', claiming(10_001)))).toEqual({ code: 'zip-too-many-parts', fileName: '名册.xlsx', count: 10_001, max: 10_000 });
    expect(await reasonOf(read('名册.xlsx', encrypted(buildZip(workbookHead))))).toEqual({ code: 'zip-encrypted', fileName: '名册.xlsx' });
    const good = await xlsxOf([['工号', '姓名'], ['S-1', '王磊']]);
    const unpacked = await reasonOf(read('名册.xlsx', good, { maxUnpackedBytes: 1000 }));
    expect(unpacked).toMatchObject({ code: 'zip-too-big-unpacked', fileName: '名册.xlsx', max: 1000, bytes: good.length });
    expect((unpacked as { total: number }).total).toBeGreaterThan(1000);
    const sheet = await zeros('xl/worksheets/sheet1.xml', 2);
    const ratio = await reasonOf(read('名册.xlsx', buildZip([...workbookHead, sheet])));
    expect(ratio).toMatchObject({ code: 'zip-ratio', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', max: 100 });
    expect((ratio as { ratio: number }).ratio).toBeGreaterThan(100);
    const small = smallPart('xl/worksheets/sheet1.xml', 'x'.repeat(500));
    expect(await reasonOf(read('名册.xlsx', buildZip([...workbookHead, { ...small, size: 100 }])))).toEqual({ code: 'zip-understated', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', claimed: 100 });
    expect(await reasonOf(read('名册.xlsx', buildZip([...workbookHead, { ...small, method: 12 }])))).toEqual({ code: 'zip-method', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', method: 12 });
    expect(await reasonOf(read('名册.xlsx', buildZip([...workbookHead, { ...small, size: 900 }])))).toEqual({ code: 'zip-part-broken', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml' });
  });
});

describe('the imports hand the reason to the UI as the file problem’s rule', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-reasons-'));
    db = openDatabase(join(dir, 'app.sqlite'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const upload = (fileName: string, bytes: Uint8Array): RosterUpload => ({ fileName, dataBase64: Buffer.from(bytes).toString('base64') });
  const problemsOf = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  };

  it('roster and figures: a file that is not a workbook, one without rows, bytes that are not base64', async () => {
    expect(await problemsOf(previewRoster(db, upload('名册.xlsx', Buffer.from('not a spreadsheet at all')), { currentMonth: '2026-05' }))).toEqual([
      { field: 'file', value: '名册.xlsx', expected: expect.stringMatching(/not a zip archive/), rule: { code: 'file', reason: { code: 'xlsx-not-zip', fileName: '名册.xlsx' } } },
    ]);
    const blank = await problemsOf(previewRoster(db, upload('名册.csv', Buffer.from('\r\n\r\n')), { currentMonth: '2026-05' }));
    expect(blank).toEqual([{ field: 'file', value: '名册.csv', expected: expect.stringMatching(/no rows/), rule: { code: 'file', reason: { code: 'file-no-rows', fileName: '名册.csv' } } }]);
    expect(await problemsOf(previewRoster(db, { fileName: '名册.csv', dataBase64: '#!' }, { currentMonth: '2026-05' }))).toEqual([
      { field: 'file', value: '名册.csv', expected: expect.stringMatching(/base64/), rule: { code: 'file', reason: { code: 'file-not-base64' } } },
    ]);
    expect(await problemsOf(previewFigures(db, { period: '2026-04', ...upload('工资.xls', Buffer.from('x')) }))).toEqual([
      { field: 'file', value: '工资.xls', expected: expect.stringMatching(/\.xls/), rule: { code: 'file', reason: { code: 'file-xls', fileName: '工资.xls' } } },
    ]);
  });

  it('a rubric file: too big, or not a PDF', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_RUBRIC_FILE_BYTES + 1 - 9, 0x20)]);
    expect(await problemsOf(importRubricFile(db, upload('细则.pdf', pdf)))).toEqual([
      { field: 'file', value: '细则.pdf', expected: expect.stringMatching(/at most 1024 KB/), rule: { code: 'file', reason: { code: 'rubric-file-too-big', fileName: '细则.pdf', bytes: MAX_RUBRIC_FILE_BYTES + 1, max: MAX_RUBRIC_FILE_BYTES } } },
    ]);
    expect(await problemsOf(importRubricFile(db, upload('细则.txt', Buffer.from('hello'))))).toEqual([
      { field: 'file', value: '细则.txt', expected: expect.stringMatching(/a PDF signed by sales planning/), rule: { code: 'file', reason: { code: 'rubric-file-not-pdf', fileName: '细则.txt' } } },
    ]);
  });
});
