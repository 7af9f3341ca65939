"""What an effect is worth against its cost: break-even, whether it pays off, the benefit-cost
ratio and the chance that benefits exceed costs, and what it would take to know.

Following WSIPP's benefit-cost model and the Dutch MKBA guidance (docs/effects.md):

- Benefits per year of participation: effect x participants x value_per_unit, counted over
  the indicator's ``benefit_years`` (else the ``benefit_years`` setting, else one year), the
  effect fading by ``persistence`` a year and discounted at the ``discount_rate`` setting
  (else the national guidance of the ``country`` setting), as of the data version:
  annuity A = sum_{t=0}^{H-1} persistence^t / (1 + r)^t. Cost = the year's actual spend.
- Break-even effect e* = cost / (participants x value_per_unit x A).
- ``pays_off``: ``yes`` when the interval's low end is above e*, ``no`` when its high end is
  below e*, else ``inconclusive``; ``inconclusive`` too when the design cannot say what the
  intervention caused (strength < 2) or the uncertainty is unknown; ``unknown`` without a
  value per unit, participants, positive spend in the home currency or a measured effect.
- Benefit-cost ratio, net benefit and the chance that benefits exceed costs only for causal
  estimates (strength >= 2). The chance comes from a seeded simulation of ``DEFAULT_DRAWS``
  draws (numpy's ``default_rng``): the effect from a split normal (Student's t for a spread)
  that matches its 95% interval on each side, the value per unit from a triangular
  distribution over value_per_unit_low..value_per_unit_high around value_per_unit when a
  range is given. Participants and cost are taken as recorded: the contract has no range
  for them.
- What it would take to know: the target is e* (else the expected effect from the register);
  participants needed = n x (MDE / target)^2 and periods needed = k x (MDE / target)^2,
  both rounded up, where MDE is the minimal detectable effect (80% power, 5% two-sided).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal, get_args

import numpy as np
from scipy import stats

from whatworks.analytics.effects import (
    CONFIDENCE,
    PROPORTION_FRACTION_UNITS,
    PROPORTION_PERCENT_UNITS,
    Effect,
    Z,
)
from whatworks.analytics.scope import money
from whatworks.settings import Settings

DEFAULT_SEED = 20_250_101
DEFAULT_DRAWS = 10_000

PaysOff = Literal["yes", "no", "inconclusive", "unknown"]
PAYS_OFF: tuple[PaysOff, ...] = get_args(PaysOff)


@dataclass(frozen=True)
class Appraisal:
    """The settings a cost-benefit figure depends on, as of the data version: the discount
    rate (a fraction a year) and the horizon for indicators that give none."""

    discount_rate: float
    benefit_years: int = 1

    @classmethod
    def of(cls, settings: Settings) -> Appraisal:
        return cls(settings.effective_discount_rate(), settings.benefit_years)


def annuity(years: int, persistence: float, rate: float) -> float:
    """sum_{t=0}^{years-1} persistence^t / (1 + rate)^t."""
    return sum(persistence**t / (1 + rate) ** t for t in range(years))


@dataclass(frozen=True)
class CostBenefit:
    """Money in the spend's currency; ratios, chances and effects are plain floats."""

    pays_off: PaysOff = "unknown"
    breakeven_effect: float | None = None
    annuity: float | None = None
    benefit: Decimal | None = None
    net_benefit: Decimal | None = None
    bcr: float | None = None
    p_benefit_exceeds_cost: float | None = None
    p_effect_above_breakeven: float | None = None
    extra_successes: float | None = None  # per year, for a proportion indicator
    cost_per_success: Decimal | None = None
    target_effect: float | None = None  # what a pilot should be able to detect
    participants_needed: int | None = None
    periods_needed: int | None = None


UNKNOWN = CostBenefit()


def _draw_effect(e: Effect, rng: np.random.Generator, draws: int) -> np.ndarray:
    if e.effect is None or e.low is None or e.high is None:
        raise ValueError("an effect without an interval cannot be simulated")
    if e.prior is not None:
        return rng.normal(e.prior.combined, e.prior.combined_se, draws)
    if e.df is not None:
        scale = (e.high - e.low) / 2 / float(stats.t.ppf(0.5 + CONFIDENCE / 2, e.df))
        return e.effect + scale * rng.standard_t(e.df, draws)
    left, right = (e.effect - e.low) / Z, (e.high - e.effect) / Z
    z = np.abs(rng.standard_normal(draws))
    side = rng.random(draws) < left / (left + right) if left + right > 0 else np.ones(draws, bool)
    return np.where(side, e.effect - left * z, e.effect + right * z)


