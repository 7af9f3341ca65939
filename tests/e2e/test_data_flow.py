"""Loading and restoring data through the Data page, on a server and database of their own.

The tests run in file order: the Dutch budget file is loaded as version 5, then version 4
(the demo) is restored as version 6. Each test brings the database to the state it needs
first, so one can also run alone.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from e2e_helpers import (
    TIMEOUT,
    choose,
    dataframe_rows,
    keyed,
    main_area,
    normalise,
    open_view,
    settle,
)
from playwright.sync_api import expect

from whatworks import analytics, browse, dataops, ingest, narrative, store
from whatworks.i18n import format_number, t

DEMO_LATEST = 4  # the demo database's newest version
NEW_YEAR = 2026  # the demo's budget ends in 2025
# A Dutch export: ";" between fields, "." for thousands and "," for decimals.
DUTCH_BUDGET = (
    "jaar;programma;interventie;begroot;realisatie;gemeente\n"
    "2026;Social support (Wmo);SS-01;1.234.567,89;1.200.000,50;Eemsdal\n"
    "2026;Youth care;;2.000.000,00;2.100.000,25;Eemsdal\n"
)
DUTCH_ACTUAL = Decimal("1200000.50") + Decimal("2100000.25")
BAD_BUDGET = (
    "jaar;programma;interventie;begroot;realisatie;gemeente\n"
    "2026;Social support (Wmo);SS-01;1.000,00;900,00;Eemsdal\n"
    "2026;Youth care;;12,3x;2.100,25;Eemsdal\n"
)
UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'
SUCCESS = '[data-testid="stAlertContentSuccess"]'
ERROR = '[data-testid="stAlertContentError"]'


def write_file(folder: Path, name: str, text: str) -> tuple[Path, str]:
    """The file on disk and the token the Data page keys its widgets by."""
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path, dataops.file_token(name, path.read_bytes())


def col(name: str) -> str:
    """A header of the validation report."""
    return t(f"data.report_col.{name}", "en")


def versions(db: Path) -> list[dict[str, Any]]:
    with store.reader(db) as con:
        return list(store.versions(con))


def ensure_loaded(db: Path, tmp_path: Path) -> None:
    """The Dutch budget is loaded (as the upload test does), for a test run on its own."""
    if any(v["source_file"] == "budget_nl.csv" for v in versions(db)):
        return
    path, _ = write_file(tmp_path, "budget_nl.csv", DUTCH_BUDGET)
    actor = dataops.Actor("e2e", analyst=True)
    options = ingest.LoadOptions()
    report = dataops.load_file(db, actor, "budget", path.read_bytes(), path.name, options)
    assert report.version is not None, report


def upload(page: Any, path: Path, token: str) -> Any:
    """Give the Data page one file and wait until its validate button is there."""
    page.locator(UPLOAD_INPUT).set_input_files(str(path))
    validate = keyed(page, f"data_validate_{token}").get_by_role("button")
    expect(validate).to_be_enabled(timeout=TIMEOUT)
    settle(page)
    return validate


def file_box(page: Any, name: str, token: str) -> Any:
    """The bordered box the Data page draws for one uploaded file (the innermost one)."""
    heading = page.get_by_role("heading", name=t("data.file_title", "en", name=name))
    blocks = page.locator('[data-testid="stVerticalBlock"]')
    return blocks.filter(has=heading).filter(has=keyed(page, f"data_validate_{token}")).last


def test_a_semicolon_decimal_comma_budget_is_validated_and_loaded(
    writer_page: Any, writer_server: str, writer_db: Path, tmp_path: Path
) -> None:
    page = writer_page
    assert versions(writer_db)[0]["version_id"] == DEMO_LATEST, "a fresh demo database"
    path, token = write_file(tmp_path, "budget_nl.csv", DUTCH_BUDGET)
    open_view(page, f"{writer_server}/data")
    validate = upload(page, path, token)
    box = file_box(page, path.name, token)
    # Recognised as a budget, read with ";" between fields and "," as the decimal sign.
    kind = keyed(page, f"data_kind_{token}").get_by_role("combobox")
    expect(kind).to_have_value(t("kind.budget", "en"))
    dialect = normalise(box.inner_text())
    assert t("data.dialect_delimiter", "en", delimiter=";") in dialect
    assert t("data.dialect_decimal", "en", decimal=",") in dialect
    load = keyed(page, f"data_load_{token}").get_by_role("button")
    expect(load).to_be_disabled()  # not before validating

    validate.click()
    ok = t("data.report_ok", "en", rows=format_number(2, "en"), warnings=0)
    expect(box.locator(SUCCESS)).to_have_text(ok, timeout=TIMEOUT)
    expect(box.locator(ERROR)).to_have_count(0)
    expect(load).to_be_enabled(timeout=TIMEOUT)
    load.click()
    new = DEMO_LATEST + 1
    loaded = t("data.loaded", "en", version=new, inserted="2", replaced="0")
    expect(box.locator(SUCCESS).filter(has_text=loaded)).to_be_visible(timeout=TIMEOUT)
    assert versions(writer_db)[0]["version_id"] == new

    # The new year is there, with the loaded total, on the Overview.
    open_view(page, f"{writer_server}/?year={NEW_YEAR}")
    assert f"year={NEW_YEAR}" in page.url
    total = page.locator('[data-testid="stMetric"]').first
    expect(total).to_contain_text(t("overview.kpi_total", "en", year=NEW_YEAR))
    expected = narrative.money(DUTCH_ACTUAL, "EUR", "en")
    assert expected.startswith("€")
    value = total.locator('[data-testid="stMetricValue"]')
    assert normalise(value.inner_text()) == normalise(expected)
    with store.reader(writer_db) as con:
        kpis = analytics.overview(con, year=NEW_YEAR).kpis
    assert Decimal(str(kpis.total_actual)) == DUTCH_ACTUAL


def test_a_file_with_a_bad_amount_shows_where_and_cannot_be_loaded(
    writer_page: Any, writer_server: str, writer_db: Path, tmp_path: Path
) -> None:
    page = writer_page
    before = versions(writer_db)[0]["version_id"]
    path, token = write_file(tmp_path, "budget_bad.csv", BAD_BUDGET)
    open_view(page, f"{writer_server}/data")
    validate = upload(page, path, token)
    validate.click()
    box = file_box(page, path.name, token)
    expect(box.locator(ERROR)).to_have_text(
        t("data.report_errors", "en", errors=format_number(1, "en")), timeout=TIMEOUT
    )
    settle(page)
    expect(keyed(page, f"data_load_{token}").get_by_role("button")).to_be_disabled()
    # The report table (the last table in the box, after the preview) names the cell.
    report = dataframe_rows(page, box.locator('[data-testid="stDataFrame"]').last)
    assert len(report) == 1
    (row,) = report
    assert row[col("row")] == "3"  # header on row 1, the bad amount on row 3
    assert row[col("column")] == "begroot"
    assert row[col("value")] == "12,3x"
    assert "12,3x" in row[col("message")]
    assert versions(writer_db)[0]["version_id"] == before  # nothing was written


def test_restoring_the_demo_version_takes_the_upload_out_again(
    writer_page: Any, writer_server: str, writer_db: Path, tmp_path: Path
) -> None:
    page = writer_page
    ensure_loaded(writer_db, tmp_path)
    latest = versions(writer_db)[0]["version_id"]
    open_view(page, f"{writer_server}/data")
    page.get_by_role("tab", name=t("data.versions", "en")).click()
    option = t("data.version_option", "en", version=DEMO_LATEST)
    choose(page, "data_restore_version", re.compile(rf"^{re.escape(option)} ·"))
    restore = keyed(page, "data_restore").get_by_role("button")
    expect(restore).to_be_disabled()  # not before confirming
    keyed(page, "data_restore_confirm").locator("label").click()
    expect(restore).to_be_enabled(timeout=TIMEOUT)
    restore.click()
    new = latest + 1
    restored = t("data.restored", "en", version=DEMO_LATEST, new=new)
    expect(main_area(page).locator(SUCCESS).filter(has_text=restored)).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    # The versions table's newest row is the restore, from version 4.
    panel = page.locator('[role="tabpanel"]:visible').first
    table = dataframe_rows(page, panel.locator('[data-testid="stDataFrame"]').first)
    newest = table[0]
    assert newest[t("col.version_id", "en")] == str(new)
    assert newest[t("col.action", "en")] == t("action.restore", "en")
    assert newest[t("col.restored_from", "en")] == str(DEMO_LATEST)

    # The budget is the demo's again: no 2026, and the Overview falls back to the newest year.
    with store.reader(writer_db) as con:
        years = browse.filter_options(con, new)["year"]
    assert NEW_YEAR not in years
    open_view(page, f"{writer_server}/?year={NEW_YEAR}")
    assert f"year={max(years)}" in page.url
    total = page.locator('[data-testid="stMetric"]').first
    expect(total).to_contain_text(t("overview.kpi_total", "en", year=max(years)))
    shown = normalise(total.locator('[data-testid="stMetricValue"]').inner_text())
    assert shown != normalise(narrative.money(DUTCH_ACTUAL, "EUR", "en"))
