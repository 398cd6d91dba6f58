/**
 * The departments that assess rubric items or receive hand-ins (rubric data `assessedBy`, and a
 * value's `sources` in the score-file contract): one home for their ids and their names in both
 * languages. The ids are the contract's (docs/spec/score-file.md).
 */
import type { Language } from './api/types.ts';

export const DEPARTMENT_IDS = [
  'field-management',
  'correspondence',
  'claims',
  'technical',
  'parts',
  'advertising',
  'sales-planning',
  'regional-planner',
] as const;
export type DepartmentId = (typeof DEPARTMENT_IDS)[number];

export const DEPARTMENT_NAMES: Readonly<Record<DepartmentId, Readonly<Record<Language, string>>>> = {
  'field-management': { zh: '现场管理组', en: 'Field management group' },
  correspondence: { zh: '函电组', en: 'Correspondence group' },
  claims: { zh: '索赔组', en: 'Claims group' },
  technical: { zh: '技术组', en: 'Technical group' },
  parts: { zh: '配件组', en: 'Parts group' },
  advertising: { zh: '广告信息部', en: 'Advertising and information department' },
  'sales-planning': { zh: '销售计划部', en: 'Sales planning department' },
  'regional-planner': { zh: '区域计划员', en: 'Regional planner' },
};

export function isDepartmentId(value: unknown): value is DepartmentId {
  return typeof value === 'string' && (DEPARTMENT_IDS as readonly string[]).includes(value);
}

/** The departments' names joined as a list in the language ("现场管理组、函电组", "Field management group, Correspondence group"). */
export function departmentList(ids: readonly DepartmentId[], lang: Language): string {
  return ids.map((id) => DEPARTMENT_NAMES[id][lang]).join(lang === 'zh' ? '、' : ', ');
}
