"""Small writes: a setting, a decision or a mapping copies the generation's meta file only.

A generation is a pair published behind the one link: the data file (the row tables) and its
meta file (versions, settings, decisions, mappings, schema_info). A small write hard-links the
data file into the next generation instead of copying it, so its cost does not grow with the
data; readers, versions, failures and migrations keep their promises (docs/architecture.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import builders
import children
import duckdb
import pytest

from whatworks import decisions, ingest, store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUDGET = "year;programme;intervention_id;actual\n"
REGISTER = "interventie;naam;programma;fase\nJZ-01;Coaching;Jeugd;pilot\n"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Settings (version 1 after the budget), a register and 300 budget lines."""
    lines = "".join(f"2025;P{i % 7};I{i};{i}\n" for i in range(300))
    return builders.database(
        tmp_path / "data" / "w.duckdb", [("programmes", REGISTER), ("budget", BUDGET + lines)]
    )


def _data_inode(db: Path) -> int:
    generation = store.current_generation(db)
    assert generation is not None
    return generation.stat().st_ino


def _budget(db: Path) -> list[tuple[object, ...]]:
    with store.reader(db) as con:
        return con.execute("SELECT * FROM budget ORDER BY ALL").fetchall()


def _decide(db: Path, version: int) -> decisions.Decision:
    return decisions.record(
        db,
        intervention_id="JZ-01",
        decision="continue",
        reason="works",
        who="ana",
        view="portfolio",
        data_version=version,
    )


# --------------------------------------------------------------------------- no copy


def test_a_setting_a_decision_and_a_mapping_share_the_data_file(db: Path) -> None:
    from whatworks.dataops import changes

    first = store.current_generation(db)
    assert first is not None
    inode, size = first.stat().st_ino, first.stat().st_size
    store.save_settings(db, {"discount_rate": "0.05"})
    _decide(db, 2)
    changes.save_mapping(
        db, changes.Actor("ana", analyst=True), "m", "budget", ingest.LoadOptions()
    )
    current = store.current_generation(db)
    assert current is not None
    assert current != first  # three new generations were published ...
    assert int(current.stem) == int(first.stem) + 3
    # ... and each has the very same data file: one inode, never copied or changed.
    assert (current.stat().st_ino, current.stat().st_size) == (inode, size)
    assert current.stat().st_nlink == 2  # this generation and the one before it (kept)
    # Each has a meta file of its own, which did change.
    metas = [
        store.meta_file(p) for p in sorted(current.parent.glob("*.duckdb")) if p.stem.isdigit()
    ]
    assert len({m.stat().st_ino for m in metas}) == len(metas) == 2
    # A load does copy it: the data changes.
    assert builders.load(db, "budget", BUDGET + "2026;Sport;X1;1\n").ok
    assert _data_inode(db) != inode


def test_a_small_writer_cannot_write_the_data(db: Path) -> None:
    before, rows = store.current_generation(db), _budget(db)
    with pytest.raises(duckdb.Error, match="read-only"), store.writer(db, data=False) as con:
        con.execute("DELETE FROM budget_rows")
    assert store.current_generation(db) == before
    assert _budget(db) == rows
    assert store.leftovers(db) == []


def _fail_after_writing(db: Path) -> None:
    with store.writer(db, data=False) as con:
        store.run(con, "settings_close", {"key": "discount_rate", "version": 9})
        con.execute("INSERT INTO settings_rows VALUES ('discount_rate', '0.09', 9, NULL)")
        msg = "a failure after writing"
        raise RuntimeError(msg)


def test_a_small_write_that_fails_publishes_nothing(db: Path) -> None:
    before = store.current_generation(db)
    with store.reader(db) as con:
        versions = store.versions(con)
    with pytest.raises(RuntimeError, match="after writing"):
        _fail_after_writing(db)
    assert store.current_generation(db) == before
    with store.reader(db) as con:
        assert store.versions(con) == versions
        assert store.settings_at(con).discount_rate != Decimal("0.09")
    assert store.leftovers(db) == []


