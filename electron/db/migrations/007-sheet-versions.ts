/**
 * 007: amendments (docs/trust.md, "Amendments"). Once a sheet is signed, a change to it is a
 * numbered amendment with a reason, and every signed version stays stored.
 *
 * - sheet_versions: each signed version of a sheet (1 = the first signed export, 2, 3… its
 *   amendments): its input and result (JSON, as the score-file contract has them), its rubric, the
 *   SHA-256 of its exported file (the first signed revision: what an amendment names), and when.
 *   At HR also the imported file (the whole chain) it came in. A version from 2 names the version
 *   it amends by that file's SHA-256, with the reason.
 * - sheets.amends_version, amends_sha256, amend_reason: the sheet's current content is an amendment
 *   of that version (NULL: version 1). Written by sheets.amend (status 'ready', to be exported and
 *   signed) and by HR's import of an amendment.
 * - An approved sheet stays final, except by a declared amendment of its current version: the
 *   trigger lets it leave 'approved' only to 'ready' with a reason and amends_version one more
 *   than before (its current version's number).
 */
export const sql = /* sql */ `
CREATE TABLE sheet_versions (
  sheet_id       INTEGER NOT NULL REFERENCES sheets(id),
  version        INTEGER NOT NULL CHECK (version >= 1),
  rubric_id      TEXT NOT NULL,
  rubric_version INTEGER NOT NULL,
  input          TEXT NOT NULL,     -- the version's input (JSON)
  result         TEXT NOT NULL,     -- its computed output (JSON)
  sha256         TEXT NOT NULL,     -- the exported file's (first signed revision), hex
  file_sha256    TEXT,              -- at HR: the imported file (every signature), hex; NULL where exported
  amends_sha256  TEXT,              -- from version 2: the exported file of the version it amends
  reason         TEXT,              -- from version 2: why it was amended
  signed_at      TEXT NOT NULL,     -- when it was exported signed (or imported, at HR)
  PRIMARY KEY (sheet_id, version),
  FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubric_versions(rubric_id, version),
  CHECK ((version = 1) = (amends_sha256 IS NULL) AND (version = 1) = (reason IS NULL))
);
CREATE INDEX sheet_versions_sha ON sheet_versions(sha256);

ALTER TABLE sheets ADD COLUMN amends_version INTEGER CHECK (amends_version IS NULL OR amends_version >= 1);
ALTER TABLE sheets ADD COLUMN amends_sha256 TEXT;
ALTER TABLE sheets ADD COLUMN amend_reason TEXT;

DROP TRIGGER sheets_approved_is_final;
CREATE TRIGGER sheets_approved_is_final BEFORE UPDATE OF status ON sheets
  WHEN OLD.status = 'approved' AND NEW.status <> 'approved'
   AND NOT (NEW.status = 'ready' AND NEW.amend_reason IS NOT NULL AND NEW.amends_sha256 IS NOT NULL
            AND NEW.amends_version = coalesce(OLD.amends_version, 0) + 1)
  BEGIN SELECT RAISE(ABORT, 'an approved sheet is final: it came signed by the whole approval chain and changes only by a declared amendment'); END;
`;
