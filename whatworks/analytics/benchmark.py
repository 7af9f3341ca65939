"""Benchmark: spend per inhabitant and municipality-level outcomes against peer municipalities.

Rules (as of a data version, for one year):

- **Home** is the ``home_municipality`` setting (else the first municipality named in the
  data); **peers** are the municipalities asked for, or every other municipality named in
  the budget or outcome rows of that version.
- **Population** is the outcome indicator ``population`` at municipality level (no
  intervention, no area) of the same year; when that year has none, the latest earlier year
  (``population_year`` says which, and ``population_note`` that it is not the same year).
- **Spend per inhabitant** = the municipality's actual spend of the year (per budget
  programme, and in total) / its population, rounded to cents. Spend is never summed across
  currencies and never compared across currencies: the benchmark currency is the home
  municipality's (the ``default_currency`` setting when home has spend in it or none at all,
  else home's first currency alphabetically); a municipality (home included) without a
  population figure, without spend, or whose spend of the year is in another currency or in
  several is left out of the spend comparison and named in ``excluded`` with the reason.
- **Outcomes**: municipality-level outcome rows (not the population) of the year, the latest
  period per municipality and indicator, for indicators reported by at least two of the
  compared municipalities. Peer median = the median of the peers' values (not home's).
- ``status`` says why there is nothing to compare: ``one_municipality`` (the data holds only
  one), ``no_peers`` (none chosen), ``no_population`` (no population figure for home nor any
  chosen peer, up to the year), ``not_comparable`` (fewer than two municipalities left for the
  spend comparison, see ``excluded``), else ``ok``. Outcomes are compared whatever the status
  (they need no population and no currency).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Literal

import duckdb

from whatworks.analytics.scope import money, resolve_scope, rows

Status = Literal["ok", "one_municipality", "no_peers", "no_population", "not_comparable"]
Exclusion = Literal["no_population", "other_currency", "mixed_currency", "no_spend"]
QUERY_NAMES = ("bench_spend", "bench_population", "bench_outcomes", "municipalities")
TOTAL = ""  # the key of the all-programmes row in ``per_inhabitant``


@dataclass(frozen=True)
class Population:
    municipality: str
    population: int
    year: int  # the year the figure is of
    period: str


@dataclass(frozen=True)
class SpendPerInhabitant:
    """One municipality's spend on one programme (``programme`` TOTAL: all of them)."""

    municipality: str
    programme: str
    actual: Decimal
    per_inhabitant: Decimal


@dataclass(frozen=True)
class OutcomeFigure:
    municipality: str
    indicator: str
    period: str
    value: float
    unit: str | None
    higher_is_better: bool


@dataclass(frozen=True)
class Benchmark:
    """Everything the Benchmark view shows for one year."""

    year: int
    home: str | None
    currency: str | None
    municipalities: tuple[str, ...]  # every one named in the data, and home
    peers: tuple[str, ...]  # the peers asked for (or all others), in the data
    compared: tuple[str, ...]  # home first, then the peers that could be compared
    excluded: dict[str, Exclusion]
    populations: dict[str, Population]
    spend: tuple[SpendPerInhabitant, ...]
    outcomes: tuple[OutcomeFigure, ...]
    status: Status

    @property
    def programmes(self) -> tuple[str, ...]:
        """Programmes with spend per inhabitant, by home's figure (largest first)."""
        home = {s.programme: s.per_inhabitant for s in self.spend if s.municipality == self.home}
        names = {s.programme for s in self.spend if s.programme != TOTAL}
        return tuple(sorted(names, key=lambda p: (-home.get(p, Decimal(0)), p)))

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(sorted({o.indicator for o in self.outcomes}))

    def per_inhabitant(self, programme: str, municipality: str) -> Decimal | None:
        found = (
            s.per_inhabitant
            for s in self.spend
            if s.programme == programme and s.municipality == municipality
        )
        return next(found, None)

    def peer_median(self, programme: str) -> Decimal | None:
        """The median of the compared peers' spend per inhabitant on a programme."""
        values = [
            v
            for m in self.compared
            if m != self.home and (v := self.per_inhabitant(programme, m)) is not None
        ]
        return money(median(values)) if values else None

    def outcome(self, indicator: str, municipality: str) -> OutcomeFigure | None:
        found = (
            o for o in self.outcomes if o.indicator == indicator and o.municipality == municipality
        )
        return next(found, None)

    def outcome_peer_median(self, indicator: str) -> float | None:
        values = [
            o.value
            for o in self.outcomes
            if o.indicator == indicator and o.municipality != self.home
        ]
        return float(median(values)) if values else None

    @property
    def population_notes(self) -> dict[str, Population]:
        """The compared municipalities whose population is of an earlier year."""
        return {
            m: p for m, p in self.populations.items() if m in self.compared and p.year != self.year
        }


