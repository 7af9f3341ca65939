"""The effect of an intervention on its primary indicator, by the product's method.

The primary indicator is ``programmes.indicator``; the rows used are the intervention's own
outcome rows on it (``intervention_id`` given) in the chosen municipality, without an area
(area-level rows are not combined into one figure). ``queries/intervention_effects.sql``
aggregates them; this module decides from those figures:

Direction ``d`` = +1 when higher is better, else -1. Precedence: ``indicators.higher_is_better``
when given; else the outcome rows of the indicator (the latest row that states it); else +1.

Before and after the start: a period is *after* when it begins on or after ``start_date``,
*before* when it ends before it; a period that straddles the start is neither. With no start
date every period counts as after (and there is no "before").

1. ``comparison`` — periods after the start with a comparison value:
   effect = d x mean(value - comparison). Relative effect = effect / |mean comparison|.
   Interval: per period d x (ci_low - comparison) and d x (ci_high - comparison), ordered,
   then each bound averaged over the periods; known only when every period has an interval.
   The comparison group's own uncertainty is not in the contract, so the interval reflects
   the intervention group only; averaging bounds (rather than pooling) keeps it conservative.
2. ``before_after`` (label "before/after, no comparison group") — the latest value after the
   start against the baseline: the ``baseline`` column (from the latest row that gives one),
   else the last value before the start. effect = d x (latest - baseline); relative effect =
   effect / |baseline|. Interval: a baseline column is a fixed reference, so the latest
   value's interval shifted by it; a baseline that is itself a measured value adds its own
   interval's half-widths in quadrature; unknown when either interval is unknown.
3. ``none`` — ``too_early`` when the start lies after the start of the latest period reported
   for the indicator in this municipality (for any intervention or area; when the indicator
   has no rows at all, the latest period of any indicator): no complete reporting period has
   passed since the start, in the data of this version (not the clock, so the figure can be
   reproduced). Otherwise ``not_measured`` (also: no indicator defined, or no start date).

A value's interval is ``ci_low``/``ci_high`` when both are given; else, for a proportion (unit
``%`` with a value in 0-100, or no/a share unit with a value in 0-1) with ``n``, the 95% Wilson
score interval (a normal approximation that, unlike the Wald interval, does not shrink to
nothing at 0% or 100%); else unknown.

Class: ``works`` when the effect is positive and its interval lies above zero; ``harmful``
when negative and the interval lies below zero; ``works_indicative`` when positive with an
unknown interval; ``no_effect`` otherwise (including an interval that touches zero exactly and
a negative effect with an unknown interval). Effects and bounds are rounded to 10 decimals
first, so binary floating-point noise cannot move a figure across zero.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import duckdb

from whatworks.analytics.scope import Scope, resolve_scope, rows

Method = Literal["comparison", "before_after", "none"]
EffectClass = Literal[
    "works", "works_indicative", "no_effect", "harmful", "not_measured", "too_early"
]
BaselineSource = Literal["column", "before_start"]

METHODS: tuple[Method, ...] = ("comparison", "before_after", "none")
EFFECT_CLASSES: tuple[EffectClass, ...] = (
    "works",
    "works_indicative",
    "no_effect",
    "harmful",
    "not_measured",
    "too_early",
)
# i18n keys the UI translates; method 2 must never read as causal.
METHOD_LABELS: dict[Method, str] = {
    "comparison": "method.comparison",
    "before_after": "method.before_after_no_comparison",
    "none": "method.none",
}
DECIMALS = 10


@dataclass(frozen=True)
class Effect:
    """An intervention's effect on its primary indicator, and how it was made.

    ``effect``, ``low`` and ``high`` are in the indicator's units, signed so that positive is
    an improvement; ``relative_effect`` is a fraction of 1 (see the module docs).
    """

    intervention_id: str
    name: str
    programme: str
    stage: str
    evidence_level: str
    start_date: dt.date | None
    indicator: str | None
    unit: str | None
    participants: int | None
    value_per_unit: Decimal | None
    direction: int
    method: Method
    effect: float | None
    low: float | None
    high: float | None
    relative_effect: float | None
    effect_class: EffectClass
    periods: tuple[str, ...] = ()
    latest_period: str | None = None
    baseline: float | None = None
    baseline_source: BaselineSource | None = None
    baseline_period: str | None = None
    comparison_mean: float | None = None

    @property
    def method_label(self) -> str:
        """The i18n key of the method's label."""
        return METHOD_LABELS[self.method]

    @property
    def interval_known(self) -> bool:
        return self.low is not None and self.high is not None


def effect_class(effect: float, low: float | None, high: float | None) -> EffectClass:
    """The class of a measured effect (see the module docs)."""
    if low is None or high is None:
        return "works_indicative" if effect > 0 else "no_effect"
    if effect > 0 and low > 0:
        return "works"
    if effect < 0 and high < 0:
        return "harmful"
    return "no_effect"


