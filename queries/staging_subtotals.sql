-- How many staged rows, and how many of them read like a subtotal in {cell}: a subtotal word
-- ($words) or a word that starts with a subtotal prefix ($prefixes, of $lengths characters).
-- $words $prefixes $lengths $initials
-- $initials: the code points such a cell can start with (convert.SUBTOTAL_INITIALS); other
-- cells are passed over without trimming them.
SELECT
  count(*) AS total,
  count(*) FILTER (
    list_contains($words, v) OR list_has_any($prefixes, list_transform($lengths, lambda n: left(v, n)))
  ) AS subtotals
FROM (
  SELECT CASE WHEN list_contains($initials, ord({cell})) THEN lower(ww_trim({cell})) END AS v
  FROM raw
)