def test_a_small_write_to_a_database_whose_schema_changed_copies_the_data(db: Path) -> None:
    with store.writer(db) as con:  # as a database written by another release would be
        con.execute("UPDATE schema_info SET fingerprint = 'another release'")
    inode = _data_inode(db)
    store.save_settings(db, {"discount_rate": "0.05"})  # migrates: rebuilds views in data
    assert _data_inode(db) != inode
    with store.reader(db) as con:
        assert store.schema_current(con)
    inode = _data_inode(db)
    store.save_settings(db, {"discount_rate": "0.06"})  # today's schema: small again
    assert _data_inode(db) == inode


# --------------------------------------------------------------------------- versions


def test_settings_and_decisions_are_versions_that_pinned_figures_keep(db: Path) -> None:
    with store.reader(db) as con:
        loaded = store.latest_version(con)
        rate_then = store.settings_at(con, loaded).discount_rate
    setting = store.save_settings(db, {"discount_rate": "0.07"})
    decision = _decide(db, loaded)
    assert setting == loaded + 1
    assert decision.version_id == loaded + 2
    with store.reader(db) as con:
        actions = [(v["version_id"], v["kind"], v["action"]) for v in store.versions(con)][:2]
        assert actions == [
            (loaded + 2, "decisions", "decision"),
            (loaded + 1, "settings", "settings"),
        ]
        assert store.settings_at(con, loaded).discount_rate == rate_then != Decimal("0.07")
        assert store.settings_at(con, loaded + 1).discount_rate == Decimal("0.07")
        # The data as of the load is the data now: small writes changed no row.
        assert con.execute("SELECT count(*) FROM budget_at($v)", {"v": loaded}).fetchone() == (300,)
        assert con.execute("SELECT count(*) FROM budget").fetchone() == (300,)
    # A restore brings back data rows only: the setting stays.
    store.restore(db, 1)
    with store.reader(db) as con:
        assert store.settings_at(con).discount_rate == Decimal("0.07")
        assert con.execute("SELECT count(*) FROM budget").fetchone() == (0,)


# --------------------------------------------------------------------------- readers


def test_a_reader_keeps_its_generation_across_small_writes(db: Path) -> None:
    with store.reader(db) as held:
        version = store.latest_version(held)
        rate = store.settings_at(held).discount_rate
        store.save_settings(db, {"discount_rate": "0.08"})
        _decide(db, version)
        # The reader opened before still sees its own generation, whole.
        assert store.latest_version(held) == version
        assert store.settings_at(held).discount_rate == rate
        assert decisions.list_decisions(held) == []
        assert held.execute("SELECT count(*) FROM budget").fetchone() == (300,)
    with store.reader(db) as fresh:
        assert store.latest_version(fresh) == version + 2
        assert store.settings_at(fresh).discount_rate == Decimal("0.08")
        assert len(decisions.list_decisions(fresh)) == 1


READ_SETTING = """
def read(con):
    version = store.latest_version(con)
    rate = store.settings(con).get("discount_rate")
    count = con.execute("SELECT count(*) FROM budget").fetchone()[0]
    return [version, rate, count]
"""


def test_another_process_reads_whole_generations_while_settings_are_saved(
    db: Path, tmp_path: Path
) -> None:
    with store.reader(db) as con:
        loaded = store.latest_version(con)
    with children.watching(db, tmp_path, READ_SETTING) as result:
        time.sleep(1.0)
        for n in range(1, 13):  # versions loaded + 1 ... loaded + 12
            store.save_settings(db, {"discount_rate": f"0.{n:02d}"})
            time.sleep(0.05)
    assert result["errors"] == []
    # Every version was seen with its own setting, never another's, and all the data.
    expected = {loaded + n: f"0.{n:02d}" for n in range(1, 13)}
    for version, rate, count in result["seen"]:
        assert count == 300
        if version in expected:
            assert rate == expected[version], (version, rate)
    assert len({v for v, _, _ in result["seen"]}) >= 3


# --------------------------------------------------------------------------- kill -9

