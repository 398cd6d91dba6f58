/** Hand-in deadlines (assessment.md "Deadlines"): due dates and lateness, boundaries. */
import { describe, expect, it } from 'vitest';
import { dueDate, isLate, SHEETS_TO_HR } from '../../shared/deadlines.ts';

const event = { zh: '活动结束', en: 'the promotion ends' };

describe('dueDate: day of the month', () => {
  it('the named day of the period', () => {
    expect(dueDate({ kind: 'day-of-month', day: 13 }, '2026-10')).toEqual({ date: '2026-10-13' });
    expect(dueDate({ kind: 'day-of-month', day: 25 }, '2026-02')).toEqual({ date: '2026-02-25' });
    expect(dueDate({ kind: 'day-of-month', day: 1 }, '2026-01')).toEqual({ date: '2026-01-01' });
  });

  it('the 30th clamps to the last day of a shorter month', () => {
    const d30 = { kind: 'day-of-month', day: 30 } as const;
    expect(dueDate(d30, '2026-02')).toEqual({ date: '2026-02-28' });
    expect(dueDate(d30, '2028-02')).toEqual({ date: '2028-02-29' });
    expect(dueDate(d30, '2000-02')).toEqual({ date: '2000-02-29' });
    expect(dueDate(d30, '2026-04')).toEqual({ date: '2026-04-30' });
    expect(dueDate(d30, '2026-12')).toEqual({ date: '2026-12-30' });
  });

  it('the 31st clamps in 30-day months and February', () => {
    const d31 = { kind: 'day-of-month', day: 31 } as const;
    expect(dueDate(d31, '2026-04')).toEqual({ date: '2026-04-30' });
    expect(dueDate(d31, '2026-02')).toEqual({ date: '2026-02-28' });
    expect(dueDate(d31, '2026-01')).toEqual({ date: '2026-01-31' });
  });
});

describe('dueDate: day of the next month', () => {
  it('SHEETS_TO_HR is the 8th of the next month, across the year end', () => {
    expect(dueDate(SHEETS_TO_HR, '2026-10')).toEqual({ date: '2026-11-08' });
    expect(dueDate(SHEETS_TO_HR, '2026-12')).toEqual({ date: '2027-01-08' });
    expect(dueDate(SHEETS_TO_HR, '2099-12')).toEqual({ date: '2100-01-08' });
  });

  it('clamps in the next month', () => {
    expect(dueDate({ kind: 'day-of-next-month', day: 31 }, '2026-01')).toEqual({ date: '2026-02-28' });
    expect(dueDate({ kind: 'day-of-next-month', day: 30 }, '2028-01')).toEqual({ date: '2028-02-29' });
  });
});

describe('dueDate: event-based', () => {
  const fiveDays = { kind: 'days-after-event', days: 5, event } as const;

  it('days after the event, across month and year ends and leap days', () => {
    expect(dueDate(fiveDays, '2026-10', '2026-10-09')).toEqual({ date: '2026-10-14' });
    expect(dueDate(fiveDays, '2026-10', '2026-10-29')).toEqual({ date: '2026-11-03' });
    expect(dueDate(fiveDays, '2026-12', '2026-12-29')).toEqual({ date: '2027-01-03' });
    expect(dueDate(fiveDays, '2026-02', '2026-02-26')).toEqual({ date: '2026-03-03' });
    expect(dueDate(fiveDays, '2028-02', '2028-02-26')).toEqual({ date: '2028-03-02' });
    expect(dueDate({ kind: 'days-after-event', days: 0, event }, '2026-10', '2026-10-09')).toEqual({ date: '2026-10-09' });
  });

  it('same day with a time', () => {
    const sameDay = { kind: 'same-day', time: '16:00', event } as const;
    expect(dueDate(sameDay, '2026-10', '2026-10-09')).toEqual({ date: '2026-10-09', time: '16:00' });
    expect(dueDate(sameDay, '2028-02', '2028-02-29')).toEqual({ date: '2028-02-29', time: '16:00' });
  });

  it('null without a (valid) event date', () => {
    expect(dueDate(fiveDays, '2026-10')).toBeNull();
    expect(dueDate(fiveDays, '2026-02', '2026-02-30')).toBeNull();
    expect(dueDate({ kind: 'same-day', time: '16:00', event }, '2026-10')).toBeNull();
    expect(dueDate({ kind: 'same-day', time: '16:00', event }, '2026-10', '2026-10-9')).toBeNull();
  });
});

describe('dueDate: invalid period', () => {
  it.each(['2026-13', '2026-00', '1999-12', '2026-1', ''])('null for %j', (period) => {
    expect(dueDate({ kind: 'day-of-month', day: 13 }, period)).toBeNull();
    expect(dueDate(SHEETS_TO_HR, period)).toBeNull();
  });
});

describe('isLate', () => {
  it('the due day itself is on time; the day after is late; earlier is on time', () => {
    const due = { date: '2026-10-25' };
    expect(isLate(due, '2026-10-25')).toBe(false);
    expect(isLate(due, '2026-10-25T23:59')).toBe(false);
    expect(isLate(due, '2026-10-26')).toBe(true);
    expect(isLate(due, '2026-10-26T00:00')).toBe(true);
    expect(isLate(due, '2026-10-24')).toBe(false);
    expect(isLate(due, '2026-09-30')).toBe(false);
  });

  it('across month and year ends', () => {
    expect(isLate({ date: '2026-02-28' }, '2026-03-01')).toBe(true);
    expect(isLate({ date: '2028-02-28' }, '2028-02-29')).toBe(true);
    expect(isLate(dueDate(SHEETS_TO_HR, '2026-12')!, '2027-01-08')).toBe(false);
    expect(isLate(dueDate(SHEETS_TO_HR, '2026-12')!, '2027-01-09')).toBe(true);
    expect(isLate(dueDate(SHEETS_TO_HR, '2026-12')!, '2026-12-31')).toBe(false);
    expect(isLate({ date: '2026-12-31' }, '2027-01-01')).toBe(true);
  });

  it('a time-of-day deadline: up to the minute is on time, a minute after is late', () => {
    const due = { date: '2026-10-09', time: '16:00' };
    expect(isLate(due, '2026-10-09T15:59')).toBe(false);
    expect(isLate(due, '2026-10-09T16:00')).toBe(false);
    expect(isLate(due, '2026-10-09T16:01')).toBe(true);
    expect(isLate(due, '2026-10-10T08:00')).toBe(true);
    expect(isLate(due, '2026-10-08T23:59')).toBe(false);
  });
});
