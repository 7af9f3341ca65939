-- The tables of the database (to tell a new database from an older release's).
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name
