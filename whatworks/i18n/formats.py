"""Locale formats for money, numbers, shares, dates and ages, through babel.

``lang`` is one of our language codes; ``None`` means the language of this script run.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_timedelta
from babel.numbers import format_currency, format_decimal, get_currency_symbol

from whatworks.i18n.catalogue import current_language, normalise_language, t

# Our language code -> the babel locale whose conventions we follow.
LOCALES: Final[dict[str, str]] = {
    "en": "en_GB",
    "nl": "nl_NL",
    "da": "da_DK",
    "nb": "nb_NO",
}

Number = Decimal | int | float

_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)
_NBSP = "\u00a0"


def _locale(lang: str | None) -> str:
    return LOCALES[normalise_language(lang) if lang else current_language()]


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _rounded(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` places (babel alone would round half even:
    ``0.285`` to ``28%``), so every view rounds a figure the same way."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_money(amount: Number, currency: str, lang: str | None = None) -> str:
    """A full amount with cents: ``€ 1.234.567,89`` (nl), ``1.234.567,89 kr.`` (da)."""
    return str(format_currency(_decimal(amount), currency, locale=_locale(lang)))


def format_money_short(amount: Number, currency: str, lang: str | None = None) -> str:
    """A compact amount for tiles and sentences: ``€12.4M`` (en), ``€ 12,4 mln`` (nl).

    Below a million the whole amount is shown without cents; from a million on, one
    decimal below 100 units of the scale and none above.
    """
    code = normalise_language(lang) if lang else current_language()
    loc = LOCALES[code]
    value = _decimal(amount)
    magnitude = abs(value)
    if magnitude.quantize(Decimal("1E5"), rounding=ROUND_HALF_UP) < _MILLION:
        number = format_decimal(_rounded(magnitude, 0), format="#,##0", locale=loc)
    else:
        key, scale = ("num.million", _MILLION)
        if magnitude.quantize(Decimal("1E8"), rounding=ROUND_HALF_UP) >= _BILLION:
            key, scale = ("num.billion", _BILLION)
        scaled = magnitude / scale
        step = Decimal("0.1") if scaled < 100 else Decimal(1)
        scaled = scaled.quantize(step, rounding=ROUND_HALF_UP)
        pattern = "#,##0.#" if step < 1 else "#,##0"
        number = t(key, code, n=format_decimal(scaled, format=pattern, locale=loc))
    return _with_currency(number.replace(" ", _NBSP), currency, loc, negative=value < 0)


def _with_currency(number: str, currency: str, loc: str, *, negative: bool) -> str:
    """Put the currency symbol and sign around a formatted number as the locale does."""
    pattern = Locale.parse(loc).currency_formats["standard"]
    side = 1 if negative else 0
    symbol = str(get_currency_symbol(currency, locale=loc))
    prefix = str(pattern.prefix[side]).replace("¤", symbol)
    suffix = str(pattern.suffix[side]).replace("¤", symbol)
    return prefix + number + suffix


def format_number(value: Number, lang: str | None = None, decimals: int | None = None) -> str:
    """A number with the locale's separators; ``decimals`` fixes the fraction digits."""
    if decimals is None:
        return str(format_decimal(_decimal(value), locale=_locale(lang)))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    rounded = _rounded(_decimal(value), decimals)
    return str(format_decimal(rounded, format=pattern, locale=_locale(lang)))


def format_percent(share: Number, lang: str | None = None, decimals: int = 0) -> str:
    """A share (0.384) as a percentage in the locale: ``38%`` (en, nl), ``38 %`` (da, nb)."""
    loc = _locale(lang)
    pattern = Locale.parse(loc).percent_formats[None].pattern.split(";")[0]
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    rounded = _rounded(_decimal(share), decimals + 2)  # the share, so two more places
    return str(format_decimal(rounded, format=pattern, locale=loc))


def format_date(value: dt.date, lang: str | None = None, style: str = "medium") -> str:
    """A date in the locale: ``7 Mar 2025`` (en), ``7 mrt 2025`` (nl)."""
    return str(_babel_date(value, format=style, locale=_locale(lang)))


def format_datetime(value: dt.datetime, lang: str | None = None, style: str = "short") -> str:
    """A date and time in the locale, as given (our timestamps are stored in UTC)."""
    return str(_babel_datetime(value, format=style, tzinfo=dt.UTC, locale=_locale(lang)))


def format_age(age: dt.timedelta, lang: str | None = None) -> str:
    """How long ago: ``3 days ago`` (en), ``3 dagen geleden`` (nl)."""
    past = -max(age, dt.timedelta(seconds=1))
    return str(format_timedelta(past, add_direction=True, locale=_locale(lang)))
