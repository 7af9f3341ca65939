"""The settings an analyst can change (home municipality, currency, language, first month
of the fiscal year): validated with pydantic, labelled in a language, saved by an analyst.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import duckdb
from babel.dates import get_month_names
from babel.numbers import get_currency_name, list_currencies
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from whatworks import store
from whatworks.dataops.changes import Actor, require_analyst
from whatworks.i18n import LANGUAGES, LOCALES

SettingField = Literal["home_municipality", "default_currency", "language", "fiscal_year_start"]


def currencies() -> list[str]:
    """ISO 4217 codes: the ones our users have first, then every other, alphabetically."""
    first = ["EUR", "DKK", "NOK", "SEK", "GBP", "USD"]
    return first + sorted(set(list_currencies()) - set(first))


def currency_label(code: str, lang: str) -> str:
    """``EUR — euro`` in ``lang``."""
    try:
        name = get_currency_name(code, locale=LOCALES[lang])
    except (KeyError, ValueError):
        return code
    return f"{code} — {name}" if name and name != code else code


def month_name(month: int, lang: str) -> str:
    """The month's name in ``lang`` (``april``, ``april``, ``april``, ``April``)."""
    return str(get_month_names("wide", locale=LOCALES[lang])[month])


class Settings(BaseModel):
    """The settings an analyst can change (``store.SETTINGS_KEYS``), validated."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    home_municipality: str = Field(default="", max_length=200)
    default_currency: str = "EUR"
    language: str = "en"
    fiscal_year_start: int = Field(default=1, ge=1, le=12)

    @field_validator("default_currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        code = value.strip().upper()
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
        """The values as the settings table keeps them (text)."""
        return {name: str(value) for name, value in self.model_dump().items()}


def settings_problems(values: Mapping[str, Any]) -> tuple[Settings | None, list[str]]:
    """Validated settings, or the names of the fields that are wrong."""
    try:
        return Settings.model_validate(dict(values)), []
    except ValidationError as exc:
        return None, sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})


def current_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """The saved settings (defaults for what is not saved)."""
    return Settings.from_store(store.settings(con))


def municipalities(con: duckdb.DuckDBPyConnection, version: int) -> list[str]:
    """Municipalities named in the budget and outcome rows at ``version``."""
    return [str(r[0]) for r in store.run(con, "municipalities", {"version": version}).fetchall()]


def save_settings(db: Path, actor: Actor, settings: Settings) -> None:
    """Save the settings (analysts only)."""
    require_analyst(actor, "change settings")
    store.save_settings(db, settings.to_store())
