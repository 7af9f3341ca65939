"""Programmes figures and tables: budget against actual, shares over the years, and one
programme's interventions. No Streamlit.

Programmes have no fixed meaning, so they get the Okabe-Ito colours in turn (never the
effect-class meanings in a legend of their own); past the seventh, the colours repeat with
a hatch pattern so that no two programmes look alike. Legends carry the names, and the
tables beside the charts carry every figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from whatworks import plain
from whatworks.analytics.programmes import ProgrammeDetail, ProgrammesView
from whatworks.charts import OKABE_ITO, base_layout, marker_line
from whatworks.charts.effects.layout import money_ticks
from whatworks.charts.portfolio import (
    class_label,
    money_cell,
    percent_cell,
    signed_money_cell,
    strength_cell,
)
from whatworks.i18n import format_percent, t

BUDGET_COLOUR: Final = OKABE_ITO["sky_blue"]
SHARE_TICKS: Final = range(0, 101, 20)  # percent of the year's spend
ACTUAL_COLOUR: Final = OKABE_ITO["blue"]
PROGRAMME_COLOURS: Final[tuple[str, ...]] = tuple(
    OKABE_ITO[c]
    for c in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "yellow",
    )
)
PATTERNS: Final[tuple[str, ...]] = ("", "/", ".", "x")


def programme_style(position: int) -> dict[str, object]:
    """The marker of the n-th programme: a colour, and a pattern once the colours repeat."""
    colour = PROGRAMME_COLOURS[position % len(PROGRAMME_COLOURS)]
    pattern = PATTERNS[(position // len(PROGRAMME_COLOURS)) % len(PATTERNS)]
    return {"color": colour, "line": marker_line(), "pattern": {"shape": pattern}}


def budget_actual_figure(view: ProgrammesView, year: int, lang: str) -> go.Figure:
    """Budget and actual per programme in one year, as grouped horizontal bars."""
    rows = list(reversed(view.of_year(year)))  # plotly draws the first category at the bottom
    names = [r.programme for r in rows]
    fig = go.Figure()
    # Within a group plotly draws the first trace lowest: actual first puts budget on top.
    for key, colour, values in (
        ("prog.actual", ACTUAL_COLOUR, [r.actual for r in rows]),
        ("prog.budgeted", BUDGET_COLOUR, [r.budgeted for r in rows]),
    ):
        fig.add_trace(
            go.Bar(
                name=t(key, lang),
                y=names,
                x=[float(v) if v is not None else None for v in values],
                orientation="h",
                marker={"color": colour, "line": marker_line()},
                customdata=[money_cell(v, view.currency, lang) for v in values],
                hovertemplate="%{y}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(**base_layout(lang), barmode="group", height=max(360, 56 * len(rows)))
    fig.update_layout(legend={"traceorder": "reversed"})
    # Ticks written by our money words (``€ 2 mln`` in Dutch), not plotly's ``2M`` and a code.
    high = max((float(v) for r in rows for v in (r.actual, r.budgeted) if v is not None), default=0)
    fig.update_xaxes(**money_ticks(max(high, 1.0) * 1.05, view.currency, lang), automargin=True)
    return fig


def budget_actual_table(view: ProgrammesView, years: list[int], lang: str) -> pd.DataFrame:
    """Budget, actual and variance per programme for the given years, with each year's total."""
    records: list[dict[str, object]] = []
    c = view.currency
    for year in years:
        for r in view.of_year(year):
            records.append(
                {
                    t("prog.col.programme", lang): r.programme,
                    t("prog.col.year", lang): str(year),
                    t("prog.budgeted", lang): money_cell(r.budgeted, c, lang),
                    t("prog.actual", lang): money_cell(r.actual, c, lang),
                    t("prog.col.variance", lang): signed_money_cell(r.variance, c, lang),
                    t("prog.col.variance_share", lang): percent_cell(
                        r.variance_share, lang, signed=True
                    ),
                    t("prog.col.spend_share", lang): percent_cell(r.spend_share, lang),
                }
            )
        total = view.total(year)
        if total is not None:
            records.append(
                {
                    t("prog.col.programme", lang): t("prog.total", lang),
                    t("prog.col.year", lang): str(year),
                    t("prog.budgeted", lang): money_cell(total.budgeted, c, lang),
                    t("prog.actual", lang): money_cell(total.actual, c, lang),
                    t("prog.col.variance", lang): signed_money_cell(total.variance, c, lang),
                    t("prog.col.variance_share", lang): percent_cell(
                        total.variance_share, lang, signed=True
                    ),
                    t("prog.col.spend_share", lang): percent_cell(1.0, lang),
                }
            )
    return pd.DataFrame(records)


