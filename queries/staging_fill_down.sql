-- --fill-down on the staged file: an empty {cell} takes the last value above it (group labels
-- written once over the rows they head).
UPDATE raw SET {cell} = f.v
FROM (
  SELECT _row, last_value(nullif(ww_trim({cell}), '') IGNORE NULLS)
    OVER (ORDER BY _row ROWS UNBOUNDED PRECEDING) AS v
  FROM raw
) AS f
WHERE raw._row = f._row AND nullif(ww_trim(raw.{cell}), '') IS NULL
