/**
 * Dates as people type them (shared/date-text.ts), read by the sheet's date fields: shown and stored
 * as YYYY-MM-DD whatever the browser's locale (a native date input showed mm/dd/yyyy in the Chinese UI).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestYear, parseDateText, parseDateTimeText, showDateTime } from '../../shared/date-text.ts';
import { formatDate } from '../../shared/period.ts';

describe('a typed date', () => {
  it('reads YYYY-MM-DD and the usual other ways, to YYYY-MM-DD', () => {
    for (const typed of ['2026-05-14', '2026/5/14', '2026.5.14', '2026年5月14日', '２０２６－０５－１４', ' 2026-5-14 ']) expect(parseDateText(typed), typed).toBe('2026-05-14');
  });

  it('reads a day, or month and day, in the sheet’s month and year', () => {
    expect(parseDateText('14', '2026-05')).toBe('2026-05-14');
    expect(parseDateText('5-14', '2026-05')).toBe('2026-05-14');
    expect(parseDateText('6/1', '2026-05')).toBe('2026-06-01');
    expect(parseDateText('14')).toBeNull(); // no month to read it in
  });

  it('reads a month and day in the month of that number nearest the sheet’s month', () => {
    // A late report of a December sheet lands in January of the next year, and back.
    expect(parseDateText('1-3', '2026-12')).toBe('2027-01-03');
    expect(parseDateText('12-28', '2027-01')).toBe('2026-12-28');
    expect(parseDateText('1月3日', '2026-12')).toBe('2027-01-03');
    // Boundaries: six months either way stays in the sheet's year, seven crosses.
    expect(parseDateText('9-1', '2026-03')).toBe('2026-09-01');
    expect(parseDateText('10-1', '2026-03')).toBe('2025-10-01');
    expect(parseDateText('3-1', '2026-09')).toBe('2026-03-01');
    expect(parseDateText('2-1', '2026-09')).toBe('2027-02-01');
    // 29 February exists only in a leap year, the year chosen.
    expect(parseDateText('2-29', '2028-01')).toBe('2028-02-29');
    expect(parseDateText('2-29', '2026-12')).toBeNull();
    expect(parseDateTimeText('1-3 9:05', '2026-12')).toBe('2027-01-03T09:05');
    expect(parseDateTimeText('12 16:30', '2026-05')).toBe('2026-05-12T16:30');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['', 'abc', '2026-02-30', '2026-13-01', '05/14/2026', '2026-05', '32', '2026-05-14x']) expect(parseDateText(bad, '2026-05'), bad).toBeNull();
  });

  it('reads a date and time to YYYY-MM-DDTHH:MM, and shows it with a space', () => {
    for (const typed of ['2026-05-14 09:30', '2026-05-14T09:30', '2026/5/14 9:30', '2026-05-14 9：30']) expect(parseDateTimeText(typed), typed).toBe('2026-05-14T09:30');
    expect(parseDateTimeText('14 16:00', '2026-05')).toBe('2026-05-14T16:00');
    for (const bad of ['2026-05-14', '2026-05-14 24:00', '2026-05-14 9:60', '16:00']) expect(parseDateTimeText(bad, '2026-05'), bad).toBeNull();
    expect(showDateTime('2026-05-14T09:30')).toBe('2026-05-14 09:30');
    expect(showDateTime('2026-05-14')).toBe('2026-05-14');
  });
});

const period = fc.record({ year: fc.integer({ min: 2001, max: 2098 }), month: fc.integer({ min: 1, max: 12 }) });
const periodText = (p: { year: number; month: number }) => `${p.year}-${String(p.month).padStart(2, '0')}`;
/** A calendar date as { year, month, day } (days up to 28 in every month, up to 31 where they exist). */
const date = fc.record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) }).filter((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDate() === d.day);

describe('typed dates, on random months and dates', () => {
  it('a full date reads as itself, in any sheet month or none', () => {
    fc.assert(
      fc.property(date, period, fc.constantFrom('-', '/', '.'), (d, p, sep) => {
        const iso = formatDate(d);
        expect(parseDateText(`${d.year}${sep}${d.month}${sep}${d.day}`, periodText(p))).toBe(iso);
        expect(parseDateText(iso)).toBe(iso);
      }),
    );
  });

  it('a day alone reads in the sheet’s month, exactly when the month has that day', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 0, max: 40 }), (p, day) => {
        const exists = day >= 1 && new Date(Date.UTC(p.year, p.month - 1, day)).getUTCDate() === day;
        expect(parseDateText(String(day), periodText(p))).toBe(exists ? formatDate({ ...p, day }) : null);
      }),
    );
  });

  it('a month and day reads within six months of the sheet’s month, in that month and day', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (p, month, day) => {
        const read = parseDateText(`${month}-${day}`, periodText(p));
        expect(read).not.toBeNull();
        const [y, m, d] = read!.split('-').map(Number) as [number, number, number];
        expect([m, d]).toEqual([month, day]);
        expect(y).toBe(nearestYear(p, month));
        const distance = Math.abs(y * 12 + m - (p.year * 12 + p.month));
        expect(distance).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('a date and time reads back from how it is shown', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (d, h, min) => {
        const stored = `${formatDate(d)}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
        expect(parseDateTimeText(showDateTime(stored))).toBe(stored);
      }),
    );
  });

  it('text that holds no digit is never a date', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[0-9\uFF10-\uFF19]/.test(s)), period, (s, p) => {
      expect(parseDateText(s, periodText(p))).toBeNull();
    }));
  });
});
