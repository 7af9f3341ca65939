"""What an analytics figure reads: the data version, the municipality and the currency.

Every figure is computed *as of a data version* (``version=None`` means the newest), so a
number quoted in a meeting can be reproduced later. The municipality defaults to the
``home_municipality`` setting; when that is unset, to the first municipality (in sort order)
named in the budget or outcome rows of that version. Rows that name no municipality belong
to the home municipality, and rows that name no currency are in the ``default_currency``
setting (unknown when that is unset). Settings are read as of the figure's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from whatworks import store
from whatworks.settings import Settings

CENT = Decimal("0.01")


class AnalyticsError(ValueError):
    """A figure cannot be computed as asked; the message says why in plain words."""


class MixedCurrencyError(AnalyticsError):
    """The spend of one year and municipality is in more than one currency."""

    def __init__(self, year: int, municipality: str | None, currencies: list[str | None]):
        self.year = year
        self.municipality = municipality
        self.currencies = currencies
        named = ", ".join(c or "unknown" for c in currencies)
        super().__init__(
            f"the spend of {municipality or 'the municipality'} in {year} is in several "
            f"currencies ({named}); sums never mix currencies, so choose one of them"
        )


@dataclass(frozen=True)
class Scope:
    """The data version and municipality a figure is computed for, and the settings in force.

    ``settings`` are the validated settings as of ``version`` (a figure pinned to a version
    keeps the settings it was made with); ``home`` and ``default_currency`` are taken from
    them (None where unset).
    """

    version: int
    municipality: str | None
    home: str | None
    default_currency: str | None
    settings: Settings = field(default_factory=Settings)

    def params(self) -> dict[str, Any]:
        """The bound parameters every analytics query understands."""
        return {
            "version": self.version,
            "municipality": self.municipality,
            "home": self.home,
            "default_currency": self.default_currency,
        }


def rows(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Run ``queries/<name>.sql`` with bound parameters; its (small, aggregated) rows."""
    return store.rows_as_dicts(store.run(con, name, params))


def municipalities(con: duckdb.DuckDBPyConnection, version: int | None = None) -> list[str]:
    """The municipalities named in the budget and outcome rows of a data version."""
    v = store.latest_version(con) if version is None else version
    return [r["municipality"] for r in rows(con, "municipalities", {"version": v})]


def resolve_scope(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    municipality: str | None = None,
) -> Scope:
    """The scope of a figure: the version (newest when None) and the municipality."""
    latest = store.latest_version(con)
    v = latest if version is None else version
    if not 0 <= v <= latest:
        msg = f"there is no data version {v} (the newest is {latest})"
        raise AnalyticsError(msg)
    saved = store.settings(con, v)
    settings = Settings.from_store(saved)
    home = settings.home_municipality or None
    if home is None:
        named = municipalities(con, v)
        home = named[0] if named else None
    currency = settings.default_currency if saved.get("default_currency") else None
    return Scope(
        version=v,
        municipality=municipality or home,
        home=home,
        default_currency=currency,
        settings=settings,
    )


def money(value: Decimal) -> Decimal:
    """An amount rounded to cents (half-even)."""
    return value.quantize(CENT)


def share(part: Decimal, total: Decimal) -> float | None:
    """``part`` as a fraction of 1 of ``total``; None when the total is not positive."""
    if total <= 0:
        return None
    return float(part / total)


def add(values: list[Decimal | None]) -> Decimal | None:
    """The sum of the known amounts; None when none is known (never a made-up zero)."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None
