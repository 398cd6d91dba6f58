/**
 * Findings of the departments that assess items (docs/spec/score-file.md, `sources`): what a
 * contribution to an item's value is, how the contributions of several departments and the
 * manager's own value merge into one value, and how an item's `sources` are kept consistent with
 * its value when the manager edits it.
 *
 * A value with `sources` lists the contributions that make it up, each `{ from, file?, row?,
 * date?, note?, …part }`: occurrences and incidents add up, a violation is one if any source says
 * so, a grade is the one every source gives, a hand-in (`handedIn`, `event`) is one of the sheet's
 * hand-ins of the item. `from: "manager"` is what the manager entered beyond the departments'
 * findings. A value without `sources` was entered by the manager.
 */
import { DEPARTMENT_NAMES, isDepartmentId, type DepartmentId } from './departments.ts';
import { canonicalJson } from './canonical.ts';
import { isDate } from './period.ts';
import { isPlainObject, type Problem } from './problems.ts';
import { leafItems, type ItemNode, type Rubric } from './rubric/schema.ts';
import type { HandIn } from './scoring/handins.ts';
import type { IncidentInput, ItemInput } from './scoring/input.ts';

export type SourceFrom = 'manager' | DepartmentId;

/** The part of an item's value one finding gives. */
export interface FindingPart {
  occurrences?: number;
  incidents?: IncidentInput[];
  grade?: string;
  deduction?: number;
  violated?: boolean;
  /** A hand-in date (`YYYY-MM-DD`, or with `THH:MM`), with the event it counts from where the deadline needs one. */
  handedIn?: string;
  event?: string;
}

/** One contribution to an item's value (score-file.md: `sources`). */
export interface ValueSource extends FindingPart {
  from: SourceFrom;
  /** The findings file (its name) and its line. */
  file?: string;
  row?: number;
  /** The date of the finding. */
  date?: string;
  note?: string;
}

export const MAX_SOURCES = 200;
const PART_KEYS = ['occurrences', 'incidents', 'grade', 'deduction', 'violated', 'handedIn', 'event'] as const;
const SOURCE_KEYS = ['from', 'file', 'row', 'date', 'note', ...PART_KEYS];

export function isSourceFrom(value: unknown): value is SourceFrom {
  return value === 'manager' || isDepartmentId(value);
}

/** The departments that assess an item: its own `assessedBy`, else the nearest group's above it. */
export function assessorsOf(rubric: Rubric, itemId: string): DepartmentId[] {
  const leaf = leafItems(rubric.items).find((l) => l.item.id === itemId);
  if (!leaf) return [];
  if (leaf.item.assessedBy) return [...leaf.item.assessedBy];
  for (const g of [...leaf.groups].reverse()) if (g.assessedBy) return [...g.assessedBy];
  return [];
}

/** Every department any item of the rubric names (in the order of the department list). */
export function rubricAssessors(rubric: Rubric): DepartmentId[] {
  const all = new Set(leafItems(rubric.items).flatMap((l) => assessorsOf(rubric, l.item.id)));
  return [...all];
}

/** The items of a rubric a department assesses, in rubric order. */
export function itemsAssessedBy(rubric: Rubric, department: DepartmentId): ItemNode[] {
  return leafItems(rubric.items)
    .map((l) => l.item)
    .filter((item) => assessorsOf(rubric, item.id).includes(department));
}

