"""Spend: budgeted, actual and variance per intervention, programme and year.

``queries/spend_lines.sql`` sums the budget rows per year x currency x budget programme x
intervention (never across currencies); these functions only add up those few rows.
Variance = actual - budgeted (positive: more spent than budgeted), known only when both
are. Spend per participant = actual / participants (people reached per year, from the
register), known only when both are and participants > 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from whatworks.analytics.scope import Scope, add, money, resolve_scope, rows


@dataclass(frozen=True)
class SpendLine:
    """Spend of one year, currency, budget programme and intervention (None: unattributed)."""

    year: int
    currency: str | None
    programme: str
    intervention_id: str | None
    budgeted: Decimal | None
    actual: Decimal | None
    in_register: bool
    name: str | None
    register_programme: str | None
    stage: str | None
    evidence_level: str
    participants: int | None

    @property
    def attributed(self) -> bool:
        """Spend on an intervention the register knows."""
        return self.intervention_id is not None and self.in_register


@dataclass(frozen=True)
class SpendYear:
    """One intervention's spend in one year and currency."""

    intervention_id: str
    year: int
    currency: str | None
    budgeted: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    participants: int | None
    spend_per_participant: Decimal | None


@dataclass(frozen=True)
class ProgrammeYear:
    """One budget programme's spend in one year and currency."""

    programme: str
    year: int
    currency: str | None
    budgeted: Decimal | None
    actual: Decimal | None
    variance: Decimal | None


def spend_lines_in_scope(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    *,
    year: int | None = None,
    intervention_id: str | None = None,
) -> list[SpendLine]:
    """The summed spend lines of a scope, optionally of one year or intervention."""
    params = scope.params() | {"year": year, "intervention_id": intervention_id}
    return [SpendLine(**r) for r in rows(con, "spend_lines", params)]


def variance(budgeted: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """actual - budgeted, when both are known."""
    return None if budgeted is None or actual is None else actual - budgeted


def per_participant(actual: Decimal | None, participants: int | None) -> Decimal | None:
    """Spend per participant, in cents; None unless both are known and participants > 0."""
    if actual is None or not participants:
        return None
    return money(actual / participants)


def intervention_spend(
    con: duckdb.DuckDBPyConnection,
    *,
    intervention_id: str | None = None,
    version: int | None = None,
    municipality: str | None = None,
    year: int | None = None,
) -> list[SpendYear]:
    """Per intervention (or of one), year and currency: budgeted, actual, variance, reach."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    groups: dict[tuple[str, int, str | None], list[SpendLine]] = defaultdict(list)
    for line in spend_lines_in_scope(con, scope, year=year, intervention_id=intervention_id):
        if line.intervention_id is not None:
            groups[line.intervention_id, line.year, line.currency].append(line)
    out = []
    for (iid, yr, currency), lines in groups.items():
        budgeted = add([x.budgeted for x in lines])
        actual = add([x.actual for x in lines])
        participants = lines[0].participants
        out.append(
            SpendYear(
                intervention_id=iid,
                year=yr,
                currency=currency,
                budgeted=budgeted,
                actual=actual,
                variance=variance(budgeted, actual),
                participants=participants,
                spend_per_participant=per_participant(actual, participants),
            )
        )
    return sorted(out, key=lambda s: (s.intervention_id, s.year, s.currency or ""))


def programme_spend(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    municipality: str | None = None,
    year: int | None = None,
) -> list[ProgrammeYear]:
    """Per budget programme, year and currency: budgeted, actual and variance."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    groups: dict[tuple[str, int, str | None], list[SpendLine]] = defaultdict(list)
    for line in spend_lines_in_scope(con, scope, year=year):
        groups[line.programme, line.year, line.currency].append(line)
    out = []
    for (programme, yr, currency), lines in groups.items():
        budgeted = add([x.budgeted for x in lines])
        actual = add([x.actual for x in lines])
        out.append(
            ProgrammeYear(programme, yr, currency, budgeted, actual, variance(budgeted, actual))
        )
    return sorted(out, key=lambda p: (p.year, p.currency or "", p.programme))
