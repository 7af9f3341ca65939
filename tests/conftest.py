"""Settings shared by the whole suite: Hypothesis profiles.

Two profiles, chosen with ``HYPOTHESIS_PROFILE`` (default ``seeded``):

- ``seeded``: every run generates the same examples (``derandomize``), so a failure seen once
  fails again on the next run and on any other machine; the failure also prints a
  ``@reproduce_failure`` blob. Hypothesis keeps no example database with a fixed seed
  (``derandomize=True`` implies ``database=None``): the seed itself is the replay.
- ``explore``: random examples, more of them, and an example database in
  ``.hypothesis/examples`` (git-ignored), so a failure found while exploring is saved and tried
  first on the next ``HYPOTHESIS_PROFILE=explore`` run until it is fixed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / ".hypothesis" / "examples"

settings.register_profile(
    "seeded",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    max_examples=500,
    deadline=None,
    print_blob=True,
    database=DirectoryBasedExampleDatabase(EXAMPLES),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "seeded"))


@pytest.fixture(autouse=True)
def _loads_leave_the_test_process_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """``whatworks load`` gives way to viewers by lowering its process's CPU priority and
    leaving a core to others (``cli.give_way_to_viewers``); a test runs the command in its own
    process (CliRunner), which would stay so for every later test of that worker."""
    from whatworks import cli

    monkeypatch.setattr(cli, "give_way_to_viewers", lambda: None)