KILLED_SMALL_WRITER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from whatworks import store

    at = sys.argv[2]
    with store.writer(Path(sys.argv[1]), data=False) as con:
        store.run(con, "settings_close", {"key": "discount_rate", "version": 99})
        store.run(con, "settings_insert", {"key": "discount_rate", "value": "0.5", "version": 99})
        if at == "body":
            os._exit(9)  # the process dies in the middle of its transaction
        con.execute("COMMIT")  # committed to the private copy's log ...
        os._exit(9)  # ... never checkpointed nor published
    """
)


@pytest.mark.parametrize("at", ["body", "checkpoint"])
def test_a_small_write_killed_leaves_the_data_exactly_as_it_was(db: Path, at: str) -> None:
    before, inode, rows = store.current_generation(db), _data_inode(db), _budget(db)
    with store.reader(db) as con:
        versions, settings = store.versions(con), store.settings(con)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SMALL_WRITER, str(db), at],
        env=children.env(),
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert store.current_generation(db) == before
    left = store.leftovers(db)
    assert any(p.name.endswith(".meta.tmp") for p in left), left
    with store.reader(db) as con:
        assert (store.versions(con), store.settings(con)) == (versions, settings)
    # The next small write starts from the published meta file, never replays the dead one's
    # log, cleans up after it, and still shares the data file.
    version = store.save_settings(db, {"discount_rate": "0.03"})
    assert version == versions[0]["version_id"] + 1
    assert store.leftovers(db) == []
    assert _data_inode(db) == inode
    assert _budget(db) == rows
    with store.reader(db) as con:
        assert store.settings_at(con).discount_rate == Decimal("0.03")


# --------------------------------------------------------------------------- migration

# The fingerprint schema_info recorded for release 3f2a36e's DDL (schema version 2).
FINGERPRINT_3F2A36E = "1780fe8f3023503f8740774fffb2cc73"


def one_file_database(tmp_path: Path) -> Path:
    """A database as release 3f2a36e left it: one file per generation, schema version 2.

    Version 1 a budget line, version 2 a setting, version 3 a decision; a saved mapping.
    """
    build = tmp_path / "old.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute((FIXTURES / "schema_3f2a36e.sql").read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_info VALUES (2, $f)", {"f": FINGERPRINT_3F2A36E})
        con.execute(
            "INSERT INTO load_versions (version_id, kind, action, loaded_at, loaded_by, options)"
            " VALUES (1, 'budget', 'load', TIMESTAMP '2026-01-05 10:00', 'oud', '{}'),"
            " (2, 'settings', 'settings', TIMESTAMP '2026-01-06 10:00', 'oud', '{}'),"
            " (3, 'decisions', 'decision', TIMESTAMP '2026-01-07 10:00', 'oud', '{}')"
        )
        con.execute(
            "INSERT INTO budget_rows (year, programme, intervention_id, actual, municipality,"
            " currency, valid_from) VALUES (2025, 'Jeugd', 'JZ-01', 100, 'Eemsdal', 'EUR', 1)"
        )
        con.execute(
            "INSERT INTO settings_rows VALUES ('home_municipality', 'Eemsdal', 0, NULL),"
            " ('discount_rate', '0.02', 0, 2), ('discount_rate', '0.05', 2, NULL)"
        )
        con.execute(
            "INSERT INTO decisions (decision_id, version_id, intervention_id, decision,"
            " decided_on, decided_by, reason, view_name, data_version, effect_class, method,"
            " recorded_at) VALUES (1, 3, 'JZ-01', 'stop', DATE '2026-01-07', 'oud', 'why',"
            " 'portfolio', 1, 'not_measured', 'none', TIMESTAMP '2026-01-07 10:00')"
        )
        con.execute(
            "INSERT INTO mappings VALUES ('m', 'budget', '{}', '{}',"
            " TIMESTAMP '2026-01-07 10:00', 'oud')"
        )
    db = tmp_path / "data" / "whatworks.duckdb"
    store.replace_database(db, build)
    return db


def test_a_database_of_one_file_is_split_into_data_and_meta(tmp_path: Path) -> None:
    db = one_file_database(tmp_path)
    old = store.current_generation(db)
    assert old is not None
    assert not store.meta_file(old).exists()
    with store.reader(db) as con:  # migrates it first (no dataset version)
        assert store.schema_version(con) == store.SCHEMA_VERSION == 3
        assert store.latest_version(con) == 3
        assert store.settings_at(con, 1).discount_rate == Decimal("0.02")
        assert store.settings_at(con, 2).discount_rate == Decimal("0.05")
        assert [(d.decision_id, d.decision) for d in decisions.list_decisions(con)] == [(1, "stop")]
        assert [m["name"] for m in ingest.mappings(db)] == ["m"]
        assert con.execute("SELECT year, actual FROM budget").fetchall() == [(2025, 100)]
    new = store.current_generation(db)
    assert new is not None
    assert new != old
    # The small tables left the data file for the meta file.
    small = {"load_versions", "settings_rows", "decisions", "mappings", "schema_info"}
    with duckdb.connect(str(new), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert not small & tables
        assert {"budget_rows", "outcome_rows"} <= tables
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        assert "settings" not in views
    with duckdb.connect(str(store.meta_file(new)), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == small
        assert con.execute("SELECT count(*) FROM settings_rows").fetchone() == (3,)
    # From now on a setting is a small write.
    inode = new.stat().st_ino
    assert store.save_settings(db, {"discount_rate": "0.04"}) == 4
    assert _data_inode(db) == inode


# --------------------------------------------------------------------------- the analyst


def test_an_analyst_opens_the_data_and_attaches_the_meta_file_as_documented(db: Path) -> None:
    store.save_settings(db, {"discount_rate": "0.06"})
    # docs/architecture.md "The schema an analyst sees", with DuckDB's own client library.
    with duckdb.connect(str(db), read_only=True) as con:  # the data alone
        assert con.execute("SELECT count(*) FROM budget").fetchone() == (300,)
    generation = db.parent / os.readlink(db)  # what `readlink -f data/whatworks.duckdb` says
    with duckdb.connect() as con:  # the data and the meta file: everything, as the app sees it
        con.execute("ATTACH $path AS data (READ_ONLY)", {"path": str(generation)})
        meta = str(generation).removesuffix(".duckdb") + ".meta.duckdb"
        con.execute("ATTACH $path AS meta (READ_ONLY)", {"path": meta})
        con.execute("USE data; SET search_path = 'data,meta'")
        assert con.execute("SELECT max(version_id) FROM load_versions").fetchone() == (3,)
        rate = con.execute("SELECT value FROM settings_at(3) WHERE key = 'discount_rate'")
        assert rate.fetchone() == ("0.06",)
        assert con.execute("SELECT count(*) FROM budget_at(2)").fetchone() == (300,)


# --------------------------------------------------------------------------- a lost meta file


def test_a_lost_meta_file_is_an_error_naming_the_last_good_generation(db: Path) -> None:
    store.save_settings(db, {"discount_rate": "0.05"})
    current = store.current_generation(db)
    assert current is not None
    last_good = current.with_name(f"{int(current.stem) - 1:08d}.duckdb")
    store.meta_file(current).unlink()
    files = sorted(p.name for p in current.parent.iterdir())
    for attempt in (
        lambda: store.reader(db).__enter__(),
        lambda: store.save_settings(db, {"discount_rate": "0.06"}),
    ):
        with pytest.raises(store.StoreError) as caught:
            attempt()
        assert caught.value.code == "generation_missing"
        assert str(store.meta_file(current)) in str(caught.value)
        assert f"ln -sfn w.duckdb.generations/{last_good.name} {db}" in str(caught.value)
    # Nothing was written: no new history over the lost one.
    assert sorted(p.name for p in current.parent.iterdir()) == files
    report = ingest.load(db, "budget", (BUDGET + "2026;Sport;X1;1\n").encode(), "b.csv")
    assert [e.key for e in report.errors] == ["problem.store.generation_missing"]
    assert sorted(p.name for p in current.parent.iterdir()) == files
