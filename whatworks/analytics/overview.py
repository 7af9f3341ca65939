"""The overview: headline figures, the generated sentence's numbers, where to look next.

- Only ``works`` counts as shown to work; spend that improved under a before/after comparison
  (``improved_cause_unknown``) is named apart, never added to it.
- Look here next: the largest spend not measured; the largest spend to review (``harmful``,
  ``worsened_cause_unknown``, or a causal estimate that does not pay off, ``pays_off`` no);
  the largest spend whose effect is ``inconclusive`` (what it would take to know); the best
  value: ``works`` with a known benefit-cost ratio, highest first (ratios compare across
  indicators; effects in different units do not).
- Currency, municipality, shares and unattributed spend: as in :mod:`.figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from models import STAGES
from whatworks.analytics.cost_benefit import DEFAULT_SEED
from whatworks.analytics.effects import SHOWN_TO_WORK
from whatworks.analytics.figures import (
    ZERO,
    EvidenceSplit,
    InterventionFigures,
    Share,
    SpendSplit,
    YearView,
    class_split,
    evidence_split,
    year_view,
)
from whatworks.analytics.scope import add, rows


@dataclass(frozen=True)
class Kpis:
    """The headline figures of a year."""

    year: int
    municipality: str | None
    currency: str | None
    version: int
    total_actual: Decimal
    total_budgeted: Decimal | None
    by_class: dict[str, Share]
    works: Share
    improved_cause_unknown: Share
    inconclusive: Share
    not_measured: Share
    interventions_with_spend: int
    interventions_by_stage: dict[str, int]  # the register at the version; every stage


@dataclass(frozen=True)
class LookHereNext:
    not_measured: tuple[InterventionFigures, ...]
    review: tuple[InterventionFigures, ...]
    inconclusive: tuple[InterventionFigures, ...]
    best_value: tuple[InterventionFigures, ...]


@dataclass(frozen=True)
class SentenceData:
    """The numbers of the overview's generated sentence; the wording is the UI's."""

    year: int
    municipality: str | None
    currency: str | None
    total_actual: Decimal
    works: Share
    improved_cause_unknown: Share
    inconclusive: Share
    harmful: Share  # harmful and worsened (cause unknown) together; see worsened
    worsened_cause_unknown: Share
    not_measured: Share
    too_early: Share


@dataclass(frozen=True)
class Overview:
    kpis: Kpis
    by_class: SpendSplit
    by_evidence: EvidenceSplit
    look_here_next: LookHereNext
    sentence: SentenceData


def _kpis(con: duckdb.DuckDBPyConnection, view: YearView, by_class: SpendSplit) -> Kpis:
    stages = dict.fromkeys(STAGES, 0)
    for row in rows(con, "interventions_by_stage", {"version": view.scope.version}):
        stages[row["stage"]] = int(row["interventions"])
    return Kpis(
        year=view.year,
        municipality=view.scope.municipality,
        currency=view.currency,
        version=view.scope.version,
        total_actual=by_class.total_actual,
        total_budgeted=add([line.budgeted for line in view.lines]),
        by_class=by_class.by_key,
        works=by_class.by_key["works"],
        improved_cause_unknown=by_class.by_key["improved_cause_unknown"],
        inconclusive=by_class.by_key["inconclusive"],
        not_measured=by_class.by_key["not_measured"],
        interventions_with_spend=len(view.interventions),
        interventions_by_stage=stages,
    )


def _look_here_next(view: YearView, limit: int) -> LookHereNext:
    def largest(classes: tuple[str, ...]) -> tuple[InterventionFigures, ...]:
        chosen = [f for f in view.interventions if f.effect_class in classes and f.actual]
        return tuple(sorted(chosen, key=lambda f: -(f.actual or ZERO))[:limit])

    valued = [
        f
        for f in view.interventions
        if f.cost_benefit.bcr is not None and f.effect_class in SHOWN_TO_WORK
    ]
    best = sorted(valued, key=lambda f: (-(f.cost_benefit.bcr or 0.0), f.intervention_id))
    to_review = [f for f in view.interventions if f.actual and to_be_reviewed(f)]
    return LookHereNext(
        not_measured=largest(("not_measured",)),
        review=tuple(sorted(to_review, key=lambda f: -(f.actual or ZERO))[:limit]),
        inconclusive=largest(("inconclusive",)),
        best_value=tuple(best[:limit]),
    )


def to_be_reviewed(f: InterventionFigures) -> bool:
    """Harmful or worsened, or a causal estimate that does not pay off."""
    return f.effect_class in ("harmful", "worsened_cause_unknown") or (
        f.cost_benefit.pays_off == "no"
    )


def _sentence(by_class: SpendSplit) -> SentenceData:
    k = by_class.by_key
    return SentenceData(
        year=by_class.year,
        municipality=by_class.municipality,
        currency=by_class.currency,
        total_actual=by_class.total_actual,
        works=k["works"],
        improved_cause_unknown=k["improved_cause_unknown"],
        inconclusive=k["inconclusive"],
        harmful=k["harmful"],
        worsened_cause_unknown=k["worsened_cause_unknown"],
        not_measured=k["not_measured"],
        too_early=k["too_early"],
    )


def overview(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
    limit: int = 3,
    seed: int = DEFAULT_SEED,
) -> Overview:
    """Everything the overview shows, from one read of the data."""
    view = year_view(
        con, year=year, municipality=municipality, version=version, currency=currency, seed=seed
    )
    by_class = class_split(view)
    return Overview(
        kpis=_kpis(con, view, by_class),
        by_class=by_class,
        by_evidence=evidence_split(view, by_class),
        look_here_next=_look_here_next(view, limit),
        sentence=_sentence(by_class),
    )
