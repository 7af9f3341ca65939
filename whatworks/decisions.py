"""The decision log: what was decided on an intervention, by whom, why, and on what evidence.

Decisions are kept like data. The ``decisions`` table is append-only: a decision is never
edited or deleted; a correction is a new decision that names the one it replaces
(``supersedes``), and the list shows the old one as superseded. Each decision is written by
:func:`whatworks.store.writer` as a dataset version of its own (kind ``decisions``, action
``decision``), so it is in the version history, and a view pinned to an earlier version shows
the log as it was then.

With the decision we keep what it rests on: the view and the data version it was taken
from, and the intervention's effect as that version shows it (class, effect, interval,
method, indicator), computed here from the data, never taken from the caller. That lets an
alderman see which decisions went against the evidence shown at the time
(:func:`against_the_evidence`):

- ``scale_up`` when the class was harmful or worsened (cause unknown);
- ``continue`` when the class was harmful;
- ``stop`` when the class was works.

Scaling what is inconclusive or not measured goes *without* evidence, not against it: an
inconclusive effect usually means the sample is too small to tell (docs/effects.md).

No Streamlit here; pages use :mod:`whatworks.widgets`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import duckdb
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from whatworks import store
from whatworks.analytics.effects import EffectClass, Method, effects_in_scope
from whatworks.analytics.scope import resolve_scope
from whatworks.exports import neutralise
from whatworks.i18n import t

Choice = Literal["continue", "scale_up", "adjust", "stop"]
CHOICES: Final[tuple[Choice, ...]] = ("continue", "scale_up", "adjust", "stop")
KIND: Final = "decisions"
ACTION: Final = "decision"
REASON_MAX: Final = 4000
QUERY_NAMES: Final = (
    "decision_insert",
    "decision_list",
    "decision_next_id",
    "decision_table_present",
)
# The classes a decision goes against (see the module docs).
AGAINST: Final[dict[Choice, frozenset[str]]] = {
    "scale_up": frozenset({"harmful", "worsened_cause_unknown"}),
    "continue": frozenset({"harmful"}),
    "stop": frozenset({"works"}),
}
# A cell that a spreadsheet would read as a formula starts with one of these.


class DecisionError(ValueError):
    """A decision that cannot be recorded: ``code`` and ``values`` say why (the UI translates
    ``decision.error.<code>``); the message says it in English."""

    def __init__(self, code: str, message: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(message)


class NewDecision(BaseModel):
    """What an analyst enters; validated before anything is written."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    intervention_id: str = Field(min_length=1, max_length=200)
    decision: Choice
    reason: str = Field(min_length=1, max_length=REASON_MAX)
    who: str = Field(min_length=1, max_length=200)
    view: str = Field(min_length=1, max_length=100)
    data_version: int = Field(ge=1)
    decided_on: dt.date
    municipality: str | None = Field(default=None, max_length=200)
    supersedes: int | None = Field(default=None, ge=1)


@dataclass(frozen=True)
class Decision:
    """One row of the log, as of a data version."""

    decision_id: int
    version_id: int  # the dataset version that recorded it
    intervention_id: str
    name: str | None  # in the register of the version the log is read at
    decision: Choice
    decided_on: dt.date
    decided_by: str
    reason: str
    view_name: str
    data_version: int  # the data version it rests on
    municipality: str | None
    effect_class: EffectClass  # shown for the intervention at that data version
    method: Method
    effect: float | None
    effect_low: float | None
    effect_high: float | None
    indicator: str | None
    unit: str | None
    supersedes: int | None
    superseded_by: int | None
    recorded_at: dt.datetime  # UTC

    @property
    def current(self) -> bool:
        """Not corrected by a later decision."""
        return self.superseded_by is None

    @property
    def against_evidence(self) -> bool:
        return self.effect_class in AGAINST.get(self.decision, frozenset())


