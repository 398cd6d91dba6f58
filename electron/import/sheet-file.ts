/**
 * Reading a table file the user chose: CSV/TXT (comma, semicolon or tab; UTF-8, GB18030 or UTF-16 with a BOM)
 * or an Excel .xlsx workbook (its first worksheet). An .xlsx is a zip archive, and a small one
 * can unpack to gigabytes (exceljs dies of out-of-memory on a 530 KB zip bomb), so the archive's
 * directory is checked first and every entry is test-inflated with a cap before exceljs sees it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { CsvSyntaxError, CsvTooLong, parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import { FileRefused } from './errors.ts';
import type { XlsxParseResult } from './xlsx-parse.ts';
import type { XlsxWorkerData } from './xlsx-worker.ts';

export { cellText } from './xlsx-parse.ts';

export interface SheetRow {
  /** 1-based: the line of a CSV file a record starts on, or the row number of a worksheet. */
  line: number;
  cells: string[];
}

export interface SheetData {
  /** The text encoding of a CSV file ("UTF-8", "GB18030", …), or "XLSX". */
  encoding: string;
  /** The non-blank rows, header included. */
  rows: SheetRow[];
}

export interface SheetLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total an .xlsx may unpack to, in bytes. */
  maxUnpackedBytes: number;
  /** Largest unpacked/packed ratio of one entry of an .xlsx (checked for entries over 1 MiB). */
  maxRatio: number;
  /** Most non-blank rows (header included). */
  maxRows: number;
  /** Heap cap of the worker thread that parses an .xlsx (V8 old generation), in MB. */
  workerHeapMb: number;
  /** Longest an .xlsx may take to parse, in milliseconds. */
  workerTimeoutMs: number;
}

export const MB = 1024 * 1024;
export const DEFAULT_LIMITS: SheetLimits = { maxFileBytes: 10 * MB, maxUnpackedBytes: 100 * MB, maxRatio: 100, maxRows: 20_001, workerHeapMb: 256, workerTimeoutMs: 60_000 };
/** Small entries cannot hold a bomb; below this size their ratio is not checked. */
const RATIO_FLOOR = MB;
const MAX_ENTRIES = 10_000;

const SAVE_AS = 'open it in Excel and save it as .xlsx or as CSV';

type Kind = 'csv' | 'xlsx';

export function fileKind(fileName: string): Kind {
  const ext = /\.([^./\\]*)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'xls') throw new FileRefused(`a .csv or .xlsx file — "${fileName}" is an old binary Excel workbook (.xls), which this app cannot read: ${SAVE_AS}`, { code: 'file-xls', fileName });
  if (ext === 'et' || ext === 'ods' || ext === 'numbers') throw new FileRefused(`a .csv or .xlsx file — "${fileName}" is another program's spreadsheet: ${SAVE_AS}`, { code: 'file-other-spreadsheet', fileName, ext });
  throw new FileRefused(`a .csv, .txt or .xlsx file — "${fileName}" has ${ext ? `the extension .${ext}` : 'no extension'}`, { code: 'file-extension', fileName, ext: ext || null });
}

/**
 * Read a CSV/TXT or XLSX file (chosen by its extension) into rows of cell texts. `dayColumns`: the
 * header names of the columns whose Excel date cells read as days, YYYY-MM-DD; a date cell in any
 * other column reads as its month (cellText in xlsx-parse.ts). A CSV is text: read as typed.
 */
export async function readSheetFile(fileName: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_LIMITS, dayColumns: readonly string[] = []): Promise<SheetData> {
  const kind = fileKind(fileName);
  if (bytes.length === 0) throw new FileRefused(`a file with a header row and people — "${fileName}" is empty`, { code: 'file-empty', fileName });
  if (bytes.length > limits.maxFileBytes) {
    throw new FileRefused(`a file of at most ${formatMb(limits.maxFileBytes)} — "${fileName}" has ${bytes.length.toLocaleString('en-US')} bytes`, {
      code: 'file-too-big',
      fileName,
      bytes: bytes.length,
      max: limits.maxFileBytes,
    });
  }
  return kind === 'csv' ? readCsv(fileName, bytes, limits) : readXlsx(fileName, bytes, limits, dayColumns);
}

