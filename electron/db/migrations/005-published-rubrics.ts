/**
 * 005: which stored rubric versions were published by HQ (docs/trust.md, "Rubrics").
 *
 * A signed score sheet is accepted only if its rubric (id, version, hash) is one this database
 * already knows: a built-in, or a version published by sales planning, that is saved here
 * (rubrics.save) or imported from a rubric file signed by a trusted planning identity
 * (rubrics.import). `published` says which ('saved' or 'imported'); NULL for a version stored
 * only because a sheet used it (a built-in, or before this change a rubric a sheet carried into
 * HR's import: such a version still recomputes the sheets stored with it, but is not known to the
 * verifier, so no new file is accepted on it). Versions saved or imported before this change are
 * marked from the audit log, which recorded each save and import.
 */
export const sql = /* sql */ `
ALTER TABLE rubric_versions ADD COLUMN published TEXT CHECK (published IS NULL OR published IN ('saved', 'imported'));
UPDATE rubric_versions SET published = 'imported'
  WHERE EXISTS (SELECT 1 FROM audit_log WHERE action = 'rubric.import' AND entity = 'rubric' AND entity_id = rubric_versions.rubric_id || '@' || rubric_versions.version);
UPDATE rubric_versions SET published = 'saved'
  WHERE EXISTS (SELECT 1 FROM audit_log WHERE action = 'rubric.save' AND entity = 'rubric' AND entity_id = rubric_versions.rubric_id || '@' || rubric_versions.version);
`;
