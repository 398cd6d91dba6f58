/**
 * The scoring engine's fast paths give exactly what the general path gives (issue 7: the engine
 * was made faster without changing any output). Each fast path is checked against the general
 * one over generated inputs, valid and invalid:
 * - a leaf nothing was recorded for (its outcome is worked out once per rubric) vs. the same leaf
 *   recorded as `{}` (scored by rawDeduction on every sheet);
 * - a `id@version` rubric ref (matched without parsing) vs. the same ref written `id@0version`
 *   (which only the ref pattern reads);
 * - periods, dates and hand-in dates read by char codes vs. the patterns that define them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { randomEntry, seeded } from '../../electron/services/demo.ts';
import { dateAt, daysInMonth, isDate, parseDate, parsePeriod, PERIOD_PATTERN, MAX_YEAR, MIN_YEAR } from '../../shared/period.ts';
import { BUILTIN_RUBRICS, loadRubric, resolveRubric } from '../../shared/rubric/catalog.ts';
import { salesperson } from '../../shared/rubric/builtin/salesperson.ts';
import { leafItems, type Rubric } from '../../shared/rubric/schema.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { handInDateOk, HAND_IN_PATTERN } from '../../shared/scoring/handins.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';

const PERIODS = ['2025-02', '2025-11', '2026-01', '2026-02', '2026-10', '2028-02'];

/** What a manager records, from the demo's generator (as the benchmark's inputs), `count` sheets. */
function generatedSheets(count: number, seed: number) {
  const rng = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const rubric = BUILTIN_RUBRICS[i % BUILTIN_RUBRICS.length]!;
    const period = PERIODS[i % PERIODS.length]!;
    const entry = randomEntry(rng, rubric, period);
    return { rubric: `${rubric.id}@${rubric.version}`, period, person: { id: `E${i}`, name: '王伟' }, ...entry };
  });
}

/** The outcome of scoreInput: the result, or the thrown error's message and problems. */
function outcome(input: unknown): unknown {
  try {
    return { result: scoreInput(input) };
  } catch (err) {
    return { message: (err as Error).message, problems: (err as { problems?: unknown }).problems };
  }
}

/** Deep-equal and the same JSON (key order included: results are stored and hashed as JSON). */
function expectSame(a: unknown, b: unknown): void {
  expect(isDeepStrictEqual(a, b)).toBe(true);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
}

describe('unrecorded items (outcome kept per rubric) score as items recorded as {}', () => {
  const withEveryLeaf = (input: ReturnType<typeof generatedSheets>[number]) => {
    const rubric = BUILTIN_RUBRICS.find((r) => input.rubric === `${r.id}@${r.version}`)!;
    const items: Record<string, ItemInput> = { ...input.items };
    for (const { item } of leafItems(rubric.items)) items[item.id] ??= {};
    return { ...input, items };
  };

  it('on 3,000 generated sheets (valid, as the benchmark scores them)', () => {
    const sheets = generatedSheets(3000, 7);
    let scored = 0;
    for (const input of sheets) {
      const fast = outcome(input);
      expectSame(fast, outcome(withEveryLeaf(input)));
      if ((fast as { result?: unknown }).result) scored++;
    }
    expect(scored).toBe(sheets.length); // the generator makes valid sheets: every one went through scoring
  });

  it('on generated sheets with a recorded value broken, dropped or added (mostly invalid)', () => {
    const sheets = generatedSheets(500, 11);
    const junk = fc.constantFrom<unknown>(undefined, null, true, false, 0, 1, 2.5, -1, 1000, 0.001, '', 'x', [], {}, { violated: true }, [{ kind: 'x', deduction: 1 }]);
    const fieldName = fc.constantFrom('violated', 'falsified', 'occurrences', 'incidents', 'points', 'grade', 'deduction', 'note', 'doubled', 'zz');
    let invalid = 0;
    fc.assert(
      fc.property(fc.nat(sheets.length - 1), fc.nat(), fieldName, junk, fc.boolean(), (i, pick, field, value, drop) => {
        const input = structuredClone(sheets[i]!);
        const rubric = BUILTIN_RUBRICS.find((r) => input.rubric === `${r.id}@${r.version}`)!;
        const leaves = leafItems(rubric.items);
        const id = leaves[pick % leaves.length]!.item.id;
        const recorded = { ...(input.items[id] ?? {}) } as Record<string, unknown>;
        if (drop) delete recorded[field];
        else recorded[field] = structuredClone(value);
        input.items[id] = recorded as ItemInput;
        const fast = outcome(input);
        if (!(fast as { result?: unknown }).result) invalid++;
        expectSame(fast, outcome(withEveryLeaf(input)));
      }),
      { numRuns: 2000, seed: 3 },
    );
    expect(invalid).toBeGreaterThan(100); // the invalid ones were compared too (same problems, same message)
  });
});

