"""The data contract (version 1) as pydantic models: the single source of the contract.

Every fact about a column is declared once, in its ``Col``: name, aliases, type, whether it
is required, its range, its default; a column's choices are its ``Literal`` type. Rules
across the columns of a row are ``RowRule`` data in ``ROW_RULES``. From these come the
pydantic constraints and validator, the SQL checks of the ingest (whatworks/ingest/checks.py),
the database schema, the templates users download, the data dictionary and the tables of
docs/data-contract.md (whatworks/templates.py writes them; a test fails when they drift).
``../shared/data-contract.md`` is the prose; this file is the law the code obeys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import UnionType
from typing import Annotated, Any, ClassVar, Literal, Self, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, model_validator


class Kind(StrEnum):
    """The kinds of table an analyst may load."""

    budget = "budget"
    programmes = "programmes"
    outcomes = "outcomes"
    indicators = "indicators"


ColumnType = Literal[
    "integer", "text", "money", "decimal", "date", "boolean", "period", "currency", "enum"
]

# The years a budget year or an outcome period may lie in.
FIRST_YEAR, LAST_YEAR = 1900, 2100

Stage = Literal["idea", "pilot", "scaling", "standard", "stopped"]
EvidenceLevel = Literal["none", "described", "theory", "indicative", "effective", "strong"]
Design = Literal["randomised", "not_randomised"]
STAGES: tuple[str, ...] = get_args(Stage)
EVIDENCE_LEVELS: tuple[str, ...] = get_args(EvidenceLevel)  # weakest first

# Words accepted for a choice besides the contract's own (nl, da, nb), by column.
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "stage": {
        "idee": "idea",
        "ide": "idea",
        "idé": "idea",
        "proef": "pilot",
        "pilotfase": "pilot",
        "forsøg": "pilot",
        "forsøk": "pilot",
        "opschaling": "scaling",
        "opskalering": "scaling",
        "oppskalering": "scaling",
        "standaard": "standard",
        "regulier": "standard",
        "drift": "standard",
        "gestopt": "stopped",
        "beëindigd": "stopped",
        "stoppet": "stopped",
        "afsluttet": "stopped",
        "avsluttet": "stopped",
    },
    "evidence_level": {
        "geen": "none",
        "ingen": "none",
        "goed beschreven": "described",
        "beschreven": "described",
        "beskrevet": "described",
        "theoretisch onderbouwd": "theory",
        "teoretisk": "theory",
        "teori": "theory",
        "eerste aanwijzingen": "indicative",
        "indicatief": "indicative",
        "indikativ": "indicative",
        "goede aanwijzingen": "effective",
        "effectief": "effective",
        "effektiv": "effective",
        "sterke aanwijzingen": "strong",
        "sterk": "strong",
    },
}

TRUE_WORDS = ("true", "yes", "ja", "1", "waar", "sand", "sant", "y", "j")
FALSE_WORDS = ("false", "no", "nee", "nej", "nei", "0", "onwaar", "falsk", "usant", "n")
# Cells that mean "no value" (compared trimmed and lower-cased): bound into the ingest's SQL.
MISSING_MARKERS = ("", "-", ".", "–", "—", "..", "...", "n/a", "na", "#n/a", "null")
# Subtotal rows interleaved with the data: a cell that is one of these words (compared trimmed
# and lower-cased), or begins with one of the prefixes, marks a row the loader leaves out,
# unless they fill more than half a column (a category label such as 'Sum utgifter').
SUBTOTAL_WORDS: tuple[str, ...] = ("totaal", "subtotaal", "eindtotaal", "totalt", "i alt")
SUBTOTAL_WORDS += ("sum", "total", "subtotal", "grand total", "hovedtotal", "sum total")
SUBTOTAL_WORDS += ("summe", "insgesamt", "gesamt", "summa", "yhteensä")  # de, sv, fi
SUBTOTAL_PREFIXES = ("totaal ", "subtotaal ", "subtotal ", "summe ")  # 'Summe aller …' (IT.NRW)

# What each type means in the published contract, where its name alone does not say it.
TYPE_WORDS: dict[str, str] = {
    "money": "decimal, 2 places",
    "period": "2025, 2025-Q3, 2025-05, 2021/22 or a date",
    "currency": "ISO 4217 code",
}


@dataclass(frozen=True)
class Col(annotated_types.GroupedMetadata):
    """Contract metadata attached to a model field with ``Annotated``.

    Also the field's pydantic constraints: a range, a non-empty required text, cents for
    money are derived from it (pydantic unpacks what ``__iter__`` yields).
    """

    type: ColumnType
    description: str
    example: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False
    default: str | None = None
    # A negative value is allowed but warned about (a correction?).
    warn_negative: bool = False

    def __iter__(self) -> Iterator[Any]:
        if self.type == "period":  # the range is of its year
            yield annotated_types.Predicate(self._year_in_range)
        elif self.minimum is not None:
            bound = self.minimum
            yield annotated_types.Gt(bound) if self.exclusive_minimum else annotated_types.Ge(bound)
        if self.maximum is not None and self.type != "period":
            yield annotated_types.Le(self.maximum)
        if self.required and self.type == "text":
            yield annotated_types.MinLen(1)
        if self.type == "money":
            yield Field(max_digits=18, decimal_places=2)

    def _year_in_range(self, period: str) -> bool:
        year = Decimal(period[:4])
        return (self.minimum is None or year >= self.minimum) and (
            self.maximum is None or year <= self.maximum
        )


# The budget's amount columns: a row gives one or both; a file with one column per year
# holds one of them (budgeted unless said otherwise).
AMOUNTS = ("budgeted", "actual")

RuleCheck = Literal["any_given", "not_above", "needs"]


@dataclass(frozen=True)
class RowRule:
    """A rule across the columns of one row.

    - ``any_given``: at least one of ``columns`` has a value;
    - ``not_above``: ``columns[0] ≤ columns[1]`` where both have a value;
    - ``needs``: ``columns[0]`` only with a value in ``columns[1]``.

    A broken rule is the problem ``code`` (its words are in the catalogues) on ``field``.
    """

    check: RuleCheck
    columns: tuple[str, ...]
    code: str
    field: str

    def broken(self, row: Mapping[str, Any]) -> bool:
        """Whether the values of ``row`` (None: no value) break the rule."""
        values = [row.get(c) for c in self.columns]
        if self.check == "any_given":
            return all(v is None for v in values)
        if self.check == "not_above":
            low, high = values
            return low is not None and high is not None and low > high
        return values[0] is not None and values[1] is None

    def words(self, column: str) -> str:
        """The rule as the published contract states it beside ``column``."""
        if self.check == "any_given":
            return " or ".join(self.columns) + " (or both) must be given"
        low, high = self.columns
        if self.check == "not_above":
            return f"≤ {high}" if column == low else f"≥ {low}"
        return f"only with {high}"


ROW_RULES: dict[Kind, tuple[RowRule, ...]] = {
    Kind.budget: (RowRule("any_given", AMOUNTS, "no_amount", AMOUNTS[-1]),),
    Kind.programmes: (
        RowRule("not_above", ("start_date", "end_date"), "end_before_start", "end_date"),
        RowRule(
            "needs",
            ("expected_effect_se", "expected_effect"),
            "se_without_expected_effect",
            "expected_effect_se",
        ),
    ),
    Kind.outcomes: (
        RowRule("not_above", ("ci_low", "value"), "ci_low_above_value", "ci_low"),
        RowRule("not_above", ("value", "ci_high"), "ci_high_below_value", "ci_high"),
        RowRule(
            "not_above",
            ("comparison_ci_low", "comparison"),
            "comparison_ci_low_above_comparison",
            "comparison_ci_low",
        ),
        RowRule(
            "not_above",
            ("comparison", "comparison_ci_high"),
            "comparison_ci_high_below_comparison",
            "comparison_ci_high",
        ),
    ),
    Kind.indicators: (
        RowRule(
            "not_above",
            ("value_per_unit_low", "value_per_unit"),
            "value_per_unit_low_above_value_per_unit",
            "value_per_unit_low",
        ),
        RowRule(
            "not_above",
            ("value_per_unit", "value_per_unit_high"),
            "value_per_unit_high_below_value_per_unit",
            "value_per_unit_high",
        ),
    ),
}


def normalise_name(name: str) -> str:
    """Column names are case-insensitive; spaces and dashes count as underscores."""
    text = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return text.strip("_")


class Record(BaseModel):
    """One row of a contract table: the columns' constraints and the kind's row rules."""

    model_config = ConfigDict(extra="forbid")
    kind: ClassVar[Kind]

    @model_validator(mode="after")
    def _row_rules(self) -> Self:
        for rule in ROW_RULES[self.kind]:
            if rule.broken(self.__dict__):
                msg = f"{rule.code}: {rule.field} {rule.words(rule.field)}"
                raise ValueError(msg)
        return self


INTERVENTION_ALIASES = ("interventie", "indsats", "tiltak", "intervention")
INDICATOR_ALIASES = ("indikator",)
UNIT_ALIASES = ("eenheid", "enhed", "enhet")
DIRECTION_ALIASES = ("hoger_is_beter", "højere_er_bedre", "høyere_er_bedre")
DESCRIPTION_ALIASES = ("omschrijving", "beskrivelse")


class Budget(Record):
    """budget: spend, one row per municipality x year x programme x line."""

    kind = Kind.budget

    year: Annotated[
        int,
        Col(
            "integer",
            "Budget or accounting year.",
            "2025",
            ("jaar", "år", "aar", "year_"),
            required=True,
            minimum=Decimal(FIRST_YEAR),
            maximum=Decimal(LAST_YEAR),
        ),
    ]
    programme: Annotated[
        str,
        Col(
            "text",
            "The programme (policy area) the spend belongs to.",
            "Youth care",
            ("programma", "program", "taakveld"),
            required=True,
        ),
    ]
    intervention_id: Annotated[
        str | None,
        Col(
            "text",
            "The intervention the spend is for; empty means spend on the programme that is "
            "not attributed to an intervention.",
            "YC-01",
            INTERVENTION_ALIASES,
        ),
    ] = None
    budgeted: Annotated[
        Decimal | None,
        Col(
            "money",
            "Budgeted amount.",
            "1250000.00",
            ("begroot", "budget", "budsjett", "begroting"),
            warn_negative=True,  # an offset, a carry-forward, netted income
        ),
    ] = None
    actual: Annotated[
        Decimal | None,
        Col(
            "money",
            "Actual spend (realised).",
            "1187342.50",
            ("realisatie", "regnskab", "regnskap", "forbruk", "lasten"),
            warn_negative=True,
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
            "Currency; empty means the default currency from the settings.",
            "EUR",
            ("valuta",),
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


class Programme(Record):
    """programmes: the intervention register, one row per intervention."""

    kind = Kind.programmes

    intervention_id: Annotated[
        str,
        Col(
            "text",
            "Identifier of the intervention, as used in budget and outcomes.",
            "YC-01",
            INTERVENTION_ALIASES,
            required=True,
        ),
    ]
    name: Annotated[
        str,
        Col("text", "Name of the intervention.", "Family coaching", ("naam", "navn"), True),
    ]
    programme: Annotated[
        str,
        Col("text", "The programme it belongs to.", "Youth care", ("programma", "program"), True),
    ]
    stage: Annotated[
        Stage,
        Col("enum", "Where the intervention is in its life.", "pilot", ("fase",), default="pilot"),
    ] = "pilot"
    evidence_level: Annotated[
        EvidenceLevel,
        Col(
            "enum",
            "External evidence for the approach (databank ratings such as the Dutch "
            "erkenningsniveaus).",
            "indicative",
            ("bewijsniveau", "evidens", "evidence"),
            default="none",
        ),
    ] = "none"
    start_date: Annotated[
        dt.date | None,
        Col("date", "Start date.", "2023-01-01", ("startdatum", "startdato", "start")),
    ] = None
    end_date: Annotated[
        dt.date | None,
        Col("date", "End date.", "", ("einddatum", "slutdato", "sluttdato", "end")),
    ] = None
    indicator: Annotated[
        str | None,
        Col(
            "text",
            "The outcome indicator this intervention is meant to move.",
            "school_dropout_rate",
            INDICATOR_ALIASES,
        ),
    ] = None
    participants: Annotated[
        int | None,
        Col(
            "integer",
            "People reached per year.",
            "120",
            ("deelnemers", "deltagere", "deltakere"),
            minimum=Decimal(0),
        ),
    ] = None
    owner: Annotated[
        str | None, Col("text", "Who owns it.", "Team Youth", ("eigenaar", "ejer", "eier"))
    ] = None
    description: Annotated[
        str | None,
        Col("text", "What it is.", "", DESCRIPTION_ALIASES),
    ] = None

    design: Annotated[
        Design | None,
        Col(
            "enum",
            "How the comparison group was formed: randomised (assigned by lot, the strongest "
            "design) or not; empty when unknown or there is no comparison group.",
            "not_randomised",
            ("opzet", "onderzoeksopzet", "forsøgsdesign", "forskningsdesign", "evaluation_design"),
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
        Col(
            "decimal",
            "The standard error of expected_effect (how uncertain the prior is).",
            "1.0",
            ("verwacht_effect_se", "forventet_effekt_se", "prior_effect_se"),
            minimum=Decimal(0),
            exclusive_minimum=True,
        ),
    ] = None


class Outcome(Record):
    """outcomes: measured values, one row per indicator x period x scope."""

    kind = Kind.outcomes

    indicator: Annotated[
        str,
        Col(
            "text",
            "The indicator measured. 'population' (inwoners, indbyggere, innbyggere) at "
            "municipality level is the denominator for per-inhabitant figures.",
            "school_dropout_rate",
            INDICATOR_ALIASES,
            required=True,
        ),
    ]
    period: Annotated[
        str,
        Col(
            "period",
            "The period measured: a year, quarter, month, split financial year or date.",
            "2025",
            ("periode", "jaar", "år"),
            required=True,
            minimum=Decimal(FIRST_YEAR),
            maximum=Decimal(LAST_YEAR),
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
            INTERVENTION_ALIASES,
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
    unit: Annotated[str | None, Col("text", "Unit of the value.", "%", UNIT_ALIASES)] = None
    higher_is_better: Annotated[
        bool,
        Col(
            "boolean",
            "Whether a higher value is better; must agree across rows of one indicator.",
            "false",
            DIRECTION_ALIASES,
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
        float | None, Col("decimal", "Lower bound of the confidence interval.", "11.2")
    ] = None
    ci_high: Annotated[
        float | None, Col("decimal", "Upper bound of the confidence interval.", "13.8")
    ] = None
    n: Annotated[
        int | None,
        Col(
            "integer",
            "Observations behind the value.",
            "240",
            minimum=Decimal(0),
            exclusive_minimum=True,
        ),
    ] = None

    comparison_ci_low: Annotated[
        float | None,
        Col("decimal", "Lower bound of the comparison group's confidence interval.", "12.9"),
    ] = None
    comparison_ci_high: Annotated[
        float | None,
        Col("decimal", "Upper bound of the comparison group's confidence interval.", "15.3"),
    ] = None
    comparison_n: Annotated[
        int | None,
        Col(
            "integer",
            "Observations behind the comparison value.",
            "260",
            minimum=Decimal(0),
            exclusive_minimum=True,
        ),
    ] = None


class Indicator(Record):
    """indicators: optional metadata, one row per indicator."""

    kind = Kind.indicators

    indicator: Annotated[
        str,
        Col(
            "text",
            "The indicator, as named in outcomes.",
            "school_dropout_rate",
            INDICATOR_ALIASES,
            required=True,
        ),
    ]
    unit: Annotated[str | None, Col("text", "Unit of the values.", "%", UNIT_ALIASES)] = None
    higher_is_better: Annotated[
        bool | None,
        Col("boolean", "Whether a higher value is better.", "false", DIRECTION_ALIASES),
    ] = None
    description: Annotated[
        str | None,
        Col("text", "What the indicator measures.", "", (*DESCRIPTION_ALIASES, "naam")),
    ] = None
    value_per_unit: Annotated[
        Decimal | None,
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
        Col(
            "money",
            "The lowest plausible value per unit (the simulation varies it between low and high).",
            "3000.00",
            ("waarde_per_eenheid_laag", "værdi_per_enhed_lav", "verdi_per_enhet_lav"),
        ),
    ] = None
    value_per_unit_high: Annotated[
        Decimal | None,
        Col(
            "money",
            "The highest plausible value per unit.",
            "7000.00",
            ("waarde_per_eenheid_hoog", "værdi_per_enhed_høj", "verdi_per_enhet_høy"),
        ),
    ] = None
    benefit_years: Annotated[
        int | None,
        Col(
            "integer",
            "Over how many years one year's improvement yields benefits (the horizon); "
            "empty: one year.",
            "5",
            ("baatjaren", "gevinstår", "nytteår", "horizon"),
            minimum=Decimal(1),
            maximum=Decimal(50),
        ),
    ] = None
    persistence: Annotated[
        float | None,
        Col(
            "decimal",
            "The share of the effect still there each following year (1 = lasting, "
            "0.5 = halves every year); empty: 1.",
            "0.8",
            ("persistentie", "varighed", "varighet"),
            minimum=Decimal(0),
            maximum=Decimal(1),
        ),
    ] = None


MODELS: dict[Kind, type[Record]] = {
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
    Kind.outcomes: REPLACE_KEYS[Kind.outcomes],
    Kind.indicators: ("indicator",),
}


def _choices(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` type (also inside ``X | None``); () for any other type."""
    if get_origin(annotation) in (Union, UnionType):
        return next((c for a in get_args(annotation) if (c := _choices(a))), ())
    if get_origin(annotation) is Literal:
        return tuple(str(a) for a in get_args(annotation))
    return ()


