/** Formula-injection safety of exported cells: properties of safeCell and the CSV writer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/import/csv.ts';
import { csvField, safeCell, startsLikeFormula, toCsv } from '../../shared/spreadsheet.ts';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠'];
/** Strings that often start like a formula: a dangerous first character, then anything. */
const risky = fc.tuple(fc.constantFrom(...DANGEROUS), fc.string({ unit: 'grapheme' })).map(([a, b]) => a + b);
const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), risky);

describe('safeCell', () => {
  it('never returns a text that starts like a formula', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const cell = safeCell(s);
        expect(startsLikeFormula(cell)).toBe(false);
        expect(DANGEROUS.includes(cell.charAt(0))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the text: unchanged when safe, one leading apostrophe added otherwise', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const cell = safeCell(s);
        if (startsLikeFormula(s)) expect(cell).toBe(`'${s}`);
        else expect(cell).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves numbers and booleans as they are; null, undefined and non-finite numbers become empty', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Object.is(safeCell(n), n)).toBe(true);
      }),
    );
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(null)).toBe('');
    expect(safeCell(undefined)).toBe('');
    expect(safeCell(Number.NaN)).toBe('');
    expect(safeCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('neutralises the classic payloads', () => {
    for (const payload of ['=1+1', '=HYPERLINK("http://x","点")', '+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '\0=1', '＝1+1', "=cmd|' /C calc'!A0"]) {
      expect(safeCell(payload)).toBe(`'${payload}`);
    }
    for (const ok of ['王磊', 'S-0001', '2026-10', '', ' =1', "'=1", '100']) expect(safeCell(ok)).toBe(ok);
  });
});

describe('toCsv', () => {
  const cell = fc.oneof(anyText, fc.integer(), fc.constant(null));

  it('reads back (with the app’s own CSV reader) as the safe cells, row for row, never a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = toCsv(rows);
        const parsed = parseCsv(text, { delimiter: ',', skipBlank: false, maxRecords: 1000 }).map((r) => r.fields);
        const expected = rows.map((row) => row.map((v) => String(safeCell(v))));
        expect(parsed).toEqual(expected);
        // A text cell never reads back as a formula; a number (a negative one too) reads back as that number.
        rows.forEach((row, i) =>
          row.forEach((v, j) => {
            if (typeof v === 'number') expect(Number(parsed[i]![j])).toBe(v);
            else expect(startsLikeFormula(parsed[i]![j]!)).toBe(false);
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(toCsv([['工号', '姓名'], ['S-1', '=王磊']])).toBe("工号,姓名\r\nS-1,'=王磊\r\n");
  });
});
