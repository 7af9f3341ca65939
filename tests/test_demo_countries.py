"""The demo municipality per country: a Dutch gemeente (the default), a Danish and a Norwegian
kommune, named in their language, in their currency, with the country's discount rate, and
every view renders on each.

Expected values are written here by hand: the English names that must not appear, each
country's municipality, currency and national discount rate.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from whatworks import analytics, cli, demo, store, ui
from whatworks.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
COUNTRIES = ("nl", "dk", "no")
# country -> (home municipality, currency, settings country, national discount rate %).
EXPECTED = {
    "nl": ("Eemsdal", "EUR", "NL", Decimal("2.25")),
    "dk": ("Bækkeby", "DKK", "DK", Decimal("3.5")),
    "no": ("Fjellvik", "NOK", "NO", Decimal("4")),
}
# The English programme names of the reference demo, written out (not read from the code).
ENGLISH_PROGRAMMES = {
    "Youth care",
    "Work and participation",
    "Social support (Wmo)",
    "Housing and homelessness",
    "Public health",
    "Education",
    "Poverty and debt",
    "Safety",
    "Elderly care",
    "Integration",
}
# English words that give an English name away (none is a Dutch, Danish or Norwegian word).
# ("for", "of", "school", "training", "score" are words of those languages too.)
ENGLISH_WORDS = {
    "and", "the", "with", "care", "youth", "work", "support", "housing", "health",
    "education", "poverty", "debt", "safety", "elderly", "young", "people", "home", "course",
    "visits", "prevention", "programme", "days", "inhabitants", "rate", "level",
}  # fmt: skip
# Money per euro of the design: DKK and NOK budgets are the euro design scaled.
SCALE = {"nl": Decimal(1), "dk": Decimal("7.5"), "no": Decimal("11.5")}


def _words(name: str) -> set[str]:
    """The lower-case words of a name, without what stands in parentheses (brand names such
    as "(Housing First)" or "(Scared Straight)" are kept in every language)."""
    bare = re.sub(r"\([^)]*\)", " ", name).lower()
    return set(re.findall(r"[^\W\d_]+", bare))


@pytest.fixture(scope="module", params=COUNTRIES)
def country_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(f"demo_{request.param}") / "w.duckdb"
    cli.demo(db=path, country=request.param)
    return path


def _country(path: Path) -> str:
    return path.parent.name.split("_")[1].rstrip("0123456789")


def test_each_country_demo_loads_with_its_municipality_currency_and_discount_rate(
    country_db: Path,
) -> None:
    home, currency, code, rate = EXPECTED[_country(country_db)]
    with store.reader(country_db) as con:
        assert [v["version_id"] for v in store.versions(con)] == [4, 3, 2, 1]
        saved = store.settings(con)
        currencies = con.execute("SELECT DISTINCT currency FROM budget").fetchall()
        rows = con.execute("SELECT DISTINCT municipality FROM budget").fetchall()
        places = {r[0] for r in rows}
    assert saved["home_municipality"] == home
    assert saved["default_currency"] == currency
    assert saved["country"] == code
    assert Settings.from_store(saved).effective_discount_rate() == pytest.approx(float(rate) / 100)
    assert currencies == [(currency,)]
    assert home in places
    assert len(places) == 5


def test_names_are_in_the_country_language(country_db: Path) -> None:
    with store.reader(country_db) as con:
        rows = con.execute("SELECT DISTINCT programme FROM budget").fetchall()
        programmes = [r[0] for r in rows]
        names = [r[0] for r in con.execute("SELECT name FROM programmes").fetchall()]
        indicators = con.execute("SELECT indicator, unit FROM indicators").fetchall()
    assert len(programmes) == 10
    assert not set(programmes) & ENGLISH_PROGRAMMES
    english = {
        name: _words(name) & ENGLISH_WORDS
        for name in [*programmes, *names]
        if _words(name) & ENGLISH_WORDS
    }
    assert english == {}
    for indicator, unit in indicators:
        if indicator != "population":  # the contract's name for inhabitants, in every language
            assert not set(indicator.split("_")) & ENGLISH_WORDS, indicator
        assert unit not in {"inhabitants", "days", "score (1-10)", "score (1-5)"}, unit


def test_the_english_word_check_finds_english_names() -> None:
    assert _words("Family coaching at home") & ENGLISH_WORDS == {"home"}
    assert _words("Youth care") & ENGLISH_WORDS == {"youth", "care"}
    assert _words("Bolig først (Housing First)") & ENGLISH_WORDS == set()


def test_money_is_the_euro_design_in_the_country_currency(tmp_path: Path) -> None:
    totals = {}
    for code in ("en", *COUNTRIES):
        demo.generate(tmp_path / code, country_code=code)
        text = (tmp_path / code / "budget.csv").read_text(encoding="utf-8").splitlines()[1:]
        amounts = [line.split(";")[4] for line in text]
        totals[code] = sum(Decimal(a.replace(".", "").replace(",", ".")) for a in amounts)
    for code in COUNTRIES:
        ratio = totals[code] / totals["en"]
        assert abs(ratio - SCALE[code]) < Decimal("0.001") * SCALE[code], (code, ratio)
    no_budget = (tmp_path / "no" / "budget.csv").read_text(encoding="utf-8").splitlines()
    assert no_budget[0] == "år;program;funksjon;tiltak;budsjett;regnskap;kommune;valuta"
    assert re.fullmatch(r"\d+,\d\d", no_budget[1].split(";")[4])  # 1234567,89: no separator


def test_every_country_shows_the_designed_effect_classes(country_db: Path) -> None:
    with store.reader(country_db) as con:
        found = {e.intervention_id: (e.effect_class, e.method) for e in analytics.effects(con)}
    assert found == demo.intended_effects()


def test_an_unknown_country_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no demo for country 'se'"):
        demo.generate(tmp_path, country_code="se")


@pytest.mark.parametrize("spec", ui.PAGES, ids=[p.url_path for p in ui.PAGES])
def test_every_view_renders_on_each_country_demo(
    country_db: Path, monkeypatch: pytest.MonkeyPatch, spec: ui.PageSpec
) -> None:
    monkeypatch.setenv("WHATWORKS_DB", str(country_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = {"nl": "nl", "dk": "da", "no": "nb"}[_country(country_db)]
    at.run()
    if spec != ui.PAGES[0]:
        at.switch_page(spec.path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, spec.path
    # No markup of ours shown as text: the names here hold no "<", so an escaped one in a
    # chart's categories is a builder's own markup (a "<br>") that plain.figure made literal.
    for chart in at.get("plotly_chart"):
        spec_json = json.loads(chart.proto.spec)
        for trace in spec_json["data"]:
            for field in ("x", "y"):
                shown = [v for v in trace.get(field) or [] if isinstance(v, str)]
                assert not [v for v in shown if "&lt;" in v], (spec.path, shown)
