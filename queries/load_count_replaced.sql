-- How many current rows of {table} the incoming file replaces ({match}: the replace keys).
SELECT count(*) FROM {table} t
WHERE t.valid_to IS NULL
  AND EXISTS (SELECT 1 FROM incoming i WHERE {match})
