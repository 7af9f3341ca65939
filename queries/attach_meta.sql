-- Attach a generation's meta file (versions, settings, decisions, mappings, schema_info) as
-- `meta`. $path $read_only
ATTACH $path AS meta (READ_ONLY $read_only)
