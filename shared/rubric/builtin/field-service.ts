import type { RubricDefinition, Text } from '../schema.ts';
import type { DepartmentId } from '../../departments.ts';
import { asItem, revise, without } from './revise.ts';

const fieldGroup: Text = { zh: '现场管理组', en: 'Field management group' };

/**
 * §4 of assessment.md: 现场服务代表日常考核, version 1 as first shipped (never edited in place:
 * stored sheets and signed files carry its hash). The source's items add up to 110; `special` is
 * a penalty item that adds nothing to a clean sheet (see the Decision in assessment.md).
 */
export const fieldService: RubricDefinition = {
  id: 'field-service',
  version: 1,
  effectiveFrom: '2000-01',
  role: 'field-service',
  title: { zh: '现场服务代表日常考核', en: 'Field service representative daily work' },
  dailyMax: 100,
  weights: { daily: 70, attendance: 30 },
  attendance: { full: 100, deductionPerDay: 4 },
  items: [
    {
      type: 'item',
      id: 'competence',
      title: { zh: '工作素质', en: 'Competence' },
      points: 10,
      rule: {
        kind: 'grade',
        grades: [
          { id: 'proficient', title: { zh: '熟练掌握', en: 'Proficient' }, deduction: 0 },
          { id: 'adequate', title: { zh: '基本胜任', en: 'Adequate' }, deduction: 2 },
          { id: 'needs-help', title: { zh: '需他人协助完成', en: 'Needs help from others' }, range: { min: 4, max: 10 } },
        ],
      },
      scoredBy: fieldGroup,
    },
    {
      type: 'item',
      id: 'whereabouts',
      title: { zh: '驻区去向', en: 'Whereabouts on post' },
      detail: { zh: '工作时间一次找不到扣2分,由此误事造成不良后果扣1—10分', en: '−2 each time not reachable in working hours; −1…−10 per incident with bad consequences' },
      points: 10,
      rule: {
        kind: 'per-occurrence',
        deduction: 2,
        incidents: [{ id: 'consequence', title: { zh: '误事造成不良后果', en: 'Bad consequences' }, min: 1, max: 10 }],
      },
      scoredBy: { zh: '现场管理组、函电组、索赔组、技术组、配件组', en: 'Field management, correspondence, claims, technical and parts groups' },
    },
    {
      type: 'item',
      id: 'complaints',
      title: { zh: '用户投诉', en: 'Customer complaints' },
      points: 10,
      rule: {
        kind: 'incidents',
        incidents: [
          { id: 'escalation', title: { zh: '用户投诉升级', en: 'Escalated complaint' }, min: 2, max: 5 },
          { id: 'media', title: { zh: '引发媒体曝光', en: 'Media exposure' }, min: 5, max: 10 },
        ],
      },
      scoredBy: { zh: '现场管理组、函电组', en: 'Field management and correspondence groups' },
    },
    {
      type: 'group',
      id: 'service-center',
      title: { zh: '特约服务中心工作质量', en: 'Authorised service centre work quality' },
      children: [
        {
          type: 'item',
          id: 'service-center.claims',
          title: { zh: '索赔单填写', en: 'Claim forms' },
          points: 10,
          rule: {
            kind: 'grade',
            grades: [
              { id: 'correct', title: { zh: '填写无误', en: 'Correct' }, deduction: 0 },
              { id: 'minor-gaps', title: { zh: '有空项但不影响核查', en: 'Gaps that do not hinder checking' }, range: { min: 1, max: 2 } },
              { id: 'poor', title: { zh: '质量较差影响索赔进度', en: 'Poor, delays claims' }, range: { min: 5, max: 10 } },
            ],
          },
          scoredBy: { zh: '索赔组', en: 'Claims group' },
        },
        {
          type: 'item',
          id: 'service-center.parts-plan',
          title: { zh: '配件采购计划按时提报', en: 'Parts purchase plan on time' },
          points: 10,
          rule: {
            kind: 'grade',
            grades: [
              { id: 'on-time', title: { zh: '按时提报', en: 'On time' }, deduction: 0 },
              { id: 'late-no-impact', title: { zh: '未按时提报,未造成不良影响', en: 'Late, no impact on service' }, range: { min: 1, max: 4 } },
              { id: 'late-urgent-orders', title: { zh: '未按时提报,急调件频次多', en: 'Late, many urgent orders' }, range: { min: 3, max: 5 } },
              { id: 'late-service-impact', title: { zh: '未按时提报,对三包服务造成不良影响', en: 'Late, harmed warranty service' }, range: { min: 5, max: 10 } },
            ],
          },
          handIn: true,
          scoredBy: { zh: '配件组、函电组', en: 'Parts and correspondence groups' },
        },
      ],
    },
    {
      type: 'item',
      id: 'dealer-opinion',
      title: { zh: '各地经销商意见', en: 'Dealer opinion' },
      points: 10,
      rule: {
        kind: 'grade',
        grades: [
          { id: 'satisfied', title: { zh: '满意', en: 'Satisfied' }, deduction: 0 },
          { id: 'average', title: { zh: '一般', en: 'Average' }, deduction: 5 },
          { id: 'poor', title: { zh: '较差', en: 'Poor' }, zero: true },
        ],
      },
      scoredBy: { zh: '函电组', en: 'Correspondence group' },
    },
    {
      type: 'item',
      id: 'reports',
      title: { zh: '走访报告,月工作计划、总结', en: 'Visit reports, monthly plan and summary' },
      points: 10,
      rule: {
        kind: 'grade',
        grades: [
          { id: 'complete', title: { zh: '按时提报,叙述清楚全面', en: 'On time, clear and complete' }, deduction: 0 },
          { id: 'brief', title: { zh: '叙述简单', en: 'Too brief' }, range: { min: 2, max: 5 } },
          { id: 'missing', title: { zh: '无走访报告或月工作总结、计划', en: 'Missing' }, zero: true },
        ],
      },
      handIn: true,
      scoredBy: fieldGroup,
    },
    {
      type: 'item',
      id: 'training',
      title: { zh: '内部培训', en: 'Internal training' },
      detail: { zh: '缺席一次扣3分', en: '−3 per absence' },
      points: 10,
      rule: { kind: 'per-occurrence', deduction: 3 },
      scoredBy: { zh: '技术组', en: 'Technical group' },
    },
    {
      type: 'item',
      id: 'service-activities',
      title: { zh: '服务活动', en: 'Service activities' },
      points: 10,
      rule: {
        kind: 'grade',
        grades: [
          { id: 'effective', title: { zh: '保障有力并取得积极效果', en: 'Well supported and effective' }, deduction: 0 },
          { id: 'weak', title: { zh: '较正常开展但效果不够理想', en: 'Held, weak results' }, range: { min: 1, max: 3 } },
          { id: 'not-held', title: { zh: '没能正常开展', en: 'Not held properly' }, range: { min: 5, max: 10 } },
        ],
      },
      scoredBy: fieldGroup,
    },
    {
      type: 'item',
      id: 'info-feedback',
      title: { zh: '信息反馈(特殊批量质量问题)', en: 'Feedback on special batch quality problems' },
      points: 10,
      rule: {
        kind: 'grade',
        grades: [
          { id: 'timely', title: { zh: '及时提报', en: 'Timely' }, deduction: 0 },
          { id: 'late', title: { zh: '不能按时提报', en: 'Late' }, range: { min: 1, max: 5 } },
        ],
      },
      scoredBy: { zh: '现场管理组、技术组', en: 'Field management and technical groups' },
    },
    {
      type: 'item',
      id: 'special',
      title: { zh: '特殊考核项目(虚填、虚报索赔单)', en: 'Special: falsified or false claim forms' },
      detail: {
        zh: '发现一次扣10分,发现两次扣30分并调离岗位',
        en: 'Found once −10; twice or more −30 and transfer off post',
      },
      points: 10,
      rule: {
        kind: 'penalty',
        steps: [
          { atLeast: 1, deduction: 10 },
          { atLeast: 2, deduction: 30, flag: 'transfer-off-post' },
        ],
      },
    },
  ],
};

