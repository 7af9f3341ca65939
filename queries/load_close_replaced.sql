-- Close the current rows of {table} that the incoming file replaces, as of version $v.
UPDATE {table} t SET valid_to = $v
WHERE t.valid_to IS NULL
  AND EXISTS (SELECT 1 FROM incoming i WHERE {match})
