/**
 * 009: the departments' findings (docs/data.md, "Findings"). The groups that assess items (索赔组,
 * 函电组, …) send the manager a file per month; each department's contribution is kept apart, so
 * a department's next file for the month replaces its own findings and no one else's.
 *
 * - finding_files: each file imported, per month and department: its name, SHA-256, rows, when and
 *   by whom; `replaced_at` once a later file of the same department and month replaced it.
 * - findings: one row of a file that gave a finding: the person, the item, the part of the item's
 *   value it gives (JSON: occurrences, incidents, grade and deduction, violated, handedIn/event),
 *   the file's line, the date of the finding and its note.
 * - finding_choices: where the manager's own value and the departments' findings, or two
 *   departments' grades, differ: the candidates shown side by side and what the manager chose
 *   (NULL while open). A later import with the same candidates keeps the choice.
 */
export const sql = /* sql */ `
CREATE TABLE finding_files (
  id           INTEGER PRIMARY KEY,
  period       TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  department   TEXT NOT NULL CHECK (department IN ('field-management', 'correspondence', 'claims', 'technical', 'parts', 'advertising', 'sales-planning', 'regional-planner')),
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  rows         INTEGER NOT NULL CHECK (rows >= 0),
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL,
  replaced_at  TEXT
);
CREATE UNIQUE INDEX finding_files_current ON finding_files(period, department) WHERE replaced_at IS NULL;

CREATE TABLE findings (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES finding_files(id),
  period      TEXT NOT NULL,
  department  TEXT NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  item_id     TEXT NOT NULL,
  row         INTEGER NOT NULL CHECK (row >= 1),
  date        TEXT,
  part        TEXT NOT NULL CHECK (json_valid(part)),
  note        TEXT
);
CREATE INDEX findings_month ON findings(period, person_id, item_id);
CREATE INDEX findings_department ON findings(period, department);

CREATE TABLE finding_choices (
  period      TEXT NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  item_id     TEXT NOT NULL,
  candidates  TEXT NOT NULL CHECK (json_valid(candidates)),
  choice      TEXT,
  asked_at    TEXT NOT NULL,
  chosen_at   TEXT,
  chosen_by   TEXT,
  PRIMARY KEY (period, person_id, item_id)
);
`;
