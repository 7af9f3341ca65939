"""The decision log: append-only, versioned, with the evidence of its data version."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from whatworks import decisions, store
from whatworks.decisions import Decision, DecisionError
from whatworks.i18n import t

START = dt.date(2024, 1, 1)
DAY = dt.date(2026, 3, 12)


def _insert(con: Any, table: str, version: int, rows: list[dict[str, Any]]) -> None:
    for record in rows:
        names = [*record, "valid_from"]
        columns = ", ".join(store.ident(n) for n in names)
        marks = ", ".join("?" * len(names))
        sql = f"insert into {table} ({columns}) values ({marks})"
        con.execute(sql, [*record.values(), version])


def _score(iid: str, year: int, value: float, low: float, high: float) -> dict[str, Any]:
    """A value against a comparison group of exactly 10 (a full register: zero-width interval)."""
    return {
        "indicator": "score",
        "period": str(year),
        "period_start": dt.date(year, 1, 1),
        "period_end": dt.date(year, 12, 31),
        "value": value,
        "intervention_id": iid,
        "comparison": 10.0,
        "comparison_ci_low": 10.0,
        "comparison_ci_high": 10.0,
        "ci_low": low,
        "ci_high": high,
    }


@pytest.fixture
def town(tmp_path: Path) -> Path:
    """Randomised (strength 5, 4 with one period after the start), against a comparison group of
    10. v1: A works (+2, 1..3), B harmful (-5), C not measured. v2: A's 2026 value of 4 makes
    it harmful: the mean gap of 2025 and 2026 is (2 - 6) / 2 = -2."""
    path = tmp_path / "t.duckdb"
    store.save_settings(path, {"home_municipality": "Town", "default_currency": "EUR"})
    with store.writer(path) as con:
        store.record_version(con, 1, store.NewVersion(kind="all", action="load"))
        _insert(
            con,
            "programme_rows",
            1,
            [
                {"intervention_id": iid, "name": f"Name {iid}", "programme": "P", "stage": stage}
                | (
                    {"indicator": "score", "start_date": START, "design": "randomised"}
                    if iid != "C"
                    else {}
                )
                for iid, stage in (("A", "pilot"), ("B", "standard"), ("C", "standard"))
            ],
        )
        _insert(con, "indicator_rows", 1, [{"indicator": "score", "higher_is_better": True}])
        _insert(con, "outcome_rows", 1, [_score("A", 2025, 12, 11, 13), _score("B", 2025, 5, 4, 6)])
    with store.writer(path) as con:
        store.record_version(con, 2, store.NewVersion(kind="outcomes", action="load"))
        _insert(con, "outcome_rows", 2, [_score("A", 2026, 4, 3.5, 4.5)])
    return path


def record(path: Path, iid: str, choice: str, **extra: Any) -> Decision:
    values: dict[str, Any] = {
        "reason": "Agreed in the council committee.",
        "who": "analyst@town.example",
        "view": "portfolio",
        "data_version": 1,
        "decided_on": DAY,
    } | extra
    return decisions.record(path, intervention_id=iid, decision=choice, **values)


def latest(path: Path) -> int:
    with store.reader(path) as con:
        return store.latest_version(con)


def log(path: Path, **kwargs: Any) -> list[Decision]:
    with store.reader(path) as con:
        return decisions.list_decisions(con, **kwargs)


def test_a_decision_is_recorded_as_a_new_dataset_version(town: Path) -> None:
    d = record(town, "A", "scale_up")
    assert (d.decision_id, d.version_id, d.intervention_id, d.name) == (1, 3, "A", "Name A")
    assert (d.decision, d.decided_on, d.decided_by) == ("scale_up", DAY, "analyst@town.example")
    assert (d.view_name, d.data_version, d.municipality) == ("portfolio", 1, "Town")
    # The evidence of data version 1: +2 on "score" against a comparison of 10, interval 1..3.
    assert (d.effect_class, d.method, d.effect, d.effect_low, d.effect_high) == (
        "works",
        "randomised",
        2.0,
        1.0,
        3.0,
    )
    assert (d.indicator, d.supersedes, d.superseded_by) == ("score", None, None)
    with store.reader(town) as con:
        newest = store.versions(con)[0]
        budget_rows = con.execute("select count(*) from budget_rows").fetchone()
    assert newest["version_id"] == 3
    assert (newest["kind"], newest["action"], newest["loaded_by"]) == (
        "decisions",
        "decision",
        "analyst@town.example",
    )
    assert newest["inserted"] == 1
    assert newest["options"] == {
        "decision_id": 1,
        "intervention_id": "A",
        "decision": "scale_up",
        "data_version": 1,
        "supersedes": None,
    }
    assert budget_rows == (0,)  # a decision changes no data


def test_the_evidence_kept_is_that_of_the_data_version_shown(town: Path) -> None:
    at_v1 = record(town, "A", "continue", data_version=1)
    at_v2 = record(town, "A", "continue", data_version=2)
    assert at_v1.effect_class == "works"
    assert (at_v2.effect_class, at_v2.effect) == ("harmful", -2.0)  # (2 + (4 - 10)) / 2


def test_the_log_is_append_only_and_a_correction_supersedes(town: Path) -> None:
    first = record(town, "B", "scale_up")
    with store.reader(town) as con:
        row_before = con.execute("select * from decisions where decision_id = 1").fetchall()
    second = record(town, "B", "stop", supersedes=first.decision_id, reason="Correction.")
    with store.reader(town) as con:
        row_after = con.execute("select * from decisions where decision_id = 1").fetchall()
        rows = con.execute("select count(*) from decisions").fetchone()
    assert row_after == row_before  # never edited in place
    assert rows == (2,)
    now = log(town)
    assert [(d.decision_id, d.supersedes, d.superseded_by, d.current) for d in now] == [
        (2, 1, None, True),
        (1, None, 2, False),
    ]
    # As of the version that recorded the first, the correction did not exist yet.
    then = log(town, version=first.version_id)
    assert [(d.decision_id, d.superseded_by) for d in then] == [(1, None)]
    assert second.version_id == first.version_id + 1


@pytest.mark.parametrize(
    ("supersedes", "iid", "code"),
    [
        (1, "B", "already_corrected"),  # 1 was corrected by 2: correct 2 instead
        (2, "A", "other_intervention"),
        (99, "B", "no_such_decision"),
    ],
)
def test_a_correction_must_name_a_current_decision_on_the_same_intervention(
    town: Path, supersedes: int, iid: str, code: str
) -> None:
    record(town, "B", "scale_up")
    record(town, "B", "stop", supersedes=1)
    before = latest(town)
    with pytest.raises(DecisionError) as caught:
        record(town, iid, "adjust", supersedes=supersedes)
    assert caught.value.code == code
    assert latest(town) == before
    assert len(log(town)) == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"choice": "pause"}, "invalid"),
        ({"reason": "   "}, "invalid"),
        ({"who": ""}, "invalid"),
        ({"iid": "NOPE"}, "unknown_intervention"),
        ({"data_version": 99}, "no_version"),
    ],
)
def test_an_invalid_decision_writes_nothing(town: Path, changes: dict[str, Any], code: str) -> None:
    before = latest(town)
    iid = changes.pop("iid", "A")
    choice = changes.pop("choice", "continue")
    with pytest.raises(DecisionError) as caught:
        record(town, iid, choice, **changes)
    assert caught.value.code == code
    assert latest(town) == before
    assert log(town) == []


def test_only_an_analyst_records_a_decision(town: Path) -> None:
    with pytest.raises(DecisionError) as caught:
        record(town, "A", "continue", analyst=False)
    assert caught.value.code == "not_allowed"
    assert latest(town) == 2


def test_decisions_are_listed_per_intervention(town: Path) -> None:
    record(town, "A", "continue")
    record(town, "B", "stop")
    record(town, "A", "adjust")
    assert [d.decision_id for d in log(town, intervention_id="A")] == [3, 1]
    assert [d.decision_id for d in log(town, intervention_id="C")] == []


def decision(choice: str, effect_class: str, **extra: Any) -> Decision:
    values: dict[str, Any] = {
        "decision_id": 1,
        "version_id": 2,
        "intervention_id": "A",
        "name": "Name A",
        "decision": choice,
        "decided_on": DAY,
        "decided_by": "w",
        "reason": "r",
        "view_name": "portfolio",
        "data_version": 1,
        "municipality": "Town",
        "effect_class": effect_class,
        "method": "none",
        "effect": None,
        "effect_low": None,
        "effect_high": None,
        "indicator": None,
        "unit": None,
        "supersedes": None,
        "superseded_by": None,
        "recorded_at": dt.datetime(2026, 3, 12, 9, 30),
    }
    return Decision(**(values | extra))


# Against the evidence: scaling up what got worse (harmful, or worsened with the cause
# unknown), continuing what is harmful, stopping what works. Scaling up what is inconclusive
# or not measured goes without evidence, not against it.
AGAINST = {
    ("scale_up", "harmful"),
    ("scale_up", "worsened_cause_unknown"),
    ("continue", "harmful"),
    ("stop", "works"),
}
CLASSES = (
    "works",
    "improved_cause_unknown",
    "inconclusive",
    "worsened_cause_unknown",
    "harmful",
    "not_measured",
    "too_early",
)


@pytest.mark.parametrize("effect_class", CLASSES)
@pytest.mark.parametrize("choice", decisions.CHOICES)
def test_which_decisions_go_against_the_evidence(choice: str, effect_class: str) -> None:
    d = decision(choice, effect_class)
    assert d.against_evidence is ((choice, effect_class) in AGAINST)
    assert decisions.against_the_evidence([d]) == ([d] if d.against_evidence else [])


def test_a_corrected_decision_is_no_longer_held_against_anyone(town: Path) -> None:
    record(town, "B", "scale_up")  # harmful: against the evidence
    record(town, "A", "stop")  # works: against the evidence
    record(town, "A", "scale_up")  # works: fine
    record(town, "B", "stop", supersedes=1)
    assert [d.decision_id for d in decisions.against_the_evidence(log(town))] == [2]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_starts_are_neutralised(cell: str, safe: str) -> None:
    assert decisions.neutralise(cell) == safe


def test_the_export_neutralises_every_text_cell(town: Path) -> None:
    record(town, "B", "scale_up", reason='=HYPERLINK("http://x.example")', who="@admin")
    record(town, "A", "stop", reason="-1 + 2", decided_on=dt.date(2026, 4, 1))
    data = decisions.export_csv(log(town), "en")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == [t(f"decision.col.{c}", "en") for c in decisions.EXPORT_COLUMNS]
    by_id = {row[0]: dict(zip(decisions.EXPORT_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_id["1"]["reason"] == '\'=HYPERLINK("http://x.example")'
    assert by_id["1"]["decided_by"] == "'@admin"
    assert by_id["1"]["decision"] == "Scale up"
    assert by_id["1"]["effect_class"] == "Harmful"
    assert by_id["1"]["effect"] == "-5.0"  # a number we wrote: kept a number
    assert by_id["1"]["against_evidence"] == "yes"
    assert by_id["2"]["reason"] == "'-1 + 2"
    assert by_id["2"]["decided_on"] == "2026-04-01"
    assert by_id["2"]["against_evidence"] == "yes"  # stopping what worked
    assert by_id["2"]["supersedes"] == ""
    assert by_id["1"]["strength"] == ""  # not given: empty, never a made-up 0
    nl = decisions.export_csv(log(town), "nl").decode("utf-8-sig").splitlines()
    assert nl[0].split(",")[4] == t("decision.col.decision", "nl")


def test_the_export_gives_the_strength_beside_the_class(town: Path) -> None:
    record(town, "B", "scale_up", reason="why", who="me")
    record(town, "A", "stop", reason="why", who="me")
    data = decisions.export_csv(log(town), "en", {1: 2, 2: 5})
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    columns = list(decisions.EXPORT_COLUMNS)
    assert columns.index("strength") == columns.index("effect_class") + 1
    assert rows[0][columns.index("strength")] == t("decision.col.strength", "en")
    by_id = {row[0]: row[columns.index("strength")] for row in rows[1:]}
    assert by_id == {"1": "2", "2": "5"}


def test_a_database_made_before_the_log_lists_no_decisions(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with store.writer(path) as con:
        con.execute("drop table decisions")  # as a database from before the log existed
    with store.reader(path) as con:
        assert decisions.table_present(con) is False
        assert decisions.list_decisions(con) == []
    with store.writer(path) as con:  # the next write brings the table
        pass
    with store.reader(path) as con:
        assert decisions.table_present(con) is True


def test_recorded_options_are_json(town: Path) -> None:
    record(town, "A", "adjust")
    with store.reader(town) as con:
        raw = con.execute("select options from load_versions where version_id = 3").fetchone()
    assert raw is not None
    assert json.loads(raw[0])["decision"] == "adjust"
