-- Create a generation's meta file and attach it as `meta` (see attach_meta.sql): small
-- blocks, so the small tables make a file of a few hundred kilobytes, cheap to copy and sync.
-- $path
ATTACH $path AS meta (BLOCK_SIZE 16384)
