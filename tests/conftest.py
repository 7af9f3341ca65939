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
