-- Attach a generation's data file (the row tables, their views and macros) as `data`.
-- $path $read_only
ATTACH $path AS data (READ_ONLY $read_only)
