"""Portfolio figures and tables: the pipeline by stage and the three lists. No Streamlit.

Also the cell formatters the Programmes and Benchmark charts share (money, shares, the
effect-class colour of a table cell). Tables are the text alternative of each chart: their
headers and labels are translated, their amounts formatted in the language's locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler
from plotly.subplots import make_subplots

from whatworks.analytics.portfolio import Item, Portfolio
from whatworks.charts import (
    EFFECT_COLOURS,
    OKABE_ITO,
    TEXT,
    base_layout,
    marker_line,
    text_colour_on,
)
from whatworks.i18n import format_money, format_money_short, format_number, format_percent, t
from whatworks.narrative.words import count, fine_number, strength_text

# A stage is a place in the pipeline, not a verdict: one colour for the active stages, grey
# for stopped (no effect-class colour, so nobody reads "green" as "works").
STAGE_COLOURS: Final[dict[str, str]] = {
    "idea": OKABE_ITO["blue"],
    "pilot": OKABE_ITO["blue"],
    "scaling": OKABE_ITO["blue"],
    "standard": OKABE_ITO["blue"],
    "stopped": OKABE_ITO["grey"],
}


# --------------------------------------------------------------------------- cells


def money_cell(
    amount: Decimal | None, currency: str | None, lang: str, *, short: bool = False
) -> str:
    """An amount in the locale ('' when unknown; without a symbol when the currency is)."""
    if amount is None:
        return ""
    if currency is None:
        return format_number(amount, lang, decimals=0 if short else 2)
    if short:
        return format_money_short(amount, currency, lang)
    return format_money(amount, currency, lang)


def signed_money_cell(amount: Decimal | None, currency: str | None, lang: str) -> str:
    """A difference: with a + before a positive amount."""
    text = money_cell(amount, currency, lang)
    return "+" + text if amount is not None and amount > 0 else text


def percent_cell(share: float | None, lang: str, *, signed: bool = False, decimals: int = 1) -> str:
    if share is None:
        return ""
    text = format_percent(share, lang, decimals=decimals)
    return "+" + text if signed and share > 0 else text


def indicator_label(indicator: str, unit: str | None) -> str:
    """An indicator's name as a reader sees it: ``unemployment_rate`` -> ``Unemployment rate``."""
    name = indicator.replace("_", " ").strip().capitalize()
    return f"{name} ({unit})" if unit else name


def class_label(effect_class: str, lang: str) -> str:
    return t(f"effect.{effect_class}", lang)


def strength_cell(intervention_id: str, strengths: Mapping[str, int], lang: str) -> str:
    """The strength of evidence of an intervention (dots and words); '' when not known."""
    found = strengths.get(intervention_id)
    return "" if found is None else strength_text(found, lang)


def class_styler(frame: pd.DataFrame, column: str, lang: str) -> Styler:
    """The table with its effect-class column in the class colours of every chart."""
    colours = {class_label(c, lang): colour for c, colour in EFFECT_COLOURS.items()}

    def style(value: Any) -> str:
        fill = colours.get(str(value))
        if fill is None:
            return ""
        return f"background-color: {fill}; color: {text_colour_on(fill)}"

    return frame.style.map(style, subset=[column])


# --------------------------------------------------------------------------- pipeline


def pipeline_table(p: Portfolio, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("portfolio.col.stage", lang): [t(f"stage.{s.stage}", lang) for s in p.stages],
            t("portfolio.col.interventions", lang): [s.interventions for s in p.stages],
            t("portfolio.col.spend", lang, year=p.year): [
                money_cell(s.actual, p.currency, lang) for s in p.stages
            ],
        }
    )


def pipeline_figure(p: Portfolio, lang: str) -> go.Figure:
    """Two columns charts side by side: interventions per stage, and their spend."""
    labels = [t(f"stage.{s.stage}", lang) for s in p.stages]
    colours = [STAGE_COLOURS[s.stage] for s in p.stages]
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            t("portfolio.chart.count", lang),
            t("portfolio.chart.spend", lang, year=p.year),
        ),
        horizontal_spacing=0.08,
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[s.interventions for s in p.stages],
            marker={"color": colours, "line": marker_line()},
            text=[format_number(s.interventions, lang) for s in p.stages],
            textposition="outside",
            hovertemplate="%{x}: %{y}<extra></extra>",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[float(s.actual) for s in p.stages],
            marker={"color": colours, "line": marker_line()},
            text=[money_cell(s.actual, p.currency, lang, short=True) for s in p.stages],
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>",
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    fig.update_layout(**base_layout(lang), height=360)
    fig.update_layout(margin={"l": 16, "r": 16, "t": 48, "b": 16})
    fig.update_xaxes(**base_layout(lang)["xaxis"], showline=True)
    fig.update_yaxes(
        showticklabels=False, showline=False, gridcolor="rgba(0,0,0,0)", rangemode="tozero"
    )
    fig.update_traces(cliponaxis=False, textfont={"color": TEXT})
    fig.update_annotations(font={"size": 16, "color": TEXT})
    return fig


