"""The settings an analyst can change: declared once, validated, versioned with the data.

:class:`Settings` is the single declaration: each field is a setting with its type, its rule,
its default and its help text. :data:`SETTINGS` lists them as Datasette does (name, type,
default, help) for the command line and the docs; the store, the Data page's logic, the
Settings page and the command line all validate through this model. No Streamlit here.

The database keeps every setting as text in ``settings_rows`` with the dataset version it
applies from (see ``whatworks.store``); :meth:`Settings.from_store` turns those texts back
into a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal, get_args, get_origin

from babel.numbers import list_currencies
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from whatworks.i18n import LANGUAGES

Country = Literal["NL", "DK", "NO", "UK"]
COUNTRIES: Final[tuple[str, ...]] = get_args(Country)

# The discount rate (per cent a year) of each country's national cost-benefit guidance:
# NL "Rapport Werkgroep Discontovoet 2020" (2.25%), DK Finansministeriet (3.5%),
# NO Finansdepartementet rundskriv R-109 (4%), UK HM Treasury Green Book (3.5%).
NATIONAL_DISCOUNT_RATES: Final[dict[str, Decimal]] = {
    "NL": Decimal("2.25"),
    "DK": Decimal("3.5"),
    "NO": Decimal("4"),
    "UK": Decimal("3.5"),
}


class SettingsError(ValueError):
    """Settings that do not validate; the message names each setting, its value and the rule."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class Settings(BaseModel):
    """Every setting with its type, rule, default and help (the one declaration)."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True, extra="forbid")

    home_municipality: str = Field(
        default="",
        max_length=200,
        description="The municipality of rows that name none, and of every view by default.",
    )
    default_currency: str = Field(
        default="EUR",
        description="ISO 4217 code of amounts in files without a currency column.",
    )
    language: str = Field(
        default="en",
        description="Language for browsers that ask for none of en, nl, da, nb.",
    )
    fiscal_year_start: int = Field(
        default=1, ge=1, le=12, description="Month the financial year starts in (1-12)."
    )
    country: Country = Field(
        default="NL",
        description="Whose national cost-benefit guidance applies: NL, DK, NO or UK.",
    )
    discount_rate: Decimal | None = Field(
        default=None,
        ge=0,
        le=15,
        description=(
            "Discount rate in per cent a year (0-15); empty: the national guidance of "
            "country (NL 2.25, DK 3.5, NO 4, UK 3.5)."
        ),
    )
    benefit_years: int = Field(
        default=1,
        ge=1,
        le=50,
        description="Years a benefit lasts when an indicator gives none (1-50).",
    )

    @field_validator("default_currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        code = value.upper()
        if code not in list_currencies():
            msg = f"{value!r} is not an ISO 4217 currency code"
            raise ValueError(msg)
        return code

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            msg = f"{value!r} is not one of {', '.join(LANGUAGES)}"
            raise ValueError(msg)
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _country_code(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("discount_rate", mode="before")
    @classmethod
    def _percentage(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip().removesuffix("%").strip().replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return value  # pydantic then says it is not a number

    def effective_discount_rate(self) -> float:
        """The discount rate as a fraction a year: the setting, else the country's guidance."""
        rate = self.discount_rate
        if rate is None:
            rate = NATIONAL_DISCOUNT_RATES[self.country]
        return float(rate / 100)

    @classmethod
    def checked(cls, values: Mapping[str, Any]) -> Settings:
        """Validated settings; :class:`SettingsError` names every wrong or unknown setting."""
        unknown = set(values) - set(cls.model_fields)
        if unknown:
            known = ", ".join(cls.model_fields)
            raise SettingsError(
                [f"unknown setting(s): {', '.join(sorted(unknown))}; known: {known}"]
            )
        try:
            return cls.model_validate(dict(values))
        except ValidationError as exc:
            raise SettingsError(problems(exc, values)) from None

    @classmethod
    def from_store(cls, values: Mapping[str, str]) -> Settings:
        """The saved settings; a saved value that does not validate shows as its default."""
        accepted: dict[str, str] = {}
        for name in cls.model_fields:
            if values.get(name) is None:
                continue
            try:
                cls.model_validate({name: values[name]})
            except ValidationError:
                continue
            accepted[name] = values[name]
        return cls.model_validate(accepted)

    def to_store(self) -> dict[str, str]:
        """The values as the settings table keeps them (text; empty for an unset value)."""
        return {name: to_text(value) for name, value in self.model_dump().items()}


def to_text(value: object) -> str:
    """One setting's value as stored: text, empty for None."""
    return "" if value is None else str(value)


def problems(exc: ValidationError, values: Mapping[str, Any]) -> list[str]:
    """One line per wrong setting: ``fiscal_year_start=13: Input should be ...``."""
    out = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        message = str(error["msg"]).removeprefix("Value error, ")
        out.append(f"{name}={values.get(name)!s}: {message}")
    return out


def wrong_fields(values: Mapping[str, Any]) -> list[str]:
    """The names of the settings in ``values`` that do not validate (sorted)."""
    try:
        Settings.model_validate(dict(values))
    except ValidationError as exc:
        return sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
    return []


@dataclass(frozen=True)
class Setting:
    """One setting as the command line and the docs list it (like Datasette's ``SETTINGS``)."""

    name: str
    type: str
    default: str
    help: str


def _type_name(annotation: object) -> str:
    if get_origin(annotation) is Literal:
        return " | ".join(str(a) for a in get_args(annotation))
    names = {str: "text", int: "integer", Decimal: "number"}
    parts = [names.get(a, str(a)) for a in get_args(annotation) if a is not type(None)]
    return f"{' | '.join(parts)} or empty" if parts else names.get(annotation, str(annotation))  # type: ignore[call-overload]


def _declared() -> tuple[Setting, ...]:
    return tuple(
        Setting(name, _type_name(info.annotation), to_text(info.default), info.description or "")
        for name, info in Settings.model_fields.items()
    )


SETTINGS: Final[tuple[Setting, ...]] = _declared()
NAMES: Final[tuple[str, ...]] = tuple(s.name for s in SETTINGS)