/** The shape of a value's `sources` (the value itself is checked by its rule); problems added to `problems`. */
export function checkSources(raw: unknown, path: string, problems: Problem[]): void {
  const field = `${path}.sources`;
  if (!Array.isArray(raw) || raw.length > MAX_SOURCES) {
    problems.push({ field, value: raw, expected: `a list of at most ${MAX_SOURCES} contributions { "from": "manager" | a department id, "file"?, "row"?, "date"?, "note"?, and the part of the value it gave }` });
    return;
  }
  raw.forEach((s: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(s)) return void problems.push({ field: at, value: s, expected: 'an object { "from", … }' });
    for (const key of Object.keys(s)) if (!SOURCE_KEYS.includes(key)) problems.push({ field: `${at}.${key}`, value: s[key], expected: `a field of a contribution (${SOURCE_KEYS.join(', ')})` });
    if (!isSourceFrom(s.from)) problems.push({ field: `${at}.from`, value: s.from, expected: '"manager" or a department id (field-management, correspondence, claims, technical, parts, advertising, sales-planning, regional-planner)' });
    if ('file' in s && (typeof s.file !== 'string' || s.file.length === 0 || s.file.length > 260)) problems.push({ field: `${at}.file`, value: s.file, expected: 'a file name of at most 260 characters' });
    if ('row' in s && !(typeof s.row === 'number' && Number.isInteger(s.row) && s.row >= 1)) problems.push({ field: `${at}.row`, value: s.row, expected: 'a line number (1 or more)' });
    if ('date' in s && !isDate(s.date)) problems.push({ field: `${at}.date`, value: s.date, expected: 'a date YYYY-MM-DD', rule: { code: 'date' } });
    if ('note' in s && (typeof s.note !== 'string' || s.note.length > 2000)) problems.push({ field: `${at}.note`, value: s.note, expected: 'a text of at most 2000 characters', rule: { code: 'note-length', max: 2000 } });
    if ('occurrences' in s && !(typeof s.occurrences === 'number' && Number.isInteger(s.occurrences) && s.occurrences >= 0)) problems.push({ field: `${at}.occurrences`, value: s.occurrences, expected: 'a whole number, 0 or more' });
    if ('incidents' in s && !(Array.isArray(s.incidents) && s.incidents.every((x) => isPlainObject(x) && typeof x.kind === 'string' && typeof x.deduction === 'number'))) problems.push({ field: `${at}.incidents`, value: s.incidents, expected: 'a list of { "kind", "deduction" }' });
    if ('grade' in s && typeof s.grade !== 'string') problems.push({ field: `${at}.grade`, value: s.grade, expected: 'a grade id' });
    if ('deduction' in s && typeof s.deduction !== 'number') problems.push({ field: `${at}.deduction`, value: s.deduction, expected: 'a number' });
    if ('violated' in s && typeof s.violated !== 'boolean') problems.push({ field: `${at}.violated`, value: s.violated, expected: 'true or false' });
    for (const key of ['handedIn', 'event'] as const) if (key in s && typeof s[key] !== 'string') problems.push({ field: `${at}.${key}`, value: s[key], expected: 'a date YYYY-MM-DD' });
  });
}

const sameIncident = (a: IncidentInput, b: IncidentInput) => a.kind === b.kind && a.deduction === b.deduction && (a.severe ?? false) === (b.severe ?? false);
const sameHandIn = (h: HandIn, s: FindingPart) => h.date === s.handedIn && (h.event ?? undefined) === (s.event ?? undefined);

/** The part of a value or source: only its part fields. */
export function partOf(value: FindingPart): FindingPart {
  const part: FindingPart = {};
  for (const key of PART_KEYS) if (value[key] !== undefined) (part as Record<string, unknown>)[key] = value[key];
  return part;
}

const isEmptyPart = (p: FindingPart) =>
  !p.occurrences && !(p.incidents && p.incidents.length) && p.grade === undefined && !p.violated && p.handedIn === undefined;

/**
 * The value with its `sources` made consistent with it (after the manager edited it): a
 * department's contribution stays while the value still holds it (its occurrences within what is
 * left of the value's, its incidents among the value's, its grade the value's, its violation, its
 * hand-in among the item's hand-ins), in order; what the value holds beyond them is the manager's
 * (`from: "manager"`). A value no department contributes to keeps no `sources`. Idempotent.
 */
