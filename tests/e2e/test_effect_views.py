"""The effect views in the browser, checked against the analytics on the same demo database.

Read-only: these run on the shared server (``server``) and never load or restore data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from e2e_helpers import TIMEOUT, keyed, main_area, normalise, open_view
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from whatworks import analytics, browse, narrative, store
from whatworks.charts import effects as charts
from whatworks.i18n import t


@pytest.fixture(scope="module")
def con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The shared server's database, read-only, as the app reads it."""
    with store.reader(demo_db) as cursor:
        yield cursor


def latest_year(con: duckdb.DuckDBPyConnection, version: int | None = None) -> int:
    version = version or store.latest_version(con)
    years: list[int] = browse.filter_options(con, version)["year"]
    return max(years)


def sentence_on_page(page: Any) -> str:
    box = keyed(page, "ov_sentence")
    expect(box).to_be_visible(timeout=TIMEOUT)
    return normalise(box.inner_text())


# --------------------------------------------------------------------------- overview


@pytest.mark.parametrize(
    ("query", "lang"), [("", "en"), ("?lang=nl", "nl")], ids=["default-en", "nl"]
)
def test_the_overview_sentence_shows_the_figures_of_the_analytics(
    page: Any, server: str, con: duckdb.DuckDBPyConnection, query: str, lang: str
) -> None:
    year = latest_year(con)
    view = analytics.overview(con, year=year)
    expected = normalise(" ".join(narrative.overview_sentences(view.sentence, lang)))
    # The default page is at "/" (not "/overview"), and shows the newest year.
    open_view(page, f"{server}/{query}")
    assert sentence_on_page(page) == expected
    assert f"year={year}" in page.url
    assert "version=" not in page.url  # the latest data, not pinned
    expect(keyed(page, "ww_pin").locator("input[type=checkbox]")).not_to_be_checked()
    # The first tile is the year's total actual spend, in the page's language.
    total = page.locator('[data-testid="stMetric"]').first
    expect(total).to_contain_text(t("overview.kpi_total", lang, year=year))
    shown = normalise(total.locator('[data-testid="stMetricValue"]').inner_text())
    assert shown == normalise(narrative.money(view.kpis.total_actual, view.kpis.currency, lang))


def test_a_link_pinning_a_data_version_opens_pinned_and_in_dutch(
    page: Any, server: str, con: duckdb.DuckDBPyConnection
) -> None:
    latest = store.latest_version(con)
    assert latest > 3, "the demo has more than three versions"
    open_view(page, f"{server}/?version=3&lang=nl")
    expect(page.locator("h1").first).to_have_text(t("overview.title", "nl"))
    pin = keyed(page, "ww_pin")
    expect(pin).to_contain_text(t("frame.pin", "nl", version=3))
    expect(pin.locator("input[type=checkbox]")).to_be_checked()
    pinned = t("frame.version_pinned", "nl", version=3, latest=latest)
    expect(main_area(page).get_by_text(pinned)).to_be_visible()
    # The figures are those of version 3 (before the outcomes were loaded), not the latest.
    year = latest_year(con, 3)
    then = analytics.overview(con, year=year, version=3).sentence
    assert then != analytics.overview(con, year=year).sentence, "else this proves nothing"
    expected = normalise(" ".join(narrative.overview_sentences(then, "nl")))
    assert sentence_on_page(page) == expected
    assert "version=3" in page.url
    assert "lang=nl" in page.url


# --------------------------------------------------------------------------- spend vs effect


def shown_figures(con: duckdb.DuckDBPyConnection) -> list[analytics.InterventionFigures]:
    """What Spend vs effect shows with the default filters: the newest year, all of it."""
    return analytics.intervention_figures(con, year=latest_year(con))


def expect_intervention(page: Any, intervention_id: str, name: str) -> None:
    page.wait_for_url(re.compile(rf"/intervention\?.*intervention={re.escape(intervention_id)}"))
    expect(page.locator("h1").first).to_have_text(t("nav.intervention", "en"))
    expect(page.locator("h2").first).to_have_text(name, timeout=TIMEOUT)


def test_selecting_a_table_row_opens_that_intervention(
    page: Any, server: str, con: duckdb.DuckDBPyConnection
) -> None:
    figures = shown_figures(con)
    table, _ = charts.spend_vs_effect_table(figures, "en")
    # The view orders its table by spend, high to low, by default.
    spend = table.columns[list(charts.TABLE_KINDS).index("spend")]
    table = table.sort_values(spend, ascending=False, kind="stable", na_position="last")
    row = 2  # not the first, so a click that picks the wrong row is noticed
    intervention_id = str(table.index[row])
    name = next(
        f.name or f.intervention_id for f in figures if f.intervention_id == intervention_id
    )
    open_view(page, f"{server}/spend-vs-effect")
    grid = keyed(page, "sve_table")
    # The grid is drawn once its data has come (a skeleton is a 40 px grey bar before that).
    expect(grid.locator('[data-testid="stDataFrameResizable"]')).to_be_visible(timeout=TIMEOUT)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: rows are 35 px under a 35 px header; the selection column is
    # the first, about 32 px wide.
    page.mouse.click(box["x"] + 16, box["y"] + 35 * (row + 1) + 17)
    expect_intervention(page, intervention_id, name)


def test_clicking_a_bubble_opens_that_intervention(
    page: Any, server: str, con: duckdb.DuckDBPyConnection
) -> None:
    names = {f.intervention_id: f.name or f.intervention_id for f in shown_figures(con)}
    open_view(page, f"{server}/spend-vs-effect")
    bubble = keyed(page, "sve_chart").locator(".scatterlayer .point").first
    expect(bubble).to_be_visible(timeout=TIMEOUT)
    # Which intervention the bubble stands for: Plotly keeps each point's data on it.
    intervention_id = bubble.evaluate(
        "el => el.closest('g.trace').__data__[0].trace.customdata[el.__data__.i][0]"
    )
    assert intervention_id in names
    bubble.click(force=True)  # force: the chart's drag layer lies over the points
    expect_intervention(page, intervention_id, names[intervention_id])


def test_the_keyboard_fallback_opens_an_intervention(
    page: Any, server: str, con: duckdb.DuckDBPyConnection
) -> None:
    figures = shown_figures(con)
    chosen = figures[-1]  # the smallest spend: far from the first option
    # Typing and Enter race the widget's own redraws in a busy browser; up to three tries,
    # each from a fresh view, every step bounded in time.
    for attempt in range(3):
        open_view(page, f"{server}/spend-vs-effect")
        try:
            field = keyed(page, "sve_open").get_by_role("combobox")
            field.focus()
            field.fill(chosen.name, timeout=5_000)  # typing filters the options to this one
            option = page.get_by_role("option").filter(has_text=chosen.name).first
            option.wait_for(state="visible", timeout=5_000)
            page.keyboard.press("ArrowDown")  # the one filtered option, highlighted
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(r"/intervention\?"), timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    expect_intervention(page, chosen.intervention_id, chosen.name)
