"""Traceability: for an intervention's effect figure, the method, the stored rows it came
from (each with the dataset version that brought it) and the SQL that produced them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from whatworks import store
from whatworks.analytics.effects import Effect, Method, effects_in_scope
from whatworks.analytics.scope import resolve_scope, rows

TRACE_QUERIES = ("intervention_effects", "effect_rows", "peer_names", "trace_rows")


@dataclass(frozen=True)
class TraceRow:
    """One stored row: its table, the versions that brought and replaced it, its values.

    ``used_for`` names what the effect took from it: ``register`` (start date, indicator,
    participants, design, prior), ``indicator`` (direction, unit, value per unit, horizon),
    ``after`` or ``before`` (outcome rows of the chosen design's periods), ``baseline`` (the
    row whose baseline column was used), ``spend``; empty when present but unused.
    """

    source: str
    valid_from: int
    valid_to: int | None
    used_for: tuple[str, ...]
    values: dict[str, Any]


@dataclass(frozen=True)
class Trace:
    intervention_id: str
    version: int
    municipality: str | None
    effect: Effect | None  # None: the register does not know it at this version
    rows: tuple[TraceRow, ...]
    sql: dict[str, str]  # query name -> its text, with $parameters as bound below
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def method(self) -> Method:
        return self.effect.method if self.effect else "none"

    @property
    def method_label(self) -> str:
        return self.effect.method_label if self.effect else "method.none"


def _roles(source: str, values: dict[str, Any], effect: Effect | None) -> tuple[str, ...]:
    if source == "programmes":
        return ("register",)
    if source == "indicators":
        return ("indicator",)
    if source == "budget":
        return ("spend",)
    if effect is None or values.get("area") is not None:
        return ()
    if values.get("intervention_id") is None and effect.method != "peers_diff_in_diff":
        return ()
    period = values.get("period")
    roles = []
    if period in effect.periods:
        roles.append("after")
    if period in effect.pre_periods:
        roles.append("before")
    if effect.baseline_source == "column" and values.get("baseline") is not None:
        roles.append("baseline")
    return tuple(roles)


def trace(
    con: duckdb.DuckDBPyConnection,
    version: int | None,
    intervention_id: str,
    *,
    municipality: str | None = None,
    year: int | None = None,
) -> Trace:
    """How an intervention's effect was computed, from which rows, by which SQL.

    ``year`` adds that year's budget rows (the cost side of its benefit-cost ratio); None
    adds the budget rows of every year.
    """
    scope = resolve_scope(con, version=version, municipality=municipality)
    found = effects_in_scope(con, scope, intervention_id)
    effect = found[0] if found else None
    params = scope.params() | {
        "intervention_id": intervention_id,
        "year": year,
        "with_peers": effect is not None and effect.method == "peers_diff_in_diff",
    }
    out = []
    for r in rows(con, "trace_rows", params):
        values = json.loads(r["row_json"], parse_float=Decimal)
        values.pop("valid_from", None)
        values.pop("valid_to", None)
        out.append(
            TraceRow(
                source=r["source"],
                valid_from=int(r["valid_from"]),
                valid_to=r["valid_to"],
                used_for=_roles(r["source"], values, effect),
                values=values,
            )
        )
    return Trace(
        intervention_id=intervention_id,
        version=scope.version,
        municipality=scope.municipality,
        effect=effect,
        rows=tuple(out),
        sql={name: store.read_query(name) for name in TRACE_QUERIES},
        parameters=params,
    )