def _draw_value(e: Effect, rng: np.random.Generator, draws: int) -> np.ndarray:
    assert e.value_per_unit is not None
    mode = float(e.value_per_unit)
    low = float(e.value_per_unit_low) if e.value_per_unit_low is not None else mode
    high = float(e.value_per_unit_high) if e.value_per_unit_high is not None else mode
    if high <= low:
        return np.full(draws, mode)
    return rng.triangular(low, min(max(mode, low), high), high, draws)


def chance_benefit_exceeds_cost(
    e: Effect,
    *,
    cost: Decimal,
    factor: float,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
) -> float:
    """The share of simulated (effect, value per unit) whose benefit exceeds the cost.

    ``factor`` = participants x annuity; the benefit of a draw = effect x value x factor.
    """
    rng = np.random.default_rng(seed)
    benefit = _draw_effect(e, rng, draws) * _draw_value(e, rng, draws) * factor
    return float(np.mean(benefit > float(cost)))


def _pays_off(e: Effect, breakeven: float) -> PaysOff:
    if not e.causal or e.low is None or e.high is None:
        return "inconclusive"
    if e.low > breakeven:
        return "yes"
    if e.high < breakeven:
        return "no"
    return "inconclusive"


def _scale(unit: str | None) -> float | None:
    """100 for a percentage unit, 1 for a named fraction unit (an empty unit says nothing)."""
    text = (unit or "").strip().lower()
    if text in PROPORTION_PERCENT_UNITS:
        return 100.0
    if text and text in PROPORTION_FRACTION_UNITS:
        return 1.0
    return None


def what_it_takes(e: Effect, target: float | None) -> tuple[int | None, int | None]:
    """(participants needed, periods needed) to detect ``target`` at 80% power, 5%."""
    mde = e.mde
    if mde is None or target is None or target <= 0:
        return None, None
    factor = (mde / target) ** 2
    n = e.n_per_period or (float(e.participants) if e.participants else None)
    participants = math.ceil(n * factor) if n else None
    periods = math.ceil(max(len(e.periods), 1) * factor)
    return participants, periods


def cost_benefit(
    e: Effect,
    actual: Decimal | None,
    *,
    appraisal: Appraisal | None = None,
    home_currency: bool = True,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
) -> CostBenefit:
    """Break-even, pays off, ratio and chance, and what it would take to know (module docs)."""
    expected = e.prior.expected if e.prior is not None else None
    if (
        e.effect is None
        or e.participants is None
        or e.participants <= 0
        or e.value_per_unit is None
        or e.value_per_unit <= 0
        or actual is None
        or actual <= 0
        or not home_currency
    ):
        participants, periods = what_it_takes(e, expected)
        return CostBenefit(
            target_effect=expected if participants or periods else None,
            participants_needed=participants,
            periods_needed=periods,
        )
    appraisal = appraisal or Appraisal.of(Settings())
    years = e.benefit_years or appraisal.benefit_years
    persistence = e.persistence if e.persistence is not None else 1.0
    a = annuity(years, persistence, appraisal.discount_rate)
    factor = e.participants * a
    breakeven = float(actual) / (factor * float(e.value_per_unit))
    target = breakeven
    participants, periods = what_it_takes(e, target)
    scale = _scale(e.unit)
    successes = e.effect / scale * e.participants if scale else None
    per_success = money(actual / Decimal(repr(successes))) if successes and successes > 0 else None
    base = CostBenefit(
        pays_off=_pays_off(e, breakeven),
        breakeven_effect=breakeven,
        annuity=a,
        extra_successes=successes,
        cost_per_success=per_success,
        target_effect=target,
        participants_needed=participants,
        periods_needed=periods,
    )
    if not e.causal:
        return base
    exact = Decimal(repr(e.effect)) * e.participants * e.value_per_unit * Decimal(repr(a))
    chance = above = None
    if e.interval_known:
        chance = chance_benefit_exceeds_cost(e, cost=actual, factor=factor, seed=seed, draws=draws)
        above = e.probability_above(breakeven)
    return replace(
        base,
        benefit=money(exact),
        net_benefit=money(exact - actual),
        bcr=float(exact / actual),
        p_benefit_exceeds_cost=chance,
        p_effect_above_breakeven=above,
    )
