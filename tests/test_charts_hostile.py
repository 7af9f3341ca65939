"""Every chart, drawn on data whose indicator, municipality, programme and intervention names
are HTML, Markdown, Plotly template placeholders, TeX, very long or right-to-left, shows those
names as text: the figure each view draws (through :func:`whatworks.plain.figure`, as the page
and the report do) holds no tag from data, no name pasted into a hover or text template, and
no bidirectional control from data that could turn the figure's own words around.

The database is the demo, loaded through the production path with names replaced. What the
figures must hold is written by hand below (the escaped forms)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import builders
import plotly.graph_objects as go
import pytest

from whatworks import chrome, demo, plain, reports, store
from whatworks.reports import html as html_report

TAGS = "<b>x</b> **bold**"
PLACEHOLDERS = "%{x} %{customdata[9]}"  # no chart has a tenth field
TEX = "$\\alpha$"
LONG = "Lang" + "e" * 496  # 500 characters
RTL = "\u202eבית ספר 12"  # a right-to-left override, Hebrew letters and digits

# Demo names (first column) replaced by hostile ones in every demo file; none holds the
# files' delimiters (',' and ';') or quotes.
RENAMES = {
    # Indicators: of YC-01 (its chart's axis title) and two of the benchmark's.
    "youth_care_rereferral_rate": f"{TAGS} {PLACEHOLDERS}",
    "youth_care_use_rate": TEX,
    "unemployment_rate": f"{PLACEHOLDERS} {TAGS}",
    # Municipalities (the benchmark's peers).
    "Brakelveen": RTL,
    "Heuvelrade": LONG,
    "Lindenwoude": f"<i>Linden</i> {TEX}",
    # A programme and an intervention.
    "Youth care": f"Youth {TAGS}",
    "Family coaching at home": f"Family {PLACEHOLDERS} {RTL}",
}
# What an escaped name looks like in a figure (written out by hand).
ESCAPED = {
    TAGS: "&lt;b&gt;x&lt;/b&gt; **bold**",
    "<i>Linden</i>": "&lt;i&gt;Linden&lt;/i&gt;",
}
RAW_TAGS = ("<b>x</b>", "<i>Linden</i>")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TEMPLATE_FIELDS = ("hovertemplate", "texttemplate")


def hostile_files() -> list[tuple[str, bytes, str]]:
    return builders.renamed_demo_files(RENAMES)


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every chart of every view, as the page hands it to Plotly: ``view/slug`` -> figure."""
    settings = {"home_municipality": demo.HOME_MUNICIPALITY, "default_currency": demo.CURRENCY}
    db = builders.database(
        tmp_path_factory.mktemp("hostile") / "w.duckdb", hostile_files(), settings
    )
    made: dict[str, dict[str, Any]] = {}
    with store.reader(db) as cur:
        version = store.latest_version(cur)

        def fetch(fn: Any, *args: Any, **kwargs: Any) -> Any:
            return fn(cur, *args, **kwargs)

        for view in reports.VIEWS:
            request = reports.Request(view=view, lang="en", version=version, intervention="YC-01")
            report = reports.build(fetch, request, now=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))
            for slug, make in report.charts.items():
                made[f"{view}/{slug}"] = plain.figure(make()).to_plotly_json()
    return made


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every string in a figure's JSON."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from strings(item, f"{path}[{n}]")


def test_every_view_draws_its_charts(figures: dict[str, dict[str, Any]]) -> None:
    assert sorted(figures) == [
        "benchmark/outcomes",
        "benchmark/spend-per-inhabitant",
        "intervention/indicator",
        "intervention/spend",
        "overview/by-evidence",
        "overview/by-programme",
        "portfolio/pipeline",
        "programmes/budget-vs-actual",
        "programmes/shares",
        "spend_vs_effect/spend-vs-effect",
    ]