@dataclass(frozen=True)
class ColumnSpec:
    """One contract column, derived from a model field."""

    name: str
    col: Col
    choices: tuple[str, ...] = ()

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
        specs.append(ColumnSpec(name, meta, _choices(info.annotation)))
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


def template_rows(kind: Kind | str) -> tuple[list[str], list[str]]:
    """Header and one example row for a kind's template."""
    specs = columns(kind)
    return [s.name for s in specs], [s.col.example for s in specs]


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def rules(kind: Kind | str, spec: ColumnSpec) -> str:
    """The rules of one column in words: its range, choices, uniqueness and row rules."""
    kind = Kind(kind)
    col = spec.col
    parts = []
    low = None if col.minimum is None else _number(col.minimum)
    high = None if col.maximum is None else _number(col.maximum)
    prefix = "year " if spec.type == "period" else ""
    if spec.type == "date":  # a date lies in the contract's years (checks.py)
        low, high, prefix = str(FIRST_YEAR), str(LAST_YEAR), "year "
    if low is not None and high is not None:
        parts.append(f"{prefix}{low}–{high}")
    elif low is not None:
        parts.append(f"{prefix}{'>' if col.exclusive_minimum else '≥'} {low}")
    elif high is not None:
        parts.append(f"{prefix}≤ {high}")
    if spec.choices:
        parts.append("one of " + ", ".join(spec.choices))
    if UNIQUE_IN_FILE[kind] == (spec.name,):
        parts.append("unique in the file")
    for rule in ROW_RULES[kind]:
        if spec.name == rule.field or (rule.check == "any_given" and spec.name in rule.columns):
            parts.append(rule.words(spec.name))
    if col.warn_negative:
        parts.append("may be negative (a correction): a warning")
    return "; ".join(parts)


def required_words(kind: Kind | str, spec: ColumnSpec) -> str:
    """'yes', 'no', or the group of columns one of which is required."""
    if spec.required:
        return "yes"
    for rule in ROW_RULES[Kind(kind)]:
        if rule.check == "any_given" and spec.name in rule.columns:
            return "one of " + ", ".join(rule.columns)
    return "no"


def data_dictionary() -> list[dict[str, str]]:
    """One row per contract column: the data dictionary users can download."""
    rows = []
    for kind in Kind:
        for spec in columns(kind):
            rows.append(
                {
                    "kind": kind.value,
                    "column": spec.name,
                    "aliases": ", ".join(spec.aliases),
                    "type": f"{spec.type} ({TYPE_WORDS[spec.type]})"
                    if spec.type in TYPE_WORDS
                    else spec.type,
                    "required": required_words(kind, spec),
                    "default": spec.col.default or "",
                    "rules": rules(kind, spec),
                    "description": spec.col.description,
                    "example": spec.col.example,
                }
            )
    return rows
