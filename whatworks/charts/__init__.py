"""Chart colours and layout: one colour-blind-safe palette, fixed per meaning. No Streamlit.

The palette is Okabe & Ito's (2008), distinguishable with every common colour-vision
deficiency. Each effect class and each evidence level always has the same colour, on every
view, so a reader learns it once; a class whose cause is unknown is a light tint of its
causal sibling's hue, and bars add a hatch (``EFFECT_PATTERNS``) so it never rests on colour.
Colour is never the only carrier of meaning: every chart has a legend with words and a
table beside it. Marks get a dark outline (``OUTLINE``) so their edge meets WCAG 2.1 AA's
3:1 for graphics against the white background, and text on a coloured fill uses
:func:`text_colour_on`, which picks the colour with the higher contrast.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Final

from babel.numbers import get_decimal_symbol, get_group_symbol

from whatworks.analytics.effects import EFFECT_CLASSES as ANALYTICS_CLASSES
from whatworks.i18n import LOCALES, current_language, normalise_language

# Okabe-Ito, with the neutral grey usually added to it.
OKABE_ITO: Final[dict[str, str]] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

# Every effect class in the order of analytics.EFFECT_CLASSES (best first, then gaps).
EFFECT_CLASSES: Final[tuple[str, ...]] = tuple(ANALYTICS_CLASSES)


def tint(colour: str, amount: float = 0.5) -> str:
    """``colour`` mixed with white: ``amount`` 0 is the colour, 1 is white."""
    value = colour.lstrip("#")
    channels = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


# A class whose cause is unknown wears a light tint of the hue of its causal sibling (and a
# hatch where a chart allows one); inconclusive is a light grey, apart from not measured.
EFFECT_COLOURS: Final[dict[str, str]] = {
    "works": OKABE_ITO["bluish_green"],
    "improved_cause_unknown": tint(OKABE_ITO["bluish_green"]),
    "inconclusive": "#D4D4D4",
    "worsened_cause_unknown": tint(OKABE_ITO["vermillion"]),
    "harmful": OKABE_ITO["vermillion"],
    "not_measured": OKABE_ITO["grey"],
    "too_early": OKABE_ITO["reddish_purple"],
}
# Plotly bar patterns: the second carrier of "cause unknown" and "can't tell", beside colour.
EFFECT_PATTERNS: Final[dict[str, str]] = {
    "works": "",
    "improved_cause_unknown": "/",
    "inconclusive": ".",
    "worsened_cause_unknown": "\\",
    "harmful": "",
    "not_measured": "",
    "too_early": "",
}
# The pattern's lines: the full hue of the class (dark grey for inconclusive).
PATTERN_COLOURS: Final[dict[str, str]] = {
    "improved_cause_unknown": OKABE_ITO["bluish_green"],
    "inconclusive": "#6E6E6E",
    "worsened_cause_unknown": OKABE_ITO["vermillion"],
}

# The contract's evidence levels (models.EVIDENCE_LEVELS), weakest first.
EVIDENCE_COLOURS: Final[dict[str, str]] = {
    "none": OKABE_ITO["grey"],
    "described": OKABE_ITO["yellow"],
    "theory": OKABE_ITO["reddish_purple"],
    "indicative": OKABE_ITO["sky_blue"],
    "effective": OKABE_ITO["bluish_green"],
    "strong": OKABE_ITO["blue"],
}

BACKGROUND: Final = "#FFFFFF"
TEXT: Final = "#1A1A1A"  # 17.4:1 on white
TEXT_MUTED: Final = "#4D4D4D"  # 8.5:1 on white
GRID: Final = "#D9D9D9"
OUTLINE: Final = "#333333"  # outline of bars and bubbles: 12.6:1 on white
FONT_FAMILY: Final = (
    '"Source Sans 3", "Source Sans Pro", -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
)
FONT_SIZE: Final = 16
# Presentation mode (a screen shared in a meeting): larger type, text in pure black.
PRESENT_FONT_SIZE: Final = 22
PRESENT_TEXT: Final = "#000000"

# Whether this script run presents (set by ui.page_frame, per thread like the language).
_presenting: ContextVar[bool] = ContextVar("whatworks_presenting", default=False)


def set_presenting(on: bool) -> None:
    """Make the figures of this thread's script run large (presentation mode) or normal."""
    _presenting.set(on)


def presenting() -> bool:
    """Whether this script run's figures are for presentation mode."""
    return _presenting.get()


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#RRGGBB`` colour."""
    value = colour.lstrip("#")
    if len(value) != 6:
        msg = f"not a #RRGGBB colour: {colour!r}"
        raise ValueError(msg)
    channels = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    black, white = "#000000", "#FFFFFF"
    return black if contrast_ratio(black, fill) >= contrast_ratio(white, fill) else white


def separators(lang: str | None = None) -> str:
    """Plotly's ``separators`` (decimal mark, then group mark) for a language."""
    loc = LOCALES[normalise_language(lang) if lang else current_language()]
    return str(get_decimal_symbol(loc)) + str(get_group_symbol(loc))


def marker_line() -> dict[str, Any]:
    """The outline for bars and bubbles."""
    return {"color": OUTLINE, "width": 1}


def base_layout(lang: str | None = None, *, title: str | None = None) -> dict[str, Any]:
    """Layout settings every figure starts from: ``fig.update_layout(**base_layout(lang))``."""
    size, text = (PRESENT_FONT_SIZE, PRESENT_TEXT) if presenting() else (FONT_SIZE, TEXT)
    layout: dict[str, Any] = {
        "font": {"family": FONT_FAMILY, "size": size, "color": text},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "separators": separators(lang),
        "colorway": [EFFECT_COLOURS[c] for c in EFFECT_CLASSES],
        "margin": {"l": 16, "r": 16, "t": 56 if title else 24, "b": 16},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "font": {"size": size - 2, "color": text},
        },
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": size - 2}},
        # automargin: long category labels (programme names) push the plot aside instead of
        # being cut at the figure's edge.
        "xaxis": {
            "gridcolor": GRID,
            "linecolor": TEXT_MUTED,
            "tickfont": {"color": text},
            "automargin": True,
        },
        "yaxis": {
            "gridcolor": GRID,
            "linecolor": TEXT_MUTED,
            "tickfont": {"color": text},
            "automargin": True,
        },
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": size + 4}}
    return layout
