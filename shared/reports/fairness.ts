/**
 * Fairness: the calibration view (scorers whose marks sit far from the company's), the
 * deductions recorded without a note, and every sheet explained in plain words.
 */
import type { CalibrationRow, FairnessReport, PersonExplanation } from '../api/report-types.ts';
import { toHundredths, toScaled } from '../decimal.ts';
import type { Rubric } from '../rubric/schema.ts';
import { allGroups, leafItems } from '../rubric/schema.ts';
import type { SheetResult } from '../scoring/engine.ts';
import type { ItemInput } from '../scoring/input.ts';
import type { DashboardSheet } from './dashboard.ts';
import { explainSheet } from './explain.ts';
import type { ReportPerson } from './pay.ts';
import { isScored } from './scored.ts';
import { meanHundredths, moments, spreadHundredths, type Moments } from './stats.ts';

/**
 * When a scorer is flagged, comparing their scored sheets of the month with the company's (all
 * scored sheets in view, theirs included):
 * - `meanGap`: their mean differs from the company's by more than this many points
 *   (`mean-high` / `mean-low`);
 * - `spreadLow` / `spreadHigh`: their population standard deviation is below this share of the
 *   company's (`spread-low`: everyone gets about the same mark) or above this multiple of it
 *   (`spread-high`);
 * - `minSheets`: only a scorer with at least this many sheets is flagged (a handful of sheets
 *   says little); the row is still listed.
 * Compared exactly (integer hundredths), not on the rounded figures.
 */
export const CALIBRATION = { meanGap: 5, spreadLow: 0.5, spreadHigh: 2, minSheets: 5 } as const;

export type CalibrationThresholds = { [K in keyof typeof CALIBRATION]: number };

/** A ratio with at most 2 decimals as the fraction p / 100. */
const ratio = (x: number) => toScaled(x, 2)!;

/** Flags of one scorer against the company. */
export function calibrationFlags(scorer: Moments, company: Moments, t: CalibrationThresholds = CALIBRATION): CalibrationRow['flags'] {
  if (scorer.count < t.minSheets || scorer.count === 0 || company.count === 0) return [];
  const flags: CalibrationRow['flags'] = [];
  const ns = BigInt(scorer.count);
  const nc = BigInt(company.count);
  // mean_s − mean_c = (Σs·nc − Σc·ns) ÷ (ns·nc); the gap in hundredths is meanGap × 100.
  const diff = scorer.sum * nc - company.sum * ns;
  const gap = BigInt(toHundredths(t.meanGap)!) * ns * nc;
  if (diff > gap) flags.push('mean-high');
  if (-diff > gap) flags.push('mean-low');
  // sd = √D ÷ n with D = nΣx² − (Σx)²; sd_s < r·sd_c ⟺ D_s·nc²·100² < r²·D_c·ns² (r = p/100).
  const dS = ns * scorer.sumSquares - scorer.sum * scorer.sum;
  const dC = nc * company.sumSquares - company.sum * company.sum;
  const left = dS * nc * nc * 10000n;
  const right = (p: bigint) => p * p * dC * ns * ns;
  if (left < right(ratio(t.spreadLow))) flags.push('spread-low');
  if (left > right(ratio(t.spreadHigh))) flags.push('spread-high');
  return flags;
}

