"""Every file in ``queries/`` is run by the code and by this test, and says what it binds.

One tour over a database built through the ingest path calls the public functions behind
every view and command; a new ``.sql`` file that nothing runs, or that this tour does not reach,
fails here (as Evidence runs every query at build time, so a broken one cannot ship).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import builders
import pytest

from models import Kind
from whatworks import analytics, browse, dataops, decisions, ingest, store, synth
from whatworks.analytics import benchmark, portfolio
from whatworks.ingest import LoadOptions

QUERY_FILES = sorted(p.stem for p in store.QUERIES.glob("*.sql"))
# Files read whole rather than run by name through store.statement, and who runs them.
READ_WHOLE = {
    "schema": "store.schema_sql(), before every write",
    "ingest_macros": "ingest.validate, on its staging connection",
    "synth_macros": "synth.write_outcomes, on its private connection",
}
YEAR = 2025


def _tour(tmp_path: Path) -> None:
    """Everything the app and the command line do with a database, once."""
    from test_migrations import old_release_database

    (tmp_path / "old").mkdir()
    with store.reader(old_release_database(tmp_path / "old")) as con:  # migrates it first
        assert store.schema_version(con) == store.SCHEMA_VERSION
    db = builders.demo_database(tmp_path / "w.duckdb")
    synth.write_outcomes(tmp_path / "synth.csv", 40, seed=1, municipalities=2)
    # Every staging option at once: an apostrophe, a missing marker, a label to fill down, a
    # subtotal row, a recode, a numeric filter and rows skipped for a missing value.
    shaped = ingest.load(
        db,
        Kind.budget,
        b"year,programme,intervention_id,budgeted,actual\n"
        b"2030,Work,X1,'100,90\n2030,,X2,pm,80\n2030,Totaal,,190,170\n2030,Care,X3,50,40\n"
        b"2030,Care,X4,5,0\n2030,Care,X5,,\n",
        "shaped.csv",
        LoadOptions(
            fill_down=["programme"],
            missing=["pm"],
            recode=["intervention_id:X3="],
            where=[("programme!", "Nowhere")],
            skip_missing=True,
        ),
        "tour",
    )
    assert shaped.ok, shaped.errors
    report = ingest.load(
        db,
        Kind.indicators,
        b"indicator,unit\nwachttijd,weken\n",
        "i.csv",
        None,
        "tour",
        save_mapping_as="indicatoren",
    )
    assert report.ok, report.errors
    # A preview before there is any database: an empty store, nothing replaced, nothing made.
    first = ingest.check(
        tmp_path / "none.duckdb",
        Kind.budget,
        b"year,municipality,programme,actual\n2025,Eemsdal,J,1\n",
        "f.csv",
    )
    assert [p["replaced_lines"] for p in first.preview] == [0]
    assert not (tmp_path / "none.duckdb").exists()
    accounts = b"year,programme,actual\n2025,Jeugd,1\n"  # one amount: the other is kept
    assert ingest.check(db, Kind.budget, accounts, "a.csv").preview
    assert ingest.load(db, Kind.budget, accounts, "a.csv", None, "tour", confirmed=True).ok
    assert ingest.saved_mapping(db, "indicatoren") is not None
    assert [m["name"] for m in ingest.mappings(db)] == ["indicatoren"]
    store.restore(db, 4)
    with store.reader(db) as con:
        latest = store.latest_version(con)
        assert store.versions(con)[0]["version_id"] == latest
        assert store.settings(con)["home_municipality"] == builders.HOME
        analytics.overview(con, year=YEAR)
        analytics.effects_report(con, year=YEAR)
        analytics.intervention_spend(con)
        analytics.trace(con, None, "YC-01")
        analytics.municipalities(con)
        portfolio.portfolio(con, year=YEAR)
        benchmark.benchmark(con, year=YEAR)
        dataops.health(con, latest)
        dataops.version_diff(con, latest)
        dataops.restore_preview(con, 1)
        browse.table_counts(con, latest)
        browse.filter_options(con, latest)
        for kind in Kind:
            browse.table_preview(con, kind, latest)
    decisions.record(
        db,
        intervention_id="YC-01",
        decision="continue",
        reason="tour",
        who="tour",
        view="portfolio",
        data_version=latest,
    )
    with store.reader(db) as con:
        assert len(decisions.list_decisions(con)) == 1


def test_every_query_file_is_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run: set[str] = set()
    read: set[str] = set()
    real_statement, real_read = store.statement, store.read_query

    def recording_statement(name: str, *args: Any, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        run.add(name)
        return real_statement(name, *args, **kwargs)

    def recording_read(name: str) -> str:
        read.add(name)
        return real_read(name)

    monkeypatch.setattr(store, "statement", recording_statement)
    monkeypatch.setattr(store, "read_query", recording_read)
    _tour(tmp_path)
    assert sorted(run | (read & READ_WHOLE.keys())) == QUERY_FILES
    assert not run & READ_WHOLE.keys()


@pytest.mark.parametrize("name", QUERY_FILES)
def test_every_query_file_is_named_by_the_code(name: str) -> None:
    sources = [
        p.read_text(encoding="utf-8")
        for folder in ("whatworks", "views")
        for p in (store.ROOT / folder).rglob("*.py")
    ]
    assert any(f'"{name}"' in text for text in sources), f"queries/{name}.sql is never named"


@pytest.mark.parametrize("name", QUERY_FILES)
def test_every_query_header_says_what_it_binds(name: str) -> None:
    lines = store.read_query(name).splitlines()
    size = next(i for i, line in enumerate(lines) if not line.startswith("--"))
    assert size > 0, f"queries/{name}.sql has no header comment"
    header, body = "\n".join(lines[:size]), "\n".join(lines[size:])
    pattern = r"\$([a-z_][a-z0-9_]*)"
    assert set(re.findall(pattern, header)) == set(re.findall(pattern, body))
