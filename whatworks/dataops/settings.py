"""The settings on the Data page's terms: labelled in a language, saved by an analyst.

What the settings are, their rules and defaults: :mod:`whatworks.settings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
from babel.dates import get_month_names
from babel.numbers import get_currency_name, list_currencies

from whatworks import store
from whatworks.dataops.changes import Actor, require_analyst
from whatworks.i18n import LOCALES
from whatworks.settings import Settings, wrong_fields


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


def settings_problems(values: Mapping[str, Any]) -> tuple[Settings | None, list[str]]:
    """Validated settings, or the names of the fields that are wrong."""
    wrong = wrong_fields(values)
    return (None, wrong) if wrong else (Settings.checked(values), [])


def current_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """The saved settings (defaults for what is not saved)."""
    return store.settings_at(con)


def save_settings(db: Path, actor: Actor, settings: Settings) -> None:
    """Save the settings (analysts only)."""
    require_analyst(actor, "change settings")
    store.save_settings(db, settings.to_store(), actor.name or None)
