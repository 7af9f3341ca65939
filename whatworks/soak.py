"""The soak test of ``make bench``: many viewers on a real server while loads run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SoakResult:
    """Page times of every viewer, errors, and the versions the loads became."""

    times: list[float]
    errors: list[str]
    viewers_served: int
    viewers: int
    versions: list[int]

    @property
    def p95(self) -> float:
        if not self.times:
            return float("inf")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    def summary(self) -> str:
        return (
            f"{len(self.times)} pages, {self.viewers_served}/{self.viewers} viewers served, "
            f"{len(self.errors)} errors, loads became versions {self.versions}"
        )


def run(db: Path, outcomes: Path) -> SoakResult:
    """Not yet measured: the soak needs a server (see the README's Performance section)."""
    del db, outcomes
    return SoakResult([], ["not run"], 0, 20, [])
