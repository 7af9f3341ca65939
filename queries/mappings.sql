-- All saved mappings.
SELECT name, kind, mapping, options, saved_at, saved_by FROM mappings ORDER BY name
