/** The rubric schema, the built-in rubrics against the spec's tables, and content hashes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../../shared/canonical.ts';
import { BUILTIN_RUBRICS, loadRubric, resolveRubric } from '../../shared/rubric/catalog.ts';
import { salesperson } from '../../shared/rubric/builtin/salesperson.ts';
import { leafItems, type RubricDefinition } from '../../shared/rubric/schema.ts';
import { describeAssessors, describeRule, rubricAsText } from '../../shared/rubric/describe.ts';

const spec = readFileSync(new URL('../../docs/spec/assessment.md', import.meta.url), 'utf8');

/** Rows `| `id` | 中文 | points | rule |` of the spec section that starts with `heading`. */
function specRows(heading: string): { id: string; points: number }[] {
  const start = spec.indexOf(heading);
  const end = spec.indexOf('\n## ', start + 1);
  const section = spec.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([a-z0-9.-]+)`(?: \(group, \d+\))? \| [^|]+ \| (\d+)/gm)].map((m) => ({ id: m[1]!, points: Number(m[2]) }));
}

/** The newest built-in version of a rubric (the one in force: every version is in force from 2000-01). */
const byId = (id: string) => BUILTIN_RUBRICS.filter((r) => r.id === id).at(-1)!;
const versionsOf = (id: string) => BUILTIN_RUBRICS.filter((r) => r.id === id);
const itemOf = (rubric: RubricDefinition, id: string) => leafItems(rubric.items).find((l) => l.item.id === id)!.item;

describe('built-in rubrics match assessment.md', () => {
  it.each([
    ['regional-manager', '## §2', 7],
    ['salesperson', '## §3', 17],
    ['field-service', '## §4', 11],
  ])('%s has every item of the spec with its points, and nothing else (every version)', (id, heading, rows) => {
    for (const rubric of versionsOf(id)) checkItems(rubric, heading, rows);
  });
  function checkItems(rubric: RubricDefinition, heading: string, rows: number) {
    const expected = specRows(heading);
    expect(expected).toHaveLength(rows); // the parser found the whole table
    const leaves = new Map(leafItems(rubric.items).map((l) => [l.item.id, l.item.points]));
    const groups = new Map<string, number>();
    (function walk(nodes: RubricDefinition['items']) {
      for (const n of nodes) {
        if (n.type !== 'group') continue;
        groups.set(n.id, leafItems(n.children).reduce((s, l) => s + l.item.points, 0));
        walk(n.children);
      }
    })(rubric.items);
    for (const row of expected) expect(leaves.get(row.id) ?? groups.get(row.id), row.id).toBe(row.points);
    const specIds = new Set(expected.map((r) => r.id));
    expect([...leaves.keys()].filter((k) => !specIds.has(k))).toEqual([]);
  }

  it('each has Chinese and English titles, versions 1…n in force for every month, weights 70/30, attendance 100 −4/day', () => {
    for (const id of ['salesperson', 'regional-manager', 'field-service']) {
      expect(versionsOf(id).map((r) => r.version)).toEqual(versionsOf(id).map((_, i) => i + 1));
    }
    for (const r of BUILTIN_RUBRICS) {
      expect(r.effectiveFrom).toBe('2000-01');
      expect(r.weights).toEqual({ daily: 70, attendance: 30 });
      expect(r.attendance).toEqual({ full: 100, deductionPerDay: 4 });
      for (const { item } of leafItems(r.items)) {
        expect(item.title.zh).toMatch(/\p{Script=Han}/u);
        expect(item.title.en).toMatch(/^[\x20-\x7e’…]+$/);
      }
    }
  });

  it('the deadlines of the spec are on their items', () => {
    const deadline = (rubric: string, id: string) => leafItems(byId(rubric).items).find((l) => l.item.id === id)!.item.deadline;
    expect(deadline('salesperson', 'ad-plan')).toEqual({ kind: 'day-of-month', day: 13 });
    expect(deadline('salesperson', 'promotion-plan')).toEqual({ kind: 'day-of-month', day: 15 });
    expect(deadline('salesperson', 'promotion-review')).toMatchObject({ kind: 'days-after-event', days: 5 });
    expect(deadline('salesperson', 'dealer.rebate-forms')).toEqual({ kind: 'day-of-month', day: 25 });
    expect(deadline('salesperson', 'dealer.terminal-daily-report')).toMatchObject({ kind: 'same-day', time: '16:00' });
    expect(deadline('regional-manager', 'on-time')).toEqual({ kind: 'day-of-month', day: 30 });
  });

  it('field-service: the items add up to 110 with the penalty item’s nominal 10', () => {
    for (const fs of versionsOf('field-service')) expect(leafItems(fs.items).reduce((s, l) => s + l.item.points, 0)).toBe(110);
  });
});

describe('versions as first shipped are never edited (stored sheets and signed files carry their hash)', () => {
  it('the @1 hashes', () => {
    const hashes = Object.fromEntries(BUILTIN_RUBRICS.filter((r) => r.version === 1).map((r) => [r.id, r.hash]));
    expect(hashes).toEqual({
      salesperson: 'sha256:ba1eb942497d07cfdce2c078fb8e9f384a58edf9f8dbb62a6dbee676b04ef6d0',
      'regional-manager': 'sha256:5ae510f6f05c72a12e49775c17eb12955e66dcca6b667c4a0ef088800bb8ece7',
      'field-service': 'sha256:1025de2c776e9cc076d0852137c1454eee8b92b91db09e5d1903f0f8183bb681',
    });
  });
  it('the @2 hashes (revised 2026-12-07)', () => {
    expect(Object.fromEntries(BUILTIN_RUBRICS.filter((r) => r.version === 2).map((r) => [r.id, r.hash]))).toEqual({
      salesperson: 'sha256:e3872bdf28ff5478624f23aae654e4c25f73e0636834a8b39cb594b2e9ac4ba5',
      'field-service': 'sha256:37760fff5746394b595554afaeec932ae413682fecd9dbda595b01a3b7619d69',
    });
  });
  it('the @1 rules kept: key accounts "more than 2", doubling on the field-service hand-ins, assessors in words', () => {
    const [sales1, field1] = [versionsOf('salesperson')[0]!, versionsOf('field-service')[0]!];
    expect(itemOf(sales1, 'weekly-report.key-accounts').rule).toEqual({ kind: 'per-occurrence', deduction: 3, zeroAbove: 2 });
    expect(leafItems(field1.items).filter((l) => l.item.handIn).map((l) => l.item.id)).toEqual(['service-center.parts-plan', 'reports']);
    expect(leafItems(field1.items).some((l) => l.item.assessedBy)).toBe(false);
  });
});

describe('the revised versions match assessment.md (revised 2026-12-07)', () => {
  it('salesperson@2: 2 or more missing key-account entries → 0, said so in both languages', () => {
    const key = itemOf(byId('salesperson'), 'weekly-report.key-accounts');
    expect(byId('salesperson').version).toBe(2);
    expect(key.rule).toEqual({ kind: 'per-occurrence', deduction: 3, zeroAbove: 1 });
    expect(key.detail).toEqual({ zh: expect.stringContaining('2项以上不填者该项不得分'), en: expect.stringContaining('2 or more missing → 0') });
    expect(describeRule(key, 'zh')).toBe('每次扣3分,2次及以上不得分');
    expect(describeRule(key, 'en')).toBe('−3 per occurrence, 2 or more → 0');
  });
  it('salesperson@2: each hand-in names the department it goes to; doubling stays on the hand-ins', () => {
    const sales = byId('salesperson');
    const assessed = Object.fromEntries(leafItems(sales.items).filter((l) => l.item.assessedBy).map((l) => [l.item.id, l.item.assessedBy]));
    expect(assessed).toEqual({
      'dealer.terminal-daily-report': ['regional-planner'],
      'dealer.rebate-forms': ['sales-planning'],
      'ad-plan': ['advertising'],
      'promotion-plan': ['advertising'],
      'promotion-review': ['advertising'],
    });
    expect(leafItems(sales.items).filter((l) => l.item.handIn).map((l) => l.item.id)).toEqual(leafItems(versionsOf('salesperson')[0]!.items).filter((l) => l.item.handIn).map((l) => l.item.id));
  });
  it('field-service@2: the groups the source names per item, special by the claims group, no doubling, severe complaints', () => {
    const fs = byId('field-service');
    expect(fs.version).toBe(2);
    expect(Object.fromEntries(leafItems(fs.items).map((l) => [l.item.id, l.item.assessedBy]))).toEqual({
      competence: ['field-management'],
      whereabouts: ['field-management', 'correspondence', 'claims', 'technical', 'parts'],
      complaints: ['field-management', 'correspondence'],
      'service-center.claims': ['claims'],
      'service-center.parts-plan': ['parts', 'correspondence'],
      'dealer-opinion': ['correspondence'],
      reports: ['field-management'],
      training: ['technical'],
      'service-activities': ['field-management'],
      'info-feedback': ['field-management', 'technical'],
      special: ['claims'],
    });
    expect(leafItems(fs.items).filter((l) => l.item.handIn || l.item.scoredBy)).toEqual([]);
    expect(itemOf(fs, 'complaints').rule).toMatchObject({ kind: 'incidents', severeFlag: 'severe-complaint' });
    expect(describeAssessors(itemOf(fs, 'special'), 'zh')).toBe('索赔组');
    expect(describeAssessors(itemOf(fs, 'complaints'), 'en')).toBe('Field management group, Correspondence group');
    // Version 1's words still read the same way.
    expect(describeAssessors(itemOf(versionsOf('field-service')[0]!, 'complaints'), 'zh')).toBe('现场管理组、函电组');
  });
  it('regional-manager has no revision: @1 is the one in force', () => {
    expect(versionsOf('regional-manager').map((r) => r.version)).toEqual([1]);
  });
  it('assessedBy: known departments, each once; an optional field that leaves older hashes alone', () => {
    const sales = structuredClone(versionsOf('salesperson')[0]!) as RubricDefinition & { hash?: string };
    delete sales.hash;
    const withField = structuredClone(sales);
    itemOf(withField, 'ad-plan').assessedBy = ['advertising'];
    expect(loadRubric(withField).hash).not.toBe(loadRubric(sales).hash);
    expect(loadRubric(sales).hash).toBe(versionsOf('salesperson')[0]!.hash);
    (itemOf(withField, 'ad-plan') as { assessedBy: string[] }).assessedBy = ['marketing'];
    expect(() => loadRubric(withField)).toThrow(/assessedBy/);
    itemOf(withField, 'ad-plan').assessedBy = ['advertising', 'advertising'];
    expect(() => loadRubric(withField)).toThrow(/each department at most once/);
  });
});

describe('content hash', () => {
  it('is sha256 of the canonical form, stable for the built-ins', () => {
    for (const r of BUILTIN_RUBRICS) {
      const { hash, ...definition } = r;
      expect(hash).toBe(contentHash(definition));
      expect(loadRubric(JSON.parse(JSON.stringify(definition))).hash).toBe(hash);
    }
  });

  it('does not change when key order does', () => {
    const shuffle = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(shuffle);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, shuffle(x)]));
      return v;
    };
    const reversed = shuffle(salesperson);
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(salesperson));
    expect(canonicalJson(reversed)).toBe(canonicalJson(salesperson));
    expect(loadRubric(reversed).hash).toBe(versionsOf('salesperson')[0]!.hash);
  });

  it('changes when any point value changes', () => {
    const numericPaths: (string | number)[][] = [];
    (function collect(v: unknown, path: (string | number)[]) {
      if (typeof v === 'number') numericPaths.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...path, k]);
    })(salesperson, []);
    expect(numericPaths.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...numericPaths), fc.integer({ min: 1, max: 5 }), (path, delta) => {
        const copy = structuredClone(salesperson) as unknown as Record<string, unknown>;
        let parent: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        const last = path.at(-1)!;
        parent[last] = (parent[last] as number) + delta;
        expect(contentHash(copy)).not.toBe(versionsOf('salesperson')[0]!.hash);
      }),
    );
  });
});

describe('schema refuses inconsistent rubrics with the path of the problem', () => {
  const broken = (mutate: (r: RubricDefinition) => void) => {
    const copy = structuredClone(salesperson);
    mutate(copy);
    return () => loadRubric(copy);
  };
  it('weights not summing to 100', () => expect(broken((r) => (r.weights.daily = 60))).toThrow(/weights: .*weights must add up to 100/));
  it('items not adding up to dailyMax', () => expect(broken((r) => (r.dailyMax = 110))).toThrow(/dailyMax: .*items add up to 100 points but dailyMax is 110/));
  it('duplicate ids', () => expect(broken((r) => ((r.items[1] as { children: { id: string }[] }).children[1]!.id = 'ad-plan'))).toThrow(/duplicate id "ad-plan"/));
  it('a deduction larger than the item', () => {
    expect(broken((r) => ((r.items[0] as { children: { rule: { deduction: number } }[] }).children[0]!.rule.deduction = 6))).toThrow(/items\[0\]\.children\[0\]\.rule\.deduction: .*deduction 6 exceeds the item's 5 points/);
  });
  it('an unknown rule kind', () => expect(broken((r) => ((r.items[2] as unknown) = { type: 'item', id: 'x', title: { zh: 'x', en: 'x' }, points: 0, rule: { kind: 'bonus' } }))).toThrow(/Invalid rubric/));
  it('a penalty item inside a group', () =>
    expect(
      broken((r) =>
        (r.items[0] as { children: unknown[] }).children.push({ type: 'item', id: 'p', title: { zh: '罚', en: 'P' }, points: 0, rule: { kind: 'penalty', steps: [{ atLeast: 1, deduction: 5 }] } }),
      ),
    ).toThrow(/penalty item must stand at the top level/));
  it('points with 3 decimals', () => expect(broken((r) => (r.attendance.deductionPerDay = 4.125))).toThrow(/attendance\.deductionPerDay: got 4\.125; expected at most 2 decimals/));
});

describe('resolving a rubric for a period', () => {
  const v3 = loadRubric({ ...structuredClone(salesperson), version: 3, effectiveFrom: '2027-01', weights: { daily: 60, attendance: 40 } });
  const catalog = [...BUILTIN_RUBRICS, v3];
  it('a bare id takes the newest version in force (the built-in @2 for every month before 2027-01)', () => {
    const pick = (period: string) => {
      const r = resolveRubric('salesperson', period, catalog);
      return r.ok ? r.rubric.version : null;
    };
    expect([pick('2000-01'), pick('2026-12'), pick('2027-01'), pick('2030-06')]).toEqual([2, 2, 3, 3]);
  });
  it('a pinned version is used whatever the period', () => {
    const r = resolveRubric('salesperson@1', '2030-06', catalog);
    expect(r.ok && r.rubric.version).toBe(1);
  });
});

describe('rules in words', () => {
  it('describes every item in both languages', () => {
    for (const r of BUILTIN_RUBRICS) {
      for (const { item } of leafItems(r.items)) {
        expect(describeRule(item, 'zh')).not.toBe('');
        expect(describeRule(item, 'en')).not.toBe('');
      }
      expect(rubricAsText(r, 'zh')).toContain(r.title.zh);
    }
    const special = leafItems(byId('field-service').items).find((l) => l.item.id === 'special')!.item;
    expect(describeRule(special, 'en')).toBe('1+ found → −10; 2+ found → −30 and transfer off post (taken from the daily-work total)');
  });
});
