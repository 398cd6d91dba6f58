/**
 * One parser for numbers as people write them (shared/number-text.ts): the salary/KPI import reads
 * its cells with it and the app's number fields read what is typed with it, so "12,345.67" typed
 * in the salary field is the number the import would read from a cell.
 */
import { describe, expect, it } from 'vitest';
import { parseNumberText, parseTypedNumber as parseNumber } from '../../shared/number-text.ts';

describe('numbers as people write them', () => {
  it('reads thousands separators, currency and units, full-width digits and minus signs', () => {
    expect(parseNumberText('12,345.67')).toBe(12345.67);
    expect(parseNumberText('12，345.67')).toBe(12345.67);
    expect(parseNumberText('1,234,567')).toBe(1234567);
    expect(parseNumberText('¥ 8 000')).toBe(8000);
    expect(parseNumberText('￥8,000.50')).toBe(8000.5);
    expect(parseNumberText('95.5%')).toBe(95.5);
    expect(parseNumberText('95.5％')).toBe(95.5);
    expect(parseNumberText('1234.5元')).toBe(1234.5);
    expect(parseNumberText('-3')).toBe(-3);
    expect(parseNumberText('－3')).toBe(-3);
    expect(parseNumberText('−3')).toBe(-3);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('12.')).toBe(12);
    expect(parseNumberText('１２．５')).toBe(12.5);
    expect(parseNumberText(' 7 ')).toBe(7);
  });

  it('refuses what is not one number (a comma that is not a thousands separator is not a decimal point)', () => {
    for (const bad of ['abc', '1e5', '1.2.3', '', '--1', '12%%', '12,5', '1,23,456', ',123', '12,', '-', '.', 'Infinity', '0x10', '1 2'])
      expect(parseNumberText(bad), bad).toBeNull();
  });

  it('is what the number fields read: a number, nothing for an empty field, the text itself otherwise', () => {
    expect(parseNumber('12,345.67')).toBe(12345.67);
    expect(parseNumber('¥ 8 000')).toBe(8000);
    expect(parseNumber('１０')).toBe(10);
    expect(parseNumber('  ')).toBeUndefined();
    expect(parseNumber('12,5')).toBe('12,5');
    expect(parseNumber('abc')).toBe('abc');
  });
});
