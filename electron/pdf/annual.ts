/**
 * The annual report PDF (A4 landscape): title, year and which sheets count, then one table per
 * region: each person's 12 monthly scores, the annual score, the missing months and the rank
 * within region and role. Numbers come from the report (shared/reports/annual.ts), not recomputed.
 * Rendered with the sheet fonts (render.ts: the CJK subset plus system fallbacks).
 */
import type { AnnualReport, AnnualRow } from '../../shared/api/report-types.ts';
import type { Language } from '../../shared/api/types.ts';
import { reportLabels } from '../../shared/reports/labels.ts';
import { sheetLabels } from './labels.ts';
import { renderDocument } from './render.ts';
import { FONT_FAMILY, formatPoints, type Content, type DocDefinition } from './sheet.ts';

const MUTED = '#5f6b76';
const HEAD_FILL = '#e9edf1';
const MISSING_FILL = '#fbeaea';
const ROLE_ORDER = ['regional-manager', 'salesperson', 'field-service', 'executive'];

function regionTable(rows: AnnualRow[], language: Language): Content {
  const L = reportLabels(language);
  const head = [L.employeeNo, L.name, L.role, ...Array.from({ length: 12 }, (_, i) => L.monthShort(i + 1)), L.annualScore, L.missing, L.rank].map((text, i) => ({
    text,
    bold: true,
    fillColor: HEAD_FILL,
    alignment: i >= 3 && i !== 16 ? 'center' : 'left',
  }));
  const sorted = [...rows].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.rank - b.rank || a.employeeNo.localeCompare(b.employeeNo));
  const body = sorted.map((r) => [
    r.employeeNo,
    r.name,
    L.roles[r.role],
    ...r.months.map((m) => (m === null ? { text: '—', color: MUTED, alignment: 'center', fillColor: MISSING_FILL } : { text: formatPoints(m), alignment: 'right' })),
    { text: formatPoints(r.annualScore), bold: true, alignment: 'right' },
    { text: L.missingMonths(r.missing), color: MUTED },
    { text: L.rankOf(r.rank, r.rankOf), alignment: 'right', noWrap: true },
  ]);
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [46, 72, language === 'zh' ? 58 : 80, ...Array.from({ length: 12 }, () => 26), 50, '*', 40],
      body: [head, ...body],
    },
    layout: {
      hLineWidth: () => 0.4,
      vLineWidth: () => 0.4,
      hLineColor: () => '#c5ccd3',
      vLineColor: () => '#c5ccd3',
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
  };
}

/** The document definition (without fonts: render.ts adds them). */
export function annualDocDefinition(report: AnnualReport, language: Language, createdAt: Date = new Date()): DocDefinition {
  const L = reportLabels(language);
  const zh = language === 'zh';
  const regions = new Map<string, AnnualRow[]>();
  for (const r of report.rows) {
    const key = r.regionName ?? L.noRegion;
    const list = regions.get(key);
    if (list) list.push(r);
    else regions.set(key, [r]);
  }
  const content: Content[] = [
    { text: L.annualTitle(report.year), fontSize: 16, bold: true },
    {
      text: `${L.basis(report.basis)} · ${zh ? '年度考核得分 = 12个月月度考核得分之和 ÷ 12；缺少的月份计0分并列出' : 'Annual score = sum of the 12 monthly scores ÷ 12; a missing month counts 0 and is listed'}`,
      color: MUTED,
      margin: [0, 3, 0, 8],
    },
  ];
  if (regions.size === 0) content.push({ text: zh ? '没有人员。' : 'No people.', color: MUTED });
  for (const [region, rows] of regions) {
    content.push({ text: `${region} · ${L.people(rows.length)}`, fontSize: 11, bold: true, margin: [0, 8, 0, 3], headlineLevel: 1 });
    content.push(regionTable(rows, language));
  }
  const stamp = `${createdAt.getFullYear()}-${String(createdAt.getMonth() + 1).padStart(2, '0')}-${String(createdAt.getDate()).padStart(2, '0')}`;
  const dd: DocDefinition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 34],
    info: { title: L.annualTitle(report.year), subject: `${report.year} ${report.basis}`, creator: 'Staff Assessment' },
    language: zh ? 'zh-CN' : 'en',
    content,
    footer: (page: number, count: number) => ({
      columns: [
        { text: `${L.annualTitle(report.year)} · ${zh ? '生成于' : 'created'} ${stamp}`, fontSize: 6.5, color: MUTED },
        { text: sheetLabels(language).page(page, count), fontSize: 6.5, color: MUTED, alignment: 'right', width: 'auto' },
      ],
      margin: [30, 12, 30, 0],
    }),
    // A region's heading never ends a page without its table.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage: () => unknown[] }) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 7.5, lineHeight: 1.05 },
    files: {},
  };
  return dd;
}

export async function renderAnnualPdf(report: AnnualReport, language: Language): Promise<Buffer> {
  return (await renderDocument(annualDocDefinition(report, language))).pdf;
}
