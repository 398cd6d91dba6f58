/**
 * 005: which stored rubric versions were published by HQ (docs/trust.md, "Rubrics").
 *
 * A signed score sheet is accepted only if its rubric (id, version, hash) is one this database
 * already knows: a built-in, or a version published by sales planning, that is saved here
 * (rubrics.save) or imported from a rubric file signed by a trusted planning identity
 * (rubrics.import). `published` says which ('saved' or 'imported'); NULL for a version stored
 * only because a sheet used it (a built-in, or before this change a rubric a sheet carried into
 * HR's import: such a version still recomputes the sheets stored with it, but is not known to the
 * verifier, so no new file is accepted on it). Versions HQ saved here before this change are
 * marked 'saved' from the audit log. Versions imported before it are NOT marked: they came as
 * unsigned JSON that anyone could have written; HQ's signed rubric file, imported again, marks
 * them (docs/trust.md, "Rubrics").
 */
export const sql = /* sql */ `
ALTER TABLE rubric_versions ADD COLUMN published TEXT CHECK (published IS NULL OR published IN ('saved', 'imported'));
UPDATE rubric_versions SET published = 'saved'
  WHERE EXISTS (SELECT 1 FROM audit_log WHERE action = 'rubric.save' AND entity = 'rubric' AND entity_id = rubric_versions.rubric_id || '@' || rubric_versions.version);
`;
