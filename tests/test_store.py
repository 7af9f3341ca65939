"""The store: every version stays queryable, any version can be restored, nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import builders
import pytest

from whatworks import ingest, store

HOME = "Eemsdal"
KINDS = ("budget", "programmes", "outcomes", "indicators")
REGISTER = "interventie;naam;programma;fase\n"
OUTCOMES = "indicator;periode;waarde\n"
BUDGET = "jaar;programma;begroot\n"

# Seven loads; each later one replaces part of an earlier one.
HISTORY: list[tuple[str, str]] = [
    ("budget", BUDGET + "2024;Jeugd;100\n2024;Wmo;200\n2025;Jeugd;110\n"),  # v1
    ("programmes", REGISTER + "JZ-01;Coaching;Jeugd;pilot\nJZ-02;Sport;Jeugd;pilot\n"),  # v2
    ("outcomes", OUTCOMES + "schooluitval;2024;2,4\nschooluitval;2025;2,1\n"),  # v3
    ("indicators", "indicator;eenheid\nschooluitval;%\n"),  # v4
    ("budget", BUDGET + "2024;Jeugd;120\n"),  # v5: replaces the two 2024 rows
    ("programmes", REGISTER + "JZ-02;Sport;Jeugd;opschaling\nJZ-03;Huiswerk;Jeugd;idee\n"),  # v6
    ("outcomes", OUTCOMES + "schooluitval;2025;1,9\n"),  # v7: replaces 2025
]

State = dict[str, list[tuple[Any, ...]]]


def _state(db: Path, version: int | None = None) -> State:
    """Every row of the four views (or of their ``*_at(version)`` macros), sorted."""
    out = {}
    with store.reader(db) as con:
        for kind in KINDS:
            source = kind if version is None else f"{kind}_at({int(version)})"
            out[kind] = con.execute(f"SELECT * FROM {source} ORDER BY ALL").fetchall()
    return out


def _latest(db: Path) -> int:
    with store.reader(db) as con:
        return store.latest_version(con)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, State]]:
    """A database after the seven loads, and the state read from the views after each."""
    db = builders.new_database(tmp_path_factory.mktemp("history") / "data" / "whatworks.duckdb")
    snapshots: dict[int, State] = {}
    for number, (kind, text) in enumerate(HISTORY, start=1):
        assert builders.load(db, kind, text, f"v{number}.csv").version == number
        snapshots[number] = _state(db)
    return db, snapshots


@pytest.fixture
def copy(history: tuple[Path, dict[int, State]], tmp_path: Path) -> tuple[Path, dict[int, State]]:
    """A private copy of the history database (generations, link and archive)."""
    db, snapshots = history
    target = tmp_path / "data"
    shutil.copytree(db.parent, target, symlinks=True)
    return target / db.name, snapshots


def test_history_is_what_the_loads_say(history: tuple[Path, dict[int, State]]) -> None:
    db, snapshots = history
    with store.reader(db) as con:
        got = [
            (v["version_id"], v["kind"], v["inserted"], v["replaced"]) for v in store.versions(con)
        ]
    assert got == [
        (7, "outcomes", 1, 1),
        (6, "programmes", 2, 1),
        (5, "budget", 1, 2),
        (4, "indicators", 1, 0),
        (3, "outcomes", 2, 0),
        (2, "programmes", 2, 0),
        (1, "budget", 3, 0),
    ]
    budget = [(r[0], r[1], r[3]) for r in snapshots[7]["budget"]]
    assert budget == [(2024, "Jeugd", 120), (2025, "Jeugd", 110)]


@pytest.mark.parametrize("version", range(1, len(HISTORY) + 1))
def test_at_macros_return_every_earlier_state(
    history: tuple[Path, dict[int, State]], version: int
) -> None:
    db, snapshots = history
    assert _state(db, version) == snapshots[version]


# (inserted, replaced) a restore records: rows brought back, rows closed.
RESTORE_COUNTS = {1: (2, 7), 4: (4, 4), 6: (1, 1)}


@pytest.mark.parametrize("target", sorted(RESTORE_COUNTS))
def test_restore_brings_every_table_back(copy: tuple[Path, dict[int, State]], target: int) -> None:
    db, snapshots = copy
    new = store.restore(db, target, loaded_by="beheerder")
    assert new == len(HISTORY) + 1
    assert _state(db) == snapshots[target]
    assert _state(db, target) == snapshots[target]
    with store.reader(db) as con:
        latest = store.versions(con)[0]
    assert latest["version_id"] == new
    assert (latest["action"], latest["kind"], latest["restored_from"]) == ("restore", "all", target)
    assert latest["loaded_by"] == "beheerder"
    assert (latest["inserted"], latest["replaced"]) == RESTORE_COUNTS[target]


def test_restoring_a_restore_round_trips(copy: tuple[Path, dict[int, State]]) -> None:
    db, snapshots = copy
    last = len(HISTORY)
    first_restore = store.restore(db, 1)
    assert _state(db) == snapshots[1]
    assert store.restore(db, last) == last + 2
    assert _state(db) == snapshots[last]
    assert store.restore(db, first_restore) == last + 3
    assert _state(db) == snapshots[1]
    # Nothing is lost: every earlier state is still there.
    for version in range(1, last + 1):
        assert _state(db, version) == snapshots[version]
    assert _state(db, first_restore) == snapshots[1]
    assert _state(db, last + 2) == snapshots[last]


@pytest.mark.parametrize("version", [0, -1, len(HISTORY) + 1, 99])
def test_restore_of_a_missing_version_fails_and_writes_nothing(
    copy: tuple[Path, dict[int, State]], version: int
) -> None:
    db, snapshots = copy
    generation = store.current_generation(db)
    with pytest.raises(store.StoreError, match=f"there is no version {version}"):
        store.restore(db, version)
    assert store.current_generation(db) == generation
    assert _latest(db) == len(HISTORY)
    assert _state(db) == snapshots[len(HISTORY)]


def test_a_load_after_a_restore_continues_the_history(copy: tuple[Path, dict[int, State]]) -> None:
    db, snapshots = copy
    store.restore(db, 4)
    report = ingest.load(
        db, "budget", (BUDGET + "2025;Sport;5\n").encode(), "v9.csv", confirmed=True
    )
    assert (report.version, report.inserted, report.replaced) == (9, 1, 1)
    assert _state(db)["budget"] == [
        (2024, "Jeugd", None, 100, None, HOME, "EUR", None),
        (2024, "Wmo", None, 200, None, HOME, "EUR", None),
        (2025, "Sport", None, 5, None, HOME, "EUR", None),
    ]
    assert _state(db, 8) == snapshots[4]


def test_every_write_publishes_a_new_generation(tmp_path: Path) -> None:
    db = tmp_path / "whatworks.duckdb"
    assert store.current_generation(db) is None
    store.save_settings(db, {"home_municipality": HOME})
    first = store.current_generation(db)
    assert ingest.load(db, "indicators", b"indicator\nwachttijd\n", "i.csv").ok
    second = store.current_generation(db)
    assert first is not None
    assert second not in (None, first)
    assert db.is_symlink()
    assert db.resolve() == second


def test_settings_round_trip_and_unknown_keys_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "whatworks.duckdb"
    store.save_settings(db, {"home_municipality": HOME, "default_currency": "DKK"})
    store.save_settings(db, {"home_municipality": "Noordwold"})
    with store.reader(db) as con:
        assert store.settings(con) == {"home_municipality": "Noordwold", "default_currency": "DKK"}
    with pytest.raises(store.StoreError, match="unknown setting"):
        store.save_settings(db, {"colour": "red"})


def test_reader_without_database_says_what_to_do(tmp_path: Path) -> None:
    with (
        pytest.raises(store.StoreError, match="whatworks demo"),
        store.reader(tmp_path / "no.duckdb"),
    ):
        pass


def test_a_key_replaced_twice_keeps_each_version_apart(tmp_path: Path) -> None:
    db = builders.new_database(tmp_path / "whatworks.duckdb")
    for amount in ("100", "200", "300"):  # versions 1, 2 and 3 of the same key
        builders.load(db, "budget", BUDGET + f"2024;Jeugd;{amount}\n")
    with store.reader(db) as con:
        at = {v: con.execute(f"SELECT budgeted FROM budget_at({v})").fetchall() for v in (1, 2, 3)}
        rows = con.execute(
            "SELECT budgeted, valid_from, valid_to FROM budget_rows ORDER BY valid_from"
        ).fetchall()
    assert at == {1: [(100,)], 2: [(200,)], 3: [(300,)]}
    assert rows == [(100, 1, 2), (200, 2, 3), (300, 3, None)]
