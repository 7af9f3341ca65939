"""Small helpers for driving Streamlit in Chromium."""

from __future__ import annotations

from typing import Any

APP = '[data-testid="stApp"]'
EXCEPTION = '[data-testid="stException"]'
RUNNING = '[data-testid="stStatusWidget"]'


def settle(page: Any, timeout_ms: int = 30_000) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector(APP, timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)
    page.wait_for_timeout(500)
    page.wait_for_function(f"() => !document.querySelector('{RUNNING}')", timeout=timeout_ms)
    page.wait_for_timeout(800)


def open_view(page: Any, url: str) -> None:
    """Load a URL and wait for the page to settle; fail on an exception box."""
    page.goto(url)
    settle(page)
    assert_no_exception(page)


def assert_no_exception(page: Any) -> None:
    boxes = page.locator(EXCEPTION)
    if boxes.count():
        raise AssertionError("exception shown: " + boxes.first.inner_text()[:2000])