describe('a rubric ref id@version (matched without parsing) resolves as the ref pattern reads it', () => {
  const v2 = loadRubric({ ...salesperson, version: 2, effectiveFrom: '2027-01' });
  const catalogs: Rubric[][] = [[...BUILTIN_RUBRICS], [...BUILTIN_RUBRICS, v2], [v2, ...BUILTIN_RUBRICS], [v2]];

  it('the same rubric (or problem) as id@0version, for every rubric, catalog and period', () => {
    fc.assert(
      fc.property(fc.nat(catalogs.length - 1), fc.nat(), fc.constantFrom('2020-01', '2026-10', '2027-01', '9999-12'), fc.integer({ min: 0, max: 3 }), (c, pick, period, versionShift) => {
        const rubrics = catalogs[c]!;
        const all = [...BUILTIN_RUBRICS, v2];
        const r = all[pick % all.length]!;
        const version = r.version + versionShift; // sometimes a version that does not exist
        const fast = resolveRubric(`${r.id}@${version}`, period, rubrics);
        const general = resolveRubric(`${r.id}@0${version}`, period, rubrics);
        // A refusal names the ref as written; the rest is the same.
        expectSame(fast.ok ? fast : { ...fast, problem: { ...fast.problem, value: `${r.id}@0${version}` } }, general);
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it('an id the ref pattern does not take is refused as before, even when a rubric has it', () => {
    const dotted = loadRubric({ ...salesperson, id: 'sales.person' });
    const found = resolveRubric('sales.person@1', '2026-10', [dotted]);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.problem).toEqual({ field: 'rubric', value: 'sales.person@1', expected: 'a rubric id, optionally with @version (known: sales.person)' });
  });

  it('validation gives the same answer for the sheet with either ref', () => {
    for (const input of generatedSheets(300, 13)) {
      const zeroRef = { ...input, rubric: input.rubric.replace('@', '@0') };
      const [fast, general] = [validateSheetInput(input), validateSheetInput(zeroRef)];
      expect(fast.ok && general.ok).toBe(true); // generated sheets are valid
      expect(fast.ok && general.ok && fast.rubric === general.rubric).toBe(true);
    }
  });
});

describe('char-code readers match the patterns that define them', () => {
  // Strings near the formats (digits, dashes, T, colons, the odd other character) and any strings.
  const nearFormat = fc.oneof(
    fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9', '-', 'T', ':', ' ', 'a', '٣', '\n'), { maxLength: 18 }).map((cs) => cs.join('')),
    fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(
      ([y, m, d, h, min]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`,
    ),
    fc.string({ maxLength: 20 }),
  );
  const prefixes = nearFormat.chain((s) => fc.nat(s.length).map((n) => s.slice(0, n)));
  const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function dateByPattern(text: unknown) {
    const m = typeof text === 'string' ? DATE.exec(text) : null;
    if (!m) return null;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return month < 1 || month > 12 || day < 1 || day > daysInMonth({ year, month }) ? null : { year, month, day };
  }

  it('parsePeriod', () => {
    fc.assert(
      fc.property(prefixes, (text) => {
        const m = PERIOD_PATTERN.exec(text);
        const p = m && { year: Number(m[1]), month: Number(m[2]) };
        const expected = p && p.year >= MIN_YEAR && p.year <= MAX_YEAR && p.month >= 1 && p.month <= 12 ? p : null;
        expect(parsePeriod(text)).toEqual(expected);
      }),
      { numRuns: 5000, seed: 1 },
    );
  });

  it('parseDate, isDate and dateAt', () => {
    fc.assert(
      fc.property(prefixes, (text) => {
        const expected = dateByPattern(text);
        expect(parseDate(text)).toEqual(expected);
        expect(isDate(text)).toBe(expected !== null);
        expect(dateAt(text)).toEqual(dateByPattern(text.slice(0, 10)));
      }),
      { numRuns: 5000, seed: 2 },
    );
    for (const x of [undefined, null, 20260101, ['2026-01-01']]) expect([parseDate(x), isDate(x)]).toEqual([null, false]);
  });

  it('handInDateOk', () => {
    fc.assert(
      fc.property(prefixes, fc.boolean(), (text, withTime) => {
        const m = HAND_IN_PATTERN.exec(text);
        const expected = m !== null && parseDate(m[1]) !== null && !(withTime && m[2] === undefined);
        expect(handInDateOk(text, withTime)).toBe(expected);
      }),
      { numRuns: 5000, seed: 4 },
    );
    expect(handInDateOk(20260101, false)).toBe(false);
  });
});
