/** Rules in words, for the rubric view and `scorecard rubric show`. */
import { DEPARTMENT_NAMES, departmentList } from '../departments.ts';
import type { Deadline, GroupNode, ItemNode, Rubric, Text } from './schema.ts';

export type Lang = 'zh' | 'en';

const n = (x: number) => String(x);

export function describeRule(item: ItemNode, lang: Lang): string {
  const zh = lang === 'zh';
  const r = item.rule;
  switch (r.kind) {
    case 'violation':
      return zh ? `违反扣${n(r.deduction)}分` : `violated → −${n(r.deduction)}`;
    case 'all-or-nothing':
      return zh ? '违反则该项不得分' : 'violated → 0';
    case 'falsified':
      return zh ? '发现不实则该项不得分' : 'found falsified → 0';
    case 'per-occurrence': {
      const base = zh ? `每次扣${n(r.deduction)}分` : `−${n(r.deduction)} per occurrence`;
      // zeroAbove N: N + 1 or more → 0, as the rule book words it (2项以上不填者不得分: 以上 includes 2).
      const zero = r.zeroAbove === undefined ? '' : zh ? `,${r.zeroAbove + 1}次及以上不得分` : `, ${r.zeroAbove + 1} or more → 0`;
      const inc = r.incidents ? (zh ? ';另' : '; plus ') + describeIncidents(r.incidents, lang) : '';
      return base + zero + inc;
    }
    case 'judged':
      return zh ? `评分 0–${n(item.points)}` : `judged 0–${n(item.points)}`;
    case 'grade':
      return r.grades
        .map((g) => {
          const title = g.title[lang];
          if ('zero' in g) return zh ? `${title} 0分` : `${title} 0`;
          if ('range' in g) return zh ? `${title} 扣${n(g.range.min)}–${n(g.range.max)}分` : `${title} −${n(g.range.min)}…−${n(g.range.max)}`;
          return g.deduction === 0 ? `${title} ${n(item.points)}` : zh ? `${title} 扣${n(g.deduction)}分` : `${title} −${n(g.deduction)}`;
        })
        .join(zh ? ';' : ' · ');
    case 'incidents': {
      const severe = r.severeFlag === undefined ? '' : zh ? ';可标记为严重(不另扣分,提示人力资源部)' : '; an incident may be marked severe (no extra points, flagged for HR)';
      return describeIncidents(r.incidents, lang) + severe;
    }
    case 'penalty':
      return (
        r.steps
          .map((s) => {
            const flag = s.flag ? (zh ? '并调离岗位' : ' and transfer off post') : '';
            return zh ? `发现${s.atLeast}次及以上扣${n(s.deduction)}分${flag}` : `${s.atLeast}+ found → −${n(s.deduction)}${flag}`;
          })
          .join(zh ? ';' : '; ') + (zh ? '(从日常工作总分中扣除)' : ' (taken from the daily-work total)')
      );
  }
}

function describeIncidents(kinds: readonly { title: Text; min: number; max: number }[], lang: Lang): string {
  return kinds
    .map((k) => (lang === 'zh' ? `每次${k.title.zh}扣${n(k.min)}–${n(k.max)}分` : `per ${k.title.en.toLowerCase()} −${n(k.min)}…−${n(k.max)}`))
    .join(lang === 'zh' ? ';' : '; ');
}

/**
 * Who assesses an item or group, in words: its departments (`assessedBy`), or for older versions
 * the words of `scoredBy`; null when the rubric does not say (the scorer alone).
 */
export function describeAssessors(node: ItemNode | GroupNode, lang: Lang): string | null {
  if (node.assessedBy) return departmentList(node.assessedBy, lang);
  return node.type === 'item' && node.scoredBy ? node.scoredBy[lang] : null;
}

/**
 * Who assesses an item or group as a sentence: "由索赔组考核", "Assessed by the claims group",
 * "Assessed by the field management and correspondence groups"; for older versions the words of
 * `scoredBy` ("由现场管理组等考核", "Assessed by: Field management group etc."). Null when the
 * rubric does not say.
 */
