-- How many staged rows, and how many of them read like a subtotal in {cell}: a subtotal word
-- ($words) or a word that starts with a subtotal prefix ($prefixes, of $lengths characters).
-- $words $prefixes $lengths $initials
-- $initials: the code points such a cell can start with (convert.SUBTOTAL_INITIALS); other
-- cells are passed over without trimming them.
SELECT
  (SELECT count(*) FROM raw) AS total,
  coalesce(sum(rows) FILTER (
    list_contains($words, v) OR list_has_any($prefixes, list_transform($lengths, lambda n: left(v, n)))
  ), 0) AS subtotals
FROM (
  -- Each distinct candidate cell once (a column holds few distinct texts that start so; a
  -- column of numbers or codes none): the test runs per text.
  SELECT lower(ww_trim(cell)) AS v, count(*) AS rows
  FROM (SELECT {cell} AS cell FROM raw)
  WHERE list_contains($initials, ord(cell))
  GROUP BY cell
)
