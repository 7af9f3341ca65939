"""Figures of the Overview, each with the table behind it.

- Spend by effect class per programme: stacked horizontal bars, one trace per effect class in
  :data:`~whatworks.charts.EFFECT_COLOURS` (the same colour on every view; a hatch for the
  classes whose cause is unknown and for inconclusive), in money or as shares.
- Spend by external evidence level: bars in :data:`~whatworks.charts.EVIDENCE_COLOURS`.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from models import EVIDENCE_LEVELS
from whatworks import narrative
from whatworks.analytics import EvidenceSplit, SpendSplit
from whatworks.charts import (
    EFFECT_CLASSES,
    EFFECT_COLOURS,
    EFFECT_PATTERNS,
    EVIDENCE_COLOURS,
    PATTERN_COLOURS,
    base_layout,
    marker_line,
    text_colour_on,
)
from whatworks.charts.effects.layout import apply_layout, money_ticks
from whatworks.i18n import t

INSIDE_LABEL_SHARE: Final = 0.1  # label a bar segment with its share from this share on


def programmes_by_spend(split: SpendSplit) -> list[str]:
    """Budget programmes with spend, largest first."""
    return sorted(split.programme_totals, key=lambda p: (-split.programme_totals[p], p))


def class_by_programme(split: SpendSplit, lang: str | None = None, *, share: bool = False) -> Any:
    """Spend by effect class per budget programme: one trace per class, stacked horizontally."""
    programmes = programmes_by_spend(split)
    fig = go.Figure()
    for c in EFFECT_CLASSES:
        parts = [split.by_programme[p][c] for p in programmes]
        amounts = [float(s.actual) for s in parts]
        shares = [s.share or 0.0 for s in parts]
        colour = EFFECT_COLOURS[c]
        marker: dict[str, object] = {"color": colour, "line": marker_line()}
        if EFFECT_PATTERNS[c]:
            marker["pattern"] = {
                "shape": EFFECT_PATTERNS[c],
                "fgcolor": PATTERN_COLOURS[c],
                "bgcolor": colour,
                "solidity": 0.15,
                "size": 10,
            }
        fig.add_trace(
            go.Bar(
                name=t(f"effect.{c}", lang),
                orientation="h",
                y=programmes,
                x=shares if share else amounts,
                marker=marker,
                text=[
                    narrative.percent(v, lang) if v >= INSIDE_LABEL_SHARE else "" for v in shares
                ],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": text_colour_on(colour), "size": 14},
                customdata=[
                    [
                        narrative.money(s.actual, split.currency, lang),
                        narrative.percent(s.share, lang),
                    ]
                    for s in parts
                ],
                hovertemplate="%{y}<br>%{fullData.name}: %{customdata[0]} (%{customdata[1]})"
                "<extra></extra>",
                meta=c,
            )
        )
    if share:
        xaxis = {
            "tickformat": ".0%",
            "range": [0, 1],
            "title": {"text": t("overview.axis_share", lang)},
        }
    else:
        top = max((float(v) for v in split.programme_totals.values()), default=1.0)
        xaxis = {
            **money_ticks(top, split.currency, lang),
            "title": {"text": t("overview.axis_money", lang, year=split.year)},
        }
    return apply_layout(
        fig,
        lang,
        barmode="stack",
        legend={**base_layout(lang)["legend"], "traceorder": "normal"},
        height=140 + 44 * max(len(programmes), 1),
        xaxis=xaxis,
        yaxis={"autorange": "reversed", "automargin": True},
        uniformtext={"minsize": 13, "mode": "hide"},
    )


def class_by_programme_table(split: SpendSplit, lang: str | None = None) -> pd.DataFrame:
    """The table behind :func:`class_by_programme`: money (share of the programme) per class."""
    rows = []
    for p in programmes_by_spend(split):
        row = {
            t("frame.programme", lang): p,
            t("overview.col_total", lang): narrative.money(
                split.programme_totals[p], split.currency, lang
            ),
        }
        for c in EFFECT_CLASSES:
            s = split.by_programme[p][c]
            amount = narrative.money(s.actual, split.currency, lang)
            row[t(f"effect.{c}", lang)] = f"{amount} ({narrative.percent(s.share, lang)})"
        rows.append(row)
    columns = [t("frame.programme", lang), t("overview.col_total", lang)]
    columns += [t(f"effect.{c}", lang) for c in EFFECT_CLASSES]
    return pd.DataFrame(rows, columns=columns)


def by_evidence(e: EvidenceSplit, lang: str | None = None) -> Any:
    """Spend by external evidence level, strongest at the top."""
    levels = list(reversed(EVIDENCE_LEVELS))
    shares = [e.split.by_key[level] for level in levels]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[t(f"evidence.{level}", lang) for level in levels],
            x=[float(s.actual) for s in shares],
            marker={"color": [EVIDENCE_COLOURS[level] for level in levels], "line": marker_line()},
            customdata=[
                [
                    narrative.money(s.actual, e.split.currency, lang),
                    narrative.percent(s.share, lang),
                ]
                for s in shares
            ],
            text=[narrative.percent(s.share, lang) for s in shares],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]})<extra></extra>",
            showlegend=False,
        )
    )
    top = max((float(s.actual) for s in shares), default=1.0) * 1.15
    return apply_layout(
        fig,
        lang,
        height=120 + 40 * len(levels),
        xaxis={
            **money_ticks(top, e.split.currency, lang),
            "range": [0, top],
            "title": {"text": t("overview.axis_money", lang, year=e.split.year)},
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )


def by_evidence_table(e: EvidenceSplit, lang: str | None = None) -> pd.DataFrame:
    """The table behind :func:`by_evidence`."""
    rows = [
        {
            t("overview.col_evidence", lang): t(f"evidence.{level}", lang),
            t("overview.col_spend", lang): narrative.money(
                e.split.by_key[level].actual, e.split.currency, lang
            ),
            t("overview.col_share", lang): narrative.percent(e.split.by_key[level].share, lang),
        }
        for level in reversed(EVIDENCE_LEVELS)
    ]
    return pd.DataFrame(rows)


__all__ = [
    "INSIDE_LABEL_SHARE",
    "by_evidence",
    "by_evidence_table",
    "class_by_programme",
    "class_by_programme_table",
    "programmes_by_spend",
]
