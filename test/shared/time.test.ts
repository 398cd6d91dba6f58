/** Times shown to a person: local time with its zone, one form for the PDFs, reports and screens. */
import { describe, expect, it } from 'vitest';
import { formatLocalTime } from '../../shared/time.ts';

describe('formatLocalTime', () => {
  const at = '2026-12-07T15:52:46.253Z';
  it('shows the time in the zone given, with the zone', () => {
    expect(formatLocalTime(at, 'Asia/Shanghai')).toBe('2026-12-07 23:52 (UTC+8)');
    expect(formatLocalTime(at, 'UTC')).toBe('2026-12-07 15:52 (UTC)');
    expect(formatLocalTime(at, 'Asia/Kolkata')).toBe('2026-12-07 21:22 (UTC+5:30)');
    expect(formatLocalTime(at, 'America/New_York')).toBe('2026-12-07 10:52 (UTC-5)');
    // The day changes with the zone.
    expect(formatLocalTime('2026-12-07T17:30:00Z', 'Asia/Shanghai')).toBe('2026-12-08 01:30 (UTC+8)');
    expect(formatLocalTime('2026-12-07T00:05:00+08:00', 'Asia/Shanghai')).toBe('2026-12-07 00:05 (UTC+8)');
  });
  it('defaults to this computer’s zone and never prints the stored UTC form', () => {
    const shown = formatLocalTime(at);
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC([+-]\d{1,2}(:\d{2})?)?\)$/);
    expect(shown).not.toContain('T15:52');
  });
  it('gives back text that is not a time', () => {
    expect(formatLocalTime('not a time')).toBe('not a time');
  });
});
