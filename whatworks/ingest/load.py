"""Load a validated file into the store: one transaction, one dataset version, archived.

Replace semantics (the contract): a budget file replaces the current rows of the same
municipality × year; an outcomes file those of the same indicator × period × scope
(municipality, area, intervention); a register file upserts by intervention_id; an
indicators file by indicator. Nothing else changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any, Final

import duckdb

from models import REPLACE_KEYS, Kind
from whatworks import store
from whatworks.ingest.replace import keep_other_amount, kept_amount, preview
from whatworks.ingest.validate import Context, LoadOptions, Problem, Report, validate

archive_dir = store.archive_dir
WRITER_MEMORY: Final = "384MB"


def archive(db: Path, data: bytes | Path, file_name: str) -> tuple[str, Path]:
    """Store the original bytes (or the file at a path, read in chunks) once under their
    hash; returns (sha256, path).

    Call it inside the writer: a load that fails or dies after this leaves a file that no
    version names, which the writer removes (:func:`whatworks.store.leftovers`). A partial
    file (a full disk) is removed at once.
    """
    if isinstance(data, Path):
        with data.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    else:
        digest = hashlib.sha256(data).hexdigest()
    folder = archive_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(file_name).suffix.lower()[:8]
    target = folder / f"{digest}{suffix}"
    if not target.exists():
        tmp = store.archive_tmp(db, target)
        try:
            if isinstance(data, Path):
                shutil.copyfile(data, tmp)
            else:
                tmp.write_bytes(data)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return digest, target


def context_from(db: Path) -> Context:
    """What the validator needs from the data already loaded (empty for a new database)."""
    if store.current_generation(db) is None:
        return Context(known_interventions=None)
    with store.reader(db) as con:
        settings = store.settings(con)
        known = {r[0] for r in store.run(con, "known_interventions").fetchall()}
        directions = {r[0]: bool(r[1]) for r in store.run(con, "indicator_directions").fetchall()}
    return Context(
        home_municipality=settings.get("home_municipality") or None,
        default_currency=settings.get("default_currency") or "EUR",
        known_interventions=known or None,
        indicator_direction=directions,
        fiscal_year_start=int(settings.get("fiscal_year_start") or 1),
    )


def saved_mapping(db: Path, name: str) -> tuple[str, LoadOptions] | None:
    """(kind, options) of a mapping saved under ``name``, or None."""
    if store.current_generation(db) is None:
        return None
    with store.reader(db) as con:
        row = store.run(con, "mapping_get", {"name": name}).fetchone()
    if row is None:
        return None
    kind, mapping, options = row
    opts = LoadOptions.from_dict(json.loads(options))
    opts.mapping = json.loads(mapping)
    return str(kind), opts


def merge_options(base: LoadOptions, override: LoadOptions) -> LoadOptions:
    """A saved mapping with the options given now on top."""
    merged = LoadOptions.from_dict({**base.as_dict(), **override.as_dict()})
    merged.mapping = {**base.mapping, **override.mapping}
    merged.constants = {**base.constants, **override.constants}
    return merged


def check(
    db: Path,
    kind: Kind | str,
    data: bytes | Path,
    file_name: str,
    options: LoadOptions | None = None,
) -> Report:
    """Validate only: the report, nothing written. ``data``: the file's bytes or its path."""
    try:
        prepared = validate(kind, data, file_name, options, context_from(db))
    except (OSError, duckdb.IOException, store.StoreError) as exc:
        report = Report(kind=Kind(kind).value, file=file_name)
        return _storage_problem(report, exc, db, work=True)
    try:
        if prepared.report.ok and prepared.con is not None:
            _preview(db, Kind(kind), prepared.con, prepared.report)
        return prepared.report
    except (OSError, duckdb.IOException, store.StoreError) as exc:
        return _storage_problem(prepared.report, exc, db)
    finally:
        _cleanup(prepared.con, prepared.work_dir)


def load(
    db: Path,
    kind: Kind | str,
    data: bytes | Path,
    file_name: str,
    options: LoadOptions | None = None,
    loaded_by: str | None = None,
    save_mapping_as: str | None = None,
    confirmed: bool = False,
) -> Report:
    """Validate and, when there are no errors, load as a new dataset version.

    ``data``: the file's bytes, or its path (a large file is then read from disk as it is
    checked, hashed and archived, never held in memory whole).

    A load that would remove most of a year's money is refused unless ``confirmed``.
    """
    kind = Kind(kind)
    opts = options or LoadOptions()
    try:
        prepared = validate(kind, data, file_name, opts, context_from(db))
    except (OSError, duckdb.IOException, store.StoreError) as exc:
        return _storage_problem(Report(kind=kind.value, file=file_name), exc, db, work=True)
    report = prepared.report
    try:
        if not report.ok or prepared.con is None:
            return report
        _preview(db, kind, prepared.con, report)
        if report.needs_confirmation and not confirmed:
            years = [
                f"{p['municipality']} {p['period']}" for p in report.preview if p["removes_most"]
            ]
            report.error(
                Problem(None, None, None, "needs_confirmation", params={"years": ", ".join(years)})
            )
            return report
        with store.writer(db) as con:
            _bound_memory(con, prepared.work_dir)
            digest, _ = archive(db, data, file_name)
            report.sha256 = digest
            version = store.next_version_id(con)
            inserted, replaced = apply(con, kind, prepared.rows(), version, report.amounts)
            report.inserted, report.replaced = inserted, replaced
            report.version = version
            store.record_version(
                con,
                version,
                store.NewVersion(
                    kind=kind.value,
                    action="load",
                    source_file=file_name,
                    sha256=digest,
                    rows_read=report.rows,
                    inserted=inserted,
                    replaced=replaced,
                    mapping=report.mapping,
                    options={**opts.as_dict(), "user_mapping": opts.mapping},
                    loaded_by=loaded_by,
                ),
            )
            if save_mapping_as:
                save_mapping(con, save_mapping_as, kind, opts, loaded_by)
        return report
    except (OSError, duckdb.IOException, store.StoreError) as exc:
        report.version = None
        return _storage_problem(report, exc, db)
    finally:
        _cleanup(prepared.con, prepared.work_dir)


