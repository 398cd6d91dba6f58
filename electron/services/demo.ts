/**
 * A realistic demo organisation: 3 regions, 40 people across the three assessed roles with
 * Chinese names, scored sheets for the six months before the current one, and for every person
 * and month a salary total, plan and actual quantity and the other KPIs. Deterministic (seeded),
 * built through the same services a manager uses, so every sheet and figure is valid.
 */
import { formatPeriod, parsePeriod, previousPeriod, type Period } from '../../shared/period.ts';
import { leafItems, type ItemNode, type Rubric } from '../../shared/rubric/schema.ts';
import type { ItemInput } from '../../shared/scoring/input.ts';
import type { HandIn } from '../../shared/scoring/handins.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { ServiceError } from './errors.ts';
import { saveFigures } from './figures.ts';
import { importFindingRows } from './findings.ts';
import { savePerson } from './people.ts';
import { saveRegion } from './regions.ts';
import { getSheet, saveSheet } from './sheets.ts';

/** mulberry32: a small seeded generator, so the demo is the same every time. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}
export type Rng = ReturnType<typeof seeded>;

const REGIONS = [
  { code: 'EAST', name: '华东区' },
  { code: 'SOUTH', name: '华南区' },
  { code: 'NORTH', name: '华北区' },
];

const NAMES = [
  '王磊', '李静', '张伟', '刘芳', '陈敏', '杨强', '黄洋', '赵艳', '吴杰', '周娟',
  '徐涛', '孙明', '马超', '朱秀英', '胡桂英', '郭志强', '何建华', '高晓东', '林丽华', '罗玥',
  '郑喆', '梁堃', '谢子涵', '宋浩然', '唐思远', '许雨桐', '韩冰', '冯雪', '邓光明', '曹文博',
  '欧阳娜娜', '司马昭', '彭晨', '曾凡', '萧逸', '田甜', '董卿', '袁野', '潘越', '蔡依琳',
];

const NOTES: Record<string, string[]> = {
  'dealer.terminal-daily-report': ['终端日报 17:30 才报', '连续两天未报终端日报'],
  'dealer.network-plan': ['本月网点开发 2/4 家', '网络开发计划完成一半'],
  'dealer.end-user-issues': ['用户投诉配件延误一周未处理'],
  'dealer.commercial-policy': ['对经销商库存情况不了解'],
  'dealer.special-issues': ['经销商资金问题未及时上报'],
  'dealer.rebate-forms': ['返利表 27 日才交', '返利表缺少附表'],
  'weekly-report': ['第三周周报未交'],
  'weekly-report.key-accounts': ['第二周只走访 1 家大客户'],
  'weekly-report.visit-records': ['拜访纪实过于简略'],
  vehicle: ['周转车私用'],
  'ad-plan': ['广告计划表字迹潦草'],
  'promotion-plan': ['促销计划缺少费用预算'],
  'promotion-review': ['促销总结与计划不符'],
  complaints: ['用户投诉服务态度升级至总部'],
  whereabouts: ['工作时间两次电话未接'],
  special: ['虚报索赔单一张'],
  'monthly-report.summary': ['月总结内容较简单'],
  training: ['本月培训记录不完整'],
};

export interface DemoSummary {
  regions: number;
  people: number;
  sheets: number;
}

/** Load the demo into an empty database. `today` fixes "the current month" (tests pass one). */
/** The demo's head of sales planning (销售计划部负责人), who scores the regional managers. */
export const PLANNING_HEAD = '周建国';

