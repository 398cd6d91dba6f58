/** The words on a PDF score sheet, in both languages. */
import type { ChainRole, Language, SheetStatus } from '../../shared/api/types.ts';
import { DOMAIN_LABELS } from '../../shared/labels.ts';
import type { RoleId } from '../../shared/rubric/schema.ts';

export interface SheetLabels {
  title: string;
  name: string;
  employeeNo: string;
  role: string;
  region: string;
  month: string;
  scorer: string;
  status: string;
  statusTag: (status: string) => string;
  statuses: Record<SheetStatus | 'not-started', string>;
  roles: Record<RoleId, string>;
  chain: Record<ChainRole, string>;
  dailyScore: string;
  attendanceScore: string;
  monthlyScore: string;
  formula: (daily: string, dw: number, att: string, aw: number, monthly: string) => string;
  formulaWords: (dw: number, aw: number) => string;
  item: string;
  max: string;
  deduction: string;
  points: string;
  remarks: string;
  dailyTotal: (cap: string) => string;
  doubled: string;
  gateFailed: (gate: string) => string;
  gatedItem: string;
  penalty: (nominal: string) => string;
  /** A late hand-in: its due day (and time), with what counts as on time, and when it came. */
  late: (due: string, time: string | null, handedIn: string) => string;
  violated: string;
  falsified: string;
  occurrences: (n: number) => string;
  found: (n: number) => string;
  incident: (kind: string, deduction: string) => string;
  /** After an incident marked severe (严重者直至下岗). */
  severe: string;
  attendance: string;
  noAbsence: string;
  absences: (days: number, full: number, half: number, dates: string[], perDay: string) => string;
  score: (s: string) => string;
  flagsTitle: string;
  flagDoubled: (item: string) => string;
  flagTransfer: string;
  flagSevere: string;
  kpis: string;
  approvals: string;
  signedBy: string;
  signedAt: string;
  signature: string;
  date: string;
  rubric: string;
  exported: string;
  embedded: string;
  page: (n: number, of: number) => string;
  monthName: (year: number, month: number) => string;
  shortDate: (month: number, day: number) => string;
  listSep: string;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const zh: SheetLabels = {
  title: '月度绩效考核表',
  name: '姓名',
  employeeNo: '工号',
  role: '岗位',
  region: '区域',
  month: '考核月份',
  scorer: '评分人',
  status: '状态',
  statusTag: (st) => `状态：${st}`,
  statuses: DOMAIN_LABELS.zh.statuses,
  roles: DOMAIN_LABELS.zh.roles,
  chain: DOMAIN_LABELS.zh.chainRoles,
  dailyScore: '日常工作',
  attendanceScore: '出勤',
  monthlyScore: '月度考核得分',
  formula: (d, dw, a, aw, m) => `${d} × ${dw}% + ${a} × ${aw}% = ${m}`,
  formulaWords: (dw, aw) => `月度考核得分 = 日常工作考核得分 × ${dw}% + 出勤 × ${aw}%`,
  item: '考核项目',
  max: '满分',
  deduction: '扣分',
  points: '得分',
  remarks: '说明 / 备注',
  dailyTotal: (cap) => `日常工作考核得分（满分 ${cap}）`,
  doubled: '×2 连续未交，加倍扣分',
  gateFailed: (gate) => `门槛未通过：${gate}`,
  gatedItem: '本组门槛未通过，此项不得分',
  penalty: (nominal) => `罚分项（名义 ${nominal} 分），从日常工作总分中扣除`,
  late: (due, time, handedIn) => `迟交：应交 ${due}${time ? ` ${time}前（含${time}）` : '前（含当日）'}，实交 ${handedIn}`,
  violated: '违反',
  falsified: '发现不实',
  occurrences: (n) => `${n} 次`,
  found: (n) => `发现 ${n} 次`,
  incident: (kind, d) => `${kind} 扣 ${d}`,
  severe: '（严重）',
  attendance: '出勤',
  noAbsence: '全勤',
  absences: (days, full, half, dates, perDay) =>
    `缺勤 ${days} 天（${[full ? `全天 ${full} 次` : '', half ? `半天 ${half} 次` : ''].filter(Boolean).join('、')}${half ? '，半天按 1 天计' : ''}${dates.length ? `；${dates.join('、')}` : ''}），每天扣 ${perDay} 分`,
  score: (s) => `出勤得分 ${s}`,
  flagsTitle: '需审阅',
  flagDoubled: (item) => `加倍扣分：${item}（上月也未交）`,
  flagTransfer: '调离岗位：发现虚填、虚报 2 次及以上',
  flagSevere: '严重投诉：可考虑下岗',
  kpis: '关键指标（仅供参考，不计入考核得分）',
  approvals: '审批签字',
  signedBy: '签字人',
  signedAt: '时间',
  signature: '签字',
  date: '日期',
  rubric: '考核标准',
  exported: '导出',
  embedded: '本表内嵌 scoresheet.json（考核数据，供人力资源部导入核对）',
  page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
  monthName: (y, m) => `${y}年${m}月`,
  shortDate: (m, d) => `${m}月${d}日`,
  listSep: '；',
};

const en: SheetLabels = {
  title: 'Monthly assessment sheet',
  name: 'Name',
  employeeNo: 'Employee no.',
  role: 'Role',
  region: 'Region',
  month: 'Month',
  scorer: 'Scored by',
  status: 'Status',
  statusTag: (st) => `Status: ${st}`,
  statuses: DOMAIN_LABELS.en.statuses,
  roles: DOMAIN_LABELS.en.roles,
  chain: DOMAIN_LABELS.en.chainRoles,
  dailyScore: 'Daily work',
  attendanceScore: 'Attendance',
  monthlyScore: 'Monthly score',
  formula: (d, dw, a, aw, m) => `${d} × ${dw}% + ${a} × ${aw}% = ${m}`,
  formulaWords: (dw, aw) => `Monthly score = daily work × ${dw}% + attendance × ${aw}%`,
  item: 'Item',
  max: 'Max',
  deduction: 'Deducted',
  points: 'Points',
  remarks: 'Details / notes',
  dailyTotal: (cap) => `Daily-work score (out of ${cap})`,
  doubled: '×2 missed again: deduction doubled',
  gateFailed: (gate) => `Gate failed: ${gate}`,
  gatedItem: "The group's gate failed: this item scores 0",
  penalty: (nominal) => `Penalty item (nominal ${nominal}), taken from the daily-work total`,
  late: (due, time, handedIn) => `Late: due ${time ? `${due} by ${time} (${time} itself on time)` : `by end of ${due}`}, handed in ${handedIn}`,
  violated: 'Violated',
  falsified: 'Found falsified',
  occurrences: (n) => `${n} ${n === 1 ? 'time' : 'times'}`,
  found: (n) => `found ${n} ${n === 1 ? 'time' : 'times'}`,
  incident: (kind, d) => `${kind} −${d}`,
  severe: ' (severe)',
  attendance: 'Attendance',
  noAbsence: 'No absences',
  absences: (days, full, half, dates, perDay) =>
    `${days} ${days === 1 ? 'day' : 'days'} absent (${[full ? `${full} full ${full === 1 ? 'day' : 'days'}` : '', half ? `${half} half ${half === 1 ? 'day' : 'days'}, counted as full` : ''].filter(Boolean).join(', ')}${dates.length ? `; ${dates.join(', ')}` : ''}), −${perDay} per day`,
  score: (s) => `attendance score ${s}`,
  flagsTitle: 'For review',
  flagDoubled: (item) => `Doubled deduction: ${item} (also missed last month)`,
  flagTransfer: 'Transfer off post: falsified entries or claim forms found twice or more',
  flagSevere: 'Severe complaint: dismissal may be considered',
  kpis: 'Key indicators (for information; not part of the score)',
  approvals: 'Approvals',
  signedBy: 'Signed by',
  signedAt: 'At',
  signature: 'Signature',
  date: 'Date',
  rubric: 'Rubric',
  exported: 'Exported',
  embedded: 'This sheet embeds scoresheet.json (the assessment data, for HR to import and check)',
  page: (n, of) => `Page ${n} of ${of}`,
  monthName: (y, m) => `${EN_MONTHS[m - 1]} ${y}`,
  shortDate: (m, d) => `${d} ${EN_SHORT[m - 1]}`,
  listSep: '; ',
};

export function sheetLabels(language: Language): SheetLabels {
  return language === 'zh' ? zh : en;
}

/** A sheet flag in words for HR (`doubled:<id>` names the item through `titleOf`); an unknown flag as it is. */
export function flagWords(flag: string, L: SheetLabels, titleOf: (id: string) => string = (id) => id): string {
  if (flag.startsWith('doubled:')) return L.flagDoubled(titleOf(flag.slice('doubled:'.length)));
  if (flag === 'transfer-off-post') return L.flagTransfer;
  if (flag === 'severe-complaint') return L.flagSevere;
  return flag;
}
