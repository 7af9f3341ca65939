"""One effect in plain words: the indicator, the size of the effect against what it was
measured against, its relative size, its likely range (unknown uncertainty is said, never
hidden), the method (method 2 is always "before/after, no comparison group"), and why an
intervention has no effect figure.
"""

from __future__ import annotations

from whatworks.analytics import Effect
from whatworks.i18n import format_date, t
from whatworks.narrative.words import number, signed_percent


def indicator_name(code: str | None, lang: str | None = None) -> str:
    """An indicator code in words: ``school_dropout_rate`` -> "School dropout rate"."""
    if not code:
        return t("effects.no_indicator_short", lang)
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def amount(value: float, unit: str | None, lang: str | None = None) -> str:
    """A size of effect with its unit; a change in a % indicator is in percentage points."""
    n = number(abs(value), lang)
    if unit == "%":
        return t("effects.points", lang, n=n)
    return f"{n} {unit}" if unit else n


def effect_phrase(e: Effect, lang: str | None = None) -> str:
    """The effect in words against what it was measured against ("… better than …")."""
    if e.effect is None:
        return t(f"effect.{e.effect_class}", lang)
    against = "comparison" if e.method == "comparison" else "baseline"
    if e.effect > 0:
        return t(f"effects.better_{against}", lang, amount=amount(e.effect, e.unit, lang))
    if e.effect < 0:
        return t(f"effects.worse_{against}", lang, amount=amount(e.effect, e.unit, lang))
    return t(f"effects.same_{against}", lang)


def relative_phrase(e: Effect, lang: str | None = None) -> str:
    """The standardised effect: the effect as a share of the comparison value or baseline."""
    if e.relative_effect is None:
        return t("effects.relative_unknown", lang)
    against = "comparison" if e.method == "comparison" else "baseline"
    return t(f"effects.relative_{against}", lang, share=signed_percent(e.relative_effect, lang))


def range_phrase(e: Effect, lang: str | None = None) -> str:
    """The likely range in words; unknown uncertainty is said, never hidden."""
    if e.low is None or e.high is None:
        return t("effects.range_unknown", lang)
    low, high = e.low, e.high
    if low >= 0:
        return t(
            "effects.range_better",
            lang,
            low=number(low, lang),
            high=amount(high, e.unit, lang),
        )
    if high <= 0:
        return t(
            "effects.range_worse",
            lang,
            low=number(abs(high), lang),
            high=amount(low, e.unit, lang),
        )
    return t(
        "effects.range_both",
        lang,
        worse=amount(low, e.unit, lang),
        better=amount(high, e.unit, lang),
    )


def method_words(e: Effect | None, lang: str | None = None) -> str:
    """The method that made the figure, in words (method 2 never reads as causal)."""
    return t(e.method_label if e else "method.none", lang)


def effect_sentence(e: Effect, lang: str | None = None) -> str:
    """The whole effect in one sentence: indicator, size, relative size, likely range."""
    if e.effect is None:
        return not_measured_reason(e, lang)
    indicator, size = indicator_name(e.indicator, lang), effect_phrase(e, lang)
    return f"{indicator}: {size} ({relative_phrase(e, lang)}); {range_phrase(e, lang)}."


def not_measured_reason(e: Effect, lang: str | None = None) -> str:
    """Why an intervention has no effect figure."""
    if e.indicator is None:
        return t("effects.reason_no_indicator", lang)
    if e.effect_class == "too_early" and e.start_date is not None:
        return t("effects.reason_too_early", lang, date=format_date(e.start_date, lang))
    return t("effects.reason_no_data", lang, indicator=indicator_name(e.indicator, lang))


__all__ = [
    "amount",
    "effect_phrase",
    "effect_sentence",
    "indicator_name",
    "method_words",
    "not_measured_reason",
    "range_phrase",
    "relative_phrase",
]
