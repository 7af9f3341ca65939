-- The archived files the versions name (by SHA-256), for the writer's housekeeping.
SELECT DISTINCT sha256 FROM load_versions WHERE sha256 IS NOT NULL
