/** The words of the pay and annual reports (file headers, CLI tables, the annual PDF), in both languages. */
import type { Language, SheetStatus } from '../api/types.ts';
import type { PayMissing } from '../api/report-types.ts';
import { DOMAIN_LABELS } from '../labels.ts';
import type { ScoreRateSource } from '../pay.ts';
import type { RoleId } from '../rubric/schema.ts';

export interface ReportLabels {
  employeeNo: string;
  name: string;
  role: string;
  region: string;
  status: string;
  salaryTotal: string;
  plan: string;
  actual: string;
  completion: string;
  monthlyScore: string;
  dailyScore: string;
  /** 日常考核得分率: which score pay's assessment part used (the month's pay settings). */
  scoreRate: string;
  scoreRates: Record<ScoreRateSource, string>;
  base: string;
  planPart: string;
  assessmentPart: string;
  bonus: string;
  total: string;
  missing: string;
  totals: string;
  annualScore: string;
  rank: string;
  rankAmong: string;
  noRegion: string;
  payTitle: (period: string) => string;
  annualTitle: (year: number) => string;
  basis: (basis: 'approved' | 'all') => string;
  monthShort: (month: number) => string;
  /** Missing months of a year as a short list: "1–4、11、12月" / "Jan–Apr, Nov, Dec". */
  missingMonths: (periods: readonly string[]) => string;
  rankOf: (rank: number, of: number) => string;
  people: (n: number) => string;
  roles: Record<RoleId, string>;
  statuses: Record<SheetStatus | 'not-started', string>;
  payMissing: Record<PayMissing, string>;
  listSep: string;
  /** 待确认: the pay figures taken from a signed sheet and not yet confirmed (column, its words, the count). */
  unconfirmed: string;
  unconfirmedFields: Record<'plan' | 'actual', string>;
  unconfirmedCount: (people: number) => string;
  /** A monthly score from an amendment (docs/trust.md, "Amendments"): the column and its words; empty for a version 1. */
  amendment: string;
  amendmentVersion: (version: number) => string;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthOf = (period: string) => Number(period.slice(5, 7));

/** Months as runs: three or more in a row as a range ("1–4"), others one by one. */
function monthRuns(periods: readonly string[], name: (m: number) => string, sep: string): string {
  const months = [...new Set(periods.map(monthOf))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < months.length; ) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${name(months[i]!)}–${name(months[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(name(months[k]!));
    i = j + 1;
  }
  return parts.join(sep);
}

const zh: ReportLabels = {
  employeeNo: '工号',
  name: '姓名',
  role: '岗位',
  region: '区域',
  status: '状态',
  salaryTotal: '工资总额',
  plan: '计划数量',
  actual: '实际数量',
  completion: '计划完成率(%)',
  monthlyScore: '月度考核得分',
  dailyScore: '日常工作考核得分',
  scoreRate: '日常考核得分率',
  scoreRates: { daily: '日常工作考核得分', monthly: '月度考核得分' },
  base: '基础工资',
  planPart: '计划完成率考核工资',
  assessmentPart: '日常工作考核工资',
  bonus: '超计划奖金',
  total: '月度薪酬',
  missing: '缺少',
  totals: '合计',
  annualScore: '年度考核得分',
  rank: '排名',
  rankAmong: '同区域同岗位人数',
  noRegion: '(无区域)',
  payTitle: (p) => `月度薪酬 ${p}`,
  annualTitle: (y) => `${y}年度考核`,
  basis: (b) => (b === 'approved' ? '计入：已审批的考核表' : '计入：全部考核表（预览）'),
  monthShort: (m) => `${m}月`,
  missingMonths: (ps) => (ps.length === 0 ? '' : `${monthRuns(ps, String, '、')}月`),
  rankOf: (r, of) => `${r}/${of}`,
  people: (n) => `${n}人`,
  roles: DOMAIN_LABELS.zh.roles,
  statuses: DOMAIN_LABELS.zh.statuses,
  payMissing: { sheet: '考核表未完成', salary: '工资总额', plan: '计划数量', actual: '实际数量' },
  listSep: '、',
  unconfirmed: '待确认(来自考核表)',
  unconfirmedFields: { plan: '计划', actual: '实际' },
  unconfirmedCount: (n) => `${n}人待确认`,
  amendment: '得分来自修订',
  amendmentVersion: (v) => `修订 第 ${v} 版`,
};

const en: ReportLabels = {
  employeeNo: 'Employee no.',
  name: 'Name',
  role: 'Role',
  region: 'Region',
  status: 'Status',
  salaryTotal: 'Salary total',
  plan: 'Plan (qty)',
  actual: 'Actual (qty)',
  completion: 'Plan completion (%)',
  monthlyScore: 'Monthly score',
  dailyScore: 'Daily-work score',
  scoreRate: 'Score rate',
  scoreRates: { daily: 'Daily-work score', monthly: 'Monthly score' },
  base: 'Base pay',
  planPart: 'Plan part',
  assessmentPart: 'Assessment part',
  bonus: 'Over-plan bonus',
  total: 'Monthly pay',
  missing: 'Missing',
  totals: 'Total',
  annualScore: 'Annual score',
  rank: 'Rank',
  rankAmong: 'Ranked among',
  noRegion: '(no region)',
  payTitle: (p) => `Monthly pay ${p}`,
  annualTitle: (y) => `Annual assessment ${y}`,
  basis: (b) => (b === 'approved' ? 'Counted: approved sheets' : 'Counted: every sheet (preview)'),
  monthShort: (m) => EN_MONTHS[m - 1]!,
  missingMonths: (ps) => monthRuns(ps, (m) => EN_MONTHS[m - 1]!, ', '),
  rankOf: (r, of) => `${r} of ${of}`,
  people: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
  roles: DOMAIN_LABELS.en.roles,
  statuses: DOMAIN_LABELS.en.statuses,
  payMissing: { sheet: 'sheet not ready', salary: 'salary total', plan: 'plan quantity', actual: 'actual quantity' },
  listSep: ', ',
  unconfirmed: 'Unconfirmed (from the sheet)',
  unconfirmedFields: { plan: 'plan', actual: 'actual' },
  unconfirmedCount: (n) => `${n} unconfirmed`,
  amendment: 'Score from amendment',
  amendmentVersion: (v) => `Amendment, version ${v}`,
};

export function reportLabels(language: Language): ReportLabels {
  return language === 'zh' ? zh : en;
}
