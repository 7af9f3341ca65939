"""User text is always text: the one escape for Markdown and the one for Plotly.

Names, file names, sheet names, column names and error texts come from the analyst's files
and may hold anything. Streamlit renders Markdown (links, images that fetch a URL, KaTeX,
``:red[…]`` directives, emoji shortcodes) in ``st.markdown``, headers, captions, alerts and
widget labels; Plotly renders a subset of HTML (``<a href>``, ``<b>``, ``<br>``) in every
label, legend, axis title and hover text. Data reaches either only through these functions:

- :func:`markdown` for any data inside Markdown, :func:`say` for a catalogue sentence whose
  values are data (every value escaped, the sentence's own markup kept);
- :func:`plotly` for any data a chart builder puts in a figure's ``text``, ``hovertext``,
  ``customdata`` or annotations, and in hover templates only through those fields
  (``%{customdata[0]}``, ``%{fullData.name}``), never pasted into the template itself;
- :func:`figure`, applied to every figure on its way to the page: categories (``x``, ``y``,
  ``labels``, tick texts) and trace names are always data, so it escapes them there, once.

No Streamlit here.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

import plotly.graph_objects as go

from whatworks.i18n import t

# Every ASCII character Markdown, GFM, KaTeX or Streamlit's directives give a meaning to.
# A backslash before ASCII punctuation always means the character itself (CommonMark 2.4).
MARKDOWN_SPECIAL: Final = frozenset("\\`*_{}[]<>()#+-.!|$~:&=^\"'")
# Unicode's explicit bidirectional formatting: embeddings, overrides, isolates and their ends.
BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FIRST_STRONG_ISOLATE: Final = "\u2068"
POP_DIRECTIONAL_ISOLATE: Final = "\u2069"


def markdown(text: object) -> str:
    """``text`` as Markdown that shows exactly those characters, on one line, bidi-safe
    (:func:`bidi_safe`)."""
    plain = bidi_safe(" ".join(str(text).splitlines()) if text is not None else "")
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in plain)


def bidi_safe(text: str) -> str:
    """``text`` without bidirectional controls, and isolated when it holds right-to-left
    letters, so that a name cannot turn around the words and figures beside it (``€ 600``
    after a Hebrew name, or everything after a right-to-left override)."""
    plain = "".join(c for c in text if c not in BIDI_CONTROLS)
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in plain):
        return FIRST_STRONG_ISOLATE + plain + POP_DIRECTIONAL_ISOLATE
    return plain


def say(key: str, lang: str | None = None, **values: Any) -> str:
    """The catalogue text ``key`` for Markdown, each string value escaped as data."""
    escaped = {k: markdown(v) if isinstance(v, str) else v for k, v in values.items()}
    return t(key, lang, **escaped)


def plotly(text: object) -> str:
    """``text`` for a Plotly label, legend, axis or hover text: shown, never interpreted
    (tags escaped), bidi-safe (:func:`bidi_safe`): ``%{y}: € 600`` stays in its order."""
    return html.escape(bidi_safe("" if text is None else str(text)), quote=False)


# Fields of a trace that only ever hold data (never a chart builder's own markup).
_DATA_FIELDS: Final = ("x", "y", "labels", "parents", "ids")


def _escaped(values: Any) -> Any:
    if isinstance(values, str):
        return plotly(values)
    if isinstance(values, Sequence) or hasattr(values, "tolist"):
        items = values.tolist() if hasattr(values, "tolist") else list(values)
        if any(isinstance(v, str) for v in items):
            return [plotly(v) if isinstance(v, str) else v for v in items]
    return values


def figure(fig: go.Figure) -> go.Figure:
    """``fig`` with its categories, tick texts and trace names shown as text (in place)."""
    for trace in fig.data:
        for name in _DATA_FIELDS:
            if name in trace and trace[name] is not None:
                trace[name] = _escaped(trace[name])
        if getattr(trace, "name", None):
            trace.name = plotly(trace.name)
    for axis in fig.layout:
        if axis.startswith(("xaxis", "yaxis")):
            for name in ("categoryarray", "ticktext"):
                values = fig.layout[axis][name]
                if values is not None:
                    fig.layout[axis][name] = _escaped(values)
    return fig


__all__ = ["BIDI_CONTROLS", "MARKDOWN_SPECIAL", "figure", "markdown", "plotly", "say"]
