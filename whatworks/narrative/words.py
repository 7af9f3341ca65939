"""Numbers and money as the effect views write them, and data made safe for markdown.

Money is short (``€12.4M``); without a known currency, the number alone. Shares below 1%
keep one decimal so they never read as 0%; an unknown share or amount reads "unknown".
A benefit-cost ratio reads as money back for every unit spent. The strength of evidence
reads as dots and words (``●●●○○ 3 of 5``), so a screen reader says the number too. A count
of interventions picks the singular or the plural key (``.one`` / ``.other``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

from whatworks.analytics import InterventionFigures
from whatworks.i18n import (
    format_money,
    format_money_short,
    format_number,
    format_percent,
    t,
)

# Characters that Streamlit's markdown would interpret ("$" starts LaTeX).
MAX_STRENGTH: Final = 5


def percent(share: float | None, lang: str | None = None) -> str:
    """A share as a percentage; below 1% (but not 0) with one decimal; None is "unknown"."""
    if share is None:
        return t("effects.unknown", lang)
    if 0 < abs(share) < 0.01:
        return format_percent(share, lang, decimals=1)
    return format_percent(share, lang)


def chance(p: float | None, lang: str | None = None) -> str:
    """A probability as a percentage that never claims certainty: from 99.5% it reads "more
    than 99%", up to 0.5% "less than 1%" (where rounding would say 100% or 0%); None is
    "unknown"."""
    if p is None:
        return t("effects.unknown", lang)
    if p >= 0.995:
        return t("chance.more_than", lang, p=format_percent(0.99, lang))
    if p <= 0.005:
        return t("chance.less_than", lang, p=format_percent(0.01, lang))
    return format_percent(p, lang)


def signed_percent(share: float, lang: str | None = None) -> str:
    """A change as a percentage with its sign: ``+29%``, ``-37%``."""
    text = percent(share, lang)
    return "+" + text if share > 0 else text


def money(amount: Decimal | float | None, currency: str | None, lang: str | None = None) -> str:
    """A short amount (``€12.4M``); without a known currency, the number alone."""
    if amount is None:
        return t("effects.unknown", lang)
    if currency is None:
        return format_number(Decimal(str(amount)), lang, decimals=0)
    return format_money_short(amount, currency, lang)


def number(value: float, lang: str | None = None) -> str:
    """An effect-sized number: one decimal below 100, none above."""
    return format_number(value, lang, decimals=1 if abs(value) < 100 else 0)


def fine_number(value: float, lang: str | None = None) -> str:
    """A number that may be small (a break-even effect, an MDE): two significant decimals
    below 1 (``0.042``), else as :func:`number`."""
    size = abs(value)
    if size == 0 or size >= 1:
        return number(value, lang)
    decimals = min(6, 1 - math.floor(math.log10(size)))
    return format_number(value, lang, decimals=decimals)


def strength_text(strength: int, lang: str | None = None) -> str:
    """The strength of evidence (0-5) as dots and words: ``●●●○○ 3 of 5``."""
    n = max(0, min(MAX_STRENGTH, strength))
    dots = "●" * n + "○" * (MAX_STRENGTH - n)
    return t("strength.value", lang, dots=dots, n=n)


def count(key: str, n: int, lang: str | None = None, **values: object) -> str:
    """``key.one`` for 1, else ``key.other``, with ``n`` (formatted) and ``values`` filled."""
    form = "one" if n == 1 else "other"
    return t(f"{key}.{form}", lang, n=format_number(n, lang), **values)


def bcr_words(bcr: float | None, f: InterventionFigures, lang: str | None = None) -> str:
    """A benefit-cost ratio in words: "€2.27 back for every €1"."""
    if bcr is None:
        return t("effects.unknown", lang)
    if f.currency is None:
        return t("effects.bcr_plain", lang, ratio=format_number(bcr, lang, decimals=2))
    return t(
        "effects.bcr_words",
        lang,
        back=format_money(bcr, f.currency, lang),
        one=format_money_short(1, f.currency, lang),
    )


__all__ = [
    "MAX_STRENGTH",
    "bcr_words",
    "count",
    "fine_number",
    "money",
    "number",
    "percent",
    "signed_percent",
    "strength_text",
]
