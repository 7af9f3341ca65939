-- The schema version and DDL fingerprint of a generation with a meta file (schema version 3
-- and later), for a small write to tell whether it may leave the data file as it is.
SELECT max(schema_version), max(fingerprint) FROM meta.schema_info
