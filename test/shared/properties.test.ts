/** Invariants of the scoring rules, checked on random valid sheets (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { leafItems, type ItemNode, type Rubric } from '../../shared/rubric/schema.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';

const hundredths = (min: number, max: number) => fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((h) => h / 100);

/** A random valid value for an item, by its rule kind. */
function itemValue(item: ItemNode): fc.Arbitrary<ItemInput> {
  const r = item.rule;
  const doubled: { doubled?: fc.Arbitrary<boolean> } = item.handIn ? { doubled: fc.boolean() } : {};
  const incidents = (kinds: { id: string; min: number; max: number }[]) =>
    fc.array(fc.oneof(...kinds.map((k) => fc.record({ kind: fc.constant(k.id), deduction: hundredths(k.min, k.max) }))), { maxLength: 4 });
  switch (r.kind) {
    case 'violation':
    case 'all-or-nothing':
      return fc.record({ violated: fc.boolean(), ...doubled });
    case 'falsified':
      return fc.record({ falsified: fc.boolean() });
    case 'per-occurrence':
      return r.incidents
        ? fc.record({ occurrences: fc.integer({ min: 0, max: 10 }), incidents: incidents(r.incidents), ...doubled })
        : fc.record({ occurrences: fc.integer({ min: 0, max: 10 }), ...doubled });
    case 'penalty':
      return fc.record({ occurrences: fc.integer({ min: 0, max: 5 }) });
    case 'judged':
      return fc.record({ points: hundredths(0, item.points) });
    case 'incidents':
      return fc.record({ incidents: incidents(r.incidents) });
    case 'grade':
      return fc.oneof(
        ...r.grades.map((g) =>
          'range' in g ? fc.record({ grade: fc.constant(g.id), deduction: hundredths(g.range.min, g.range.max), ...doubled }) : fc.record({ grade: fc.constant(g.id), ...doubled }),
        ),
      );
  }
}

interface RandomSheet {
  rubric: string;
  period: string;
  absences: { length: 'full' | 'half' }[];
  items: Record<string, ItemInput>;
}

function sheet(rubric: Rubric): fc.Arbitrary<RandomSheet> {
  const leaves = leafItems(rubric.items).map((l) => l.item);
  const gates = rubric.items.flatMap(function gated(n): string[] {
    return n.type === 'group' ? [...(n.gate ? [n.id] : []), ...n.children.flatMap(gated)] : [];
  });
  return fc.record({
    rubric: fc.constant(rubric.id),
    period: fc.constant('2026-10'),
    absences: fc.array(fc.record({ length: fc.constantFrom('full' as const, 'half' as const) }), { maxLength: 31 }),
    items: fc.record(
      Object.fromEntries([
        ...leaves.map((i) => [i.id, itemValue(i)] as const),
        ...gates.map((g) => [g, fc.record({ violated: fc.boolean() })] as const),
      ]),
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, ItemInput>>,
  });
}

const anySheet = fc.oneof(...BUILTIN_RUBRICS.map(sheet));

describe.each(BUILTIN_RUBRICS.map((r) => [r.id, r] as const))('%s', (_id, rubric) => {
  it('daily score always in [0, 100], monthly in [0, 100], all with at most 2 decimals', () => {
    fc.assert(
      fc.property(sheet(rubric), (input) => {
        const out = scoreInput(input);
        for (const x of [out.dailyScore, out.monthlyScore, out.attendance.score]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(100);
          expect(Number.isInteger(Math.round(x * 100)) && Math.abs(Math.round(x * 100) - x * 100) < 1e-6).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every ordinary item scores within [0, max]; the daily score is the clamped sum of item points', () => {
    fc.assert(
      fc.property(sheet(rubric), (input) => {
        const out = scoreInput(input);
        let sumH = 0;
        for (const i of out.items) {
          if (!i.penalty) {
            expect(i.points).toBeGreaterThanOrEqual(0);
            expect(i.points).toBeLessThanOrEqual(i.max);
          }
          sumH += Math.round(i.points * 100);
        }
        expect(Math.round(out.dailyScore * 100)).toBe(Math.min(10000, Math.max(0, sumH)));
      }),
      { numRuns: 300 },
    );
  });
});

/** Occurrence-counting fields of a rubric's items. */
function countable(rubric: Rubric) {
  return leafItems(rubric.items)
    .map((l) => l.item)
    .filter((i) => i.rule.kind === 'per-occurrence' || i.rule.kind === 'penalty');
}

describe('monotonicity', () => {
  it('adding an occurrence never raises any score', () => {
    fc.assert(
      fc.property(anySheet, fc.nat(), (input, pick) => {
        const rubric = BUILTIN_RUBRICS.find((r) => r.id === input.rubric)!;
        const items = countable(rubric);
        if (items.length === 0) return; // the regional-manager rubric counts nothing
        const target = items[pick % items.length]!;
        const before = scoreInput(input);
        const value = (input.items[target.id] ?? {}) as ItemInput;
        const after = scoreInput({ ...input, items: { ...input.items, [target.id]: { ...value, occurrences: (value.occurrences ?? 0) + 1 } } });
        expect(after.dailyScore).toBeLessThanOrEqual(before.dailyScore);
        expect(after.monthlyScore).toBeLessThanOrEqual(before.monthlyScore);
      }),
      { numRuns: 400 },
    );
  });

  it('adding a violation never raises any score', () => {
    fc.assert(
      fc.property(anySheet, fc.nat(), (input, pick) => {
        const rubric = BUILTIN_RUBRICS.find((r) => r.id === input.rubric)!;
        const violable = leafItems(rubric.items).map((l) => l.item).filter((i) => i.rule.kind === 'violation' || i.rule.kind === 'all-or-nothing' || i.rule.kind === 'falsified');
        if (violable.length === 0) return;
        const target = violable[pick % violable.length]!;
        const field = target.rule.kind === 'falsified' ? 'falsified' : 'violated';
        const before = scoreInput(input);
        const after = scoreInput({ ...input, items: { ...input.items, [target.id]: { ...(input.items[target.id] as object), [field]: true } } });
        expect(after.dailyScore).toBeLessThanOrEqual(before.dailyScore);
      }),
      { numRuns: 400 },
    );
  });

  it('an absence never raises the monthly score', () => {
    fc.assert(
      fc.property(anySheet.filter((s) => s.absences.length < 31), fc.constantFrom('full', 'half'), (input, length) => {
        const after = scoreInput({ ...input, absences: [...input.absences, { length }] });
        expect(after.monthlyScore).toBeLessThanOrEqual(scoreInput(input).monthlyScore);
      }),
    );
  });

  it('doubling never lowers a deduction, and never takes an item below 0', () => {
    fc.assert(
      fc.property(anySheet, (input) => {
        const plain = scoreInput({ ...input, items: stripDoubled(input.items) });
        const withDoubling = scoreInput(input);
        plain.items.forEach((p, i) => {
          const d = withDoubling.items[i]!;
          expect(d.deduction).toBeGreaterThanOrEqual(p.deduction);
          if (!d.penalty) expect(d.points).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});

function stripDoubled(items: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(items).map(([id, v]) => {
      const rest: ItemInput = { ...(v as ItemInput) };
      delete rest.doubled;
      return [id, rest];
    }),
  );
}
