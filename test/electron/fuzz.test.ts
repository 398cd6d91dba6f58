/**
 * Fuzzing (fast-check) of what users and files feed the app: the score input (validateSheetInput
 * and the sheets.save call through the handler map) and the import parsers (CSV decoding and
 * parsing, the roster preview, the XLSX reader with random bytes and random zips). The property
 * each time: no crash, no uncaught error, and every rejection is an InputError/FileRefused (or an
 * 'input' failure) naming the field, the value and what is expected.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import { CsvSyntaxError, CsvTooLong, parseCsv } from '../../electron/import/csv.ts';
import { decodeText } from '../../electron/import/decode.ts';
import { FileRefused } from '../../electron/import/errors.ts';
import { DEFAULT_LIMITS, readSheetFile } from '../../electron/import/sheet-file.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { previewRoster } from '../../electron/services/roster-import.ts';
import { InputError, formatProblem, type Problem } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import { tempDb } from '../helpers/db.ts';
import { scoreFileExample } from '../helpers/examples.ts';
import { buildZip, smallPart, type ZipPart } from '../helpers/zip.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** A problem a person can act on: a field, and a non-empty "expected" in words; its text says both. */
function expectClearProblem(p: Problem) {
  expect(typeof p.field).toBe('string');
  expect(typeof p.expected).toBe('string');
  expect(p.expected.trim().length).toBeGreaterThan(3);
  const text = formatProblem(p);
  expect(text).toContain('expected ');
  expect(text).toMatch(/got |missing/);
}

// ---- score input ------------------------------------------------------------------------------

const itemIds = [...new Set(BUILTIN_RUBRICS.flatMap((r) => collectIds(r.items as unknown[])))];
function collectIds(nodes: unknown[]): string[] {
  return nodes.flatMap((n) => {
    const node = n as { id?: string; items?: unknown[] };
    return [...(node.id ? [node.id] : []), ...(node.items ? collectIds(node.items) : [])];
  });
}

/** `good` most of the time, `bad` sometimes. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });

/** Values that look like what a field might hold, and many that do not. */
const fieldValue = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.double({ min: -1e3, max: 1e3 }),
  fc.constantFrom(0.001, 1e308, Number.NaN, -0, 2.5, 99.999),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('full', 'half', 'needs-help', 'late', '2026-10-09', '2026-13-01', ''),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);
const itemValue = mostly(
  fc.oneof(
    fc.record({ violated: fc.boolean() }),
    fc.record({ occurrences: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ points: fc.integer({ min: 0, max: 10 }) }),
    fc.dictionary(fc.constantFrom('violated', 'falsified', 'occurrences', 'points', 'grade', 'deduction', 'incidents', 'doubled', 'note', 'kind', 'extra'), fieldValue, { maxKeys: 3 }),
  ),
  fieldValue,
);
/** Near-valid sheets: one rubric's own item ids with mostly plausible values, a real period; sometimes junk anywhere. */
const nearSheet = fc.oneof(
  ...BUILTIN_RUBRICS.map((rubric) =>
    fc
      .record({
        rubric: mostly(fc.constant(rubric.id), fieldValue),
        period: mostly(fc.constantFrom('2026-10', '2026-02', '2099-12'), fieldValue),
        person: mostly(fc.constant({ id: 'S-1', name: '王磊' }), fieldValue),
        absences: mostly(
          fc.array(fc.record({ date: mostly(fc.constantFrom('2026-10-09', '2026-10-31', '2026-11-01'), fieldValue), length: mostly(fc.constantFrom('full', 'half'), fieldValue) }, { requiredKeys: ['length'] }), { maxLength: 6 }),
          fieldValue,
        ),
        items: mostly(fc.dictionary(mostly(fc.constantFrom(...collectIds(rubric.items as unknown[])), fc.string({ maxLength: 8 })), itemValue, { maxKeys: 3 }), fieldValue),
        extra: fc.option(fieldValue, { freq: 1 }),
      })
      .map(({ extra, ...sheet }) => (extra === null ? sheet : { ...sheet, extra })),
  ),
);

