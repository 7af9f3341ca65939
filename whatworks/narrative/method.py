"""How an effect was made, what it is worth and what it would take to know, in plain words.

For the Intervention view's "How was this computed?": one sentence per design with its
formula, the periods used before and after the start, where the uncertainty comes from, the
strength of evidence with its reasons (one less for a single period after the start, one
more for parallel trends before it), and the prior beside the local and combined estimate.
Then the value for money (break-even effect, pays off, and for a causal design the extra
successes and cost per success; an effect of strength 1 gets "cause unknown, so no
benefit-cost figure") and what it would take to know: the smallest detectable effect today,
for before/after something to compare with, the participants or periods needed to detect
the target, and a pilot plan (scale up when the interval's low end is above the
target, stop when its high end is below it). Figures come from :mod:`whatworks.analytics`;
nothing is recomputed here.
"""

from __future__ import annotations

from whatworks.analytics import CostBenefit, Effect, InterventionFigures
from whatworks.analytics.effects import BASE_STRENGTH, MIN_PRE_TREND_PERIODS, TREND_BONUS
from whatworks.i18n import t
from whatworks.narrative.effect import amount, not_measured_reason, signed_amount
from whatworks.narrative.intervention import cost_benefit_reason
from whatworks.narrative.words import chance, count, money, number, strength_text


def design_sentence(e: Effect, lang: str | None = None) -> str:
    """The design in one plain sentence with its formula (why not measured, for none)."""
    if e.method == "none":
        return not_measured_reason(e, lang)
    if e.method == "before_after":
        source = e.baseline_source or "before_mean"
        baseline = number(e.baseline, lang) if e.baseline is not None else "?"
        return t(f"how.before_after_{source}", lang, baseline=baseline)
    if e.method == "peers_diff_in_diff":
        return t("how.peers_diff_in_diff", lang, peers=", ".join(e.peers))
    if e.method == "randomised" and e.pre_periods:  # the chance gap at baseline taken off
        return t("how.randomised_pre", lang)
    return t(f"how.{e.method}", lang)


def strength_sentence(e: Effect, lang: str | None = None) -> str:
    """The strength of evidence and why: the design's start, then each step up or down."""
    reasons: list[str] = []
    if e.uncertainty == "unknown":
        reasons.append(t("strength.reason_unknown", lang))
    else:
        base = BASE_STRENGTH[e.method]
        reasons.append(t("strength.reason_base", lang, n=base))
        bonus = 0
        if e.method in TREND_BONUS and e.parallel_trends is None:
            reasons.append(t("strength.reason_few_pre", lang, k=MIN_PRE_TREND_PERIODS))
        elif e.method in TREND_BONUS:
            bonus = int(bool(e.parallel_trends))
            key = "parallel" if e.parallel_trends else "not_parallel"
            reasons.append(t(f"strength.reason_{key}", lang, k=len(e.pre_periods)))
        if len(e.periods) == 1:
            reasons.append(t("strength.reason_single_period", lang))
            if base + bonus - 1 < 1:
                reasons.append(t("strength.reason_floor", lang))
    head = t("strength.explained", lang, strength=strength_text(e.strength, lang))
    return " ".join([head, *reasons])


def prior_sentences(
    e: Effect, f: InterventionFigures | None = None, lang: str | None = None
) -> list[str]:
    """What was expected, what was measured and both combined, with the chances; [] without."""
    if e.prior is None or e.effect is None:
        return []
    pr, unit = e.prior, e.unit
    out = [
        t(
            "how.prior",
            lang,
            expected=signed_amount(pr.expected, unit, lang),
            expected_se=amount(pr.expected_se, unit, lang, fine=True),
            local=signed_amount(e.effect, unit, lang),
            combined=signed_amount(pr.combined, unit, lang),
            combined_se=amount(pr.combined_se, unit, lang, fine=True),
        ),
        t("how.chance_positive", lang, p=chance(e.probability_above(0.0), lang)),
    ]
    above = f.cost_benefit.p_effect_above_breakeven if f is not None else None
    if above is not None:
        out.append(t("how.chance_breakeven", lang, p=chance(above, lang)))
    return out


def how_computed(
    e: Effect | None, f: InterventionFigures | None = None, lang: str | None = None
) -> list[str]:
    """The design, periods, direction, uncertainty, strength and prior: one line each."""
    if e is None:
        return [t("intervention.how_unknown", lang)]
    out = [design_sentence(e, lang)]
    if e.method == "none":
        return out
    out.append(t("how.periods_after", lang, periods=", ".join(e.periods)))
    if e.pre_periods:
        out.append(t("how.periods_before", lang, periods=", ".join(e.pre_periods)))
    if e.indicator is not None:
        direction = "lower" if e.direction < 0 else "higher"
        out.append(t(f"intervention.how_{direction}_is_better", lang))
    uncertainty = t(f"how.uncertainty_{e.uncertainty}", lang)
    if e.comparison_exact:
        uncertainty += " " + t("how.comparison_exact", lang)
    out.append(uncertainty)
    out.append(strength_sentence(e, lang))
    out += prior_sentences(e, f, lang)
    return out


