/**
 * The PDF score sheet as a pdfmake document definition: header, person, the score summary with
 * its formula, every rubric item grouped as the rubric groups them, attendance, flags, KPIs, the
 * signature panel, and the rubric id, version and hash in small print. It also carries the
 * machine-readable `scoresheet.json` (docs/spec/score-file.md, "Embedded in the PDF").
 *
 * Every number is formatted from the stored result; nothing is recomputed here.
 */
import { sourcesLine } from '../../shared/findings.ts';
import type { Amendment, AmendmentScores } from '../../shared/amendment.ts';
import type { ChainRole, Language, SheetRecord } from '../../shared/api/types.ts';
import { shownSteps } from '../../shared/chain.ts';
import { SCORE_FILE_NAME, scoresheetJson, type ChainEntry } from '../../shared/score-file.ts';
import { kpiLines, type KpiValues } from '../../shared/kpi.ts';
import { leafItems, type GroupNode, type ItemNode, type RubricNode } from '../../shared/rubric/schema.ts';
import type { GroupResult, ItemResult } from '../../shared/scoring/engine.ts';
import type { ItemInput, SheetInput } from '../../shared/scoring/input.ts';
import { describeAssessedBy } from '../../shared/rubric/describe.ts';
import { formatLocalTime } from '../../shared/time.ts';
import { flagWords, sheetLabels, type SheetLabels } from './labels.ts';

export interface Kpi {
  name: string;
  value: string | number;
}

/** The KPIs recorded beside a sheet as the PDF lists them: named in its language, with units, plan completion derived (shared/kpi.ts). */
export function sheetKpis(kpis: KpiValues, language: Language): Kpi[] {
  return kpiLines(kpis, language).map(({ name, value }) => ({ name, value }));
}

export interface SheetPdfOptions {
  language: Language;
  company?: string;
  scorer?: string;
  regionName?: string;
  /** The steps signed so far; the panel shows an empty box for each step not in it. */
  chain?: ChainEntry[];
  kpis?: Kpi[];
  /** When the file is exported (ISO 8601); now when left out. Also goes into scoresheet.json. */
  exportedAt?: string;
  /** The person's region by code and name; goes into scoresheet.json (HR's import files the sheet under it). */
  region?: { code: string; name: string };
  /** An amendment of a signed version: shown on the page and carried in scoresheet.json. */
  amendment?: Amendment;
  /** The KPIs recorded for the month as numbers: carried in scoresheet.json (HR keeps them as figures from the sheet). */
  kpiValues?: KpiValues;
}

/** A pdfmake node; kept loose on purpose (pdfmake ships no types). */
export type Content = string | Content[] | { [key: string]: unknown };

export interface DocDefinition {
  pageSize: 'A4';
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  info: Record<string, string>;
  language: string;
  content: Content[];
  footer: (currentPage: number, pageCount: number) => Content;
  /** pdfmake's hook to move a node to the next page (e.g. a heading that would end a page). */
  pageBreakBefore?: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage: () => unknown[] }) => boolean;
  styles: Record<string, Record<string, unknown>>;
  defaultStyle: Record<string, unknown>;
  files: Record<string, { src: string; name: string; type: string; description: string; creationDate: Date; modifiedDate: Date }>;
}

/** The family name the document uses; render.ts maps it to the subset or the full font. */
export const FONT_FAMILY = 'Sheet';

const INK = '#1d2329';
const MUTED = '#5f6b76';
const FAINT = '#8a949e';
const RULE = '#c5ccd3';
const RED = '#b3261e';
const HEAD_FILL = '#e9edf1';
const GROUP_FILL = '#f4f6f8';
const NUMBER_WIDTH = 34;

