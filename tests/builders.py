"""Test databases built through the production path: ``store.save_settings`` then ``ingest.load``.

Every database a test needs is made the way ``whatworks load`` makes it, so the rows carry what
the loader derives (period bounds, defaults, versions, the archived file) and a test cannot
store a row the contract would refuse. Use these instead of writing ``INSERT`` statements or a
``save_settings``-then-load loop of a test module's own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from models import Kind
from whatworks import demo, ingest, store
from whatworks.ingest import LoadOptions, Report

HOME = "Eemsdal"
CURRENCY = "EUR"
LOADED_BY = "fixture"

# One file to load: (kind, contents) or (kind, contents, file name).
File = tuple[Kind | str, str | bytes] | tuple[Kind | str, str | bytes, str]


def new_database(path: Path, settings: Mapping[str, str] | None = None) -> Path:
    """A database with settings and no data; home Eemsdal in euros unless ``settings`` say."""
    values = {"home_municipality": HOME, "default_currency": CURRENCY}
    store.save_settings(path, {**values, **(settings or {})})
    return path


def load(
    db: Path,
    kind: Kind | str,
    data: str | bytes,
    name: str = "file.csv",
    options: LoadOptions | None = None,
    *,
    confirmed: bool = True,
) -> Report:
    """Load one file as the production path does; fails the test if the load is refused.

    A fixture is a load the analyst meant: one that replaces most of a year's money is
    confirmed unless ``confirmed`` is False.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    report = ingest.load(db, kind, raw, name, options, LOADED_BY, confirmed=confirmed)
    assert report.ok, [e.message for e in report.errors]
    return report


def database(
    path: Path, files: Iterable[File] = (), settings: Mapping[str, str] | None = None
) -> Path:
    """A new database holding ``files``, loaded in order: one dataset version each."""
    new_database(path, settings)
    for number, file in enumerate(files, start=1):
        kind, data, *name = file
        load(path, kind, data, name[0] if name else f"file-{number}.csv")
    return path


def demo_database(path: Path) -> Path:
    """The demo municipality (``data/demo``), loaded as ``whatworks demo`` loads it."""
    files = [(kind, (demo.DEMO_DIR / name).read_bytes(), name) for kind, name in demo.DEMO_FILES]
    settings = {"home_municipality": demo.HOME_MUNICIPALITY, "default_currency": demo.CURRENCY}
    return database(path, files, settings)


def renamed_demo_files(renames: Mapping[str, str]) -> list[tuple[str, bytes, str]]:
    """The demo's files as (kind, bytes, name), each ``old`` text replaced by ``new``."""
    files = []
    for kind, name in demo.DEMO_FILES:
        text = (demo.DEMO_DIR / name).read_text(encoding="utf-8")
        for old, new in renames.items():
            text = text.replace(old, new)
        files.append((kind, text.encode(), name))
    return files


def csv_text(records: Iterable[Mapping[str, object]]) -> str:
    """Rows given as dicts of contract names, written as the CSV an analyst would load.

    The header is every key in order of first appearance; None is an empty cell, booleans are
    ``true``/``false``, dates ISO and decimals as written (``Decimal("120.00")`` is ``120.00``).
    """
    rows = list(records)
    names = list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
