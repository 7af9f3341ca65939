"""Data versions: what a version changed, what restoring one would do, the ids and labels
to choose a version by, and the versions table for the screen with empty cells blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from models import Kind
from whatworks import browse, store
from whatworks.i18n import format_datetime, t


@dataclass(frozen=True)
class TableChange:
    """What one version did to one table."""

    kind: Kind
    rows_before: int
    added: int
    removed: int
    rows_after: int


def version_diff(con: duckdb.DuckDBPyConnection, version: int) -> list[TableChange]:
    """Per table, what ``version`` changed against the version before it."""
    rows = store.run(con, "data_version_diff", {"version": version}).fetchall()
    found = {
        Kind(kind): TableChange(Kind(kind), int(b), int(a), int(r), int(f))
        for kind, b, a, r, f in rows
    }
    return [found.get(kind, TableChange(kind, 0, 0, 0, 0)) for kind in Kind]


@dataclass(frozen=True)
class RestoreChange:
    """What restoring a version would do to one table."""

    kind: Kind
    rows_now: int
    rows_then: int
    closed: int
    reopened: int


def restore_preview(con: duckdb.DuckDBPyConnection, version: int) -> list[RestoreChange]:
    """Per table, what restoring ``version`` would close and bring back."""
    rows = store.run(con, "data_restore_preview", {"version": version}).fetchall()
    found = {
        Kind(kind): RestoreChange(Kind(kind), int(n), int(th), int(c), int(r))
        for kind, n, th, c, r in rows
    }
    return [found.get(kind, RestoreChange(kind, 0, 0, 0, 0)) for kind in Kind]


def version_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every version id, newest first."""
    return [int(row["version_id"]) for row in store.versions(con)]


def version_labels(con: duckdb.DuckDBPyConnection, lang: str) -> dict[int, str]:
    """A line per version to choose it by: number, what was loaded from which file, when."""
    labels = {}
    for row in store.versions(con):
        parts = [t("data.version_option", lang, version=row["version_id"])]
        if row["action"] == "restore" and row["restored_from"] is not None:
            parts.append(t("data.version_restored", lang, version=row["restored_from"]))
        else:
            kind = row["kind"]
            parts.append(
                t(f"kind.{kind}", lang) if kind in {*Kind, "all", "settings"} else str(kind)
            )
        if row["source_file"]:
            parts.append(str(row["source_file"]))
        parts.append(format_datetime(row["loaded_at"], lang))
        labels[int(row["version_id"])] = " · ".join(parts)
    return labels


def changes_table(
    changes: Sequence[TableChange] | Sequence[RestoreChange], columns: Sequence[str], lang: str
) -> pd.DataFrame:
    """Per-table counts of a diff or a restore preview, headed in ``lang``."""
    names = ("kind", *columns)
    rows = [{c: getattr(change, c) for c in names} for change in changes]
    table = pd.DataFrame(rows, columns=list(names))
    table["kind"] = [t(f"kind.{k}", lang) for k in table["kind"]]
    return table.rename(columns={c: t(f"data.change_col.{c}", lang) for c in names})


def version_history(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Every version, newest first, for the screen: a restore's missing file shows blank."""
    return blank_missing(browse.version_table(con, lang))


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A copy in which a missing value is an empty cell (a table shows it as "None").

    A column with a missing value becomes text, as a table would show it anyway.
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if values.isna().any():
            out[column] = ["" if pd.isna(v) else str(v) for v in values]
    return out
