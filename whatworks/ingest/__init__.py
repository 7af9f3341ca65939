"""Ingestion: read any dialect -> validate the whole file -> load in one transaction."""

from whatworks.ingest.load import check, context_from, load, mappings, merge_options, saved_mapping
from whatworks.ingest.read import ReadError, ReadOptions, read_table
from whatworks.ingest.validate import Context, LoadOptions, Problem, Report, validate

__all__ = [
    "Context",
    "LoadOptions",
    "Problem",
    "ReadError",
    "ReadOptions",
    "Report",
    "check",
    "context_from",
    "load",
    "mappings",
    "merge_options",
    "read_table",
    "saved_mapping",
    "validate",
]
