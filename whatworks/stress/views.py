"""Every view rendered on a database the hostile corpus has been loaded into (AppTest).

Run as ``python -m whatworks.stress.views DB...`` by the stress run: in a process of its own,
so the app's shared readers never meet the stress run's own connections to the same files.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from whatworks.ui import PAGES, ROOT


def view_errors(db: Path, timeout: float = 120.0) -> list[str]:
    """Every exception any view raises on ``db`` (empty: every view rendered)."""
    found: list[str] = []
    before = os.environ.get("WHATWORKS_DB")
    os.environ["WHATWORKS_DB"] = str(db)
    try:
        for spec in PAGES:
            at = AppTest.from_file(str(Path(ROOT) / spec.path), default_timeout=timeout)
            try:
                at.run()
            except RuntimeError as exc:  # the script did not finish in time
                found.append(f"{spec.path}: {exc}")
                continue
            found += [f"{spec.path}: {e.message}" for e in at.exception]
    finally:
        if before is None:
            os.environ.pop("WHATWORKS_DB", None)
        else:
            os.environ["WHATWORKS_DB"] = before
    return found


if __name__ == "__main__":
    print(json.dumps([e for db in sys.argv[1:] for e in view_errors(Path(db))]))
