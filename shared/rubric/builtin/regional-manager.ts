import type { RubricDefinition } from '../schema.ts';

/** §2 of assessment.md: 区域经理日常工作考核. */
export const regionalManager: RubricDefinition = {
  id: 'regional-manager',
  version: 1,
  effectiveFrom: '2000-01',
  role: 'regional-manager',
  title: { zh: '区域经理日常工作考核', en: 'Regional manager daily work' },
  dailyMax: 100,
  weights: { daily: 70, attendance: 30 },
  attendance: { full: 100, deductionPerDay: 4 },
  items: [
    {
      type: 'group',
      id: 'monthly-report',
      title: { zh: '月报', en: 'Monthly report' },
      children: [
        {
          type: 'item',
          id: 'monthly-report.summary',
          title: { zh: '月工作总结', en: 'Monthly work summary' },
          detail: { zh: '内容详细,字迹清楚,语句通顺', en: 'Detailed, legible, well written' },
          points: 20,
          rule: { kind: 'judged' },
        },
        {
          type: 'item',
          id: 'monthly-report.plan',
          title: { zh: '月工作计划', en: 'Monthly work plan' },
          detail: { zh: '思路清晰,内容详细', en: 'Clear thinking, detailed' },
          points: 20,
          rule: { kind: 'judged' },
        },
        {
          type: 'item',
          id: 'monthly-report.proposal',
          title: { zh: '近期可操作性强的销售方案', en: 'Practical near-term sales proposal' },
          points: 20,
          rule: { kind: 'judged' },
        },
      ],
    },
    {
      type: 'item',
      id: 'weekly-review',
      title: { zh: '审查销售业务员周报', en: "Review of salespeople's weekly reports" },
      detail: { zh: '认真审查,及时发现问题并给予指导', en: 'Careful review, problems found and guidance given in time' },
      points: 10,
      rule: { kind: 'judged' },
    },
    {
      type: 'item',
      id: 'training',
      title: { zh: '组织销售员培训', en: 'Training for salespeople' },
      detail: { zh: '每月最少一次,详细记录;当月未组织培训得0分', en: 'At least once a month, recorded in detail; no training this month → 0' },
      points: 10,
      rule: { kind: 'judged' },
    },
    {
      type: 'item',
      id: 'on-time',
      title: { zh: '月报按时上报', en: 'Monthly report on time' },
      detail: { zh: '每月30日前将月报上报到销售计划部;不及时得0分', en: 'Due to sales planning by the 30th (the last day of a shorter month); late → 0' },
      points: 10,
      rule: { kind: 'all-or-nothing' },
      handIn: true,
      deadline: { kind: 'day-of-month', day: 30 },
    },
    {
      type: 'item',
      id: 'team-management',
      title: { zh: '管理所在区域的销售业务员', en: 'Management of the region’s salespeople' },
      detail: { zh: '销售业务员扣分较多或违反公司规定情节严重的,区域经理相应扣分', en: 'Judged against the team’s deductions and serious breaches this month' },
      points: 10,
      rule: { kind: 'judged' },
    },
  ],
};
