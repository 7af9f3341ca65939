"""Chart colours and layout: one colour-blind-safe palette, fixed per meaning. No Streamlit.

The palette is Okabe & Ito's (2008), distinguishable with every common colour-vision
deficiency. Each effect class and each evidence level always has the same colour, on every
view, so a reader learns it once. Colour is never the only carrier of meaning: every chart
has a legend with words and a table beside it. Marks get a dark outline (``OUTLINE``) so
their edge meets WCAG 2.1 AA's 3:1 for graphics against the white background, and text on a
coloured fill uses :func:`text_colour_on`, which picks the colour with the higher contrast.
"""

from __future__ import annotations

from typing import Any, Final

from babel.numbers import get_decimal_symbol, get_group_symbol

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

EFFECT_CLASSES: Final[tuple[str, ...]] = (
    "works",
    "works_indicative",
    "no_effect",
    "harmful",
    "not_measured",
    "too_early",
)
EFFECT_COLOURS: Final[dict[str, str]] = {
    "works": OKABE_ITO["bluish_green"],
    "works_indicative": OKABE_ITO["sky_blue"],
    "no_effect": OKABE_ITO["orange"],
    "harmful": OKABE_ITO["vermillion"],
    "not_measured": OKABE_ITO["grey"],
    "too_early": OKABE_ITO["reddish_purple"],
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
    layout: dict[str, Any] = {
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT},
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
            "font": {"size": FONT_SIZE - 2, "color": TEXT},
        },
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": FONT_SIZE - 2}},
        "xaxis": {"gridcolor": GRID, "linecolor": TEXT_MUTED, "tickfont": {"color": TEXT}},
        "yaxis": {"gridcolor": GRID, "linecolor": TEXT_MUTED, "tickfont": {"color": TEXT}},
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": 20}}
    return layout
