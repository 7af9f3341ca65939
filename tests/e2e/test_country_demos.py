"""The Danish and the Norwegian demo municipality, served and seen in their own language.

Each builds its demo (``whatworks demo --country dk|no``) and serves it; the README shows the
screenshots (``make screenshots`` writes them to docs/screenshots).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, _new_page, _serve
from e2e_helpers import normalise, open_view, wait_steady
from playwright.sync_api import expect

# country -> (language, view path, the home municipality and a programme, written by hand).
SHOTS = {
    "dk": ("da", "programmes", "Bækkeby", "Børn og unge med særlige behov"),
    "no": ("nb", "benchmark", "Fjellvik", "Barnevern"),
}


@pytest.fixture(scope="module", params=list(SHOTS))
def country_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp(f"demo-{request.param}") / "whatworks.duckdb"
    subprocess.run(
        [sys.executable, "-m", "whatworks", "demo", "--country", request.param, "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with _serve(db) as url:
        yield request.param, url


def test_a_country_demo_in_its_language_screenshot(
    browser: Any, country_server: tuple[str, str], screenshot_dir: Path
) -> None:
    country, url = country_server
    context, page = _new_page(browser)
    lang, path, home, programme = SHOTS[country]
    page.set_viewport_size({"width": 1400, "height": 1600})
    # The root first: a fresh server's first deep link meets the router defect (app.py).
    open_view(page, f"{url}/?lang={lang}")
    wait_steady(page)
    open_view(page, f"{url}/{path}?lang={lang}")
    wait_steady(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # The page's text (the sidebar's municipality filter included) and the charts' text.
    shown = normalise(page.locator("body").inner_text())
    shown += " " + normalise(" ".join(page.locator(".js-plotly-plot").all_inner_texts()))
    assert home in shown
    assert programme in shown
    name = (path or "overview").replace("-", "_")
    page.screenshot(path=str(screenshot_dir / f"{name}_{country}.png"))
    context.close()
