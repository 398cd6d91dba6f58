/** Rubric versions: the built-ins plus every version stored in the database (a sheet's rubric is stored when first used), and the ones a signed sheet may use (knownRubrics). */
import { BUILTIN_RUBRICS, loadRubric, resolveRubric } from '../../shared/rubric/catalog.ts';
import type { RoleId, Rubric } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { ServiceError } from './errors.ts';

/** Parsed stored versions by id@version#hash: validating and hashing once per process is enough. */
const parsed = new Map<string, Rubric>();

/**
 * Each connection's rubric list and the stored versions it was built from: a stored version is
 * never changed (storeRubric refuses another content under the same id and version), so the list
 * holds until a version is added (here or by another process), which the key notices.
 */
const lists = new WeakMap<Db, { key: string; rubrics: Rubric[] }>();

export function listRubrics(db: Db): Rubric[] {
  const published = hasPublishedColumn(db) ? 'published' : 'NULL AS published';
  const versions = statement(db, `SELECT rubric_id, version, hash, ${published} FROM rubric_versions ORDER BY rubric_id, version`).all() as {
    rubric_id: string;
    version: number;
    hash: string;
    published: string | null;
  }[];
  const key = versions.map((v) => `${v.rubric_id}@${v.version}#${v.hash}:${v.published}`).join('\n');
  const cached = lists.get(db);
  if (cached?.key === key) return [...cached.rubrics];
  const stored = versions.map((v) => {
    const id = `${v.rubric_id}@${v.version}#${v.hash}`;
    let rubric = parsed.get(id);
    if (!rubric) {
      const row = statement(db, 'SELECT definition FROM rubric_versions WHERE rubric_id = ? AND version = ?').get(v.rubric_id, v.version) as { definition: string };
      parsed.set(id, (rubric = loadRubric(JSON.parse(row.definition))));
    }
    return rubric;
  });
  // A stored version takes its id@version's place only when HQ published it: one a sheet once
  // carried (before migration 005) never hides the built-in of the same number.
  const publishedHashes = new Set(versions.filter((v) => v.published !== null).map((v) => v.hash));
  const byKey = new Map<string, Rubric>();
  for (const r of BUILTIN_RUBRICS) byKey.set(`${r.id}@${r.version}`, r);
  for (const r of stored) {
    const key = `${r.id}@${r.version}`;
    if (!byKey.has(key) || publishedHashes.has(r.hash)) byKey.set(key, r);
  }
  const rubrics = [...byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  lists.set(db, { key, rubrics });
  return [...rubrics];
}

/** The hashes of the stored versions HQ published (saved here, or imported from a signed rubric file). */
function knownPublishedHashes(db: Db): Set<string> {
  if (!hasPublishedColumn(db)) return new Set();
  return new Set((statement(db, 'SELECT hash FROM rubric_versions WHERE published IS NOT NULL').all() as { hash: string }[]).map((r) => r.hash));
}

const publishedColumn = new WeakMap<Db, boolean>();

/**
 * Whether the database has migration 005's column. The app always runs at the newest schema; a
 * database still at an older one (a migration's test builds one with today's services) has no
 * published version, so only the built-ins are known there.
 */
function hasPublishedColumn(db: Db): boolean {
  let has = publishedColumn.get(db);
  if (has === undefined) {
    has = (db.pragma('table_info(rubric_versions)') as { name: string }[]).some((c) => c.name === 'published');
    publishedColumn.set(db, has);
  }
  return has;
}

/** How a stored version came from HQ: saved here (rubrics.save), or imported from a signed rubric file. */
export type Published = 'saved' | 'imported';

/**
 * The rubrics a signed sheet may be scored with here (docs/trust.md, "Rubrics"): every built-in
 * version, and every version published by HQ (saved here, or imported from a rubric file signed
 * by a trusted sales planning identity). A version stored only because a sheet carried it (before
 * migration 005) still recomputes its stored sheets (listRubrics) but is not known.
 */
export function knownRubrics(db: Db): Rubric[] {
  const published = knownPublishedHashes(db);
  return listRubrics(db).filter((r) => published.has(r.hash) || BUILTIN_RUBRICS.some((b) => b.hash === r.hash));
}

/**
 * Make sure the exact definition a sheet uses is in the database, so it recomputes the same
 * forever (`published`: HQ saved it here, or it came in a signed rubric file). Returns whether it
 * was added now.
 */
export function storeRubric(db: Db, rubric: Rubric, published: Published | null = null): boolean {
  const { hash, ...definition } = rubric;
  const existing = statement(db, 'SELECT hash FROM rubric_versions WHERE rubric_id = ? AND version = ?').get(rubric.id, rubric.version) as { hash: string } | undefined;
  if (existing && existing.hash !== hash) {
    throw new ServiceError('conflict', `rubric ${rubric.id}@${rubric.version} is stored with another content (${existing.hash}); a changed rubric needs a new version`, {
      code: 'rubric-version-differs',
      rubric: rubric.id,
      version: rubric.version,
    });
  }
  if (existing) {
    if (published) statement(db, 'UPDATE rubric_versions SET published = ? WHERE rubric_id = ? AND version = ? AND published IS NULL').run(published, rubric.id, rubric.version);
    return false;
  }
  statement(db, 'INSERT INTO rubric_versions (rubric_id, version, effective_from, hash, definition) VALUES (?, ?, ?, ?, ?)').run(rubric.id, rubric.version, rubric.effectiveFrom, hash, JSON.stringify(definition));
  // Marked apart (the column is migration 005's: a version stored for a sheet leaves it NULL).
  if (published) statement(db, 'UPDATE rubric_versions SET published = ? WHERE rubric_id = ? AND version = ?').run(published, rubric.id, rubric.version);
  return true;
}

/**
 * The rubric lists a sheet needs: `all` to recompute a stored sheet by its pinned version (even
 * one stored before migration 005 because a sheet carried it), `inForce` — the built-ins and the
 * versions HQ published (knownRubrics) — to choose the version of a new sheet or a moving draft,
 * so a version a sheet once brought in never becomes the one in force.
 */
export interface RubricCatalog {
  all: readonly Rubric[];
  inForce: readonly Rubric[];
}

export function rubricCatalog(db: Db): RubricCatalog {
  return { all: listRubrics(db), inForce: knownRubrics(db) };
}

/** The rubric in force for a role in a period (from `rubrics`: pass RubricCatalog.inForce). */
export function rubricForRole(rubrics: readonly Rubric[], role: RoleId, period: string): Rubric {
  const ids = [...new Set(rubrics.filter((r) => r.role === role).map((r) => r.id))];
  if (ids.length === 0) throw new ServiceError('not-found', `there is no rubric for the role ${role}`, { code: 'no-rubric', role, period });
  const found = resolveRubric(ids[0]!, period, rubrics);
  if (!found.ok) throw new ServiceError('not-found', `no rubric for ${role} is in force in ${period}`, { code: 'no-rubric', role, period });
  return found.rubric;
}

export function rubricVersion(rubrics: readonly Rubric[], id: string, version: number): Rubric {
  const r = rubrics.find((x) => x.id === id && x.version === version);
  if (!r) throw new ServiceError('not-found', `rubric ${id}@${version} is not known`, { code: 'not-found', what: 'rubric', id: `${id}@${version}` });
  return r;
}
