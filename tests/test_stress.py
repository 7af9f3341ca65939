"""The quick part of ``make stress`` (issue 10): a sample of the hostile corpus, one or more of
each class and all four kinds, through ``whatworks validate`` and ``whatworks load`` in
subprocesses. No crash, no hang, nothing written on a rejection, every rejection names the file
(and the row and column where the case has one), no outcome other than the case expects; and
each read limit refuses with its own message."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import Kind
from whatworks.stress import run
from whatworks.stress.corpus import NAMED, corpus, sample
from whatworks.stress.limits import limit_findings

CASES = sample(corpus(scale=0.02), per_group=1)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[run.Outcome]:
    root = tmp_path_factory.mktemp("stress")
    done, _, _ = run.run_cases(CASES, root, workers=2, timeout=60)
    return done


def test_the_sample_holds_every_class_every_kind_and_the_named_cases() -> None:
    whole = corpus(scale=0.02)
    assert len(whole) >= 300
    assert {c.group for c in CASES} == {c.group for c in whole}
    assert {c.kind for c in CASES} == set(Kind)
    assert set(NAMED) <= {c.name for c in CASES}
    assert 40 <= len(CASES) <= 60


def test_no_file_crashes_or_hangs(outcomes: list[run.Outcome]) -> None:
    broken = [
        (o.case, o.validate, o.load, o.findings)
        for o in outcomes
        if {"crash", "hang"} & {o.validate, o.load}
    ]
    assert broken == []


def test_a_rejected_file_writes_nothing(outcomes: list[run.Outcome]) -> None:
    rejected = [o for o in outcomes if o.load == "rejected"]
    assert len(rejected) >= len(outcomes) // 2  # the sample is mostly hostile
    assert [(o.case, o.findings) for o in outcomes if o.writes_on_reject] == []


def test_every_outcome_is_the_one_the_case_expects(outcomes: list[run.Outcome]) -> None:
    # Rejections name the file, and the row and column where the case has them; files that
    # must load load, with their text and numbers kept exactly; nothing loads that must not.
    assert [(o.case, o.findings) for o in outcomes if o.findings] == []


def test_the_valid_files_of_every_kind_load(outcomes: list[run.Outcome]) -> None:
    controls = {o.case: o.load for o in outcomes if o.group == "control"}
    assert controls == {f"{k.value}-valid.csv": "loaded" for k in Kind}


def test_every_read_limit_refuses_with_its_own_message() -> None:
    count, findings = limit_findings()
    assert count == 9
    assert findings == []


def test_leftovers_finds_an_archive_file_no_version_names(tmp_path: Path) -> None:
    db = run.build_base(tmp_path / "db" / "whatworks.duckdb")
    assert run.leftovers(db, tmp_path / "none") == []
    stray = db.parent / "archive" / ("0" * 64 + ".csv")
    stray.write_bytes(b"x")
    partial = db.parent / "archive" / ("1" * 64 + ".csv.123.tmp")
    partial.write_bytes(b"x")
    work = tmp_path / "tmp" / "whatworks-abc"
    work.mkdir(parents=True)
    assert run.leftovers(db, tmp_path / "tmp") == [stray, partial, work]
