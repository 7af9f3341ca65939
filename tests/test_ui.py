"""The shared frame: filters in the URL, the filter widgets, the reads behind them, the palette."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models import EVIDENCE_LEVELS, Kind
from whatworks import browse, charts, store
from whatworks.i18n import t
from whatworks.plain import markdown as markdown_escape
from whatworks.ui import Filters

TIMEOUT = 30

# ------------------------------------------------------------------ Filters <-> query params

FULL = Filters(
    year=2025,
    programme="Youth care",
    municipality="Eemsdal",
    stage="pilot",
    lang="nl",
    version=3,
)
FULL_PARAMS = {
    "year": "2025",
    "programme": "Youth care",
    "municipality": "Eemsdal",
    "stage": "pilot",
    "lang": "nl",
    "version": "3",
}


def test_filters_become_query_params() -> None:
    assert FULL.to_params() == FULL_PARAMS
    assert Filters().to_params() == {}


def test_filters_round_trip_through_query_params() -> None:
    assert Filters.from_params(FULL.to_params()) == FULL
    assert Filters.from_params(Filters(year=2024).to_params()) == Filters(year=2024)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"year": "2025.5"},
        {"stage": "bogus"},
        {"lang": "fr"},
        {"version": "0"},
        {"version": "latest"},
        {"programme": "   "},
        {"programme": "x" * 201},
        {"unknown": "1"},
    ],
)
def test_a_bad_url_value_falls_back_to_the_default(params: dict[str, str]) -> None:
    assert Filters.from_params(params) == Filters()


def test_good_url_values_survive_beside_bad_ones() -> None:
    params = {"year": "2024", "stage": "nonsense", "programme": " Jobs ", "version": "x"}
    assert Filters.from_params(params) == Filters(year=2024, programme="Jobs")


def test_a_repeated_url_value_takes_the_last() -> None:
    assert Filters.from_params({"year": ["2023", "2024"]}) == Filters(year=2024)


def test_with_validates_the_change() -> None:
    assert FULL.with_(year=None).year is None
    with pytest.raises(ValueError, match="stage"):
        FULL.with_(stage="bogus")


# ------------------------------------------------------------------ a small database


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Budget at v1 (three lines, one municipality named), the register at v2."""
    path = tmp_path / "w.duckdb"
    store.ensure_database(path)
    with store.writer(path) as con:
        v = store.next_version_id(con)
        store.record_version(con, v, store.NewVersion(kind="budget", action="load", inserted=3))
        con.execute(
            "INSERT INTO budget_rows (year, programme, municipality, budgeted, valid_from) "
            "VALUES (2025, 'Youth care', NULL, 100, $v), (2024, 'Youth care', NULL, 90, $v), "
            "(2025, 'Work', 'Eemsdal', 50, $v)",
            {"v": v},
        )
    with store.writer(path) as con:
        v = store.next_version_id(con)
        store.record_version(con, v, store.NewVersion(kind="programmes", action="load"))
        con.execute(
            "INSERT INTO programme_rows (intervention_id, name, programme, valid_from) "
            "VALUES ('H-1', 'Housing first', 'Housing', $v)",
            {"v": v},
        )
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    return path


def test_filter_options_list_what_the_version_holds(database: Path) -> None:
    with store.reader(database) as cur:
        assert browse.filter_options(cur, 2) == {
            "year": [2025, 2024],
            "programme": ["Housing", "Work", "Youth care"],
            "municipality": ["Eemsdal"],
            "home": [],
        }
        assert browse.filter_options(cur, 1)["programme"] == ["Work", "Youth care"]


def test_latest_loads_per_kind_as_of_a_version(database: Path) -> None:
    with store.reader(database) as cur:
        now = browse.latest_loads(cur, 2)
        then = browse.latest_loads(cur, 1)
    assert [k for k, v in now.items() if v is not None] == [Kind.budget, Kind.programmes]
    assert [k for k, v in then.items() if v is not None] == [Kind.budget]
    assert isinstance(now[Kind.budget], dt.datetime)


def test_counts_and_previews_per_version(database: Path) -> None:
    with store.reader(database) as cur:
        assert browse.table_counts(cur, 1) == {
            Kind.budget: 3,
            Kind.programmes: 0,
            Kind.outcomes: 0,
            Kind.indicators: 0,
        }
        assert browse.table_counts(cur, 2)[Kind.programmes] == 1
        preview = browse.table_preview(cur, Kind.budget, 2, limit=2)
    assert preview[["year", "programme"]].to_dict("records") == [
        {"year": 2025, "programme": "Youth care"},  # the home municipality first
        {"year": 2025, "programme": "Work"},
    ]


