/** 001: regions, people, rubric versions, score sheets with absences and hand-ins, settings, audit log. */
export const sql = /* sql */ `
CREATE TABLE regions (
  id     INTEGER PRIMARY KEY,
  code   TEXT NOT NULL UNIQUE,
  name   TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  employee_no TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('salesperson', 'regional-manager', 'field-service', 'executive')),
  region_id   INTEGER REFERENCES regions(id),
  manager_id  INTEGER REFERENCES people(id),
  active_from TEXT NOT NULL,
  active_to   TEXT,
  CHECK (active_to IS NULL OR active_to >= active_from)
);
CREATE INDEX people_region ON people(region_id);

-- The exact rubric definition each sheet was scored with, so it recomputes the same forever.
CREATE TABLE rubric_versions (
  rubric_id      TEXT NOT NULL,
  version        INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  hash           TEXT NOT NULL UNIQUE,
  definition     TEXT NOT NULL,
  PRIMARY KEY (rubric_id, version)
);

CREATE TABLE sheets (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  period           TEXT NOT NULL,
  rubric_id        TEXT NOT NULL,
  rubric_version   INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'ready')),
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
CREATE INDEX sheets_period ON sheets(period);

CREATE TABLE absences (
  sheet_id INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  date     TEXT,
  length   TEXT NOT NULL CHECK (length IN ('full', 'half')),
  PRIMARY KEY (sheet_id, seq)
);

CREATE TABLE hand_ins (
  sheet_id   INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
  item_id    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  handed_in  TEXT NOT NULL,
  event_date TEXT,
  PRIMARY KEY (sheet_id, item_id, seq)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before    TEXT,
  after     TEXT
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
