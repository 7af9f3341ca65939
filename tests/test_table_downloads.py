"""The tables of the Data and Settings pages offer our neutralised CSV (issue 10, point 4):
Streamlit's own toolbar download is hidden on every page, so each shown table that a user may
want in a spreadsheet gets ``ui.table_download`` (key ``<table key>_csv``)."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from whatworks import roles

ROOT = Path(__file__).resolve().parent.parent
BUDGET = "year;programme;intervention_id;budgeted\n2024;Jeugd;JZ-01;100\n2024;Wmo;;5\n"
REGISTER = "intervention_id;name;programme\nJZ-01;Coaching;Jeugd\nJZ-02;Sport;Jeugd\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = [("programmes", REGISTER), ("budget", BUDGET), ("budget", BUDGET.replace("100", "90"))]
    path = builders.database(tmp_path / "w.duckdb", files)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    monkeypatch.delenv(roles.ANONYMOUS_ENV, raising=False)
    return path


def offered(page: str) -> set[str]:
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return {b.key for b in at.get("download_button")}


def test_the_data_page_tables_offer_our_download(db: Path) -> None:
    expected = {"versions_csv", "data_diff_csv", "data_health_csv", "data_without_outcomes_csv"}
    keys = offered("data")
    assert expected <= keys, keys - expected


def test_the_settings_a_viewer_sees_offer_our_download(db: Path) -> None:
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")  # an open server: settings read-only
    try:
        assert "settings_view_csv" in offered("settings")
    finally:
        config.set_option("server.address", before)
