-- The columns of one table, to add the ones a newer contract declares. $table_name
SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $table_name