def _clean(value: float | None) -> float | None:
    return None if value is None else round(float(value), DECIMALS) + 0.0


def _relative(effect: float, reference: float | None) -> float | None:
    if reference is None or reference == 0:
        return None
    return _clean(effect / abs(reference))


def _ordered(a: float, b: float) -> tuple[float, float]:
    return (a, b) if a <= b else (b, a)


def _before_after_interval(
    row: Mapping[str, Any], d: int, baseline: float, source: BaselineSource
) -> tuple[float | None, float | None]:
    latest, lo, hi = row["latest_value"], row["latest_low"], row["latest_high"]
    if lo is None or hi is None:
        return None, None
    if source == "column":
        return _ordered(d * (lo - baseline), d * (hi - baseline))
    b_lo, b_hi = row["before_low"], row["before_high"]
    if b_lo is None or b_hi is None:
        return None, None
    diff = latest - baseline
    raw_low = diff - math.hypot(latest - lo, b_hi - baseline)
    raw_high = diff + math.hypot(hi - latest, baseline - b_lo)
    return _ordered(d * raw_low, d * raw_high)


def effect_from_inputs(row: Mapping[str, Any]) -> Effect:
    """Decide method, effect, interval and class from one row of intervention_effects.sql."""
    d = int(row["d"])
    common: dict[str, Any] = {
        "intervention_id": row["intervention_id"],
        "name": row["name"],
        "programme": row["programme"],
        "stage": row["stage"] or "pilot",
        "evidence_level": row["evidence_level"],
        "start_date": row["start_date"],
        "indicator": row["indicator"],
        "unit": row["indicator_unit"],
        "participants": row["participants"],
        "value_per_unit": row["value_per_unit"],
        "direction": d,
    }
    if row["comparison_periods"] > 0:
        effect = _clean(row["comparison_effect"])
        low, high = _clean(row["comparison_low"]), _clean(row["comparison_high"])
        assert effect is not None  # there is at least one period
        return Effect(
            **common,
            method="comparison",
            effect=effect,
            low=low,
            high=high,
            relative_effect=_relative(effect, row["comparison_mean"]),
            effect_class=effect_class(effect, low, high),
            periods=tuple(row["comparison_period_list"]),
            comparison_mean=row["comparison_mean"],
        )
    source: BaselineSource | None = None
    baseline: float | None = None
    baseline_period: str | None = None
    if row["baseline_column"] is not None:
        source, baseline = "column", row["baseline_column"]
        baseline_period = row["baseline_column_period"]
    elif row["before_value"] is not None:
        source, baseline = "before_start", row["before_value"]
        baseline_period = row["before_period"]
    if row["latest_value"] is not None and source is not None and baseline is not None:
        effect = _clean(d * (row["latest_value"] - baseline))
        assert effect is not None
        raw_low, raw_high = _before_after_interval(row, d, baseline, source)
        low, high = _clean(raw_low), _clean(raw_high)
        periods = dict.fromkeys(p for p in (baseline_period, row["latest_period"]) if p)
        return Effect(
            **common,
            method="before_after",
            effect=effect,
            low=low,
            high=high,
            relative_effect=_relative(effect, baseline),
            effect_class=effect_class(effect, low, high),
            periods=tuple(periods),
            latest_period=row["latest_period"],
            baseline=baseline,
            baseline_source=source,
            baseline_period=baseline_period,
        )
    start, reference = row["start_date"], row["reference_period_start"]
    too_early = (
        row["indicator"] is not None
        and start is not None
        and reference is not None
        and start > reference
    )
    return Effect(
        **common,
        method="none",
        effect=None,
        low=None,
        high=None,
        relative_effect=None,
        effect_class="too_early" if too_early else "not_measured",
    )


def effects_in_scope(
    con: duckdb.DuckDBPyConnection, scope: Scope, intervention_id: str | None = None
) -> list[Effect]:
    """The effect of every intervention in the register (or of one) within a scope."""
    params = scope.params() | {"intervention_id": intervention_id}
    return [effect_from_inputs(r) for r in rows(con, "intervention_effects", params)]


def effects(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    municipality: str | None = None,
) -> list[Effect]:
    """The effect of every intervention in the register as of a data version."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    return effects_in_scope(con, scope)


def effect(
    con: duckdb.DuckDBPyConnection,
    intervention_id: str,
    *,
    version: int | None = None,
    municipality: str | None = None,
) -> Effect | None:
    """One intervention's effect; None when the register does not know it at that version."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    found = effects_in_scope(con, scope, intervention_id)
    return found[0] if found else None
