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
