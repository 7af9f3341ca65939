-- --where on the staged file: keep the rows whose {cell} passes the filter $op, one of
-- '=' and '!' (text, trimmed, against $value), 'in' (one of $values), '>', '<', '>=', '<='
-- (the number in the file's own decimal mark $dec against $number); drop the others.
-- $op $value $values $number $dec
DELETE FROM raw
WHERE NOT coalesce(
  CASE $op
    WHEN '=' THEN coalesce(trim({cell}), '') = trim($value)
    WHEN '!' THEN coalesce(trim({cell}), '') <> trim($value)
    WHEN 'in' THEN list_contains($values, coalesce(trim({cell}), ''))
    WHEN '>' THEN ww_num(ww_trim({cell}), $dec) > $number
    WHEN '<' THEN ww_num(ww_trim({cell}), $dec) < $number
    WHEN '>=' THEN ww_num(ww_trim({cell}), $dec) >= $number
    WHEN '<=' THEN ww_num(ww_trim({cell}), $dec) <= $number
  END,
  false
)
