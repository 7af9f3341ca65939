"""What a council meeting needs, in a real browser: the page's language, links that explain
themselves, and presentation mode at the two screen sizes meetings use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import SIDEBAR, choose, main_area, normalise, open_view, wait_for_charts
from playwright.sync_api import expect

from whatworks.i18n import LANGUAGES, t


def open_for_screenshot(page: Any, url: str) -> None:
    """Open ``url`` for a screenshot, once its charts have drawn."""
    open_view(page, url)
    wait_for_charts(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_language_is_the_chosen_one(page: Any, server: str, lang: str) -> None:
    open_view(page, f"{server}/data?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_the_page_language_follows_the_selector(page: Any, server: str) -> None:
    open_view(page, f"{server}/data?lang=en")
    choose(page, "ww_lang", "Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_a_bad_link_names_what_it_ignored(page: Any, server: str) -> None:
    open_view(page, f"{server}/spend-vs-effect?year=1800&programme=Nonexistent&stage=bogus")
    alert = normalise(main_area(page).get_by_role("alert").first.inner_text())
    assert "ignored" in alert
    for shown in ("Year “1800”", "Programme “Nonexistent”", "Stage “bogus”"):
        assert shown in alert, alert


def test_a_link_to_an_unknown_intervention_says_so(page: Any, server: str) -> None:
    open_view(page, f"{server}/intervention?intervention=nonexistent&lang=nl")
    expect(main_area(page).get_by_role("alert").first).to_contain_text(
        "De link vraagt om interventie ‘nonexistent’"
    )


PRESENT_SIZES = {"1920": (1920, 1080), "1366": (1366, 768)}


@pytest.mark.parametrize("size", PRESENT_SIZES)
def test_presentation_mode_for_a_shared_screen(
    page: Any, server: str, screenshot_dir: Path, size: str
) -> None:
    width, height = PRESENT_SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    open_for_screenshot(page, f"{server}/?present=1&lang=nl")
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
    title = normalise(page.locator("h1").first.inner_text())
    assert title.startswith(t("overview.title", "nl") + " · 2025 · ")
    assert "Dataversie" in title
    root = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert root >= 19  # Streamlit's 16 px, scaled up
    chart_text = page.locator('[data-testid="stPlotlyChart"] .xtick text').first
    assert float(chart_text.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")) >= 20
    # High contrast: captions in full black (Streamlit draws them at 60 % opacity).
    caption = page.locator('[data-testid="stCaptionContainer"]').first
    assert caption.evaluate("(el) => getComputedStyle(el).opacity") == "1"
    assert caption.evaluate("(el) => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    page.screenshot(path=str(screenshot_dir / f"presentation_{size}.png"))
    # Leaving brings the sidebar back and drops the mode from the link.
    main_area(page).get_by_role("button", name=t("frame.present_leave", "nl")).click()
    page.wait_for_timeout(500)
    open_view(page, page.url)
    expect(page.locator(SIDEBAR)).to_be_visible()
    assert "present=" not in page.url


# The README shows a view in Danish and one in Norwegian beside the English ones.
LANGUAGE_SHOTS = {"da": ("spend-vs-effect", "Udgifter og effekt"), "nb": ("", "Oversikt")}


@pytest.mark.parametrize("lang", LANGUAGE_SHOTS)
def test_a_view_in_another_language_screenshot(
    page: Any, server: str, screenshot_dir: Path, lang: str
) -> None:
    path, menu_entry = LANGUAGE_SHOTS[lang]
    page.set_viewport_size({"width": 1400, "height": 1600})
    open_for_screenshot(page, f"{server}/{path}?lang={lang}")
    expect(page.locator(SIDEBAR)).to_contain_text(menu_entry)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    name = (path or "overview").replace("-", "_")
    page.screenshot(path=str(screenshot_dir / f"{name}_{lang}.png"))