export function calibration(sheets: readonly DashboardSheet[], t: CalibrationThresholds = CALIBRATION): { company: FairnessReport['company']; rows: CalibrationRow[] } {
  const scored = sheets.filter((s) => isScored(s.status));
  const h = (list: readonly DashboardSheet[]) => list.map((s) => toHundredths(s.monthlyScore)!);
  const company = moments(h(scored));
  const byScorer = new Map<string, DashboardSheet[]>();
  for (const s of scored) {
    const list = byScorer.get(s.scorer);
    if (list) list.push(s);
    else byScorer.set(s.scorer, [s]);
  }
  const rows = [...byScorer]
    .map(([scorer, list]): CalibrationRow => {
      const m = moments(h(list));
      const flags = calibrationFlags(m, company, t);
      const verdict: CalibrationRow['verdict'] = m.count < t.minSheets ? 'too-few' : flags.length > 0 ? 'flagged' : 'in-line';
      return { scorer, count: m.count, mean: meanHundredths(m)! / 100, spread: spreadHundredths(m)! / 100, flags, verdict };
    })
    .sort((a, b) => b.flags.length - a.flags.length || a.scorer.localeCompare(b.scorer));
  const pts = (x: number | null) => (x === null ? null : x / 100);
  return { company: { count: company.count, mean: pts(meanHundredths(company)), spread: pts(spreadHundredths(company)) }, rows };
}

export interface FairnessSheet extends DashboardSheet {
  result: SheetResult;
  /** What was recorded (the sheet input's items): notes of groups and incidents. */
  items: Readonly<Record<string, ItemInput>>;
}

/** The deductions of a sheet that carry no note (see FairnessReport.unexplained). */
export function unexplainedDeductions(result: SheetResult, items: Readonly<Record<string, ItemInput>>, rubric: Rubric | undefined): { itemId: string; title: { zh: string; en: string }; deduction: number }[] {
  const titles = new Map<string, { zh: string; en: string }>();
  if (rubric) {
    for (const { item } of leafItems(rubric.items)) titles.set(item.id, item.title);
    for (const g of allGroups(rubric.items)) titles.set(g.id, g.title);
  }
  const hasNote = (v: ItemInput | undefined) => !!v?.note?.trim() || (v?.incidents ?? []).some((i) => !!i.note?.trim());
  const out: { itemId: string; title: { zh: string; en: string }; deduction: number }[] = [];
  for (const i of result.items) {
    if (i.deduction <= 0 || i.gated || (i.late?.length ?? 0) > 0 || hasNote(items[i.id]) || i.note?.trim()) continue;
    out.push({ itemId: i.id, title: titles.get(i.id) ?? { zh: i.id, en: i.id }, deduction: i.deduction });
  }
  for (const g of result.groups) {
    if (!g.gated || hasNote(items[g.id])) continue;
    out.push({ itemId: g.id, title: titles.get(g.id) ?? { zh: g.id, en: g.id }, deduction: (toHundredths(g.max)! - toHundredths(g.points)!) / 100 });
  }
  return out;
}

export function fairnessOf(period: string, people: readonly ReportPerson[], sheets: readonly FairnessSheet[], rubricOf: (ref: SheetResult['rubric']) => Rubric | undefined, t: CalibrationThresholds = CALIBRATION): FairnessReport {
  const month = sheets.filter((s) => s.period === period && isScored(s.status));
  const { company, rows } = calibration(month, t);
  const byId = new Map(people.map((p) => [p.personId, p]));
  const unexplained: FairnessReport['unexplained'] = [];
  const explanations: PersonExplanation[] = [];
  for (const s of month) {
    const person = byId.get(s.personId);
    if (!person) continue;
    const rubric = rubricOf(s.result.rubric);
    for (const u of unexplainedDeductions(s.result, s.items, rubric)) unexplained.push({ personId: s.personId, name: person.name, ...u });
    if (!rubric) continue;
    const zh = explainSheet(s.result, rubric, 'zh', s.items);
    const en = explainSheet(s.result, rubric, 'en', s.items);
    explanations.push({
      personId: s.personId,
      employeeNo: person.employeeNo,
      name: person.name,
      regionName: person.regionName,
      scorer: s.scorer,
      dailyScore: s.result.dailyScore,
      monthlyScore: s.monthlyScore,
      lines: zh.map((l, i) => ({ itemId: l.itemId, deduction: l.deduction, zh: l.text, en: en[i]!.text })),
    });
  }
  return { period, company, calibration: rows, unexplained, explanations };
}