def apply(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    incoming_rows: Any,
    version: int,
    amounts: list[str] | None = None,
) -> tuple[int, int]:
    """Insert the file's rows as version ``version`` and close the current rows they
    replace; returns (inserted, replaced).

    ``incoming_rows``: the validated rows as Arrow record batches (:meth:`Prepared.rows`),
    read once, straight from the staging connection into the table. A budget file with only
    one of the amounts (``amounts``) keeps the other amount of the rows it replaces: they
    come back in the new rows (made in a temporary table first).
    """
    con.complete()  # a result left unread (the next version's number) would block register
    keeps = kind == Kind.budget and amounts is not None and kept_amount(amounts) is not None
    con.register("incoming_rows" if keeps else "incoming", incoming_rows)
    try:
        if keeps and amounts is not None:
            con.execute("CREATE TEMP TABLE incoming AS SELECT * FROM incoming_rows")
            keep_other_amount(con, amounts)
        ids = store.data_identifiers(kind, REPLACE_KEYS[kind])
        inserted = _scalar(store.run(con, "load_insert", {"v": version}, ids))
        replaced = _scalar(store.run(con, "load_close_by_version", {"v": version}, ids))
    finally:
        if keeps:
            con.unregister("incoming_rows")
            con.execute("DROP TABLE IF EXISTS incoming")
        else:
            con.unregister("incoming")
    return inserted, replaced


def save_mapping(
    con: duckdb.DuckDBPyConnection,
    name: str,
    kind: Kind,
    options: LoadOptions,
    saved_by: str | None = None,
) -> None:
    """Save an import recipe (mapping and options) under a name, replacing an older one."""
    import datetime as dt

    store.run(
        con,
        "mapping_save",
        {
            "name": name,
            "kind": kind.value,
            "mapping": json.dumps(options.mapping, ensure_ascii=False),
            "options": json.dumps(options.as_dict(), ensure_ascii=False),
            "saved_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "saved_by": saved_by or store.current_user(),
        },
    )


def mappings(db: Path) -> list[dict[str, Any]]:
    """Saved mappings, by name."""
    if store.current_generation(db) is None:
        return []
    with store.reader(db) as con:
        rows = store.rows_as_dicts(store.run(con, "mappings"))
    for row in rows:
        row["mapping"] = json.loads(row["mapping"])
        row["options"] = json.loads(row["options"])
    return rows


def _preview(db: Path, kind: Kind, staging: duckdb.DuckDBPyConnection, report: Report) -> None:
    report.preview = preview(db, kind, staging, report.amounts)
    report.needs_confirmation = any(p["removes_most"] for p in report.preview)


def _bound_memory(con: duckdb.DuckDBPyConnection, work_dir: Path | None) -> None:
    """The writer's memory for a load: past WRITER_MEMORY it spills to the load's work
    folder (removed with it), so that a 10M-row load stays in bounded memory."""
    store.run(con, "writer_memory_limit", {"limit": WRITER_MEMORY})
    if work_dir is not None:
        store.run(con, "writer_spill_folder", {"dir": str(work_dir / "writer-spill")})


def _scalar(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _storage_problem(
    report: Report, exc: OSError | duckdb.Error | store.StoreError, db: Path, *, work: bool = False
) -> Report:
    """A store or file-system failure as the report's one error (nothing was written).

    ``work``: it happened while the file was read in the temporary work folder.
    """
    error = store.storage_error(exc, db, work=work)
    if error.code:
        params: dict[str, Any] = {"variant": error.code, **error.values}
    else:
        params = {"error": str(error)}
    report.error(Problem(None, None, None, "store", params=params))
    return report


def _cleanup(con: duckdb.DuckDBPyConnection | None, work_dir: Path | None) -> None:
    if con is not None:
        with contextlib.suppress(duckdb.Error):
            con.close()
    if work_dir is not None:
        shutil.rmtree(work_dir, ignore_errors=True)
