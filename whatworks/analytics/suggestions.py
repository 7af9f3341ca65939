"""Suggestions for discussion on the Spend vs effect view: a rule on the figures, not words.

- An intervention is **placed** on the chart when it has a relative effect and spend above zero.
- The median spend of the placed interventions splits "scale up" (above) from "cheap and
  working" (at or below) among those that **work**.
- **Review or stop**: harmful or worsened, or a causal estimate that does not pay off
  (``pays_off`` no), whatever its place.
- **Learn more**: inconclusive (usually too few participants or periods to tell): never
  "stop" by itself.
- **Improved, cause unknown**: named as such; no suggestion to scale.

The wording is :mod:`whatworks.narrative`'s; suggestions are prompts for discussion, not
verdicts.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from decimal import Decimal
from typing import Final, Literal, get_args

from whatworks.analytics.figures import InterventionFigures

Quadrant = Literal[
    "scale_up", "cheap_working", "learn_more", "improved_cause_unknown", "review_stop"
]
QUADRANTS: Final[tuple[Quadrant, ...]] = get_args(Quadrant)
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


def placed(f: InterventionFigures) -> bool:
    """Whether the bubble chart can place it: a standardised effect and positive spend."""
    e = f.effect
    return e is not None and e.relative_effect is not None and (f.actual or 0) > 0
