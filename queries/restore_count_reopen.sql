-- Rows of {table} current at version $v that are not current now.
SELECT count(*) FROM {table}
WHERE valid_from <= $v AND valid_to IS NOT NULL AND valid_to > $v
