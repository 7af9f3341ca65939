"""The year's spend per intervention beside its effect, split by effect class and by
external evidence level.

- Currency: a year's figures are in one currency. With ``currency=None`` the only currency
  of that year's spend is used; several raise :class:`MixedCurrencyError` (the caller picks
  one and passes ``currency=``); none present falls back to the ``default_currency`` setting.
- Spend on no intervention, or on an intervention the register does not know
  (``unattributed_actual``), has no effect measurement: it counts as ``not_measured`` and, for
  evidence, as ``none``, so the classes add up to the total. The effect of an intervention
  uses all outcome data of the version (it is what we know now of what that money bought).
- Shares are floats, fractions of 1 of the total actual spend; None when that total is not
  positive. Money is Decimal. An intervention's ``programme`` is its register programme; the
  per-programme splits use the budget programme the money is booked on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

from models import EVIDENCE_LEVELS
from whatworks.analytics.cost_benefit import (
    DEFAULT_SEED,
    UNKNOWN,
    Appraisal,
    CostBenefit,
    cost_benefit,
)
from whatworks.analytics.effects import (
    EFFECT_CLASSES,
    Effect,
    EffectClass,
    Method,
)
from whatworks.analytics.scope import MixedCurrencyError, Scope, add, resolve_scope, share
from whatworks.analytics.shared import scope_effects
from whatworks.analytics.spend import SpendLine, per_participant, spend_lines_in_scope

ZERO = Decimal(0)


@dataclass(frozen=True)
class Share:
    """An amount and its share (fraction of 1) of a total; share None when total <= 0."""

    actual: Decimal
    share: float | None


@dataclass(frozen=True)
class InterventionFigures:
    """One intervention's spend in the year beside its effect and cost-benefit figures."""

    intervention_id: str
    name: str | None
    programme: str
    in_register: bool
    year: int
    currency: str | None
    budgeted: Decimal | None
    actual: Decimal | None
    participants: int | None
    spend_per_participant: Decimal | None
    effect: Effect | None  # None: the register does not know the intervention
    cost_benefit: CostBenefit = UNKNOWN

    @property
    def effect_class(self) -> EffectClass:
        return self.effect.effect_class if self.effect else "not_measured"

    @property
    def method(self) -> Method:
        return self.effect.method if self.effect else "none"


@dataclass(frozen=True)
class YearView:
    """Everything the year's figures are made of, read once."""

    year: int
    scope: Scope
    currency: str | None
    lines: tuple[SpendLine, ...]
    interventions: tuple[InterventionFigures, ...]
    effects: dict[str, Effect] = field(default_factory=dict)

    @property
    def total_actual(self) -> Decimal:
        return add([line.actual for line in self.lines]) or ZERO


@dataclass(frozen=True)
class SpendSplit:
    """The year's actual spend split by a key (effect class or evidence level).

    ``by_key`` always holds every key; ``by_programme`` maps a budget programme to its split,
    shares there being of that programme's total (``programme_totals``).
    """

    year: int
    municipality: str | None
    currency: str | None
    total_actual: Decimal
    unattributed_actual: Decimal
    by_key: dict[str, Share]
    by_programme: dict[str, dict[str, Share]]
    programme_totals: dict[str, Decimal]


@dataclass(frozen=True)
class EvidenceSplit:
    """Spend by external evidence level beside the locally measured shares."""

    split: SpendSplit
    external: Share  # evidence_level effective or strong
    local_works: Share
    local_improved_cause_unknown: Share


def _choose_currency(year: int, scope: Scope, lines: list[SpendLine]) -> str | None:
    present = sorted({line.currency for line in lines}, key=lambda c: (c is None, c or ""))
    if len(present) > 1:
        raise MixedCurrencyError(year, scope.municipality, present)
    return present[0] if present else scope.default_currency


def appraisal_of(scope: Scope) -> Appraisal:
    """The discount rate and default horizon in force at the scope's data version."""
    return Appraisal.of(scope.settings)