# --------------------------------------------------------------------------- lists


def rule_text(item: Item, p: Portfolio, lang: str) -> str:
    """Why the item is on its list, in words, with the figures the rule used."""
    values: dict[str, str] = {}
    key = f"portfolio.rule.{item.rule}"
    if item.rule == "scale":
        values = {
            "cost": money_cell(item.cost_per_effect, p.currency, lang),
            "rank": format_number(item.rank or 0, lang),
            "of": format_number(item.of or 0, lang),
            "threshold": money_cell(p.cost_threshold, p.currency, lang),
        }
    elif item.rule == "review_large_spend":
        key = f"{key}.{item.effect_class}"
        values = {
            "rank": format_number(item.rank or 0, lang),
            "of": format_number(item.of or 0, lang),
            "threshold": money_cell(p.spend_threshold, p.currency, lang),
        }
    elif item.rule == "review_harmful" and item.effect_class == "worsened_cause_unknown":
        key = "portfolio.rule.review_worsened"
    elif item.rule in ("gap_no_data", "gap_no_reference"):
        values = {"indicator": indicator_label(item.indicator or "", None)}
    elif item.rule == "gap_underpowered":
        key, values = _underpowered(item, lang)
    return t(key, lang, **values)


def _underpowered(item: Item, lang: str) -> tuple[str, dict[str, str]]:
    """The key and values of "inconclusive: what it would take" (the item's own figures, in
    the indicator's units)."""
    values = {
        "indicator": indicator_label(item.indicator or "", None),
        "mde": fine_number(item.mde, lang) if item.mde is not None else "?",
    }
    people, periods = item.participants_needed, item.periods_needed
    if item.target_effect is None or (people is None and periods is None):
        return "portfolio.rule.gap_underpowered.mde", values
    values["target"] = fine_number(item.target_effect, lang)
    if people is not None:
        values["participants"] = count("count.participants", people, lang)
    if periods is not None:
        values["periods"] = count("count.periods", periods, lang)
    form = "both" if people is not None and periods is not None else "participants"
    if people is None:
        form = "periods"
    return f"portfolio.rule.gap_underpowered.{form}", values


ItemColumn = tuple[str, Callable[[Item], Any]]


def items_table(items: Iterable[Item], p: Portfolio, lang: str) -> pd.DataFrame:
    """One list: the intervention, its spend, class and strength of evidence, and the rule
    that put it there."""
    columns: list[ItemColumn] = [
        (t("portfolio.col.intervention_id", lang), lambda i: i.intervention_id),
        (t("portfolio.col.name", lang), lambda i: i.name),
        (t("portfolio.col.programme", lang), lambda i: i.programme),
        (t("portfolio.col.stage", lang), lambda i: t(f"stage.{i.stage}", lang)),
        (t("portfolio.col.effect_class", lang), lambda i: class_label(i.effect_class, lang)),
        (
            t("portfolio.col.strength", lang),
            lambda i: strength_text(i.strength, lang),
        ),
        (
            t("portfolio.col.spend", lang, year=p.year),
            lambda i: money_cell(i.actual, p.currency, lang),
        ),
        (t("portfolio.col.why", lang), lambda i: rule_text(i, p, lang)),
    ]
    listed = list(items)
    return pd.DataFrame({header: [get(i) for i in listed] for header, get in columns})


def summary(p: Portfolio, lang: str) -> list[str]:
    """The portfolio in words: the pipeline, then what the three lists hold (a count of one in
    the singular: "1 idea", "1 measurement gap")."""
    counts = {s.stage: format_number(s.interventions, lang) for s in p.stages}
    by_stage = {s.stage: s.interventions for s in p.stages}
    counts["idea"] = count("count.ideas", by_stage.get("idea", 0), lang)
    counts["pilot"] = count("count.pilots", by_stage.get("pilot", 0), lang)
    total = count("count.interventions", sum(by_stage.values()), lang)
    return [
        t("portfolio.sentence_pipeline", lang, total=total, **counts),
        t(
            "portfolio.sentence_lists",
            lang,
            year=p.year,
            candidates=count("count.candidates", len(p.candidates), lang),
            review=format_number(len(p.review), lang),
            gaps=count("count.gaps", len(p.gaps), lang),
        ),
    ]


def pipeline_caption(p: Portfolio, lang: str) -> str:
    """What the spend columns leave out."""
    return t(
        "portfolio.pipeline_caption",
        lang,
        year=p.year,
        amount=money_cell(p.unattributed_actual, p.currency, lang, short=True),
    )