export function reconcileSources(value: ItemInput, handIns: readonly HandIn[] | undefined): ItemInput {
  if (!value.sources) return value;
  const { sources, ...rest } = value;
  let budget = value.occurrences ?? 0;
  const pool = [...(value.incidents ?? [])];
  const hPool = [...(handIns ?? [])];
  const kept: ValueSource[] = [];
  let gradeGiven = false;
  let violationGiven = false;
  for (const s of sources) {
    if (s.from === 'manager') continue;
    if (s.occurrences !== undefined && s.occurrences > budget) continue;
    if (s.grade !== undefined && (s.grade !== value.grade || s.deduction !== value.deduction)) continue;
    if (s.grade === undefined && s.deduction !== undefined) continue;
    if (s.violated && value.violated !== true) continue;
    const taken: number[] = [];
    let ok = true;
    for (const inc of s.incidents ?? []) {
      const at = pool.findIndex((p, i) => !taken.includes(i) && sameIncident(p, inc));
      if (at < 0) ok = false;
      else taken.push(at);
    }
    const h = s.handedIn === undefined ? -1 : hPool.findIndex((x) => sameHandIn(x, s));
    if (s.handedIn !== undefined && h < 0) ok = false;
    if (!ok) continue;
    budget -= s.occurrences ?? 0;
    for (const i of taken.sort((a, b) => b - a)) pool.splice(i, 1);
    if (h >= 0) hPool.splice(h, 1);
    if (s.grade !== undefined) gradeGiven = true;
    if (s.violated) violationGiven = true;
    kept.push(s);
  }
  if (kept.length === 0) return rest;
  const manager: ValueSource = { from: 'manager' };
  if (budget > 0) manager.occurrences = budget;
  if (pool.length) manager.incidents = pool;
  if (value.grade !== undefined && !gradeGiven) {
    manager.grade = value.grade;
    if (value.deduction !== undefined) manager.deduction = value.deduction;
  }
  if (value.violated && !violationGiven) manager.violated = true;
  return { ...rest, sources: isEmptyPart(manager) ? kept : [...kept, manager] };
}

/** Where a value's `sources` do not make up the value (the data check of an exported sheet), or null. */
export function sourcesProblem(items: Record<string, ItemInput> | undefined, handIns: Record<string, HandIn[]> | undefined): string | null {
  for (const [id, value] of Object.entries(items ?? {})) {
    if (!value.sources) continue;
    const reconciled = reconcileSources(value, handIns?.[id]);
    if (canonicalJson(reconciled.sources ?? []) !== canonicalJson(value.sources)) {
      return `items.${id}.sources: the contributions do not make up the value (${canonicalJson(value.sources).slice(0, 120)})`;
    }
  }
  return null;
}

// ---- merging the departments' findings into a value ----------------------------------------

/** One side of a choice the manager makes: who says what. */
export interface Candidate {
  from: SourceFrom;
  part: FindingPart;
  /** The rows it comes from (departments). */
  rows: { file: string; row: number }[];
}

/** What the manager may choose: for values that add up, count them all, only the departments', or only the manager's; for a grade, whose. */
export type Choice = 'all' | 'departments' | SourceFrom;

export interface MergeConflict {
  kind: 'grade' | 'added';
  candidates: Candidate[];
  options: Choice[];
}

/** The manager's part of a stored value: what the value holds that no department's source gave, and the hand-ins no source gave. */
export function managerPart(value: ItemInput | undefined, handIns: readonly HandIn[] | undefined): { part: FindingPart; handIns: HandIn[] } {
  if (!value) return { part: {}, handIns: [...(handIns ?? [])] };
  const deptHandIns = (value.sources ?? []).filter((s) => s.from !== 'manager' && s.handedIn !== undefined);
  const rest = [...(handIns ?? [])];
  for (const s of deptHandIns) {
    const i = rest.findIndex((h) => sameHandIn(h, s));
    if (i >= 0) rest.splice(i, 1);
  }
  if (value.sources) return { part: partOf(value.sources.find((s) => s.from === 'manager') ?? {}), handIns: rest };
  const part = partOf(value);
  if (part.occurrences === 0) delete part.occurrences;
  if (part.incidents && part.incidents.length === 0) delete part.incidents;
  if (part.violated === false) delete part.violated;
  return { part, handIns: rest };
}

