-- Bring back, as rows of the new version $n, the rows of {table} current at version $v
-- that are not current now.
INSERT INTO {table} ({columns}, valid_from, valid_to)
SELECT {columns}, $n, NULL FROM {table}
WHERE valid_from <= $v AND valid_to IS NOT NULL AND valid_to > $v