export function loadDemo(db: Db, today: Date = new Date()): DemoSummary {
  const hasPeople = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n > 0;
  if (hasPeople) throw new ServiceError('conflict', 'the database already has people; the demo organisation loads only into an empty database', { code: 'demo-needs-empty' });
  const rng = seeded(20261127);
  const current: Period = { year: today.getFullYear(), month: today.getMonth() + 1 };
  const months: string[] = [];
  for (let p = previousPeriod(current), i = 0; i < 6; i++, p = previousPeriod(p)) months.unshift(formatPeriod(p));

  return writeTransaction(db, () => {
    const regions = REGIONS.map((r) => saveRegion(db, r));
    const names = [...NAMES];
    const people = regions.flatMap((region, r) => {
      const manager = savePerson(db, person(`M-${r + 1}01`, names.shift()!, 'regional-manager', region.id, null));
      const sales = Array.from({ length: r === 0 ? 10 : 9 }, (_, i) => savePerson(db, person(`S-${r + 1}${String(i + 1).padStart(2, '0')}`, names.shift()!, 'salesperson', region.id, manager.id)));
      const field = Array.from({ length: 3 }, (_, i) => savePerson(db, person(`F-${r + 1}${String(i + 1).padStart(2, '0')}`, names.shift()!, 'field-service', region.id, manager.id)));
      return [manager, ...sales, ...field];
    });

    let sheets = 0;
    months.forEach((period, m) => {
      const last = m === months.length - 1;
      for (const p of people) {
        if (last && rng.chance(0.1)) continue; // not started yet
        const blank = getSheet(db, { personId: p.id, period });
        const entry = randomEntry(rng, blank.rubric, period);
        const saved = saveSheet(db, { personId: p.id, period, entry, status: 'draft', expectedRevision: 0 });
        // The manager confirms about half of the doubling the app proposes.
        const doubled = getSheet(db, { personId: p.id, period }).doublingCandidates.filter(() => rng.chance(0.5));
        const finalItems = { ...entry.items };
        for (const id of doubled) finalItems[id] = { ...(finalItems[id] ?? {}), doubled: true };
        saveSheet(db, { personId: p.id, period, entry: { ...entry, items: finalItems }, status: last && rng.chance(0.3) ? 'draft' : 'ready', expectedRevision: saved.revision });
        sheets++;
      }
    });
    // This month: findings from 索赔组 and 技术组 for the field-service reps, read into new drafts (older schemas have no findings tables).
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'finding_files'").get()) sheets += demoFindings(db, formatPeriod(current));
    // Who scored: each region's manager their staff, the head of sales planning the managers
    // (the sheets were written as whoever runs the demo, usually nobody yet).
    db.prepare(
      `UPDATE sheets SET updated_by = coalesce((SELECT m.name FROM people p JOIN people m ON m.id = p.manager_id WHERE p.id = sheets.person_id), @planning)`,
    ).run({ planning: PLANNING_HEAD });
    // Older schemas (a migration test loads the demo into one) have no figures table.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_months'").get()) demoFigures(db, people, months);
    return { regions: regions.length, people: people.length, sheets };
  });
}

/**
 * The month's files of two departments, as they would send them: 索赔组 (claims forms, the
 * whereabouts it noticed) and 技术组 (training absences, whereabouts, late quality feedback), for
 * the field-service reps of SOUTH and NORTH (EAST's month stays untouched). Two departments'
 * occurrences of 驻区去向 add up on F-201's sheet, each with its source.
 */
