"""The DuckDB store: schema, dataset versions, readers, the single writer, named queries.

Design (see docs/architecture.md): the database path (``data/whatworks.duckdb``) is a
symbolic link to an immutable *generation*: a pair of files published together, the data
rows in ``NNNNNNNN.duckdb`` (the link's target) and the small tables (versions, settings,
decisions, mappings, the schema version) in ``NNNNNNNN.meta.duckdb`` beside it. Readers
open the current pair read-only. A writer takes an exclusive file lock, makes private
copies, applies its change, checkpoints, and publishes the result by atomically replacing
the link. A small write (a setting, a decision, a mapping) copies only the meta file and
hard-links the unchanged data file. A reader therefore never sees half a load and never
meets DuckDB's file lock; an interrupted writer leaves only temporary files behind and the
published data exactly as it was.

Every data row carries ``valid_from``/``valid_to`` version ids, so any earlier version can
be queried without restoring it (the ``*_at(version)`` table macros), and the current
state is published under the contract's names: ``budget``, ``programmes``, ``outcomes``,
``indicators`` and ``load_versions``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import getpass
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import duckdb

from models import Kind, columns
from whatworks.i18n import t
from whatworks.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "whatworks.duckdb"
# Generation files kept: the current one and the one before it (the last good generation,
# for a reader that resolved the link just before a swap and for recovery by hand).
KEEP_GENERATIONS = 2
# Read-only connections a process keeps open per database (older generations are closed).
KEEP_READERS = 3
LOCK_TIMEOUT_S = 120.0
MIGRATE_LOCK_TIMEOUT_S = 5.0

# Physical table and published view per kind.
ROW_TABLES: dict[Kind, str] = {
    Kind.budget: "budget_rows",
    Kind.programmes: "programme_rows",
    Kind.outcomes: "outcome_rows",
    Kind.indicators: "indicator_rows",
}
VIEWS: dict[Kind, str] = {kind: kind.value for kind in Kind}

SQL_TYPES = {
    "integer": "INTEGER",
    "text": "VARCHAR",
    "money": "DECIMAL(18,2)",
    "decimal": "DOUBLE",
    "date": "DATE",
    "boolean": "BOOLEAN",
    "period": "VARCHAR",
    "currency": "VARCHAR",
    "enum": "VARCHAR",
}
# Columns derived by the loader, stored beside the contract's own.
EXTRA_COLUMNS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.budget: (),
    Kind.programmes: (),
    Kind.outcomes: (("period_start", "DATE"), ("period_end", "DATE")),
    Kind.indicators: (),
}


class StoreError(Exception):
    """A problem with the database that the user can act on.

    ``code`` names its words in the catalogues (``problem.store.<code>``, one of
    :data:`STORE_ERRORS`) with ``values``; the exception's text is the English one. An error
    without a code carries only its English text.
    """

    def __init__(self, message: str = "", code: str = "", **values: object) -> None:
        self.code = code
        self.values = {key: str(value) for key, value in values.items()}
        super().__init__(message or t(f"problem.store.{code}", "en", **self.values))

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the language of this script run)."""
        if not self.code:
            return str(self)
        return t(f"problem.store.{self.code}", lang, **self.values)


# The storage problems with a message of their own (``problem.store.<code>``).
STORE_ERRORS: Final = (
    "generation_missing",
    "generation_missing_none",
    "link_missing",
    "is_a_directory",
    "symlink_loop",
    "not_a_database",
    "not_our_database",
    "unreadable",
    "not_writable",
    "disk_full",
    "temp_full",
    "storage_failed",
)


def default_db() -> Path:
    """The database path: ``WHATWORKS_DB`` if set, else ``data/whatworks.duckdb``."""
    env = os.environ.get("WHATWORKS_DB")
    return Path(env) if env else DEFAULT_DB


_IDENT = re.compile(r"[a-z_][a-z0-9_]*")


def ident(name: str) -> str:
    """Quote an identifier that comes from the contract (never from user input)."""
    if not _IDENT.fullmatch(name):
        msg = f"not an allowed identifier: {name!r}"
        raise ValueError(msg)
    return '"' + name + '"'


def data_columns(kind: Kind) -> list[tuple[str, str]]:
    """(name, SQL type) of the stored columns of a kind: the contract's plus derived ones."""
    cols = [(spec.name, SQL_TYPES[spec.type]) for spec in columns(kind)]
    return cols + list(EXTRA_COLUMNS[kind])


def data_identifiers(kind: Kind, keys: tuple[str, ...] = ()) -> dict[str, str]:
    """The ``{table}``, ``{columns}`` and (with ``keys``) ``{match}`` of a kind's row table."""
    ids = {
        "table": ROW_TABLES[kind],
        "columns": ", ".join(ident(n) for n, _ in data_columns(kind)),
    }
    if keys:
        ids["match"] = " AND ".join(f"t.{ident(k)} IS NOT DISTINCT FROM i.{ident(k)}" for k in keys)
    return ids


def schema_sql() -> str:
    """DDL for a new database: the meta file's (:func:`meta_schema_sql`), then the data's."""
    return meta_schema_sql() + "\n" + data_schema_sql()


def meta_schema_sql() -> str:
    """DDL of the small tables (versions, settings, decisions, mappings, schema_info)."""
    return read_query("schema")


