-- Migration 3: the small tables move out of the data file into the generation's meta file,
-- so a setting, a decision or a mapping copies only them. Both files are attached (data,
-- meta) and meta has today's small tables (queries/schema.sql), as has data.
INSERT INTO meta.load_versions BY NAME SELECT * FROM data.load_versions;
INSERT INTO meta.mappings BY NAME SELECT * FROM data.mappings;
INSERT INTO meta.settings_rows BY NAME SELECT * FROM data.settings_rows;
INSERT INTO meta.decisions BY NAME SELECT * FROM data.decisions;
INSERT INTO meta.schema_info BY NAME SELECT * FROM data.schema_info;
DROP VIEW data.settings;
DROP MACRO TABLE data.settings_at;
DROP TABLE data.load_versions;
DROP TABLE data.mappings;
DROP TABLE data.settings_rows;
DROP TABLE data.decisions;
DROP TABLE data.schema_info
