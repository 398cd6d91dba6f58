/**
 * The team entry view's columns: the items a manager touches most, one column each, chosen per
 * rubric. Each built-in rubric has its default list (the items that most often differ from full
 * marks at month end); the user may choose others, among the items one cell can hold.
 */
import { leafItems, type ItemNode, type Rubric } from './schema.ts';

/** The field of an item one cell edits, by its rule's kind; null for a rule a cell cannot hold (a list of incidents). */
export type TeamCellField = 'violated' | 'falsified' | 'occurrences' | 'points' | 'grade';

export function teamCellField(item: ItemNode): TeamCellField | null {
  switch (item.rule.kind) {
    case 'violation':
    case 'all-or-nothing':
      return 'violated';
    case 'falsified':
      return 'falsified';
    case 'per-occurrence':
    case 'penalty':
      return 'occurrences';
    case 'judged':
      return 'points';
    case 'grade':
      return 'grade';
    case 'incidents':
      return null;
  }
}

/** The defaults of the built-in rubrics, by rubric id. */
export const DEFAULT_TEAM_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  salesperson: ['dealer.network-plan', 'weekly-report.key-accounts', 'weekly-report.visit-records', 'quality-feedback', 'ad-plan', 'vehicle'],
  'field-service': ['competence', 'whereabouts', 'service-center.claims', 'dealer-opinion', 'reports', 'training'],
  'regional-manager': ['monthly-report.summary', 'monthly-report.plan', 'weekly-review', 'training', 'on-time', 'team-management'],
};

/** How many columns a rubric without a default list starts with (its first items a cell can hold). */
export const FALLBACK_TEAM_COLUMNS = 6;

/** The items of a rubric a cell can hold, in the rubric's order. */
export function teamColumnChoices(rubric: Rubric): ItemNode[] {
  return leafItems(rubric.items)
    .map(({ item }) => item)
    .filter((item) => teamCellField(item) !== null);
}

/**
 * The columns shown for a rubric: the user's choice when there is one (items no longer in the
 * rubric, or no longer held by a cell, dropped), else the rubric's default list, else its first items.
 */
export function teamColumns(rubric: Rubric, chosen?: readonly string[] | null): string[] {
  const choices = teamColumnChoices(rubric).map((i) => i.id);
  const known = (ids: readonly string[]) => ids.filter((id) => choices.includes(id));
  if (chosen) return known(chosen);
  const defaults = DEFAULT_TEAM_COLUMNS[rubric.id];
  return defaults ? known(defaults) : choices.slice(0, FALLBACK_TEAM_COLUMNS);
}
