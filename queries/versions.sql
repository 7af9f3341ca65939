-- Every dataset version, newest first.
SELECT
  version_id, kind, action, loaded_at, loaded_by, source_file, sha256,
  rows_read, inserted, replaced, mapping, options, restored_from
FROM load_versions
ORDER BY version_id DESC
