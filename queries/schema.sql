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

CREATE TABLE IF NOT EXISTS settings (
  key       VARCHAR PRIMARY KEY,
  value     VARCHAR NOT NULL
);
