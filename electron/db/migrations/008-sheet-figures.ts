/**
 * 008: figures from signed sheets (docs/data.md, "Figures from a signed sheet"). A signed sheet
 * carries the KPIs its first app recorded for the month (plan and actual quantity among them);
 * HR's import keeps them, but a sheet is not the authority for a plan (sales planning sets plans).
 *
 * - person_months.kpi_sources: JSON, KPI id → { "from": "sheet", "file": the imported file's
 *   SHA-256, "confirmed": false | true }, for each stored KPI whose value came from a signed sheet.
 *   A KPI not named here was recorded by HR itself (typed, or a figures file from planning).
 *   Unconfirmed: pay uses it and flags it until HR confirms it or a figures file replaces it.
 * - figure_conflicts: where a sheet's value differed from the one HR already held (HR's own or
 *   a confirmed one): HR's is kept, the sheet's listed here until HR keeps its own or takes the
 *   sheet's (one row per person, month and KPI; the newest sheet's value).
 */
export const sql = /* sql */ `
ALTER TABLE person_months ADD COLUMN kpi_sources TEXT NOT NULL DEFAULT '{}';

CREATE TABLE figure_conflicts (
  person_id   INTEGER NOT NULL REFERENCES people(id),
  period      TEXT NOT NULL,
  kpi         TEXT NOT NULL,
  hr_value    REAL NOT NULL,   -- the value HR held when the sheet came (kept)
  sheet_value REAL NOT NULL,   -- the value the signed sheet carries
  file_sha256 TEXT NOT NULL,   -- the imported sheet file, hex
  listed_at   TEXT NOT NULL,
  PRIMARY KEY (person_id, period, kpi)
);
CREATE INDEX figure_conflicts_period ON figure_conflicts(period);
`;
