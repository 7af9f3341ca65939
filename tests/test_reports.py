"""Exports on every view (issue 11): the data behind each chart and table as CSV and .xlsx with
numbers as numbers, each chart as PNG, the whole view as one self-contained HTML report, the
same from ``whatworks report``. Files are opened and read back; expected figures are written
by hand or summed independently from the stored rows."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from whatworks import exports, reports, store
from whatworks.charts import EFFECT_CLASSES
from whatworks.cli import app
from whatworks.exports import Column, DataTable
from whatworks.i18n import t
from whatworks.reports import png

ROOT = Path(__file__).resolve().parents[1]
D = Decimal
HOSTILE_PROGRAMME = "<img src=x onerror=alert(1)>"
HOSTILE_NAME = "<script>alert(1)</script>"
HOME = {"home_municipality": "Town", "default_currency": "EUR"}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Town, 2025: three programmes named like formulas and markup; 1,600.00 spent in 2025."""
    register = [
        {"intervention_id": "H-1", "name": HOSTILE_NAME, "programme": "=1+1", "stage": "pilot"}
    ]
    budget = [
        {"year": 2025, "programme": "=1+1", "intervention_id": "H-1"}
        | {"budgeted": D("1000.00"), "actual": D("1200.50")},
        {"year": 2025, "programme": HOSTILE_PROGRAMME, "intervention_id": None}
        | {"budgeted": D("400.00"), "actual": D("300.25")},
        {"year": 2025, "programme": "@SUM(1+1)", "intervention_id": None}
        | {"budgeted": D("100.00"), "actual": D("99.25")},
        {"year": 2024, "programme": "=1+1", "intervention_id": "H-1"}
        | {"budgeted": D("1000.00"), "actual": D("1000.00")},
    ]
    files = [
        ("programmes", builders.csv_text(register)),
        ("budget", builders.csv_text(budget)),
    ]
    return builders.database(tmp_path_factory.mktemp("hostile") / "t.duckdb", files, HOME)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.demo_database(tmp_path_factory.mktemp("demo") / "w.duckdb")


def _build(db: Path, view: str, lang: str = "en", **given: Any) -> reports.ViewReport:
    with store.reader(db) as cur:
        version = store.latest_version(cur)

        def fetch(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(cur, *args, **kwargs)

        request = reports.Request(view=view, lang=lang, version=version, **given)
        made = reports.build(fetch, request, now=dt.datetime(2026, 11, 30, 9, 5, tzinfo=dt.UTC))
        # Figures are made when asked for: make them while the cursor is open.
        for make in made.charts.values():
            make()
        return made


def _sheet_rows(data: bytes, sheet: str) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(data))
    return [tuple(c.value for c in row) for row in book[sheet].iter_rows()]


# --------------------------------------------------------------------------- xlsx and csv


HAND_TABLE = DataTable(
    "hand",
    "Hand",
    (
        Column("=Programme"),
        Column("Spend", "money"),
        Column("Share", "percent"),
        Column("Count", "integer"),
        Column("Start", "date"),
    ),
    (
        ("=1+1", D("1234.50"), 0.287, 3, dt.date(2025, 1, 31)),
        ("@SUM(1+1)", D("-2.00"), -0.05, -1, None),
        ("+31", D("0.10"), 1.0, 0, None),
        ("-2+3", None, None, None, None),
        ("＝1+1", D("7"), 0.5, 1, None),
        ("\tTab", D("1"), 0.1, 1, None),
        ("\rCR", D("1"), 0.1, 1, None),
        ("Plain", D("1"), 0.1, 1, None),
    ),
    "EUR",
)


