/**
 * The words of the departments' findings: the import in the month screen (preview, skipped
 * people, sheets that need an amendment, choices), the sheet's sources and which departments have
 * sent their file, and the findings' problem rules. zh is typed by en. Joined into the
 * dictionaries as `findings` (rules: spread into `failure.rules`).
 */
import { DEPARTMENT_NAMES, departmentList, type DepartmentId } from '../../shared/departments.ts';
import type { SheetStatus } from '../../shared/sheet-status.ts';

type Title = { zh: string; en: string };

export const findingsEn = {
  button: 'Findings',
  title: (period: string) => `Findings from the departments — ${period}`,
  importTitle: 'Import a department’s file',
  help: 'A department that assesses items (claims group, technical group, …) sends its file for the month: CSV or XLSX, columns by header — 工号 / employee no, 项目 / item, 次数 / occurrences, 等级 / grade, 扣分 / deduction, 事件 / incident, 交付日期 / handed in, 日期 / date, 备注 / note. Every row is checked against the person’s rubric and the roster; nothing is written while a row has a problem. Findings go into draft sheets only, each deduction with its source; the department’s next file for the month replaces its own findings.',
  department: 'Department',
  template: 'Download template',
  templateTip: 'An XLSX with the month’s people and only the items this department assesses',
  received: 'Files received this month',
  notYet: 'not yet',
  receivedFile: (file: string, at: string) => `${file} (${at})`,
  row: 'Line',
  employeeNo: 'Employee no',
  name: 'Name',
  item: 'Item',
  value: 'Finding',
  date: 'Date',
  note: 'Note',
  action: 'Outcome',
  problems: 'Problems',
  actions: {
    add: 'New draft',
    update: 'Update',
    unchanged: 'No change',
    amend: 'Needs an amendment',
    skipped: 'Skipped',
    blank: 'Empty',
    conflict: 'To choose',
    error: 'Problem',
  },
  confirm: (department: string) => `Import the findings of ${department}`,
  done: (r: { added: number; updated: number; unchanged: number }) =>
    `Imported: ${r.added} new ${r.added === 1 ? 'draft' : 'drafts'}, ${r.updated} ${r.updated === 1 ? 'sheet' : 'sheets'} updated, ${r.unchanged} unchanged.`,
  skippedTitle: (n: number) => `${n} ${n === 1 ? 'person' : 'people'} skipped: not in your region this month`,
  amendTitle: (n: number) => `${n} ${n === 1 ? 'sheet' : 'sheets'} not changed: no longer a draft (a change goes through an amendment)`,
  amendLine: (no: string, name: string, status: string) => `${no} ${name} — ${status}`,
  conflictsTitle: 'Choose where the values differ',
  conflictsHelp: 'The item keeps its value until you choose.',
  option: { all: 'Count all', departments: 'Only the departments’', manager: 'Keep mine' } as Record<string, string>,
  take: (who: string) => `Take ${who}`,
  manager: 'you (manager)',
  chosen: 'Chosen',
  sources: 'Source',
  sheetTitle: (period: string) => `Departments’ findings for ${period}`,
  sheetReceived: (names: string) => `received from ${names}`,
  sheetMissing: (names: string) => `not yet from ${names}`,
  sheetNone: 'No department has sent findings for this month yet.',
  sheetOpen: (n: number) => `${n} ${n === 1 ? 'value waits' : 'values wait'} for your choice (month screen, Findings).`,
  departmentName: (id: DepartmentId) => DEPARTMENT_NAMES[id].en,
  statusName: (s: SheetStatus | 'not-started') => ({ draft: 'draft', ready: 'ready', signed: 'signed', returned: 'returned', approved: 'approved', 'not-started': 'not started' })[s],
  text: (x: Title) => x.en,
};

