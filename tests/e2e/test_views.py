"""Every view renders in a real browser, deep links work, and screenshots are taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import SIDEBAR, TIMEOUT, assert_no_exception, open_view, settle, wait_for_charts
from playwright.sync_api import expect

from whatworks import ui

# What each view shows in its screenshot, beyond the defaults: the Intervention view opens
# on one demo intervention with a measured effect (its name is checked below).
SHOWCASE: dict[str, tuple[str, str]] = {
    "intervention": ("?intervention=ED-01", "Early childhood education (VVE)"),
}
SCREENSHOT_SIZE = {"width": 1400, "height": 1600}


def view_url(server: str, spec: ui.PageSpec) -> str:
    """The view's address: the default page (the first) at "/", the others at their path."""
    path = "" if spec == ui.PAGES[0] else spec.url_path
    return f"{server}/{path}{SHOWCASE.get(spec.url_path, ('', ''))[0]}"


def screenshot_name(spec: ui.PageSpec) -> str:
    return spec.url_path.replace("-", "_") + ".png"


@pytest.mark.parametrize("spec", ui.PAGES, ids=[p.url_path for p in ui.PAGES])
def test_every_view_renders_without_an_exception(
    page: Any, server: str, screenshot_dir: Path, spec: ui.PageSpec
) -> None:
    page.set_viewport_size(SCREENSHOT_SIZE)
    open_view(page, view_url(server, spec))
    expect(page.locator("h1").first).not_to_be_empty()
    if spec.url_path in SHOWCASE:
        expect(page.locator("h2").first).to_have_text(SHOWCASE[spec.url_path][1])
    wait_for_charts(page)
    assert_no_exception(page)
    page.screenshot(path=str(screenshot_dir / screenshot_name(spec)))


def test_a_deep_link_on_a_fresh_session_keeps_language_and_filters(page: Any, server: str) -> None:
    open_view(page, f"{server}/data?lang=nl")
    # The menu is the app's own (Dutch titles), not Streamlit's folder navigation.
    # The sidebar's menu can draw a moment after the main area settles: wait for it.
    sidebar = page.locator(SIDEBAR)
    expect(sidebar).to_contain_text("Overzicht", timeout=TIMEOUT)
    expect(sidebar).to_contain_text("Instellingen", timeout=TIMEOUT)
    assert "lang=nl" in page.url


def test_the_menu_switches_views_and_keeps_the_language(page: Any, server: str) -> None:
    open_view(page, f"{server}/?lang=nl")
    page.locator(SIDEBAR).get_by_text("Data", exact=True).click()
    settle(page)
    assert_no_exception(page)
    assert "/data" in page.url
    assert "lang=nl" in page.url
