"""Loading: all or nothing, replace semantics, dataset versions and archived originals."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import openpyxl
import pytest

from whatworks import ingest, store
from whatworks.ingest import LoadOptions, Report
from whatworks.ingest.load import archive_dir

HOME = "Eemsdal"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = ("budget", "programmes", "outcomes", "indicators")


def _new_db(tmp_path: Path) -> Path:
    return builders.new_database(tmp_path / "data" / "whatworks.duckdb")


def _load(db: Path, kind: str, text: str | bytes, name: str = "file.csv", **kw: Any) -> Report:
    data = text.encode("utf-8") if isinstance(text, str) else text
    kw.setdefault("confirmed", True)  # these loads mean to replace what they replace
    report = ingest.load(db, kind, data, name, **kw)
    assert report.ok, [e.message for e in report.errors]
    return report


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with store.reader(db) as con:
        return con.execute(sql).fetchall()


def _state(db: Path) -> tuple[Any, ...]:
    """Everything a load could change: rows, versions, the published file, the archive."""
    with store.reader(db) as con:
        counts = {k: con.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in KINDS}
        versions = con.execute("SELECT count(*) FROM load_versions").fetchone()[0]
    archive = archive_dir(db)
    files = sorted(p.name for p in archive.iterdir()) if archive.exists() else []
    return counts, versions, store.current_generation(db), files


# --------------------------------------------------------------------------- all or nothing


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four Eemsdal fixtures loaded as versions 1-4."""
    db = _new_db(tmp_path_factory.mktemp("loaded"))
    for kind in KINDS:
        name = f"{kind}_eemsdal.csv"
        _load(db, kind, (FIXTURES / name).read_bytes(), name)
    return db


