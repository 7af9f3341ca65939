"""Benchmark figures and tables: home against its peers. No Streamlit.

One row per programme (or indicator): the peers as grey dots, the peers' median as a black
bar, the home municipality as a large blue diamond, so home stands out without relying on
colour alone (shape and size differ too). The tables beside them carry every figure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from whatworks import plain
from whatworks.analytics.benchmark import TOTAL, Benchmark
from whatworks.charts import OKABE_ITO, OUTLINE, base_layout
from whatworks.charts.effects.layout import money_ticks
from whatworks.charts.portfolio import indicator_label, money_cell, percent_cell
from whatworks.i18n import format_number, t

HOME_COLOUR: Final = OKABE_ITO["blue"]
PEER_COLOUR: Final = OKABE_ITO["grey"]
MEDIAN_COLOUR: Final = OKABE_ITO["black"]


def _traces(
    fig: go.Figure,
    *,
    home: str | None,
    rows: list[tuple[str, dict[str, float], float | None, list[str]]],
    lang: str,
    row: int | None = None,
    legend: bool = True,
) -> None:
    """Dots for one chart (or one subplot): (label, value per municipality, median, texts)."""
    where = {"row": row, "col": 1} if row is not None else {}
    peers_x, peers_y, peers_text = [], [], []
    for label, values, _, texts in rows:
        for (name, value), text in zip(values.items(), texts, strict=True):
            if name != home:
                peers_x.append(value)
                peers_y.append(label)
                peers_text.append(f"{plain.plotly(name)}: {plain.plotly(text)}")
    fig.add_trace(
        go.Scatter(
            name=t("bench.peers", lang),
            x=peers_x,
            y=peers_y,
            mode="markers",
            marker={"color": PEER_COLOUR, "size": 11, "line": {"color": OUTLINE, "width": 1}},
            text=peers_text,
            hovertemplate="%{text}<extra></extra>",
            showlegend=legend,
            legendgroup="peers",
        ),
        **where,
    )
    medians = [(label, m) for label, _, m, _ in rows if m is not None]
    fig.add_trace(
        go.Scatter(
            name=t("bench.peer_median", lang),
            x=[m for _, m in medians],
            y=[label for label, _ in medians],
            mode="markers",
            marker={"color": MEDIAN_COLOUR, "size": 22, "symbol": "line-ns", "line": {"width": 3}},
            hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
            showlegend=legend,
            legendgroup="median",
        ),
        **where,
    )
    home_points = [
        (label, values[home], texts[list(values).index(home)])
        for label, values, _, texts in rows
        if home in values
    ]
    fig.add_trace(
        go.Scatter(
            name=home or "",
            x=[v for _, v, _ in home_points],
            y=[label for label, _, _ in home_points],
            mode="markers",
            marker={
                "color": HOME_COLOUR,
                "size": 18,
                "symbol": "diamond",
                "line": {"color": OUTLINE, "width": 1},
            },
            text=[plain.plotly(text) for _, _, text in home_points],
            hovertemplate="%{y}: %{text}<extra>%{fullData.name}</extra>",
            showlegend=legend,
            legendgroup="home",
        ),
        **where,
    )


def spend_figure(b: Benchmark, lang: str) -> go.Figure:
    """Spend per inhabitant per programme: home against each peer and the peers' median."""
    rows = []
    for programme in reversed(b.programmes):
        values: dict[str, float] = {}
        texts: list[str] = []
        for m in b.compared:
            amount = b.per_inhabitant(programme, m)
            if amount is not None:
                values[m] = float(amount)
                texts.append(money_cell(amount, b.currency, lang))
        median = b.peer_median(programme)
        rows.append((programme, values, float(median) if median is not None else None, texts))
    fig = go.Figure()
    _traces(fig, home=b.home, rows=rows, lang=lang)
    fig.update_layout(**base_layout(lang), height=max(380, 48 * len(rows)))
    high = max(
        (v for _, values, median, _ in rows for v in [*values.values(), median or 0]), default=0
    )
    fig.update_xaxes(
        **money_ticks(max(high, 1.0) * 1.05, b.currency, lang),
        title={"text": t("bench.per_inhabitant_axis", lang, currency=b.currency or "")},
        rangemode="tozero",
        automargin=True,
    )
    return fig


def _vs_median(value: Decimal | None, median: Decimal | None) -> float | None:
    if value is None or median is None or median == 0:
        return None
    return float((value - median) / median)


def spend_table(b: Benchmark, lang: str) -> pd.DataFrame:
    """Programmes down; home, the peers' median, home against it, then each peer."""
    records: list[dict[str, str]] = []
    for programme in (*b.programmes, TOTAL):
        home = b.per_inhabitant(programme, b.home) if b.home else None
        median = b.peer_median(programme)
        record = {
            t("bench.col.programme", lang): programme or t("bench.total", lang),
            b.home or "": money_cell(home, b.currency, lang),
            t("bench.peer_median", lang): money_cell(median, b.currency, lang),
            t("bench.col.vs_median", lang): percent_cell(
                _vs_median(home, median), lang, signed=True
            ),
        }
        for m in b.compared:
            if m != b.home:
                record[m] = money_cell(b.per_inhabitant(programme, m), b.currency, lang)
        records.append(record)
    return pd.DataFrame(records)