def test_a_workbook_holds_numbers_with_number_formats_not_text() -> None:
    book = load_workbook(io.BytesIO(exports.xlsx_bytes([HAND_TABLE], [("View", "=x")])))
    assert book.sheetnames == ["about", "hand"]
    assert book["about"]["B1"].value == "'=x"
    sheet = book["hand"]
    assert [c.value for c in sheet[1]] == ["'=Programme", "Spend", "Share", "Count", "Start"]
    spend, share, count, start = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert (spend.data_type, spend.value, spend.number_format) == ("n", 1234.5, '#,##0.00 "EUR"')
    assert (share.data_type, share.value, share.number_format) == ("n", 0.287, "0.0%")
    assert (count.data_type, count.value, count.number_format) == ("n", 3, "#,##0")
    assert start.is_date
    assert start.value == dt.datetime(2025, 1, 31)
    assert start.number_format == "yyyy-mm-dd"
    # A negative number stays a number: only text cells are neutralised.
    assert (sheet["B3"].data_type, sheet["B3"].value) == ("n", -2)
    assert (sheet["C3"].value, sheet["D3"].value) == (-0.05, -1)
    assert sheet["B5"].value is None  # unknown stays empty, not 0 and not "None"


def test_a_workbook_neutralises_every_formula_like_text() -> None:
    rows = _sheet_rows(exports.xlsx_bytes([HAND_TABLE]), "hand")
    assert [r[0] for r in rows[1:]] == [
        "'=1+1",
        "'@SUM(1+1)",
        "'+31",
        "'-2+3",
        "'＝1+1",
        "'\tTab",
        "'\nCR",  # neutralised; XML reads a stored carriage return back as a line feed
        "Plain",
    ]


def test_a_data_csv_writes_numbers_unformatted_and_neutralises_text() -> None:
    text = exports.data_csv(HAND_TABLE).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["'=Programme", "Spend", "Share", "Count", "Start"]
    assert rows[1] == ["'=1+1", "1234.50", "0.287", "3", "2025-01-31"]
    assert rows[2] == ["'@SUM(1+1)", "-2.00", "-0.05", "-1", ""]
    assert rows[4] == ["'-2+3", "", "", "", ""]


def test_file_names_say_view_filters_version_and_date() -> None:
    day = dt.date(2026, 11, 30)
    assert (
        exports.file_name("overview", [2025], 12, day, "xlsx")
        == "whatworks_overview_2025_v12_2026-11-30.xlsx"
    )
    name = exports.file_name(
        "programmes", [2025, "Jeugd & Gezin", "../=x<>"], 3, day, "csv", table="by-programme"
    )
    assert name == "whatworks_programmes-by-programme_2025_jeugd-gezin_x_v3_2026-11-30.csv"
    assert exports.slug("Sociale zaken (Wmo) — Ålesund") == "sociale-zaken-wmo-alesund"


# --------------------------------------------------------------------------- the view's data


def test_the_overview_workbook_holds_the_view_s_money_as_numbers(hostile: Path) -> None:
    made = _build(hostile, "overview")
    data = reports.xlsx_file(made)
    rows = _sheet_rows(data, "by-programme")
    assert rows[0] == ("Programme", "Effect class", "Spend", "Share")
    # Every 2025 amount is "not measured" (no effect in the register): by hand.
    not_measured = {r[0]: r[2] for r in rows[1:] if r[1] == "Not measured"}
    assert not_measured == {"'=1+1": 1200.5, HOSTILE_PROGRAMME: 300.25, "'@SUM(1+1)": 99.25}
    assert sum(r[2] for r in rows[1:]) == pytest.approx(1600.00)
    book = load_workbook(io.BytesIO(data))
    assert book["by-programme"]["C2"].number_format == '#,##0.00 "EUR"'
    assert book["by-programme"]["D2"].number_format == "0.0%"
    about = dict(_sheet_rows(data, "about"))
    assert about["Data version"] == "2"
    assert about["Year"] == "2025"


