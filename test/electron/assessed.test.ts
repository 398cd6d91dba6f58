/**
 * "Assessed in this month" has one home (shared/assessed.ts): the predicate the services use on a
 * person and the SQL condition they use on the people table must agree, for one month and for a
 * range, on every role and every first/last month (real SQLite).
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeIn, assessedInSql, assessedMonths, isAssessedIn } from '../../shared/assessed.ts';
import { ROLE_IDS } from '../../shared/rubric/schema.ts';

const month = fc.record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
const person = fc
  .record({ role: fc.constantFrom(...ROLE_IDS), activeFrom: month, last: fc.option(month, { nil: null }) })
  .map(({ role, activeFrom, last }) => ({ role, activeFrom, activeTo: last !== null && last < activeFrom ? activeFrom : last }));

describe('who is assessed in a month', () => {
  it('the boundaries: the first and the last month count, the months around them do not; executives never', () => {
    const p = { role: 'salesperson' as const, activeFrom: '2026-03', activeTo: '2026-06' };
    expect(['2026-02', '2026-03', '2026-06', '2026-07'].map((m) => isAssessedIn(p, m))).toEqual([false, true, true, false]);
    expect(isAssessedIn({ ...p, activeTo: null }, '2099-12')).toBe(true);
    expect(isAssessedIn({ ...p, role: 'executive' }, '2026-04')).toBe(false);
    expect(activeIn({ ...p, role: 'executive' } as never, '2026-04')).toBe(true);
    expect(assessedMonths(p)).toBe('2026-03 – 2026-06');
    expect(assessedMonths({ ...p, activeTo: null })).toBe('2026-03 – now');
  });

  it('the SQL condition selects exactly the people the predicate does, for a month and for a range', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, role TEXT NOT NULL, active_from TEXT NOT NULL, active_to TEXT)');
    const one = db.prepare(`SELECT p.id FROM people p WHERE ${assessedInSql('@period')} ORDER BY p.id`);
    const range = db.prepare(`SELECT p.id FROM people p WHERE ${assessedInSql('@from', '@to')} ORDER BY p.id`);
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), month, month, (people, a, b) => {
        db.exec('DELETE FROM people');
        const insert = db.prepare('INSERT INTO people (id, role, active_from, active_to) VALUES (?, ?, ?, ?)');
        people.forEach((p, i) => insert.run(i + 1, p.role, p.activeFrom, p.activeTo));
        const ids = (rows: unknown[]) => (rows as { id: number }[]).map((r) => r.id);
        expect(ids(one.all({ period: a }))).toEqual(people.flatMap((p, i) => (isAssessedIn(p, a) ? [i + 1] : [])));
        const [from, to] = a <= b ? [a, b] : [b, a];
        const months = allMonths(from, to);
        expect(ids(range.all({ from, to }))).toEqual(people.flatMap((p, i) => (months.some((m) => isAssessedIn(p, m)) ? [i + 1] : [])));
      }),
      { numRuns: 200 },
    );
    db.close();
  });
});

function allMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const text = `${y}-${String(m).padStart(2, '0')}`;
    if (text > to) return out;
    out.push(text);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}