function readCsv(fileName: string, bytes: Uint8Array, limits: SheetLimits): SheetData {
  if (isZip(bytes)) throw new FileRefused(`a CSV text file — "${fileName}" is a zip archive, probably an Excel .xlsx workbook: name it .xlsx, or ${SAVE_AS}`, { code: 'csv-is-xlsx', fileName });
  if (isOle(bytes)) throw new FileRefused(`a CSV text file — "${fileName}" is an old binary Excel workbook (.xls) or another Office file: ${SAVE_AS}`, { code: 'csv-is-office', fileName });
  const { text, encoding } = decodeText(bytes);
  try {
    const records = parseCsv(text, { skipBlank: true, maxRecords: limits.maxRows });
    return { encoding, rows: records.map((r) => ({ line: r.line, cells: r.fields })) };
  } catch (err) {
    if (err instanceof CsvTooLong) throw tooManyRows(fileName, limits);
    if (err instanceof CsvSyntaxError) throw new FileRefused(`CSV text — "${fileName}" is not valid CSV: ${err.message}`, { code: 'csv-syntax', fileName, line: err.line });
    throw err;
  }
}

function tooManyRows(fileName: string, limits: SheetLimits): FileRefused {
  return new FileRefused(`a file of at most ${limits.maxRows - 1} people (rows under the header) — "${fileName}" has more; split it into several files`, {
    code: 'file-too-many-rows',
    fileName,
    max: limits.maxRows - 1,
  });
}

// ---- .xlsx ---------------------------------------------------------------------------------

async function readXlsx(fileName: string, bytes: Uint8Array, limits: SheetLimits, dayColumns: readonly string[]): Promise<SheetData> {
  if (isOle(bytes)) {
    throw new FileRefused(`an .xlsx workbook — "${fileName}" is an old binary Excel workbook (.xls) or a password-protected workbook: ${SAVE_AS} (without a password)`, {
      code: 'xlsx-is-office',
      fileName,
    });
  }
  if (!isZip(bytes)) throw new FileRefused(`an .xlsx workbook — "${fileName}" is not one (it is not a zip archive, so it may be a CSV or another file renamed to .xlsx)`, {
      code: 'xlsx-not-zip',
      fileName,
    });
  const entries = inspectZip(fileName, bytes, limits);
  if (!entries.some((e) => e.name === 'xl/workbook.xml' || e.name === '/xl/workbook.xml')) {
    throw new FileRefused(`an .xlsx workbook — "${fileName}" is a zip archive but not an Excel workbook (it has no xl/workbook.xml)`, { code: 'xlsx-no-workbook', fileName });
  }
  verifyInflation(fileName, bytes, entries);

  const result = await parseInWorker(fileName, bytes, limits, dayColumns);
  if (!result.ok) {
    if (result.reason === 'no-sheet') throw new FileRefused(`a workbook with a worksheet — "${fileName}" has none`, { code: 'xlsx-no-sheet', fileName });
    if (result.reason === 'too-many-rows') throw tooManyRows(fileName, limits);
    throw new FileRefused(`an .xlsx workbook Excel can open — "${fileName}" could not be read (${result.message})`, { code: 'xlsx-unreadable', fileName });
  }
  return { encoding: 'XLSX', rows: result.rows };
}

/**
 * How to start the worker: the built xlsx-worker.js next to this module (the packaged app), else
 * the .ts source through tsx's API (tests, the CLI, browser mode; `--import tsx` in a worker's
 * execArgv does not reach the worker's entry on Node 20).
 */
function workerScript(): { script: string; eval: boolean } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'xlsx-worker.js');
  if (existsSync(built)) return { script: built, eval: false };
  const source = pathToFileURL(join(here, 'xlsx-worker.ts')).href;
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  return { script: `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`, eval: true };
}

