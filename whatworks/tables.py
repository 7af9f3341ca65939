"""Tables for reading: every number in a shown table through our locale functions.

Streamlit's own number formats follow the *browser's* locale and cut digits instead of
rounding (a Dutch view on an English browser showed ``€4,620,556`` and ``0.3``). A table a
page shows therefore holds text made by the same words the sentences and tiles use
(:mod:`whatworks.narrative.words`), so one figure reads the same on every view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import pandas as pd

from whatworks.charts.effects.bubble_table import TABLE_KINDS
from whatworks.i18n import format_number
from whatworks.narrative import words

Formatter = Callable[[Any, str | None, str | None], str]


def _money(value: Any, currency: str | None, lang: str | None) -> str:
    return words.money(Decimal(str(value)), currency, lang)


def _percent(value: Any, _currency: str | None, lang: str | None) -> str:
    return words.percent(float(value), lang)


def _signed_percent(value: Any, _currency: str | None, lang: str | None) -> str:
    return words.signed_percent(float(value), lang)


def _number(value: Any, _currency: str | None, lang: str | None) -> str:
    return words.number(float(value), lang)


def _fine_number(value: Any, _currency: str | None, lang: str | None) -> str:
    return words.fine_number(float(value), lang)


def _ratio(value: Any, _currency: str | None, lang: str | None) -> str:
    return format_number(float(value), lang, decimals=2)  # as in a benefit-cost ratio's words


def _integer(value: Any, _currency: str | None, lang: str | None) -> str:
    return format_number(int(value), lang)


# A column kind (as the chart modules name them) -> how its cells are written.
KIND_FORMATS: Final[dict[str, Formatter]] = {
    "money": _money,
    "percent": _percent,
    "signed_percent": _signed_percent,
    "number": _number,
    "fine_number": _fine_number,
    "ratio": _ratio,
    "integer": _integer,
}


def display_table(
    table: pd.DataFrame,
    kinds: Mapping[str, str],
    currency: str | None,
    lang: str | None = None,
) -> pd.DataFrame:
    """``table`` with each column of a numeric kind (by header) written as locale text.

    Unknown values stay missing (the table's placeholder shows them); text columns and
    columns without a kind are left as they are.
    """
    shown = table.copy()
    for header, kind in kinds.items():
        write = KIND_FORMATS.get(kind)
        if write is None or header not in shown.columns:
            continue
        column = table[header]
        cells = [None if pd.isna(v) else write(v, currency, lang) for v in column]
        shown[header] = pd.Series(cells, index=table.index, dtype="object")
    return shown


# The Spend vs effect table's columns (keys of the chart module's TABLE_KINDS) written as
# the Intervention view writes them: the relative effect with its sign, the small ones finely.
SPEND_VS_EFFECT_WORDS: Final[dict[str, str]] = {
    "relative": "signed_percent",
    "breakeven": "fine_number",
    "mde": "fine_number",
}


def spend_vs_effect(
    table: pd.DataFrame, kinds: Mapping[str, str], currency: str | None, lang: str | None = None
) -> pd.DataFrame:
    """The Spend vs effect table (headers and kinds as the chart module makes them), as text."""
    headers = dict(zip(TABLE_KINDS, table.columns, strict=True))
    words_kinds = {headers[k]: kind for k, kind in SPEND_VS_EFFECT_WORDS.items()}
    return display_table(table, {**kinds, **words_kinds}, currency, lang)


def orders(kinds: Mapping[str, str]) -> list[str]:
    """The orders a table offers, as ``column:high``, ``column:low`` or ``column:az``: each
    number column high to low and low to high, each text column A to Z. (The browser's
    header sort compares the formatted text, so "€ 10 mln" came before "€ 9 mln".)"""
    choices: list[str] = []
    for column, kind in kinds.items():
        choices += [f"{column}:az"] if kind == "text" else [f"{column}:high", f"{column}:low"]
    return choices


def ordered(table: pd.DataFrame, order: str, kinds: Mapping[str, str]) -> pd.DataFrame:
    """The table's rows in one of :func:`orders` (``kinds`` and ``table`` share column
    names): numbers as numbers, unknown values last, ties in their first order."""
    column, _, direction = order.rpartition(":")
    if column not in table.columns:
        return table
    if kinds.get(column) == "text":
        keys = table[column].astype("string").str.casefold()
    else:
        keys = pd.to_numeric(table[column], errors="coerce")
    position = keys.sort_values(ascending=direction != "high", na_position="last", kind="stable")
    return table.loc[position.index]


__all__ = [
    "KIND_FORMATS",
    "SPEND_VS_EFFECT_WORDS",
    "display_table",
    "ordered",
    "orders",
    "spend_vs_effect",
]
