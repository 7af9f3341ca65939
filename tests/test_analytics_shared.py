"""Each scope's effects are computed once per immutable data file (whatworks.analytics.shared):
another year, another view or twenty sessions at once reuse them; anything else recomputes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from builders import demo_database

from whatworks import analytics, browse, store, ui
from whatworks.analytics import shared
from whatworks.analytics.effects import effects_in_scope
from whatworks.analytics.scope import Scope, resolve_scope


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("shared") / "w.duckdb")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Scope]]:
    """The scopes whose effects were computed, in order (a slow computation)."""
    shared.forget()
    computed: list[Scope] = []

    def counting(con: duckdb.DuckDBPyConnection, scope: Scope) -> Any:
        computed.append(scope)
        time.sleep(0.2)
        return effects_in_scope(con, scope)

    monkeypatch.setattr(shared, "effects_in_scope", counting)
    yield computed
    shared.forget()


def _generation(db: Path) -> Path:
    generation = store.current_generation(db)
    assert generation is not None
    return generation


def test_threads_asking_at_once_wait_for_one_computation(demo: Path, counted: list[Scope]) -> None:
    generation = _generation(demo)
    results: list[tuple[Any, ...]] = []

    def ask() -> None:
        with store.reader(generation) as con, shared.immutable_file(generation):
            results.append(shared.scope_effects(con, resolve_scope(con)))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(counted) == 1
    assert len(results) == 8
    assert all(r is results[0] for r in results)
    with store.reader(generation) as con:
        assert list(results[0]) == effects_in_scope(con, resolve_scope(con))


def test_outside_an_immutable_file_every_call_computes(demo: Path, counted: list[Scope]) -> None:
    with store.reader(demo) as con:
        scope = resolve_scope(con)
        first = shared.scope_effects(con, scope)
        again = shared.scope_effects(con, scope)
    assert len(counted) == 2
    assert first == again


def test_another_scope_or_another_file_computes_again(
    demo: Path, tmp_path: Path, counted: list[Scope]
) -> None:
    generation = _generation(demo)
    with store.reader(generation) as con, shared.immutable_file(generation):
        latest = store.latest_version(con)
        shared.scope_effects(con, resolve_scope(con))
        shared.scope_effects(con, resolve_scope(con))
        shared.scope_effects(con, resolve_scope(con, version=latest - 1))
    assert [s.version for s in counted] == [latest, latest - 1]
    # A new version is a new generation file: its effects are its own.
    store.save_settings(demo, {"discount_rate": "0.05"})
    newer = _generation(demo)
    assert newer != generation
    with store.reader(newer) as con, shared.immutable_file(newer):
        shared.scope_effects(con, resolve_scope(con))
    assert len(counted) == 3
    # The same path holding another file (a database rebuilt in place) is another file.
    # A generation is a data file and its meta file: both are copied.
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(newer.read_bytes())
    store.meta_file(copy).write_bytes(store.meta_file(newer).read_bytes())
    with store.reader(copy) as con, shared.immutable_file(copy):
        shared.scope_effects(con, resolve_scope(con))
    copy.unlink()
    copy.write_bytes(newer.read_bytes())
    with store.reader(copy) as con, shared.immutable_file(copy):
        shared.scope_effects(con, resolve_scope(con))
    assert len(counted) == 5


def test_the_overview_of_every_year_computes_the_effects_once(
    demo: Path, counted: list[Scope]
) -> None:
    generation = _generation(demo)
    with store.reader(demo) as con:
        latest = store.latest_version(con)
        years = browse.filter_options(con, latest)["year"]
        # The expected figures, computed without anything shared.
        expected = [analytics.overview(con, year=y, version=latest) for y in years]
    assert len(years) >= 2, "else this proves nothing"
    assert len(counted) == len(years)
    counted.clear()
    frame = ui.Frame(demo, generation, latest, latest, False, "en", ui.Filters())
    shown = [frame.fetch(analytics.overview, year=y, version=latest) for y in years]
    assert shown == expected
    assert len(counted) == 1


def test_repeated_effect_rows_are_read_once_and_differing_ones_apart() -> None:
    # effect_rows.sql's columns; the home series repeats for each intervention on an
    # indicator, placed before or after each intervention's own start.
    from whatworks.analytics.effects import Value, _rows_by_intervention

    columns = (
        "intervention_id, series, municipality, period, period_start, period_end, value, "
        "value_low, value_high, comparison, comparison_low, comparison_high, baseline, n, "
        "is_after, is_before, peer_count, peer_below_sq, peer_above_sq"
    )
    sql = f"""
        select * from (values
          ('a', 'home', 'X', '2024', date '2024-01-01', date '2024-12-31', 0.5e0,
           0.4e0, 0.7e0, null, null, null, null, 10, true, false, null, null, null),
          ('b', 'home', 'X', '2024', date '2024-01-01', date '2024-12-31', 0.5e0,
           0.4e0, 0.7e0, null, null, null, null, 10, true, false, null, null, null),
          ('c', 'home', 'X', '2024', date '2024-01-01', date '2024-12-31', 0.5e0,
           0.4e0, 0.7e0, null, null, null, null, 10, false, true, null, null, null),
          ('c', 'peers', null, '2024', date '2024-01-01', date '2024-12-31', 0.25e0,
           null, null, null, null, null, null, null, false, true, 4, 0.16e0, 0.36e0)
        ) as t({columns})
    """
    with duckdb.connect() as con:
        read = _rows_by_intervention(con.execute(sql))
    assert sorted(read) == ["a", "b", "c"]
    assert read["a"][0] is read["b"][0]  # the same row, read once
    assert (read["a"][0].is_after, read["c"][0].is_after) == (True, False)
    assert read["c"][0].is_before
    assert read["a"][0].value == Value(0.5, 0.5 - 0.4, 0.7 - 0.5)
    # The peers' mean of 4: half-widths sqrt(0.16) / 4 and sqrt(0.36) / 4.
    assert read["c"][1].value == Value(0.25, pytest.approx(0.1), pytest.approx(0.15))
    assert read["c"][1].series == "peers"
    assert read["c"][1].n is None


def test_only_the_newest_scopes_are_kept(
    demo: Path, counted: list[Scope], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared, "KEEP", 1)
    generation = _generation(demo)
    with store.reader(generation) as con, shared.immutable_file(generation):
        latest = store.latest_version(con)
        for version in (latest, latest - 1, latest - 1, latest):
            shared.scope_effects(con, resolve_scope(con, version=version))
    assert [s.version for s in counted] == [latest, latest - 1, latest]
