-- One saved mapping. $name
SELECT kind, mapping, options FROM mappings WHERE name = $name
