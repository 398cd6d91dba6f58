import type { RubricDefinition } from '../schema.ts';
import { asItem, revise } from './revise.ts';

/**
 * §3 of assessment.md: 销售员日常工作考核, version 1 as first shipped. Never edited in place:
 * stored sheets and signed files carry its content hash (test/shared/rubric.test.ts pins it).
 */
export const salesperson: RubricDefinition = {
  id: 'salesperson',
  version: 1,
  effectiveFrom: '2000-01',
  role: 'salesperson',
  title: { zh: '销售员日常工作考核', en: 'Salesperson daily work' },
  dailyMax: 100,
  weights: { daily: 70, attendance: 30 },
  attendance: { full: 100, deductionPerDay: 4 },
  items: [
    {
      type: 'group',
      id: 'dealer',
      title: { zh: '经销商的管理', en: 'Dealer management' },
      children: [
        {
          type: 'item',
          id: 'dealer.terminal-daily-report',
          title: { zh: '经销商终端日报上报不及时', en: 'Dealer terminal daily report late' },
          detail: { zh: '须在发生终端销售当日16:00前上报至各区域计划员', en: 'Due to the regional planner by 16:00 on the day of the sale' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
          handIn: true,
          deadline: { kind: 'same-day', time: '16:00', event: { zh: '终端销售', en: 'the terminal sale' } },
        },
        {
          type: 'item',
          id: 'dealer.network-plan',
          title: { zh: '未完成每月的网络开发计划', en: 'Monthly network development plan not completed' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
        },
        {
          type: 'item',
          id: 'dealer.end-user-issues',
          title: { zh: '终端用户存在问题,经销商未能及时解决', en: 'End-user problems the dealer did not solve in time' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
        },
        {
          type: 'item',
          id: 'dealer.commercial-policy',
          title: { zh: '没有严格执行公司商务政策,对进货、销量、存货情况不了解', en: 'Commercial policy not followed; purchases, sales and stock not known' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
        },
        {
          type: 'item',
          id: 'dealer.special-issues',
          title: { zh: '经销商出现特殊问题未及时上报领导', en: 'Special dealer problems not reported to management in time' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
        },
        {
          type: 'item',
          id: 'dealer.rebate-forms',
          title: { zh: '各种返利表不及时上报', en: 'Rebate forms not handed in on time' },
          detail: { zh: '每月25日前上报销售计划部', en: 'Due to the sales planning department by the 25th' },
          points: 5,
          rule: { kind: 'violation', deduction: 5 },
          handIn: true,
          deadline: { kind: 'day-of-month', day: 25 },
        },
      ],
    },
    {
      type: 'group',
      id: 'management',
      title: { zh: '销售员管理', en: 'Salesperson management' },
      children: [
        {
          type: 'group',
          id: 'weekly-report',
          title: { zh: '周报《周工作汇报表》', en: 'Weekly report (weekly work form)' },
          gate: { title: { zh: '未按时交付、字迹潦草、难以辨认,此项不得分', en: 'Not handed in on time, or illegible: the whole report scores 0' } },
          handIn: true,
          children: [
            {
              type: 'item',
              id: 'weekly-report.summary',
              title: { zh: '上周工作总结', en: "Last week's summary" },
              detail: { zh: '必须如实填写,与所填内容不符的该项不得分', en: 'Must be truthful; found not to match → 0' },
              points: 10,
              rule: { kind: 'falsified' },
            },
            {
              type: 'item',
              id: 'weekly-report.plan',
              title: { zh: '下周工作计划', en: "Next week's plan" },
              detail: { zh: '必须如实填写,与所填内容不符的该项不得分', en: 'Must be truthful; found not to match → 0' },
              points: 10,
              rule: { kind: 'falsified' },
            },
            {
              type: 'item',
              id: 'weekly-report.key-accounts',
              title: { zh: '大客户走访情况', en: 'Key-account visits' },
              detail: { zh: '每周须走访2家以上并详细记录;每项扣3分,2项以上不填者该项不得分', en: 'At least 2 visits a week, recorded in detail; −3 per missing entry, more than 2 missing → 0' },
              points: 10,
              rule: { kind: 'per-occurrence', deduction: 3, zeroAbove: 2 },
            },
            {
              type: 'item',
              id: 'weekly-report.visit-records',
              title: { zh: '客户拜访纪实', en: 'Customer visit records' },
              points: 10,
              rule: { kind: 'judged' },
            },
          ],
        },
        {
          type: 'item',
          id: 'market-feedback',
          title: { zh: '市场信息反馈', en: 'Market information feedback' },
          detail: { zh: '必须如实填写,与所填内容不符的该项不得分', en: 'Must be truthful; found not to match → 0' },
          points: 5,
          rule: { kind: 'falsified' },
        },
        {
          type: 'item',
          id: 'quality-feedback',
          title: { zh: '产品质量问题反馈', en: 'Product quality feedback' },
          detail: { zh: '认真填写,及时有效', en: 'Careful, timely and useful' },
          points: 5,
          rule: { kind: 'judged' },
        },
        {
          type: 'item',
          id: 'ad-plan',
          title: { zh: '广告计划表', en: 'Advertising plan' },
          detail: { zh: '每月13日前报给广告信息部;未按时交付、字迹潦草、难以辨认等,每项扣2分', en: 'Due to the advertising department by the 13th; −2 per late or illegible occurrence' },
          points: 5,
          rule: { kind: 'per-occurrence', deduction: 2 },
          handIn: true,
          deadline: { kind: 'day-of-month', day: 13 },
        },
        {
          type: 'item',
          id: 'promotion-plan',
          title: { zh: '促销活动计划报告', en: 'Promotion plan report' },
          detail: { zh: '每月15日前提交到广告信息部;未按时交付、字迹潦草、难以辨认等,每项扣2分', en: 'Due to the advertising department by the 15th; −2 per late or illegible occurrence' },
          points: 5,
          rule: { kind: 'per-occurrence', deduction: 2 },
          handIn: true,
          deadline: { kind: 'day-of-month', day: 15 },
        },
        {
          type: 'item',
          id: 'promotion-review',
          title: { zh: '促销效果评价', en: 'Promotion results review' },
          detail: { zh: '活动结束后5日内提交;与上报计划不符或不按时提交的,每项扣2分', en: 'Due within 5 days after the promotion ends; −2 per late report or mismatch with the plan' },
          points: 5,
          rule: { kind: 'per-occurrence', deduction: 2 },
          handIn: true,
          deadline: { kind: 'days-after-event', days: 5, event: { zh: '活动结束', en: 'the promotion ends' } },
        },
        {
          type: 'item',
          id: 'vehicle',
          title: { zh: '周转车辆管理', en: 'Pool vehicle management' },
          detail: { zh: '违反《周转车辆管理制度》任何一项条款,该考核分数全部扣除', en: 'Any breach of the pool vehicle rules → 0' },
          points: 5,
          rule: { kind: 'all-or-nothing' },
        },
      ],
    },
  ],
};

/**
 * Version 2 (assessment.md revised 2026-12-07), in force for every month:
 * - key accounts: 2 or more missing entries → 0 (2项以上不填者该项不得分; 以上 includes 2), so
 *   `zeroAbove: 1` (more than 1 missing). It was "more than 2".
 * - who assesses each hand-in: the department it is handed in to (`assessedBy`).
 */
export const salespersonV2: RubricDefinition = revise(salesperson, 2, '2000-01', {
  'dealer.terminal-daily-report': (n) => ({ ...asItem(n), assessedBy: ['regional-planner'] }),
  'dealer.rebate-forms': (n) => ({ ...asItem(n), assessedBy: ['sales-planning'] }),
  'weekly-report.key-accounts': (n) => ({
    ...asItem(n),
    detail: { zh: '每周须走访2家以上并详细记录;每项扣3分,2项以上不填者该项不得分', en: 'At least 2 visits a week, recorded in detail; −3 per missing entry, 2 or more missing → 0' },
    rule: { kind: 'per-occurrence', deduction: 3, zeroAbove: 1 },
  }),
  'ad-plan': (n) => ({ ...asItem(n), assessedBy: ['advertising'] }),
  'promotion-plan': (n) => ({ ...asItem(n), assessedBy: ['advertising'] }),
  'promotion-review': (n) => ({ ...asItem(n), assessedBy: ['advertising'] }),
});