function candidatesOf(departments: readonly ValueSource[], manager: { part: FindingPart; handIns: HandIn[] }): Candidate[] {
  const out: Candidate[] = [];
  for (const s of departments) {
    let c = out.find((x) => x.from === s.from);
    if (!c) out.push((c = { from: s.from, part: {}, rows: [] }));
    if (s.file !== undefined && s.row !== undefined) c.rows.push({ file: s.file, row: s.row });
    addPart(c.part, s);
  }
  const m: FindingPart = { ...manager.part };
  if (!isEmptyPart(m) || manager.handIns.length) {
    out.push({ from: 'manager', part: m, rows: [] });
  }
  return out;
}

function addPart(into: FindingPart, p: FindingPart): void {
  if (p.occurrences) into.occurrences = (into.occurrences ?? 0) + p.occurrences;
  if (p.incidents?.length) into.incidents = [...(into.incidents ?? []), ...p.incidents];
  if (p.grade !== undefined) {
    into.grade = p.grade;
    if (p.deduction !== undefined) into.deduction = p.deduction;
  }
  if (p.violated) into.violated = true;
  if (p.handedIn !== undefined) into.handedIn = into.handedIn === undefined ? p.handedIn : `${into.handedIn}, ${p.handedIn}`;
}

const gradeKey = (p: FindingPart) => `${p.grade}|${p.deduction ?? ''}`;

/**
 * Merge the departments' findings for one item (every department's rows, `departments`) with the
 * stored value: the manager's part of it (managerPart) stays beside them. Findings that add up
 * (occurrences, incidents, violations, hand-ins) add up across departments; a grade is one value.
 * A conflict — the manager's own value beside departments' findings, or grades that differ — is
 * returned for the manager to choose, unless `choice` (one of its options) says what to keep.
 */
export function mergeFindings(
  value: ItemInput | undefined,
  handIns: readonly HandIn[] | undefined,
  departments: readonly ValueSource[],
  choice?: Choice,
): { value: ItemInput | undefined; handIns: HandIn[] } | { conflict: MergeConflict } {
  const manager = managerPart(value, handIns);
  const candidates = candidatesOf(departments, manager);
  const hasManager = candidates.some((c) => c.from === 'manager');
  const grades = [...new Set(candidates.filter((c) => c.part.grade !== undefined).map((c) => gradeKey(c.part)))];
  const gradeItem = candidates.some((c) => c.part.grade !== undefined);
  let chosen: ValueSource[];
  let withManager: boolean;
  if (gradeItem && grades.length > 1) {
    const options: Choice[] = candidates.filter((c) => c.part.grade !== undefined).map((c) => c.from);
    if (choice === undefined || !options.includes(choice)) return { conflict: { kind: 'grade', candidates, options } };
    const key = gradeKey(candidates.find((c) => c.from === choice)!.part);
    chosen = departments.filter((s) => gradeKey(s) === key);
    withManager = choice === 'manager' || gradeKey(manager.part) === key;
  } else if (!gradeItem && hasManager && departments.length > 0) {
    const options: Choice[] = ['all', 'departments', 'manager'];
    if (choice === undefined || !options.includes(choice)) return { conflict: { kind: 'added', candidates, options } };
    chosen = choice === 'manager' ? [] : [...departments];
    withManager = choice !== 'departments';
  } else {
    chosen = [...departments];
    withManager = hasManager;
  }
  return build(value, manager, chosen, withManager);
}

function build(value: ItemInput | undefined, manager: { part: FindingPart; handIns: HandIn[] }, chosen: ValueSource[], withManager: boolean): { value: ItemInput | undefined; handIns: HandIn[] } {
  const total: FindingPart = {};
  for (const s of chosen) addPart(total, { ...s, handedIn: undefined });
  if (withManager) addPart(total, manager.part);
  const out: ItemInput = {};
  if (value?.note !== undefined) out.note = value.note;
  if (value?.doubled !== undefined) out.doubled = value.doubled;
  if (total.violated) out.violated = true;
  if (total.occurrences) out.occurrences = total.occurrences;
  if (total.incidents?.length) out.incidents = total.incidents;
  if (total.grade !== undefined) {
    out.grade = total.grade;
    if (total.deduction !== undefined) out.deduction = total.deduction;
  }
  const handIns: HandIn[] = withManager ? [...manager.handIns] : [];
  for (const s of chosen) if (s.handedIn !== undefined) handIns.push(s.event !== undefined ? { date: s.handedIn, event: s.event } : { date: s.handedIn });
  if (chosen.length) {
    const m: ValueSource = { from: 'manager', ...partOf(manager.part) };
    // A grade the departments give is theirs; the manager's agreeing grade adds nothing.
    if (chosen.some((s) => s.grade !== undefined)) {
      delete m.grade;
      delete m.deduction;
    }
    out.sources = withManager && !isEmptyPart(m) ? [...chosen, m] : [...chosen];
  }
  const empty = Object.keys(out).length === 0;
  return { value: empty ? undefined : out, handIns };
}

