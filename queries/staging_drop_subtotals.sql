-- Leave out the staged rows whose {cell} reads like a subtotal (as in staging_subtotals.sql).
-- $words $prefixes $lengths $initials
DELETE FROM raw
WHERE list_contains($initials, ord({cell})) AND (
  list_contains($words, lower(ww_trim({cell})))
  OR list_has_any($prefixes, list_transform($lengths, lambda n: left(lower(ww_trim({cell})), n)))
)
