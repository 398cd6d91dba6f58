/** What a problem's rule (shared/problems.ts ProblemRule) allows, in the UI's language. */
import type { ProblemRule } from '../../shared/problems.ts';
import type { Messages } from '../i18n/en.ts';

export function ruleText(rule: ProblemRule, t: Messages): string {
  // Each code's wording takes that code's rule (checked in en.ts by `satisfies`).
  const words = t.failure.rules[rule.code] as (r: ProblemRule) => string;
  return words(rule);
}