/**
 * A sheet entry's items with every value's `sources` made consistent (reconcileSources), as a save
 * stores them; anything not shaped as items is returned as it is (the validation names it).
 */
export function reconcileItems(items: unknown, handIns: unknown): unknown {
  if (!isPlainObject(items)) return items;
  let out: Record<string, unknown> | null = null;
  for (const [id, value] of Object.entries(items)) {
    if (!isPlainObject(value) || !Array.isArray(value.sources) || !value.sources.every((s) => isPlainObject(s))) continue;
    const list = isPlainObject(handIns) && Array.isArray(handIns[id]) ? (handIns[id] as HandIn[]) : undefined;
    (out ??= { ...items })[id] = reconcileSources(value as ItemInput, list);
  }
  return out ?? items;
}

/** One source in words: "索赔组(c.csv 第2行,2026-10-12)" / "Claims group (c.csv line 2, 2026-10-12)", or the manager. */
export function sourceWords(s: ValueSource, lang: 'zh' | 'en'): string {
  if (s.from === 'manager') return lang === 'zh' ? '经理' : 'manager';
  const name = DEPARTMENT_NAMES[s.from][lang];
  const where = [s.file && s.row !== undefined ? (lang === 'zh' ? `${s.file} 第${s.row}行` : `${s.file} line ${s.row}`) : s.file, s.date].filter(Boolean);
  if (!where.length) return name;
  return lang === 'zh' ? `${name}(${where.join(',')})` : `${name} (${where.join(', ')})`;
}

/** A value's sources in words, for the sheet and the PDF's note column ("来源:…"), or null without sources. */
export function sourcesLine(sources: readonly ValueSource[] | undefined, lang: 'zh' | 'en'): string | null {
  if (!sources?.length) return null;
  const list = sources.map((s) => sourceWords(s, lang));
  return lang === 'zh' ? `来源:${list.join('、')}` : `Source: ${list.join('; ')}`;
}

/** A finding's part in words of the item's rule: "2 次", "质量较差影响索赔进度 扣6分", "用户投诉升级 扣3分", "交付 2026-10-15". */
export function partWords(item: ItemNode, part: FindingPart, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  if (part.occurrences) out.push(zh ? `${part.occurrences} 次` : `${part.occurrences} ${part.occurrences === 1 ? 'time' : 'times'}`);
  if (part.violated) out.push(zh ? '违反' : 'violated');
  const r = item.rule;
  if (part.grade !== undefined) {
    const g = r.kind === 'grade' ? r.grades.find((x) => x.id === part.grade) : undefined;
    const name = g ? g.title[lang] : part.grade;
    out.push(part.deduction !== undefined ? (zh ? `${name} 扣${part.deduction}分` : `${name} −${part.deduction}`) : name);
  }
  const kinds = r.kind === 'incidents' || r.kind === 'per-occurrence' ? (r.incidents ?? []) : [];
  for (const inc of part.incidents ?? []) {
    const k = kinds.find((x) => x.id === inc.kind);
    const name = k ? k.title[lang] : inc.kind;
    out.push(zh ? `${name} 扣${inc.deduction}分` : `${name} −${inc.deduction}`);
  }
  if (part.handedIn !== undefined) out.push(zh ? `交付 ${part.handedIn.replace('T', ' ')}` : `handed in ${part.handedIn.replace('T', ' ')}`);
  return out.join(zh ? ',' : ', ');
}