export const findingsZh: typeof findingsEn = {
  button: '各组考核结果',
  title: (period) => `各部门考核结果 — ${period}`,
  importTitle: '导入部门文件',
  help: '考核项目的部门(索赔组、技术组等)每月发来本部门的文件:CSV 或 XLSX,按表头识别列——工号、项目、次数、等级、扣分、事件、交付日期、日期、备注。每一行都按此人的考核表和花名册核对;只要有一行有问题,就不写入任何内容。考核结果只写入草稿评分表,每项扣分都记下来源;同一部门同月再次导入的文件替换该部门此前的结果。',
  department: '部门',
  template: '下载模板',
  templateTip: '本月人员及该部门考核的项目(XLSX)',
  received: '本月已收到的文件',
  notYet: '尚未收到',
  receivedFile: (file, at) => `${file}(${at})`,
  row: '行',
  employeeNo: '工号',
  name: '姓名',
  item: '项目',
  value: '考核结果',
  date: '日期',
  note: '备注',
  action: '处理',
  problems: '问题',
  actions: {
    add: '新建草稿',
    update: '更新',
    unchanged: '无变化',
    amend: '需走更正流程',
    skipped: '跳过',
    blank: '空行',
    conflict: '待选择',
    error: '有问题',
  },
  confirm: (department) => `导入${department}的考核结果`,
  done: (r) => `已导入:新建草稿 ${r.added} 份,更新 ${r.updated} 份,无变化 ${r.unchanged} 份。`,
  skippedTitle: (n) => `跳过 ${n} 人:本月不在您的区域`,
  amendTitle: (n) => `${n} 份评分表未改动:已不是草稿(修改须走更正流程)`,
  amendLine: (no, name, status) => `${no} ${name} — ${status}`,
  conflictsTitle: '数值不一致,请选择',
  conflictsHelp: '选择之前,该项保持原值。',
  option: { all: '全部计入', departments: '只计各部门的', manager: '保留我填的' },
  take: (who) => `采用${who}`,
  manager: '我(经理)',
  chosen: '已选择',
  sources: '来源',
  sheetTitle: (period) => `${period} 各部门考核结果`,
  sheetReceived: (names) => `已收到:${names}`,
  sheetMissing: (names) => `尚未收到:${names}`,
  sheetNone: '本月尚无部门发来考核结果。',
  sheetOpen: (n) => `有 ${n} 项数值等待您选择(月度页面 → 各组考核结果)。`,
  departmentName: (id) => DEPARTMENT_NAMES[id].zh,
  statusName: (s) => ({ draft: '草稿', ready: '待签', signed: '已签', returned: '已退回', approved: '已批准', 'not-started': '未开始' })[s],
  text: (x) => x.zh,
};

const titles = (items: Title[], lang: 'zh' | 'en') => items.map((i) => i[lang]).join(lang === 'zh' ? '、' : ', ');

/** The findings' problem rules (shared/problems.ts), spread into `failure.rules`. */
export const findingRulesEn = {
  'finding-item': (r: { rubric: string; department: DepartmentId; items: Title[] }) =>
    `an item of the person’s rubric (${r.rubric}) that ${DEPARTMENT_NAMES[r.department].en} assesses, by code or title: ${titles(r.items, 'en') || 'none'}`,
  'not-assessed-by': (r: { item: Title; department: DepartmentId; assessors: DepartmentId[]; items: Title[] }) =>
    `an item ${DEPARTMENT_NAMES[r.department].en} assesses (${r.item.en} is assessed by ${r.assessors.length ? departmentList(r.assessors, 'en') : 'the manager'}; this department assesses ${titles(r.items, 'en') || 'none'})`,
  'finding-columns': (r: { item: Title; columns: string[] }) =>
    r.columns.length ? `nothing in this column: ${r.item.en} takes ${r.columns.join(', ')}` : `an item a department’s finding can give (${r.item.en} is judged on the sheet)`,
  'one-of': (r: { options: Title[] }) => `one of ${titles(r.options, 'en')}`,
  'one-grade': (r: { line: number }) => `the grade of line ${r.line}: one grade per person and item in a file`,
  'finding-open': () => 'an item whose findings wait for your choice (none does now)',
  'finding-choice-waiting': (r: { name: string; items: Title[] }) => `a draft until you choose between the departments’ findings on ${r.name}’s ${titles(r.items, 'en')}`,
};

export const findingRulesZh: typeof findingRulesEn = {
  'finding-item': (r) => `此人考核表(${r.rubric})中由${DEPARTMENT_NAMES[r.department].zh}考核的项目(填代码或名称):${titles(r.items, 'zh') || '无'}`,
  'not-assessed-by': (r) => `${DEPARTMENT_NAMES[r.department].zh}考核的项目(“${r.item.zh}”由${r.assessors.length ? departmentList(r.assessors, 'zh') : '经理'}考核;本部门考核:${titles(r.items, 'zh') || '无'})`,
  'finding-columns': (r) => (r.columns.length ? `此列留空:“${r.item.zh}”只填 ${r.columns.join('、')}` : `部门考核结果能给出的项目(“${r.item.zh}”在评分表上评定)`),
  'one-of': (r) => `以下之一:${titles(r.options, 'zh')}`,
  'one-grade': (r) => `与第 ${r.line} 行相同的等级:同一文件中每人每项只有一个等级`,
  'finding-open': () => '有待您选择的考核结果的项目(目前没有)',
  'finding-choice-waiting': (r) => `草稿:请先在各组考核结果之间为${r.name}的“${titles(r.items, 'zh')}”作出选择,再标记为已完成`,
};
