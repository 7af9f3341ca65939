"""The overview: headline figures, the generated sentence's numbers, where to look next.

- "Works" is reported twice: ``works`` (interval above zero) and ``works_incl_indicative``
  (also positive effects of unknown uncertainty).
- Look here next: the largest spend not measured; the largest spend with no effect shown
  (classes ``no_effect`` and ``harmful``); the best value: positive effects (``works``,
  ``works_indicative``) with a known benefit-cost ratio, highest first (ratios compare across
  indicators; effects in different units do not).
- Currency, municipality, shares and unattributed spend: as in :mod:`.figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from models import STAGES
from whatworks.analytics.cost_benefit import DEFAULT_SEED
from whatworks.analytics.figures import (
    ZERO,
    EvidenceSplit,
    InterventionFigures,
    Share,
    SpendSplit,
    YearView,
    class_split,
    combined,
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
    works_incl_indicative: Share
    not_measured: Share
    interventions_with_spend: int
    interventions_by_stage: dict[str, int]  # the register at the version; every stage


@dataclass(frozen=True)
class LookHereNext:
    not_measured: tuple[InterventionFigures, ...]
    no_effect: tuple[InterventionFigures, ...]
    best_value: tuple[InterventionFigures, ...]


@dataclass(frozen=True)
class SentenceData:
    """The numbers of the overview's generated sentence; the wording is the UI's."""

    year: int
    municipality: str | None
    currency: str | None
    total_actual: Decimal
    works: Share
    works_indicative: Share
    no_effect: Share
    harmful: Share
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
        works_incl_indicative=combined(by_class, ("works", "works_indicative")),
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
        if f.cost_benefit.bcr is not None and f.effect_class in ("works", "works_indicative")
    ]
    best = sorted(valued, key=lambda f: (-(f.cost_benefit.bcr or 0.0), f.intervention_id))
    return LookHereNext(
        not_measured=largest(("not_measured",)),
        no_effect=largest(("no_effect", "harmful")),
        best_value=tuple(best[:limit]),
    )


def _sentence(by_class: SpendSplit) -> SentenceData:
    k = by_class.by_key
    return SentenceData(
        year=by_class.year,
        municipality=by_class.municipality,
        currency=by_class.currency,
        total_actual=by_class.total_actual,
        works=k["works"],
        works_indicative=k["works_indicative"],
        no_effect=k["no_effect"],
        harmful=k["harmful"],
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


def kpis(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
) -> Kpis:
    """The headline figures of a year."""
    return overview(
        con, year=year, municipality=municipality, version=version, currency=currency
    ).kpis


def look_here_next(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
    limit: int = 3,
) -> LookHereNext:
    """Where to look next: largest spend not measured, with no effect shown, best value."""
    return overview(
        con, year=year, municipality=municipality, version=version, currency=currency, limit=limit
    ).look_here_next


def sentence_data(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
) -> SentenceData:
    """The numbers of the overview sentence (the UI words them)."""
    return overview(
        con, year=year, municipality=municipality, version=version, currency=currency
    ).sentence
