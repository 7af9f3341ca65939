"""Figures of one intervention, each with the table behind it: budget vs actual by year; its
indicator over time with the likely range, the comparison group, baseline, target and the
start date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from whatworks import narrative, plain
from whatworks.analytics import SpendYear, Trace
from whatworks.charts import OKABE_ITO, TEXT, TEXT_MUTED, marker_line
from whatworks.charts.effects.layout import apply_layout, money_ticks
from whatworks.i18n import format_date, t

ACTUAL_COLOUR: Final = OKABE_ITO["blue"]
BUDGET_COLOUR: Final = "#E8E8E8"  # light fill; its dark outline carries the contrast
SERIES_COLOUR: Final = OKABE_ITO["blue"]
BAND_COLOUR: Final = "rgba(0, 114, 178, 0.15)"


def budget_vs_actual(spend: Sequence[SpendYear], lang: str | None = None) -> Any:
    """Budgeted and actual spend by year, grouped bars."""
    years = [str(s.year) for s in spend]
    currency = spend[0].currency if spend else None
    fig = go.Figure()
    for key, colour, values in (
        ("budgeted", BUDGET_COLOUR, [s.budgeted for s in spend]),
        ("actual", ACTUAL_COLOUR, [s.actual for s in spend]),
    ):
        known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        fig.add_trace(
            go.Bar(
                name=t(f"intervention.{key}", lang),
                x=[y for y, _ in known],
                y=[float(v) for _, v in known],
                marker={"color": colour, "line": marker_line()},
                customdata=[narrative.money(v, currency, lang) for _, v in known],
                hovertemplate="%{x} · %{fullData.name}: %{customdata}<extra></extra>",
                meta=key,
            )
        )
    top = max(
        (float(v) for s in spend for v in (s.budgeted, s.actual) if v is not None), default=1.0
    )
    return apply_layout(
        fig,
        lang,
        barmode="group",
        height=380,
        xaxis={"type": "category", "title": {"text": t("frame.year", lang)}},
        yaxis=money_ticks(top * 1.05, currency, lang),
    )


def budget_table(spend: Sequence[SpendYear], lang: str | None = None) -> pd.DataFrame:
    """The table behind :func:`budget_vs_actual`."""
    rows = [
        {
            t("frame.year", lang): str(s.year),
            t("intervention.budgeted", lang): narrative.money(s.budgeted, s.currency, lang),
            t("intervention.actual", lang): narrative.money(s.actual, s.currency, lang),
            t("intervention.variance", lang): narrative.money(s.variance, s.currency, lang),
        }
        for s in spend
    ]
    return pd.DataFrame(rows)


def outcome_rows(tr: Trace) -> list[dict[str, Any]]:
    """The intervention's own outcome rows on its indicator (no area), in period order."""
    rows = [r.values for r in tr.rows if r.source == "outcomes" and r.values.get("area") is None]
    return sorted(rows, key=lambda v: str(v.get("period_start") or v.get("period")))


def _midpoint(values: dict[str, Any]) -> str:
    start, end = values.get("period_start"), values.get("period_end")
    if not start or not end:
        return str(start or values.get("period"))
    a, b = dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end))
    return (a + (b - a) / 2).isoformat()


def _latest(rows: Sequence[dict[str, Any]], column: str) -> float | None:
    known = [r[column] for r in rows if r.get(column) is not None]
    return float(known[-1]) if known else None


