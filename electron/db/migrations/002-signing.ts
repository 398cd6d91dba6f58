/**
 * 002: signed score sheets and the approval chain.
 *
 * - sheets.status gains 'signed' (exported and signed by the first step), 'returned' (reopened by
 *   a signed return note) and 'approved' (imported by HR from a fully approved file). SQLite cannot
 *   alter a CHECK, so sheets is rebuilt the documented way (create new, copy, drop, rename,
 *   recreate indexes), keeping every id. absences and hand_ins reference sheets ON DELETE CASCADE:
 *   dropping the old sheets table with foreign keys on would run an implicit DELETE and cascade
 *   into them, and foreign_keys cannot be switched off inside the migration's transaction. So
 *   they are rebuilt with it (children first pointing at the new table, the old tables dropped
 *   children first, then renamed: ALTER TABLE RENAME rewrites their REFERENCES). Foreign key
 *   checks are deferred to the commit, and a foreign_key_check at the end aborts the migration
 *   if anything dangles.
 * - An approved sheet is final: a trigger refuses to move it out of 'approved'.
 * - identities: this app's own signing identities (the .p12 is a file in <data dir>/identities/,
 *   protected by its passphrase; the passphrase is stored nowhere).
 * - trusted_signers: certificates whose signatures this app accepts, with their chain role.
 * - sheet_files: every signed PDF this app exported, received, approved, imported or returned.
 */
export const sql = /* sql */ `
PRAGMA defer_foreign_keys = ON;

CREATE TABLE sheets_new (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  period           TEXT NOT NULL,
  rubric_id        TEXT NOT NULL,
  rubric_version   INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'signed', 'returned', 'approved')),
  items            TEXT NOT NULL,      -- recorded item values (JSON), as in the score-file contract
  result           TEXT NOT NULL,      -- computed output (JSON)
  daily_score      INTEGER NOT NULL,   -- hundredths
  attendance_score INTEGER NOT NULL,   -- hundredths
  monthly_score    INTEGER NOT NULL,   -- hundredths
  deductions       INTEGER NOT NULL,
  flags            TEXT NOT NULL,      -- JSON list
  revision         INTEGER NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL,
  UNIQUE (person_id, period),
  FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubric_versions(rubric_id, version)
);
INSERT INTO sheets_new (id, person_id, period, rubric_id, rubric_version, status, items, result, daily_score, attendance_score,
                        monthly_score, deductions, flags, revision, updated_at, updated_by)
  SELECT id, person_id, period, rubric_id, rubric_version, status, items, result, daily_score, attendance_score,
         monthly_score, deductions, flags, revision, updated_at, updated_by
    FROM sheets;

CREATE TABLE absences_new (
  sheet_id INTEGER NOT NULL REFERENCES sheets_new(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  date     TEXT,
  length   TEXT NOT NULL CHECK (length IN ('full', 'half')),
  PRIMARY KEY (sheet_id, seq)
);
INSERT INTO absences_new (sheet_id, seq, date, length) SELECT sheet_id, seq, date, length FROM absences;

CREATE TABLE hand_ins_new (
  sheet_id   INTEGER NOT NULL REFERENCES sheets_new(id) ON DELETE CASCADE,
  item_id    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  handed_in  TEXT NOT NULL,
  event_date TEXT,
  PRIMARY KEY (sheet_id, item_id, seq)
);
INSERT INTO hand_ins_new (sheet_id, item_id, seq, handed_in, event_date) SELECT sheet_id, item_id, seq, handed_in, event_date FROM hand_ins;

-- Children first: once they are gone nothing references the old sheets, so its drop cascades nowhere.
DROP TABLE hand_ins;
DROP TABLE absences;
DROP TABLE sheets;
ALTER TABLE sheets_new RENAME TO sheets;
ALTER TABLE absences_new RENAME TO absences;
ALTER TABLE hand_ins_new RENAME TO hand_ins;
CREATE INDEX sheets_period ON sheets(period);

CREATE TRIGGER sheets_approved_is_final BEFORE UPDATE OF status ON sheets
  WHEN OLD.status = 'approved' AND NEW.status <> 'approved'
  BEGIN SELECT RAISE(ABORT, 'an approved sheet is final: it came signed by the whole approval chain and cannot be reopened here'); END;

CREATE TABLE identities (
  fingerprint TEXT PRIMARY KEY,        -- SHA-256 of the DER certificate, "AB:CD:…"
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('manager', 'planning', 'vp', 'hr')),
  email       TEXT,
  certificate BLOB NOT NULL,           -- DER
  p12_file    TEXT NOT NULL,           -- file name in <data dir>/identities/
  source      TEXT NOT NULL CHECK (source IN ('created', 'imported')),
  created_at  TEXT NOT NULL
);

CREATE TABLE trusted_signers (
  fingerprint TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('manager', 'planning', 'vp', 'hr')),
  email       TEXT,
  certificate BLOB NOT NULL,           -- DER; compared byte for byte by the verifier
  added_at    TEXT NOT NULL
);

CREATE TABLE sheet_files (
  sha256        TEXT PRIMARY KEY,      -- of the whole file, hex
  kind          TEXT NOT NULL CHECK (kind IN ('export', 'received', 'return-note')),
  sheet_id      INTEGER REFERENCES sheets(id),
  employee_no   TEXT,
  period        TEXT,
  file_name     TEXT NOT NULL,
  path          TEXT NOT NULL,         -- where the file is kept
  size          INTEGER NOT NULL,
  chain         TEXT NOT NULL,         -- JSON: the signatures [{ role, name, fingerprint, at, comment }]
  verdict       TEXT,                  -- JSON: { ok, failure, … what the file says } of the last verification
  export_sha256 TEXT,                  -- sha256 of the first signed revision (the exported file)
  -- received sheet: pending → approved | returned, or imported (HR); imported return note: applied | ignored;
  -- files this app wrote (exports, approvals, return notes it signed): NULL
  state         TEXT CHECK (state IN ('pending', 'approved', 'returned', 'imported', 'applied', 'ignored')),
  note          TEXT,                  -- a return note's reason, an approval's comment
  received_at   TEXT NOT NULL,
  handled_at    TEXT
);
CREATE INDEX sheet_files_person ON sheet_files(employee_no, period);
CREATE INDEX sheet_files_sheet ON sheet_files(sheet_id);
CREATE INDEX sheet_files_export ON sheet_files(export_sha256);

-- Abort (CHECK fails) when the rebuild left any foreign key dangling.
CREATE TEMP TABLE migration_002_fk_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO migration_002_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE migration_002_fk_check;
`;
