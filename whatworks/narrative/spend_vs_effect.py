"""The words of Spend vs effect: the quadrant an intervention falls in (at the median spend
and effect 0), the hover text of a bubble, which interventions the chart can place, and the
sentences under the chart.
"""

from __future__ import annotations

import html
import statistics
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final, Literal

from whatworks.analytics import InterventionFigures
from whatworks.i18n import format_number, t
from whatworks.narrative.effect import (
    effect_phrase,
    indicator_name,
    method_words,
    range_phrase,
    relative_phrase,
)
from whatworks.narrative.words import money

Quadrant = Literal["scale_up", "cheap_working", "review", "stop_redesign"]
QUADRANTS: Final[tuple[Quadrant, ...]] = ("scale_up", "cheap_working", "review", "stop_redesign")


def median_spend(figures: Iterable[InterventionFigures]) -> Decimal | None:
    """The median actual spend of the interventions given (None when there are none)."""
    spends = [f.actual for f in figures if f.actual is not None]
    return statistics.median(spends) if spends else None


def quadrant(
    spend: Decimal, relative_effect: float, median: Decimal, effect_class: str = "works"
) -> Quadrant:
    """Above or below effect 0, right of the median spend or not (at the median: left).

    An effect counts as above 0 only when it was shown to be (``works``, or positive with
    unknown uncertainty: ``works_indicative``); an effect whose likely range includes 0 counts
    as 0, wherever its point estimate falls.
    """
    high = spend > median
    if relative_effect > 0 and effect_class in ("works", "works_indicative"):
        return "scale_up" if high else "cheap_working"
    return "review" if high else "stop_redesign"


def quadrant_of(f: InterventionFigures, median: Decimal | None) -> Quadrant | None:
    """The quadrant an intervention is placed in; None when it cannot be placed."""
    e = f.effect
    if e is None or e.relative_effect is None or f.actual is None or median is None:
        return None
    return quadrant(f.actual, e.relative_effect, median, f.effect_class)


def quadrant_label(q: Quadrant | None, lang: str | None = None) -> str:
    return t(f"quadrant.{q}", lang) if q else ""


def hover_text(f: InterventionFigures, median: Decimal | None, lang: str | None = None) -> str:
    """What an alderman sees on hovering a bubble (plotly hover: HTML-escaped data)."""
    e = f.effect
    lines = [f.programme]
    lines.append(t("sve.hover_spend", lang, year=f.year, amount=money(f.actual, f.currency, lang)))
    if e is not None and e.effect is not None:
        lines.append(t("sve.hover_indicator", lang, indicator=indicator_name(e.indicator, lang)))
        lines.append(
            t(
                "sve.hover_effect",
                lang,
                effect=effect_phrase(e, lang),
                relative=relative_phrase(e, lang),
            )
        )
        likely = range_phrase(e, lang)
        lines.append(likely[:1].upper() + likely[1:])
        lines.append(t("sve.hover_method", lang, method=method_words(e, lang)))
    lines.append(t("sve.hover_class", lang, label=t(f"effect.{f.effect_class}", lang)))
    evidence = e.evidence_level if e else "none"
    lines.append(t("sve.hover_evidence", lang, label=t(f"evidence.{evidence}", lang)))
    if f.participants is None:
        lines.append(t("sve.hover_reach_unknown", lang))
    else:
        lines.append(t("sve.hover_reach", lang, n=format_number(f.participants, lang)))
    q = quadrant_of(f, median)
    if q is not None:
        lines.append(t("sve.hover_quadrant", lang, label=quadrant_label(q, lang)))
    title = f"<b>{html.escape(f.name or f.intervention_id)}</b>"
    return "<br>".join([title, *(html.escape(line) for line in lines)])


def placed(f: InterventionFigures) -> bool:
    """Whether the bubble chart can place it: a standardised effect and positive spend."""
    e = f.effect
    return e is not None and e.relative_effect is not None and (f.actual or 0) > 0


def chart_sentence(
    figures: Sequence[InterventionFigures], year: int, lang: str | None = None
) -> str:
    """What the bubble chart shows, and how many interventions it cannot place."""
    on_chart = [f for f in figures if placed(f)]
    off = [f for f in figures if not placed(f)]
    median = median_spend(on_chart)
    counts = dict.fromkeys(QUADRANTS, 0)
    for f in on_chart:
        q = quadrant_of(f, median)
        if q is not None:
            counts[q] += 1
    currency = figures[0].currency if figures else None
    off_spend = sum((f.actual or Decimal(0) for f in off), Decimal(0))
    return t(
        "sve.chart_sentence",
        lang,
        year=year,
        placed=len(on_chart),
        scale_up=counts["scale_up"],
        cheap=counts["cheap_working"],
        review=counts["review"],
        stop=counts["stop_redesign"],
        off=len(off),
        off_spend=money(off_spend, currency, lang),
    )


def quadrant_caption(median: Decimal | None, currency: str | None, lang: str | None = None) -> str:
    """How the quadrants are defined, with the median spend."""
    return t("sve.quadrant_caption", lang, median=money(median, currency, lang))


__all__ = [
    "QUADRANTS",
    "Quadrant",
    "chart_sentence",
    "hover_text",
    "median_spend",
    "placed",
    "quadrant",
    "quadrant_caption",
    "quadrant_label",
    "quadrant_of",
]