def pays_off_key(e: Effect | None, cb: CostBenefit) -> str:
    """``cause_unknown`` for an effect of strength 1 (the design cannot say what caused it)
    that has a break-even effect, else ``cb.pays_off``."""
    if e is not None and e.strength == 1 and cb.breakeven_effect is not None:
        return "cause_unknown"
    return cb.pays_off


def value_for_money(
    f: InterventionFigures | None,
    e: Effect | None,
    reason: str | None,
    year: int,
    lang: str | None = None,
) -> list[str]:
    """Break-even effect, whether it pays off, extra successes and their cost.

    ``reason``: why the benefit-cost figures are not known (for "pays off: not known").
    """
    cb = f.cost_benefit if f is not None else CostBenefit()
    unit = e.unit if e is not None else None
    out = []
    if cb.breakeven_effect is not None and f is not None:
        out.append(
            t(
                "cb.breakeven",
                lang,
                effect=amount(cb.breakeven_effect, unit, lang, fine=True),
                year=year,
                spend=money(f.actual, f.currency, lang),
            )
        )
    key = pays_off_key(e, cb)
    if key == "unknown":
        out.append(t("cb.pays_off.unknown", lang, reason=reason or t("effects.unknown", lang)))
    else:
        out.append(t(f"cb.pays_off.{key}", lang))
    causal = e is not None and e.causal  # extra successes are a causal claim
    successes, per_success = cb.extra_successes, cb.cost_per_success
    if causal and successes is not None and per_success is not None and f is not None:
        out.append(
            t(
                "cb.successes",
                lang,
                n=number(successes, lang),
                cost=money(per_success, f.currency, lang),
            )
        )
    if e is not None and e.prior is None and cb.p_effect_above_breakeven is not None:
        out.append(t("how.chance_breakeven", lang, p=chance(cb.p_effect_above_breakeven, lang)))
    return out


def effect_sections(
    e: Effect | None, f: InterventionFigures | None, year: int, lang: str | None = None
) -> list[tuple[str, list[str]]]:
    """The Intervention view's sections under the effect: value for money, then what it would
    take to know, each a title and its lines; a section without lines is left out."""
    reason = cost_benefit_reason(f, e, year, lang)
    sections = [
        (t("cb.title", lang), value_for_money(f, e, reason, year, lang)),
        (t("know.title", lang), what_it_takes(e, f, lang)),
    ]
    return [(title, lines) for title, lines in sections if lines]


def target_words(cb: CostBenefit, unit: str | None, lang: str | None = None) -> str | None:
    """The effect a pilot should detect: the break-even effect, else the expected effect."""
    if cb.target_effect is None:
        return None
    size = amount(cb.target_effect, unit, lang, fine=True)
    kind = "breakeven" if cb.target_effect == cb.breakeven_effect else "expected"
    return t(f"know.target_{kind}", lang, target=size)


def what_it_takes(
    e: Effect | None, f: InterventionFigures | None, lang: str | None = None
) -> list[str]:
    """The smallest detectable effect today, what detecting the target needs, a pilot plan."""
    if e is None or not e.measured:
        return []
    mde = e.mde
    if mde is None:
        return [t("know.mde_unknown", lang)]
    out = [t("know.mde", lang, mde=amount(mde, e.unit, lang, fine=True))]
    if e.method == "before_after":
        out.append(t("know.need_comparison", lang))
    cb = f.cost_benefit if f is not None else CostBenefit()
    target = target_words(cb, e.unit, lang)
    if target is None or cb.target_effect is None:
        return [*out, t("know.no_target", lang)]
    if cb.pays_off in ("yes", "no"):  # the interval already lies on one side of the target
        return [*out, t(f"know.settled_{cb.pays_off}", lang, target=target)]
    if mde <= cb.target_effect:
        enough = e.method != "before_after"  # the design, not the sample, is what is missing
        return [*out, t("know.enough", lang, target=target)] if enough else out
    people, periods = needed_words(cb, lang)
    if people is not None and periods is not None:
        out.append(t("know.needed_both", lang, target=target, participants=people, periods=periods))
    elif people is not None:
        out.append(t("know.needed_participants", lang, target=target, participants=people))
    elif periods is not None:
        out.append(t("know.needed_periods", lang, target=target, periods=periods))
    if periods is not None:
        size = amount(cb.target_effect, e.unit, lang, fine=True)
        if people is not None:
            out.append(t("know.pilot", lang, participants=people, periods=periods, target=size))
        else:
            out.append(t("know.pilot_periods", lang, periods=periods, target=size))
    return out


def needed_words(cb: CostBenefit, lang: str | None = None) -> tuple[str | None, str | None]:
    """The participants and the periods needed, counted in words ("1 period", "5 periods")."""
    people, periods = cb.participants_needed, cb.periods_needed
    return (
        count("count.participants", people, lang) if people is not None else None,
        count("count.periods", periods, lang) if periods is not None else None,
    )


__all__ = [
    "design_sentence",
    "effect_sections",
    "how_computed",
    "needed_words",
    "pays_off_key",
    "prior_sentences",
    "strength_sentence",
    "target_words",
    "value_for_money",
    "what_it_takes",
]
