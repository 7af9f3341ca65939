"""Every view renders in a real browser, deep links work, and screenshots are taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import assert_no_exception, open_view, settle

from whatworks import ui


@pytest.mark.parametrize("spec", ui.PAGES, ids=[p.url_path for p in ui.PAGES])
def test_every_view_renders_without_an_exception(
    page: Any, server: str, screenshot_dir: Path, spec: ui.PageSpec
) -> None:
    open_view(page, f"{server}/{spec.url_path}")
    assert page.locator("h1").count() >= 1
    page.screenshot(path=str(screenshot_dir / f"{spec.url_path.replace('-', '_')}.png"))


def test_a_deep_link_on_a_fresh_session_keeps_language_and_filters(page: Any, server: str) -> None:
    open_view(page, f"{server}/data?lang=nl")
    # The menu is the app's own (Dutch titles), not Streamlit's folder navigation.
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Overzicht" in sidebar.inner_text()
    assert "Instellingen" in sidebar.inner_text()
    assert "lang=nl" in page.url


def test_the_menu_switches_views_and_keeps_the_language(page: Any, server: str) -> None:
    open_view(page, f"{server}/?lang=nl")
    page.locator('[data-testid="stSidebar"]').get_by_text("Data", exact=True).click()
    settle(page)
    assert_no_exception(page)
    assert "/data" in page.url
    assert "lang=nl" in page.url
