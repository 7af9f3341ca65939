"""Translations and locale formats: ``t(key, lang, **values)`` and ``format_*``.

One JSON catalogue per language sits beside this file (``en.json``, ``nl.json``, ...).
Every catalogue holds every key; a test fails when one is missing, and at run time a
missing key raises :class:`KeyError` instead of silently showing another language.
Only an unknown *language code* falls back to English.

The current language of a script run is kept in a context variable (one per thread, so
per Streamlit session run); ``whatworks.ui.page_frame`` sets it, and ``t(key)`` without
``lang`` uses it.
"""

from __future__ import annotations

from whatworks.i18n.catalogue import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    catalogue,
    current_language,
    normalise_language,
    set_language,
    t,
)
from whatworks.i18n.formats import (
    LOCALES,
    format_age,
    format_date,
    format_datetime,
    format_money,
    format_money_short,
    format_number,
    format_percent,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LOCALES",
    "catalogue",
    "current_language",
    "format_age",
    "format_date",
    "format_datetime",
    "format_money",
    "format_money_short",
    "format_number",
    "format_percent",
    "normalise_language",
    "set_language",
    "t",
]
