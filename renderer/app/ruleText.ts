/** What a problem's rule (shared/problems.ts ProblemRule) allows, in the UI's language. */
import type { Problem, ProblemRule } from '../../shared/problems.ts';
import type { Messages } from '../i18n/en.ts';

export function ruleText(rule: ProblemRule, t: Messages): string {
  // Each code's wording takes that code's rule (checked in en.ts by `satisfies`).
  const words = t.failure.rules[rule.code] as (r: ProblemRule) => string;
  return words(rule);
}

/** An import preview row's problems in one line: `column: "value" — what is allowed`, the rule in the UI's language when there is one. */
export function rowProblemsText(problems: readonly Problem[], t: Messages, label: (field: string) => string = (field) => field): string {
  return problems.map((p) => `${label(p.field)}: ${JSON.stringify(p.value ?? '')} — ${p.rule ? ruleText(p.rule, t) : p.expected}`).join('; ');
}

/** A problem's place in the UI's language where the imports name a file's line (`line 3 (header)`, `line 7, 岗位 (role)`) or an upload's content; other fields as they are. */
export function fieldText(field: string, t: Messages): string {
  if (field === 'dataBase64') return t.failure.uploadedFile;
  const line = /^line (\d+)(?: \(header\)|, (.+))$/.exec(field);
  return line ? t.failure.line(Number(line[1]), line[2]) : field;
}
