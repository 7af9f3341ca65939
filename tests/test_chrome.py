"""Streamlit's and Plotly's own English texts in the reader's language (whatworks.chrome).

The browser side is checked in tests/e2e/test_accessibility.py (axe names every button); here
the config, the script and the style the frame hands to the browser, against texts written
out by hand.
"""

from __future__ import annotations

import json
import re

import pytest

from whatworks import chrome

# The toolbar strings Streamlit 1.67's Plotly shows on our charts (read from its bundle).
TOOLBAR = (
    "Download plot as a PNG",
    "Zoom",
    "Pan",
    "Zoom in",
    "Zoom out",
    "Autoscale",
    "Reset axes",
    "Double-click to zoom back out",
)


@pytest.mark.parametrize("lang", ["nl", "da", "nb"])
def test_plotly_gets_every_toolbar_string_in_the_language(lang: str) -> None:
    config = chrome.plotly_config(lang)
    assert config["locale"] == lang
    assert config["displaylogo"] is False
    dictionary = config["locales"][lang]["dictionary"]
    for english in TOOLBAR:
        assert dictionary[english], english
        assert dictionary[english] != english, (lang, english)


def test_plotly_toolbar_words_are_the_catalogue_ones() -> None:
    dictionary = chrome.plotly_config("nl")["locales"]["nl"]["dictionary"]
    assert dictionary["Download plot as a PNG"] == "Grafiek downloaden als PNG"
    assert dictionary["Zoom out"] == "Uitzoomen"
    assert chrome.plotly_config("nb-NO")["locale"] == "nb"


def test_extra_plotly_options_pass_through() -> None:
    assert chrome.plotly_config("en", scrollZoom=False)["scrollZoom"] is False


def _rules(script: str) -> list[list[str]]:
    match = re.search(r"const rules = (\[.*?\]);", script)
    assert match is not None
    rules: list[list[str]] = json.loads(match.group(1))
    return rules


def test_the_script_renames_the_uploader_button_and_running_icon_in_the_language() -> None:
    rules = _rules(chrome.script("da"))
    texts = {(selector, attribute): text for selector, attribute, text in rules}
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] > p'
    assert texts[button, ""] == "Vælg filer"
    assert texts['[data-testid="stStatusWidgetRunningIcon"]', "aria-label"] == "Arbejder…"
    assert texts['.modebar-btn[data-title="Fullscreen"]', "aria-label"] == "Fuld skærm"


def test_the_script_cannot_close_its_own_tag() -> None:
    assert "</" not in chrome.script("en").replace("<\\/", "")


def test_the_style_hides_only_the_uploader_instructions() -> None:
    css = chrome.css()
    hidden = re.findall(r"([^\n{]+)\{ display: none; \}", css)
    assert [h.strip() for h in hidden] == [
        '[data-testid="stFileUploaderDropzone"] [data-testid="stFileUploaderDropzoneInstructions"]'
    ]


def test_every_chart_makes_room_for_its_axis_labels() -> None:
    """Charts are drawn with our theme, not Streamlit's (which set automargin): a programme
    name on a category axis must push the plot aside, not be cut at the edge."""
    from whatworks import charts

    layout = charts.base_layout("en")
    assert layout["xaxis"]["automargin"] is True
    assert layout["yaxis"]["automargin"] is True
