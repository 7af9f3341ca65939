-- No database yet: an empty store in memory (store.data_schema_sql creates its row tables
-- next), so the preview finds nothing replaced.
ATTACH ':memory:' AS ww_store;
USE ww_store