export function describeAssessedBy(node: ItemNode | GroupNode, lang: Lang): string | null {
  if (node.assessedBy) {
    if (lang === 'zh') return `由${departmentList(node.assessedBy, 'zh')}考核`;
    const names = node.assessedBy.map((id) => lowerFirst(DEPARTMENT_NAMES[id].en));
    // "the field management and correspondence groups" when every name is a group.
    if (names.length > 1 && names.every((name) => name.endsWith(' group'))) {
      return `Assessed by the ${andList(names.map((name) => name.slice(0, -' group'.length)))} groups`;
    }
    return `Assessed by ${andList(names.map((name) => `the ${name}`))}`;
  }
  const words = node.type === 'item' && node.scoredBy ? node.scoredBy[lang] : null;
  if (!words) return null;
  return lang === 'zh' ? `由${words}考核` : `Assessed by: ${words}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** "a", "a and b", "a, b and c". */
function andList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/**
 * A deadline in words, with what counts as on time: "X日前" counts day X itself, "16:00前"
 * counts 16:00 itself (assessment.md, Deadlines), and the product says so beside every deadline
 * ("每月13日前(含13日)", "by the 13th of the month (the 13th counts as on time)").
 */
export function describeDeadline(d: Deadline, lang: Lang): string {
  const zh = lang === 'zh';
  switch (d.kind) {
    case 'day-of-month':
      return zh ? `每月${d.day}日前(含${d.day}日)` : `by the ${ordinal(d.day)} of the month (the ${ordinal(d.day)} counts as on time)`;
    case 'day-of-next-month':
      return zh ? `次月${d.day}日前(含${d.day}日)` : `by the ${ordinal(d.day)} of the next month (the ${ordinal(d.day)} counts as on time)`;
    case 'days-after-event':
      return zh ? `${d.event.zh}后${d.days}日内(含第${d.days}日)` : `within ${d.days} days after ${d.event.en} (the ${ordinal(d.days)} day counts as on time)`;
    case 'same-day':
      return zh ? `${d.event.zh}当日${d.time}前(含${d.time})` : `by ${d.time} on the day of ${d.event.en} (${d.time} counts as on time)`;
  }
}

function ordinal(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}

/** The rubric as indented lines of text: groups, items with max points, rule and deadline. */
export function rubricAsText(rubric: Rubric, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = [
    `${rubric.title[lang]} — ${rubric.id}@${rubric.version} (${zh ? '生效' : 'from'} ${rubric.effectiveFrom})`,
    `${rubric.hash}`,
    zh
      ? `月度得分 = 日常工作 × ${rubric.weights.daily}% + 出勤 × ${rubric.weights.attendance}%;出勤满分${rubric.attendance.full},缺勤1天扣${rubric.attendance.deductionPerDay}分(半天按1天计)`
      : `Monthly = daily work × ${rubric.weights.daily}% + attendance × ${rubric.weights.attendance}%; attendance ${rubric.attendance.full}, −${rubric.attendance.deductionPerDay} per absent day (a half day counts as a day)`,
    '',
  ];
  const walk = (nodes: Rubric['items'], indent: string) => {
    for (const node of nodes) {
      if (node.type === 'group') {
        const gate = node.gate ? ` — ${zh ? '门槛' : 'gate'}: ${node.gate.title[lang]}` : '';
        lines.push(`${indent}[${node.id}] ${node.title[lang]}${gate}`);
        walk(node.children, `${indent}  `);
      } else {
        const max = node.rule.kind === 'penalty' ? (zh ? `名义${node.points}分` : `nominal ${node.points}`) : String(node.points);
        const assessors = describeAssessors(node, lang);
        const extras = [
          node.deadline ? describeDeadline(node.deadline, lang) : '',
          node.handIn ? (zh ? '连续不交可加倍' : 'may double if missed twice') : '',
          assessors ? (zh ? `由${assessors}考核` : `assessed by ${assessors}`) : '',
        ]
          .filter(Boolean)
          .join('; ');
        lines.push(`${indent}${node.id}  ${node.title[lang]}  (${max})  ${describeRule(node, lang)}${extras ? `  [${extras}]` : ''}`);
      }
    }
  };
  walk(rubric.items, '  ');
  return lines.join('\n');
}