def data_schema_sql() -> str:
    """DDL of the row tables, their macros and views, derived from the models."""
    parts: list[str] = []
    for kind, table in ROW_TABLES.items():
        cols = ",\n  ".join(f"{ident(n)} {t}" for n, t in data_columns(kind))
        names = ", ".join(ident(n) for n, _ in data_columns(kind))
        view = VIEWS[kind]
        parts.append(  # identifiers from models.py through ident(): no user input
            f"CREATE TABLE IF NOT EXISTS {table} (\n  {cols},\n"  # noqa: S608
            "  valid_from INTEGER NOT NULL,\n  valid_to INTEGER\n);\n"
            f"CREATE OR REPLACE MACRO {view}_at(version) AS TABLE\n"
            f"  SELECT {names} FROM {table}\n"
            "  WHERE valid_from <= version AND (valid_to IS NULL OR valid_to > version);\n"
            f"CREATE OR REPLACE VIEW {view} AS\n"
            f"  SELECT {names} FROM {table} WHERE valid_to IS NULL;\n"
        )
    # Every data row's kind and version range, for version-wide counts (diff, restore preview).
    union = "\n  UNION ALL\n  ".join(
        f"SELECT '{kind.value}' AS kind, valid_from, valid_to FROM {table}"  # noqa: S608 - names from ROW_TABLES
        for kind, table in ROW_TABLES.items()
    )
    parts.append(f"CREATE OR REPLACE VIEW row_versions AS\n  {union};\n")
    return "\n".join(parts)


@cache
def read_query(name: str) -> str:
    """The text of ``queries/<name>.sql``; the name is checked against the files present."""
    allowed = {p.stem for p in QUERIES.glob("*.sql")}
    if name not in allowed:
        msg = f"no query named {name!r}"
        raise KeyError(msg)
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def query_text(name: str, identifiers: Mapping[str, str] | None = None) -> str:
    """A named query with its ``{table}``/``{columns}`` placeholders filled.

    Identifier values must come from the contract (see :data:`ROW_TABLES`): table names are
    checked against that allow-list, column lists must be made with :func:`ident`, a
    ``{cell}`` is a staged file column (``"c1"``, ``"c2"``, ...) and a ``{type}`` one of
    :data:`SQL_TYPES`.
    """
    sql = read_query(name)
    for key, value in (identifiers or {}).items():
        if key == "table" and value not in ROW_TABLES.values():
            msg = f"not a data table: {value!r}"
            raise ValueError(msg)
        if key == "columns" and not all(_QUOTED.fullmatch(c.strip()) for c in value.split(",")):
            msg = f"not a quoted column list: {value!r}"
            raise ValueError(msg)
        if key == "match" and not all(_MATCH.fullmatch(c) for c in value.split(" AND ")):
            msg = f"not a key match: {value!r}"
            raise ValueError(msg)
        if key == "cell" and not _CELL.fullmatch(value):
            msg = f"not a staging cell: {value!r}"
            raise ValueError(msg)
        if key == "type" and value not in SQL_TYPES.values():
            msg = f"not a contract column type: {value!r}"
            raise ValueError(msg)
        if key not in ("table", "columns", "match", "cell", "type"):
            msg = f"unknown placeholder {key!r}"
            raise ValueError(msg)
        sql = sql.replace("{" + key + "}", value)
    return sql


_QUOTED = re.compile(r'"[a-z_][a-z0-9_]*"')
_CELL = re.compile(r'"c[1-9][0-9]*"')  # a staged file column (ingest.convert: c1, c2, ...)
_MATCH = re.compile(r't\.("[a-z_][a-z0-9_]*") IS NOT DISTINCT FROM i\.\1')