function demoFindings(db: Db, period: string): number {
  const day = (d: number) => `${period}-${String(d).padStart(2, '0')}`;
  const header = ['工号', '姓名', '项目', '次数', '等级', '扣分', '日期', '备注'];
  const files: { department: 'claims' | 'technical'; fileName: string; rows: string[][] }[] = [
    {
      department: 'claims',
      fileName: `索赔组-${period}.csv`,
      rows: [
        ['F-201', '', '索赔单填写', '', 'poor', '6', day(2), '两张索赔单缺故障照片'],
        ['F-201', '', '驻区去向', '1', '', '', day(3), '核查索赔时联系不上'],
        ['F-302', '', '索赔单填写', '', 'minor-gaps', '1', day(2), ''],
      ],
    },
    {
      department: 'technical',
      fileName: `技术组-${period}.csv`,
      rows: [
        ['F-201', '', '驻区去向', '1', '', '', day(2), '技术支援电话未接'],
        ['F-202', '', '内部培训', '1', '', '', day(1), '缺席月度技术培训'],
        ['F-303', '', '信息反馈(特殊批量质量问题)', '', 'late', '2', day(3), '批量漏油问题晚报两天'],
      ],
    },
  ];
  let added = 0;
  for (const f of files) {
    const text = [header, ...f.rows].map((r) => r.join(',')).join('\n');
    added += importFindingRows(db, { fileName: f.fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64'), period, department: f.department }, header, f.rows).added;
  }
  return added;
}

const SALARY_RANGE: Record<'regional-manager' | 'salesperson' | 'field-service', [number, number]> = {
  'regional-manager': [12_000, 15_000],
  salesperson: [7_000, 11_000],
  'field-service': [6_000, 9_000],
};

/**
 * Salary totals and KPIs for every person and month. A generator of its own, so the sheets stay
 * the same as before figures existed. Actuals fall around the plan (70–120%), and the first
 * salesperson meets the plan exactly in the first month, so pay shows all three cases.
 */
function demoFigures(db: Db, people: readonly { id: number; role: string }[], months: readonly string[]): void {
  const rng = seeded(20261128);
  const tenth = (min: number, max: number) => rng.int(min * 10, max * 10) / 10;
  const firstSales = people.find((p) => p.role === 'salesperson');
  for (const [m, period] of months.entries()) {
    for (const p of people) {
      const role = p.role as keyof typeof SALARY_RANGE;
      const [low, high] = SALARY_RANGE[role];
      // Whole hundreds of yuan mostly; now and then with fen (exact: integer fen / 100).
      const salaryTotal = rng.chance(0.3) ? rng.int(low * 100, high * 100) / 100 : rng.int(low / 100, high / 100) * 100;
      const plan = role === 'regional-manager' ? rng.int(40, 60) * 50 : role === 'salesperson' ? rng.int(8, 30) * 10 : rng.int(20, 60);
      const actual = m === 0 && p === firstSales ? plan : Math.round((plan * rng.int(70, 120)) / 100);
      const kpis: Record<string, number> = {
        'plan-quantity': plan,
        'actual-quantity': actual,
        'sales-growth': tenth(-15, 25),
        'price-retention': tenth(90, 102),
        'sales-expense': rng.int(800_00, 6_000_00) / 100,
        'receivables-collection': tenth(75, 100),
        'visit-success': tenth(50, 95),
        'complaint-rate': tenth(0, 6),
        'new-customer-rate': tenth(2, 20),
        'retention-rate': tenth(80, 99),
        'customer-info-completeness': tenth(60, 100),
        'churn-rate': tenth(1, 12),
        'return-rate': tenth(0, 4),
        satisfaction: tenth(75, 98),
      };
      saveFigures(db, { personId: p.id, period, salaryTotal, kpis, expectedRevision: 0 });
    }
  }
}

function person(employeeNo: string, name: string, role: 'regional-manager' | 'salesperson' | 'field-service', regionId: number, managerId: number | null) {
  return { employeeNo, name, role, regionId, managerId, activeFrom: '2024-01', activeTo: null };
}

/** A plausible month for one person: what a manager might record (the demo and the benchmark use it). */
export function randomEntry(rng: Rng, rubric: Rubric, period: string) {
  const items: Record<string, ItemInput> = {};
  for (const { item } of leafItems(rubric.items)) {
    const value = randomItem(rng, item);
    if (value) items[item.id] = NOTES[item.id] && rng.chance(0.8) ? { ...value, note: rng.pick(NOTES[item.id]!) } : value;
  }
  if (rubric.id === 'salesperson' && rng.chance(0.04)) items['weekly-report'] = { violated: true, note: NOTES['weekly-report']![0]! };
  const absences = Array.from({ length: rng.chance(0.7) ? 0 : rng.int(1, 3) }, () => ({ length: rng.chance(0.6) ? ('full' as const) : ('half' as const) }));
  const handIns: Record<string, HandIn[]> = {};
  const p = parsePeriod(period)!;
  const day = (d: number) => `${formatPeriod(p)}-${String(d).padStart(2, '0')}`;
  if (rubric.id === 'salesperson') {
    handIns['ad-plan'] = [{ date: day(rng.chance(0.85) ? rng.int(8, 13) : rng.int(14, 16)) }];
    handIns['dealer.rebate-forms'] = [{ date: day(rng.chance(0.9) ? rng.int(20, 25) : rng.int(26, 27)) }];
  }
  if (rubric.id === 'regional-manager') handIns['on-time'] = [{ date: day(rng.chance(0.9) ? rng.int(25, 28) : 28) }];
  return { items, absences, handIns };
}

function randomItem(rng: Rng, item: ItemNode): ItemInput | null {
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
      return rng.chance(0.1) ? { violated: true } : null;
    case 'all-or-nothing':
      return rng.chance(0.04) ? { violated: true } : null;
    case 'falsified':
      return rng.chance(0.03) ? { falsified: true } : null;
    case 'per-occurrence': {
      const v: ItemInput = {};
      if (rng.chance(0.18)) v.occurrences = rng.int(1, 2);
      if (r.incidents && rng.chance(0.08)) {
        const k = rng.pick(r.incidents);
        v.incidents = [{ kind: k.id, deduction: rng.int(k.min, k.max) }];
      }
      return Object.keys(v).length ? v : null;
    }
    case 'judged':
      return rng.chance(0.6) ? { points: Math.max(0, item.points - rng.int(0, Math.ceil(item.points / 5))) } : null;
    case 'grade': {
      if (!rng.chance(0.25)) return null;
      const grade = rng.pick(r.grades.slice(1));
      return 'range' in grade ? { grade: grade.id, deduction: rng.int(grade.range.min, grade.range.max) } : { grade: grade.id };
    }
    case 'incidents': {
      if (!rng.chance(0.12)) return null;
      const k = rng.pick(r.incidents);
      const deduction = rng.int(k.min, k.max);
      // Where the rule lets an incident be marked severe, the worst of its kind is (no draw of its own).
      return { incidents: [r.severeFlag !== undefined && deduction === k.max ? { kind: k.id, deduction, severe: true } : { kind: k.id, deduction }] };
    }
    case 'penalty':
      return rng.chance(0.03) ? { occurrences: rng.chance(0.3) ? 2 : 1 } : null;
  }
}