def test_each_table_s_csv_is_the_view_s_data(hostile: Path) -> None:
    made = _build(hostile, "programmes")
    rows = list(
        csv.reader(io.StringIO(reports.csv_file(made, "budget-vs-actual").decode("utf-8-sig")))
    )
    assert rows[1] == ["'=1+1", "2025", "1000.00", "1200.50", "200.50", "0.2005", "0.7503125"]
    assert rows[2][:5] == [HOSTILE_PROGRAMME, "2025", "400.00", "300.25", "-99.75"]
    assert reports.names(made, "csv", table="budget-vs-actual") == (
        "whatworks_programmes-budget-vs-actual_2025_v2_2026-11-30.csv"
    )


def test_the_workbook_of_the_demo_sums_to_the_stored_spend(demo: Path) -> None:
    made = _build(demo, "overview", year=2025)
    rows = _sheet_rows(reports.xlsx_file(made), "by-programme")
    with store.reader(demo) as cur:
        (stored,) = cur.execute(
            "select sum(actual) from budget where year = 2025 and municipality = 'Eemsdal'"
        ).fetchone()
    assert D(str(round(sum(r[2] for r in rows[1:]), 2))) == stored


def test_the_overview_report_with_shares_on_shows_each_programme_s_shares(hostile: Path) -> None:
    """The page's switch at "share": the report's chart is in shares and says so."""
    shares = _build(hostile, "overview", share=True)
    bars = {trace.meta: trace.x for trace in shares.charts["by-programme"]().data}
    # All 2025 spend of each of the three programmes is not measured: 100 %, by hand.
    assert bars["not_measured"] == (1.0, 1.0, 1.0)
    assert bars["works"] == (0.0, 0.0, 0.0)
    assert ("Show", "Share of each programme") in reports.about(shares)
    page = reports.html_file(shares).decode()
    assert "<dt>Show</dt><dd>Share of each programme</dd>" in page
    assert "Share of the programme's spend" in page  # the axis title
    assert dict(_sheet_rows(reports.xlsx_file(shares), "about"))["Show"] == (
        "Share of each programme"
    )
    money = _build(hostile, "overview")
    bars = {trace.meta: trace.x for trace in money.charts["by-programme"]().data}
    assert bars["not_measured"] == (1200.5, 300.25, 99.25)
    assert "Show" not in dict(reports.about(money))


def test_the_demo_s_share_chart_is_each_class_s_spend_over_its_programme_s(demo: Path) -> None:
    made = _build(demo, "overview", year=2025, share=True)
    rows = _sheet_rows(reports.xlsx_file(made), "by-programme")[1:]
    totals: dict[str, float] = {}
    for programme, _, spend, _ in rows:
        totals[programme] = totals.get(programme, 0.0) + spend
    names = {t(f"effect.{c}", "en"): c for c in EFFECT_CLASSES}
    expected = {(p, names[c]): spend / totals[p] for p, c, spend, _ in rows}
    figure = made.charts["by-programme"]()
    shown = {
        (p, trace.meta): x for trace in figure.data for p, x in zip(trace.y, trace.x, strict=True)
    }
    assert shown == pytest.approx(expected)
    assert len({x for x in shown.values() if 0 < x < 1}) > 5  # shares, not all or nothing


def test_spend_vs_effect_keeps_exact_amounts(hostile: Path) -> None:
    made = _build(hostile, "spend_vs_effect")
    (table,) = made.tables()
    spend = table.headers.index("Spend (EUR)")
    assert table.columns[spend].kind == "money"
    assert [row[spend] for row in table.rows] == [D("1200.50")]
    rows = list(
        csv.reader(io.StringIO(reports.csv_file(made, "spend-vs-effect").decode("utf-8-sig")))
    )
    assert rows[1][:3] == ["H-1", HOSTILE_NAME, "'=1+1"]
    assert rows[1][spend] == "1200.50"


# --------------------------------------------------------------------------- the HTML report


def _outside_scripts(page: str) -> str:
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL)


def test_the_report_is_self_contained(demo: Path) -> None:
    page = reports.html_file(_build(demo, "overview", lang="nl")).decode()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page
    assert "<script src" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", _outside_scripts(page))
    assert page.count("plotly.js v") >= 1  # the library itself is inside the file
    assert page.count('class="plotly-graph-div"') == 2  # both charts, interactive
    assert "@media print" in page
    assert "size: A4" in page


