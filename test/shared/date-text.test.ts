/**
 * Dates as people type them (shared/date-text.ts), read by the sheet's date fields: shown and stored
 * as YYYY-MM-DD whatever the browser's locale (a native date input showed mm/dd/yyyy in the Chinese UI).
 */
import { describe, expect, it } from 'vitest';
import { parseDateText, parseDateTimeText, showDateTime } from '../../shared/date-text.ts';

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