INVALID = {
    "budget": (3, "jaar", "20x6", "not_a_whole_number"),
    "programmes": (3, "intervention_id", "JZ-03", "duplicate"),
    "outcomes": (3, "ci_low", "2,2", "ci_low_above_value"),
    "indicators": (2, "value_per_unit", "veel", "not_a_number"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_rejected_file_writes_nothing(loaded_db: Path, kind: str) -> None:
    before = _state(loaded_db)
    counts, versions, generation, archived = before
    assert counts == {"budget": 4, "programmes": 3, "outcomes": 4, "indicators": 2}
    assert versions == 4
    assert generation is not None
    assert len(archived) == 4

    name = f"{kind}_invalid.csv"
    report = ingest.load(loaded_db, kind, (FIXTURES / name).read_bytes(), name)
    assert [(e.row, e.column, e.value, e.code) for e in report.errors] == [INVALID[kind]]
    assert (report.version, report.inserted, report.sha256) == (None, 0, None)
    assert _state(loaded_db) == before


def test_rejected_first_file_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "data" / "whatworks.duckdb"
    data = (FIXTURES / "budget_invalid.csv").read_bytes()
    options = LoadOptions(constants={"municipality": HOME})
    assert not ingest.load(db, "budget", data, "budget_invalid.csv", options).ok
    assert store.current_generation(db) is None
    assert not (db.parent / "archive").exists()


# --------------------------------------------------------------------------- replace semantics

BUDGET_SQL = "SELECT municipality, year, programme, budgeted FROM budget ORDER BY ALL"


def test_budget_replaces_same_municipality_and_year_only(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    first = _load(
        db,
        "budget",
        "gemeente;jaar;programma;begroot\nEemsdal;2024;Jeugd;100\nEemsdal;2024;Wmo;200\n"
        "Eemsdal;2025;Jeugd;110\nNoordwold;2024;Jeugd;50\n",
    )
    assert (first.inserted, first.replaced) == (4, 0)
    second = _load(db, "budget", "gemeente;jaar;programma;begroot\nEemsdal;2024;Jeugd;120\n")
    assert (second.inserted, second.replaced) == (1, 2)
    assert _rows(db, BUDGET_SQL) == [
        ("Eemsdal", 2024, "Jeugd", Decimal("120.00")),
        ("Eemsdal", 2025, "Jeugd", Decimal("110.00")),
        ("Noordwold", 2024, "Jeugd", Decimal("50.00")),
    ]
    # Without a municipality column the rows are the home municipality's.
    third = _load(db, "budget", "jaar;programma;begroot\n2025;Sport;10\n")
    assert (third.inserted, third.replaced) == (1, 1)
    assert _rows(db, BUDGET_SQL) == [
        ("Eemsdal", 2024, "Jeugd", Decimal("120.00")),
        ("Eemsdal", 2025, "Sport", Decimal("10.00")),
        ("Noordwold", 2024, "Jeugd", Decimal("50.00")),
    ]


def test_outcomes_replace_same_indicator_period_and_scope(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    header = "indicator;periode;wijk;waarde\n"
    first = _load(
        db,
        "outcomes",
        header + "schooluitval;2024;Centrum;2,4\nschooluitval;2024;Noord;3,1\n"
        "schooluitval;2025;Centrum;2,1\nvalincidenten;2024;;17\n",
    )
    assert (first.inserted, first.replaced) == (4, 0)
    second = _load(
        db,
        "outcomes",
        header
        + "schooluitval;2024;Centrum;2,2\nvalincidenten;2024;;15\nschooluitval;2026;Centrum;2\n",
    )
    assert (second.inserted, second.replaced) == (3, 2)
    assert _rows(db, "SELECT indicator, period, area, value FROM outcomes ORDER BY ALL") == [
        ("schooluitval", "2024", "Centrum", 2.2),
        ("schooluitval", "2024", "Noord", 3.1),
        ("schooluitval", "2025", "Centrum", 2.1),
        ("schooluitval", "2026", "Centrum", 2.0),
        ("valincidenten", "2024", None, 15.0),
    ]


def test_programmes_upsert_by_intervention_id(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    header = "interventie;naam;programma;fase\n"
    _load(db, "programmes", header + "JZ-01;Coaching;Jeugd;pilot\nJZ-02;Sport;Jeugd;pilot\n")
    second = _load(
        db, "programmes", header + "JZ-02;Sport;Jeugd;opschaling\nJZ-03;Huiswerk;Jeugd;idee\n"
    )
    assert (second.inserted, second.replaced) == (2, 1)
    assert _rows(db, "SELECT intervention_id, stage FROM programmes ORDER BY ALL") == [
        ("JZ-01", "pilot"),
        ("JZ-02", "scaling"),
        ("JZ-03", "idea"),
    ]


def test_indicators_upsert_by_indicator(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    _load(db, "indicators", "indicator;eenheid\nwachttijd;dagen\nschooluitval;%\n")
    second = _load(db, "indicators", "indicator;eenheid\nwachttijd;weken\n")
    assert (second.inserted, second.replaced) == (1, 1)
    assert _rows(db, "SELECT indicator, unit FROM indicators ORDER BY ALL") == [
        ("schooluitval", "%"),
        ("wachttijd", "weken"),
    ]


# --------------------------------------------------------------------------- versions


def _version(db: Path, version_id: int) -> dict[str, Any]:
    with store.reader(db) as con:
        return next(v for v in store.versions(con) if v["version_id"] == version_id)


def test_each_load_records_who_when_what(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHATWORKS_USER", "analist-eemsdal")
    db = _new_db(tmp_path)
    data = (FIXTURES / "budget_eemsdal.csv").read_bytes()
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = _load(db, "budget", data, "budget_eemsdal.csv")
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    digest = hashlib.sha256(data).hexdigest()
    assert (report.version, report.sha256) == (1, digest)

    v = _version(db, 1)
    assert before <= v["loaded_at"] <= after
    assert {k: v[k] for k in ("kind", "action", "loaded_by", "source_file", "sha256")} == {
        "kind": "budget",
        "action": "load",
        "loaded_by": "analist-eemsdal",
        "source_file": "budget_eemsdal.csv",
        "sha256": digest,
    }
    assert (v["rows_read"], v["inserted"], v["replaced"]) == (4, 4, 0)
    assert v["mapping"] == {
        "Jaar": "year",
        "Programma": "programme",
        "Taakveldcode": "programme_code",
        "Interventie": "intervention_id",
        "Begroot": "budgeted",
        "Realisatie": "actual",
    }

    # The same file again, by a named user: it replaces its own 2024 and 2025 rows.
    again = _load(db, "budget", data, "budget_eemsdal.csv", loaded_by="j.jansen")
    assert (again.version, again.inserted, again.replaced) == (2, 4, 4)
    assert _version(db, 2)["loaded_by"] == "j.jansen"


def test_version_records_the_mapping_and_options(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    options = LoadOptions(
        mapping={"Kostenpost": "programme", "Boekjaar": "year"},
        scale=Decimal(1000),
        where={"Soort": "lasten"},
    )
    text = "Kostenpost;Boekjaar;Soort;Lasten\nJeugd;2025;lasten;1,5\nJeugd;2025;baten;9\n"
    report = _load(db, "budget", text, options=options)
    assert report.inserted == 1
    v = _version(db, report.version or 0)
    assert v["mapping"] == {"Kostenpost": "programme", "Boekjaar": "year", "Lasten": "actual"}
    assert v["options"] == {
        "scale": "1000",
        "where": {"Soort": "lasten"},
        "user_mapping": {"Kostenpost": "programme", "Boekjaar": "year"},
    }
    assert json.dumps(v["options"])  # stored as JSON
    assert _rows(db, "SELECT actual FROM budget") == [(Decimal("1500.00"),)]


def test_original_is_archived_byte_identical(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    csv_bytes = (FIXTURES / "budget_cp1252.csv").read_bytes()
    book = openpyxl.Workbook()
    book.active.append(["indicator", "unit"])
    book.active.append(["wachttijd", "dagen"])
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx_bytes = buffer.getvalue()

    _load(db, "budget", csv_bytes, "Budget 2025.CSV")
    _load(db, "indicators", xlsx_bytes, "indicatoren.xlsx")
    _load(db, "budget", csv_bytes, "copy.csv")  # the same bytes again: archived once
    archive = db.parent / "archive"
    csv_path = archive / f"{hashlib.sha256(csv_bytes).hexdigest()}.csv"
    xlsx_path = archive / f"{hashlib.sha256(xlsx_bytes).hexdigest()}.xlsx"
    assert sorted(archive.iterdir()) == sorted([csv_path, xlsx_path])
    assert csv_path.read_bytes() == csv_bytes
    assert xlsx_path.read_bytes() == xlsx_bytes


def test_check_writes_nothing(tmp_path: Path) -> None:
    db = _new_db(tmp_path)
    before = _state(db)
    data = (FIXTURES / "budget_eemsdal.csv").read_bytes()
    report = ingest.check(db, "budget", data, "budget_eemsdal.csv")
    assert report.ok
    assert report.version is None
    assert _state(db) == before
