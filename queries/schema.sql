-- The bookkeeping tables. The data tables (budget_rows, ...) with their *_at(version) macros
-- and current-state views are generated from models.py by whatworks.store.schema_sql().
CREATE TABLE IF NOT EXISTS load_versions (
  version_id    INTEGER PRIMARY KEY,
  kind          VARCHAR NOT NULL,
  action        VARCHAR NOT NULL,
  loaded_at     TIMESTAMP NOT NULL,
  loaded_by     VARCHAR NOT NULL,
  source_file   VARCHAR,
  sha256        VARCHAR,
  rows_read     BIGINT NOT NULL DEFAULT 0,
  inserted      BIGINT NOT NULL DEFAULT 0,
  replaced      BIGINT NOT NULL DEFAULT 0,
  mapping       VARCHAR,
  options       VARCHAR,
  restored_from INTEGER
);

CREATE TABLE IF NOT EXISTS mappings (
  name      VARCHAR PRIMARY KEY,
  kind      VARCHAR NOT NULL,
  mapping   VARCHAR NOT NULL,
  options   VARCHAR NOT NULL,
  saved_at  TIMESTAMP NOT NULL,
  saved_by  VARCHAR NOT NULL
);

-- Settings are versioned like the data rows: a value applies from the version that saved it
-- (0: saved before any data) until the version that replaced it. settings_at(v) is the state
-- after version v; the settings view is the current state.
CREATE TABLE IF NOT EXISTS settings_rows (
  key        VARCHAR NOT NULL,
  value      VARCHAR NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to   INTEGER
);
CREATE OR REPLACE MACRO settings_at(version) AS TABLE
  SELECT key, value FROM settings_rows
  WHERE valid_from <= version AND (valid_to IS NULL OR valid_to > version);
CREATE OR REPLACE VIEW settings AS
  SELECT key, value FROM settings_rows WHERE valid_to IS NULL;

-- The schema version of this database (see whatworks.store.MIGRATIONS); one row.
CREATE TABLE IF NOT EXISTS schema_info (
  schema_version INTEGER NOT NULL,
  fingerprint    VARCHAR
);

-- The decision log: append-only. A correction is a new decision whose `supersedes` names the
-- one it replaces; no row is ever updated or deleted. Each decision is recorded as a dataset
-- version of its own (`version_id`, kind 'decisions', action 'decision') and keeps the data
-- version and view it rests on and the effect shown for the intervention at that moment.
CREATE TABLE IF NOT EXISTS decisions (
  decision_id     INTEGER PRIMARY KEY,
  version_id      INTEGER NOT NULL,
  intervention_id VARCHAR NOT NULL,
  decision        VARCHAR NOT NULL CHECK (decision IN ('continue', 'scale_up', 'adjust', 'stop')),
  decided_on      DATE NOT NULL,
  decided_by      VARCHAR NOT NULL,
  reason          VARCHAR NOT NULL,
  view_name       VARCHAR NOT NULL,
  data_version    INTEGER NOT NULL,
  municipality    VARCHAR,
  effect_class    VARCHAR NOT NULL,
  method          VARCHAR NOT NULL,
  effect          DOUBLE,
  effect_low      DOUBLE,
  effect_high     DOUBLE,
  indicator       VARCHAR,
  unit            VARCHAR,
  supersedes      INTEGER,
  recorded_at     TIMESTAMP NOT NULL
);
