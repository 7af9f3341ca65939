"""The words of Spend vs effect: the label of a suggestion, the hover text of a bubble and the
sentences under the chart. The suggestion itself (which "quadrant") is a rule on the figures:
:mod:`whatworks.analytics.suggestions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from whatworks import plain
from whatworks.analytics import InterventionFigures
from whatworks.analytics.suggestions import QUADRANTS, Quadrant, median_spend, placed, quadrant_of
from whatworks.i18n import format_number, t
from whatworks.narrative.effect import (
    effect_phrase,
    indicator_name,
    method_words,
    range_phrase,
    relative_phrase,
)
from whatworks.narrative.method import pays_off_key
from whatworks.narrative.words import count, money, strength_text


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
    strength = strength_text(e.strength if e else 0, lang)
    lines.append(t("sve.hover_strength", lang, strength=strength))
    if e is not None and e.measured:
        pays_off = t(f"pays_off.{pays_off_key(e, f.cost_benefit)}", lang)
        lines.append(t("sve.hover_pays_off", lang, label=pays_off))
    evidence = e.evidence_level if e else "none"
    lines.append(t("sve.hover_evidence", lang, label=t(f"evidence.{evidence}", lang)))
    if f.participants is None:
        lines.append(t("sve.hover_reach_unknown", lang))
    else:
        reach = count("count.participants", f.participants, lang)
        lines.append(t("sve.hover_reach", lang, participants=reach))
    q = quadrant_of(f, median)
    if q is not None:
        lines.append(t("sve.hover_quadrant", lang, label=quadrant_label(q, lang)))
    title = f"<b>{plain.plotly(f.name or f.intervention_id)}</b>"
    return "<br>".join([title, *(plain.plotly(line) for line in lines)])


def chart_sentence(
    figures: Sequence[InterventionFigures], year: int, lang: str | None = None
) -> str:
    """What the bubble chart shows: how many it places, the suggestions, and how many it
    cannot place (singular and plural worded apart)."""
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
    parts = [count("sve.placed", len(on_chart), lang, year=year)]
    if on_chart:
        parts.append(
            t(
                "sve.suggested",
                lang,
                scale_up=format_number(counts["scale_up"], lang),
                cheap=format_number(counts["cheap_working"], lang),
                learn=format_number(counts["learn_more"], lang),
                improved=format_number(counts["improved_cause_unknown"], lang),
                review=format_number(counts["review_stop"], lang),
            )
        )
    if off:
        parts.append(count("sve.off", len(off), lang, spend=money(off_spend, currency, lang)))
    return " ".join(parts)


def quadrant_caption(median: Decimal | None, currency: str | None, lang: str | None = None) -> str:
    """How the quadrants are defined, with the median spend."""
    return t("sve.quadrant_caption", lang, median=money(median, currency, lang))


__all__ = [
    "chart_sentence",
    "hover_text",
    "quadrant_caption",
    "quadrant_label",
]
