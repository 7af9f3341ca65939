"""Figures of the effect views, each with the table behind it. Data in, figure out; no Streamlit.

- Spend by effect class per programme: stacked horizontal bars, one trace per effect class in
  :data:`EFFECT_COLOURS` (the same colour on every view), in money or as shares.
- Spend by external evidence level: bars in :data:`EVIDENCE_COLOURS`.
- Spend vs effect: a bubble per intervention with a standardised effect (the relative effect
  of :mod:`whatworks.analytics`), spend on a log axis, reach as area, evidence level as
  colour, effect class as marker symbol; quadrant lines at the median spend and effect 0.
  Interventions without a standardised effect are never drawn at 0: they sit on a separate
  strip below, on spend only.
- One intervention: budget vs actual by year; its indicator over time with the likely range,
  the comparison group, baseline, target and the start date.

Every figure has a table (``*_table``) with the same figures formatted for reading: the text
alternative shown beside it. Values are plain lists (never NaN for unknown: unknown points
are left out), so a figure's JSON can be checked against the analytics.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models import EVIDENCE_LEVELS
from whatworks import narrative
from whatworks.analytics import EvidenceSplit, InterventionFigures, SpendSplit, SpendYear, Trace
from whatworks.charts import (
    EFFECT_CLASSES,
    EFFECT_COLOURS,
    EVIDENCE_COLOURS,
    GRID,
    OKABE_ITO,
    OUTLINE,
    TEXT,
    TEXT_MUTED,
    base_layout,
    marker_line,
    text_colour_on,
)
from whatworks.i18n import format_date, t

# Effect class -> marker symbol on the bubble chart (colour there is the evidence level).
EFFECT_SYMBOLS: Final[dict[str, str]] = {
    "works": "circle",
    "works_indicative": "diamond",
    "no_effect": "square",
    "harmful": "triangle-down",
    "not_measured": "hexagon",
    "too_early": "hourglass",
}
ACTUAL_COLOUR: Final = OKABE_ITO["blue"]
BUDGET_COLOUR: Final = "#E8E8E8"  # light fill; its dark outline carries the contrast
SERIES_COLOUR: Final = OKABE_ITO["blue"]
BAND_COLOUR: Final = "rgba(0, 114, 178, 0.15)"
MAX_BUBBLE: Final = 46  # px diameter of the largest reach
MIN_BUBBLE: Final = 9
INSIDE_LABEL_SHARE: Final = 0.1  # label a bar segment with its share from this share on


# --------------------------------------------------------------------------- helpers


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def money_ticks(
    high: float,
    currency: str | None,
    lang: str | None = None,
    *,
    low: float = 0.0,
    log: bool = False,
) -> dict[str, Any]:
    """Axis ticks labelled as money in the language (``€1M``, ``€ 1 mln``, ``1 mio. kr.``)."""
    if log:
        values = []
        decades = math.log10(high) - math.log10(max(low, 1.0))
        steps = (1, 2, 5) if decades <= 1.5 else (1, 3)
        for power in range(math.floor(math.log10(max(low, 1.0))), math.ceil(math.log10(high)) + 1):
            values += [m * 10.0**power for m in steps]
        values = [v for v in values if low <= v <= high]
    else:
        step = _nice_step(high - min(low, 0.0))
        values = [i * step for i in range(math.floor(min(low, 0.0) / step), int(high / step) + 2)]
    text = [narrative.money(Decimal(str(v)), currency, lang) for v in values]
    return {"tickmode": "array", "tickvals": values, "ticktext": text}


def _layout(fig: go.Figure, lang: str | None, **extra: Any) -> go.Figure:
    """Our base layout, with axes that make room for their labels and titles."""
    layout = base_layout(lang)
    for axis in {"xaxis", "yaxis", *(k for k in extra if k.startswith(("xaxis", "yaxis")))}:
        extra[axis] = {**layout.get(axis[:5], {}), "automargin": True, **extra.get(axis, {})}
    fig.update_layout(**{**layout, **extra})
    return fig


def _floats(values: Sequence[Decimal | float | None]) -> list[float]:
    return [float(v) if v is not None else 0.0 for v in values]


# --------------------------------------------------------------------------- overview


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
        fig.add_trace(
            go.Bar(
                name=t(f"effect.{c}", lang),
                orientation="h",
                y=programmes,
                x=shares if share else amounts,
                marker={"color": colour, "line": marker_line()},
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
    return _layout(
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
    return _layout(
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


# --------------------------------------------------------------------------- spend vs effect


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


def _evidence(f: InterventionFigures) -> str:
    return f.effect.evidence_level if f.effect else "none"


def spend_vs_effect(figures: Sequence[InterventionFigures], lang: str | None = None) -> Any:
    """The bubble chart, with a strip below for interventions it cannot place (see module)."""
    on_chart = [f for f in figures if narrative.placed(f)]
    strip = [f for f in figures if not narrative.placed(f) and (f.actual or 0) > 0]
    median = narrative.median_spend(on_chart)
    largest = max((f.participants or 0 for f in figures), default=0)
    strip_label = t("sve.strip_label", lang)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.84, 0.16], vertical_spacing=0.05
    )
    for level in reversed(EVIDENCE_LEVELS):
        group = [f for f in on_chart if _evidence(f) == level]
        off = [f for f in strip if _evidence(f) == level]
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
    corners: dict[narrative.Quadrant, tuple[float, float, str, str]] = {
        "scale_up": (0.99, 0.99, "right", "top"),
        "cheap_working": (0.01, 0.99, "left", "top"),
        "review": (0.99, 0.01, "right", "bottom"),
        "stop_redesign": (0.01, 0.01, "left", "bottom"),
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
    fig = _layout(
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


TABLE_KINDS: Final[dict[str, str]] = {
    "name": "text",
    "programme": "text",
    "class": "text",
    "quadrant": "text",
    "spend": "money",
    "relative": "percent",
    "effect": "number",
    "low": "number",
    "high": "number",
    "unit": "text",
    "indicator": "text",
    "method": "text",
    "evidence": "text",
    "participants": "integer",
    "per_participant": "money",
    "bcr": "ratio",
    "chance": "percent",
}


def spend_vs_effect_table(
    figures: Sequence[InterventionFigures], lang: str | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table behind the bubble chart, indexed by intervention id, numbers as numbers.

    Also returns each column's kind (``money``, ``percent``, ``number``, ``ratio``,
    ``integer``, ``text``) by its translated header, for the page's column formats.
    """
    median = narrative.median_spend([f for f in figures if narrative.placed(f)])
    records = []
    for f in figures:
        e = f.effect
        cb = f.cost_benefit
        unit = (e.unit if e else None) or ""
        records.append(
            {
                "name": f.name or f.intervention_id,
                "programme": f.programme,
                "class": t(f"effect.{f.effect_class}", lang),
                "quadrant": narrative.quadrant_label(narrative.quadrant_of(f, median), lang),
                "spend": float(f.actual) if f.actual is not None else None,
                "relative": e.relative_effect if e else None,
                "effect": e.effect if e else None,
                "low": e.low if e else None,
                "high": e.high if e else None,
                "unit": t("effects.points_unit", lang) if unit == "%" else unit,
                "indicator": narrative.indicator_name(e.indicator, lang)
                if e and e.indicator
                else "",
                "method": narrative.method_words(e, lang),
                "evidence": t(f"evidence.{_evidence(f)}", lang),
                "participants": f.participants,
                "per_participant": (
                    float(f.spend_per_participant) if f.spend_per_participant is not None else None
                ),
                "bcr": cb.bcr,
                "chance": cb.p_benefit_exceeds_cost,
            }
        )
    table = pd.DataFrame(records, columns=list(TABLE_KINDS))
    table.index = pd.Index([f.intervention_id for f in figures], name="intervention_id")
    table["participants"] = table["participants"].astype("Int64")
    for column in (
        "spend",
        "relative",
        "effect",
        "low",
        "high",
        "per_participant",
        "bcr",
        "chance",
    ):
        table[column] = table[column].astype("Float64")
    headers = {
        key: t(f"sve.col_{key}", lang, currency=figures[0].currency or "" if figures else "")
        for key in TABLE_KINDS
    }
    return table.rename(columns=headers), {headers[k]: kind for k, kind in TABLE_KINDS.items()}


# --------------------------------------------------------------------------- intervention


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
    return _layout(
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
    return _layout(
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
    "EFFECT_SYMBOLS",
    "TABLE_KINDS",
    "budget_table",
    "budget_vs_actual",
    "by_evidence",
    "by_evidence_table",
    "class_by_programme",
    "class_by_programme_table",
    "in_filters",
    "indicator_over_time",
    "indicator_table",
    "money_ticks",
    "outcome_rows",
    "programmes_by_spend",
    "spend_vs_effect",
    "spend_vs_effect_table",
]
