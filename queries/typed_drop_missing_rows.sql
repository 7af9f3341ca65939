-- Skip the rows of the typed file with no value in any of {columns} (--skip-missing).
DELETE FROM typed WHERE coalesce({columns}) IS NULL
