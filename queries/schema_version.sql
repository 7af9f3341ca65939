-- The schema version recorded in the database.
SELECT max(schema_version) FROM schema_info
