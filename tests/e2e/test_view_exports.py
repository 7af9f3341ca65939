"""Exports in a real browser (issue 11): a view's downloads clicked and the files opened —
numbers as numbers, formulas neutralised, the HTML report's headline figures equal to the
view's, the report working offline, a chart's PNG."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import TIMEOUT, keyed, normalise, open_view, settle
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
# A year the demo does not have, with programmes named like formulas (spend by hand: 1,600.00).
HOSTILE_BUDGET = """year,programme,budgeted,actual
2019,=1+1,1000.00,1200.50
2019,@SUM(1+1),400.00,300.25
2019,+31,100.00,99.25
2019,-2+3,10.00,0.00
"""


@pytest.fixture(scope="module")
def writer_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, and a 2019 budget of Eemsdal whose programme names look like formulas."""
    folder = tmp_path_factory.mktemp("e2e-exports")
    db = folder / "whatworks.duckdb"
    run = [sys.executable, "-m", "whatworks"]
    subprocess.run([*run, "demo", "--db", str(db)], cwd=ROOT, check=True, capture_output=True)
    budget = folder / "hostile.csv"
    budget.write_text(HOSTILE_BUDGET, encoding="utf-8")
    subprocess.run(
        [*run, "load", "budget", str(budget), "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return db


def _download(page: Any, key: str, folder: Path) -> Path:
    """Click the download button with this key; the file, saved under the name it offers."""
    button = keyed(page, key).get_by_role("button")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=TIMEOUT) as download:
        button.click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_a_view_s_data_downloads_as_numbers_with_formulas_neutralised(
    writer_page: Any, writer_server: str, tmp_path: Path
) -> None:
    page = writer_page
    open_view(page, f"{writer_server}/?year=2019&lang=en")
    workbook = _download(page, "overview_export_xlsx", tmp_path)
    assert re.fullmatch(r"whatworks_overview_2019_v5_\d{4}-\d\d-\d\d\.xlsx", workbook.name)
    book = load_workbook(workbook)
    sheet = book["by-programme"]
    assert [c.value for c in sheet[1]] == ["Programme", "Effect class", "Spend", "Share"]
    spend = {
        row[0].value: row[2] for row in sheet.iter_rows(min_row=2) if row[1].value == "Not measured"
    }
    assert set(spend) == {"'=1+1", "'@SUM(1+1)", "'+31", "'-2+3"}
    assert spend["'=1+1"].value == 1200.5
    assert spend["'=1+1"].data_type == "n"
    assert spend["'=1+1"].number_format == '#,##0.00 "EUR"'
    assert spend["'@SUM(1+1)"].value == 300.25
    about = {row[0].value: row[1].value for row in book["about"].iter_rows()}
    assert about["Year"] == "2019"

    # Printed, the view leaves out the sidebar and the download block.
    page.emulate_media(media="print")
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert keyed(page, "overview_export_block").is_hidden()
    assert page.locator('[data-testid="stPlotlyChart"]').first.is_visible()
    page.emulate_media(media="screen")

    table = _download(page, "overview_export_csv", tmp_path)
    assert table.name.startswith("whatworks_overview-by-programme_2019_v5_")
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Programme", "Effect class", "Spend", "Share"]
    not_measured = {r[0]: r[2:] for r in rows[1:] if r[1] == "Not measured"}
    # 1200.50 of 1200.50 + 300.25 + 99.25 + 0.00 = 1600.00: a share of 0.7503125.
    assert not_measured["'=1+1"] == ["1200.50", "1.0"]  # all of its programme's spend
    assert not_measured["'-2+3"] == ["0.00", ""]  # no spend: no share


def test_the_html_report_shows_the_view_s_figures_and_works_offline(
    page: Any, server: str, browser: Any, tmp_path: Path
) -> None:
    open_view(page, f"{server}/?year=2025&lang=nl")
    tiles = page.locator('[data-testid="stMetric"]')
    shown = {
        normalise(tiles.nth(i).locator('[data-testid="stMetricLabel"]').inner_text()): normalise(
            tiles.nth(i).locator('[data-testid="stMetricValue"]').inner_text()
        )
        for i in range(tiles.count())
    }
    assert "Werkelijke uitgaven 2025" in shown
    copy = _download(page, "overview_export_html", tmp_path)
    assert copy.suffix == ".html"

    # Opened as an e-mail attachment would be, with every network request refused.
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, offline=True)
    asked: list[str] = []
    context.route("**/*", lambda route: (asked.append(route.request.url), route.continue_()))
    tab = context.new_page()
    tab.goto(copy.as_uri())
    tab.wait_for_selector(".js-plotly-plot g.trace", timeout=TIMEOUT)
    assert [u for u in asked if not u.startswith("file:")] == []
    tiles_in_report = {
        normalise(t.locator(".label").inner_text()): normalise(t.locator(".value").inner_text())
        for t in tab.locator(".tile").all()
    }
    for label, value in shown.items():
        assert tiles_in_report[label].startswith(value), (label, value, tiles_in_report[label])
    assert tab.locator(".js-plotly-plot").count() == 2
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()

    # The chart beside the chosen table, as an image with its title and filters drawn in.
    make = keyed(page, "overview_export_png_make").get_by_role("button")
    make.scroll_into_view_if_needed()
    make.click()
    settle(page, timeout_ms=90_000)
    image = _download(page, "overview_export_png", tmp_path)
    assert image.name.startswith("whatworks_overview-by-programme_2025_v4_")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert len(image.read_bytes()) > 10_000
