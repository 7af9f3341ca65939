-- Close the current rows of {table} that the rows of version $v (inserted just before)
-- replace: the older current rows with the same replace keys ({match}: t an older row, i a
-- row of version $v). Returns the number of rows closed.
UPDATE {table} t SET valid_to = $v
WHERE t.valid_to IS NULL
  AND t.valid_from <> $v
  AND EXISTS (SELECT 1 FROM {table} i WHERE i.valid_from = $v AND {match})
