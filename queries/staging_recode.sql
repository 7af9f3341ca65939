-- --recode COLUMN:FROM=TO on the staged file: every cell of {cell} that reads $from (trimmed)
-- becomes $to. $from $to
UPDATE raw SET {cell} = $to WHERE ww_trim({cell}) = $from
