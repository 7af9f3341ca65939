-- The store's current data file beside a load's staging tables, for the preview (read-only).
-- $path
ATTACH $path AS ww_store (READ_ONLY)