def per_inhabitant(actual: Decimal, population: int) -> Decimal:
    """Spend per inhabitant, rounded to cents (half-even)."""
    return money(actual / population)


def benchmark(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    version: int | None = None,
    peers: tuple[str, ...] | None = None,
) -> Benchmark:
    """Spend per inhabitant and outcomes of home and peers in ``year`` (see the module docs)."""
    scope = resolve_scope(con, version=version)
    home = scope.home
    params = scope.params() | {"year": year}
    # Rows that name no municipality are home's, so home is always one of them.
    named_rows = {r["municipality"] for r in rows(con, "municipalities", params)}
    named = tuple(sorted(named_rows | ({home} if home else set())))
    others = tuple(m for m in named if m != home)
    chosen = others if peers is None else tuple(m for m in others if m in peers)
    everyone = (home, *chosen) if home is not None else chosen

    populations = {
        r["municipality"]: Population(
            r["municipality"], round(r["population"]), int(r["population_year"]), r["period"]
        )
        for r in rows(con, "bench_population", params)
        if r["municipality"] in everyone
    }
    spend: dict[str, dict[str | None, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows(con, "bench_spend", params):
        if r["municipality"] in everyone and r["actual"] is not None:
            spend[r["municipality"]][r["currency"]][r["programme"]] = r["actual"]

    home_currencies = list(spend.get(home or "", {}))
    if scope.default_currency in home_currencies or not home_currencies:
        currency = scope.default_currency
    else:
        currency = sorted(home_currencies, key=lambda c: (c is None, c or ""))[0]

    excluded: dict[str, Exclusion] = {}
    figures: list[SpendPerInhabitant] = []
    compared: list[str] = []
    for m in everyone:
        by_currency = spend.get(m, {})
        reason: Exclusion | None = None
        if m not in populations:
            reason = "no_population"
        elif not by_currency:
            reason = "no_spend"
        elif len(by_currency) > 1:
            reason = "mixed_currency"
        elif currency not in by_currency:
            reason = "other_currency"
        if reason is not None:
            excluded[m] = reason
            continue
        compared.append(m)
        inhabitants = populations[m].population
        programmes = by_currency[currency]
        for programme, actual in sorted(programmes.items()):
            figures.append(
                SpendPerInhabitant(m, programme, actual, per_inhabitant(actual, inhabitants))
            )
        total = sum(programmes.values(), Decimal(0))
        figures.append(SpendPerInhabitant(m, TOTAL, total, per_inhabitant(total, inhabitants)))

    outcome_rows = [
        OutcomeFigure(
            r["municipality"],
            r["indicator"],
            r["period"],
            float(r["value"]),
            r["unit"],
            bool(r["higher_is_better"]),
        )
        for r in rows(con, "bench_outcomes", params)
        if r["municipality"] in everyone
    ]
    reporters: dict[str, int] = defaultdict(int)
    for o in outcome_rows:
        reporters[o.indicator] += 1
    outcomes = tuple(o for o in outcome_rows if reporters[o.indicator] >= 2)

    status: Status = "ok"
    if len(named) < 2:
        status = "one_municipality"
    elif not chosen:
        status = "no_peers"
    elif not populations:
        status = "no_population"
    elif len(compared) < 2:
        status = "not_comparable"
    return Benchmark(
        year=year,
        home=home,
        currency=currency,
        municipalities=named,
        peers=chosen,
        compared=tuple(compared),
        excluded=excluded,
        populations=populations,
        spend=tuple(figures),
        outcomes=outcomes,
        status=status,
    )
