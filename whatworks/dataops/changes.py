"""Who may change the data, and the changes: validate, load, restore, save a mapping.

A change takes an :class:`Actor` and refuses a viewer (:class:`NotAllowedError`): hiding a
button is not a permission check. ``whatworks.roles`` says who the actor is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from models import Kind
from whatworks import ingest, store
from whatworks.ingest.load import save_mapping as _save_mapping


@dataclass(frozen=True)
class Actor:
    """Who asks for a change (as recorded in the versions) and whether they may make it."""

    name: str
    analyst: bool


class NotAllowedError(PermissionError):
    """A viewer asked for something only an analyst may do."""


def require_analyst(actor: Actor, action: str) -> None:
    """Refuse ``action`` unless ``actor`` is an analyst."""
    if not actor.analyst:
        msg = f"{actor.name or 'this user'} may not {action}: only analysts may"
        raise NotAllowedError(msg)


# --------------------------------------------------------------------------- changes


def check_file(
    db: Path,
    kind: Kind | str,
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions,
) -> ingest.Report:
    """Validate only (anyone may): the report; nothing is written."""
    return ingest.check(db, kind, data, file_name, options)


def load_file(
    db: Path,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    file_name: str,
    options: ingest.LoadOptions,
    *,
    confirmed: bool = False,
) -> ingest.Report:
    """Validate and, without errors, load as a new version recorded as the actor's.

    ``confirmed``: the analyst saw the preview and means to remove most of a year's money.
    """
    require_analyst(actor, "load data")
    return ingest.load(
        db, kind, data, file_name, options, loaded_by=actor.name, confirmed=confirmed
    )


def restore_version(db: Path, actor: Actor, version: int) -> int:
    """Restore the state after ``version`` as a new version; returns the new version id."""
    require_analyst(actor, "restore a version")
    return store.restore(db, version, loaded_by=actor.name)


def save_mapping(
    db: Path, actor: Actor, name: str, kind: Kind | str, options: ingest.LoadOptions
) -> str:
    """Save the mapping and options under ``name`` (replacing one of that name)."""
    require_analyst(actor, "save a mapping")
    clean = name.strip()
    if not clean:
        msg = "a saved mapping needs a name"
        raise ValueError(msg)
    with store.writer(db, data=False) as con:  # a small write: the meta file only
        _save_mapping(con, clean, Kind(kind), options, actor.name)
    return clean


@dataclass(frozen=True)
class SavedMapping:
    """An import recipe saved under a name."""

    name: str
    kind: Kind
    options: ingest.LoadOptions  # with its column mapping
    saved_at: dt.datetime
    saved_by: str


def saved_mappings(con: duckdb.DuckDBPyConnection) -> list[SavedMapping]:
    """Every saved mapping, by name."""
    out = []
    for row in store.rows_as_dicts(store.run(con, "mappings")):
        options = ingest.LoadOptions.from_dict(json.loads(row["options"]))
        options.mapping = json.loads(row["mapping"])
        out.append(
            SavedMapping(row["name"], Kind(row["kind"]), options, row["saved_at"], row["saved_by"])
        )
    return out
