"""``effects_report``: the year's effects as a JSON-ready dict (``whatworks effects --json``).

Money is a decimal string with two decimals ("1234.50"), shares and effects are floats
(shares as fractions of 1), unknowns are None (null). All six classes are always present.
The municipality defaults as in :mod:`whatworks.analytics.scope`; the currency as in
:mod:`whatworks.analytics.overview` (several currencies raise ``MixedCurrencyError`` unless
``currency`` is given).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from whatworks.analytics.cost_benefit import DEFAULT_SEED
from whatworks.analytics.effects import EFFECT_CLASSES
from whatworks.analytics.figures import InterventionFigures, class_split, year_view
from whatworks.analytics.scope import money


def money_text(value: Decimal | None) -> str | None:
    """An amount as a decimal string with two decimals; None stays None."""
    return None if value is None else str(money(value))


def _intervention(f: InterventionFigures) -> dict[str, Any]:
    e = f.effect
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
        "class": f.effect_class,
        "bcr": f.cost_benefit.bcr,
        "p_benefit_exceeds_cost": f.cost_benefit.p_benefit_exceeds_cost,
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