/** Points as printed: up to 2 decimals, a real minus sign. */
export function formatPoints(n: number): string {
  return n < 0 ? `−${String(-n)}` : String(n);
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` as a short date in the sheet's language. */
function formatDay(text: string, L: SheetLabels): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(text);
  if (!m) return text;
  const day = L.shortDate(Number(m[2]), Number(m[3]));
  return m[4] ? `${day} ${m[4]}` : day;
}

function formatMonth(period: string, L: SheetLabels): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? L.monthName(Number(m[1]), Number(m[2])) : period;
}

/** What the scorer recorded for an item, in words (the numbers come from the result). */
function recorded(item: ItemNode, value: ItemInput | undefined, L: SheetLabels, lang: Language): string[] {
  if (!value) return [];
  const out: string[] = [];
  const r = item.rule;
  if ((r.kind === 'violation' || r.kind === 'all-or-nothing') && value.violated) out.push(L.violated);
  if (r.kind === 'falsified' && value.falsified) out.push(L.falsified);
  if (r.kind === 'per-occurrence' && value.occurrences) out.push(L.occurrences(value.occurrences));
  if (r.kind === 'penalty' && value.occurrences) out.push(L.found(value.occurrences));
  if (r.kind === 'grade' && value.grade) {
    const grade = r.grades.find((g) => g.id === value.grade);
    if (grade) out.push(grade.title[lang]);
  }
  if ((r.kind === 'incidents' || r.kind === 'per-occurrence') && value.incidents) {
    const kinds = r.incidents ?? [];
    for (const inc of value.incidents) {
      const kind = kinds.find((k) => k.id === inc.kind);
      out.push(L.incident(kind ? kind.title[lang] : inc.kind, String(inc.deduction)) + (inc.severe === true ? L.severe : '') + (inc.note ? ` — ${inc.note}` : ''));
    }
  }
  return out;
}

interface Row {
  cells: Content[];
}

function numberCell(text: string, opts: Record<string, unknown> = {}): Content {
  return { text, alignment: 'right', noWrap: true, ...opts };
}

function remarks(parts: Content[]): Content {
  return parts.length === 0 ? '' : { stack: parts };
}

/**
 * Who assesses an item or group ("由索赔组考核"), in small type at the top of its remarks: on a
 * row without other remarks (most rows) it costs no height, so the sheet stays one page.
 */
function assessedByLine(node: ItemNode | GroupNode, lang: Language): Content[] {
  const words = describeAssessedBy(node, lang);
  return words ? [{ text: words, fontSize: 6.5, lineHeight: 0.85, color: MUTED, bold: false }] : [];
}

function itemRow(node: ItemNode, res: ItemResult | undefined, input: SheetInput, depth: number, L: SheetLabels, lang: Language): Row {
  const title: Content = { text: node.title[lang], margin: [depth * 10, 0, 0, 0] };
  if (!res) return { cells: [title, numberCell('—'), numberCell('—'), numberCell('—'), remarks(assessedByLine(node, lang))] };
  const parts: Content[] = [...assessedByLine(node, lang)];
  if (res.penalty) parts.push({ text: L.penalty(String(node.points)), color: MUTED });
  if (res.doubled) parts.push({ text: L.doubled, color: RED, bold: true });
  if (res.gated) parts.push({ text: L.gatedItem, color: MUTED });
  for (const late of res.late ?? []) {
    parts.push({ text: L.late(formatDay(late.due.date, L), late.due.time ?? null, formatDay(late.handedIn, L)), color: RED });
  }
  const said = recorded(node, input.items?.[node.id], L, lang);
  const line: Content[] = said.length ? [{ text: said.join(L.listSep), color: MUTED }] : [];
  if (res.note) line.push(...(line.length ? [{ text: '  ' }] : []), { text: res.note });
  if (line.length) parts.push({ text: line });
  // Where the value came from: the departments' findings (file, line, date) and the manager's part.
  const sources = sourcesLine(input.items?.[node.id]?.sources, lang);
  if (sources) parts.push({ text: sources, fontSize: 6.5, lineHeight: 0.85, color: MUTED, bold: false });
  const lost = res.deduction > 0;
  const deduction: Content = lost
    ? { text: [{ text: formatPoints(res.deduction) }, ...(res.doubled ? [{ text: ' ×2', fontSize: 6.5, bold: true }] : [])], alignment: 'right', noWrap: true, color: RED }
    : numberCell('0', { color: FAINT });
  return {
    cells: [
      title,
      numberCell(res.penalty ? '—' : formatPoints(res.max), { color: res.penalty ? FAINT : INK }),
      deduction,
      numberCell(formatPoints(res.points), { bold: true, color: res.points < 0 ? RED : INK }),
      remarks(parts),
    ],
  };
}

function groupRow(node: GroupNode, res: GroupResult | undefined, input: SheetInput, depth: number, L: SheetLabels, lang: Language): Row {
  const parts: Content[] = [...assessedByLine(node, lang)];
  if (res?.gated && node.gate) parts.push({ text: L.gateFailed(node.gate.title[lang]), color: RED, bold: true });
  const gateNote = input.items?.[node.id]?.note;
  if (res?.gated && gateNote) parts.push({ text: gateNote });
  const fill = { fillColor: GROUP_FILL };
  return {
    cells: [
      { text: node.title[lang], bold: true, margin: [depth * 10, 0, 0, 0], ...fill },
      numberCell(res ? formatPoints(res.max) : '—', { bold: true, ...fill }),
      { text: '', ...fill },
      numberCell(res ? formatPoints(res.points) : '—', { bold: true, color: res?.gated ? RED : INK, ...fill }),
      { ...(parts.length ? { stack: parts } : { text: '' }), ...fill },
    ],
  };
}

function itemRows(record: SheetRecord, L: SheetLabels, lang: Language): Row[] {
  const items = new Map(record.result.items.map((i) => [i.id, i]));
  const groups = new Map(record.result.groups.map((g) => [g.id, g]));
  const rows: Row[] = [];
  const walk = (nodes: readonly RubricNode[], depth: number) => {
    for (const node of nodes) {
      if (node.type === 'group') {
        rows.push(groupRow(node, groups.get(node.id), record.input, depth, L, lang));
        walk(node.children, depth + 1);
      } else rows.push(itemRow(node, items.get(node.id), record.input, depth, L, lang));
    }
  };
  walk(record.rubric.items, 0);
  return rows;
}

function itemsTable(record: SheetRecord, L: SheetLabels, lang: Language): Content {
  const titleWidth = lang === 'zh' ? 178 : 200;
  const head = (text: string, alignment = 'left') => ({ text, bold: true, alignment, fillColor: HEAD_FILL, noWrap: alignment === 'right' });
  const total = [
    { text: L.dailyTotal(formatPoints(record.rubric.dailyMax)), bold: true, fillColor: HEAD_FILL },
    numberCell(formatPoints(record.rubric.dailyMax), { bold: true, fillColor: HEAD_FILL }),
    { text: '', fillColor: HEAD_FILL },
    numberCell(formatPoints(record.result.dailyScore), { bold: true, fillColor: HEAD_FILL }),
    { text: '', fillColor: HEAD_FILL },
  ];
  return {
    table: {
      headerRows: 1,
      widths: [titleWidth, NUMBER_WIDTH, NUMBER_WIDTH + 6, NUMBER_WIDTH, '*'],
      body: [
        [head(L.item), head(L.max, 'right'), head(L.deduction, 'right'), head(L.points, 'right'), head(L.remarks)],
        ...itemRows(record, L, lang).map((r) => r.cells),
        total,
      ],
    },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length - 1 || i === node.table.body.length ? 0.8 : 0.4),
      vLineWidth: () => 0,
      hLineColor: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length - 1 || i === node.table.body.length ? MUTED : RULE),
      paddingLeft: () => 4,
      paddingRight: () => 4,
      // Tight enough that the richest sheets, who-assesses lines and all KPIs included, fit one page.
      paddingTop: () => 1.3,
      paddingBottom: () => 1.3,
    },
    margin: [0, 8, 0, 0],
  };
}

function infoTable(record: SheetRecord, options: SheetPdfOptions, L: SheetLabels): Content {
  const label = (text: string) => ({ text, color: MUTED, noWrap: true });
  const value = (text: string) => ({ text, bold: true });
  return {
    table: {
      widths: ['auto', '*', 'auto', 88, 'auto', 76],
      body: [
        [label(L.name), value(record.person.name), label(L.employeeNo), value(record.person.employeeNo), label(L.month), value(formatMonth(record.period, L))],
        [label(L.role), value(L.roles[record.person.role]), label(L.region), value(options.regionName ?? '—'), label(L.scorer), value(options.scorer ?? '—')],
      ],
    },
    layout: {
      hLineWidth: (i: number) => (i === 0 || i === 2 ? 0.8 : 0.4),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i === 0 || i === 2 ? MUTED : RULE),
      paddingLeft: (i: number) => (i % 2 === 0 ? 4 : 6),
      paddingRight: (i: number) => (i % 2 === 0 ? 0 : i === 5 ? 4 : 12),
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
    },
    margin: [0, 8, 0, 0],
  };
}

function summary(record: SheetRecord, L: SheetLabels): Content {
  const r = record.result;
  const w = record.rubric.weights;
  const cell = (label: string, value: string, size: number) => ({
    stack: [
      { text: label, color: MUTED, fontSize: 7.5, noWrap: true },
      { text: value, fontSize: size, bold: true, lineHeight: 1 },
    ],
  });
  return {
    table: {
      widths: ['auto', 'auto', 'auto', '*'],
      body: [
        [
          cell(`${L.dailyScore} × ${w.daily}%`, formatPoints(r.dailyScore), 14),
          cell(`${L.attendanceScore} × ${w.attendance}%`, formatPoints(r.attendance.score), 14),
          cell(L.monthlyScore, formatPoints(r.monthlyScore), 18),
          {
            stack: [
              { text: L.formulaWords(w.daily, w.attendance), color: MUTED, fontSize: 7.5 },
              { text: L.formula(formatPoints(r.dailyScore), w.daily, formatPoints(r.attendance.score), w.attendance, formatPoints(r.monthlyScore)), fontSize: 10.5, bold: true, margin: [0, 3, 0, 0] },
            ],
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 1 || i === 2 || i === 3 ? 0.4 : 0),
      vLineColor: () => RULE,
      fillColor: () => GROUP_FILL,
      paddingLeft: (i: number) => (i === 0 ? 8 : 12),
      paddingRight: () => 12,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 8, 0, 0],
  };
}

function attendance(record: SheetRecord, L: SheetLabels): Content {
  const absences = record.input.absences ?? [];
  const a = record.result.attendance;
  const full = absences.filter((x) => x.length === 'full').length;
  const half = absences.length - full;
  const dates = absences.filter((x) => x.date).map((x) => formatDay(x.date!, L));
  const words = a.absentDays === 0 ? L.noAbsence : L.absences(a.absentDays, full, half, dates, formatPoints(record.rubric.attendance.deductionPerDay));
  return {
    text: [{ text: `${L.attendance}  `, bold: true }, { text: `${words}  ·  ` }, { text: L.score(formatPoints(a.score)), bold: true }],
    margin: [0, 6, 0, 0],
  };
}

/** The words of the amendment section, in the sheet's language. */
const AMEND_WORDS = {
  zh: {
    title: (a: Amendment) => `修订 第 ${a.version} 版 · 修订第 ${a.amends.version} 版(SHA-256 ${a.amends.sha256.slice(0, 16)}…)`,
    reason: '修订原因：',
    changes: '变更：',
    nothing: '无扣分记录',
    points: '得分',
    absences: (before: number, after: number) => `缺勤记录 ${before} 次 → ${after} 次`,
    handIns: (n: number) => `上交记录 ${n} 条`,
  },
  en: {
    title: (a: Amendment) => `Amendment, version ${a.version} · amends version ${a.amends.version} (SHA-256 ${a.amends.sha256.slice(0, 16)}…)`,
    reason: 'Reason: ',
    changes: 'Changes: ',
    nothing: 'nothing recorded',
    points: 'points',
    absences: (before: number, after: number) => `absences ${before} → ${after}`,
    handIns: (n: number) => `${n} hand-in${n === 1 ? '' : 's'}`,
  },
} as const;

/**
 * An amendment's section, under the scores: which version it is and which it amends (with that
 * file's SHA-256), the reason, each changed item (recorded before → after, points before → after),
 * the absences when they changed, and the scores before → after.
 */
function amendmentSection(record: SheetRecord, amendment: Amendment, L: SheetLabels, lang: Language): Content {
  const W = AMEND_WORDS[lang];
  const items = new Map(leafItems(record.rubric.items).map(({ item }) => [item.id, item]));
  const words = (id: string, state: Amendment['changes'][number]['before']): string => {
    const item = items.get(id);
    const parts = item ? recorded(item, state.value ?? undefined, L, lang) : state.value ? [JSON.stringify(state.value)] : [];
    if (state.handIns && state.handIns.length > 0) parts.push(W.handIns(state.handIns.length));
    return parts.length > 0 ? parts.join(L.listSep) : W.nothing;
  };
  const scores = (s: AmendmentScores) => `${formatPoints(s.monthlyScore)}`;
  const { before, after } = amendment.scores;
  const lines: Content[] = amendment.changes.map((c) => ({
    text: [
      { text: `${items.get(c.item)?.title[lang] ?? c.item}: `, bold: true },
      `${words(c.item, c.before)} → ${words(c.item, c.after)}; ${W.points} ${formatPoints(c.before.points)} → ${formatPoints(c.after.points)}`,
    ],
  }));
  if (amendment.absences) lines.push({ text: W.absences(amendment.absences.before.length, amendment.absences.after.length) });
  lines.push({
    text: [
      { text: `${L.monthlyScore} ${scores(before)} → ${scores(after)}`, bold: true },
      `  (${L.dailyScore} ${formatPoints(before.dailyScore)} → ${formatPoints(after.dailyScore)}${L.listSep}${L.attendanceScore} ${formatPoints(before.attendanceScore)} → ${formatPoints(after.attendanceScore)})`,
    ],
  });
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: W.title(amendment), bold: true, color: RED },
              { text: [{ text: W.reason, bold: true }, amendment.reason] },
              { text: W.changes, bold: true },
              { ul: lines, margin: [6, 0, 0, 0] },
            ],
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => RED, vLineColor: () => RED, paddingTop: () => 3, paddingBottom: () => 3 },
    fontSize: 7.5,
    margin: [0, 4, 0, 0],
  };
}

function flags(record: SheetRecord, L: SheetLabels, lang: Language): Content | null {
  if (record.result.flags.length === 0) return null;
  const titles = new Map<string, string>();
  const walk = (nodes: readonly RubricNode[]) => {
    for (const n of nodes) {
      titles.set(n.id, n.title[lang]);
      if (n.type === 'group') walk(n.children);
    }
  };
  walk(record.rubric.items);
  const words = record.result.flags.map((f) => flagWords(f, L, (id) => titles.get(id) ?? id));
  return {
    table: {
      widths: ['auto', '*'],
      body: [[{ text: L.flagsTitle, bold: true, color: RED, noWrap: true }, { ul: words, color: INK }]],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2 : 0),
      vLineColor: () => RED,
      paddingLeft: (i: number) => (i === 0 ? 8 : 4),
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, 8, 0, 0],
  };
}

/**
 * The month's KPIs, four to a row in a smaller type: a sheet with every KPI recorded still fits
 * one page (the richest demo sheets have about 40 pt to spare).
 */
function kpiTable(kpis: readonly Kpi[], L: SheetLabels): Content | null {
  if (kpis.length === 0) return null;
  const perRow = Math.min(4, kpis.length);
  const rows: Content[][] = [];
  for (let i = 0; i < kpis.length; i += perRow) {
    const row: Content[] = [];
    for (let j = 0; j < perRow; j++) {
      const k = kpis[i + j];
      row.push(k ? { text: k.name, color: MUTED } : '', k ? { text: String(k.value), bold: true, alignment: 'right', noWrap: true } : '');
    }
    rows.push(row);
  }
  return {
    stack: [
      { text: L.kpis, bold: true, margin: [0, 0, 0, 2] },
      {
        table: { widths: Array.from({ length: perRow }, () => ['*', 'auto']).flat(), body: rows },
        fontSize: 7.5,
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? 0.8 : 0.4),
          // A rule between the name-value pairs.
          vLineWidth: (i: number) => (i > 0 && i < 2 * perRow && i % 2 === 0 ? 0.4 : 0),
          hLineColor: () => RULE,
          vLineColor: () => RULE,
          paddingLeft: () => 4,
          paddingRight: () => 5,
          paddingTop: () => 1.5,
          paddingBottom: () => 1.5,
        },
      },
    ],
    margin: [0, 6, 0, 0],
  };
}

function signaturePanel(record: SheetRecord, chain: readonly ChainEntry[], L: SheetLabels): Content {
  const steps = shownSteps(record.person.role, chain.map((entry) => entry.role));
  /** A label and a line to write on. */
  const writeIn = (label: string, top: number): Content => ({
    table: {
      widths: ['auto', '*'],
      body: [[{ text: label, color: FAINT, border: [false, false, false, false] }, { text: ' ', border: [false, false, false, true] }]],
    },
    layout: { hLineWidth: () => 0.4, hLineColor: () => RULE, vLineWidth: () => 0, paddingLeft: (i: number) => (i === 0 ? 0 : 4), paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 1 },
    margin: [0, top, 0, 0],
  });
  const box = (role: ChainRole): Content => {
    const signed = [...chain].reverse().find((c) => c.role === role);
    const lines: Content[] = signed
      ? [
          { text: [{ text: `${L.signedBy}  `, color: MUTED }, { text: signed.name, bold: true }], margin: [0, 6, 0, 0] },
          { text: [{ text: `${L.signedAt}  `, color: MUTED }, { text: formatLocalTime(signed.at) }], margin: [0, 3, 0, 0] },
        ]
      : [writeIn(L.signature, 8), writeIn(L.date, 6)];
    return { stack: [{ text: L.chain[role], bold: true }, ...lines] };
  };
  return {
    stack: [
      { text: L.approvals, bold: true, margin: [0, 0, 0, 3] },
      {
        table: { widths: steps.map(() => '*'), heights: 46, body: [steps.map(box)] },
        layout: {
          hLineWidth: () => 0.6,
          vLineWidth: () => 0.6,
          hLineColor: () => MUTED,
          vLineColor: () => MUTED,
          paddingLeft: () => 6,
          paddingRight: () => 6,
          paddingTop: () => 5,
          paddingBottom: () => 5,
        },
      },
    ],
    unbreakable: true,
    margin: [0, 10, 0, 0],
  };
}

function header(record: SheetRecord, options: SheetPdfOptions, L: SheetLabels, lang: Language): Content {
  const ready = record.status === 'ready';
  return {
    columns: [
      {
        stack: [
          ...(options.company ? [{ text: options.company, color: MUTED, fontSize: 10, margin: [0, 0, 0, 2] }] : []),
          { text: L.title, fontSize: 16, bold: true, lineHeight: 1 },
          { text: record.rubric.title[lang], color: MUTED, fontSize: 9.5, margin: [0, 2, 0, 0] },
        ],
      },
      {
        width: 'auto',
        stack: [
          { text: formatMonth(record.period, L), fontSize: 13, bold: true, alignment: 'right', lineHeight: 1 },
          {
            table: { body: [[{ text: L.statusTag(L.statuses[record.status]), color: ready ? MUTED : RED, bold: !ready, noWrap: true }]] },
            layout: {
              hLineWidth: () => 0.6,
              vLineWidth: () => 0.6,
              hLineColor: () => (ready ? RULE : RED),
              vLineColor: () => (ready ? RULE : RED),
              paddingTop: () => 1,
              paddingBottom: () => 1,
            },
            alignment: 'right',
            margin: [0, 4, 0, 0],
          },
        ],
      },
    ],
  };
}

/** The pdfmake document definition of one score sheet (without fonts: render.ts adds them). */
export function sheetDocDefinition(record: SheetRecord, options: SheetPdfOptions): DocDefinition {
  const lang = options.language;
  const L = sheetLabels(lang);
  const chain = options.chain ?? [];
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  const json = JSON.stringify(scoresheetJson(record, chain, exportedAt, options.region, options.amendment, options.kpiValues));
  const r = record.rubric;
  const smallPrint = `${L.rubric} ${r.id}@${r.version}  ·  ${r.hash}  ·  ${L.exported} ${formatLocalTime(exportedAt)}  ·  ${L.embedded}`;
  const content: (Content | null)[] = [
    header(record, options, L, lang),
    infoTable(record, options, L),
    summary(record, L),
    options.amendment ? amendmentSection(record, options.amendment, L, lang) : null,
    itemsTable(record, L, lang),
    attendance(record, L),
    flags(record, L, lang),
    options.kpis ? kpiTable(options.kpis, L) : null,
    signaturePanel(record, chain, L),
  ];
  const exported = new Date(exportedAt);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 34, 36, 40],
    info: {
      title: `${L.title} ${record.person.name} ${record.period}`,
      subject: `${r.id}@${r.version} ${record.period} ${record.person.employeeNo}`,
      ...(options.company ? { author: options.company } : {}),
      creator: 'Staff Assessment',
    },
    language: lang === 'zh' ? 'zh-CN' : 'en',
    content: content.filter((c): c is Content => c !== null),
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: smallPrint, fontSize: 6, color: FAINT },
        { text: L.page(currentPage, pageCount), fontSize: 6.5, color: MUTED, alignment: 'right', width: 'auto', noWrap: true },
      ],
      columnGap: 12,
      margin: [36, 12, 36, 0],
    }),
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 8.5, lineHeight: 0.92, color: INK },
    files: embeddedDataFile(json, 'Score sheet data (scoresheet/1): input, output, rubric, person, signer chain', exported),
  };
}

/**
 * The data file every signed PDF of this app embeds under one name (score sheets, return notes,
 * rubric files; the verifier reads SCORE_FILE_NAME), as pdfmake's `files`.
 */
export function embeddedDataFile(json: string, description: string, at: Date): DocDefinition['files'] {
  return {
    [SCORE_FILE_NAME]: {
      src: `data:application/json;base64,${Buffer.from(json, 'utf8').toString('base64')}`,
      name: SCORE_FILE_NAME,
      type: 'application/json',
      description,
      creationDate: at,
      modifiedDate: at,
    },
  };
}