def share_figure(view: ProgrammesView, lang: str) -> go.Figure:
    """Each programme's share of the year's spend, as 100% stacked columns per year."""
    fig = go.Figure()
    years = [str(y) for y in view.years]
    for position, programme in enumerate(view.programmes):
        shares = {str(r.year): r.spend_share for r in view.rows if r.programme == programme}
        values = [shares.get(y) for y in years]
        fig.add_trace(
            go.Bar(
                name=programme,
                x=years,
                y=[(v or 0.0) * 100 for v in values],
                marker=programme_style(position),
                customdata=[percent_cell(v, lang) for v in values],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(**base_layout(lang), barmode="stack", height=520)
    fig.update_layout(legend={"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top"})
    fig.update_yaxes(
        range=[0, 100],
        tickmode="array",
        tickvals=list(SHARE_TICKS),
        ticktext=[format_percent(v / 100, lang) for v in SHARE_TICKS],
        title={"text": t("prog.share_axis", lang)},
    )
    fig.update_xaxes(type="category")
    return fig


def share_table(view: ProgrammesView, lang: str) -> pd.DataFrame:
    """Programmes down, years across: each programme's share of the year's spend."""
    data: dict[str, list[str]] = {t("prog.col.programme", lang): list(view.programmes)}
    for year in view.years:
        shares = {r.programme: r.spend_share for r in view.rows if r.year == year}
        data[str(year)] = [percent_cell(shares.get(p), lang) for p in view.programmes]
    return pd.DataFrame(data)


def interventions_table(
    detail: ProgrammeDetail, lang: str, strengths: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """One programme's interventions: spend in the year, stage, effect class and its strength
    of evidence (``strengths`` by intervention id)."""
    c = detail.currency
    known = strengths or {}
    return pd.DataFrame(
        {
            t("prog.col.intervention_id", lang): [i.intervention_id for i in detail.interventions],
            t("prog.col.name", lang): [i.name or "" for i in detail.interventions],
            t("prog.col.stage", lang): [
                t(f"stage.{i.stage}", lang) if i.stage else "" for i in detail.interventions
            ],
            t("prog.col.effect_class", lang): [
                class_label(i.effect_class, lang) for i in detail.interventions
            ],
            t("prog.col.strength", lang): [
                strength_cell(i.intervention_id, known, lang) for i in detail.interventions
            ],
            t("prog.budgeted", lang): [
                money_cell(i.budgeted, c, lang) for i in detail.interventions
            ],
            t("prog.actual", lang): [money_cell(i.actual, c, lang) for i in detail.interventions],
            t("prog.col.variance", lang): [
                signed_money_cell(i.variance, c, lang) for i in detail.interventions
            ],
        }
    )


def summary(view: ProgrammesView, year: int, lang: str) -> list[str]:
    """The year in words: spend against budget, and the largest overspend."""
    total = view.total(year)
    if total is None:
        return []
    c = view.currency
    variance = total.variance or Decimal(0)
    side = "over" if variance > 0 else "under" if variance < 0 else "on"
    out = [  # Markdown: the names in them are data, escaped
        t(
            f"prog.sentence_{side}",
            lang,
            year=year,
            municipality=plain.markdown(view.municipality or ""),
            budgeted=money_cell(total.budgeted, c, lang, short=True),
            actual=money_cell(total.actual, c, lang, short=True),
            variance=money_cell(abs(variance), c, lang, short=True),
            share=percent_cell(abs(total.variance_share or 0.0), lang),
        )
    ]
    over = [r for r in view.of_year(year) if r.variance is not None and r.variance > 0]
    if over:
        top = max(over, key=lambda r: (r.variance or Decimal(0), r.programme))
        out.append(
            t(
                "prog.sentence_top_over",
                lang,
                programme=plain.markdown(top.programme),
                variance=money_cell(top.variance, c, lang, short=True),
                share=percent_cell(top.variance_share, lang),
            )
        )
    return out
