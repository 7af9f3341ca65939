-- Record the schema version and the fingerprint of the DDL that made it. $schema_version $fingerprint
DELETE FROM schema_info;
INSERT INTO schema_info (schema_version, fingerprint) VALUES ($schema_version, $fingerprint)
