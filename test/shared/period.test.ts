/** Periods `YYYY-MM` and dates `YYYY-MM-DD`: boundaries. */
import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  formatDate,
  formatPeriod,
  nextPeriod,
  parseDate,
  parsePeriod,
  periodsOfYear,
  previousPeriod,
} from '../../shared/period.ts';

describe('parsePeriod', () => {
  it('accepts YYYY-MM within 2000–2099, months 01–12', () => {
    expect(parsePeriod('2026-10')).toEqual({ year: 2026, month: 10 });
    expect(parsePeriod('2000-01')).toEqual({ year: 2000, month: 1 });
    expect(parsePeriod('2099-12')).toEqual({ year: 2099, month: 12 });
  });

  it.each(['2026-00', '2026-13', '1999-12', '2100-01', '2026-1', '2026-010', '26-10', '2026/10', ' 2026-10', '2026-10 ', '2026-10-01', '', '２０２６-10'])(
    'refuses %j',
    (text) => expect(parsePeriod(text)).toBeNull(),
  );

  it('refuses non-strings', () => {
    for (const v of [202610, null, undefined, { year: 2026, month: 10 }, ['2026-10']]) expect(parsePeriod(v)).toBeNull();
  });

  it('formatPeriod pads the month and round-trips', () => {
    expect(formatPeriod({ year: 2026, month: 1 })).toBe('2026-01');
    for (const p of periodsOfYear(2026)) expect(formatPeriod(parsePeriod(p)!)).toBe(p);
  });
});

describe('month arithmetic', () => {
  it('daysInMonth: February in common, leap and century years', () => {
    expect(daysInMonth({ year: 2026, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2000, month: 2 })).toBe(29); // divisible by 400
    expect(daysInMonth({ year: 2100, month: 2 })).toBe(28); // divisible by 100, not 400
    expect(daysInMonth({ year: 2026, month: 4 })).toBe(30);
    expect(daysInMonth({ year: 2026, month: 12 })).toBe(31);
    expect(daysInMonth({ year: 2026, month: 1 })).toBe(31);
  });

  it('nextPeriod / previousPeriod cross the year', () => {
    expect(nextPeriod({ year: 2026, month: 12 })).toEqual({ year: 2027, month: 1 });
    expect(nextPeriod({ year: 2026, month: 1 })).toEqual({ year: 2026, month: 2 });
    expect(previousPeriod({ year: 2027, month: 1 })).toEqual({ year: 2026, month: 12 });
    expect(previousPeriod({ year: 2026, month: 12 })).toEqual({ year: 2026, month: 11 });
  });

  it('periodsOfYear: twelve months, January first', () => {
    const ps = periodsOfYear(2026);
    expect(ps).toHaveLength(12);
    expect(ps[0]).toBe('2026-01');
    expect(ps[11]).toBe('2026-12');
    expect(new Set(ps).size).toBe(12);
  });
});

describe('parseDate', () => {
  it('accepts dates that exist', () => {
    expect(parseDate('2026-10-09')).toEqual({ year: 2026, month: 10, day: 9 });
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseDate('2026-12-31')).toEqual({ year: 2026, month: 12, day: 31 });
    expect(parseDate('2026-01-01')).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it.each(['2026-02-30', '2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2026-1-01', '2026-01-1', '2026-01-01T10:00', '20260101', ''])(
    'refuses %j',
    (text) => expect(parseDate(text)).toBeNull(),
  );

  it('refuses non-strings', () => {
    for (const v of [20260101, null, undefined, new Date(0)]) expect(parseDate(v)).toBeNull();
  });

  it('formatDate pads and round-trips', () => {
    expect(formatDate({ year: 2026, month: 2, day: 3 })).toBe('2026-02-03');
    expect(formatDate(parseDate('2028-02-29')!)).toBe('2028-02-29');
  });
});
