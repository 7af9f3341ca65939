"""AppTests of "views/programmes.py", "views/benchmark.py" and "views/portfolio.py".

The Programmes and Benchmark figures are checked on small towns worked out by hand (the
constants below, never the analytics the page calls); the demo municipality shows that the
pages run, link and record decisions."""

from __future__ import annotations

import json
from pathlib import Path

import builders
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from whatworks import analytics, decisions, narrative, roles, store
from whatworks.analytics import portfolio
from whatworks.charts import portfolio as portfolio_charts
from whatworks.i18n import format_money_short, t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 60
YEAR = 2025
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.demo_database(tmp_path_factory.mktemp("demo") / "w.duckdb")


@pytest.fixture
def shared(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module's demo database, for tests that only read."""
    monkeypatch.setenv("WHATWORKS_DB", str(demo_db))
    return demo_db


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo database of this test's own, for tests that write."""
    path = builders.demo_database(tmp_path / "w.duckdb")
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    return path


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_like(at: AppTest, expected: pd.DataFrame) -> pd.DataFrame:
    """The dataframe or table on the page with the same columns as ``expected``."""
    shown = [d.value for d in (*at.dataframe, *at.table)]
    found = [f for f in shown if list(f.columns) == list(expected.columns)]
    assert found, f"no table with columns {list(expected.columns)}"
    return found[0].reset_index(drop=True)


def same(at: AppTest, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        frame_like(at, expected).astype(str), expected.reset_index(drop=True).astype(str)
    )


# --------------------------------------------------------------------------- programmes


# A town whose every figure is worked out by hand (home Eemsdal, euros). 2025: Work = A 300/270
# + unattributed 100/80 = 400/350 (-50, -12.5%); Care = B 100/130 (+30, +30.0%); the year
# 500/480 (-20, -4.0%); shares of 480: Work 72.9%, Care 27.1%. 2024: Work 150/160 (+10, +6.7%),
# Care 200/190 (-10, -5.0%), 350/350; shares of 350: 45.7%, 54.3%. Noordwold's line is not home.
PROGRAMMES_BUDGET = """year,programme,intervention_id,budgeted,actual,municipality
2024,Work,A,100,120,
2024,Work,,50,40,
2024,Care,B,200,190,
2025,Work,A,300,270,
2025,Work,,100,80,Eemsdal
2025,Care,B,100,130,
2025,Work,,999,999,Noordwold
"""
PROGRAMMES_REGISTER = """intervention_id,name,programme,stage
A,Job coaching,Work,pilot
B,Home care,Care,standard
"""
BUDGET_COLUMNS = [
    "Programme",
    "Year",
    "Budgeted",
    "Actual",
    "Difference (actual − budget)",
    "Difference %",
    "Share of the year's spend",
]
BUDGET_2025 = [
    ["Work", "2025", "€400.00", "€350.00", "-€50.00", "-12.5%", "72.9%"],
    ["Care", "2025", "€100.00", "€130.00", "+€30.00", "+30.0%", "27.1%"],
    ["All programmes", "2025", "€500.00", "€480.00", "-€20.00", "-4.0%", "100.0%"],
]
BUDGET_2024 = [
    ["Work", "2024", "€150.00", "€160.00", "+€10.00", "+6.7%", "45.7%"],
    ["Care", "2024", "€200.00", "€190.00", "-€10.00", "-5.0%", "54.3%"],
    ["All programmes", "2024", "€350.00", "€350.00", "€0.00", "0.0%", "100.0%"],
]
INTERVENTION_COLUMNS = [
    "ID",
    "Intervention",
    "Stage",
    "Result",
    "Strength of evidence",
    "Budgeted",
    "Actual",
    "Difference (actual − budget)",
]


def tables(at: AppTest) -> list[list[list[str]]]:
    """Every table on the page as rows of cells, its header first."""
    frames = [d.value for d in (*at.dataframe, *at.table)]
    return [[list(f.columns), *f.astype(str).to_numpy().tolist()] for f in frames]


@pytest.fixture(scope="module")
def programmes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("programmes") / "w.duckdb"
    return builders.database(
        path, [("budget", PROGRAMMES_BUDGET), ("programmes", PROGRAMMES_REGISTER)]
    )


@pytest.fixture
def programmes_town(programmes_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WHATWORKS_DB", str(programmes_db))
    return programmes_db


def test_programmes_page_shows_budget_against_actual(programmes_town: Path) -> None:
    at = open_page("views/programmes.py")
    assert not at.exception
    assert at.title[0].value == t("prog.title", "en")
    assert [m.value for m in at.markdown] == [
        "In 2025, Eemsdal budgeted €500 and spent €480: €20 (4.0%) less than budgeted.",
        "The largest overspend was on Care: €30 (30.0%) more than budgeted.",
    ]
    assert tables(at) == [
        [BUDGET_COLUMNS, *BUDGET_2025],
        [BUDGET_COLUMNS, *BUDGET_2025, *BUDGET_2024],
        [["Programme", "2024", "2025"], ["Work", "45.7%", "72.9%"], ["Care", "54.3%", "27.1%"]],
        [
            INTERVENTION_COLUMNS,
            [
                "A",
                "Job coaching",
                "Pilot",
                "Not measured",
                "○○○○○ 0 of 5",
                "€300.00",
                "€270.00",
                "-€30.00",
            ],
        ],
    ]
    assert (
        "Besides these, €80.00 of this programme's spend in 2025 is not booked on an "
        "intervention in the register." in [c.value for c in at.caption]
    )
    assert len(at.get("plotly_chart")) == 2
    assert at.selectbox(key="prog_programme").value == "Work"


def test_programme_axes_are_written_in_the_chosen_language(programmes_town: Path) -> None:
    at = open_page("views/programmes.py", lang="nl")
    budget, shares = (json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart"))
    # Work's €400 budget is the longest bar: ticks every €100 past it, written in Dutch.
    assert budget["xaxis"]["ticktext"] == [f"€{NBSP}{n}" for n in (0, 100, 200, 300, 400, 500)]
    assert budget["xaxis"].get("title", {}).get("text") in (None, "")  # no bare "EUR"
    assert shares["yaxis"]["ticktext"] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    danish = open_page("views/programmes.py", lang="da")
    shares = json.loads(danish.get("plotly_chart")[1].proto.spec)["layout"]
    assert shares["yaxis"]["ticktext"][1] == f"20{NBSP}%"


def test_choosing_a_programme_lists_its_interventions_and_keeps_it_in_the_link(
    programmes_town: Path,
) -> None:
    at = open_page("views/programmes.py")
    at.selectbox(key="prog_programme").select("Care").run()
    assert not at.exception
    assert at.query_params["programme"] == "Care"
    assert tables(at)[-1] == [
        INTERVENTION_COLUMNS,
        [
            "B",
            "Home care",
            "Standard practice",
            "Not measured",
            "○○○○○ 0 of 5",
            "€100.00",
            "€130.00",
            "+€30.00",
        ],
    ]
    assert at.selectbox(key="prog_intervention").options == ["B · Home care"]
    assert not [c for c in at.caption if "not booked on an intervention" in c.value]


def test_opening_an_intervention_goes_to_the_intervention_view(shared: Path) -> None:
    at = open_page("views/programmes.py", programme="Education")
    at.selectbox(key="prog_intervention").select("ED-02 · Dropout prevention coaching").run()
    at.button(key="prog_open").click().run()
    assert not at.exception
    assert at.query_params["intervention"] == "ED-02"
    assert at.query_params["programme"] == "Education"
    assert not [s for s in at.selectbox if s.key == "prog_programme"]  # another page now


def test_programmes_page_without_spend_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "empty.duckdb"
    store.ensure_database(path)
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    at = AppTest.from_file(str(ROOT / "views" / "programmes.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert t("prog.no_data", "en", year="", municipality="") in [i.value for i in at.info]


# --------------------------------------------------------------------------- benchmark


# Spend per inhabitant in 2025, by hand. Work: Eemsdal 1,000,000 / 10,000 = 100, Noordwold
# 300,000 / 5,000 = 60, Zuidhaven 400,000 / 8,000 = 50; median of the peers 55; 100 / 55 - 1 =
# +81.8%. Care: 50 and 120 (Zuidhaven spends nothing on it); median 120; -58.3%. All: 150, 180
# and 50; median 115; +30.4%. Unemployment (lower is better): 5.5 against the peers' 4 and 6,
# median 5: worse, so better on 0 of 1.
BENCH_BUDGET = """year,programme,municipality,actual
2025,Work,Eemsdal,1000000
2025,Care,Eemsdal,500000
2025,Work,Noordwold,300000
2025,Care,Noordwold,600000
2025,Work,Zuidhaven,400000
"""
BENCH_OUTCOMES = """indicator,period,municipality,value
population,2025,Eemsdal,10000
population,2025,Noordwold,5000
population,2025,Zuidhaven,8000
unemployment,2025,Eemsdal,5.5
unemployment,2025,Noordwold,4.0
unemployment,2025,Zuidhaven,6.0
"""
BENCH_INDICATORS = "indicator,unit,higher_is_better\nunemployment,%,false\n"
SPEND_COLUMNS = ["Programme", "Eemsdal", "Peers' median", "Home against the median"]
OUTCOME_COLUMNS = ["Indicator", "Better when", "Eemsdal", "Peers' median"]


@pytest.fixture(scope="module")
def peers_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = [
        ("budget", BENCH_BUDGET),
        ("outcomes", BENCH_OUTCOMES),
        ("indicators", BENCH_INDICATORS),
    ]
    return builders.database(tmp_path_factory.mktemp("peers") / "w.duckdb", files)


@pytest.fixture
def peers_town(peers_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WHATWORKS_DB", str(peers_db))
    return peers_db


def test_benchmark_page_compares_spend_per_inhabitant_with_the_peers(peers_town: Path) -> None:
    at = open_page("views/benchmark.py")
    assert not at.exception
    assert at.multiselect(key="bench_peers").value == ["Noordwold", "Zuidhaven"]
    assert [m.value for m in at.markdown] == [
        "In 2025, Eemsdal spent €150.00 per inhabitant on these programmes; the median of the "
        "2 peers shown is €115.00.",
        "Furthest above the peers' median: Work (+82%); furthest below: Care (-58%).",
        "In 2025, Eemsdal does better than the peers' median on 0 of 1 indicator.",
    ]
    assert tables(at) == [
        [
            [*SPEND_COLUMNS, "Noordwold", "Zuidhaven"],
            ["Work", "€100.00", "€55.00", "+81.8%", "€60.00", "€50.00"],
            ["Care", "€50.00", "€120.00", "-58.3%", "€120.00", ""],
            ["All programmes", "€150.00", "€115.00", "+30.4%", "€180.00", "€50.00"],
        ],
        [
            [*OUTCOME_COLUMNS, "Noordwold", "Zuidhaven"],
            ["Unemployment (%)", "lower", "5.5", "5", "4", "6"],
        ],
    ]


def test_choosing_peers_changes_the_comparison(peers_town: Path) -> None:
    at = open_page("views/benchmark.py")
    at.multiselect(key="bench_peers").set_value(["Noordwold"]).run()
    assert not at.exception
    # One peer: its figures are the median. Work 100 / 60 - 1 = +66.7%; all 150 / 180 - 1.
    assert tables(at) == [
        [
            [*SPEND_COLUMNS, "Noordwold"],
            ["Work", "€100.00", "€60.00", "+66.7%", "€60.00"],
            ["Care", "€50.00", "€120.00", "-58.3%", "€120.00"],
            ["All programmes", "€150.00", "€180.00", "-16.7%", "€180.00"],
        ],
        [[*OUTCOME_COLUMNS, "Noordwold"], ["Unemployment (%)", "lower", "5.5", "4", "4"]],
    ]
    at.multiselect(key="bench_peers").set_value([]).run()
    assert t("bench.no_peers", "en") in [i.value for i in at.info]


def test_benchmark_with_one_municipality_explains_why_there_is_nothing_to_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = b"jaar;programma;realisatie\n2025;Work;1000,00\n"
    path = builders.database(tmp_path / "alone.duckdb", [("budget", budget)])
    monkeypatch.setenv("WHATWORKS_DB", str(path))
    at = AppTest.from_file(str(ROOT / "views" / "benchmark.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [i.value for i in at.info] == [t("bench.one_municipality", "en", municipality="Eemsdal")]
    assert len(at.get("plotly_chart")) == 0


def test_benchmark_page_runs_in_norwegian(shared: Path) -> None:
    at = open_page("views/benchmark.py", lang="nb")
    assert at.title[0].value == t("bench.title", "nb")


# --------------------------------------------------------------------------- portfolio


def test_portfolio_page_shows_the_pipeline_and_the_three_lists(shared: Path) -> None:
    at = open_page("views/portfolio.py")
    with store.reader(shared) as con:
        p = portfolio.portfolio(con, year=YEAR)
    assert at.title[0].value == t("portfolio.title", "en")
    sentences = [m.value for m in at.markdown]
    for sentence in portfolio_charts.summary(p, "en"):
        assert sentence in sentences
    same(at, portfolio_charts.pipeline_table(p, "en"))
    tables = [tb.value.reset_index(drop=True) for tb in at.table]
    expected = [portfolio_charts.items_table(i, p, "en") for i in (p.candidates, p.review, p.gaps)]
    assert len(tables) == 3
    for shown, wanted in zip(tables, expected, strict=True):
        pd.testing.assert_frame_equal(shown.astype(str), wanted.astype(str))
        headers = list(shown.columns)
        strength = headers.index(t("portfolio.col.strength", "en"))
        assert headers[strength - 1] == t("portfolio.col.effect_class", "en")
    assert [len(p.candidates) > 0, len(p.review) > 0, len(p.gaps) > 0] == [True, True, True]
    assert t("decision.empty", "en", version=4) in [i.value for i in at.info]
    # Spend outside the register is said in the short money form of the other views.
    caption = portfolio_charts.pipeline_caption(p, "en")
    assert caption in [c.value for c in at.caption]
    assert format_money_short(p.unattributed_actual, "EUR", "en") in caption


def test_the_programme_filter_narrows_the_portfolio(shared: Path) -> None:
    at = open_page("views/portfolio.py", programme="Safety")
    with store.reader(shared) as con:
        p = portfolio.portfolio(con, year=YEAR, programme="Safety")
    same(at, portfolio_charts.pipeline_table(p, "en"))
    ids = {i.intervention_id for items in (p.candidates, p.review, p.gaps) for i in items}
    assert ids
    assert all(i.startswith("SF-") for i in ids)


def test_recording_a_decision_adds_a_version_and_lists_it(own: Path) -> None:
    at = open_page("views/portfolio.py")
    at.selectbox(key="decision_intervention").select("SF-01").run()
    at.radio(key="decision_choice").set_value("scale_up").run()
    at.text_area(key="decision_reason").input("The council wants it in every school.").run()
    at.button(key="decision_submit").click().run()
    assert not at.exception
    assert latest(own) == 5
    with store.reader(own) as con:
        (d,) = decisions.list_decisions(con)
        newest = store.versions(con)[0]
    assert (newest["kind"], newest["action"]) == ("decisions", "decision")
    assert (d.intervention_id, d.decision, d.effect_class, d.data_version) == (
        "SF-01",
        "scale_up",
        "harmful",
        4,
    )
    assert d.view_name == "portfolio"
    assert d.decided_by == store.current_user()  # local mode: as loads are recorded
    assert at.success[0].value.startswith(
        t("decision.recorded_against", "en", id=1, version=5, evidence="Harmful", data_version=4)
    )
    header = list(portfolio_decisions_header().columns)
    log_and_against = [d.value for d in at.dataframe if list(d.value.columns) == header]
    column = t("decision.col.intervention_id", "en")
    assert [f[column].tolist() for f in log_and_against] == [["SF-01"], ["SF-01"]]
    with store.reader(own) as con:
        then = analytics.effect(con, "SF-01", version=4)
    assert then is not None
    strength = t("decision.col.strength", "en")
    shown = narrative.strength_text(then.strength, "en")
    assert [f[strength].tolist() for f in log_and_against] == [[shown], [shown]]
    assert at.text_area(key="decision_reason").value == ""


def portfolio_decisions_header() -> pd.DataFrame:
    from whatworks.widgets import decisions_table

    return decisions_table([], "en")


def test_a_viewer_sees_the_log_but_cannot_record(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = roles.Identity("oidc", True, "viewer@town.example", "Viewer", analyst=False)
    monkeypatch.setattr(roles, "current", lambda: viewer)
    at = open_page("views/portfolio.py")
    assert t("decision.analysts_only", "en") in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key == "decision_submit"]
    # Nothing to export yet: the log is empty (the tables offer their own CSV).
    assert "decision_export" not in [b.key for b in at.get("download_button")]


def test_a_decision_without_a_reason_is_not_recorded(own: Path) -> None:
    at = open_page("views/portfolio.py")
    at.radio(key="decision_choice").set_value("continue").run()
    at.button(key="decision_submit").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("decision.need_reason", "en")]
    assert latest(own) == 4


def test_a_correction_supersedes_the_earlier_decision(own: Path) -> None:
    decisions.record(
        own,
        intervention_id="EC-01",
        decision="stop",
        reason="Typo: meant scale up.",
        who="local",
        view="portfolio",
        data_version=4,
    )
    at = open_page("views/portfolio.py")
    at.selectbox(key="decision_intervention").select("EC-01").run()
    at.radio(key="decision_choice").set_value("scale_up").run()
    at.text_area(key="decision_reason").input("Scale up, as decided on 12 March.").run()
    at.selectbox(key="decision_supersedes").select(1).run()
    at.button(key="decision_submit").click().run()
    assert not at.exception
    with store.reader(own) as con:
        log = decisions.list_decisions(con)
    assert [(d.decision_id, d.superseded_by, d.supersedes) for d in log] == [
        (2, None, 1),
        (1, 2, None),
    ]
    assert decisions.against_the_evidence(log) == []


def test_a_pinned_link_shows_the_log_as_it_was(own: Path) -> None:
    decisions.record(
        own,
        intervention_id="SF-01",
        decision="scale_up",
        reason="r",
        who="local",
        view="portfolio",
        data_version=4,
    )
    pinned = open_page("views/portfolio.py", version="4")
    assert t("decision.empty", "en", version=4) in [i.value for i in pinned.info]
    now = open_page("views/portfolio.py")
    assert t("decision.against_title", "en") in [s.value for s in now.subheader]
    assert len(frame_like(now, portfolio_decisions_header())) >= 1


def test_portfolio_page_runs_in_dutch_and_danish(shared: Path) -> None:
    for lang in ("nl", "da"):
        at = open_page("views/portfolio.py", lang=lang)
        assert at.title[0].value == t("portfolio.title", lang)


def latest(path: Path) -> int:
    with store.reader(path) as con:
        return store.latest_version(con)
