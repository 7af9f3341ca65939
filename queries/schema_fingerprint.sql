-- The fingerprint of the DDL the database was last migrated with (schema version 2 and later).
SELECT max(fingerprint) FROM schema_info