def table_present(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this database has the log yet (it gets it with its next write)."""
    row = store.run(con, "decision_table_present").fetchone()
    return bool(row and row[0])


def list_decisions(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int | None = None,
    intervention_id: str | None = None,
) -> list[Decision]:
    """The decisions recorded up to ``version`` (newest when None), newest first."""
    if not table_present(con):
        return []
    v = store.latest_version(con) if version is None else version
    params = {"version": v, "intervention_id": intervention_id}
    return [Decision(**r) for r in store.rows_as_dicts(store.run(con, "decision_list", params))]


def against_the_evidence(decisions: Iterable[Decision]) -> list[Decision]:
    """The current (not superseded) decisions that went against the class shown at the time."""
    return [d for d in decisions if d.current and d.against_evidence]


def _evidence(
    con: duckdb.DuckDBPyConnection, new: NewDecision
) -> tuple[str | None, dict[str, Any]]:
    scope = resolve_scope(con, version=new.data_version, municipality=new.municipality)
    found = effects_in_scope(con, scope, new.intervention_id)
    if not found:
        msg = (
            f"the register of data version {new.data_version} has no intervention "
            f"{new.intervention_id!r}"
        )
        raise DecisionError(
            "unknown_intervention", msg, id=new.intervention_id, version=new.data_version
        )
    e = found[0]
    return scope.municipality, {
        "effect_class": e.effect_class,
        "method": e.method,
        "effect": e.effect,
        "effect_low": e.low,
        "effect_high": e.high,
        "indicator": e.indicator,
        "unit": e.unit,
    }


def _check_supersedes(con: duckdb.DuckDBPyConnection, new: NewDecision, latest: int) -> None:
    if new.supersedes is None:
        return
    log = {d.decision_id: d for d in list_decisions(con, version=latest)}
    old = log.get(new.supersedes)
    if old is None:
        msg = f"there is no decision {new.supersedes} to correct"
        raise DecisionError("no_such_decision", msg, id=new.supersedes)
    if old.intervention_id != new.intervention_id:
        msg = (
            f"decision {old.decision_id} is about {old.intervention_id}, not {new.intervention_id}"
        )
        raise DecisionError(
            "other_intervention", msg, id=old.decision_id, intervention=old.intervention_id
        )
    if old.superseded_by is not None:
        msg = (
            f"decision {old.decision_id} was already corrected by decision "
            f"{old.superseded_by}; correct that one instead"
        )
        raise DecisionError("already_corrected", msg, id=old.decision_id, by=old.superseded_by)


def record(
    path: Path | None,
    *,
    intervention_id: str,
    decision: str,
    reason: str,
    who: str,
    view: str,
    data_version: int,
    decided_on: dt.date | None = None,
    municipality: str | None = None,
    supersedes: int | None = None,
    analyst: bool = True,
) -> Decision:
    """Append a decision to the log as a new dataset version; returns it as recorded.

    ``who`` is recorded as the decision's author and the version's ``loaded_by``; only an
    analyst (``analyst``, from :mod:`whatworks.roles`) may record, so hiding the form is never
    the only check. The evidence is computed from the data as of ``data_version``. Raises
    :class:`DecisionError` when the user is not an analyst, the input is invalid, the data
    version does not exist, the register of that version does not know the intervention, or
    ``supersedes`` names no current decision on the same intervention.
    """
    if not analyst:
        msg = f"{who or 'this user'} may not record decisions: only analysts may"
        raise DecisionError("not_allowed", msg)
    try:
        new = NewDecision(
            intervention_id=intervention_id,
            decision=decision,
            reason=reason,
            who=who,
            view=view,
            data_version=data_version,
            decided_on=decided_on or dt.datetime.now(dt.UTC).date(),
            municipality=municipality,
            supersedes=supersedes,
        )
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) for e in exc.errors())
        msg = f"the decision is incomplete or invalid: {fields}"
        raise DecisionError("invalid", msg, fields=fields) from exc
    db = path or store.default_db()
    # The evidence as of data_version never changes (versions are immutable), so it is read
    # before the write, outside the writer's lock; the write itself changes the meta file only.
    latest = 0
    if store.current_generation(db) is not None:
        with store.reader(db) as con:
            latest = store.latest_version(con)
            if new.data_version <= latest:
                where, evidence = _evidence(con, new)
    if new.data_version > latest:
        msg = f"there is no data version {new.data_version} (the newest is {latest})"
        raise DecisionError("no_version", msg, version=new.data_version, latest=latest)
    with store.writer(db, data=False) as con:  # a small write: the meta file only
        latest = store.latest_version(con)
        _check_supersedes(con, new, latest)
        version_id = store.next_version_id(con)
        row = store.run(con, "decision_next_id").fetchone()
        decision_id = int(row[0]) if row else 1
        store.run(
            con,
            "decision_insert",
            {
                "decision_id": decision_id,
                "version_id": version_id,
                "intervention_id": new.intervention_id,
                "decision": new.decision,
                "decided_on": new.decided_on,
                "decided_by": new.who,
                "reason": new.reason,
                "view_name": new.view,
                "data_version": new.data_version,
                "municipality": where,
                "supersedes": new.supersedes,
                "recorded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                **evidence,
            },
        )
        store.record_version(
            con,
            version_id,
            store.NewVersion(
                kind=KIND,
                action=ACTION,
                inserted=1,
                loaded_by=new.who,
                options={
                    "decision_id": decision_id,
                    "intervention_id": new.intervention_id,
                    "decision": new.decision,
                    "data_version": new.data_version,
                    "supersedes": new.supersedes,
                },
            ),
        )
        recorded = list_decisions(con, version=version_id, intervention_id=new.intervention_id)
    return next(d for d in recorded if d.decision_id == decision_id)


# --------------------------------------------------------------------------- export


EXPORT_COLUMNS: Final = (
    "decision_id",
    "version_id",
    "intervention_id",
    "name",
    "decision",
    "decided_on",
    "decided_by",
    "reason",
    "view_name",
    "data_version",
    "effect_class",
    "strength",
    "effect",
    "effect_low",
    "effect_high",
    "indicator",
    "method",
    "against_evidence",
    "supersedes",
    "superseded_by",
    "recorded_at",
)


def _export_value(d: Decision, column: str, lang: str) -> str | int | float:
    value: Any
    if column == "decision":
        value = t(f"decision.{d.decision}", lang)
    elif column == "effect_class":
        value = t(f"effect.{d.effect_class}", lang)
    elif column == "against_evidence":
        value = t("decision.yes" if d.against_evidence else "decision.no", lang)
    elif column in ("decided_on", "recorded_at"):
        value = getattr(d, column).isoformat()
    else:
        value = getattr(d, column)
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value  # numbers and ids we wrote ourselves: never a formula
    return neutralise(str(value))


def export_csv(
    decisions: Iterable[Decision], lang: str = "en", strengths: Mapping[int, int] | None = None
) -> bytes:
    """The log as CSV (UTF-8 with a byte-order mark, so spreadsheets read it), headers in
    ``lang``, every text cell neutralised. ``strengths``: decision id -> the strength of
    evidence (0-5) of the effect shown at the decision's data version (empty when unknown)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(t(f"decision.col.{c}", lang)) for c in EXPORT_COLUMNS])
    known = strengths or {}
    for d in decisions:
        writer.writerow(
            [
                known.get(d.decision_id, "") if c == "strength" else _export_value(d, c, lang)
                for c in EXPORT_COLUMNS
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


__all__ = [
    "AGAINST",
    "CHOICES",
    "EXPORT_COLUMNS",
    "QUERY_NAMES",
    "Choice",
    "Decision",
    "DecisionError",
    "NewDecision",
    "against_the_evidence",
    "export_csv",
    "list_decisions",
    "neutralise",
    "record",
    "table_present",
]
