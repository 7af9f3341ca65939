-- Migration 2: schema_info also keeps a fingerprint of the tables, views and macros the
-- program creates (store.schema_sql()), so a writer whose database already has exactly them
-- skips re-creating them (a small write then costs milliseconds, not a catalogue rewrite).
CREATE TABLE IF NOT EXISTS schema_info (schema_version INTEGER NOT NULL);
ALTER TABLE schema_info ADD COLUMN IF NOT EXISTS fingerprint VARCHAR