def _figures(
    year: int,
    scope: Scope,
    *,
    currency: str | None,
    lines: Iterable[SpendLine],
    effects: dict[str, Effect],
    seed: int,
) -> list[InterventionFigures]:
    groups: dict[str, list[SpendLine]] = defaultdict(list)
    for line in lines:
        if line.intervention_id is not None:
            groups[line.intervention_id].append(line)
    home_currency = scope.default_currency is None or currency == scope.default_currency
    appraisal = appraisal_of(scope)
    out = []
    for iid, group in groups.items():
        found = effects.get(iid)
        actual = add([x.actual for x in group])
        participants = group[0].participants
        out.append(
            InterventionFigures(
                intervention_id=iid,
                name=group[0].name,
                programme=group[0].register_programme or min(x.programme for x in group),
                in_register=found is not None,
                year=year,
                currency=currency,
                budgeted=add([x.budgeted for x in group]),
                actual=actual,
                participants=participants,
                spend_per_participant=per_participant(actual, participants),
                effect=found,
                cost_benefit=(
                    cost_benefit(
                        found,
                        actual,
                        appraisal=appraisal,
                        home_currency=home_currency,
                        seed=seed,
                    )
                    if found
                    else UNKNOWN
                ),
            )
        )
    return sorted(out, key=lambda f: (-(f.actual or ZERO), f.intervention_id))


def year_view(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
    seed: int = DEFAULT_SEED,
) -> YearView:
    """Read a year's spend and every intervention's effect once (see the module docs)."""
    scope = resolve_scope(con, version=version, municipality=municipality)
    lines = spend_lines_in_scope(con, scope, year=year)
    chosen = currency if currency is not None else _choose_currency(year, scope, lines)
    lines = [line for line in lines if line.currency == chosen]
    # The same for every year of the scope: computed once per data file (analytics.shared).
    effects = {e.intervention_id: e for e in scope_effects(con, scope)}
    figures = _figures(year, scope, currency=chosen, lines=lines, effects=effects, seed=seed)
    return YearView(year, scope, chosen, tuple(lines), tuple(figures), effects)


def _line_class(view: YearView) -> Callable[[SpendLine], str]:
    def key(line: SpendLine) -> str:
        found = view.effects.get(line.intervention_id or "") if line.attributed else None
        return found.effect_class if found else "not_measured"

    return key


def _split(view: YearView, key_of: Callable[[SpendLine], str], keys: Iterable[str]) -> SpendSplit:
    keys = tuple(keys)
    totals: dict[str, Decimal] = dict.fromkeys(keys, ZERO)
    per_programme: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(keys, ZERO))
    unattributed = ZERO
    for line in view.lines:
        amount = line.actual or ZERO
        key = key_of(line)
        totals[key] += amount
        per_programme[line.programme][key] += amount
        if not line.attributed:
            unattributed += amount
    total = view.total_actual
    programme_totals = {p: sum(v.values(), ZERO) for p, v in sorted(per_programme.items())}
    return SpendSplit(
        year=view.year,
        municipality=view.scope.municipality,
        currency=view.currency,
        total_actual=total,
        unattributed_actual=unattributed,
        by_key={k: Share(v, share(v, total)) for k, v in totals.items()},
        by_programme={
            p: {k: Share(v, share(v, programme_totals[p])) for k, v in split.items()}
            for p, split in sorted(per_programme.items())
        },
        programme_totals=programme_totals,
    )


def combined(split: SpendSplit, keys: Iterable[str]) -> Share:
    amount = sum((split.by_key[k].actual for k in keys), ZERO)
    return Share(amount, share(amount, split.total_actual))


def class_split(view: YearView) -> SpendSplit:
    return _split(view, _line_class(view), EFFECT_CLASSES)


def evidence_split(view: YearView, by_class: SpendSplit) -> EvidenceSplit:
    split = _split(view, lambda line: line.evidence_level, EVIDENCE_LEVELS)
    return EvidenceSplit(
        split=split,
        external=combined(split, ("effective", "strong")),
        local_works=by_class.by_key["works"],
        local_improved_cause_unknown=by_class.by_key["improved_cause_unknown"],
    )


def intervention_figures(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    municipality: str | None = None,
    version: int | None = None,
    currency: str | None = None,
    seed: int = DEFAULT_SEED,
) -> list[InterventionFigures]:
    """Every intervention with spend in the year, largest actual spend first."""
    view = year_view(
        con, year=year, municipality=municipality, version=version, currency=currency, seed=seed
    )
    return list(view.interventions)