describe('score input (validateSheetInput)', () => {
  it('never throws on anything; a refusal lists clear problems; an accepted sheet always scores', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.anything(), weight: 1 }, { arbitrary: nearSheet, weight: 3 }), (raw) => {
        const result = validateSheetInput(raw);
        if (result.ok) {
          accepted++;
          const scored = scoreSheet(result.input, result.rubric);
          expect(scored.monthlyScore).toBeGreaterThanOrEqual(0);
          expect(scored.monthlyScore).toBeLessThanOrEqual(100);
        } else {
          refused++;
          expect(result.problems.length).toBeGreaterThan(0);
          result.problems.forEach(expectClearProblem);
          // The InputError built from them reads as one message.
          expect(new InputError(result.problems, 'score sheet').message).toMatch(/^Invalid score sheet/);
        }
      }),
      { numRuns: RUNS * 5 },
    );
    console.log(`[fuzz] validateSheetInput: ${accepted} accepted, ${refused} refused, no exception`);
  });

  it('refuses a mutated valid sheet naming the mutated field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(scoreFileExample.items)), fc.constantFrom('occurrences', 'points', 'violated', 'deduction', 'bogus'), fieldValue, (item, key, value) => {
        const raw = structuredClone(scoreFileExample) as { items: Record<string, Record<string, unknown>> };
        raw.items[item] = { ...raw.items[item], [key]: value };
        const result = validateSheetInput(raw);
        if (!result.ok) {
          result.problems.forEach(expectClearProblem);
          expect(result.problems.some((p) => p.field.includes(item))).toBe(true);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('sheets.save through the handler map (the IPC contract)', () => {
  it('answers every random call with a result or an input failure, never an internal error', { timeout: 60_000 }, async () => {
    const { db, path } = tempDb();
    const handlers = createHandlers(db, { dbPath: path, appVersion: 'fuzz' });
    const region = saveRegion(db, { code: 'EAST', name: '华东区' });
    const person = savePerson(db, { employeeNo: 'S-1', name: '王磊', role: 'salesperson', regionId: region.id, managerId: null, activeFrom: '2024-01', activeTo: null });
    const input = fc.oneof(
      fc.anything(),
      fc.record(
        {
          personId: fc.oneof(fc.constant(person.id), fc.integer(), fieldValue),
          period: fc.oneof(fc.constantFrom('2026-10', '2026-11'), fieldValue),
          entry: fc.oneof(
            fc.record({ items: fc.dictionary(fc.constantFrom(...itemIds), itemValue, { maxKeys: 4 }), absences: fc.array(fc.record({ length: fc.constantFrom('full', 'half') }), { maxLength: 3 }) }, { requiredKeys: [] }),
            fieldValue,
          ),
          status: fc.oneof(fc.constantFrom('draft', 'ready', 'signed'), fieldValue),
          expectedRevision: fc.oneof(fc.nat(3), fieldValue),
        },
        { requiredKeys: [] },
      ),
    );
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const outcome = await invoke(handlers, 'sheets.save', raw);
        const kind = outcome.ok ? 'ok' : outcome.error.kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (!outcome.ok) {
          expect(outcome.error.kind).not.toBe('internal');
          expect(outcome.error.message.length).toBeGreaterThan(10);
          if (outcome.error.kind === 'input') (outcome.error as { problems?: Problem[] }).problems?.forEach(expectClearProblem);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`[fuzz] sheets.save outcomes: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  });
});

// ---- import parsers ---------------------------------------------------------------------------

/** Refusals of a file are FileRefused (reader) or InputError (service), with a reason in words. */
function expectClearRefusal(err: unknown) {
  if (err instanceof FileRefused) {
    expect(err.expected.length).toBeGreaterThan(10);
    return;
  }
  if (err instanceof InputError) {
    err.problems.forEach(expectClearProblem);
    return;
  }
  throw new Error(`not a clear refusal: ${String((err as Error)?.stack ?? err)}`);
}

const csvText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', ',', '\n', '\r\n', '王磊', '"a,b"', ';', '\t')), { maxLength: 6 }), { maxLength: 8 }).map((rows) =>
    rows.map((r) => r.join(',')).join('\n'),
  ),
);
const textBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  csvText.map((t) => Buffer.from(t, 'utf8')),
  csvText.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])),
  csvText.map((t) => iconv.encode(t, 'gb18030')),
  csvText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
  csvText.map((t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])),
);

describe('CSV decoding and parsing', () => {
  it('decodeText reads text it can and refuses the rest with FileRefused; what it reads round-trips', () => {
    fc.assert(
      fc.property(textBytes, (bytes) => {
        try {
          const { text, encoding } = decodeText(bytes);
          expect(text.includes('\0')).toBe(false);
          expect(encoding).toMatch(/^(UTF-8|UTF-8 \(BOM\)|UTF-16 LE|UTF-16 BE|GB18030)$/);
        } catch (err) {
          expectClearRefusal(err);
        }
      }),
      { numRuns: RUNS * 3 },
    );
    // Text written in each encoding decodes to the same text.
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }).filter((t) => !t.includes('\0') && !t.startsWith('\uFEFF')), (text) => {
        expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])).text).toBe(text);
        expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseCsv returns records or throws CsvSyntaxError/CsvTooLong, never anything else', () => {
    fc.assert(
      fc.property(csvText, fc.option(fc.constantFrom(',', ';', '\t') as fc.Arbitrary<',' | ';' | '\t'>, { nil: undefined }), (text, delimiter) => {
        try {
          const records = parseCsv(text, { ...(delimiter ? { delimiter } : {}), skipBlank: true, maxRecords: 5 });
          for (const r of records) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(Array.isArray(r.fields)).toBe(true);
          }
        } catch (err) {
          if (!(err instanceof CsvSyntaxError || err instanceof CsvTooLong)) throw err;
          expect(err.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('roster preview', () => {
  it('previews or refuses clearly any CSV bytes, any file name, any base64', { timeout: 120_000 }, async () => {
    const { db } = tempDb();
    saveRegion(db, { code: 'EAST', name: '华东区' });
    const header = fc.constantFrom('工号,姓名,岗位,区域,起始月份\n', 'employee no,name,role,region\n', '姓名\n', '');
    const rosterBytes = fc.oneof(
      textBytes,
      fc.tuple(header, csvText).map(([h, t]) => Buffer.from(h + t, 'utf8')),
      fc.tuple(header, fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), fc.constantFrom('销售员', '区域经理', 'x', ''), fc.constantFrom('华东区', 'EAST', '无', ''), fc.constantFrom('2024-03', '2024/7', '13-2024', '')), { maxLength: 6 })).map(([h, rows]) =>
        Buffer.from(h + rows.map((r) => r.join(',')).join('\n'), 'utf8'),
      ),
    );
    const fileName = mostly(fc.constantFrom('r.csv', 'r.txt', 'r.tsv', '名单.CSV'), fc.oneof(fc.constantFrom('r.xls', 'r', 'r.xlsx'), fc.string({ maxLength: 12 })));
    let previews = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(rosterBytes, fileName, fc.integer({ min: 0, max: 9 }).map((n) => n === 0), async (bytes, name, garble) => {
        const dataBase64 = garble ? `${Buffer.from(bytes).toString('base64')}!*` : Buffer.from(bytes).toString('base64');
        try {
          const preview = await previewRoster(db, { fileName: name, dataBase64 }, { currentMonth: '2026-05' });
          previews++;
          for (const row of preview.rows) for (const p of row.errors) expect(typeof p).toBe('string');
        } catch (err) {
          refusals++;
          expectClearRefusal(err);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`[fuzz] roster preview: ${previews} previews, ${refusals} clear refusals`);
  });
});

describe('the XLSX reader', () => {
  const limits = { ...DEFAULT_LIMITS, workerHeapMb: 64 };
  /** Random parts with plausible names, deflated or stored, sizes true or not. */
  const part = fc
    .record({
      name: fc.oneof(fc.constantFrom('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', '_rels/.rels'), fc.string({ maxLength: 10 })),
      text: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('<workbook/>', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c></row></sheetData></worksheet>', '<x')),
      stored: fc.boolean(),
      sizeDelta: fc.oneof(fc.constant(0), fc.integer({ min: -50, max: 5000 })),
      method: fc.oneof(fc.constant(undefined), fc.constantFrom(1, 12, 99)),
    })
    .map(({ name, text, stored, sizeDelta, method }): ZipPart => {
      const bytes = Buffer.from(text, 'utf8');
      const base = stored ? { name, data: bytes, crc: crc32(bytes), size: bytes.length, method: 0 } : smallPart(name, text);
      return { ...base, size: Math.max(0, base.size + sizeDelta), ...(method !== undefined ? { method } : {}) };
    });
  const zipBytes = fc.oneof(
    fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => buildZip(parts)),
    // A real-looking zip with random damage: flipped bytes or a cut.
    fc.tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean()).map(([parts, at, xor, cut]) => {
      const zip = buildZip([smallPart('xl/workbook.xml', '<workbook/>'), ...parts]);
      if (cut) return zip.subarray(0, at % zip.length);
      const copy = Buffer.from(zip);
      copy[at % copy.length] = copy[at % copy.length]! ^ xor;
      return copy;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from(b)])),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constant(deflateRawSync(Buffer.alloc(10))),
  );

  it('reads or refuses (FileRefused) random bytes and random zips; never crashes the app', { timeout: 300_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Roster');
    ws.addRow(['工号', '姓名', '岗位', '区域']);
    for (let i = 0; i < 20; i++) ws.addRow([`S-${i}`, `人${i}`, '销售员', '华东区']);
    const real = Buffer.from(await wb.xlsx.writeBuffer());
    const workbooks = fc.oneof(
      { arbitrary: zipBytes, weight: 3 },
      { arbitrary: fc.constant(real), weight: 1 },
      // A real workbook with a few bytes changed (often inside deflated XML: exceljs gets garbage).
      { arbitrary: fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
        const copy = Buffer.from(real);
        for (const [at, xor] of flips) copy[at] = copy[at]! ^ xor;
        return copy;
      }), weight: 2 },
    );
    let read = 0;
    let refused = 0;
    const reasons = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(workbooks, async (bytes) => {
        try {
          const data = await readSheetFile('fuzz.xlsx', bytes, limits);
          read++;
          expect(data.encoding).toBe('XLSX');
        } catch (err) {
          refused++;
          expectClearRefusal(err);
          const reason = (err as FileRefused).expected.replace(/"fuzz.xlsx"/, '').slice(0, 40);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
      }),
      // Zips that pass every check start a worker (0.5–1 s each here from the TypeScript sources):
      // fewer runs than the pure parsers; FUZZ_XLSX_RUNS=300 for a longer run.
      { numRuns: Number(process.env.FUZZ_XLSX_RUNS ?? 30) },
    );
    console.log(`[fuzz] XLSX reader: ${read} read, ${refused} refused (${reasons.size} distinct reasons)`);
  });
});
