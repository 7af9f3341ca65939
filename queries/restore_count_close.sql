-- Rows of {table} current now that were not current at version $v.
SELECT count(*) FROM {table} WHERE valid_to IS NULL AND valid_from > $v
