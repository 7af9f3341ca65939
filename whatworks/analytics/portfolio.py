"""Portfolio: the interventions by stage, and three lists, each item with the rule that put it
there. All of it as of a data version, for one year's spend in one currency.

**Pipeline** — per stage (idea, pilot, scaling, standard, stopped; a missing stage counts as
pilot): the number of interventions in the register and their actual spend in the year.
Spend on no intervention, or on one the register does not know, is in no stage
(``unattributed_actual``).

**Cost per effect** — spend per participant in the year / (relative effect x 100): what one
percent of improvement on the intervention's own indicator costs per person reached. Known
only when the spend and the participants are above zero and the relative effect is positive
(see docs/effects.md for the relative effect). Relative, so that interventions measured on
different indicators can be ranked together.

**Thirds** — of n values, the best third is the ceil(n / 3) best, ties with the last one
included: cost per effect at or below the ceil(n / 3)-th lowest, spend at or above the
ceil(n / 3)-th highest. Both are ranked over the whole portfolio (every intervention with
such a figure), whatever programme is shown, so an item never depends on the filter.

1. **Candidates to scale** (``scale``): stage pilot or scaling, class *works* (an interval
   clear of zero at strength 2 or more; *improved, cause unknown* is not enough), and a cost
   per effect in the best third
   of all interventions that have one.
2. **To review**: ``review_large_spend`` — spend in the top third of the year's spend on
   interventions (those with spend above zero), and not shown to work (any class but works
   and too early); ``review_harmful`` — harmful or worsened, at any spend, unless stopped
   (when not already listed by the first rule); ``review_no_payoff`` — a causal estimate
   whose whole interval lies below the break-even effect (``pays_off`` no), unless stopped.
3. **Measurement gaps**, for interventions not stopped: ``gap_no_indicator`` — no indicator
   in the register; ``gap_no_data`` — an indicator, started (stage not idea, not too early
   to tell) and no outcome row on it since the start; ``gap_no_reference`` — outcome rows
   since the start but neither a baseline nor a comparison group, so no effect can be
   computed; ``gap_no_uncertainty`` — inconclusive because the effect has no interval (no
   ci, no n for a proportion, fewer than three periods); ``gap_underpowered`` — inconclusive
   with a known interval: today's data cannot tell, and the item says what it would take
   (the minimal detectable effect, the participants or periods needed to detect the
   break-even effect, else the expected effect).

With ``programme``, the pipeline, the unattributed spend and the lists show that register
programme only (unattributed spend: that budget programme); the thirds stay those of the whole
portfolio. An intervention is on each list at most once, and can be on several lists.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, get_args

import duckdb

from models import STAGES
from whatworks.analytics.effects import Effect, EffectClass
from whatworks.analytics.figures import year_view
from whatworks.analytics.scope import money, resolve_scope, rows

Rule = Literal[
    "scale",
    "review_large_spend",
    "review_harmful",
    "review_no_payoff",
    "gap_no_indicator",
    "gap_no_data",
    "gap_no_reference",
    "gap_no_uncertainty",
    "gap_underpowered",
]
RULES: tuple[Rule, ...] = get_args(Rule)
QUERY_NAMES = ("portfolio_measurement",)
SCALE_STAGES = ("pilot", "scaling")
# Large spend on these is to review: not shown to work (works alone is).
NOT_SHOWN_TO_WORK: tuple[EffectClass, ...] = (
    "improved_cause_unknown",
    "inconclusive",
    "worsened_cause_unknown",
    "harmful",
    "not_measured",
)
GOT_WORSE: tuple[EffectClass, ...] = ("harmful", "worsened_cause_unknown")
ZERO = Decimal(0)


@dataclass(frozen=True)
class StageRow:
    stage: str
    interventions: int
    actual: Decimal


@dataclass(frozen=True)
class Item:
    """One intervention on a list, with the rule that put it there."""

    rule: Rule
    intervention_id: str
    name: str
    programme: str
    stage: str
    indicator: str | None
    effect_class: EffectClass
    actual: Decimal | None  # spend in the year; None: none
    cost_per_effect: Decimal | None
    rank: int | None = None  # its rank in the third the rule looks at (1 = best / largest)
    of: int | None = None  # out of how many
    strength: int = 0
    mde: float | None = None  # the smallest effect today's data can detect
    target_effect: float | None = None  # break-even (else expected) effect to detect
    participants_needed: int | None = None
    periods_needed: int | None = None


@dataclass(frozen=True)
class Portfolio:
    year: int
    currency: str | None
    stages: tuple[StageRow, ...]  # in STAGES order
    unattributed_actual: Decimal
    candidates: tuple[Item, ...]
    review: tuple[Item, ...]
    gaps: tuple[Item, ...]
    cost_threshold: Decimal | None  # the highest cost per effect in the best third
    with_cost: int  # how many interventions have a cost per effect
    spend_threshold: Decimal | None  # the lowest spend in the top third
    with_spend: int  # how many interventions have spend above zero in the year
    cost_per_effect: dict[str, Decimal]  # every intervention that has one


def cost_per_effect(
    actual: Decimal | None, participants: int | None, relative_effect: float | None
) -> Decimal | None:
    """Spend per participant / (relative effect x 100), in cents; None unless all are known
    and positive."""
    if actual is None or actual <= 0 or not participants or participants <= 0:
        return None
    if relative_effect is None or relative_effect <= 0:
        return None
    return money(actual / participants / (Decimal(repr(relative_effect)) * 100))


def third_size(n: int) -> int:
    """How many of n values make the best third: ceil(n / 3)."""
    return math.ceil(n / 3)


def best_third_threshold(values: list[Decimal], *, lowest: bool) -> Decimal | None:
    """The value at rank ceil(n/3) (lowest first when ``lowest``, else highest first)."""
    if not values:
        return None
    ordered = sorted(values, reverse=not lowest)
    return ordered[third_size(len(values)) - 1]


def _rank(value: Decimal, values: list[Decimal], *, lowest: bool) -> int:
    """1 + how many values are strictly better."""
    better = [v for v in values if (v < value if lowest else v > value)]
    return len(better) + 1


def _item(
    rule: Rule, e: Effect, actual: Decimal | None, cost: Decimal | None, **extra: Any
) -> Item:
    return Item(
        strength=e.strength,
        mde=e.mde,
        rule=rule,
        intervention_id=e.intervention_id,
        name=e.name,
        programme=e.programme,
        stage=e.stage,
        indicator=e.indicator,
        effect_class=e.effect_class,
        actual=actual,
        cost_per_effect=cost,
        **extra,
    )


def portfolio(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    version: int | None = None,
    municipality: str | None = None,
    currency: str | None = None,
    programme: str | None = None,
) -> Portfolio:
    """The pipeline and the three lists (see the module docs)."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    view = year_view(
        con, year=year, version=scope.version, municipality=scope.municipality, currency=currency
    )
    effects = view.effects
    money_of = {f.intervention_id: f.cost_benefit for f in view.interventions}
    spend: dict[str, Decimal] = {}
    unattributed = ZERO
    for line in view.lines:
        if line.attributed and line.intervention_id is not None:
            spend[line.intervention_id] = spend.get(line.intervention_id, ZERO) + (
                line.actual or ZERO
            )
        elif programme is None or line.programme == programme:
            unattributed += line.actual or ZERO
    measurement = {
        r["intervention_id"]: r for r in rows(con, "portfolio_measurement", scope.params())
    }

    counts: dict[str, int] = defaultdict(int)
    stage_spend: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for e in effects.values():
        if programme is not None and e.programme != programme:
            continue
        counts[e.stage] += 1
        stage_spend[e.stage] += spend.get(e.intervention_id, ZERO)
    stages = tuple(StageRow(s, counts[s], stage_spend[s]) for s in STAGES)

    costs = {
        iid: c
        for iid, e in effects.items()
        if (c := cost_per_effect(spend.get(iid), e.participants, e.relative_effect)) is not None
    }
    cost_values = list(costs.values())
    cost_threshold = best_third_threshold(cost_values, lowest=True)
    spent = {iid: a for iid, a in spend.items() if a > 0}
    spend_values = list(spent.values())
    spend_threshold = best_third_threshold(spend_values, lowest=False)

    candidates: list[Item] = []
    review: list[Item] = []
    gaps: list[Item] = []
    for iid, e in sorted(effects.items()):
        actual, cost = spend.get(iid), costs.get(iid)
        if (
            e.stage in SCALE_STAGES
            and e.effect_class == "works"
            and cost is not None
            and cost_threshold is not None
            and cost <= cost_threshold
        ):
            rank = _rank(cost, cost_values, lowest=True)
            candidates.append(_item("scale", e, actual, cost, rank=rank, of=len(cost_values)))
        large = iid in spent and spend_threshold is not None and spent[iid] >= spend_threshold
        if large and e.effect_class in NOT_SHOWN_TO_WORK:
            rank = _rank(spent[iid], spend_values, lowest=False)
            review.append(
                _item("review_large_spend", e, actual, cost, rank=rank, of=len(spend_values))
            )
        elif e.effect_class in GOT_WORSE and e.stage != "stopped":
            review.append(_item("review_harmful", e, actual, cost))
        elif (cb := money_of.get(iid)) is not None and cb.pays_off == "no" and e.stage != "stopped":
            review.append(_item("review_no_payoff", e, actual, cost))
        if e.stage == "stopped":
            continue
        found = measurement.get(iid, {})
        if e.indicator is None:
            gaps.append(_item("gap_no_indicator", e, actual, cost))
        elif (
            e.stage != "idea"
            and e.effect_class != "too_early"
            and found.get("rows_since_start", 0) == 0
        ):
            gaps.append(_item("gap_no_data", e, actual, cost))
        elif found.get("rows_since_start", 0) > 0 and e.method == "none":
            gaps.append(_item("gap_no_reference", e, actual, cost))
        elif e.effect_class == "inconclusive" and e.mde is None:
            gaps.append(_item("gap_no_uncertainty", e, actual, cost))
        elif e.effect_class == "inconclusive":
            cb = money_of.get(iid)
            gaps.append(
                _item(
                    "gap_underpowered",
                    e,
                    actual,
                    cost,
                    target_effect=cb.target_effect if cb else None,
                    participants_needed=cb.participants_needed if cb else None,
                    periods_needed=cb.periods_needed if cb else None,
                )
            )

    def shown(items: list[Item]) -> list[Item]:
        return [i for i in items if programme is None or i.programme == programme]

    def by_spend(items: list[Item]) -> tuple[Item, ...]:
        return tuple(sorted(shown(items), key=lambda i: (-(i.actual or ZERO), i.intervention_id)))

    return Portfolio(
        year=year,
        currency=view.currency,
        stages=stages,
        unattributed_actual=unattributed,
        candidates=tuple(
            sorted(shown(candidates), key=lambda i: (i.cost_per_effect or ZERO, i.intervention_id))
        ),
        review=by_spend(review),
        gaps=by_spend(gaps),
        cost_threshold=cost_threshold,
        with_cost=len(cost_values),
        spend_threshold=spend_threshold,
        with_spend=len(spend_values),
        cost_per_effect=costs,
    )
