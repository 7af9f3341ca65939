-- Save a mapping under a name. $name $kind $mapping $options $saved_at $saved_by
INSERT OR REPLACE INTO mappings (name, kind, mapping, options, saved_at, saved_by)
VALUES ($name, $kind, $mapping, $options, $saved_at, $saved_by)