def statement(
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The SQL text of a named query and the values to bind (only those the query uses)."""
    sql = query_text(name, identifiers)
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    bound = {k: v for k, v in (params or {}).items() if k in used}
    missing = used - bound.keys()
    if missing:
        msg = f"query {name!r} needs parameters {sorted(missing)}"
        raise KeyError(msg)
    return sql, bound


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Execute the named query with bound parameters (see :func:`statement`)."""
    sql, bound = statement(name, params, identifiers)
    return con.execute(sql, bound) if bound else con.execute(sql)


def rows_as_dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Fetch a result as a list of dicts (for small, aggregated results)."""
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


# --------------------------------------------------------------------------- generations


def _generations_dir(path: Path) -> Path:
    return path.with_name(path.name + ".generations")


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def archive_dir(db: Path) -> Path:
    """Original files are kept beside the database, by their SHA-256."""
    return db.parent / "archive"


def _numbered(gen_dir: Path) -> list[Path]:
    """The generations (their data files) of a database, oldest first."""
    return sorted(p for p in gen_dir.glob("*.duckdb") if p.stem.isdigit())


# The meta file of generation NNNNNNNN.duckdb is NNNNNNNN.meta.duckdb beside it.
META_SUFFIX: Final = ".meta.duckdb"
_GENERATION_FILE = re.compile(r"(?P<number>[0-9]+)(?:\.meta)?\.duckdb")


def meta_file(generation: Path) -> Path:
    """The meta file published with ``generation`` (it exists for today's layout only)."""
    return generation.with_name(generation.stem + META_SUFFIX)


def generation_files(generation: Path) -> list[Path]:
    """The files of a generation: its data file and, if it has one, its meta file."""
    meta = meta_file(generation)
    return [generation, meta] if meta.exists() else [generation]


def _number(path: Path) -> int | None:
    """The generation number of a data or meta file in the generations folder."""
    match = _GENERATION_FILE.fullmatch(path.name)
    return int(match["number"]) if match else None


def current_generation(path: Path) -> Path | None:
    """The immutable file the database path points at now (None: no database yet).

    Raises :class:`StoreError` when the path cannot be a database (a folder, a symbolic link
    loop) and when the data is lost: the link points at a generation file that is gone, or
    the link is gone while generation files remain. It never answers None then, so no writer
    starts a new history at version 1 over a lost one.
    """
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            raise _lost_generation(path) from None
        except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13
            raise StoreError(code="symlink_loop", path=path) from None
        if target.is_dir():
            raise StoreError(code="is_a_directory", path=path)
        return target
    if path.is_dir():
        raise StoreError(code="is_a_directory", path=path)
    if path.exists():
        return path
    found = _numbered(_generations_dir(path))
    if found:
        raise StoreError(
            code="link_missing", path=path, generation=found[-1], command=_relink(path, found[-1])
        )
    return None


def _relink(path: Path, generation: Path) -> str:
    """The command that points ``path`` at ``generation`` again."""
    return f"ln -sfn {os.path.relpath(generation, path.parent)} {path}"


def _lost_generation(path: Path, missing: Path | None = None) -> StoreError:
    """The link's generation is gone (or ``missing``, a file of it, is)."""
    current = path.parent / os.readlink(path)
    target = missing or current
    found = [p for p in _numbered(_generations_dir(path)) if p.name != current.name]
    if not found:
        return StoreError(
            code="generation_missing_none", path=path, target=target, folder=path.parent
        )
    return StoreError(
        code="generation_missing",
        path=path,
        target=target,
        generation=found[-1],
        command=_relink(path, found[-1]),
    )


# Every connection of the store: extensions are never fetched from the network.
_CONFIG: Final[dict[str, str | bool | int | float | list[str]]] = {
    "autoinstall_known_extensions": False
}
_readers_lock = threading.Lock()
_readers: dict[Path, duckdb.DuckDBPyConnection] = {}
# The schema version of each generation file opened (a generation never changes).
_schemas: dict[Path, int | None] = {}


def _connect(
    data: Path,
    meta: Path | None,
    *,
    writable: tuple[bool, bool] = (False, False),
    on: duckdb.DuckDBPyConnection | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection with ``data`` attached as ``data`` and ``meta`` (if given) as ``meta``.

    ``writable``: whether each is attached read-write. Unqualified names resolve in the data
    file first, then in the meta file (:func:`_use_generation`), so the named queries, views
    and macros need not know which file holds a table. ``on``: attach them to this (empty)
    in-memory connection rather than a new one.
    """
    con = on or duckdb.connect(":memory:", config=_CONFIG)
    try:
        run(con, "attach_data", {"path": str(data), "read_only": not writable[0]})
        if meta is not None and writable[1] and not meta.exists():
            run(con, "attach_meta_new", {"path": str(meta)})
        elif meta is not None:
            run(con, "attach_meta", {"path": str(meta), "read_only": not writable[1]})
        _use_generation(con, paired=meta is not None)
    except BaseException:
        _release(con, shared=on is not None)
        raise
    return con


# Small writes attach their two files to one in-memory DuckDB kept by the process (starting
# one costs more than the rest of a small write); the writer's lock serialises them.
_small_lock = threading.Lock()
_small_connection: list[duckdb.DuckDBPyConnection] = []


def _small_instance() -> duckdb.DuckDBPyConnection:
    with _small_lock:
        if not _small_connection:
            _small_connection.append(duckdb.connect(":memory:", config=_CONFIG))
        return _small_connection[0]


def _release(con: duckdb.DuckDBPyConnection, *, shared: bool) -> None:
    """Close a writer's connection; on the shared one, detach its files instead."""
    if not shared:
        con.close()
        return
    try:
        run(con, "detach_pair")
    except duckdb.Error:
        with _small_lock:  # a connection that cannot let go of its files is not reused
            if con in _small_connection:
                _small_connection.remove(con)
        con.close()


def _use_generation(con: duckdb.DuckDBPyConnection, *, paired: bool) -> None:
    """Make a connection or cursor resolve unqualified names in data, then meta."""
    run(con, "use_pair" if paired else "use_data")


@contextlib.contextmanager
def open_generation(generation: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection on one generation (its data and meta files).

    For tools that must not keep a database open (a sibling database's housekeeping, the
    stress harness); the app's readers use :func:`reader`.
    """
    con = connect_generation(generation)
    try:
        yield con
    finally:
        con.close()


def connect_generation(generation: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection on one generation that the caller closes (see
    :func:`open_generation`): names resolve in its data file, then its meta file."""
    con, _ = _open_generation(generation)
    return con


def _open_generation(generation: Path) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A read-only connection on a generation, and whether it has a meta file."""
    meta = meta_file(generation)
    paired = meta.exists()  # checked first: a pruned generation loses its data file first
    try:
        return _connect(generation, meta if paired else None), paired
    except duckdb.Error as exc:
        raise _open_error(meta if paired and generation.exists() else generation, exc) from exc


def _cursor(generation: Path) -> duckdb.DuckDBPyConnection:
    """A cursor on the shared reader of ``generation``, resolving names as the reader does."""
    con = _shared_reader(generation)
    cur = con.cursor()
    try:
        _use_generation(cur, paired=_paired.get(generation, False))
    except BaseException:
        cur.close()
        raise
    return cur


# Whether each shared reader's generation has a meta file attached.
_paired: dict[Path, bool] = {}


def _shared_reader(generation: Path) -> duckdb.DuckDBPyConnection:
    """One read-only connection per generation, shared by the threads of a process."""
    with _readers_lock:
        con = _readers.get(generation)
        if con is None:
            con, paired = _open_generation(generation)
            _readers[generation] = con
            _paired[generation] = paired
            # Generations of one database are immutable and numbered: close all but the newest
            # few of *this* database, never the one being returned.
            siblings = sorted(p for p in _readers if p.parent == generation.parent)
            for old in siblings[:-KEEP_READERS]:
                if old != generation:
                    _paired.pop(old, None)
                    with contextlib.suppress(duckdb.Error):
                        _readers.pop(old).close()
        return con


def _open_error(file: Path, exc: duckdb.Error) -> StoreError:
    """What opening ``file`` failed on, as a message the user can act on."""
    text = str(exc)
    if "not a valid DuckDB database" in text or "database file" in text.lower():
        return StoreError(code="not_a_database", path=file)
    if "No space left" in text:
        return StoreError(code="disk_full", folder=file.parent)
    return StoreError(code="unreadable", path=file, error=" ".join(text.split())[:300])


def _schema_of(generation: Path) -> int | None:
    """The schema version of a generation file (remembered: a generation never changes)."""
    if generation not in _schemas:
        with _cursor(generation) as cur:
            found = schema_version(cur)
        with _readers_lock:
            _schemas[generation] = found
    return _schemas[generation]


@contextlib.contextmanager
def reader(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current generation, read-only, safe to use from this thread only.

    Raises :class:`StoreError` when there is no database, when it is lost (see
    :func:`current_generation`), or when the file is not a What works database.
    """
    db = path or default_db()
    generation, found = _open_current(db)
    if db.is_symlink() and found != SCHEMA_VERSION:
        # Written by an older release: publish a migrated generation first (a reader cannot
        # write). If a writer holds the lock, it migrates as it writes; if the folder is
        # read-only, nobody can: read what there is.
        with contextlib.suppress(StoreError, OSError):
            with writer(db, timeout=MIGRATE_LOCK_TIMEOUT_S):
                pass
            generation, found = _open_current(db)
    with _cursor(generation) as cur:
        yield cur


def _lost_meta(db: Path, generation: Path) -> StoreError | None:
    """The error for a published generation whose meta file is gone (None: it is not that).

    Its data file holds no versions of its own, so without this it would look like a new
    database, and a writer would start a new history over the lost one.
    """
    if generation.parent != _generations_dir(db) or meta_file(generation).exists():
        return None
    if not db.is_symlink():
        return None
    with open_generation(generation) as con:
        if schema_version(con) is not None or not _table_names(con):
            return None  # a generation of one file (an older release's), or an empty one
    return _lost_generation(db, meta_file(generation))


def _open_current(db: Path) -> tuple[Path, int | None]:
    """The current generation, opened, and its schema version.

    A generation removed between resolving the link and opening it (a writer published two
    newer ones meanwhile) is resolved again.
    """
    for attempt in range(3):
        generation = current_generation(db)
        if generation is None:
            raise StoreError(f"no database at {db}: run 'whatworks demo' or load a file first")
        try:
            found = _schema_of(generation)
        except StoreError:
            if attempt < 2 and not all(p.exists() for p in generation_files(generation)):
                continue
            raise
        if found is None:
            raise _lost_meta(db, generation) or StoreError(code="not_our_database", path=generation)
        return generation, found
    raise AssertionError  # pragma: no cover - the loop returns or raises


@contextlib.contextmanager
def _exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(_lock_path(path), "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    msg = "another load is still running; try again in a minute"
                    raise StoreError(msg) from exc
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _lock_held(path: Path) -> bool:
    """Whether another process's writer holds ``path``'s lock now."""
    try:
        fd = os.open(_lock_path(path), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _next_generation(gen_dir: Path) -> Path:
    numbers = [int(p.stem) for p in _numbered(gen_dir)]
    return gen_dir / f"{max(numbers, default=0) + 1:08d}.duckdb"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(path: Path, generation: Path) -> None:
    """Point the database path at a new generation, atomically."""
    link_tmp = path.with_name(f".{path.name}.link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        link_tmp.unlink()
    os.symlink(os.path.relpath(generation, path.parent), link_tmp)
    os.replace(link_tmp, path)
    _fsync_dir(path.parent)


def _prune(path: Path, keep: Path) -> None:
    """Remove the generations no version needs any more: all but the newest few.

    A generation's data file goes before its meta file (a reader that finds the meta file
    may count on the data file being there), and a meta file older than ``keep`` whose data
    file is gone goes too.
    """
    gen_dir = _generations_dir(path)
    for old in _numbered(gen_dir)[:-KEEP_GENERATIONS]:
        if old != keep:
            for file in (old, meta_file(old)):
                with contextlib.suppress(OSError):
                    file.unlink()
    newest = _number(keep) or 0
    for meta in gen_dir.glob("*" + META_SUFFIX):
        data = meta.with_name(meta.name.removesuffix(META_SUFFIX) + ".duckdb")
        if (_number(meta) or 0) < newest and not data.exists():
            with contextlib.suppress(OSError):
                meta.unlink()


# --------------------------------------------------------------------------- housekeeping

# A temporary work folder of the validator, named for the process that made it.
WORK_PREFIX: Final = "whatworks-"
_WORK_DIR = re.compile(r"whatworks-(\d+)-.*")
# An archive file on its way: <sha256><ext>.<pid>@<database>.tmp (older releases:
# <sha256><ext>.<pid>.tmp).
_ARCHIVE_TMP = re.compile(r".*\.(?P<pid>[0-9]+)(?:@(?P<db>.+))?\.tmp")


def work_dir_prefix() -> str:
    """The prefix of this process's temporary work folders (see :func:`leftovers`)."""
    return f"{WORK_PREFIX}{os.getpid()}-"


def archive_tmp(db: Path, final: Path) -> Path:
    """Where an archive file is written before it is renamed to ``final``."""
    return final.with_name(f"{final.name}.{os.getpid()}@{db.name}.tmp")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def leftovers(db: Path) -> list[Path]:
    """What failed, refused or killed writes left behind for this database.

    Temporary data and meta files and their logs, data and meta files never published,
    temporary links, archive files on their way (``archive/*.tmp``) of this database or of a
    dead process, archive files that no version of any database in the folder names, and the
    temporary work folders of dead processes. Empty when all is clean; the writer removes
    each of these (holding the lock) before it starts.
    """
    return _stale_files(db) + _unversioned_archives(db, None)


def _stale_files(db: Path) -> list[Path]:
    """The leftovers that are not archive files (see :func:`leftovers`)."""
    found: list[Path] = []
    gen_dir = _generations_dir(db)
    if gen_dir.is_dir():
        found += sorted(p for p in gen_dir.iterdir() if ".tmp" in p.name)
        with contextlib.suppress(StoreError):
            current = current_generation(db)
            if current is not None and current.parent == gen_dir:
                newest = _number(current) or 0
                found += sorted(p for p in gen_dir.iterdir() if (_number(p) or 0) > newest)
    if db.parent.is_dir():
        found += sorted(db.parent.glob(f".{db.name}.link-*"))
    folder = archive_dir(db)
    if folder.is_dir():
        for p in sorted(folder.glob("*.tmp")):
            match = _ARCHIVE_TMP.fullmatch(p.name)
            if match and (match["db"] == db.name or not _alive(int(match["pid"]))):
                found.append(p)
    with contextlib.suppress(OSError), os.scandir(tempfile.gettempdir()) as entries:
        for entry in entries:
            match = _WORK_DIR.fullmatch(entry.name)
            if match and entry.is_dir(follow_symlinks=False) and not _alive(int(match[1])):
                found.append(Path(entry.path))
    return found


def _archive_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The SHA-256 of every archived file a database's versions name."""
    if schema_version(con) is None:
        return set()
    return {str(r[0]) for r in run(con, "archive_names").fetchall()}


def _unversioned_archives(db: Path, names: set[str] | None) -> list[Path]:
    """Archive files that no version names, of any database in the folder.

    ``names``: what this database's versions name, when the caller has read them. The archive
    folder is shared by the databases beside each other: when one of them cannot be read or
    another's writer is at work, nothing is called unversioned.
    """
    folder = archive_dir(db)
    if not folder.is_dir():
        return []
    others = [p for p in db.parent.glob("*.duckdb") if p != db]
    if names is None:
        others.append(db)
    named = set(names or ())
    files = [p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".tmp")]
    candidates = sorted(p for p in files if p.name.split(".")[0] not in named)
    if not candidates:
        return []
    for other in others:
        if other != db and _lock_held(other):
            return []
        try:
            generation = current_generation(other)
            if generation is None:
                continue
            # A short-lived connection: a long-lived one (the app's) must not keep another
            # program's database open.
            with open_generation(generation) as con:
                named |= _archive_names(con)
        except (StoreError, duckdb.Error, OSError):
            return []
    return [p for p in candidates if p.name.split(".")[0] not in named]


def _remove(paths: list[Path]) -> None:
    for leftover in paths:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                leftover.unlink()


def _housekeep(db: Path) -> None:
    """Remove what :func:`leftovers` lists. Call only while holding the writer lock."""
    _remove(leftovers(db))


# --------------------------------------------------------------------------- the writer


def storage_error(
    exc: OSError | duckdb.Error | StoreError, db: Path, *, work: bool = False
) -> StoreError:
    """A failed read or write of the database's files, as a message the user can act on.

    ``work``: it failed while reading the file in the temporary work folder (before the
    database was touched), so a full or unwritable disk is the temporary folder's.
    """
    if isinstance(exc, StoreError):
        return exc
    temp = Path(tempfile.gettempdir())
    space = (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS)
    if work and (getattr(exc, "errno", None) in space or "No space left" in str(exc)):
        return StoreError(code="temp_full", folder=temp)
    if isinstance(exc, duckdb.Error):
        text = str(exc)
        if "No space left" in text or "Disk is full" in text:
            if str(temp) in text and not db.is_relative_to(temp):
                return StoreError(code="temp_full", folder=temp)
            return StoreError(code="disk_full", folder=db.parent)
        if "Permission denied" in text or "Read-only file system" in text:
            return StoreError(code="not_writable", folder=db.parent)
        return StoreError(code="storage_failed", path=db, error=" ".join(text.split())[:300])
    where = Path(exc.filename) if isinstance(exc.filename, str) else db
    in_temp = where.is_relative_to(temp) and not db.is_relative_to(temp)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        if in_temp:
            return StoreError(code="temp_full", folder=temp)
        return StoreError(code="disk_full", folder=db.parent)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(code="not_writable", folder=where if where.is_dir() else where.parent)
    if exc.errno == errno.ELOOP:
        return StoreError(code="symlink_loop", path=where)
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return StoreError(code="is_a_directory", path=where)
    return StoreError(code="storage_failed", path=where, error=exc.strerror or str(exc))


@contextlib.contextmanager
def _storage_errors(db: Path) -> Iterator[None]:
    """Turn a failed file operation or DuckDB I/O into a :class:`StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except (OSError, duckdb.IOException) as exc:
        raise storage_error(exc, db) from exc


@contextlib.contextmanager
def writer(
    path: Path | None = None, timeout: float = LOCK_TIMEOUT_S, *, data: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The single writer: a read-write connection on private copies, published on success.

    The connection has the new generation's data file attached as ``data`` and its meta file
    as ``meta``; unqualified names resolve in data, then meta. ``data=False`` is a small
    write (a setting, a decision, a mapping): only the meta file is copied and changed, the
    data file is attached read-only (a write to it fails loudly) and published as a hard link
    to the current one, so the cost does not grow with the data. A small write to a database
    that needs a migration copies the data file too.

    A small write's body runs in one transaction; a full write's runs statement by statement
    (DuckDB lets one transaction write to one attached file only). Either way any exception
    discards the private copies: the published database stays exactly as it was, because
    nothing is published before the body has finished. Before it starts, and after a
    failure, the writer removes what earlier failed or killed writes left
    (:func:`leftovers`). A file it cannot use or write raises :class:`StoreError` naming the
    path and what to do.
    """
    db = path or default_db()
    gen_dir = _generations_dir(db)
    # A path that cannot be a database, or holds another one, fails before anything is made.
    source = current_generation(db)
    if source is not None and source.parent.name != gen_dir.name:
        _check_ours(source)  # a plain file given as the database
    with _storage_errors(db), _exclusive_lock(db, timeout):
        source = current_generation(db)
        lost = None if source is None else _lost_meta(db, source)
        if lost is not None:
            raise lost
        _remove(_stale_files(db))
        gen_dir.mkdir(parents=True, exist_ok=True)
        target = _next_generation(gen_dir)
        tmp = target.with_suffix(".tmp")
        meta_tmp = target.with_name(f"{target.stem}.meta.tmp")
        try:
            con, small = _open_private(source, tmp, meta_tmp, small=not data)
            try:
                _remove(_unversioned_archives(db, _archive_names(con)))
                if not small:  # a small write's schema is today's (_open_private checked)
                    migrate(con)
                if small:
                    con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    if small:
                        with contextlib.suppress(duckdb.Error):
                            con.execute("ROLLBACK")
                    raise
                if small:
                    con.execute("COMMIT")
                else:
                    con.execute("CHECKPOINT data")
                con.execute("CHECKPOINT meta")
            finally:
                _release(con, shared=small)
            _publishable(source, tmp, meta_tmp, target, small=small)
        except BaseException:
            _housekeep(db)  # the temporary files, their logs, an archive file with no version
            raise
        _publish(db, target)
        _prune(db, target)


def _open_private(
    source: Path | None, tmp: Path, meta_tmp: Path, *, small: bool
) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """The writer's connection on its private copies; and whether the write stays small.

    A small write copies only the meta file and attaches the current data file read-only;
    a generation of one file (an older release's layout) or a schema that needs migrating
    makes it a full write, which copies the data file too. A new database starts empty.
    """
    paired = source is not None and meta_file(source).exists()
    if source is not None and paired:
        shutil.copyfile(meta_file(source), meta_tmp)
    if small and source is not None and paired:
        con = _connect(source, meta_tmp, writable=(False, True), on=_small_instance())
        # The version and fingerprint of today's DDL: the writer would change no definition.
        # (Columns or tables removed by hand are for the next full write to put back.)
        try:
            state = run(con, "schema_state").fetchone()
        except BaseException:
            _release(con, shared=True)
            raise
        if state == (SCHEMA_VERSION, _fingerprint()):
            return con, True
        _release(con, shared=True)
    if source is not None:
        shutil.copyfile(source, tmp)
    return _connect(tmp, meta_tmp, writable=(True, True)), False


def _publishable(
    source: Path | None, tmp: Path, meta_tmp: Path, target: Path, *, small: bool
) -> None:
    """Make the private copies the (not yet published) generation ``target``, durably.

    A small write's data file is a hard link to the current one: both are immutable, so
    sharing the file costs nothing (a file system without hard links gets a copy).
    """
    for file in (meta_tmp,) if small else (tmp, meta_tmp):
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())
    if small:
        assert source is not None
        try:
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copyfile(source, target)
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())
    else:
        os.replace(tmp, target)
    os.replace(meta_tmp, meta_file(target))
    _fsync_dir(target.parent)


def _check_ours(source: Path) -> None:
    """Refuse to write over a file that is not a What works database."""
    try:
        with _cursor(source) as cur:
            tables = run(cur, "schema_tables").fetchall()
            found = schema_version(cur)
    except duckdb.Error as exc:
        raise _open_error(source, exc) from exc
    if found is None and tables:
        raise StoreError(code="not_our_database", path=source)


def ensure_database(path: Path | None = None) -> None:
    """Create an empty database with the schema if there is none."""
    db = path or default_db()
    if current_generation(db) is None:
        with writer(db):
            pass


# --------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class NewVersion:
    """What a writer records about one change."""

    kind: str
    action: str
    source_file: str | None = None
    sha256: str | None = None
    rows_read: int = 0
    inserted: int = 0
    replaced: int = 0
    mapping: Mapping[str, str] | None = None
    options: Mapping[str, Any] | None = None
    restored_from: int | None = None
    loaded_by: str | None = None


def current_user() -> str:
    """Who is loading: WHATWORKS_USER, else the operating-system account."""
    with contextlib.suppress(Exception):
        return os.environ.get("WHATWORKS_USER") or getpass.getuser()
    return "unknown"


def next_version_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(version_id), 0) + 1 FROM load_versions").fetchone()
    return int(row[0]) if row else 1


def record_version(con: duckdb.DuckDBPyConnection, version_id: int, new: NewVersion) -> None:
    run(
        con,
        "insert_version",
        {
            "version_id": version_id,
            "kind": new.kind,
            "action": new.action,
            "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),  # stored as UTC
            "loaded_by": new.loaded_by or current_user(),
            "source_file": new.source_file,
            "sha256": new.sha256,
            "rows_read": new.rows_read,
            "inserted": new.inserted,
            "replaced": new.replaced,
            "mapping": json.dumps(dict(new.mapping or {}), ensure_ascii=False),
            "options": json.dumps(dict(new.options or {}), ensure_ascii=False, default=str),
            "restored_from": new.restored_from,
        },
    )


def latest_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest version id (0 for an empty database)."""
    row = con.execute("SELECT coalesce(max(version_id), 0) FROM load_versions").fetchone()
    return int(row[0]) if row else 0


def versions(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """All versions, newest first."""
    out = rows_as_dicts(run(con, "versions"))
    for row in out:
        row["mapping"] = json.loads(row["mapping"] or "{}")
        row["options"] = json.loads(row["options"] or "{}")
    return out


def restore(path: Path | None, version_id: int, loaded_by: str | None = None) -> int:
    """Bring every table back to its state after ``version_id``; returns the new version."""
    with writer(path) as con:
        if version_id < 1 or version_id > latest_version(con):
            msg = f"there is no version {version_id}"
            raise StoreError(msg)
        new_id = next_version_id(con)
        closed = inserted = 0
        for kind in ROW_TABLES:
            ids = data_identifiers(kind)
            params = {"v": version_id, "n": new_id}
            closed += _scalar(run(con, "restore_count_close", params, ids))
            run(con, "restore_close", params, ids)
            inserted += _scalar(run(con, "restore_count_reopen", params, ids))
            run(con, "restore_reopen", params, ids)
        record_version(
            con,
            new_id,
            NewVersion(
                kind="all",
                action="restore",
                inserted=inserted,
                replaced=closed,
                restored_from=version_id,
                loaded_by=loaded_by,
            ),
        )
        return new_id


def _scalar(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


# --------------------------------------------------------------------------- settings


def settings(con: duckdb.DuckDBPyConnection, version: int | None = None) -> dict[str, str]:
    """The saved settings in force after ``version`` (the newest when None), as stored text.

    Only the settings that were ever saved are present; :func:`settings_at` gives all of them,
    validated, with defaults for the rest.
    """
    v = latest_version(con) if version is None else version
    return {str(k): str(val) for k, val in run(con, "settings", {"version": v}).fetchall()}


def settings_at(con: duckdb.DuckDBPyConnection, version: int | None = None) -> Settings:
    """The validated settings in force after ``version`` (the newest when None)."""
    return Settings.from_store(settings(con, version))


def save_settings(
    path: Path | None, values: Mapping[str, object], loaded_by: str | None = None
) -> int | None:
    """Validate and save some settings; returns the version they apply from (None: unchanged).

    Every value is checked by :class:`whatworks.settings.Settings` first: an unknown name or a
    wrong value raises :class:`StoreError` naming them, and nothing is written. Saved into a
    database that holds data, the change is a dataset version of its own (kind and action
    ``settings``), so a figure pinned to an earlier version keeps the settings it was made
    with. Saved before any data is loaded, the values apply from version 0.
    """
    try:
        checked = Settings.checked(values)
    except SettingsError as exc:
        raise StoreError(str(exc)) from None
    stored = checked.to_store()
    texts = {name: stored[name] for name in values}
    with writer(path, data=False) as con:
        latest = latest_version(con)
        saved = settings(con, latest)
        changed = {k: v for k, v in texts.items() if saved.get(k) != v}
        if not changed:
            return None
        version = next_version_id(con) if latest > 0 else 0
        for key, value in changed.items():
            run(con, "settings_close", {"key": key, "version": version})
            run(con, "settings_insert", {"key": key, "value": value, "version": version})
        if version > 0:
            record_version(
                con,
                version,
                NewVersion(
                    kind="settings", action="settings", options=changed, loaded_by=loaded_by
                ),
            )
        return version


# --------------------------------------------------------------------------- schema migrations


def _versioned_settings(con: duckdb.DuckDBPyConnection) -> None:
    run(con, "migration_001_settings_versioned")


def _schema_fingerprint(con: duckdb.DuckDBPyConnection) -> None:
    run(con, "migration_002_schema_fingerprint")


def _meta_file(con: duckdb.DuckDBPyConnection) -> None:
    """Move the small tables into the meta file (the writer attaches an empty one)."""
    con.execute(meta_schema_sql())  # in data: every small table is there to be moved
    run(con, "use_meta")
    con.execute(meta_schema_sql())
    _use_generation(con, paired=True)
    run(con, "migration_003_meta_file")


# Numbered migrations: MIGRATIONS[n - 1] brings a database from schema version n - 1 to n.
# Version 0 is the schema of release 18514d1 and before (no schema_info table). Contract
# columns added to models.py need no migration: migrate() adds missing ones itself.
MIGRATIONS: tuple[Callable[[duckdb.DuckDBPyConnection], None], ...] = (
    _versioned_settings,
    _schema_fingerprint,
    _meta_file,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of a database (0: an older release's; None: an empty file)."""
    tables = {str(r[0]) for r in run(con, "schema_tables").fetchall()}
    if "load_versions" not in tables:
        return None
    if "schema_info" not in tables:
        return 0
    row = run(con, "schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database (or an empty pair of files) to today's schema, in place.

    ``con`` is a writer's connection (both files attached read-write, see :func:`writer`).
    Runs the numbered migrations the database has not had, adds the contract columns its
    row tables lack (as NULL for the rows already there), then creates what is missing and
    replaces every view and macro (:func:`schema_sql`): the small tables' in the meta file,
    the rest in the data file. A database already at today's schema (:func:`schema_current`)
    is left as it is.
    """
    found = schema_version(con)
    if found is not None and found > SCHEMA_VERSION:
        msg = (
            f"the database has schema version {found}, newer than this program's "
            f"{SCHEMA_VERSION}: update What works"
        )
        raise StoreError(msg)
    if schema_current(con):
        return
    for number in range((SCHEMA_VERSION if found is None else found) + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[number - 1](con)
    for table, name, sql_type in _missing_columns(con):
        run(
            con,
            "schema_add_column",
            identifiers={"table": table, "columns": ident(name), "type": sql_type},
        )
    run(con, "use_meta")
    con.execute(meta_schema_sql())
    _use_generation(con, paired=True)
    con.execute(data_schema_sql())
    version = {"schema_version": SCHEMA_VERSION, "fingerprint": _fingerprint()}
    run(con, "schema_version_set", version)


def _fingerprint() -> str:
    return hashlib.sha256(schema_sql().encode()).hexdigest()[:32]


def schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a database has today's schema: version, fingerprint, tables and columns.

    A writer then changes no table definition, view or macro, so a small write need not
    copy the data file.
    """
    if schema_version(con) != SCHEMA_VERSION:
        return False
    if _scalar_text(run(con, "schema_fingerprint")) != _fingerprint():
        return False
    if not set(_CREATED_TABLE.findall(schema_sql())) <= _table_names(con):
        return False
    return not _missing_columns(con)


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(r[0]) for r in run(con, "schema_tables").fetchall()}


_CREATED_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS ([a-z_]+)")


def _scalar_text(result: duckdb.DuckDBPyConnection) -> str | None:
    row = result.fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, SQL type) of each column models.py declares that a row table lacks."""
    missing: list[tuple[str, str, str]] = []
    for kind, table in ROW_TABLES.items():
        present = {str(r[0]) for r in run(con, "schema_columns", {"table_name": table}).fetchall()}
        if not present:
            continue  # a new database: schema_sql() creates the table
        missing += [(table, n, t) for n, t in data_columns(kind) if n not in present]
    return missing


def replace_database(path: Path | None, source: Path) -> None:
    """Publish a complete database (e.g. a freshly built demo) as the current data.

    ``source`` is a generation (its meta file beside it is published with it) or a database
    of one file, which the next writer or reader migrates.
    """
    db = path or default_db()
    with _storage_errors(db), _exclusive_lock(db, LOCK_TIMEOUT_S):
        _housekeep(db)
        gen_dir = _generations_dir(db)
        gen_dir.mkdir(parents=True, exist_ok=True)
        target = _next_generation(gen_dir)
        finals = dict(zip(generation_files(source), (target, meta_file(target)), strict=False))
        try:
            for file, final in finals.items():
                tmp = final.with_name(final.name.removesuffix(".duckdb") + ".tmp")
                shutil.copyfile(file, tmp)
                with open(tmp, "rb") as handle:
                    os.fsync(handle.fileno())
                os.replace(tmp, final)
            _fsync_dir(gen_dir)
        except BaseException:
            _housekeep(db)
            raise
        _publish(db, target)
        _prune(db, target)
