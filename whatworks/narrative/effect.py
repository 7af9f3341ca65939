"""One effect in plain words: the indicator, the size of the effect against what it was
measured against (a comparison group, the peer municipalities, or the baseline), its relative
size, its likely range (unknown uncertainty is said, never hidden), the method (before/after
is always "no comparison group"), the class with its strength of evidence, and why an
intervention has no effect figure.
"""

from __future__ import annotations

from typing import Final

from whatworks.analytics import Effect
from whatworks.i18n import format_date, t
from whatworks.narrative.words import fine_number, number, signed_percent, strength_text

# What each design measures the effect against (the ``effects.*_<against>`` keys).
AGAINST: Final[dict[str, str]] = {
    "randomised": "comparison",
    "diff_in_diff": "comparison",
    "comparison_after": "comparison",
    "peers_diff_in_diff": "peers",
    "before_after": "baseline",
    "none": "baseline",
}


def indicator_name(code: str | None, lang: str | None = None) -> str:
    """An indicator code in words: ``school_dropout_rate`` -> "School dropout rate"."""
    if not code:
        return t("effects.no_indicator_short", lang)
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def amount(value: float, unit: str | None, lang: str | None = None, *, fine: bool = False) -> str:
    """A size of effect with its unit; a change in a % indicator is in percentage points.

    ``fine``: small sizes (a break-even effect, the smallest detectable effect) keep two
    significant decimals instead of rounding to 0.0.
    """
    n = (fine_number if fine else number)(abs(value), lang)
    if unit == "%":
        return t("effects.points", lang, n=n)
    return f"{n} {unit}" if unit else n


def signed_amount(value: float, unit: str | None, lang: str | None = None) -> str:
    """A size of effect with its sign (+ is better): ``+6.9 percentage points``."""
    text = amount(value, unit, lang, fine=True)
    return ("+" if value > 0 else "-" if value < 0 else "") + text


def effect_phrase(e: Effect, lang: str | None = None) -> str:
    """The effect in words against what it was measured against ("… better than …")."""
    if e.effect is None:
        return t(f"effect.{e.effect_class}", lang)
    against = AGAINST[e.method]
    if e.effect > 0:
        return t(f"effects.better_{against}", lang, amount=amount(e.effect, e.unit, lang))
    if e.effect < 0:
        return t(f"effects.worse_{against}", lang, amount=amount(e.effect, e.unit, lang))
    return t(f"effects.same_{against}", lang)


def relative_phrase(e: Effect, lang: str | None = None) -> str:
    """The standardised effect: the effect as a share of the comparison value or baseline."""
    if e.relative_effect is None:
        return t("effects.relative_unknown", lang)
    against = AGAINST[e.method]
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


def class_label(effect_class: str, lang: str | None = None) -> str:
    """The class in words ("Shown to work", "Improved, cause unknown", ...)."""
    return t(f"effect.{effect_class}", lang)


def class_help(effect_class: str, lang: str | None = None) -> str:
    """What the class means, in one sentence a non-specialist understands."""
    return t(f"effect.{effect_class}.help", lang)


def class_with_strength(e: Effect, lang: str | None = None) -> str:
    """The class and, for a measured effect, its strength: "Shown to work (strength … 3 of 5)"."""
    label = class_label(e.effect_class, lang)
    if not e.measured:
        return label
    return t("effect.with_strength", lang, label=label, strength=strength_text(e.strength, lang))


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
    "AGAINST",
    "amount",
    "class_help",
    "class_label",
    "class_with_strength",
    "effect_phrase",
    "effect_sentence",
    "indicator_name",
    "method_words",
    "not_measured_reason",
    "range_phrase",
    "relative_phrase",
    "signed_amount",
]
