"""``effects_report``: the year's effects as a JSON-ready dict (``whatworks effects --json``).

Money is a decimal string with two decimals ("1234.50"), shares and effects are floats
(shares as fractions of 1), unknowns are None (null). All seven classes are always present.
The municipality defaults as in :mod:`whatworks.analytics.scope`; the currency as in
:mod:`whatworks.analytics.overview` (several currencies raise ``MixedCurrencyError`` unless
``currency`` is given).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from whatworks.analytics.cost_benefit import DEFAULT_SEED
from whatworks.analytics.effects import EFFECT_CLASSES, Effect
from whatworks.analytics.figures import InterventionFigures, class_split, year_view
from whatworks.analytics.scope import money


def money_text(value: Decimal | None) -> str | None:
    """An amount as a decimal string with two decimals; None stays None."""
    return None if value is None else str(money(value))


def _intervention(f: InterventionFigures) -> dict[str, Any]:
    e, cb = f.effect, f.cost_benefit
    return {
        "intervention_id": f.intervention_id,
        "name": f.name,
        "programme": f.programme,
        "actual": money_text(f.actual),
        "effect": e.effect if e else None,
        "effect_low": e.low if e else None,
        "effect_high": e.high if e else None,
        "relative_effect": e.relative_effect if e else None,
        "method": f.method,
        "strength": e.strength if e else 0,
        "uncertainty": e.uncertainty if e else "unknown",
        "class": f.effect_class,
        "periods": list(e.periods) if e else [],
        "pre_periods": list(e.pre_periods) if e else [],
        "mde": e.mde if e else None,
        "prior": _prior(e),
        "p_effect_positive": e.probability_above(0.0) if e else None,
        "pays_off": cb.pays_off,
        "breakeven_effect": cb.breakeven_effect,
        "p_effect_above_breakeven": cb.p_effect_above_breakeven,
        "bcr": cb.bcr,
        "net_benefit": money_text(cb.net_benefit),
        "p_benefit_exceeds_cost": cb.p_benefit_exceeds_cost,
        "extra_successes_per_year": cb.extra_successes,
        "cost_per_success": money_text(cb.cost_per_success),
        "target_effect": cb.target_effect,
        "participants_needed": cb.participants_needed,
        "periods_needed": cb.periods_needed,
    }


def _prior(e: Effect | None) -> dict[str, float] | None:
    if e is None or e.prior is None:
        return None
    return {
        "expected": e.prior.expected,
        "expected_se": e.prior.expected_se,
        "combined": e.prior.combined,
        "combined_se": e.prior.combined_se,
    }


def effects_report(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """The year's spend by effect class and every intervention's figures, JSON-ready."""
    view = year_view(
        con, year=year, municipality=municipality, version=version, currency=currency, seed=seed
    )
    split = class_split(view)
    return {
        "year": year,
        "municipality": view.scope.municipality,
        "currency": view.currency,
        "total_actual": money_text(split.total_actual),
        "by_class": {
            c: {"actual": money_text(split.by_key[c].actual), "share": split.by_key[c].share}
            for c in EFFECT_CLASSES
        },
        "interventions": [_intervention(f) for f in view.interventions],
    }
