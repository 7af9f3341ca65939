"""What several figures read alike, computed once per data file that never changes.

A view of one year reads every intervention's effect within its scope (version,
municipality, settings): the same effects for every year, and for every view of that scope.
Analytics takes a cursor and cannot know whether the file behind it may change; the caller
can. ``whatworks.ui`` reads an immutable generation file and runs each read inside
:func:`immutable_file`; within it :func:`scope_effects` keeps each scope's effects for the
next read of the same file (keyed on its path, inode and modification time), and threads
asking for the same effects at once wait for one computation. Outside it (the command line,
a writer's connection, tests) every call computes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Final

import duckdb

from whatworks.analytics.effects import Effect, effects_in_scope
from whatworks.analytics.scope import Scope

KEEP: Final = 16  # scopes kept (versions x municipalities): about 2 MB each at 300 interventions

FileKey = tuple[str, int, int]
_file: ContextVar[FileKey | None] = ContextVar("whatworks_immutable_file", default=None)
_lock = threading.Lock()
_kept: OrderedDict[tuple[FileKey, Scope], tuple[Effect, ...]] = OrderedDict()
_computing: dict[tuple[FileKey, Scope], threading.Lock] = {}


@contextlib.contextmanager
def immutable_file(path: Path) -> Iterator[None]:
    """Within: the reads are of ``path``, a file nobody writes any more."""
    info = os.stat(path)
    token = _file.set((str(path), info.st_ino, info.st_mtime_ns))
    try:
        yield
    finally:
        _file.reset(token)


def scope_effects(con: duckdb.DuckDBPyConnection, scope: Scope) -> tuple[Effect, ...]:
    """``effects_in_scope(con, scope)``, computed once per immutable file and scope."""
    file = _file.get()
    if file is None:
        return tuple(effects_in_scope(con, scope))
    key = (file, scope)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
        computing = _computing.setdefault(key, threading.Lock())
    with computing:
        with _lock:
            found = _kept.get(key)
        if found is None:
            found = tuple(effects_in_scope(con, scope))
            with _lock:
                _kept[key] = found
                while len(_kept) > KEEP:
                    _kept.popitem(last=False)
                _computing.pop(key, None)
    return found


def forget() -> None:
    """Drop every kept result (tests)."""
    with _lock:
        _kept.clear()
        _computing.clear()