def test_the_hostile_names_are_in_the_figures_escaped(figures: dict[str, dict[str, Any]]) -> None:
    """Not left out: each name is shown, as text."""
    texts = {view: "\n".join(s for _, s in strings(fig)) for view, fig in figures.items()}
    everything = "\n".join(texts.values())
    assert ESCAPED[TAGS] in texts["intervention/indicator"]  # the indicator: the axis title
    assert "Unemployment rate" not in texts["benchmark/outcomes"]
    assert f"{PLACEHOLDERS} {ESCAPED[TAGS]}" in texts["benchmark/outcomes"]
    assert TEX in texts["benchmark/outcomes"]
    assert ESCAPED["<i>Linden</i>"] in texts["benchmark/spend-per-inhabitant"]
    assert LONG in texts["benchmark/spend-per-inhabitant"]  # whole, not cut
    # The right-to-left name is isolated on its own, not with the figure after it.
    assert "\u2068בית ספר 12\u2069: " in texts["benchmark/spend-per-inhabitant"]
    assert f"Youth {ESCAPED[TAGS]}" in texts["overview/by-programme"]
    assert f"Family {PLACEHOLDERS}" in texts["spend_vs_effect/spend-vs-effect"]
    assert f"Youth {ESCAPED[TAGS]}" in everything


@pytest.mark.parametrize("tag", RAW_TAGS)
def test_no_figure_holds_a_tag_from_data(figures: dict[str, dict[str, Any]], tag: str) -> None:
    leaks = [(view, path) for view, fig in figures.items() for path, s in strings(fig) if tag in s]
    assert leaks == []


def test_no_name_is_pasted_into_a_template(figures: dict[str, dict[str, Any]]) -> None:
    """A hover or text template is the chart's own: names reach it through its fields only,
    so a name's ``%{x}`` is shown, not filled in."""
    leaks = [
        (view, path, s)
        for view, fig in figures.items()
        for path, s in strings(fig)
        if path.endswith(TEMPLATE_FIELDS) and ("%{customdata[9]}" in s or "Linden" in s)
    ]
    assert leaks == []
    templates = {s for fig in figures.values() for p, s in strings(fig) if p.endswith("template")}
    assert templates  # there are templates to check


def test_no_figure_holds_a_bidi_control_from_data(figures: dict[str, dict[str, Any]]) -> None:
    """A right-to-left override in a name would turn the rest of the line around (the
    figures beside it in a hover): the name is isolated instead, its letters kept."""
    leaks = [
        (view, path)
        for view, fig in figures.items()
        for path, s in strings(fig)
        if BIDI_CONTROLS & set(s) and not _isolated(s)
    ]
    assert leaks == []


def _isolated(text: str) -> bool:
    """Every bidi control in ``text`` is one of ours: a first-strong isolate around a name,
    closed, with no override or embedding inside."""
    depth = 0
    for c in text:
        if c == "\u2068":
            depth += 1
        elif c == "\u2069":
            depth -= 1
            if depth < 0:
                return False
        elif c in BIDI_CONTROLS:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("<b>x</b> &", "&lt;b&gt;x&lt;/b&gt; &amp;"),
        ("%{x} $\\alpha$ **b**", "%{x} $\\alpha$ **b**"),  # the template and TeX: not here
        ("\u202eevil 12", "evil 12"),  # an override from data is left out
        ("a\u2069\u202eb", "ab"),  # so is an isolate's end that would close ours
        ("בית ספר 12", "\u2068בית ספר 12\u2069"),  # right-to-left: isolated
        ("<i>\u202bمدرسة</i>", "\u2068&lt;i&gt;مدرسة&lt;/i&gt;\u2069"),
        ("Eemsdal", "Eemsdal"),
    ],
)
def test_plotly_text_is_escaped_and_bidi_isolated(name: str, shown: str) -> None:
    assert plain.plotly(name) == shown


def test_no_chart_typesets_tex(figures: dict[str, dict[str, Any]]) -> None:
    """Plotly reads $...$ as TeX where MathJax is loaded: both configs turn that off."""
    assert chrome.plotly_config("en")["typesetMath"] is False
    chart = plain.figure(go.Figure(go.Bar(x=[TEX], y=[1])))
    assert '"typesetMath": false' in html_report.chart_html(chart, include_plotlyjs=False)
    assert any(TEX in s for fig in figures.values() for _, s in strings(fig))
