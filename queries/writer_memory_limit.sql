-- A load's writer: DuckDB's memory before it spills (ingest.load.WRITER_MEMORY). $limit
SET memory_limit = $limit