def indicator_over_time(tr: Trace, lang: str | None = None) -> Any | None:
    """The indicator by period: value, likely range, comparison group, baseline, target, start.

    None when the intervention has no outcome rows on its indicator.
    """
    rows = outcome_rows(tr)
    if not rows:
        return None
    x = [_midpoint(r) for r in rows]
    periods = [str(r["period"]) for r in rows]
    fig = go.Figure()
    band = [(xi, r) for xi, r in zip(x, rows, strict=True) if r.get("ci_low") is not None]
    if band:
        fig.add_trace(
            go.Scatter(
                x=[xi for xi, _ in band],
                y=[float(r["ci_high"]) for _, r in band],
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
                meta="ci_high",
            )
        )
        fig.add_trace(
            go.Scatter(
                name=t("intervention.series_range", lang),
                x=[xi for xi, _ in band],
                y=[float(r["ci_low"]) for _, r in band],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor=BAND_COLOUR,
                hoverinfo="skip",
                meta="ci_low",
            )
        )
    fig.add_trace(
        go.Scatter(
            name=t("intervention.series_value", lang),
            x=x,
            y=[float(r["value"]) for r in rows],
            text=periods,
            mode="lines+markers",
            line={"color": SERIES_COLOUR, "width": 3},
            marker={"size": 9, "line": marker_line()},
            hovertemplate="%{text}: %{y}<extra>%{fullData.name}</extra>",
            meta="value",
        )
    )
    compared = [
        (xi, p, r)
        for xi, p, r in zip(x, periods, rows, strict=True)
        if r.get("comparison") is not None
    ]
    if compared:
        fig.add_trace(
            go.Scatter(
                name=t("intervention.series_comparison", lang),
                x=[xi for xi, _, _ in compared],
                y=[float(r["comparison"]) for _, _, r in compared],
                text=[p for _, p, _ in compared],
                mode="lines+markers",
                line={"color": TEXT, "width": 2, "dash": "dash"},
                marker={"size": 7, "symbol": "square"},
                hovertemplate="%{text}: %{y}<extra>%{fullData.name}</extra>",
                meta="comparison",
            )
        )
    e = tr.effect
    baseline = e.baseline if e and e.baseline_source == "column" else _latest(rows, "baseline")
    target = _latest(rows, "target")
    levels = [
        float(r[c])
        for r in rows
        for c in ("value", "comparison", "ci_low", "ci_high")
        if r.get(c) is not None
    ]
    levels += [v for v in (baseline, target) if v is not None]
    pad = (max(levels) - min(levels)) * 0.08 or 1.0
    for key, value, dash in (("baseline", baseline, "dot"), ("target", target, "dashdot")):
        if value is None:
            continue
        label = t(f"intervention.{key}", lang, value=narrative.number(value, lang))
        fig.add_hline(
            y=value,
            line={"color": TEXT_MUTED, "width": 2, "dash": dash},
            annotation={
                "text": label,
                "font": {"color": TEXT},
                "bgcolor": "rgba(255,255,255,0.85)",
            },
            annotation_position="top right",
        )
    if e is not None and e.start_date is not None:
        start = e.start_date.isoformat()
        fig.add_shape(
            type="line",
            x0=start,
            x1=start,
            xref="x",
            y0=0,
            y1=1,
            yref="y domain",
            line={"color": TEXT, "width": 1.5, "dash": "dot"},
        )
        fig.add_annotation(
            x=start,
            xref="x",
            y=0.99,
            yref="y domain",
            yanchor="top",
            xanchor="left",
            xshift=4,
            showarrow=False,
            text=t("intervention.start_marker", lang, date=format_date(e.start_date, lang)),
            font={"color": TEXT},
            bgcolor="rgba(255,255,255,0.85)",
        )
    first = str(rows[0].get("period_start") or x[0])
    if e is not None and e.start_date is not None:
        first = min(first, e.start_date.isoformat())
    left = (dt.date.fromisoformat(first[:10]) - dt.timedelta(days=60)).isoformat()
    right = (dt.date.fromisoformat(max(x)[:10]) + dt.timedelta(days=120)).isoformat()
    unit = rows[-1].get("unit") or (e.unit if e else None)
    title = narrative.indicator_name(e.indicator if e else None, lang)
    if unit:
        title += f" ({unit})"
    title = plain.plotly(title)  # the indicator and its unit are the analyst's words
    return apply_layout(
        fig,
        lang,
        height=420,
        hovermode="x unified",
        showlegend=True,
        yaxis={"title": {"text": title}, "range": [min(levels) - pad, max(levels) + pad]},
        xaxis={"title": {"text": t("intervention.axis_period", lang)}, "range": [left, right]},
    )


def indicator_table(tr: Trace, lang: str | None = None) -> pd.DataFrame:
    """The table behind :func:`indicator_over_time`: one row per period."""

    def cell(value: Any) -> str:
        return "" if value is None else narrative.number(float(value), lang)

    columns = ("value", "comparison", "baseline", "target", "ci_low", "ci_high", "n")
    rows = []
    for r in outcome_rows(tr):
        row = {t("intervention.col_period", lang): str(r["period"])}
        row |= {t(f"intervention.col_{c}", lang): cell(r.get(c)) for c in columns}
        rows.append(row)
    headers = [t("intervention.col_period", lang)] + [
        t(f"intervention.col_{c}", lang) for c in columns
    ]
    return pd.DataFrame(rows, columns=headers)


__all__ = [
    "ACTUAL_COLOUR",
    "BAND_COLOUR",
    "BUDGET_COLOUR",
    "SERIES_COLOUR",
    "budget_table",
    "budget_vs_actual",
    "indicator_over_time",
    "indicator_table",
    "outcome_rows",
]
