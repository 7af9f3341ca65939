-- Whether the database has the decision log yet (a database made before the log existed
-- gets the table with its next write).
select count(*) > 0 as present from duckdb_tables() where table_name = 'decisions'
