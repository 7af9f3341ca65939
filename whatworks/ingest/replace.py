"""What a load replaces: the preview before it, and the amount-wise replace of a budget.

The contract: a budget file replaces the rows of its municipality × years, and a file that
carries only one of the two amounts (an adopted budget, or the accounts) replaces only that
amount and keeps the other. Before any load the report says, per municipality × year (budget)
or indicator × period (outcomes), the lines and money it replaces and keeps and the change in
each year's total; a load that would remove most of a year's money asks for confirmation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import duckdb

from models import AMOUNTS, REPLACE_KEYS, Kind, columns
from whatworks import store

# A year whose total would fall below this share of what it is now: "removes most of it".
KEEP_AT_LEAST: Final = Decimal("0.5")


def line_columns() -> list[str]:
    """The columns that name one budget line: every contract column but the amounts."""
    return [s.name for s in columns(Kind.budget) if s.name not in AMOUNTS]


def kept_amount(amounts: list[str]) -> str | None:
    """The amount a budget load keeps: the one the file does not carry (None: it has both)."""
    missing = [a for a in AMOUNTS if a not in amounts]
    return missing[0] if len(missing) == 1 else None


def keep_other_amount(con: duckdb.DuckDBPyConnection, amounts: list[str]) -> None:
    """Give the table ``incoming`` (a budget file) the current rows' other amount."""
    keep = kept_amount(amounts)
    if keep is None:
        return
    lines = line_columns()
    ids = store.data_identifiers(Kind.budget, tuple(lines))
    ids["columns"] = ", ".join(store.ident(c) for c in lines)
    store.run(con, "load_budget_keep_other", {"keep": keep}, ids)
    con.execute("DROP TABLE incoming")
    con.execute("ALTER TABLE incoming_kept RENAME TO incoming")


def preview(
    db: Path, kind: Kind, con: duckdb.DuckDBPyConnection, amounts: list[str]
) -> list[dict[str, Any]]:
    """Per municipality × year and amount (budget) or indicator × period (outcomes): what a
    load of the validated rows (the view ``incoming`` of the staging connection ``con``)
    replaces and keeps. Nothing is written: the store is attached read-only beside them."""
    if kind not in (Kind.budget, Kind.outcomes):
        return []
    name = "load_preview_budget" if kind == Kind.budget else "load_preview_outcomes"
    ids = store.data_identifiers(kind, REPLACE_KEYS[kind])
    with _current_rows(db, con):
        rows = store.rows_as_dicts(store.run(con, name, {"amounts": amounts}, ids))
    for row in rows:
        if kind == Kind.budget:
            before, after = row["total_before"], row["total_after"]
            row["removes_most"] = bool(before > 0 and after < before * KEEP_AT_LEAST)
            for key in ("replaced_money", "kept_money", "total_before", "total_after", "change"):
                row[key] = str(row[key])
        else:
            row["removes_most"] = False
    return rows


@contextlib.contextmanager
def _current_rows(db: Path, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The store's row tables under their own names on ``con``, for the block: the current
    generation's data file attached read-only (a database that does not exist yet: an empty
    store in memory, so nothing is replaced)."""
    generation = None
    for attempt in range(3):  # a writer may publish and prune meanwhile: resolve again
        generation = store.current_generation(db)
        if generation is None:
            break
        try:
            store.run(con, "preview_attach_store", {"path": str(generation)})
            break
        except duckdb.IOException:
            if attempt == 2 or generation.exists():
                raise
    try:
        if generation is None:
            store.run(con, "preview_attach_empty_store")
            con.execute(store.data_schema_sql())
        store.run(con, "preview_use_store")
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            store.run(con, "preview_release_store")
