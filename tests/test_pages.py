"""Every page runs under AppTest: through the router and on its own, on a real database."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest
from streamlit.testing.v1 import AppTest

from models import Kind
from whatworks import plain, store, ui
from whatworks.i18n import t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = ROOT / "views"
TIMEOUT = 30


# Every page file with its AppTests below; a page missing here fails the test after it.
def _page_test_sources() -> str:
    here = Path(__file__).resolve().parent
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(here.glob("test_pages*.py")))


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.glob("*.py")))
def test_every_page_has_an_apptest(page: str) -> None:
    # An AppTest names its page as "views/<file>" (switch_page or from_file).
    assert f"views/{page}" in _page_test_sources(), (
        f"views/{page} has no AppTest in tests/test_pages*.py"
    )


def test_every_page_file_is_in_the_menu() -> None:
    files = sorted(f"views/{p.name}" for p in PAGES.glob("*.py"))
    assert sorted(spec.path for spec in ui.PAGES) == files
    assert len({spec.url_path for spec in ui.PAGES}) == len(ui.PAGES)


# Rows loaded below, per kind and version: v1 budget, v2 register, v3 outcomes.
BUDGET_ROWS = 3
PROGRAMME_ROWS = 2
OUTCOME_ROWS = 1


BUDGET = """year,programme,intervention_id,budgeted,actual
2025,Youth care,YC-01,1250000.00,1187342.50
2025,Youth care,,300000,310000
2024,Work,W-1,80000,
"""
REGISTER = """intervention_id,name,programme,stage
YC-01,Family coaching,Youth care,pilot
W-1,Job coaching,Work,standard
"""
OUTCOMES = """indicator,period,value,intervention_id,higher_is_better
school_dropout_rate,2025,12.5,YC-01,false
"""


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = [
        (Kind.budget, BUDGET, "begroting.csv"),
        (Kind.programmes, REGISTER, "register.csv"),
        (Kind.outcomes, OUTCOMES, "outcomes.csv"),
    ]
    path = builders.database(tmp_path / "w.duckdb", files)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    return path


def counts_shown(at: AppTest, lang: str = "en") -> dict[Kind, str]:
    labels = {t(f"kind.{kind}", lang): kind for kind in Kind}
    return {labels[m.label]: m.value for m in at.metric}


EXPECTED_COUNTS = {
    Kind.budget: str(BUDGET_ROWS),
    Kind.programmes: str(PROGRAMME_ROWS),
    Kind.outcomes: str(OUTCOME_ROWS),
    Kind.indicators: "0",
}


def open_data_page(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at.switch_page("views/data.py").run()


def test_data_page_shows_the_rows_inserted(database: Path) -> None:
    at = open_data_page()
    assert not at.exception
    assert counts_shown(at) == EXPECTED_COUNTS
    assert at.title[0].value == t("data.title", "en")


def test_data_page_runs_on_its_own(database: Path) -> None:
    at = AppTest.from_file(str(PAGES / "data.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert counts_shown(at) == EXPECTED_COUNTS


def test_data_page_previews_each_loaded_table(database: Path) -> None:
    at = open_data_page()
    # The loaded tables (one tab per kind; indicators is empty), then the version list.
    budget, register, outcomes, versions = (d.value for d in at.dataframe[:4])
    assert budget["year"].tolist() == [2025, 2025, 2024]
    assert budget["intervention_id"].fillna("").tolist() == ["", "YC-01", "W-1"]
    assert register["intervention_id"].tolist() == ["W-1", "YC-01"]
    assert outcomes["value"].tolist() == [12.5]
    assert versions[t("col.version_id", "en")].tolist() == [3, 2, 1]
    assert versions[t("col.source_file", "en")].tolist()[-1] == "begroting.csv"
    assert versions[t("col.inserted", "en")].tolist()[-1] == BUDGET_ROWS


def test_data_page_says_which_version_and_how_fresh(database: Path) -> None:
    at = open_data_page()
    line = at.caption[0].value
    assert line.startswith(t("frame.version_line", "en", version=3))
    assert t("frame.source_never", "en", source=t("kind.indicators", "en")) in line


def test_a_link_can_pin_an_older_data_version(database: Path) -> None:
    at = open_data_page(version="1")
    assert not at.exception
    assert counts_shown(at) == {**EXPECTED_COUNTS, Kind.programmes: "0", Kind.outcomes: "0"}
    assert at.toggle(key="ww_pin").value is True
    assert at.query_params["version"] == "1"


def test_pinning_puts_the_version_in_the_link(database: Path) -> None:
    at = open_data_page()
    at.toggle(key="ww_pin").set_value(True).run()
    assert not at.exception
    assert at.query_params["version"] == "3"
    at.toggle(key="ww_pin").set_value(False).run()
    assert "version" not in at.query_params


def test_a_link_to_a_version_that_does_not_exist_shows_the_latest(database: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["version"] = "99"
    at.run()
    assert not at.exception
    assert at.warning[0].value == t("frame.version_unknown", "en", version=99, latest=3)
    assert "version" not in at.query_params
    at.switch_page("views/data.py").run()
    assert counts_shown(at) == EXPECTED_COUNTS  # the link now shows what the page shows


def test_bad_link_values_do_not_break_the_page(database: Path) -> None:
    at = open_data_page(year="abc", stage="x", version="latest", lang="xx")
    assert not at.exception
    assert counts_shown(at) == EXPECTED_COUNTS


def test_the_chosen_language_survives_a_page_switch(database: Path) -> None:
    at = open_data_page()
    at.selectbox(key="ww_lang").select("nl").run()
    assert counts_shown(at, "nl") == EXPECTED_COUNTS
    at.switch_page("views/data.py").run()
    assert not at.exception
    assert at.selectbox(key="ww_lang").value == "nl"
    assert counts_shown(at, "nl") == EXPECTED_COUNTS
    assert at.query_params["lang"] == "nl"


def test_the_menu_links_every_page_in_the_chosen_language(database: Path) -> None:
    at = open_data_page(lang="nl")
    labels = [link.label for link in at.page_link]
    assert labels == [t(spec.title_key, "nl") for spec in ui.PAGES]


def test_a_danish_browser_gets_danish(database: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context = {"locale": "da-DK"}
    at.run()
    at.switch_page("views/data.py").run()
    assert counts_shown(at, "da") == EXPECTED_COUNTS


def test_a_new_load_shows_at_once(database: Path) -> None:
    at = open_data_page()
    with store.writer(database) as con:
        v = store.next_version_id(con)
        store.record_version(con, v, store.NewVersion(kind="indicators", action="load"))
        con.execute(
            "INSERT INTO indicator_rows (indicator, unit, valid_from) "
            "VALUES ('school_dropout_rate', '%', $v)",
            {"v": v},
        )
    at.run()
    assert counts_shown(at)[Kind.indicators] == "1"
    assert at.caption[0].value.startswith(t("frame.version_line", "en", version=4))


def test_empty_database_shows_zero_rows_and_how_to_fill_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "empty.duckdb"
    store.ensure_database(path)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    at = open_data_page()
    assert not at.exception
    assert set(counts_shown(at).values()) == {"0"}
    assert t("frame.empty_database", "en") in [i.value for i in at.info]


def test_without_a_database_the_app_explains_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nothing-here.duckdb"
    monkeypatch.setenv("WHATWORKS_DB", str(missing))
    for at in (
        AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(),
        AppTest.from_file(str(PAGES / "data.py"), default_timeout=TIMEOUT).run(),
    ):
        assert not at.exception
        assert [i.value for i in at.info] == [
            plain.say("frame.no_database", "en", path=str(missing))
        ]
        assert len(at.metric) == 0
    assert not missing.exists()  # looking does not create an empty database