def _number(value: float | None, lang: str) -> str:
    return "" if value is None else format_number(round(value, 2), lang)


def outcomes_figure(b: Benchmark, lang: str) -> go.Figure:
    """One row per indicator (each on its own scale): home, the peers and their median."""
    indicators = b.indicators
    labels = []
    for indicator in indicators:
        first = next(o for o in b.outcomes if o.indicator == indicator)
        better = t("bench.higher_better" if first.higher_is_better else "bench.lower_better", lang)
        which = t("bench.col.better", lang) + ": " + better
        # One line: plain.figure shows a category as text, so markup such as <br> would be
        # shown literally.
        labels.append(indicator_label(indicator, first.unit) + " · " + which)
    fig = make_subplots(
        rows=len(indicators), cols=1, vertical_spacing=0.12 / max(1, len(indicators))
    )
    for position, (indicator, label) in enumerate(zip(indicators, labels, strict=True), start=1):
        values: dict[str, float] = {}
        texts: list[str] = []
        for o in b.outcomes:
            if o.indicator == indicator:
                values[o.municipality] = o.value
                texts.append(_number(o.value, lang))
        rows = [(label, values, b.outcome_peer_median(indicator), texts)]
        _traces(fig, home=b.home, rows=rows, lang=lang, row=position, legend=position == 1)
    layout = base_layout(lang)
    fig.update_layout(**layout, height=max(300, 110 * len(indicators) + 80))
    fig.update_xaxes(**layout["xaxis"], showline=True)
    fig.update_yaxes(**layout["yaxis"])
    fig.update_yaxes(gridcolor="rgba(0,0,0,0)")
    return fig


def outcomes_table(b: Benchmark, lang: str) -> pd.DataFrame:
    """Indicators down; which way is better, home, the peers' median, then each peer."""
    records: list[dict[str, str]] = []
    others = [m for m in (b.home, *b.peers) if m and m != b.home]
    for indicator in b.indicators:
        figures = [o for o in b.outcomes if o.indicator == indicator]
        first = figures[0]
        home = b.outcome(indicator, b.home) if b.home else None
        record = {
            t("bench.col.indicator", lang): indicator_label(indicator, first.unit),
            t("bench.col.better", lang): t(
                "bench.higher_better" if first.higher_is_better else "bench.lower_better", lang
            ),
            b.home or "": _number(home.value if home else None, lang),
            t("bench.peer_median", lang): _number(b.outcome_peer_median(indicator), lang),
        }
        for m in others:
            found = b.outcome(indicator, m)
            record[m] = _number(found.value if found else None, lang)
        records.append(record)
    return pd.DataFrame(records)


def spend_summary(b: Benchmark, lang: str) -> list[str]:
    """Home's spend per inhabitant against the peers' median, in words."""
    home = b.per_inhabitant(TOTAL, b.home) if b.home else None
    median = b.peer_median(TOTAL)
    if home is None or median is None:
        return []
    out = [  # Markdown: names are data, escaped
        t(
            "bench.sentence_total",
            lang,
            year=b.year,
            home=plain.markdown(b.home),
            amount=money_cell(home, b.currency, lang),
            peers=len(b.compared) - 1,
            median=money_cell(median, b.currency, lang),
        )
    ]
    gaps = [
        (share, p)
        for p in b.programmes
        if (share := _vs_median(b.per_inhabitant(p, b.home or ""), b.peer_median(p))) is not None
    ]
    if gaps:
        high, low = max(gaps), min(gaps)
        out.append(
            t(
                "bench.sentence_extremes",
                lang,
                above=plain.markdown(high[1]),
                above_share=percent_cell(high[0], lang, signed=True, decimals=0),
                below=plain.markdown(low[1]),
                below_share=percent_cell(low[0], lang, signed=True, decimals=0),
            )
        )
    return out


def outcome_summary(b: Benchmark, lang: str) -> str | None:
    """On how many indicators home does better than the peers' median."""
    better = compared = 0
    for indicator in b.indicators:
        home = b.outcome(indicator, b.home) if b.home else None
        median = b.outcome_peer_median(indicator)
        if home is None or median is None:
            continue
        compared += 1
        if (home.value > median) if home.higher_is_better else (home.value < median):
            better += 1
    if not compared:
        return None
    # count: the plural form agrees with the number of indicators compared.
    return t(
        "bench.sentence_outcomes",
        lang,
        home=plain.markdown(b.home),
        better=better,
        of=compared,
        count=compared,
        year=b.year,
    )


def notes(b: Benchmark, lang: str) -> list[str]:
    """What the reader must know: populations of an earlier year, municipalities left out."""
    out = [
        t(
            "bench.note_population",
            lang,
            municipality=plain.markdown(m),
            population_year=p.year,
            year=b.year,
        )
        for m, p in sorted(b.population_notes.items())
    ]
    out += [
        t(
            f"bench.excluded.{reason}",
            lang,
            municipality=plain.markdown(m),
            year=b.year,
            currency=b.currency or "",
        )
        for m, reason in sorted(b.excluded.items())
    ]
    return out
