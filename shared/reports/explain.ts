/**
 * A score sheet in plain words: one line per deduction, saying what was lost and why —
 * occurrences, grade, incidents, late hand-ins ("handed in on the 27th, due the 25th"),
 * doubling, a failed group gate, penalties and absences — with the scorer's note. Everything
 * comes from the stored result and what was recorded; nothing is scored again here.
 */
import type { Language } from '../api/types.ts';
import { toHundredths } from '../decimal.ts';
import type { LateHandIn } from '../scoring/handins.ts';
import type { ItemInput } from '../scoring/input.ts';
import { rawDeduction, type ItemResult, type SheetResult } from '../scoring/engine.ts';
import { allGroups, leafItems, type ItemNode, type Rubric } from '../rubric/schema.ts';

export interface ExplainLine {
  /** The item or gated group, or `attendance`. */
  itemId: string;
  /** Points lost (daily-work points; attendance points for `attendance`). */
  deduction: number;
  text: string;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ordinal(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}

/** A date as people say it: the day alone when it is in `month` (YYYY-MM), else day and month. */
function sayDate(date: string, month: string, lang: Language): string {
  const [y, m, d] = [date.slice(0, 4), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const same = date.startsWith(month);
  if (lang === 'zh') return same ? `${d}日` : `${y === month.slice(0, 4) ? '' : `${y}年`}${m}月${d}日`;
  return same ? `the ${ordinal(d)}` : `${d} ${EN_MONTHS[m - 1]}${y === month.slice(0, 4) ? '' : ` ${y}`}`;
}

/**
 * "handed in on the 27th, due the 25th (that day counts as on time)" / "27日上交，应于25日前上交（含当日）":
 * the due day itself, or the due time itself, is on time (assessment.md, Deadlines), said beside
 * the deadline. Days of the sheet's month (`period`) are said alone, others with their month
 * ("handed in on 2 Mar, due the 28th").
 */
export function sayLate(late: LateHandIn, lang: Language, period: string = late.due.date.slice(0, 7)): string {
  const [date, time] = late.handedIn.split('T') as [string, string | undefined];
  const handed = sayDate(date, period, lang);
  const due = sayDate(late.due.date, period, lang);
  if (late.due.time) {
    const sameDay = date === late.due.date;
    if (lang === 'zh') return `${handed}${time ?? ''}上交，应于${sameDay ? '当日' : due}${late.due.time}前上交（含${late.due.time}）`;
    return `handed in ${time ? `at ${time} ` : ''}on ${handed}, due by ${late.due.time}${sameDay ? ' that day' : ` on ${due}`} (${late.due.time} counts as on time)`;
  }
  return lang === 'zh' ? `${handed}上交，应于${due}前上交（含当日）` : `handed in on ${handed}, due ${due} (that day counts as on time)`;
}

const num = (n: number) => String(n);

/** Why an item lost points, in words (without title and note). */
function reasons(node: ItemNode, result: ItemResult, recorded: ItemInput, lang: Language, period: string): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  const late = result.late ?? [];
  for (const l of late) out.push(sayLate(l, lang, period));
  const r = node.rule;
  switch (r.kind) {
    case 'violation':
      if (late.length === 0) out.push(zh ? `违反，扣${num(r.deduction)}分` : `violated, −${num(r.deduction)}`);
      break;
    case 'all-or-nothing':
      out.push(late.length === 0 ? (zh ? '违反，该项不得分' : 'violated, the item scores 0') : zh ? '该项不得分' : 'so the item scores 0');
      break;
    case 'falsified':
      out.push(zh ? '发现内容不实，该项不得分' : 'found falsified, the item scores 0');
      break;
    case 'per-occurrence': {
      const n = (recorded.occurrences ?? 0) + late.length;
      // One late hand-in alone says enough; otherwise the count and the points per time.
      if (n > 1 || (recorded.occurrences ?? 0) > 0) {
        if (r.zeroAbove !== undefined && n > r.zeroAbove) out.push(zh ? `${n}次，${r.zeroAbove + 1}次及以上该项不得分` : `${n} times, ${r.zeroAbove + 1} or more score 0`);
        else out.push(zh ? `${n}次 × 扣${num(r.deduction)}分` : `${n} ${n === 1 ? 'time' : 'times'} × −${num(r.deduction)}`);
      }
      out.push(...incidentWords(r.incidents ?? [], recorded, lang));
      break;
    }
    case 'judged':
      out.push(zh ? `评为${num(recorded.points ?? node.points)}分（满分${num(node.points)}）` : `judged ${num(recorded.points ?? node.points)} of ${num(node.points)}`);
      break;
    case 'grade': {
      const grade = r.grades.find((g) => g.id === recorded.grade);
      if (grade) out.push(zh ? `评级：${grade.title.zh}` : `grade: ${grade.title.en}`);
      break;
    }
    case 'incidents':
      out.push(...incidentWords(r.incidents, recorded, lang));
      break;
    case 'penalty': {
      const n = recorded.occurrences ?? 0;
      const step = r.steps.filter((s) => n >= s.atLeast).at(-1);
      out.push(zh ? `发现${n}次，从日常工作总分扣${num(result.deduction)}分` : `found ${n} ${n === 1 ? 'time' : 'times'}, −${num(result.deduction)} from the daily-work total`);
      if (step?.flag) out.push(zh ? '并调离岗位' : 'and transfer off post');
      break;
    }
  }
  if (result.doubled) out.push(zh ? '上月也未上交，扣分加倍' : 'doubled: also not handed in last month');
  return out;
}

function incidentWords(kinds: readonly { id: string; title: { zh: string; en: string } }[], recorded: ItemInput, lang: Language): string[] {
  return (recorded.incidents ?? []).map((inc) => {
    const title = kinds.find((k) => k.id === inc.kind)?.title[lang] ?? inc.kind;
    const note = inc.note ? (lang === 'zh' ? `（${inc.note}）` : ` (${inc.note})`) : '';
    const severe = inc.severe === true ? (lang === 'zh' ? '（严重）' : ' (severe)') : '';
    return lang === 'zh' ? `${title}扣${num(inc.deduction)}分${severe}${note}` : `${title.toLowerCase()} −${num(inc.deduction)}${severe}${note}`;
  });
}

function line(itemId: string, deduction: number, title: string, why: string[], note: string | undefined, lang: Language): ExplainLine {
  const zh = lang === 'zh';
  const parts = [...why, ...(note ? [zh ? `备注：${note}` : `note: ${note}`] : [])];
  const sep = zh ? '；' : '; ';
  return { itemId, deduction, text: `−${num(deduction)} ${title}${parts.length ? (zh ? '：' : ': ') + parts.join(sep) : ''}` };
}

/**
 * The deductions of a sheet in plain words, in rubric order, then attendance. `items` is what
 * was recorded (the sheet input's items): occurrences, grades, incidents and group gates' notes.
 */
export function explainSheet(result: SheetResult, rubric: Rubric, language: Language, items: Readonly<Record<string, ItemInput>> = {}): ExplainLine[] {
  const zh = language === 'zh';
  const nodes = new Map(leafItems(rubric.items).map(({ item }) => [item.id, item]));
  const groups = new Map(allGroups(rubric.items).map((g) => [g.id, g]));
  const lines: ExplainLine[] = [];
  const gatedDone = new Set<string>();
  for (const item of result.items) {
    const node = nodes.get(item.id);
    if (item.gated) {
      // The gate sets the whole group to 0: one line for the group, its items' own deductions are not taken again.
      const group = result.groups.find((g) => g.gated && (g.id === item.group || isAncestor(groups.get(g.id), item.id)));
      if (group && !gatedDone.has(group.id)) {
        gatedDone.add(group.id);
        const g = groups.get(group.id);
        const gate = g?.gate?.title[language];
        const why = [gate ? (zh ? `${gate}，整组不得分` : `${gate}: the whole group scores 0`) : zh ? '整组不得分' : 'the whole group scores 0'];
        if (result.flags.includes(`doubled:${group.id}`)) why.push(zh ? '上月也未上交，扣分加倍' : 'doubled: also not handed in last month');
        lines.push(line(group.id, group.max - group.points, g?.title[language] ?? group.id, why, items[group.id]?.note, language));
      }
      continue;
    }
    if (item.deduction <= 0 || !node) continue;
    const recorded = items[item.id] ?? {};
    const why = reasons(node, item, recorded, language, result.period);
    if (item.points === 0 && flooredAtZero(node, recorded, item)) {
      why.push(zh ? `该项最低0分（满分${num(item.max)}）` : `an item never goes below 0 (it has ${num(item.max)} points)`);
    }
    lines.push(line(item.id, item.deduction, node.title[language], why, item.note, language));
  }
  const days = result.attendance.absentDays;
  if (days > 0) {
    const lost = (toHundredths(rubric.attendance.full)! - toHundredths(result.attendance.score)!) / 100;
    const per = rubric.attendance.deductionPerDay;
    const text = zh
      ? `−${num(lost)} 出勤：缺勤${days}天（半天按1天计），每天扣${num(per)}分，出勤${num(result.attendance.score)}分`
      : `−${num(lost)} Attendance: absent ${days} ${days === 1 ? 'day' : 'days'} (a half day counts as a day), −${num(per)} each, attendance ${num(result.attendance.score)}`;
    lines.push({ itemId: 'attendance', deduction: lost, text });
  }
  return lines;
}

function isAncestor(group: { children: unknown[] } | undefined, itemId: string): boolean {
  if (!group) return false;
  return leafItems(group.children as Rubric['items']).some(({ item }) => item.id === itemId);
}

/** Whether the rule took more than the item has (so the floor at 0 applied), by the engine's own rawDeduction. */
function flooredAtZero(node: ItemNode, recorded: ItemInput, result: ItemResult): boolean {
  if (result.penalty) return false;
  const late = result.late?.length ?? 0;
  let applied = recorded;
  if (late) applied = node.rule.kind === 'per-occurrence' ? { ...recorded, occurrences: (recorded.occurrences ?? 0) + late } : { ...recorded, violated: true };
  const raw = rawDeduction(node, applied);
  return (result.doubled ? 2 * raw : raw) > toHundredths(result.max)!;
}
