-- Record the schema version. $schema_version
DELETE FROM schema_info;
INSERT INTO schema_info (schema_version) VALUES ($schema_version)