def test_version_table_is_labelled_in_the_language_asked(database: Path) -> None:
    with store.reader(database) as cur:
        table = browse.version_table(cur, "nl")
    assert list(table.columns) == [t(f"col.{c}", "nl") for c in browse.VERSION_COLUMNS]
    assert table[t("col.version_id", "nl")].tolist() == [2, 1]
    assert table[t("col.kind", "nl")].tolist() == ["Interventieregister", "Begroting"]
    assert table[t("col.action", "nl")].tolist() == ["Upload", "Upload"]


# ------------------------------------------------------------------ the filter widgets

FILTER_SCRIPT = """
import streamlit as st
from whatworks import ui
frame = ui.page_frame("data.title", filters=("year", "programme", "municipality", "stage"))
st.text(frame.filters.model_dump_json())
"""


def shown_filters(at: AppTest) -> Filters:
    return Filters.model_validate(json.loads(at.text[0].value))


def test_filter_widgets_default_to_the_newest_year_and_all(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert shown_filters(at) == Filters(year=2025)
    assert at.selectbox(key="ww_year").options == ["2025", "2024"]
    # "All" is a real option, so the box shows its label, not a placeholder.
    assert at.selectbox(key="ww_programme").value == "*"  # ui.ANY
    assert at.selectbox(key="ww_programme").options[0] == "All"
    assert at.query_params == {"year": "2025"}


def test_choosing_filters_writes_them_to_the_url(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT).run()
    at.selectbox(key="ww_year").select(2024).run()
    at.selectbox(key="ww_programme").select("Housing").run()
    at.selectbox(key="ww_stage").select("pilot").run()
    assert not at.exception
    assert shown_filters(at) == Filters(year=2024, programme="Housing", stage="pilot")
    assert Filters.from_params(at.query_params) == shown_filters(at)


def test_a_link_reopens_the_same_filters(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    for name, value in {"year": "2024", "programme": "Work", "stage": "scaling"}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert shown_filters(at) == Filters(year=2024, programme="Work", stage="scaling")
    assert at.selectbox(key="ww_programme").value == "Work"


def test_a_link_to_values_the_data_lacks_shows_the_defaults(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.query_params["year"] = "1999"
    at.query_params["programme"] = "Gone"
    at.query_params["municipality"] = "abc"
    at.run()
    assert not at.exception
    assert shown_filters(at) == Filters(year=2025)


def test_the_parameters_a_link_loses_are_named_with_their_values() -> None:
    params = {"year": "1800", "stage": "bogus", "lang": "xx", "version": "0", "programme": "Work"}
    assert Filters.rejected(params) == {
        "year": "1800",
        "stage": "bogus",
        "lang": "xx",
        "version": "0",
    }
    assert Filters.rejected({"year": ["1800", "2025"]}) == {}  # the last one counts


def warnings_of(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def plain(text: str) -> list[str]:
    """A notice as st.warning receives it: plain text with markdown's specials escaped."""
    return [markdown_escape(text)]


def test_a_bad_link_says_what_it_ignored_once(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    for name, value in {
        "year": "1800",  # out of range
        "programme": "Nonexistent",  # not in the data
        "municipality": "Nowhere",
        "stage": "bogus",
        "lang": "xx",
    }.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert shown_filters(at) == Filters(year=2025)
    assert warnings_of(at) == plain(
        "This link asked for something the data does not hold, so it was ignored and the "
        "defaults are shown: Year “1800”, Stage “bogus”, Language “xx”, "
        "Programme “Nonexistent”, Municipality “Nowhere”."
    )
    at.selectbox(key="ww_year").select(2024).run()
    assert warnings_of(at) == []  # said once, on the run that fell back


def test_a_link_notice_is_in_the_chosen_language_and_escapes_markdown(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.query_params["lang"] = "nl"
    at.query_params["programme"] = "*Gone*"
    at.run()
    assert warnings_of(at) == plain(
        "Deze link vroeg om iets wat niet in de data staat; dat is genegeerd en de "
        "standaardwaarden worden getoond: Programma ‘*Gone*’."
    )
    assert "\\*Gone\\*" in warnings_of(at)[0]  # shown as typed, not in italics


def test_a_link_to_a_version_that_does_not_exist_says_so(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.query_params["version"] = "99"
    at.run()
    assert warnings_of(at) == [
        "The link asks for data version 99, which does not exist; showing the latest version (2)."
    ]
    assert shown_filters(at).version is None


def test_the_browser_language_is_used_until_one_is_chosen(database: Path) -> None:
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.context = {"locale": "da-DK"}
    at.run()
    assert at.selectbox(key="ww_year").label == t("frame.year", "da")
    assert "lang" not in at.query_params
    at.selectbox(key="ww_lang").select("nb").run()
    assert at.selectbox(key="ww_year").label == t("frame.year", "nb")
    assert at.query_params["lang"] == "nb"


# ------------------------------------------------------------------ palette and contrast


def test_every_effect_class_and_evidence_level_has_its_own_colour() -> None:
    assert tuple(charts.EFFECT_COLOURS) == charts.EFFECT_CLASSES
    assert tuple(charts.EVIDENCE_COLOURS) == EVIDENCE_LEVELS
    for colours in (charts.EFFECT_COLOURS, charts.EVIDENCE_COLOURS):
        assert len(set(colours.values())) == len(colours)
    assert set(charts.EVIDENCE_COLOURS.values()) <= set(charts.OKABE_ITO.values())
    causal = ("works", "harmful", "not_measured", "too_early")
    assert {charts.EFFECT_COLOURS[c] for c in causal} <= set(charts.OKABE_ITO.values())


def test_a_class_whose_cause_is_unknown_is_a_hatched_tint_of_its_causal_sibling() -> None:
    colours, patterns = charts.EFFECT_COLOURS, charts.EFFECT_PATTERNS
    # Each channel halfway to white: 0x00 -> 0x80, 0x9E -> 0xCE, 0x73 -> 0xB9, 0xD5 -> 0xEA ...
    assert colours["improved_cause_unknown"] == "#80CEB9"  # works is #009E73
    assert colours["worsened_cause_unknown"] == "#EAAE80"  # harmful is #D55E00
    assert charts.tint("#000000") == "#808080"
    assert charts.tint("#123456", 0) == "#123456"
    assert charts.tint("#123456", 1) == "#FFFFFF"
    assert colours["inconclusive"] not in (colours["not_measured"], charts.OKABE_ITO["grey"])
    r, g, b = (int(colours["inconclusive"][i : i + 2], 16) for i in (1, 3, 5))
    assert r == g == b  # a grey
    assert {c for c, shape in patterns.items() if shape} == {
        "improved_cause_unknown",
        "inconclusive",
        "worsened_cause_unknown",
    }
    for fill in colours.values():  # a label on any class's bar stays readable
        assert charts.contrast_ratio(charts.text_colour_on(fill), fill) >= 4.5, fill


def test_chart_text_and_outlines_meet_wcag_aa() -> None:
    white = charts.BACKGROUND
    assert charts.contrast_ratio(charts.TEXT, white) >= 4.5
    assert charts.contrast_ratio(charts.TEXT_MUTED, white) >= 4.5
    assert charts.contrast_ratio(charts.OUTLINE, white) >= 3
    for fill in charts.OKABE_ITO.values():
        assert charts.contrast_ratio(charts.text_colour_on(fill), fill) >= 4.5, fill


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert charts.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert charts.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_base_layout_uses_the_locale_separators() -> None:
    assert charts.base_layout("en")["separators"] == ".,"
    assert charts.base_layout("nl")["separators"] == ",."
    assert charts.base_layout("nb")["separators"] == ",\u00a0"
    assert charts.base_layout("da", title="X")["title"]["text"] == "X"


def test_the_home_municipality_is_named_in_the_filter(database: Path) -> None:
    store.save_settings(database, {"home_municipality": "Eemsdal"})
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT).run()
    assert not at.exception
    box = at.selectbox(key="ww_municipality")
    assert box.value == "*"
    assert box.options[0] == "Home municipality (Eemsdal)"


def test_a_browser_in_another_language_gets_the_default_from_settings(database: Path) -> None:
    store.save_settings(database, {"language": "da"})
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.context = {"locale": "fr-FR"}
    at.run()
    assert not at.exception
    assert at.title[0].value == t("data.title", "da")
    # A browser that asks for one of ours still gets its own language.
    at = AppTest.from_string(FILTER_SCRIPT, default_timeout=TIMEOUT)
    at.context = {"locale": "nb-NO"}
    at.run()
    assert at.title[0].value == t("data.title", "nb")


def test_a_display_table_writes_numbers_in_the_language_and_keeps_unknowns() -> None:
    import pandas as pd

    from whatworks import tables

    numbers = pd.DataFrame(
        {"Name": ["A", "B"], "Spend": [4_620_556.0, None], "Share": [0.285, 0.0042]},
        index=["a", "b"],
    )
    kinds = {"Name": "text", "Spend": "money", "Share": "percent"}
    shown = tables.display_table(numbers, kinds, "EUR", "nl")
    assert shown.to_dict("index") == {
        "a": {"Name": "A", "Spend": "€\u00a04,6\u00a0mln", "Share": "29%"},  # rounded, not cut
        "b": {"Name": "B", "Spend": None, "Share": "0,4%"},
    }
