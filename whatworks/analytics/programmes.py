"""Programmes: budget against actual per budget programme and year, and one programme's
interventions.

- Figures come from :func:`whatworks.analytics.spend.programme_spend` (one row per programme,
  year and currency) as of a data version, and are shown in one currency at a time: the one
  asked for, else the ``default_currency`` setting when the data has spend in it, else the
  first currency present (alphabetically). Sums never mix currencies; ``currencies`` lists
  every currency present so a page can offer the others.
- Variance = actual - budgeted (positive: more spent than budgeted); the variance share is
  variance / budgeted, None when the budget is unknown or 0.
- Spend share = a programme's actual spend / the year's total actual spend in that currency
  (a fraction of 1; None when that total is not positive).
- One programme's interventions (:func:`programme_interventions`): every intervention whose
  register programme is the programme, or that has spend booked on it in the year, with its
  spend in the year (None: no spend), its stage and effect class; spend on the programme that
  is on no intervention, or on one the register does not know, is returned on its own
  (``unattributed_actual``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from whatworks.analytics.effects import EffectClass
from whatworks.analytics.figures import year_view
from whatworks.analytics.scope import Scope, add, resolve_scope, share
from whatworks.analytics.spend import ProgrammeYear, programme_spend

ZERO = Decimal(0)


@dataclass(frozen=True)
class ProgrammeRow:
    """One budget programme in one year, in the view's currency."""

    programme: str
    year: int
    budgeted: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    variance_share: float | None  # variance / budgeted
    spend_share: float | None  # actual / the year's total actual


@dataclass(frozen=True)
class YearTotal:
    """All programmes of one year together."""

    year: int
    budgeted: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    variance_share: float | None


@dataclass(frozen=True)
class ProgrammesView:
    """Budget against actual for every programme and year of a municipality, one currency."""

    municipality: str | None
    currency: str | None
    currencies: tuple[str | None, ...]
    years: tuple[int, ...]  # oldest first
    programmes: tuple[str, ...]  # largest actual spend of the newest year first
    rows: tuple[ProgrammeRow, ...]
    totals: tuple[YearTotal, ...]

    def of_year(self, year: int) -> list[ProgrammeRow]:
        """The rows of one year, in ``programmes`` order."""
        order = {p: i for i, p in enumerate(self.programmes)}
        return sorted((r for r in self.rows if r.year == year), key=lambda r: order[r.programme])

    def total(self, year: int) -> YearTotal | None:
        return next((t for t in self.totals if t.year == year), None)


@dataclass(frozen=True)
class ProgrammeIntervention:
    """One intervention of a programme: spend in the year beside its stage and class."""

    intervention_id: str
    name: str | None
    stage: str | None
    effect_class: EffectClass
    budgeted: Decimal | None
    actual: Decimal | None
    variance: Decimal | None


@dataclass(frozen=True)
class ProgrammeDetail:
    """One programme's interventions in a year, in one currency."""

    programme: str
    year: int
    currency: str | None
    interventions: tuple[ProgrammeIntervention, ...]  # largest spend first
    unattributed_actual: Decimal | None


def variance_share(variance: Decimal | None, budgeted: Decimal | None) -> float | None:
    """variance / budgeted; None when either is unknown or the budget is 0."""
    if variance is None or budgeted is None or budgeted == 0:
        return None
    return float(variance / budgeted)


def choose_currency(
    present: list[str | None], scope: Scope, asked: str | None = None
) -> str | None:
    """The currency to show (see the module docs)."""
    if asked is not None:
        return asked
    if scope.default_currency in present or not present:
        return scope.default_currency
    return sorted(present, key=lambda c: (c is None, c or ""))[0]


def _row(line: ProgrammeYear, year_total: Decimal) -> ProgrammeRow:
    return ProgrammeRow(
        programme=line.programme,
        year=line.year,
        budgeted=line.budgeted,
        actual=line.actual,
        variance=line.variance,
        variance_share=variance_share(line.variance, line.budgeted),
        spend_share=share(line.actual or ZERO, year_total),
    )


def programmes_view(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    municipality: str | None = None,
    currency: str | None = None,
) -> ProgrammesView:
    """Budget against actual per programme and year (see the module docs)."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    lines = programme_spend(con, version=scope.version, municipality=scope.municipality)
    present = sorted({x.currency for x in lines}, key=lambda c: (c is None, c or ""))
    chosen = choose_currency(present, scope, currency)
    lines = [x for x in lines if x.currency == chosen]
    by_year: dict[int, list[ProgrammeYear]] = defaultdict(list)
    for line in lines:
        by_year[line.year].append(line)
    rows: list[ProgrammeRow] = []
    totals: list[YearTotal] = []
    for year in sorted(by_year):
        group = by_year[year]
        actual = add([x.actual for x in group])
        budgeted = add([x.budgeted for x in group])
        known = [x for x in group if x.variance is not None]
        var = add([x.variance for x in known])
        var_budget = add([x.budgeted for x in known])
        totals.append(YearTotal(year, budgeted, actual, var, variance_share(var, var_budget)))
        rows.extend(_row(x, actual or ZERO) for x in group)
    newest = max(by_year, default=None)
    spend_newest = {r.programme: r.actual or ZERO for r in rows if r.year == newest}
    names = sorted({r.programme for r in rows}, key=lambda p: (-spend_newest.get(p, ZERO), p))
    return ProgrammesView(
        municipality=scope.municipality,
        currency=chosen,
        currencies=tuple(present),
        years=tuple(sorted(by_year)),
        programmes=tuple(names),
        rows=tuple(rows),
        totals=tuple(totals),
    )


def programme_interventions(
    con: duckdb.DuckDBPyConnection,
    *,
    programme: str,
    year: int,
    version: int | None = None,
    municipality: str | None = None,
    currency: str | None = None,
) -> ProgrammeDetail:
    """One programme's interventions with their spend in ``year`` (see the module docs)."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    if currency is None:
        currency = programmes_view(
            con, version=scope.version, municipality=scope.municipality
        ).currency
    view = year_view(
        con, year=year, version=scope.version, municipality=scope.municipality, currency=currency
    )
    booked: dict[str, list[tuple[Decimal | None, Decimal | None]]] = defaultdict(list)
    unattributed: list[Decimal | None] = []
    for line in view.lines:
        if line.programme != programme:
            continue
        if line.attributed and line.intervention_id is not None:
            booked[line.intervention_id].append((line.budgeted, line.actual))
        else:
            unattributed.append(line.actual)
    ids = set(booked) | {
        e.intervention_id for e in view.effects.values() if e.programme == programme
    }
    out = []
    for iid in ids:
        found = view.effects.get(iid)
        amounts = booked.get(iid, [])
        budgeted = add([b for b, _ in amounts])
        actual = add([a for _, a in amounts])
        out.append(
            ProgrammeIntervention(
                intervention_id=iid,
                name=found.name if found else None,
                stage=found.stage if found else None,
                effect_class=found.effect_class if found else "not_measured",
                budgeted=budgeted,
                actual=actual,
                variance=None if budgeted is None or actual is None else actual - budgeted,
            )
        )
    out.sort(key=lambda x: (-(x.actual or ZERO), x.intervention_id))
    return ProgrammeDetail(programme, year, view.currency, tuple(out), add(unattributed))
