/**
 * 003: the figures pay and reports need beside the score sheets.
 *
 * - person_months: per person and month, the salary total (工资总额, integer fen) and the KPIs
 *   (JSON keyed by the ids of shared/kpi.ts; plan and actual quantity feed pay). Typed or imported.
 * - pay_settings: versions of the pay settings (split, over-plan bonus policy, score-rate source),
 *   each in force from a month; a month's pay uses the newest version in force then, so a past
 *   month recomputes the same after the settings change. Version rows are never updated.
 */
export const sql = /* sql */ `
CREATE TABLE person_months (
  person_id   INTEGER NOT NULL REFERENCES people(id),
  period      TEXT NOT NULL,
  salary_fen  INTEGER CHECK (salary_fen IS NULL OR salary_fen >= 0),
  kpis        TEXT NOT NULL DEFAULT '{}',
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (person_id, period)
);
CREATE INDEX person_months_period ON person_months(period);

CREATE TABLE pay_settings (
  version        INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL,
  settings       TEXT NOT NULL,
  hash           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
);
CREATE TRIGGER pay_settings_immutable BEFORE UPDATE ON pay_settings
  BEGIN SELECT RAISE(ABORT, 'a pay settings version is never changed: save a new version'); END;
`;
