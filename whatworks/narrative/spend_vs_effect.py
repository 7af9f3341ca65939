"""The words of Spend vs effect: the suggestion for an intervention (its "quadrant"), the hover
text of a bubble, which interventions the chart can place, and the sentences under the chart.

The suggestion follows the class and whether it pays off, the spend only splitting what works:

- review or stop: harmful, worsened (cause unknown), or a causal estimate that does not pay
  off (``pays_off`` no, only ever given at strength 2 or more);
- shown to work: scale up above the median spend, cheap and working at or below it;
- inconclusive: learn more (never "stop": usually too few participants or periods);
- improved, cause unknown: named as such (nothing to compare with);
- not measured, too early: no suggestion (they are not placed on the chart).
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
from whatworks.narrative.method import pays_off_key
from whatworks.narrative.words import count, money, strength_text

Quadrant = Literal[
    "scale_up", "cheap_working", "learn_more", "improved_cause_unknown", "review_stop"
]
QUADRANTS: Final[tuple[Quadrant, ...]] = (
    "scale_up",
    "cheap_working",
    "learn_more",
    "improved_cause_unknown",
    "review_stop",
)
REVIEW_STOP_CLASSES: Final = ("harmful", "worsened_cause_unknown")


def median_spend(figures: Iterable[InterventionFigures]) -> Decimal | None:
    """The median actual spend of the interventions given (None when there are none)."""
    spends = [f.actual for f in figures if f.actual is not None]
    return statistics.median(spends) if spends else None


def quadrant(
    spend: Decimal, median: Decimal, effect_class: str, pays_off: str = "unknown"
) -> Quadrant | None:
    """The suggestion for an intervention (see the module docs); None when it has none."""
    if effect_class in REVIEW_STOP_CLASSES or pays_off == "no":
        return "review_stop"
    if effect_class == "works":
        return "scale_up" if spend > median else "cheap_working"
    if effect_class == "inconclusive":
        return "learn_more"
    if effect_class == "improved_cause_unknown":
        return "improved_cause_unknown"
    return None


def quadrant_of(f: InterventionFigures, median: Decimal | None) -> Quadrant | None:
    """The suggestion for an intervention on the chart; None when it cannot be placed."""
    e = f.effect
    if e is None or e.relative_effect is None or f.actual is None or median is None:
        return None
    return quadrant(f.actual, median, f.effect_class, f.cost_benefit.pays_off)


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
    title = f"<b>{html.escape(f.name or f.intervention_id)}</b>"
    return "<br>".join([title, *(html.escape(line) for line in lines)])


def placed(f: InterventionFigures) -> bool:
    """Whether the bubble chart can place it: a standardised effect and positive spend."""
    e = f.effect
    return e is not None and e.relative_effect is not None and (f.actual or 0) > 0


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
    "QUADRANTS",
    "REVIEW_STOP_CLASSES",
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
