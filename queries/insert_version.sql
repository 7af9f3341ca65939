-- Record one dataset version.
-- $version_id $kind $action $loaded_at $loaded_by $source_file $sha256 $rows_read $inserted
-- $replaced $mapping $options $restored_from
INSERT INTO load_versions (
  version_id, kind, action, loaded_at, loaded_by, source_file, sha256,
  rows_read, inserted, replaced, mapping, options, restored_from
) VALUES (
  $version_id, $kind, $action, $loaded_at, $loaded_by, $source_file, $sha256,
  $rows_read, $inserted, $replaced, $mapping, $options, $restored_from
)
