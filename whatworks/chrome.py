"""Streamlit's and Plotly's own English texts in the reader's language, where the app can.

No Streamlit here: :func:`plotly_config` is the ``config`` every ``st.plotly_chart`` gets
(Plotly translates its toolbar's buttons, their tooltips and their accessible names through a
``locales`` dictionary); :func:`script` puts Streamlit's own English texts that the app can
reach (the uploader's button, the chart's full-screen button, the "running" icon's name) in
the reader's language as Streamlit draws them; :func:`css` hides the uploader's English
instructions (the Data page writes its own caption) and sizes section headings so that the
semantic ``<h2>`` reads like a section, not a second title. The texts come from the
catalogues, never from user data. What stays English is listed in docs/accessibility.md.
"""

from __future__ import annotations

import json
from typing import Any, Final

from whatworks.i18n import normalise_language, t

# Plotly's (and Streamlit's Plotly toolbar's) English strings -> our catalogue keys. Plotly
# looks each string up in the ``locales`` dictionary of the chart's config.
PLOTLY_STRINGS: Final[dict[str, str]] = {
    "Download plot as a PNG": "chrome.plotly.download_png",
    "Download plot as a png": "chrome.plotly.download_png",
    "Download plot": "chrome.plotly.download",
    "Zoom": "chrome.plotly.zoom",
    "Pan": "chrome.plotly.pan",
    "Box Select": "chrome.plotly.box_select",
    "Lasso Select": "chrome.plotly.lasso_select",
    "Zoom in": "chrome.plotly.zoom_in",
    "Zoom out": "chrome.plotly.zoom_out",
    "Autoscale": "chrome.plotly.autoscale",
    "Reset axes": "chrome.plotly.reset_axes",
    "Reset view": "chrome.plotly.reset_view",
    "Reset": "chrome.plotly.reset",
    "Fullscreen": "chrome.plotly.fullscreen",
    "Close fullscreen": "chrome.plotly.close_fullscreen",
    "Double-click to zoom back out": "chrome.plotly.zoom_back",
    "Double-click on legend to isolate one trace": "chrome.plotly.isolate_trace",
    "Compare data on hover": "chrome.plotly.compare_hover",
    "Show closest data on hover": "chrome.plotly.closest_hover",
    "Toggle Spike Lines": "chrome.plotly.spikes",
    "Image download succeeded": "chrome.plotly.image_done",
}


def plotly_config(lang: str, **extra: Any) -> dict[str, Any]:
    """Plotly's ``config`` for a chart in ``lang``: no Plotly logo, the toolbar translated,
    and no TeX: a name between dollar signs is text, even where MathJax is on the page."""
    code = normalise_language(lang)
    dictionary = {english: t(key, code) for english, key in PLOTLY_STRINGS.items()}
    return {
        "displaylogo": False,
        "typesetMath": False,
        "locale": code,
        "locales": {code: {"dictionary": dictionary}},
        **extra,
    }


UPLOADER: Final = '[data-testid="stFileUploaderDropzone"]'
# Streamlit's English texts in the page that a script can put in the reader's language:
# (CSS selector, attribute or "" for the element's text, catalogue key). Plotly's own
# strings go through plotly_config; these are Streamlit's, drawn outside Plotly.
DOM_TEXTS: Final[tuple[tuple[str, str, str], ...]] = (
    (f'{UPLOADER} button [data-testid="stMarkdownContainer"] > p', "", "chrome.upload_button"),
    (f'{UPLOADER} input[type="file"]', "aria-label", "chrome.upload_input"),
    ('.modebar-btn[data-title="Fullscreen"]', "aria-label", "chrome.plotly.fullscreen"),
    ('.modebar-btn[data-title="Fullscreen"]', "data-title", "chrome.plotly.fullscreen"),
    ('.modebar-btn[data-title="Close fullscreen"]', "aria-label", "chrome.plotly.close_fullscreen"),
    ('.modebar-btn[data-title="Close fullscreen"]', "data-title", "chrome.plotly.close_fullscreen"),
    ('[data-testid="stStatusWidgetRunningIcon"]', "aria-label", "chrome.running"),
)


def script(lang: str) -> str:
    """JavaScript that keeps :data:`DOM_TEXTS` in ``lang`` as Streamlit redraws the page.

    A ``MutationObserver`` on the document puts our text back whenever Streamlit draws one
    of these elements again; each run replaces the previous run's observer (a language
    change takes effect at once). The texts are the catalogue's, written as JSON literals.
    """
    rules = [[selector, attribute, t(key, lang)] for selector, attribute, key in DOM_TEXTS]
    data = json.dumps(rules, ensure_ascii=False).replace("</", "<\\/")
    return (
        "(() => {"
        f"const rules = {data};"
        "const apply = () => { for (const [sel, attr, text] of rules) {"
        " for (const el of document.querySelectorAll(sel)) {"
        "  if (attr === '') { if (el.textContent !== text) el.textContent = text; }"
        "  else if (el.getAttribute(attr) !== text) el.setAttribute(attr, text); } } };"
        "if (window.wwChromeObserver) window.wwChromeObserver.disconnect();"
        "window.wwChromeObserver = new MutationObserver(apply);"
        "window.wwChromeObserver.observe(document.body,"
        " {childList: true, subtree: true, characterData: true, attributes: true,"
        " attributeFilter: ['data-title', 'aria-label']});"
        "apply(); })();"
    )


def css() -> str:
    """The style every page gets (see the module's docstring)."""
    return (
        f'{UPLOADER} [data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}\n'
        '[data-testid="stMain"] h2 { font-size: 1.75rem; }\n'
        '[data-testid="stMain"] h3 { font-size: 1.35rem; }\n'
    )
