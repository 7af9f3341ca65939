"""The schema migrates: a database written by an older release is brought forward and its rows
survive; a newer contract column is added to an existing database by itself."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from models import Kind
from whatworks import analytics, ingest, store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The DDL release 18514d1 ran (its store.schema_sql(), unchanged): no schema_info table, a
# key/value settings table, and none of the contract columns added since.
OLD_SCHEMA = (FIXTURES / "schema_18514d1.sql").read_text(encoding="utf-8")
NEW_COLUMNS = {
    "programme_rows": {"design", "expected_effect", "expected_effect_se"},
    "outcome_rows": {"comparison_ci_low", "comparison_ci_high", "comparison_n"},
    "indicator_rows": {"value_per_unit_low", "value_per_unit_high", "benefit_years", "persistence"},
}
REGISTER = (
    "interventie;naam;programma;opzet;verwacht_effect;verwacht_effect_se\n"
    "JZ-02;Huiswerk;Jeugd;randomised;2,5;0,5\n"
)


def old_release_database(tmp_path: Path) -> Path:
    """A database as release 18514d1 left it: v1 budget, v2 register, home Eemsdal in DKK."""
    build = tmp_path / "old.duckdb"
    con = duckdb.connect(str(build))
    con.execute(OLD_SCHEMA)
    con.execute(
        "INSERT INTO load_versions (version_id, kind, action, loaded_at, loaded_by, source_file)"
        " VALUES (1, 'budget', 'load', TIMESTAMP '2026-01-05 10:00', 'oud', 'b.csv'),"
        " (2, 'programmes', 'load', TIMESTAMP '2026-01-06 10:00', 'oud', 'r.csv')"
    )
    con.execute(
        "INSERT INTO budget_rows (year, programme, intervention_id, actual, municipality,"
        " currency, valid_from) VALUES (2025, 'Jeugd', 'JZ-01', 100, 'Eemsdal', 'DKK', 1)"
    )
    con.execute(
        "INSERT INTO programme_rows (intervention_id, name, programme, valid_from)"
        " VALUES ('JZ-01', 'Coaching', 'Jeugd', 2)"
    )
    con.execute(
        "INSERT INTO settings VALUES ('home_municipality', 'Eemsdal'), ('default_currency', 'DKK')"
    )
    con.close()
    db = tmp_path / "data" / "whatworks.duckdb"
    store.replace_database(db, build)
    return db


def _copy_generation(generation: Path, copy: Path) -> Path:
    """A copy of a generation's two files (data, meta), as ``copy`` and its meta file."""
    copy.write_bytes(generation.read_bytes())
    store.meta_file(copy).write_bytes(store.meta_file(generation).read_bytes())
    return copy


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    found = store.run(con, "schema_columns", {"table_name": table}).fetchall()
    return {str(r[0]) for r in found}


def test_the_fixture_is_an_old_database(tmp_path: Path) -> None:
    build = tmp_path / "old.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute(OLD_SCHEMA)
        assert store.schema_version(con) == 0
        for table, new in NEW_COLUMNS.items():
            assert not new & _columns(con, table), table


def test_a_load_into_an_older_release_database_migrates_it_and_old_rows_survive(
    tmp_path: Path,
) -> None:
    db = old_release_database(tmp_path)
    report = ingest.load(db, Kind.programmes, REGISTER.encode(), "r2.csv")
    assert report.ok, [e.message for e in report.errors]
    assert report.version == 3
    with store.reader(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        for table, new in NEW_COLUMNS.items():
            assert new <= _columns(con, table), table
        register = con.execute(
            "SELECT intervention_id, name, design, expected_effect, expected_effect_se"
            " FROM programmes ORDER BY ALL"
        ).fetchall()
        budget = con.execute("SELECT year, actual, municipality, currency FROM budget").fetchall()
        versions = [v["version_id"] for v in store.versions(con)]
        settings_then = store.settings(con, 1)
        report_v2 = analytics.effects_report(con, year=2025, version=2)
    assert register == [
        ("JZ-01", "Coaching", None, None, None),
        ("JZ-02", "Huiswerk", "randomised", 2.5, 0.5),
    ]
    assert budget == [(2025, 100, "Eemsdal", "DKK")]
    assert versions == [3, 2, 1]
    assert settings_then == {"default_currency": "DKK", "home_municipality": "Eemsdal"}
    assert (report_v2["municipality"], report_v2["total_actual"], report_v2["currency"]) == (
        "Eemsdal",
        "100.00",
        "DKK",
    )


def test_a_reader_of_an_older_release_database_migrates_it_first(tmp_path: Path) -> None:
    db = old_release_database(tmp_path)
    old_generation = store.current_generation(db)
    with store.reader(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert store.settings_at(con, 2).home_municipality == "Eemsdal"
        assert con.execute("SELECT count(*) FROM programmes").fetchall() == [(1,)]
    assert store.current_generation(db) != old_generation
    # The migration is no dataset version: the data is what it was.
    with store.reader(db) as con:
        assert store.latest_version(con) == 2


def test_a_new_database_starts_at_todays_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.ensure_database(db)
    with store.reader(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION == len(store.MIGRATIONS)
        assert con.execute("SELECT count(*) FROM schema_info").fetchall() == [(1,)]


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.ensure_database(db)
    generation = store.current_generation(db)
    assert generation is not None
    newer = _copy_generation(generation, tmp_path / "newer.duckdb")
    with duckdb.connect(str(store.meta_file(newer))) as con:  # schema_info is in the meta file
        con.execute("UPDATE schema_info SET schema_version = 99")
    store.replace_database(db, newer)
    with pytest.raises(store.StoreError, match="schema version 99, newer than this program's"):
        store.save_settings(db, {"country": "DK"})


def test_a_column_added_to_the_contract_is_added_to_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert ingest.load(db, Kind.indicators, b"indicator;eenheid\nschooluitval;%\n", "i.csv").ok
    # The same database as if built before benefit_years existed (schema version unchanged).
    generation = store.current_generation(db)
    assert generation is not None
    before = _copy_generation(generation, tmp_path / "before.duckdb")
    with duckdb.connect(str(before)) as con:
        con.execute("DROP VIEW indicators")
        con.execute("ALTER TABLE indicator_rows DROP COLUMN benefit_years")
        con.execute(
            "CREATE VIEW indicators AS SELECT * EXCLUDE (valid_from, valid_to)"
            " FROM indicator_rows WHERE valid_to IS NULL"
        )
    store.replace_database(db, before)
    loaded = ingest.load(db, Kind.indicators, b"indicator;benefit_years\nwerk;3\n", "j.csv")
    assert loaded.ok, [e.message for e in loaded.errors]
    with store.reader(db) as con:
        rows = con.execute("SELECT indicator, benefit_years FROM indicators ORDER BY ALL")
        assert rows.fetchall() == [("schooluitval", None), ("werk", 3)]
