"""The data contract (version 1) as pydantic models: the single source of the contract.

Column names, aliases, types, rules, the database schema, the templates users download and
the data dictionary are all derived from the models below. ``../shared/data-contract.md``
is the prose; this file is the law the code obeys.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CONTRACT_VERSION = 1


class Kind(StrEnum):
    """The kinds of table an analyst may load."""

    budget = "budget"
    programmes = "programmes"
    outcomes = "outcomes"
    indicators = "indicators"


ColumnType = Literal[
    "integer", "text", "money", "decimal", "date", "boolean", "period", "currency", "enum"
]


@dataclass(frozen=True)
class Col:
    """Contract metadata attached to a model field with ``Annotated``."""

    type: ColumnType
    description: str
    example: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None
    # A rule that only warns: (SQL-free) name understood by the validator.
    warn_negative: bool = False
    rules: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def normalise_name(name: str) -> str:
    """Column names are case-insensitive; spaces and dashes count as underscores."""
    text = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return text.strip("_")


STAGES = ("idea", "pilot", "scaling", "standard", "stopped")
EVIDENCE_LEVELS = ("none", "described", "theory", "indicative", "effective", "strong")
TRUE_WORDS = ("true", "yes", "ja", "1", "waar", "sand", "sant", "y", "j")
FALSE_WORDS = ("false", "no", "nee", "nej", "nei", "0", "onwaar", "falsk", "usant", "n")
DESIGNS = ("randomised", "not_randomised")
MISSING_MARKERS = ("", "-", ".", "–", "—", "..", "n/a", "na", "null")


class Budget(BaseModel):
    """budget: spend, one row per municipality x year x programme x line."""

    model_config = ConfigDict(extra="forbid")

    year: Annotated[
        int,
        Field(ge=1900, le=2100),
        Col(
            "integer",
            "Budget or accounting year.",
            "2025",
            ("jaar", "år", "aar", "year_"),
            required=True,
            minimum=Decimal(1900),
            maximum=Decimal(2100),
            rules="1900-2100",
        ),
    ]
    programme: Annotated[
        str,
        Field(min_length=1),
        Col(
            "text",
            "The programme (policy area) the spend belongs to.",
            "Youth care",
            ("programma", "program", "taakveld"),
            required=True,
            rules="not empty",
        ),
    ]
    intervention_id: Annotated[
        str | None,
        Col(
            "text",
            "The intervention the spend is for; empty means spend on the programme that is "
            "not attributed to an intervention.",
            "YC-01",
            ("interventie", "indsats", "tiltak", "intervention"),
        ),
    ] = None
    budgeted: Annotated[
        Decimal | None,
        Field(ge=0, max_digits=18, decimal_places=2),
        Col(
            "money",
            "Budgeted amount.",
            "1250000.00",
            ("begroot", "budget", "budsjett", "begroting"),
            minimum=Decimal(0),
            rules="≥ 0; budgeted or actual (or both) must be given",
        ),
    ] = None
    actual: Annotated[
        Decimal | None,
        Field(max_digits=18, decimal_places=2),
        Col(
            "money",
            "Actual spend (realised).",
            "1187342.50",
            ("realisatie", "regnskab", "regnskap", "forbruk", "lasten"),
            warn_negative=True,
            rules="may be negative (a correction): a warning",
        ),
    ] = None
    municipality: Annotated[
        str | None,
        Col(
            "text",
            "Municipality; empty means the home municipality from the settings.",
            "Eemsdal",
            ("gemeente", "kommune", "gemeenten"),
        ),
    ] = None
    currency: Annotated[
        str | None,
        Col(
            "currency",
            "ISO 4217 currency code; empty means the default currency from the settings.",
            "EUR",
            ("valuta",),
            rules="three-letter ISO 4217 code",
        ),
    ] = None
    programme_code: Annotated[
        str | None,
        Col(
            "text",
            "A national function code: an Iv3 taakveld, a Danish funktion or a KOSTRA function.",
            "6.72",
            ("taakveldcode", "funktion", "funksjon"),
        ),
    ] = None

    @model_validator(mode="after")
    def _one_amount(self) -> Budget:
        if self.budgeted is None and self.actual is None:
            msg = "give budgeted or actual (or both)"
            raise ValueError(msg)
        return self


class Programme(BaseModel):
    """programmes: the intervention register, one row per intervention."""

    model_config = ConfigDict(extra="forbid")

    intervention_id: Annotated[
        str,
        Field(min_length=1),
        Col(
            "text",
            "Identifier of the intervention, as used in budget and outcomes.",
            "YC-01",
            ("interventie", "indsats", "tiltak", "intervention"),
            required=True,
            rules="unique in the file",
        ),
    ]
    name: Annotated[
        str,
        Field(min_length=1),
        Col("text", "Name of the intervention.", "Family coaching", ("naam", "navn"), True),
    ]
    programme: Annotated[
        str,
        Field(min_length=1),
        Col("text", "The programme it belongs to.", "Youth care", ("programma", "program"), True),
    ]
    stage: Annotated[
        Literal["idea", "pilot", "scaling", "standard", "stopped"],
        Col(
            "enum",
            "Where the intervention is in its life: idea, pilot, scaling, standard, stopped.",
            "pilot",
            ("fase",),
            choices=STAGES,
            default="pilot",
        ),
    ] = "pilot"
    evidence_level: Annotated[
        Literal["none", "described", "theory", "indicative", "effective", "strong"],
        Col(
            "enum",
            "External evidence for the approach (databank ratings such as the Dutch "
            "erkenningsniveaus): none, described, theory, indicative, effective, strong.",
            "indicative",
            ("bewijsniveau", "evidens", "evidence"),
            choices=EVIDENCE_LEVELS,
            default="none",
        ),
    ] = "none"
    start_date: Annotated[
        dt.date | None,
        Col("date", "Start date.", "2023-01-01", ("startdatum", "startdato", "start")),
    ] = None
    end_date: Annotated[
        dt.date | None,
        Col(
            "date",
            "End date.",
            "",
            ("einddatum", "slutdato", "sluttdato", "end"),
            rules="≥ start_date",
        ),
    ] = None
    indicator: Annotated[
        str | None,
        Col(
            "text",
            "The outcome indicator this intervention is meant to move.",
            "school_dropout_rate",
            ("indikator",),
        ),
    ] = None
    participants: Annotated[
        int | None,
        Field(ge=0),
        Col(
            "integer",
            "People reached per year.",
            "120",
            ("deelnemers", "deltagere", "deltakere"),
            minimum=Decimal(0),
            rules="integer ≥ 0",
        ),
    ] = None
    owner: Annotated[
        str | None, Col("text", "Who owns it.", "Team Youth", ("eigenaar", "ejer", "eier"))
    ] = None
    description: Annotated[
        str | None,
        Col("text", "What it is.", "", ("omschrijving", "beskrivelse")),
    ] = None

    design: Annotated[
        Literal["randomised", "not_randomised"] | None,
        Col(
            "enum",
            "How the comparison group was formed: randomised (assigned by lot) or "
            "not_randomised; empty when unknown or there is no comparison group.",
            "not_randomised",
            ("opzet", "onderzoeksopzet", "forsøgsdesign", "forskningsdesign", "evaluation_design"),
            choices=DESIGNS,
        ),
    ] = None
    expected_effect: Annotated[
        float | None,
        Col(
            "decimal",
            "The effect expected beforehand, from a databank or meta-analysis, in the "
            "indicator's units, positive = improvement; combined with the local estimate.",
            "2.0",
            ("verwacht_effect", "forventet_effekt", "prior_effect"),
        ),
    ] = None
    expected_effect_se: Annotated[
        float | None,
        Field(gt=0),
        Col(
            "decimal",
            "The standard error of expected_effect (how uncertain the prior is).",
            "1.0",
            ("verwacht_effect_se", "forventet_effekt_se", "prior_effect_se"),
            minimum=Decimal(0),
            exclusive_minimum=True,
            rules="> 0; only with expected_effect",
        ),
    ] = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Programme:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            msg = "end_date is before start_date"
            raise ValueError(msg)
        return self


class Outcome(BaseModel):
    """outcomes: measured values, one row per indicator x period x scope."""

    model_config = ConfigDict(extra="forbid")

    indicator: Annotated[
        str,
        Field(min_length=1),
        Col(
            "text",
            "The indicator measured. 'population' (inwoners, indbyggere, innbyggere) at "
            "municipality level is the denominator for per-inhabitant figures.",
            "school_dropout_rate",
            ("indikator",),
            required=True,
        ),
    ]
    period: Annotated[
        str,
        Col(
            "period",
            "The period measured: a year (2025), quarter (2025-Q3), month (2025-05) or date.",
            "2025",
            ("periode", "jaar", "år"),
            required=True,
            rules="2025, 2025-Q3, 2025-05 or a date",
        ),
    ]
    value: Annotated[
        float,
        Col("decimal", "The measured value.", "12.5", ("waarde", "værdi", "verdi"), True),
    ]
    intervention_id: Annotated[
        str | None,
        Col(
            "text",
            "The intervention measured; empty: a municipality- or area-level figure.",
            "YC-01",
            ("interventie", "indsats", "tiltak", "intervention"),
        ),
    ] = None
    municipality: Annotated[
        str | None,
        Col(
            "text",
            "Municipality; empty means the home municipality.",
            "Eemsdal",
            ("gemeente", "kommune"),
        ),
    ] = None
    area: Annotated[
        str | None, Col("text", "A district.", "", ("wijk", "bydel", "område", "omrade"))
    ] = None
    unit: Annotated[
        str | None, Col("text", "Unit of the value.", "%", ("eenheid", "enhed", "enhet"))
    ] = None
    higher_is_better: Annotated[
        bool,
        Col(
            "boolean",
            "Whether a higher value is better; must agree across rows of one indicator.",
            "false",
            ("hoger_is_beter", "højere_er_bedre", "høyere_er_bedre"),
            default="true",
        ),
    ] = True
    comparison: Annotated[
        float | None,
        Col(
            "decimal",
            "The same indicator for a comparison group, same period.",
            "14.1",
            ("vergelijking", "sammenligning", "vergelijkingsgroep"),
        ),
    ] = None
    baseline: Annotated[
        float | None,
        Col("decimal", "Baseline value.", "15.0", ("nulmeting", "basislinje", "baseline_")),
    ] = None
    target: Annotated[
        float | None, Col("decimal", "Target value.", "10.0", ("doel", "mål", "maal"))
    ] = None
    ci_low: Annotated[
        float | None,
        Col("decimal", "Lower bound of the confidence interval.", "11.2", rules="≤ value"),
    ] = None
    ci_high: Annotated[
        float | None,
        Col("decimal", "Upper bound of the confidence interval.", "13.8", rules="≥ value"),
    ] = None
    n: Annotated[
        int | None,
        Field(gt=0),
        Col(
            "integer",
            "Observations behind the value.",
            "240",
            minimum=Decimal(0),
            exclusive_minimum=True,
            rules="integer > 0",
        ),
    ] = None

    comparison_ci_low: Annotated[
        float | None,
        Col(
            "decimal",
            "Lower bound of the comparison group's confidence interval.",
            "12.9",
            rules="≤ comparison",
        ),
    ] = None
    comparison_ci_high: Annotated[
        float | None,
        Col(
            "decimal",
            "Upper bound of the comparison group's confidence interval.",
            "15.3",
            rules="≥ comparison",
        ),
    ] = None
    comparison_n: Annotated[
        int | None,
        Field(gt=0),
        Col(
            "integer",
            "Observations behind the comparison value.",
            "260",
            minimum=Decimal(0),
            exclusive_minimum=True,
            rules="integer > 0",
        ),
    ] = None

    @model_validator(mode="after")
    def _interval_holds_value(self) -> Outcome:
        if self.ci_low is not None and self.ci_low > self.value:
            msg = "ci_low is above value"
            raise ValueError(msg)
        if self.ci_high is not None and self.ci_high < self.value:
            msg = "ci_high is below value"
            raise ValueError(msg)
        return self


class Indicator(BaseModel):
    """indicators: optional metadata, one row per indicator."""

    model_config = ConfigDict(extra="forbid")

    indicator: Annotated[
        str,
        Field(min_length=1),
        Col(
            "text",
            "The indicator, as named in outcomes.",
            "school_dropout_rate",
            ("indikator",),
            required=True,
            rules="unique in the file",
        ),
    ]
    unit: Annotated[
        str | None, Col("text", "Unit of the values.", "%", ("eenheid", "enhed", "enhet"))
    ] = None
    higher_is_better: Annotated[
        bool | None,
        Col(
            "boolean",
            "Whether a higher value is better.",
            "false",
            ("hoger_is_beter", "højere_er_bedre", "høyere_er_bedre"),
        ),
    ] = None
    description: Annotated[
        str | None,
        Col("text", "What the indicator measures.", "", ("omschrijving", "beskrivelse", "naam")),
    ] = None
    value_per_unit: Annotated[
        Decimal | None,
        Field(max_digits=18, decimal_places=2),
        Col(
            "money",
            "What one unit of improvement is worth to society (the shadow price used in "
            "benefit-cost analysis), in the home currency.",
            "5000.00",
            ("waarde_per_eenheid", "værdi_per_enhed", "verdi_per_enhet"),
        ),
    ] = None

    value_per_unit_low: Annotated[
        Decimal | None,
        Field(max_digits=18, decimal_places=2),
        Col(
            "money",
            "The lowest plausible value per unit (the simulation varies it between low and high).",
            "3000.00",
            ("waarde_per_eenheid_laag", "værdi_per_enhed_lav", "verdi_per_enhet_lav"),
            rules="≤ value_per_unit",
        ),
    ] = None
    value_per_unit_high: Annotated[
        Decimal | None,
        Field(max_digits=18, decimal_places=2),
        Col(
            "money",
            "The highest plausible value per unit.",
            "7000.00",
            ("waarde_per_eenheid_hoog", "værdi_per_enhed_høj", "verdi_per_enhet_høy"),
            rules="≥ value_per_unit",
        ),
    ] = None
    benefit_years: Annotated[
        int | None,
        Field(ge=1, le=50),
        Col(
            "integer",
            "Over how many years one year's improvement yields benefits (the horizon); "
            "empty: one year.",
            "5",
            ("baatjaren", "gevinstår", "nytteår", "horizon"),
            minimum=Decimal(1),
            maximum=Decimal(50),
            rules="integer 1-50",
        ),
    ] = None
    persistence: Annotated[
        float | None,
        Field(ge=0, le=1),
        Col(
            "decimal",
            "The share of the effect still there each following year (1 = lasting, "
            "0.5 = halves every year); empty: 1.",
            "0.8",
            ("persistentie", "varighed", "varighet"),
            minimum=Decimal(0),
            maximum=Decimal(1),
            rules="0-1",
        ),
    ] = None


MODELS: dict[Kind, type[BaseModel]] = {
    Kind.budget: Budget,
    Kind.programmes: Programme,
    Kind.outcomes: Outcome,
    Kind.indicators: Indicator,
}

# The keys by which a load replaces current rows (see the contract's replace semantics).
REPLACE_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.budget: ("municipality", "year"),
    Kind.programmes: ("intervention_id",),
    Kind.outcomes: ("indicator", "period", "municipality", "area", "intervention_id"),
    Kind.indicators: ("indicator",),
}

# Columns that must be unique within one file.
UNIQUE_IN_FILE: dict[Kind, tuple[str, ...]] = {
    Kind.budget: (),
    Kind.programmes: ("intervention_id",),
    Kind.outcomes: ("indicator", "period", "municipality", "area", "intervention_id"),
    Kind.indicators: ("indicator",),
}


@dataclass(frozen=True)
class ColumnSpec:
    """One contract column, derived from a model field."""

    name: str
    col: Col

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.col.aliases

    @property
    def type(self) -> ColumnType:
        return self.col.type

    @property
    def required(self) -> bool:
        return self.col.required


def columns(kind: Kind | str) -> tuple[ColumnSpec, ...]:
    """The contract columns of a kind, in template order."""
    model = MODELS[Kind(kind)]
    specs = []
    for name, info in model.model_fields.items():
        meta = next(m for m in info.metadata if isinstance(m, Col))
        specs.append(ColumnSpec(name, meta))
    return tuple(specs)


def column_lookup(kind: Kind | str) -> dict[str, str]:
    """Normalised header (name or alias) -> contract column name."""
    lookup: dict[str, str] = {}
    for spec in columns(kind):
        for alias in spec.aliases:
            lookup.setdefault(normalise_name(alias), spec.name)
    for spec in columns(kind):  # the contract's own names win over aliases
        lookup[normalise_name(spec.name)] = spec.name
    if Kind(kind) == Kind.outcomes:
        lookup.pop("jaar", None)  # "jaar" is a budget year; outcomes use "periode"
        lookup.pop("år", None)
    return lookup


POPULATION_ALIASES = ("population", "inwoners", "indbyggere", "innbyggere", "inwonertal")


class DatasetVersion(BaseModel):
    """One accepted load (or restore): a dataset version."""

    model_config = ConfigDict(frozen=True)

    version_id: int
    kind: str
    action: Literal["load", "restore", "demo", "mapping", "settings", "decision"]
    loaded_at: dt.datetime
    loaded_by: str
    source_file: str | None = None
    sha256: str | None = None
    rows_read: int = 0
    inserted: int = 0
    replaced: int = 0
    mapping: dict[str, str] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict)
    restored_from: int | None = None


def template_rows(kind: Kind | str) -> tuple[list[str], list[str]]:
    """Header and one example row for a kind's template."""
    specs = columns(kind)
    return [s.name for s in specs], [s.col.example for s in specs]


def data_dictionary() -> list[dict[str, str]]:
    """One row per contract column: the data dictionary users can download."""
    rows = []
    for kind in Kind:
        for spec in columns(kind):
            choices = ", ".join(spec.col.choices)
            rules = "; ".join(r for r in (spec.col.rules, choices and f"one of {choices}") if r)
            rows.append(
                {
                    "kind": kind.value,
                    "column": spec.name,
                    "aliases": ", ".join(spec.aliases),
                    "type": spec.type,
                    "required": "yes" if spec.required else "no",
                    "default": spec.col.default or "",
                    "rules": rules,
                    "description": spec.col.description,
                    "example": spec.col.example,
                }
            )
    return rows
