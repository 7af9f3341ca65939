-- The rows of the typed file with no value in any of {columns} (a required column, or every
-- column of a group of which one must be given), in file order.
SELECT _row FROM typed WHERE coalesce({columns}) IS NULL ORDER BY _row
