"""Analytics: effects, classes, cost-effectiveness and the year's picture. Pure, typed, no
Streamlit. Every figure is read *as of a data version* through the ``*_at(version)`` macros
by the named queries in ``queries/`` (see :data:`QUERY_NAMES`); Python receives aggregated
rows only. Money is Decimal; shares are floats, fractions of 1. The rules are documented in
the submodules: :mod:`.effects` (method, interval, class, too early, direction),
:mod:`.cost_benefit`, :mod:`.spend`, :mod:`.figures` (currency, unattributed spend),
:mod:`.overview`, :mod:`.report` and :mod:`.trace`.
"""

from whatworks.analytics.cost_benefit import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    CostBenefit,
    chance_benefit_exceeds_cost,
    cost_benefit,
)
from whatworks.analytics.effects import (
    EFFECT_CLASSES,
    METHOD_LABELS,
    METHODS,
    Effect,
    EffectClass,
    Method,
    effect,
    effect_class,
    effect_from_inputs,
    effects,
)
from whatworks.analytics.figures import (
    EvidenceSplit,
    InterventionFigures,
    Share,
    SpendSplit,
    YearView,
    class_split,
    evidence_split,
    intervention_figures,
    year_view,
)
from whatworks.analytics.overview import (
    Kpis,
    LookHereNext,
    Overview,
    SentenceData,
    overview,
)
from whatworks.analytics.report import effects_report, money_text
from whatworks.analytics.scope import (
    AnalyticsError,
    MixedCurrencyError,
    Scope,
    municipalities,
    resolve_scope,
)
from whatworks.analytics.spend import (
    ProgrammeYear,
    SpendLine,
    SpendYear,
    intervention_spend,
    programme_spend,
)
from whatworks.analytics.trace import Trace, TraceRow, trace

# The queries/*.sql files this package runs (tests check each one is executed).
QUERY_NAMES = (
    "intervention_effects",
    "spend_lines",
    "municipalities",
    "interventions_by_stage",
    "trace_rows",
)

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "EFFECT_CLASSES",
    "METHODS",
    "METHOD_LABELS",
    "QUERY_NAMES",
    "AnalyticsError",
    "CostBenefit",
    "Effect",
    "EffectClass",
    "EvidenceSplit",
    "InterventionFigures",
    "Kpis",
    "LookHereNext",
    "Method",
    "MixedCurrencyError",
    "Overview",
    "ProgrammeYear",
    "Scope",
    "SentenceData",
    "Share",
    "SpendLine",
    "SpendSplit",
    "SpendYear",
    "Trace",
    "TraceRow",
    "YearView",
    "chance_benefit_exceeds_cost",
    "class_split",
    "cost_benefit",
    "effect",
    "effect_class",
    "effect_from_inputs",
    "effects",
    "effects_report",
    "evidence_split",
    "intervention_figures",
    "intervention_spend",
    "money_text",
    "municipalities",
    "overview",
    "programme_spend",
    "resolve_scope",
    "trace",
    "year_view",
]
