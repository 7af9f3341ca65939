"""Every real export loads through the Data page (views/data.py), as an analyst would do it.

The analyst's import recipe (mapping and options, the same as the README's command lines) is
saved once under a name; on the page the file is uploaded, the saved mapping is chosen, the
file is validated and loaded. The counts are those of tests/test_realdata.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import builders
import pytest
from streamlit.testing.v1 import AppTest

from models import Kind
from whatworks import dataops, store
from whatworks.ingest import LoadOptions
from whatworks.ingest.load import save_mapping

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
REALDATA = ROOT.parent / "shared" / "realdata"
TIMEOUT = 120

RECIPES: dict[str, tuple[str, str, LoadOptions, int]] = {
    "nl_accounts": (
        "nl_iv3_cbs/2023_jaarrekening.csv",
        "budget",
        LoadOptions(constants={"year": "2023"}, scale=Decimal(1000)),
        24353,
    ),
    "nl_volumes": (
        "nl_iv3_cbs/GF_M2024_2025_Volumina.csv",
        "outcomes",
        LoadOptions(
            mapping={"Naam": "municipality", "CBS": "-", "Prov": "-"},
            constants={"period": "2025"},
            indicators_in_columns=True,
        ),
        16758,
    ),
    "bergen_operating": (
        "no_datahotellet/bergen_driftsbudsjett_2013.csv",
        "budget",
        LoadOptions(
            mapping={"tjenesteomraade-tekst": "programme"},
            constants={"municipality": "Bergen", "currency": "NOK"},
            years_in_columns=True,
            where=[("inntekt-utgift", "Utgift"), ("tjomr!", "21")],
            sum_lines=True,
        ),
        164,
    ),
    "bergen_investment": (
        "no_datahotellet/bergen_investeringsbudsjett_2012.csv",
        "budget",
        LoadOptions(
            mapping={"tjenesteomraade-tekst": "programme"},
            constants={"municipality": "Bergen", "currency": "NOK"},
            years_in_columns=True,
            where=[("sumart1", "1")],
            sum_lines=True,
        ),
        116,
    ),
    "nrw_spending": (
        "de_nrw_itnrw/finanzrechnungsstatistik-ausgaben-2010.csv",
        "budget",
        LoadOptions(
            mapping={
                "col1": "municipality",
                "col3": "programme_code",
                "col4": "programme",
                "col5": "actual",
            },
            constants={"year": "2010"},
            skip_rows=8,
            no_header=True,
            skip_missing=True,
        ),
        16023,  # less the 373 'Summe aller Produktgruppen' subtotal rows
    ),
    "census_xls": (
        "de_nrw_itnrw/Zensus Einwohnerzahlen.xls",
        "outcomes",
        LoadOptions(
            mapping={"col3": "municipality", "col5": "value"},
            constants={"indicator": "population", "period": "2011-12-31"},
            sheet="Gemeinden_31.12.2011_Vergleich",
            skip_rows=8,
            no_header=True,
            where=[("col3!", "")],
        ),
        11292,
    ),
    "wales_matrix": (
        "uk_wales_spend_outcomes/matrix.csv",
        "outcomes",
        LoadOptions(
            mapping={
                "Authority_ItemName_ENG": "municipality",
                "Dataitem_ItemName_ENG": "indicator",
                "final_year": "period",
                "final_value": "value",
            }
        ),
        731,
    ),
    "spot_cp1252": (
        "uk_wales_spend_outcomes/spot_indicator_mapping_table.csv",
        "indicators",
        LoadOptions(
            mapping={"id": "indicator", "name": "description"}, where=[("type", "Outcome")]
        ),
        301,
    ),
}


@pytest.fixture
def empty_town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"the real exports are not beside the repository ({REALDATA})")
    db = builders.new_database(tmp_path / "w.duckdb")
    monkeypatch.setenv("WHATWORKS_DB", str(db))
    monkeypatch.setenv("WHATWORKS_USER", "analyst")
    return db


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_a_real_export_loads_through_the_data_page(empty_town: Path, recipe: str) -> None:
    relative, kind, options, expected = RECIPES[recipe]
    path = REALDATA / relative
    with store.writer(empty_town) as con:
        save_mapping(con, recipe, Kind(kind), options, "analyst")

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.switch_page("views/data.py").run()
    data = path.read_bytes()
    at.file_uploader(key="data_upload").upload(path.name, data, "application/octet-stream").run()
    assert not at.exception
    token = dataops.file_token(path.name, data)
    at.selectbox(key=f"data_saved_{token}").select(recipe).run()
    assert at.selectbox(key=f"data_kind_{token}").value == kind
    at.button(key=f"data_validate_{token}").click().run()
    assert not at.exception
    assert not at.button(key=f"data_load_{token}").disabled, [e.value for e in at.error]
    at.button(key=f"data_load_{token}").click().run()
    assert not at.exception

    with store.reader(empty_town) as con:
        (newest,) = [v for v in store.versions(con) if v["action"] == "load"]
    assert (newest["kind"], newest["source_file"], newest["inserted"]) == (
        kind,
        path.name,
        expected,
    )
