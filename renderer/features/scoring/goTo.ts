/** Ctrl+G on the sheet (GoToItem): the items and the absences a few typed letters go to, in the order offered. */
import { leafItems, type Rubric } from '../../../shared/rubric/schema.ts';

export interface GoToTarget {
  /** An item id, or 'absences'. */
  id: string;
  title: string;
  /** What a typed text is matched against: the id and the title in both languages. */
  words: string;
}

export function goToTargets(rubric: Rubric, text: (t: { zh: string; en: string }) => string, absences: string): GoToTarget[] {
  const out: GoToTarget[] = leafItems(rubric.items).map(({ item }) => ({ id: item.id, title: text(item.title), words: `${item.id} ${item.title.zh} ${item.title.en}`.toLowerCase() }));
  out.push({ id: 'absences', title: absences, words: `absences 缺勤 ${absences}`.toLowerCase() });
  return out;
}

/** The targets matching a typed text: every space-separated part appears in the id or title; ids starting with it first. */
export function matchTargets(targets: readonly GoToTarget[], typed: string): GoToTarget[] {
  const parts = typed.toLowerCase().split(/\s+/).filter(Boolean);
  if (!parts.length) return [...targets];
  const hits = targets.filter((t) => parts.every((p) => t.words.includes(p)));
  const first = parts[0]!;
  return [...hits.filter((t) => t.id.startsWith(first)), ...hits.filter((t) => !t.id.startsWith(first))];
}
