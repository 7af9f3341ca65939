"""Real exports from municipalities and statistics offices (../shared/realdata): every file
loads with the options an analyst would use, or is refused with messages saying what to do.

The commands are the ones documented in the README. Expected counts and spot values were
read from the files independently of the loader (see each folder's PROVENANCE.txt).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from whatworks import store
from whatworks.cli import app

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
NL = REALDATA / "nl_iv3_cbs"
NO = REALDATA / "no_datahotellet"
DE = REALDATA / "de_nrw_itnrw"
UK = REALDATA / "uk_wales_spend_outcomes"

pytestmark = pytest.mark.skipif(
    not REALDATA.is_dir(), reason=f"the real-data folder {REALDATA} is not beside the repository"
)


def _cli(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--db", str(db)])


def _load(db: Path, *args: str) -> dict[str, Any]:
    result = _cli(db, "load", *args, "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, [e["message"] for e in report["errors"][:5]]
    return report


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with store.reader(db) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "whatworks.duckdb"


def test_nl_jaarrekening(db: Path) -> None:
    path = NL / "2023_jaarrekening.csv"
    report = _load(db, "budget", str(path), "--set", "year=2023", "--scale", "1000")
    assert (report["inserted"], report["replaced"]) == (24353, 0)  # 343 gemeenten x 71 taakvelden
    # Independently: Lasten in thousands of euros, '.' as decimal point.
    with path.open(encoding="utf-8", newline="") as handle:
        lasten = [r["Lasten"] for r in csv.DictReader(handle, delimiter=";")]
    expected = sum(Decimal(v) * 1000 for v in lasten if v)
    [(total, empty, municipalities)] = _rows(
        db, "SELECT sum(actual), count(*) - count(actual), count(DISTINCT municipality) FROM budget"
    )
    assert total == expected
    assert (empty, municipalities) == (sum(1 for v in lasten if not v), 343)
    assert _rows(
        db,
        "SELECT year, actual FROM budget WHERE municipality = '''s-Gravenhage' "
        "AND programme = '0.1 Bestuur'",
    ) == [(2023, Decimal("23698000.00"))]


def test_nl_volumina(db: Path) -> None:
    report = _load(
        db, "outcomes", str(NL / "GF_M2024_2025_Volumina.csv"), "--indicators-in-columns",
        "--map", "Naam=municipality", "--map", "CBS=-", "--map", "Prov=-", "--set", "period=2025",
    )  # fmt: skip
    assert report["inserted"] == 16758
    assert _rows(
        db,
        "SELECT period, value FROM outcomes "
        "WHERE municipality = 'Eemsdelta' AND indicator = 'bo3_nw'",
    ) == [("2025", 1282.610298)]


def _bergen_sums(path: Path) -> dict[tuple[int, str], Decimal]:
    """Expenditure per year and service area, excluding service area 21, added up by hand."""
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["inntekt-utgift"] != "Utgift" or row["tjomr"] == "21":
                continue
            for year in ("2013", "2014", "2015", "2016"):
                text = row[year].replace(" ", "")
                if text not in ("", "-"):
                    sums[int(year), row["tjenesteomraade-tekst"]] += Decimal(text)
    return dict(sums)


def test_bergen_operating_budget(db: Path) -> None:
    path = NO / "bergen_driftsbudsjett_2013.csv"
    report = _load(
        db, "budget", str(path), "--years-in-columns", "--set", "municipality=Bergen",
        "--map", "tjenesteomraade-tekst=programme", "--set", "currency=NOK",
        "--where", "inntekt-utgift=Utgift", "--where", "tjomr!=21", "--sum",
    )  # fmt: skip
    assert report["inserted"] == 164
    loaded = _rows(db, "SELECT year, programme, budgeted, municipality, currency FROM budget")
    assert {(y, p): b for y, p, b, _, _ in loaded} == _bergen_sums(path)
    assert {(m, c) for *_, m, c in loaded} == {("Bergen", "NOK")}


def test_bergen_investment_budget(db: Path) -> None:
    report = _load(
        db, "budget", str(NO / "bergen_investeringsbudsjett_2012.csv"), "--years-in-columns",
        "--set", "municipality=Bergen", "--map", "tjenesteomraade-tekst=programme",
        "--set", "currency=NOK", "--where", "sumart1=1", "--sum",
    )  # fmt: skip
    assert (report["inserted"], report["replaced"]) == (116, 0)
    assert _rows(db, "SELECT min(year), max(year) FROM budget") == [(2012, 2015)]


NRW_OPTIONS = (
    "--skip-rows", "8", "--no-header", "--map", "col1=municipality", "--map", "col3=programme_code",
    "--map", "col4=programme", "--map", "col5=actual", "--set", "year=2010", "--skip-missing",
)  # fmt: skip


def test_nrw_spending(db: Path) -> None:
    path = DE / "finanzrechnungsstatistik-ausgaben-2010.csv"
    report = _load(db, "budget", str(path), *NRW_OPTIONS)
    # 16,396 lines with an amount, less the 373 of the 442 'Summe aller Produktgruppen' (999)
    # subtotals that have one (the other 69 are '.' or '-').
    assert report["inserted"] == 16023
    assert any(n.startswith("left out 442 subtotal rows") for n in report["notes"])
    assert any(w["code"] == "skipped_missing" for w in report["warnings"])
    assert _rows(
        db,
        "SELECT year, actual FROM budget WHERE municipality = '05' AND programme_code = '111'",
    ) == [(2010, Decimal("8574931041.00"))]


def test_nrw_spending_without_options_says_what_to_add(db: Path) -> None:
    path = str(DE / "finanzrechnungsstatistik-ausgaben-2010.csv")
    result = _cli(db, "load", "budget", path, "--json")
    assert result.exit_code == 1
    # Every problem in one report: the missing municipality hides none of the others.
    first = {e["column"]: e for e in json.loads(result.stdout)["errors"]}
    assert set(first) == {"municipality", "year", "programme", "actual"}
    assert first["municipality"]["code"] == "no_municipality"
    assert "--set municipality=NAME" in first["municipality"]["message"]

    assert _cli(db, "settings", "home_municipality=Düsseldorf").exit_code == 0
    generation = store.current_generation(db)
    result = _cli(db, "load", "budget", path, "--json")
    assert result.exit_code == 1
    errors = {e["column"]: e for e in json.loads(result.stdout)["errors"]}
    assert set(errors) == {"year", "programme", "actual"}
    year = errors["year"]["message"]
    assert "the file has no year column" in year
    assert "--map 'FILE COLUMN=year'" in year
    assert "--set" in year
    assert store.current_generation(db) == generation


ZENSUS = (
    "--sheet", "Gemeinden_31.12.2011_Vergleich", "--skip-rows", "8", "--no-header",
    "--map", "col3=municipality", "--map", "col5=value", "--set", "indicator=population",
    "--set", "period=2011-12-31", "--where", "col3!=",
)  # fmt: skip


def test_zensus_by_name_alone_is_refused_for_repeated_names(db: Path) -> None:
    # 414 German municipality names occur more than once (Buchholz, Holm, ...): by name alone
    # one population figure would stand for several places.
    path = str(DE / "Zensus Einwohnerzahlen.xls")
    by_name = [a if a != "col3=municipality" else "col4=municipality" for a in ZENSUS]
    result = _cli(db, "load", "outcomes", path, *by_name, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["error_count"] == 414
    first = report["errors"][0]
    assert (first["row"], first["column"], first["value"]) == (146, "col4", "Buchholz")
    assert first["message"].startswith("duplicate: row ")
    assert "municipality=Buchholz" in first["message"]
    assert store.current_generation(db) is None


def test_zensus_population_xls(db: Path) -> None:
    path = str(DE / "Zensus Einwohnerzahlen.xls")
    report = _load(db, "outcomes", path, *ZENSUS)  # municipality: the official key (AGS)
    assert report["inserted"] == 11292
    assert _rows(
        db,
        "SELECT municipality, value, period_start FROM outcomes "
        "WHERE municipality IN ('11000000', '05315000') ORDER BY 1",
    ) == [
        ("05315000", 1013665.0, dt.date(2011, 12, 31)),
        ("11000000", 3326002.0, dt.date(2011, 12, 31)),
    ]


def test_nrw_spending_and_census_join_on_the_official_key(db: Path) -> None:
    # Both German files name municipalities by their AGS key, so spend per inhabitant works.
    _load(db, "budget", str(DE / "finanzrechnungsstatistik-ausgaben-2010.csv"), *NRW_OPTIONS)
    _load(db, "outcomes", str(DE / "Zensus Einwohnerzahlen.xls"), *ZENSUS)
    [(joined,)] = _rows(
        db,
        "SELECT count(DISTINCT b.municipality) FROM budget b JOIN outcomes o "
        "ON o.municipality = b.municipality AND o.indicator = 'population'",
    )
    assert joined == 342
    # What does not join is the Land ('05'), its Regierungsbezirke and Kreise: not Gemeinden.
    unjoined = _rows(
        db,
        "SELECT DISTINCT municipality FROM budget b WHERE NOT EXISTS "
        "(SELECT 1 FROM outcomes o WHERE o.municipality = b.municipality)",
    )
    assert len(unjoined) == 31
    assert all(re.fullmatch(r"05|05\d{3}001|05\d00000", code) for (code,) in unjoined)


def test_wales_matrix(db: Path) -> None:
    report = _load(
        db, "outcomes", str(UK / "matrix.csv"), "--map", "Authority_ItemName_ENG=municipality",
        "--map", "Dataitem_ItemName_ENG=indicator", "--map", "final_year=period",
        "--map", "final_value=value",
    )  # fmt: skip
    # 3,655 lines repeat each outcome once per spend line (5): 731 distinct outcomes.
    assert report["inserted"] == 731
    assert any(w["code"] == "exact_duplicate" for w in report["warnings"])
    assert _rows(db, "SELECT DISTINCT period FROM outcomes") == [("2021/22",)]
    assert _rows(
        db,
        "SELECT value FROM outcomes WHERE municipality = 'Blaenau Gwent' "
        "AND indicator = 'The total number of referrals received during the year'",
    ) == [(1103.0,)]


def test_spot_indicator_table(db: Path) -> None:
    report = _load(
        db, "indicators", str(UK / "spot_indicator_mapping_table.csv"), "--map", "id=indicator",
        "--map", "name=description", "--where", "type=Outcome",
    )  # fmt: skip
    assert report["inserted"] == 301  # 454 outcome lines, 301 distinct ids
    assert report["dialect"]["encoding"] == "windows-1252"
    [(description,)] = _rows(db, "SELECT description FROM indicators WHERE indicator = '92543'")
    assert "aged 2-2½yrs" in description