/**
 * exceljs runs in a worker thread with a capped heap (limits.workerHeapMb) and a time limit: a
 * workbook that passed the zip checks but still explodes in memory ends that thread with
 * ERR_WORKER_OUT_OF_MEMORY and is refused; the app's own thread never holds its expansion.
 */
function parseInWorker(fileName: string, bytes: Uint8Array, limits: SheetLimits, dayColumns: readonly string[]): Promise<XlsxParseResult> {
  const script = workerScript();
  const data: XlsxWorkerData = { bytes: new Uint8Array(bytes), maxRows: limits.maxRows, dayColumns: [...dayColumns] };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.script, {
      eval: script.eval,
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: Math.min(32, limits.workerHeapMb) },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new FileRefused(`an .xlsx workbook that can be read in ${limits.workerTimeoutMs >= 1000 ? `${Math.round(limits.workerTimeoutMs / 1000)} seconds` : `${limits.workerTimeoutMs} ms`} — reading "${fileName}" took longer and was stopped; ${SAVE_AS}`, { code: 'xlsx-timeout', fileName, ms: limits.workerTimeoutMs }))),
      limits.workerTimeoutMs,
    );
    worker.on('message', (result: XlsxParseResult) => finish(() => resolve(result)));
    worker.on('error', (err: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new FileRefused(`an .xlsx workbook that can be read in ${limits.workerHeapMb} MB of memory — "${fileName}" needs more; refused as a possible zip bomb`, { code: 'xlsx-memory', fileName, mb: limits.workerHeapMb })
            : new FileRefused(`an .xlsx workbook Excel can open — "${fileName}" could not be read (${err.message})`, { code: 'xlsx-unreadable', fileName }),
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new FileRefused(`an .xlsx workbook Excel can open — reading "${fileName}" stopped unexpectedly (exit code ${code})`, { code: 'xlsx-unreadable', fileName }))));
  });
}

// ---- zip checks ----------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** OLE2 compound file: old .xls/.doc, and also password-protected .xlsx. */
function isOle(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

/**
 * Read a zip archive's central directory (without unpacking anything) and refuse it when it
 * would unpack to more than the limit in total, or an entry is packed more tightly than
 * `maxRatio`:1 — the marks of a zip bomb. Also refuses archives that are damaged or encrypted.
 */
export function inspectZip(fileName: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_LIMITS): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (what: string) => new FileRefused(`an .xlsx workbook — "${fileName}" is a damaged zip archive (${what}); ${SAVE_AS}`, { code: 'zip-damaged', fileName });

  // End of central directory: 22 bytes plus a comment of up to 65535, at the end of the file.
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === SIG_EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end of central directory');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw damaged('zip64 locator missing');
    const z64 = safeNumber(buf.readBigUInt64LE(locator + 8));
    if (z64 === null || z64 + 56 > buf.length || buf.readUInt32LE(z64) !== SIG_ZIP64_EOCD) throw damaged('zip64 directory missing');
    const c = safeNumber(buf.readBigUInt64LE(z64 + 32));
    const s = safeNumber(buf.readBigUInt64LE(z64 + 40));
    const o = safeNumber(buf.readBigUInt64LE(z64 + 48));
    if (c === null || s === null || o === null) throw damaged('zip64 directory out of range');
    [count, cdSize, cdOffset] = [c, s, o];
  }
  if (count > MAX_ENTRIES) throw new FileRefused(`an .xlsx workbook of at most ${MAX_ENTRIES} parts — "${fileName}" claims ${count}; refused as a possible zip bomb`, {
      code: 'zip-too-many-parts',
      fileName,
      count,
      max: MAX_ENTRIES,
    });
  if (cdOffset + cdSize > buf.length) throw damaged('central directory outside the file');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw damaged(`entry ${i + 1} of the central directory is broken`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > buf.length) throw damaged(`entry ${i + 1} of the central directory is broken`);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    // Zip64 sizes live in extra field 0x0001, in this order, for the fields set to 0xFFFFFFFF.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const z = zip64Extra(buf, p + 46 + nameLength, extraLength);
      let q = 0;
      const next = () => (z && q + 8 <= z.length ? safeNumber(z.readBigUInt64LE((q += 8) - 8)) : null);
      if (uncompressedSize === 0xffffffff) uncompressedSize = next() ?? Number.MAX_SAFE_INTEGER;
      if (compressedSize === 0xffffffff) compressedSize = next() ?? Number.MAX_SAFE_INTEGER;
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? Number.MAX_SAFE_INTEGER;
    }
    if (flags & 0x1) throw new FileRefused(`an .xlsx workbook without a password — "${fileName}" is encrypted; ${SAVE_AS} (without a password)`, { code: 'zip-encrypted', fileName });
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = end;
  }

  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUnpackedBytes) {
    throw new FileRefused(
      `an .xlsx workbook that unpacks to at most ${formatMb(limits.maxUnpackedBytes)} — "${fileName}" would unpack to ${formatMb(total)} from ${formatMb(buf.length)}; refused as a possible zip bomb`,
      { code: 'zip-too-big-unpacked', fileName, total, max: limits.maxUnpackedBytes, bytes: buf.length },
    );
  }
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio) {
      throw new FileRefused(
        `an .xlsx workbook whose parts are packed at most ${limits.maxRatio}:1 — "${fileName}" has a part (${e.name}) packed ${Math.round(ratio)}:1 (${formatMb(e.compressedSize)} → ${formatMb(e.uncompressedSize)}); refused as a possible zip bomb`,
        { code: 'zip-ratio', fileName, part: e.name, ratio: Math.round(ratio), max: limits.maxRatio },
      );
    }
  }
  return entries;
}

