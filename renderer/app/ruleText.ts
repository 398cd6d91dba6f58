/** What a problem's rule (shared/problems.ts ProblemRule) allows, in the UI's language. */
import { describeValue, type Problem, type ProblemRule } from '../../shared/problems.ts';
import type { Messages } from '../i18n/en.ts';

export function ruleText(rule: ProblemRule, t: Messages): string {
  // Each code's wording takes that code's rule (checked in en.ts by `satisfies`).
  const words = t.failure.rules[rule.code] as (r: ProblemRule) => string;
  return words(rule);
}

/**
 * One problem in words: "field: got X; expected Y" — the field's place (fieldText; `title` names
 * a sheet's items) and Y in the UI's language when the problem carries its rule.
 */
export function problemText(p: Problem, t: Messages, withField = true, title?: (id: string) => string | undefined): string {
  const got = 'value' in p ? `${t.failure.got} ${describeValue(p.value)}` : t.failure.missing;
  return `${withField ? `${fieldText(p.field, t, title)}: ` : ''}${got}; ${t.failure.expected} ${p.rule ? ruleText(p.rule, t) : p.expected}`;
}

/** An import preview row's problems in one line: `column: "value" — what is allowed`, the rule in the UI's language when there is one. */
export function rowProblemsText(problems: readonly Problem[], t: Messages, label: (field: string) => string = (field) => field): string {
  return problems.map((p) => `${label(p.field)}: ${JSON.stringify(p.value ?? '')} — ${p.rule ? ruleText(p.rule, t) : p.expected}`).join('; ');
}

/**
 * A problem's place in the UI's language: a sheet input's field (`items["x"].points` →
 * "客户拜访纪实 · 得分", `absences[1].date` → "第 2 次缺勤 · 日期"; `title` names an item or group by
 * its id), a file's line as the imports name it (`line 3 (header)`, `line 7, 岗位 (role)`) or an
 * upload's content; other fields as they are.
 */
export function fieldText(field: string, t: Messages, title?: (id: string) => string | undefined): string {
  // An upload's content, or the uploaded file the imports refuse as a whole.
  if (field === 'dataBase64' || field === 'file') return t.failure.uploadedFile;
  const sheet = sheetFieldParts(field, t, title);
  if (sheet) return sheet.join(' · ');
  const line = /^line (\d+)(?: \(header\)|, (.+))$/.exec(field);
  return line ? t.failure.line(Number(line[1]), line[2]) : field;
}

/** A field path's segments: names, quoted keys and indexes (shared/problems.ts fieldPath), or null when it is not one. */
function segments(field: string): (string | number)[] | null {
  const out: (string | number)[] = [];
  const token = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < field.length) {
    token.lastIndex = at;
    const m = token.exec(field);
    if (!m) return null;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    at = token.lastIndex;
  }
  return out;
}

/**
 * A sheet input's field path (shared/scoring/input.ts) in words, as its parts: the item (its title,
 * or its id without `title`), the absence or the hand-in, then the field as the editor labels it.
 * Null when the path is not a sheet input's. A key no sheet has stays as it is.
 */
export function sheetFieldParts(field: string, t: Messages, title: (id: string) => string | undefined = () => undefined): string[] | null {
  const s = segments(field);
  if (!s || (s[0] !== 'items' && s[0] !== 'absences' && s[0] !== 'handIns')) return null;
  const w = t.sheet.fieldWords;
  const word = (key: string | number | undefined): string => (typeof key === 'string' && key in w && typeof w[key as keyof typeof w] === 'string' ? (w[key as keyof typeof w] as string) : String(key));
  const nth = (i: string | number | undefined, words: (n: number) => string) => (typeof i === 'number' ? words(i + 1) : String(i));
  const named = (id: string | number | undefined) => (typeof id === 'string' ? (title(id) ?? id) : String(id));
  const [root, a, b, c, ...more] = s;
  const parts: string[] = [];
  if (root === 'absences') {
    if (a === undefined) return [t.sheet.absences];
    parts.push(nth(a, w.absence));
    if (b !== undefined) parts.push(word(b), ...[c, ...more].filter((x) => x !== undefined).map(String));
    return parts;
  }
  if (a === undefined) return [root === 'items' ? t.sheet.rubric : w.handIns];
  parts.push(named(a));
  if (root === 'handIns') {
    if (b === undefined) return [...parts, w.handIns];
    parts.push(nth(b, w.handIn));
    if (c !== undefined) parts.push(c === 'date' ? t.sheet.handedIn : word(c), ...more.map(String));
    return parts;
  }
  if (b === undefined) return parts;
  if (b === 'incidents' && c !== undefined) {
    parts.push(nth(c, w.incident));
    if (more.length) parts.push(word(more[0]), ...more.slice(1).map(String));
    return parts;
  }
  parts.push(word(b), ...[c, ...more].filter((x) => x !== undefined).map(String));
  return parts;
}
