"""Benefit-cost ratio, net benefit and the chance that benefits exceed costs.

benefit = effect x participants x value_per_unit (``indicators.value_per_unit``: what one unit
of improvement per participant is worth, in the home currency); cost = the actual spend of
the year. All four must be known, the spend positive and in the home currency (the
``default_currency`` setting, or any currency when that is unset); otherwise every figure is
None, never zero. A negative effect gives a negative benefit: reported as it is.

With a known interval for the effect, the chance that benefits exceed costs comes from a
seeded simulation, as WSIPP reports it: the effect drawn ``DEFAULT_DRAWS`` times from a normal
distribution centred on the effect with sd = (high - low) / (2 x 1.96), using
``numpy.random.default_rng(seed)``; the result is deterministic for a given seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from whatworks.analytics.effects import Effect
from whatworks.analytics.scope import money

DEFAULT_SEED = 20_250_101
DEFAULT_DRAWS = 10_000
Z95 = 1.959963984540054


@dataclass(frozen=True)
class CostBenefit:
    """Money in the spend's currency; ``bcr`` and the chance are plain floats."""

    benefit: Decimal | None = None
    net_benefit: Decimal | None = None
    bcr: float | None = None
    p_benefit_exceeds_cost: float | None = None


UNKNOWN = CostBenefit()


def chance_benefit_exceeds_cost(
    effect: float,
    low: float,
    high: float,
    *,
    participants: int,
    value_per_unit: Decimal,
    cost: Decimal,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
) -> float:
    """The share of simulated effects whose benefit exceeds the cost (see the module docs)."""
    sd = (high - low) / (2 * Z95)
    scale = participants * float(value_per_unit)
    if sd <= 0:
        return 1.0 if effect * scale > float(cost) else 0.0
    simulated = np.random.default_rng(seed).normal(effect, sd, draws) * scale
    return float(np.mean(simulated > float(cost)))


def cost_benefit(
    effect: Effect,
    actual: Decimal | None,
    *,
    home_currency: bool = True,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
) -> CostBenefit:
    """Benefit, net benefit, benefit-cost ratio and chance, or UNKNOWN (see the module docs)."""
    if (
        effect.effect is None
        or effect.participants is None
        or effect.value_per_unit is None
        or actual is None
        or actual <= 0
        or not home_currency
    ):
        return UNKNOWN
    exact = Decimal(repr(effect.effect)) * effect.participants * effect.value_per_unit
    benefit = money(exact)
    chance = None
    if effect.low is not None and effect.high is not None:
        chance = chance_benefit_exceeds_cost(
            effect.effect,
            effect.low,
            effect.high,
            participants=effect.participants,
            value_per_unit=effect.value_per_unit,
            cost=actual,
            seed=seed,
            draws=draws,
        )
    return CostBenefit(
        benefit=benefit,
        net_benefit=money(exact - actual),
        bcr=float(exact / actual),
        p_benefit_exceeds_cost=chance,
    )
