"""Catalogues and ``t()``: one JSON file per language beside this module."""

from __future__ import annotations

import json
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any, Final

DEFAULT_LANGUAGE: Final = "en"
LANGUAGES: Final[tuple[str, ...]] = ("en", "nl", "da", "nb")
# Each language by its own name (an endonym reads the same in every language).
LANGUAGE_NAMES: Final[dict[str, str]] = {
    "en": "English",
    "nl": "Nederlands",
    "da": "Dansk",
    "nb": "Norsk bokmål",
}

_current: ContextVar[str] = ContextVar("whatworks_language", default=DEFAULT_LANGUAGE)


def normalise_language(lang: str | None) -> str:
    """A supported language code for ``lang`` (``nl-NL``, ``nb_NO``, ``no`` ...), else English."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.replace("_", "-").split("-")[0].lower()
    if code in ("no", "nn"):  # Norwegian without a written standard, or nynorsk: bokmål
        code = "nb"
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Make ``lang`` the language of this thread's script run; returns the code used."""
    code = normalise_language(lang)
    _current.set(code)
    return code


def current_language() -> str:
    """The language set for this script run (English if none was set)."""
    return _current.get()


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The catalogue of one supported language: ``<lang>.json`` and every ``<lang>.<area>.json``.

    Each area of the app (a view, the data page, ...) keeps its strings in its own file; a key
    defined in two files of one language is an error.
    """
    if lang not in LANGUAGES:
        msg = f"no catalogue for language {lang!r}"
        raise KeyError(msg)
    folder = resources.files("whatworks.i18n")
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name == f"{lang}.json"
        or (entry.name.startswith(f"{lang}.") and entry.name.endswith(".json"))
    )
    data: dict[str, str] = {}
    for name in names:
        part: dict[str, str] = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        twice = data.keys() & part.keys()
        if twice:
            msg = f"{name} defines keys already defined for {lang!r}: {sorted(twice)}"
            raise ValueError(msg)
        data.update(part)
    return data


# The values that carry the number a plural form agrees with, in this order.
COUNT_VALUES: Final = ("count", "n")


def plural_form(number: object) -> str:
    """``"one"`` when ``number`` reads as one (``1``, ``+1``, ``-1``; as an int or as the
    formatted text), else ``"other"``. In en, nl, da and nb only exactly one is singular:
    ``1,0 procentpunt`` is not a thing, ``1,5 procentpunten`` is."""
    text = str(number).strip().lstrip("+-\u2212")
    return "one" if text == "1" else "other"


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """The text for ``key`` in ``lang`` (default: the current language), with values filled.

    A key written in the catalogue as ``key.one`` and ``key.other`` (and not as ``key``) is
    a plural: the form agrees with the ``count`` (or else ``n``) value. Raises ``KeyError``
    when the key is missing from that language's catalogue.
    """
    code = normalise_language(lang) if lang else current_language()
    texts = catalogue(code)
    text = texts.get(key)
    if text is None and f"{key}.other" in texts:
        number = next((values[name] for name in COUNT_VALUES if name in values), None)
        text = texts[f"{key}.{plural_form(number)}"]
    if text is None:
        msg = f"translation key {key!r} is missing from the {code!r} catalogue"
        raise KeyError(msg)
    return text.format(**values) if values else text