def test_the_report_s_headline_figures_are_the_view_s(demo: Path) -> None:
    with store.reader(demo) as cur:
        (total,) = cur.execute(
            "select sum(actual) from budget where year = 2025 and municipality = 'Eemsdal'"
        ).fetchone()
    # Written by hand as the Dutch words write millions: one decimal, "mln".
    millions = f"{(total / D(1_000_000)).quantize(D('0.1'))}".replace(".", ",")
    page = reports.html_file(_build(demo, "overview", lang="nl")).decode()
    assert f"€\xa0{millions}\xa0mln" in _outside_scripts(page)
    assert "Werkelijke uitgaven 2025" in page
    assert "<dt>Dataversie</dt><dd>4</dd>" in page
    assert "<dt>Jaar</dt><dd>2025</dd>" in page
    assert "<dt>Taal</dt><dd>Nederlands</dd>" in page


def test_the_report_escapes_hostile_names(hostile: Path) -> None:
    for view in ("overview", "programmes", "intervention", "portfolio", "spend_vs_effect"):
        page = reports.html_file(_build(hostile, view, intervention="H-1")).decode()
        assert "<img src=x" not in page, view
        assert "<script>alert" not in page, view
    page = reports.html_file(_build(hostile, "programmes")).decode()
    assert html.escape(HOSTILE_PROGRAMME) in _outside_scripts(page)


# --------------------------------------------------------------------------- PNG


def test_a_chart_image_carries_its_title_filters_version_and_date() -> None:
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    fig.update_layout(height=300)
    titled = png.titled(fig, "Spend <b>", ["Overview · Year: 2025", "Data version 4 · 2026-11-30"])
    text = titled.layout.title.text
    assert "Spend &lt;b&gt;" in text
    assert "Year: 2025" in text
    assert "Data version 4 · 2026-11-30" in text
    assert titled.layout.height == 300 + png.TITLE_MARGIN
    assert fig.layout.title.text is None  # the view's own figure is left as it was


def test_a_hung_image_ends_within_its_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(png.PngError, match="longer than"):
        png.png_bytes(go.Figure(), timeout=0.05)
    assert time.monotonic() - started < 10


