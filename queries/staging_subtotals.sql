-- How many staged rows, and how many of them read like a subtotal in {cell}: a subtotal word
-- ($words) or a word that starts with a subtotal prefix ($prefixes, of $lengths characters).
-- $words $prefixes $lengths
SELECT
  count(*) AS total,
  count(*) FILTER (
    list_contains($words, lower(ww_trim({cell})))
    OR list_has_any($prefixes, list_transform($lengths, lambda n: left(lower(ww_trim({cell})), n)))
  ) AS subtotals
FROM raw
