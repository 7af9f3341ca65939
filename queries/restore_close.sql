-- Close, as of the new version $n, the rows of {table} that are current now but were not
-- current at version $v.
UPDATE {table} SET valid_to = $n WHERE valid_to IS NULL AND valid_from > $v
