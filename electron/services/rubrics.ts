/** Rubric versions: the built-ins plus every version stored in the database (a sheet's rubric is stored when first used). */
import { BUILTIN_RUBRICS, loadRubric, resolveRubric } from '../../shared/rubric/catalog.ts';
import type { RoleId, Rubric } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { ServiceError } from './errors.ts';

/** Parsed definitions by their stored text: validating and hashing once per process is enough. */
const parsed = new Map<string, Rubric>();

function parseStored(definition: string): Rubric {
  let rubric = parsed.get(definition);
  if (!rubric) parsed.set(definition, (rubric = loadRubric(JSON.parse(definition))));
  return rubric;
}

export function listRubrics(db: Db): Rubric[] {
  const stored = (db.prepare('SELECT definition FROM rubric_versions').all() as { definition: string }[]).map((r) => parseStored(r.definition));
  const byKey = new Map<string, Rubric>();
  for (const r of [...BUILTIN_RUBRICS, ...stored]) byKey.set(`${r.id}@${r.version}`, r);
  return [...byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** Make sure the exact definition a sheet uses is in the database, so it recomputes the same forever. */
export function storeRubric(db: Db, rubric: Rubric): void {
  const { hash, ...definition } = rubric;
  const existing = db.prepare('SELECT hash FROM rubric_versions WHERE rubric_id = ? AND version = ?').get(rubric.id, rubric.version) as { hash: string } | undefined;
  if (existing && existing.hash !== hash) {
    throw new ServiceError('conflict', `rubric ${rubric.id}@${rubric.version} is stored with another content (${existing.hash}); a changed rubric needs a new version`);
  }
  if (!existing) {
    db.prepare('INSERT INTO rubric_versions (rubric_id, version, effective_from, hash, definition) VALUES (?, ?, ?, ?, ?)').run(rubric.id, rubric.version, rubric.effectiveFrom, hash, JSON.stringify(definition));
  }
}

/** The rubric in force for a role in a period. */
export function rubricForRole(rubrics: readonly Rubric[], role: RoleId, period: string): Rubric {
  const ids = [...new Set(rubrics.filter((r) => r.role === role).map((r) => r.id))];
  if (ids.length === 0) throw new ServiceError('not-found', `there is no rubric for the role ${role}`);
  const found = resolveRubric(ids[0]!, period, rubrics);
  if (!found.ok) throw new ServiceError('not-found', `no rubric for ${role} is in force in ${period}`);
  return found.rubric;
}

export function rubricVersion(rubrics: readonly Rubric[], id: string, version: number): Rubric {
  const r = rubrics.find((x) => x.id === id && x.version === version);
  if (!r) throw new ServiceError('not-found', `rubric ${id}@${version} is not known`);
  return r;
}