# --------------------------------------------------------------------------- the CLI


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("view", "extra"),
    [
        ("overview", []),
        ("spend_vs_effect", ["--stage", "scaling"]),
        ("intervention", ["--intervention", "EC-01"]),
        ("programmes", ["--programme", "Education"]),
        ("benchmark", ["--peer", "Brakelveen"]),
        ("portfolio", []),
    ],
)
def test_the_cli_writes_each_view_s_report(
    demo: Path, tmp_path: Path, view: str, extra: list[str]
) -> None:
    out = tmp_path / f"{view}.html"
    result = _cli(
        "report", "--view", view, "--year", "2025", "--lang", "da", "--out", str(out),
        "--db", str(demo), *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Rapport skrevet: {out}" in result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="da">' in page
    assert "<dt>Dataversion</dt><dd>4</dd>" in page
    assert "<dt>År</dt><dd>2025</dd>" in page


def test_the_cli_report_equals_the_app_s_report(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    result = _cli("report", "--view", "overview", "--out", str(out), "--db", str(demo))
    assert result.exit_code == 0, result.output
    app_made = _build(demo, "overview")
    assert _sheet_rows(out.read_bytes(), "by-programme") == _sheet_rows(
        reports.xlsx_file(app_made), "by-programme"
    )


def test_the_cli_report_with_share_is_the_app_s_share_report(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    args = ["report", "--view", "overview", "--share", "--lang", "nl", "--db", str(demo)]
    result = _cli(*args, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert dict(_sheet_rows(out.read_bytes(), "about"))["Toon"] == "Aandeel per programma"
    page = tmp_path / "o.html"
    assert _cli(*args, "--out", str(page)).exit_code == 0
    charts = re.findall(r'Plotly.newPlot\(\s*"[^"]+",\s*(\[.*?\]),\s*\{', page.read_text())
    app_made = _build(demo, "overview", lang="nl", share=True)
    expected = app_made.charts["by-programme"]()
    first = json.loads(charts[0])
    assert [trace["x"] for trace in first] == [list(trace.x) for trace in expected.data]
    assert max(x for trace in first for x in trace["x"]) <= 1.0


def test_the_cli_refuses_share_for_a_view_without_the_switch(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    args = ["--share", "--lang", "en", "--db", str(demo), "--out", str(out)]
    result = _cli("report", "--view", "programmes", *args)
    assert result.exit_code == 2
    assert not out.exists()
    assert "--share is for the overview" in result.output
    assert "not for Programmes" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "bogus"], "There is no view “bogus”. Choose one of: overview,"),
        (["--view", "overview", "--year", "1999"], "Year “1999” is not in the data"),
        (["--view", "overview", "--municipality", "Nowhere"], "Municipality “Nowhere”"),
        (["--view", "portfolio", "--programme", "Nope"], "Programme “Nope” is not in the data"),
        (["--view", "spend_vs_effect", "--stage", "bogus"], "Stage “bogus” is not in the data"),
        (["--view", "intervention", "--intervention", "X-9"], "The intervention “X-9”"),
        (["--view", "intervention"], "needs one intervention"),
        (["--view", "overview", "--version", "99"], "There is no data version 99"),
        (["--view", "overview", "--lang", "xx"], "unknown language 'xx'"),
        (["--view", "overview", "--out", "r.pdf"], "--out must end in .html or .xlsx"),
    ],
)
def test_the_cli_refuses_unknown_views_and_filter_values(
    demo: Path, args: list[str], message: str
) -> None:
    result = (
        _cli("report", *args, "--db", str(demo), "--lang", "en")
        if "--lang" not in args
        else (_cli("report", *args, "--db", str(demo)))
    )
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- the pages


PAGES = ("overview", "spend_vs_effect", "intervention", "programmes", "benchmark", "portfolio")


@pytest.fixture
def served_demo(demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WHATWORKS_DB", str(demo))
    return demo


@pytest.mark.parametrize("page", PAGES)
def test_every_view_offers_its_downloads(served_demo: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
    if page == "intervention":
        at.query_params["intervention"] = "EC-01"
    at.run()
    assert not at.exception
    offered = {b.key for b in at.get("download_button")}
    assert {f"{page}_export_{kind}" for kind in ("csv", "xlsx", "html")} <= offered
    assert f"{page}_export_png_make" in {b.key for b in at.button}
    tables = at.selectbox(key=f"{page}_export_table")
    assert tables.options  # every table of the view can be chosen
    styles = "".join(h.proto.body for h in at.get("html"))
    assert "@media print" in styles  # the page prints without its sidebar, charts on A4
    assert '[data-testid="stSidebar"]' in styles.split("@media print")[1]


def test_the_overview_s_downloads_follow_its_share_switch(
    served_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[reports.Request] = []
    build = reports.build

    def spy(fetch: Any, request: reports.Request, **kw: Any) -> reports.ViewReport:
        made.append(request)
        return build(fetch, request, **kw)

    monkeypatch.setattr(reports, "build", spy)
    at = AppTest.from_file(str(ROOT / "views" / "overview.py"), default_timeout=60)
    at.run()
    assert [r.share for r in made] == [False]
    at.radio(key="ov_measure").set_value("share").run()
    assert not at.exception
    assert [r.share for r in made] == [False, True]


@pytest.mark.parametrize("page", ["overview", "spend_vs_effect"])
def test_a_shared_screen_shows_no_download_block(served_demo: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert not [b.key for b in at.get("download_button") if "_export_" in str(b.key)]
    assert not [b.key for b in at.button if "_export_" in str(b.key)]
    assert t("export.title") not in [h.value for h in at.subheader]