/** Who assesses the item (the groups the source names), without the words of version 1. */
const by = (...assessedBy: DepartmentId[]) => (n: Parameters<typeof asItem>[0]) => ({ ...without(asItem(n), 'scoredBy'), assessedBy });

/**
 * Version 2 (assessment.md revised 2026-12-07), in force for every month:
 * - no doubling anywhere: the source gives repeated non-submission doubling under §2 and §3 only,
 *   so `service-center.parts-plan` and `reports` are no longer `handIn` items;
 * - who assesses each item is data (`assessedBy`, the groups the source names); `special` is
 *   assessed by the claims group (索赔组), which checks claim forms;
 * - a complaint may be marked severe (严重者直至下岗): no extra points, the flag `severe-complaint`.
 */
export const fieldServiceV2: RubricDefinition = revise(fieldService, 2, '2000-01', {
  competence: by('field-management'),
  whereabouts: by('field-management', 'correspondence', 'claims', 'technical', 'parts'),
  complaints: (n) => {
    const item = by('field-management', 'correspondence')(n);
    if (item.rule.kind !== 'incidents') throw new Error('complaints: an incidents rule expected');
    return {
      ...item,
      detail: {
        zh: '造成用户投诉升级的一次扣2—5分,引发媒体曝光造成恶劣影响的扣5—10分,严重者直至下岗',
        en: '−2…−5 per escalated complaint, −5…−10 per media exposure; severe cases up to dismissal (marked severe: flagged for HR, no extra points)',
      },
      rule: { ...item.rule, severeFlag: 'severe-complaint' },
    };
  },
  'service-center.claims': by('claims'),
  'service-center.parts-plan': (n) => without(by('parts', 'correspondence')(n), 'handIn'),
  'dealer-opinion': by('correspondence'),
  reports: (n) => without(by('field-management')(n), 'handIn'),
  training: by('technical'),
  'service-activities': by('field-management'),
  'info-feedback': by('field-management', 'technical'),
  special: by('claims'),
});
