"""Small helpers for driving Streamlit in Chromium."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

APP = '[data-testid="stApp"]'
EXCEPTION = '[data-testid="stException"]'
RUNNING = '[data-testid="stStatusWidget"]'
# What Streamlit draws for an element a script run has not reached yet.
SKELETON = '[data-testid="stSkeleton"]'
SIDEBAR = '[data-testid="stSidebar"]'
# A shown sidebar holds text (its menu); a hidden one (presentation mode, print) has no boxes.
SIDEBAR_DRAWN = (
    f"() => {{ const s = document.querySelector('{SIDEBAR}'); "
    "return !s || s.getClientRects().length === 0 || s.innerText.trim() !== ''; }"
)


def settle(page: Any, timeout_ms: int = 30_000) -> None:
    """Wait until the app has rendered and no script run is in progress.

    A run shows the status widget only after a moment, hence the first pause; elements it
    has not reached yet are skeletons, a shown sidebar is empty until its menu is drawn, and
    the last pause lets the final ones draw.
    """
    page.wait_for_selector(APP, timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)
    page.wait_for_timeout(400)
    page.wait_for_function(f"() => !document.querySelector('{RUNNING}')", timeout=timeout_ms)
    page.wait_for_function(f"() => !document.querySelector('{SKELETON}')", timeout=timeout_ms)
    page.wait_for_function(SIDEBAR_DRAWN, timeout=timeout_ms)
    page.wait_for_timeout(300)


def open_view(page: Any, url: str) -> None:
    """Load a URL and wait for the page to settle; fail on an exception box or a dialog.

    No view opens a dialog by itself: one on arrival is Streamlit's "Page not found" (a deep
    link that the router did not resolve), which once met a fresh server's first request.
    """
    page.goto(url)
    settle(page)
    dialogs = page.get_by_role("dialog")
    if dialogs.count():
        raise AssertionError(f"a dialog over {url}: " + dialogs.first.inner_text()[:500])
    assert_no_exception(page)


def assert_no_exception(page: Any) -> None:
    boxes = page.locator(EXCEPTION)
    if boxes.count():
        raise AssertionError("exception shown: " + boxes.first.inner_text()[:2000])


# --------------------------------------------------------------------------- reading and choosing

TIMEOUT = 20_000  # ms: for one script run after a click (a load or a restore included)
# Spaces that locale formats put in money and percentages (€ 1,2 mln), read as plain spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def normalise(text: str) -> str:
    """Text with non-breaking and thin spaces as spaces and runs of white space as one."""
    return " ".join(text.translate(_SPACES).split())


def main_area(page: Any) -> Any:
    return page.locator('[data-testid="stMain"]')


def keyed(page: Any, key: str) -> Any:
    """The container Streamlit marks with ``st-key-<key>`` (widgets and keyed containers)."""
    return page.locator(f".st-key-{key}")


def choose(page: Any, key: str, option: str | re.Pattern[str]) -> None:
    """Pick an option of the selectbox with this key by its visible label."""
    keyed(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=option).first.click()
    settle(page)


def dataframe_rows(page: Any, frame: Any) -> list[dict[str, str]]:
    """The rows of a ``st.dataframe`` (drawn on a canvas) through its "Download as CSV".

    Needs the page fixtures' init script that hides ``showSaveFilePicker``. The button is
    hidden from users (``ui.HIDE_TABLE_DOWNLOAD``: its CSV is not formula-neutralised), so the
    test clicks it by script; what it reads is the table's data as drawn.
    """
    frame.scroll_into_view_if_needed()
    frame.hover()
    with page.expect_download(timeout=TIMEOUT) as download:
        button = frame.get_by_role("button", name="Download as CSV", include_hidden=True)
        button.dispatch_event("click")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def wait_for_charts(page: Any, timeout_ms: int = TIMEOUT) -> None:
    """Wait until every visible chart and table has drawn (for screenshots).

    Plotly draws its traces a moment after the chart's frame, and a table its canvas; the
    page is done when no element is still a loading skeleton. Closed expanders and hidden
    tabs are not drawn, so they are not waited for.
    """
    page.wait_for_function(
        """() => {
            const shown = (el) => el.offsetParent !== null && !el.closest('details:not([open])');
            const all = (selector) => Array.from(document.querySelectorAll(selector)).filter(shown);
            return all('[data-testid="stSkeleton"]').length === 0
                && all('[data-testid="stPlotlyChart"]').every((c) => c.querySelector('g.trace'))
                && all('[data-testid="stDataFrame"]').every((d) => d.querySelector('canvas'));
        }""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)  # the last frame of Plotly's drawing


def wait_steady(page: Any, tries: int = 20) -> None:
    """Wait until the view has its title and the main area stops changing.

    On a busy machine, or for a fresh server's cold first run, a view's script run can start
    after ``settle`` has already seen no run in progress; a check of the whole page (axe, a
    screenshot) must wait for all of it.
    """
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    size = -1
    for _ in range(tries):
        settle(page)
        wait_for_charts(page)
        now = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').innerHTML.length"
        )
        if now == size:
            return
        size = now
        page.wait_for_timeout(700)
