/** Test helpers for the report files: exceljs's and LibreOffice's view of an XLSX, CSV read back, and one part of a zip archive. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { tempDir } from './db.ts';

/** Every cell of the first worksheet as exceljs reads it (row-major, 1-based rows; an empty cell null, none after a row's last value). */
export async function xlsxRows(bytes: Buffer): Promise<ExcelJS.CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  const rows: ExcelJS.CellValue[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value ?? null);
  });
  return rows;
}

/**
 * Open XLSX files in LibreOffice Calc (headless) and save each as CSV (UTF-8, values as shown):
 * what a person opening the file sees. Each run gets its own profile so parallel runs do not clash.
 */
export function libreOfficeCsv(files: string[]): Map<string, string> {
  const out = tempDir();
  const convert = () => {
    const profile = tempDir();
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', out, ...files],
      { encoding: 'utf8', timeout: 180_000 },
    );
    if (r.error) throw r.error;
    return `${r.stdout}\n${r.stderr}`;
  };
  const csvOf = (file: string) => join(out, basename(file).replace(/\.xlsx$/i, '.csv'));
  let log = convert();
  // A loaded machine now and then loses a conversion (two soffice starting at once): one more try.
  if (!files.every((f) => existsSync(csvOf(f)))) log += convert();
  const result = new Map<string, string>();
  for (const file of files) {
    if (!existsSync(csvOf(file))) throw new Error(`LibreOffice did not convert ${file}: ${log}`);
    result.set(file, readFileSync(csvOf(file), 'utf8'));
  }
  return result;
}

/** Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** A number as a spreadsheet shows it ("6,640.34") back to a number; '' → null. */
export function shownNumber(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const n = Number(text.replace(/,/g, ''));
  if (Number.isNaN(n)) throw new Error(`not a number: ${text}`);
  return n;
}

/** One stored or deflated part of a zip archive (an .xlsx), by name. */
export function zipEntry(zip: Buffer, name: string): Buffer {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + packed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the archive`);
}
