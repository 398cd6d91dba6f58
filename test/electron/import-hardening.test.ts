/**
 * Imports under attack: a 530 KB zip bomb through the roster service (timed), a workbook that
 * passes the zip checks but is too big for the worker's heap, and the CSV encodings.
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
import { DEFAULT_LIMITS, readSheetFile } from '../../electron/import/sheet-file.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { importRoster, previewRoster, type RosterUpload } from '../../electron/services/roster-import.ts';
import { InputError } from '../../shared/problems.ts';
import { buildZip, smallPart, zeros } from '../helpers/zip.ts';

const KB = 1024;
const MONTH = { currentMonth: '2026-05' };
const upload = (fileName: string, bytes: Uint8Array): RosterUpload => ({ fileName, dataBase64: Buffer.from(bytes).toString('base64') });
const ROSTER = '工号,姓名,岗位,区域,起始月份\r\nS-0001,王磊,销售员,华东区,2024-03\r\nS-0002,欧阳娜娜,区域经理,华东区,2024-07\r\nS-0003,张喆,现场服务代表,华东区,\r\n';

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Roster');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-hardening-'));
  db = openDatabase(join(dir, 'app.sqlite'));
  saveRegion(db, { code: 'EAST', name: '华东区' });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 530 KB zip bomb', () => {
  it('is refused in well under a second, whether its directory tells the truth or lies, and the next import works', { timeout: 60_000 }, async () => {
    // ~530 MB of spaces packed into ~530 KB: the worksheet of a workbook that would kill exceljs.
    const sheet = await zeros('xl/worksheets/sheet1.xml', 530);
    const head = [smallPart('[Content_Types].xml', '<Types/>'), smallPart('xl/workbook.xml', '<workbook/>')];
    const honest = buildZip([...head, sheet]);
    // The same data, its directory claiming the part unpacks to only 2 KB (so only the capped unpacking catches it).
    const lying = buildZip([...head, { ...sheet, size: 2 * KB }]);
    expect(honest.length).toBeGreaterThan(400 * KB);
    expect(honest.length).toBeLessThan(700 * KB);

    for (const [what, bomb] of [['honest directory', honest], ['understated sizes', lying]] as const) {
      const start = performance.now();
      const err = await refusal(previewRoster(db, upload('bomb.xlsx', bomb), MONTH));
      const ms = performance.now() - start;
      console.log(`zip bomb (${what}): ${Math.round(bomb.length / KB)} KB refused in ${ms.toFixed(1)} ms: ${err.problems[0]?.expected}`);
      const reason = what === 'honest directory' ? 'zip-too-big-unpacked' : 'zip-understated';
      expect(err.problems).toEqual([
        { field: 'file', value: 'bomb.xlsx', expected: expect.stringMatching(/refused as a possible zip bomb/), rule: { code: 'file', reason: expect.objectContaining({ code: reason, fileName: 'bomb.xlsx' }) } },
      ]);
    }

    // The app is still here: a normal workbook previews and imports.
    const good = await xlsxOf([['工号', '姓名', '岗位', '区域'], ['S-9', '李娜', '销售员', '华东区']]);
    const preview = await previewRoster(db, upload('roster.xlsx', good), MONTH);
    expect(preview).toMatchObject({ encoding: 'XLSX', errorCount: 0, rows: [{ employeeNo: 'S-9', name: '李娜', action: 'add' }] });
    expect(await importRoster(db, upload('roster.xlsx', good), MONTH)).toEqual({ added: 1, updated: 0, unchanged: 0 });
  });
});

describe('the XLSX worker', () => {
  it('refuses a workbook that passes the zip checks but needs more than its heap cap, and keeps working', { timeout: 60_000 }, async () => {
    const rows = [['工号', '姓名', '岗位', '区域'], ...Array.from({ length: 20_000 }, (_, i) => [`S-${i}`, `人员${i}的名字很长很长很长`, '销售员', '华东区'])];
    const big = await xlsxOf(rows);
    const start = performance.now();
    const err = await readSheetFile('big.xlsx', big, { ...DEFAULT_LIMITS, workerHeapMb: 16 }).catch((e: unknown) => e);
    console.log(`workbook of ${Math.round(big.length / KB)} KB with a 16 MB worker heap: refused in ${(performance.now() - start).toFixed(0)} ms`);
    expect(err).toBeInstanceOf(FileRefused);
    expect((err as FileRefused).expected).toMatch(/"big.xlsx" needs more \(than 16 MB of memory\)|can be read in 16 MB of memory — "big.xlsx" needs more/);
    expect((err as FileRefused).reason).toEqual({ code: 'xlsx-memory', fileName: 'big.xlsx', mb: 16 });
    // The same file with the default cap reads fine.
    const data = await readSheetFile('big.xlsx', big);
    expect(data.rows).toHaveLength(20_001);
  });

  it('stops a parse that takes too long', async () => {
    const big = await xlsxOf([['a'], ...Array.from({ length: 5000 }, (_, i) => [i])]);
    const err = await readSheetFile('slow.xlsx', big, { ...DEFAULT_LIMITS, workerTimeoutMs: 1 }).catch((e: unknown) => e);
    expect((err as FileRefused).expected).toMatch(/can be read in 1 ms — reading "slow.xlsx" took longer and was stopped/);
  });
});

describe('CSV encodings', () => {
  const text = '工号,姓名\nS-1,王磊\nS-2,欧阳娜娜\nS-3,张喆\n';
  const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);

  it('reads each encoding right', () => {
    const cases: [string, Buffer, string][] = [
      ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
      ['UTF-8 with BOM', bom([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8')), 'UTF-8 (BOM)'],
      ['GBK', iconv.encode(text, 'gbk'), 'GB18030'],
      ['GB18030', iconv.encode(`${text}S-4,𠮷野\n`, 'gb18030'), 'GB18030'],
      ['GB18030 with its BOM', iconv.encode(`\uFEFF${text}`, 'gb18030'), 'GB18030'],
      ['UTF-16 LE', bom([0xff, 0xfe], Buffer.from(text, 'utf16le')), 'UTF-16 LE'],
      ['UTF-16 BE', bom([0xfe, 0xff], Buffer.from(text, 'utf16le').swap16()), 'UTF-16 BE'],
    ];
    for (const [what, bytes, encoding] of cases) {
      const decoded = decodeText(bytes);
      expect(decoded.encoding, what).toBe(encoding);
      expect(decoded.text.startsWith(text), what).toBe(true);
    }
  });

  it('reads a GB18030, UTF-16 LE and UTF-16 BE roster through the service', async () => {
    for (const [bytes, encoding] of [
      [iconv.encode(ROSTER, 'gb18030'), 'GB18030'],
      [bom([0xff, 0xfe], Buffer.from(ROSTER, 'utf16le')), 'UTF-16 LE'],
      [bom([0xfe, 0xff], Buffer.from(ROSTER, 'utf16le').swap16()), 'UTF-16 BE'],
    ] as const) {
      const preview = await previewRoster(db, upload('名单.csv', bytes), MONTH);
      expect(preview.encoding).toBe(encoding);
      expect(preview.rows.map((r) => r.name)).toEqual(['王磊', '欧阳娜娜', '张喆']);
      expect(preview.errorCount).toBe(0);
    }
  });

  it('refuses clearly what it cannot read', () => {
    const refused = (bytes: Buffer) => {
      try {
        decodeText(bytes);
      } catch (err) {
        if (err instanceof FileRefused) return err.expected;
        throw err;
      }
      throw new Error('expected a refusal');
    };
    // UTF-16 without a BOM: NUL bytes everywhere.
    expect(refused(Buffer.from(text, 'utf16le'))).toMatch(/looks like UTF-16 without the mark, so its byte order is unknown; save it as "CSV UTF-8"/);
    expect(refused(Buffer.from(text, 'utf16le').swap16())).toMatch(/looks like UTF-16 without the mark/);
    // Binary data with the odd NUL is still refused as binary.
    expect(refused(Buffer.from('工号,姓名\nS-1,王\0磊\n'))).toMatch(/contains NUL characters/);
    // A BOM with an odd number of bytes after it.
    expect(refused(bom([0xff, 0xfe], Buffer.from('a,b\nc', 'utf16le').subarray(0, 9)))).toMatch(/could not be read as UTF-16LE \(its BOM says so, but it has an odd number of bytes\)/);
    // A UTF-8 BOM in front of bytes that are not UTF-8.
    expect(refused(bom([0xef, 0xbb, 0xbf], iconv.encode(text, 'gbk')))).toMatch(/could not be read as UTF-8 \(it starts with a UTF-8 BOM\)/);
    // Neither UTF-8 nor GB18030.
    expect(refused(Buffer.from([0x61, 0x2c, 0xff, 0x0a]))).toMatch(/could not be read as UTF-8 or GB18030 \(GBK\)/);
  });
});