/**
 * The directory's sizes are only claims, and a bomb can understate them: unpack every entry
 * with an output cap of its claimed size and refuse the archive if any entry is bigger (or broken).
 * Costs one pass over at most maxUnpackedBytes; nothing is kept.
 */
export function verifyInflation(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[]): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (e: ZipEntry, what: string) => new FileRefused(`an .xlsx workbook — "${fileName}" has a broken part ${e.name} (${what}); ${SAVE_AS}`, { code: 'zip-part-broken', fileName, part: e.name });
  for (const e of entries) {
    const h = e.localHeaderOffset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== SIG_LOCAL) throw broken(e, 'no local header');
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    if (start + e.compressedSize > buf.length) throw broken(e, 'its data runs past the end of the file');
    const data = buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw broken(e, 'stored with two different sizes');
      continue;
    }
    if (e.method !== 8) throw new FileRefused(`an .xlsx workbook as Excel writes it — "${fileName}" packs ${e.name} with method ${e.method}, which this app does not read; ${SAVE_AS}`, {
        code: 'zip-method',
        fileName,
        part: e.name,
        method: e.method,
      });
    let size: number;
    try {
      size = inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FileRefused(
          `an .xlsx workbook whose parts are as big as its directory says — "${fileName}" has a part (${e.name}) that unpacks to more than the ${formatMb(e.uncompressedSize)} it claims; refused as a possible zip bomb`,
          { code: 'zip-understated', fileName, part: e.name, claimed: e.uncompressedSize },
        );
      }
      throw broken(e, err instanceof Error ? err.message : String(err));
    }
    if (size !== e.uncompressedSize) throw broken(e, `it unpacks to ${size} bytes, not the ${e.uncompressedSize} it claims`);
  }
}

function zip64Extra(buf: Buffer, start: number, length: number): Buffer | null {
  let p = start;
  while (p + 4 <= start + length) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === 0x0001) return buf.subarray(p + 4, Math.min(p + 4 + size, start + length));
    p += 4 + size;
  }
  return null;
}

function safeNumber(n: bigint): number | null {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null;
}

function formatMb(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / MB;
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb).toLocaleString('en-US')} MB`;
}
