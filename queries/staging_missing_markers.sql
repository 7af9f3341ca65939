-- --missing on the staged file: a cell of {cell} that reads one of $markers (lower case,
-- trimmed) has no value.
UPDATE raw SET {cell} = NULL WHERE list_contains($markers, lower(ww_trim({cell})))
