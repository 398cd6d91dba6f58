/** Every rule kind at its boundaries: 0, max, floor, "N or more → 0", ranges' ends, clamping, doubling, severe complaints. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { allGroups, leafItems } from '../../shared/rubric/schema.ts';
import { doublingCandidates } from '../../shared/scoring/doubling.ts';
import { item, score } from '../helpers/sheet.ts';

describe('violation (fixed deduction)', () => {
  it('not violated → full, violated → −5', () => {
    expect(item(score('salesperson', { 'dealer.network-plan': { violated: false } }), 'dealer.network-plan')).toMatchObject({ deduction: 0, points: 5 });
    expect(item(score('salesperson', { 'dealer.network-plan': { violated: true } }), 'dealer.network-plan')).toMatchObject({ deduction: 5, points: 0 });
  });
  it('all six dealer violations take the whole 30-point group', () => {
    const ids = ['terminal-daily-report', 'network-plan', 'end-user-issues', 'commercial-policy', 'special-issues', 'rebate-forms'];
    const out = score('salesperson', Object.fromEntries(ids.map((id) => [`dealer.${id}`, { violated: true }])));
    expect(out.groups.find((g) => g.id === 'dealer')).toMatchObject({ max: 30, points: 0 });
    expect(out.dailyScore).toBe(70);
  });
});

describe('all-or-nothing', () => {
  it('vehicle: any violation → 0; none → 5', () => {
    expect(item(score('salesperson', { vehicle: { violated: true } }), 'vehicle')).toMatchObject({ points: 0, deduction: 5 });
    expect(item(score('salesperson', { vehicle: { violated: false } }), 'vehicle').points).toBe(5);
  });
  it('regional manager on-time: late → 0 of 10', () => {
    const out = score('regional-manager', { 'on-time': { violated: true } });
    expect(item(out, 'on-time')).toMatchObject({ max: 10, points: 0 });
    expect(out.dailyScore).toBe(90);
  });
});

describe('falsified', () => {
  it('summary, plan and market feedback go to 0 when falsified', () => {
    const out = score('salesperson', { 'weekly-report.summary': { falsified: true }, 'weekly-report.plan': { falsified: false }, 'market-feedback': { falsified: true } });
    expect(item(out, 'weekly-report.summary').points).toBe(0);
    expect(item(out, 'weekly-report.plan').points).toBe(10);
    expect(item(out, 'market-feedback').points).toBe(0);
    expect(out.dailyScore).toBe(85);
  });
});

describe('key accounts: "2项以上不填者该项不得分"', () => {
  const keyAccounts = (rubric: string, n: number) => item(score(rubric, { 'weekly-report.key-accounts': { occurrences: n } }), 'weekly-report.key-accounts');
  it('salesperson@2 (the version in force): 0 → 10, 1 → 7, 2 or more (以上 includes 2) → 0', () => {
    expect(keyAccounts('salesperson', 0).points).toBe(10);
    expect(keyAccounts('salesperson', 1)).toMatchObject({ points: 7, deduction: 3 });
    expect(keyAccounts('salesperson', 2)).toMatchObject({ points: 0, deduction: 10 });
    expect(keyAccounts('salesperson@2', 3).points).toBe(0);
    expect(keyAccounts('salesperson@2', 99).points).toBe(0);
    expect(score('salesperson', { 'weekly-report.key-accounts': { occurrences: 2 } }).rubric.version).toBe(2);
  });
  it('salesperson@1 unchanged for the sheets it scored: 1 → 7, 2 → 4, 3 (more than 2) → 0', () => {
    expect([0, 1, 2, 3, 99].map((n) => keyAccounts('salesperson@1', n).points)).toEqual([10, 7, 4, 0, 0]);
    expect(keyAccounts('salesperson@1', 3)).toMatchObject({ points: 0, deduction: 10 });
  });
});

describe('per occurrence with floor', () => {
  const adPlan = (n: number) => item(score('salesperson', { 'ad-plan': { occurrences: n } }), 'ad-plan');
  it('−2 each: 0 → 5, 1 → 3, 2 → 1, 3 → 0 (floor), 99 → 0', () => {
    expect([0, 1, 2, 3, 99].map((n) => adPlan(n).points)).toEqual([5, 3, 1, 0, 0]);
    expect(adPlan(3).deduction).toBe(5);
  });
  it('field-service training: −3 per absence, 4 absences floor at 0', () => {
    const t = (n: number) => item(score('field-service', { training: { occurrences: n } }), 'training').points;
    expect([0, 1, 3, 4].map(t)).toEqual([10, 7, 1, 0]);
  });
  it('whereabouts: −2 per time not reachable plus incidents of 1…10, floored at the item', () => {
    const w = (v: object) => item(score('field-service', { whereabouts: v }), 'whereabouts');
    expect(w({ occurrences: 2 }).points).toBe(6);
    expect(w({ occurrences: 1, incidents: [{ kind: 'consequence', deduction: 1 }] }).points).toBe(7);
    expect(w({ incidents: [{ kind: 'consequence', deduction: 10 }] }).points).toBe(0);
    expect(w({ occurrences: 3, incidents: [{ kind: 'consequence', deduction: 10 }] })).toMatchObject({ points: 0, deduction: 10 });
  });
});

describe('judged points', () => {
  it('0 and max are allowed; the item scores what was judged', () => {
    expect(item(score('regional-manager', { 'monthly-report.summary': { points: 0 } }), 'monthly-report.summary')).toMatchObject({ points: 0, deduction: 20 });
    expect(item(score('regional-manager', { 'monthly-report.summary': { points: 20 } }), 'monthly-report.summary')).toMatchObject({ points: 20, deduction: 0 });
  });
  it('two decimals stay exact: 17.35 + 19.9 + 0.05 …', () => {
    const out = score('regional-manager', {
      'monthly-report.summary': { points: 17.35 },
      'monthly-report.plan': { points: 19.9 },
      'monthly-report.proposal': { points: 0.05 },
    });
    expect(out.groups.find((g) => g.id === 'monthly-report')!.points).toBe(37.3);
    expect(out.dailyScore).toBe(77.3);
    expect(out.monthlyScore).toBe(84.11); // 77.3 × 0.7 + 100 × 0.3 = 54.11 + 30
  });
  it('monthly score rounds half-up to 2 decimals: daily 88.55 → 61.985 + 30 → 91.99', () => {
    const out = score('regional-manager', { 'weekly-review': { points: 8.55 }, 'team-management': { points: 0 } });
    expect(out.dailyScore).toBe(88.55);
    expect(out.monthlyScore).toBe(91.99);
  });
});

describe('grades', () => {
  const competence = (v: object) => item(score('field-service', { competence: v }), 'competence');
  it('fixed: proficient 10, adequate −2', () => {
    expect(competence({ grade: 'proficient' }).points).toBe(10);
    expect(competence({ grade: 'adequate' }).points).toBe(8);
  });
  it('ranged: needs-help −4 and −10 at the range ends', () => {
    expect(competence({ grade: 'needs-help', deduction: 4 }).points).toBe(6);
    expect(competence({ grade: 'needs-help', deduction: 10 }).points).toBe(0);
  });
  it('zero grade: dealer opinion poor → 0, average → 5', () => {
    expect(item(score('field-service', { 'dealer-opinion': { grade: 'poor' } }), 'dealer-opinion').points).toBe(0);
    expect(item(score('field-service', { 'dealer-opinion': { grade: 'average' } }), 'dealer-opinion').points).toBe(5);
    expect(item(score('field-service', { reports: { grade: 'missing' } }), 'reports').points).toBe(0);
  });
  it('parts plan grades overlap at 5: late-urgent-orders −5 and late-service-impact −5 both score 5', () => {
    const p = (grade: string) => item(score('field-service', { 'service-center.parts-plan': { grade, deduction: 5 } }), 'service-center.parts-plan').points;
    expect(p('late-urgent-orders')).toBe(5);
    expect(p('late-service-impact')).toBe(5);
  });
});

describe('incidents in a range', () => {
  it('complaints: escalation 2…5 and media 5…10 add up, floored at the item', () => {
    const c = (incidents: { kind: string; deduction: number }[]) => item(score('field-service', { complaints: { incidents } }), 'complaints');
    expect(c([]).points).toBe(10);
    expect(c([{ kind: 'escalation', deduction: 2 }]).points).toBe(8);
    expect(c([{ kind: 'escalation', deduction: 5 }, { kind: 'media', deduction: 5 }]).points).toBe(0);
    expect(c([{ kind: 'media', deduction: 10 }, { kind: 'media', deduction: 10 }])).toMatchObject({ points: 0, deduction: 10 });
  });
});

describe('severe complaints (field-service@2)', () => {
  const complaints = (incidents: { kind: string; deduction: number; severe?: boolean }[]) => score('field-service', { complaints: { incidents } });
  it('marked severe: no extra points, the flag severe-complaint once a sheet', () => {
    const plain = complaints([{ kind: 'media', deduction: 8 }]);
    const severe = complaints([{ kind: 'media', deduction: 8, severe: true }]);
    expect(item(severe, 'complaints')).toEqual(item(plain, 'complaints'));
    expect([severe.dailyScore, severe.monthlyScore]).toEqual([plain.dailyScore, plain.monthlyScore]);
    expect(plain.flags).toEqual([]);
    expect(severe.flags).toEqual(['severe-complaint']);
    expect(complaints([{ kind: 'media', deduction: 8, severe: true }, { kind: 'escalation', deduction: 2, severe: true }]).flags).toEqual(['severe-complaint']);
    expect(complaints([{ kind: 'escalation', deduction: 2, severe: false }]).flags).toEqual([]);
  });
  it('beside the transfer-off-post flag', () => {
    const out = score('field-service', { complaints: { incidents: [{ kind: 'escalation', deduction: 5, severe: true }] }, special: { occurrences: 2 } });
    expect(out.flags).toEqual(['severe-complaint', 'transfer-off-post']);
  });
});

describe('doubling (revised 2026-12-07: only where the rule book gives it)', () => {
  it('doubled: false is accepted on every item and gate of every version, and changes nothing', () => {
    for (const r of BUILTIN_RUBRICS) {
      const ref = `${r.id}@${r.version}`;
      const ids = [...leafItems(r.items).map((l) => l.item.id), ...allGroups(r.items).filter((g) => g.gate).map((g) => g.id)];
      const out = score(ref, Object.fromEntries(ids.map((id) => [id, { doubled: false }])));
      expect(out.dailyScore, ref).toBe(100);
      expect(out.flags, ref).toEqual([]);
    }
  });
  it('field-service@2 proposes no doubling; field-service@1 still does on its hand-in items', () => {
    const missed = { reports: { grade: 'missing' }, 'service-center.parts-plan': { grade: 'late-no-impact', deduction: 2 } };
    const [v1, v2] = [1, 2].map((v) => BUILTIN_RUBRICS.find((r) => r.id === 'field-service' && r.version === v)!);
    const result = (ref: string) => score(ref, missed);
    expect(doublingCandidates(v2!, result('field-service@2'), result('field-service@2'))).toEqual([]);
    expect(doublingCandidates(v1!, result('field-service@1'), result('field-service@1')).sort()).toEqual(['reports', 'service-center.parts-plan']);
  });
  it('salesperson@2 and regional-manager keep doubling on their hand-in items', () => {
    expect(item(score('salesperson', { 'ad-plan': { occurrences: 1, doubled: true } }), 'ad-plan')).toMatchObject({ deduction: 4, doubled: true });
    expect(score('regional-manager', { 'on-time': { violated: true, doubled: true } }).flags).toEqual(['doubled:on-time']);
  });
});

describe('a value without its kind\'s field means "no deduction"', () => {
  it('{} and a note alone score full marks on every item of every version', () => {
    for (const r of BUILTIN_RUBRICS) {
      const ref = `${r.id}@${r.version}`;
      for (const value of [{}, { note: '已核查' }]) {
        const out = score(ref, Object.fromEntries(leafItems(r.items).map((l) => [l.item.id, value])));
        expect(out.dailyScore, ref).toBe(100);
        expect(out.items.every((i) => i.deduction === 0), ref).toBe(true);
        expect(out.flags, ref).toEqual([]);
      }
    }
  });
});

describe('monthly score rounding', () => {
  it('half-up to 2 decimals: daily 94.25, attendance 100 → 65.975 + 30 = 95.975 → 95.98', () => {
    const out = score('regional-manager', { 'monthly-report.summary': { points: 14.25 } });
    expect(out.dailyScore).toBe(94.25);
    expect(out.monthlyScore).toBe(95.98);
  });
});

describe('penalty item and the 110-point field-service rubric', () => {
  it('0 frauds → nothing, 1 → −10, 2 → −30 with transfer-off-post, 5 → still −30', () => {
    const s = (n: number) => score('field-service', { special: { occurrences: n } });
    expect(s(0).dailyScore).toBe(100);
    expect(s(1).dailyScore).toBe(90);
    expect(s(1).flags).not.toContain('transfer-off-post');
    expect(s(2).dailyScore).toBe(70);
    expect(s(5).dailyScore).toBe(70);
    expect(s(5).flags).toContain('transfer-off-post');
    expect(item(s(2), 'special')).toMatchObject({ max: 0, deduction: 30, points: -30 });
  });
  it('the penalty comes off the total, which is clamped at 0', () => {
    const out = score('field-service', {
      competence: { grade: 'needs-help', deduction: 10 },
      whereabouts: { occurrences: 5 },
      complaints: { incidents: [{ kind: 'media', deduction: 10 }] },
      'service-center.claims': { grade: 'poor', deduction: 10 },
      'service-center.parts-plan': { grade: 'late-service-impact', deduction: 10 },
      'dealer-opinion': { grade: 'average' },
      reports: { grade: 'brief', deduction: 5 },
      training: { occurrences: 1 },
      'service-activities': { grade: 'not-held', deduction: 10 },
      'info-feedback': { grade: 'late', deduction: 5 },
      special: { occurrences: 2 },
    });
    // items: 0+0+0+0+0+5+5+7+0+5 = 22, then −30 → −8 → clamped to 0
    expect(out.items.reduce((s, i) => s + i.points, 0)).toBe(-8);
    expect(out.dailyScore).toBe(0);
    expect(out.monthlyScore).toBe(30);
  });
});

describe('group gate', () => {
  it('gate not violated changes nothing; violated zeroes all four items', () => {
    expect(score('salesperson', { 'weekly-report': { violated: false } }).dailyScore).toBe(100);
    const out = score('salesperson', { 'weekly-report': { violated: true } });
    for (const id of ['summary', 'plan', 'key-accounts', 'visit-records']) {
      expect(item(out, `weekly-report.${id}`)).toMatchObject({ points: 0, deduction: 10, gated: true, group: 'weekly-report' });
    }
    expect(out.groups.find((g) => g.id === 'management')).toMatchObject({ max: 70, points: 30, gated: false });
  });
  it('a doubled gate is flagged', () => {
    expect(score('salesperson', { 'weekly-report': { violated: true, doubled: true } }).flags).toEqual(['doubled:weekly-report']);
  });
});

describe('attendance', () => {
  const att = (absences: object[]) => score('salesperson', {}, { absences }).attendance;
  it('100 for a full month, −4 per day, half = full, floor 0', () => {
    expect(att([])).toEqual({ absentDays: 0, score: 100 });
    expect(att([{ length: 'half' }])).toEqual({ absentDays: 1, score: 96 });
    expect(att(Array.from({ length: 25 }, () => ({ length: 'full' }))).score).toBe(0);
    expect(att(Array.from({ length: 26 }, () => ({ length: 'half' }))).score).toBe(0);
  });
  it('as many absences as the month has days is allowed (31 in October)', () => {
    expect(att(Array.from({ length: 31 }, () => ({ length: 'full' }))).score).toBe(0);
  });
});

describe('a sheet with everything lost', () => {
  it('salesperson: every item at 0 → daily 0, monthly = attendance part only', () => {
    const dealer = ['terminal-daily-report', 'network-plan', 'end-user-issues', 'commercial-policy', 'special-issues', 'rebate-forms'];
    const out = score('salesperson', {
      ...Object.fromEntries(dealer.map((id) => [`dealer.${id}`, { violated: true }])),
      'weekly-report': { violated: true },
      'market-feedback': { falsified: true },
      'quality-feedback': { points: 0 },
      'ad-plan': { occurrences: 3 },
      'promotion-plan': { occurrences: 3 },
      'promotion-review': { occurrences: 3 },
      vehicle: { violated: true },
    });
    expect(out.items.every((i) => i.points === 0)).toBe(true);
    expect(out.dailyScore).toBe(0);
    expect(out.monthlyScore).toBe(30);
  });
});
