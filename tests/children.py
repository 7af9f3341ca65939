"""Child Python processes in tests: the environment they import this project with, and a
reader that reads a database over and over while the test changes it."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

_WATCH = """
import json, sys, time
from pathlib import Path
from whatworks import store

{read}

db, out, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
seen, errors = [], []
deadline = time.monotonic() + 120  # reads until told to stop (a busy machine is slow)
while time.monotonic() < deadline and not stop.exists():
    try:
        with store.reader(db) as con:
            seen.append(read(con))
    except Exception as exc:  # every failure is a finding
        errors.append(repr(exc))
out.write_text(json.dumps({{"seen": seen, "errors": errors}}))
"""


def env(**extra: str) -> dict[str, str]:
    """This process's environment, with this project importable (and ``extra`` on top)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


@contextlib.contextmanager
def watching(db: Path, folder: Path, read: str) -> Iterator[dict[str, Any]]:
    """Within: another process reads ``db`` over and over with ``read`` (the source of a
    function ``read(con)`` returning what one read saw). After the block the dict holds
    ``seen`` (every read's result, in order) and ``errors`` (every failure)."""
    out, stop = folder / "seen.json", folder / "stop"
    script = _WATCH.format(read=textwrap.dedent(read).strip())
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(out), str(stop)], env=env(), cwd=ROOT
    )
    result: dict[str, Any] = {}
    try:
        yield result
    finally:
        stop.touch()
        child.wait(timeout=60)
    result.update(json.loads(out.read_text()))
