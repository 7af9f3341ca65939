"""The command line run for one file, twice in one process: ``whatworks validate --json`` and
then ``whatworks load`` (``cli.main`` with its arguments, as the console script runs it).

One process per file halves the start-up cost of the stress run. Before each command the child
writes ``step <name>`` to its stderr, so a run that dies by a signal says which command it
was in; at the end it writes one JSON line: each command's exit status and output.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
from typing import Any

from whatworks import cli


def command(args: list[str]) -> dict[str, Any]:
    """``whatworks ARGS``: its exit status and what it wrote (a traceback is status 99)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        sys.argv = ["whatworks", *args]
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except BaseException:  # a traceback is exactly what the stress run counts as a crash
            traceback.print_exc()
            code = 99
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def main() -> None:
    results = []
    stdout, stderr = sys.stdout, sys.stderr  # the real ones: command() redirects its own
    for args in json.loads(sys.stdin.read()):
        stderr.write(f"step {args[0]}\n")
        stderr.flush()
        results.append(command(args))
    stdout.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
