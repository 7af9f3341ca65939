"""What the frame and the Data page read: counts, previews, versions, filter values, freshness.

Each function takes a DuckDB cursor first, so ``ui.Frame.fetch`` can cache its result per
database generation; none imports Streamlit. SQL lives in ``queries/``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb
import pandas as pd

from models import Kind
from whatworks import store
from whatworks.i18n import format_datetime, t

PREVIEW_ROWS: Final = 200

# One query per kind: table names never come from input.
PREVIEW_QUERIES: Final[dict[Kind, str]] = {
    Kind.budget: "table_preview_budget",
    Kind.programmes: "table_preview_programmes",
    Kind.outcomes: "table_preview_outcomes",
    Kind.indicators: "table_preview_indicators",
}

# What a dataset version may record (each is shown with its label ``action.<name>``).
VERSION_ACTIONS: Final = ("load", "restore", "demo", "mapping", "settings", "decision")
# Actions that bring new rows of a kind from a source (a restore brings back old ones).
SOURCE_ACTIONS: Final = ("load", "demo")

VERSION_COLUMNS: Final = (
    "version_id",
    "action",
    "kind",
    "loaded_at",
    "loaded_by",
    "source_file",
    "rows_read",
    "inserted",
    "replaced",
    "restored_from",
)


def table_counts(con: duckdb.DuckDBPyConnection, version: int) -> dict[Kind, int]:
    """Rows per kind in a data version."""
    rows = store.run(con, "table_counts", {"version": version}).fetchall()
    return {Kind(kind): int(count) for kind, _, count in rows}


def table_preview(
    con: duckdb.DuckDBPyConnection, kind: Kind, version: int, limit: int = PREVIEW_ROWS
) -> pd.DataFrame:
    """The first ``limit`` rows of one kind of table in a data version."""
    query = PREVIEW_QUERIES[Kind(kind)]
    return store.run(con, query, {"version": version, "limit": limit}).df()


def filter_options(con: duckdb.DuckDBPyConnection, version: int) -> dict[str, list[Any]]:
    """The values offered by the shared filters: years (newest first), programmes, ..."""
    options: dict[str, list[Any]] = {"year": [], "programme": [], "municipality": []}
    for dimension, value in store.run(con, "filter_options", {"version": version}).fetchall():
        options[dimension].append(int(value) if dimension == "year" else value)
    options["year"].sort(reverse=True)
    home = store.settings(con, version).get("home_municipality")
    options["home"] = [home] if home else []
    return options


def latest_loads(con: duckdb.DuckDBPyConnection, as_of: int) -> dict[Kind, dt.datetime | None]:
    """When each kind of table was last loaded, up to and including version ``as_of``.

    A version of kind ``all`` (the demo, for instance) counts for every kind.
    """
    latest: dict[Kind, dt.datetime | None] = dict.fromkeys(Kind)
    for row in store.versions(con):  # newest first
        if row["version_id"] > as_of or row["action"] not in SOURCE_ACTIONS:
            continue
        kinds = list(Kind) if row["kind"] == "all" else [k for k in Kind if k == row["kind"]]
        for kind in kinds:
            if latest[kind] is None:
                latest[kind] = row["loaded_at"]
    return latest


def version_table(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Every dataset version, newest first, with headers and labels in ``lang``."""
    rows = store.versions(con)
    frame = pd.DataFrame(rows, columns=list(VERSION_COLUMNS))
    if frame.empty:
        return frame.rename(columns={c: t(f"col.{c}", lang) for c in VERSION_COLUMNS})
    frame["action"] = [_label("action", a, lang) for a in frame["action"]]
    frame["kind"] = [_label("kind", k, lang) for k in frame["kind"]]
    frame["loaded_at"] = [format_datetime(v, lang) for v in frame["loaded_at"]]
    frame["restored_from"] = frame["restored_from"].astype("Int64")
    return frame.rename(columns={c: t(f"col.{c}", lang) for c in VERSION_COLUMNS})


def _label(group: str, value: str, lang: str) -> str:
    """The translated label of a known value; an unknown one is shown as it is."""
    try:
        return t(f"{group}.{value}", lang)
    except KeyError:
        return value
