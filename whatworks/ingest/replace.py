"""What a load replaces: the preview before it, and the amount-wise replace of a budget.

The contract: a budget file replaces the rows of its municipality × years, and a file that
carries only one of the two amounts (an adopted budget, or the accounts) replaces only that
amount and keeps the other. Before any load the report says, per municipality × year (budget)
or indicator × period (outcomes), the lines and money it replaces and keeps and the change in
each year's total; a load that would remove most of a year's money asks for confirmation.
"""

from __future__ import annotations

import contextlib
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


def preview(db: Path, kind: Kind, parquet: Path, amounts: list[str]) -> list[dict[str, Any]]:
    """Per municipality × year and amount (budget) or indicator × period (outcomes): what a
    load of the validated rows in ``parquet`` replaces and keeps. Nothing is written."""
    if kind not in (Kind.budget, Kind.outcomes):
        return []
    name = "load_preview_budget" if kind == Kind.budget else "load_preview_outcomes"
    ids = store.data_identifiers(kind, REPLACE_KEYS[kind])
    params = {"incoming": str(parquet), "amounts": amounts}
    if store.current_generation(db) is None:
        rows = _preview_without_store(kind, name, params, ids)
    else:
        with store.reader(db) as con:
            rows = store.rows_as_dicts(store.run(con, name, params, ids))
    for row in rows:
        if kind == Kind.budget:
            before, after = row["total_before"], row["total_after"]
            row["removes_most"] = bool(before > 0 and after < before * KEEP_AT_LEAST)
            for key in ("replaced_money", "kept_money", "total_before", "total_after", "change"):
                row[key] = str(row[key])
        else:
            row["removes_most"] = False
    return rows


def _preview_without_store(
    kind: Kind, name: str, params: dict[str, Any], ids: dict[str, str]
) -> list[dict[str, Any]]:
    """The preview of a load into a database that does not exist yet: nothing is replaced."""
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    try:
        cols = ", ".join(f"{store.ident(n)} {t}" for n, t in store.data_columns(kind))
        con.execute(
            f"CREATE TEMP TABLE {store.ident(ids['table'])} "
            f"({cols}, valid_from INTEGER, valid_to INTEGER)"
        )
        return store.rows_as_dicts(store.run(con, name, params, ids))
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()
