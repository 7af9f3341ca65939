"""The Spend vs effect figure: a bubble per intervention with a standardised effect (the
relative effect of :mod:`whatworks.analytics`), spend on a log axis, reach as area, evidence
level as colour, effect class as marker symbol; lines at the median spend and effect 0, and
the suggestions that have a place named in their corner (:mod:`whatworks.narrative`).
Interventions without a standardised effect are never drawn at 0: they sit on a separate
strip below, on spend only. Its table is in :mod:`.bubble_table`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models import EVIDENCE_LEVELS
from whatworks import narrative
from whatworks.analytics import InterventionFigures, suggestions
from whatworks.charts import (
    EFFECT_CLASSES,
    EVIDENCE_COLOURS,
    GRID,
    OUTLINE,
    TEXT,
    TEXT_MUTED,
    base_layout,
)
from whatworks.charts.effects.layout import apply_layout, money_ticks
from whatworks.i18n import t

# Effect class -> marker symbol on the bubble chart (colour there is the evidence level).
EFFECT_SYMBOLS: Final[dict[str, str]] = {
    "works": "circle",
    "improved_cause_unknown": "diamond",
    "inconclusive": "square",
    "worsened_cause_unknown": "star-triangle-down",
    "harmful": "triangle-down",
    "not_measured": "hexagon",
    "too_early": "hourglass",
}
MAX_BUBBLE: Final = 46  # px diameter of the largest reach
MIN_BUBBLE: Final = 9


def in_filters(
    figures: Sequence[InterventionFigures],
    *,
    programme: str | None = None,
    stage: str | None = None,
) -> list[InterventionFigures]:
    """The interventions of a register programme and stage (None: any)."""
    return [
        f
        for f in figures
        if (programme is None or f.programme == programme)
        and (stage is None or (f.effect is not None and f.effect.stage == stage))
    ]


def _sizes(figures: Sequence[InterventionFigures], largest: int) -> list[float]:
    """Marker diameters with area proportional to reach; unknown reach gets the smallest."""
    out = []
    for f in figures:
        if not f.participants or largest <= 0:
            out.append(float(MIN_BUBBLE))
        else:
            out.append(max(MIN_BUBBLE, MAX_BUBBLE * math.sqrt(f.participants / largest)))
    return out


def evidence_level(f: InterventionFigures) -> str:
    """The external evidence level of an intervention ("none" without an effect row)."""
    return f.effect.evidence_level if f.effect else "none"


def spend_vs_effect(figures: Sequence[InterventionFigures], lang: str | None = None) -> Any:
    """The bubble chart, with a strip below for interventions it cannot place (see module)."""
    on_chart = [f for f in figures if suggestions.placed(f)]
    strip = [f for f in figures if not suggestions.placed(f) and (f.actual or 0) > 0]
    median = suggestions.median_spend(on_chart)
    largest = max((f.participants or 0 for f in figures), default=0)
    strip_label = t("sve.strip_label", lang)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.84, 0.16], vertical_spacing=0.05
    )
    for level in reversed(EVIDENCE_LEVELS):
        group = [f for f in on_chart if evidence_level(f) == level]
        off = [f for f in strip if evidence_level(f) == level]
        for row, members in ((1, group), (2, off)):
            if not members:
                continue
            fig.add_trace(
                go.Scatter(
                    name=t(f"evidence.{level}", lang),
                    legendgroup=f"evidence.{level}",
                    showlegend=row == 1 or not group,
                    mode="markers",
                    x=[float(f.actual or 0) for f in members],
                    y=[
                        f.effect.relative_effect if row == 1 and f.effect else strip_label
                        for f in members
                    ],
                    marker={
                        "color": EVIDENCE_COLOURS[level],
                        "size": _sizes(members, largest),
                        "symbol": [EFFECT_SYMBOLS[f.effect_class] for f in members],
                        "line": {"color": OUTLINE, "width": 1.5},
                        "opacity": 0.9,
                    },
                    customdata=[[f.intervention_id] for f in members],
                    hovertext=[narrative.hover_text(f, median, lang) for f in members],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"evidence": level, "strip": row == 2},
                ),
                row=row,
                col=1,
            )
    present = {f.effect_class for f in [*on_chart, *strip]}
    for c in EFFECT_CLASSES:
        if c not in present:
            continue
        fig.add_trace(
            go.Scatter(
                name=t(f"effect.{c}", lang),
                legendgroup="class",
                legendgrouptitle={"text": t("sve.legend_class", lang)},
                mode="markers",
                x=[None],
                y=[None],
                marker={
                    "symbol": EFFECT_SYMBOLS[c],
                    "color": "#FFFFFF",
                    "size": 12,
                    "line": {"color": OUTLINE, "width": 1.5},
                },
                hoverinfo="skip",
                meta={"legend": c},
            ),
            row=1,
            col=1,
        )
    spends = [float(f.actual or 0) for f in [*on_chart, *strip]] or [1.0, 10.0]
    low, high = min(spends) / 1.6, max(spends) * 1.6
    effects = [f.effect.relative_effect for f in on_chart if f.effect and f.effect.relative_effect]
    y_low = min([*effects, -0.1]) - 0.08
    y_high = max([*effects, 0.1]) + 0.08
    fig.add_hline(y=0, line={"color": TEXT, "width": 1.5}, row=1, col=1)
    if median is not None:
        for row in (1, 2):
            fig.add_vline(
                x=float(median),
                line={"color": TEXT_MUTED, "width": 1.5, "dash": "dash"},
                row=row,
                col=1,
            )
    # The suggestions that have a place: what works above zero (split at the median spend),
    # review or stop below it. Learn more and improved (cause unknown) go by the result, not
    # the place: the hover and the table name them.
    corners: dict[suggestions.Quadrant, tuple[float, float, str, str]] = {
        "scale_up": (0.99, 0.99, "right", "top"),
        "cheap_working": (0.01, 0.99, "left", "top"),
        "review_stop": (0.5, 0.01, "center", "bottom"),
    }
    for q, (x, y, xanchor, yanchor) in corners.items():
        fig.add_annotation(
            text=f"<b>{narrative.quadrant_label(q, lang)}</b>",
            xref="x domain",
            yref="y domain",
            x=x,
            y=y,
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            font={"size": 15, "color": TEXT_MUTED},
            bgcolor="rgba(255,255,255,0.85)",
        )
    currency = figures[0].currency if figures else None
    ticks = money_ticks(high, currency, lang, low=low, log=True)
    fig = apply_layout(
        fig,
        lang,
        height=720,
        margin={"l": 16, "r": 16, "t": 24, "b": 16},
        legend={
            "orientation": "v",
            "x": 1.01,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "groupclick": "toggleitem",
            "title": {"text": t("sve.legend_evidence", lang)},
            "font": {"size": 14, "color": TEXT},
        },
        xaxis={"type": "log", "range": [math.log10(low), math.log10(high)]},
        xaxis2={
            "type": "log",
            "range": [math.log10(low), math.log10(high)],
            **ticks,
            "title": {"text": t("sve.x_title", lang, year=figures[0].year if figures else "")},
            "gridcolor": GRID,
        },
        yaxis={
            "tickformat": "+.0%",
            "range": [y_low, y_high],
            "zeroline": False,
            "title": {"text": t("sve.y_title", lang)},
        },
        yaxis2={"type": "category", "showgrid": False, "automargin": True},
        dragmode="pan",
        hoverlabel={**base_layout(lang)["hoverlabel"], "align": "left"},
    )
    fig.update_xaxes(**ticks, row=1, col=1)
    return fig


__all__ = ["EFFECT_SYMBOLS", "evidence_level", "in_filters", "spend_vs_effect"]
