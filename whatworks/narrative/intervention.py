"""The words of the Intervention view: the header facts, the result line (class, strength,
method), the benefit-cost tiles and why one is not computable, spend against budget, the
latest value of the indicator, and the stored rows behind the figure. How the figure was
computed and what it would take to know are in :mod:`.method`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from whatworks.analytics import CostBenefit, Effect, InterventionFigures, SpendYear, Trace
from whatworks.i18n import format_date, format_number, t
from whatworks.narrative.effect import class_help, indicator_name, method_words
from whatworks.narrative.words import bcr_words, money, number, strength_text
from whatworks.narrative.words import chance as chance_words


def result_line(e: Effect, lang: str | None = None) -> str:
    """The effect class, its strength of evidence and the method in one line, then what the
    class means."""
    label = t(f"effect.{e.effect_class}", lang)
    if e.method == "none":
        text = t("intervention.result_only", lang, label=label)
    else:
        text = t(
            "intervention.result_line",
            lang,
            label=label,
            strength=strength_text(e.strength, lang),
            method=method_words(e, lang),
        )
    return text + " " + class_help(e.effect_class, lang)


def no_series_reason(e: Effect, lang: str | None = None) -> str:
    """Why there is no indicator chart: no indicator, or no values of it yet."""
    if e.indicator is None:
        return t("intervention.no_indicator_chart", lang)
    return t("intervention.no_outcomes", lang, indicator=indicator_name(e.indicator, lang))


def cost_benefit_reason(
    f: InterventionFigures | None, e: Effect | None, year: int, lang: str | None = None
) -> str | None:
    """Why the benefit-cost ratio is not computable; None when it is.

    Missing inputs first; with every input there, an effect of unknown uncertainty has no ratio
    because it cannot be weighed, and one of strength 1 (before/after, or a single period after
    the start) because the design cannot say what the intervention caused.
    """
    if f is not None and f.cost_benefit.bcr is not None:
        return None
    if e is None or e.effect is None:
        key = "no_effect"
    elif e.participants is None:
        key = "no_participants"
    elif e.value_per_unit is None:
        key = "no_value"
    elif f is None or f.actual is None or f.actual <= 0:
        key = "no_spend"
    elif f.cost_benefit.breakeven_effect is None:
        key = "currency"
    elif e.strength == 0:
        key = "uncertainty_unknown"
    else:
        key = "cause_unknown"
    return t(f"intervention.bcr_reason_{key}", lang, year=year)


def cost_benefit_tiles(
    f: InterventionFigures | None, year: int, lang: str | None = None
) -> list[tuple[str, str, str | None]]:
    """Label, value and help of the benefit-cost tiles: ratio, net benefit, chance.

    None when the ratio is not computable (then :func:`cost_benefit_note` says why, once,
    instead of three tiles saying "not computable").
    """
    cb = f.cost_benefit if f else CostBenefit()
    if f is None or cb.bcr is None or cb.net_benefit is None:
        return []
    missing = t("intervention.not_computable", lang)
    ratio = format_number(cb.bcr, lang, decimals=2)
    net = money(cb.net_benefit, f.currency, lang)
    chance = cb.p_benefit_exceeds_cost
    return [
        (
            t("intervention.bcr", lang, year=year),
            ratio,
            t("intervention.bcr_help", lang, year=year),
        ),
        (t("intervention.net_benefit", lang, year=year), net, None),
        (
            t("intervention.chance", lang),
            chance_words(chance, lang) if chance is not None else missing,
            None,
        ),
    ]


def cost_benefit_note(
    f: InterventionFigures | None, e: Effect | None, year: int, lang: str | None = None
) -> str:
    """Why a tile says "not computable" (the ratio's reason first), else the ratio in words."""
    reason = cost_benefit_reason(f, e, year, lang)
    if reason:
        return t("intervention.bcr_not_computable", lang, year=year, reason=reason)
    reason = chance_reason(f, lang)
    if reason:
        return t("intervention.not_computable_why", lang, reason=reason)
    assert f is not None  # no reason: the ratio is known
    return t("intervention.bcr_meaning", lang, words=bcr_words(f.cost_benefit.bcr, f, lang))


def chance_reason(f: InterventionFigures | None, lang: str | None = None) -> str | None:
    """Why the chance that benefits exceed costs is not computable; None when it is."""
    if f is None or f.cost_benefit.bcr is None:
        return t("intervention.chance_reason_no_bcr", lang)
    if f.cost_benefit.p_benefit_exceeds_cost is None:
        return t("intervention.chance_reason_no_range", lang)
    return None


def header_facts(tr: Trace, lang: str | None = None) -> list[tuple[str, str]]:
    """Label and value of the Intervention header: programme, stage, evidence, owner, indicator."""
    register: dict[str, Any] = next((r.values for r in tr.rows if r.source == "programmes"), {})
    indicator: dict[str, Any] = next((r.values for r in tr.rows if r.source == "indicators"), {})
    e = tr.effect
    unknown = t("effects.unknown", lang)
    stage = t(f"stage.{e.stage}", lang) if e else unknown
    evidence = t(f"evidence.{e.evidence_level}", lang) if e else unknown
    ind = indicator_name(e.indicator if e else None, lang)
    if e is not None and e.indicator is not None:
        direction = "lower" if e.direction < 0 else "higher"
        ind = t(f"intervention.indicator_{direction}", lang, indicator=ind)
        if indicator.get("description"):
            ind += " — " + str(indicator["description"])
    start = e.start_date if e else None
    return [
        (t("frame.programme", lang), e.programme if e else unknown),
        (t("frame.stage", lang), stage),
        (t("intervention.evidence", lang), evidence),
        (t("intervention.owner", lang), str(register.get("owner") or unknown)),
        (t("intervention.start", lang), format_date(start, lang) if start else unknown),
        (t("intervention.indicator", lang), ind),
    ]


def budget_sentence(spend: Sequence[SpendYear], year: int, lang: str | None = None) -> str:
    """Spend against budget in the chosen year (or the latest year with figures)."""
    known = [s for s in spend if s.year == year] or list(spend[-1:])
    if not known:
        return t("intervention.no_spend", lang)
    s = known[0]
    return t(
        "intervention.spend_sentence",
        lang,
        year=s.year,
        actual=money(s.actual, s.currency, lang),
        budgeted=money(s.budgeted, s.currency, lang),
    )


def indicator_sentence(rows: Sequence[dict[str, Any]], lang: str | None = None) -> str:
    """The latest value of the indicator, beside the comparison group and the target."""
    if not rows:
        return ""
    last = rows[-1]
    parts = [
        t(
            "intervention.latest_value",
            lang,
            period=str(last["period"]),
            value=number(float(last["value"]), lang),
        )
    ]
    if last.get("comparison") is not None:
        comparison = number(float(last["comparison"]), lang)
        parts.append(t("intervention.latest_comparison", lang, value=comparison))
    if last.get("target") is not None:
        parts.append(
            t("intervention.latest_target", lang, value=number(float(last["target"]), lang))
        )
    return " ".join(parts)


def trace_table(tr: Trace, lang: str | None = None) -> pd.DataFrame:
    """The stored rows behind the figure, each with its dataset version and what it was for."""
    records = []
    for row in tr.rows:
        values = "; ".join(f"{k}: {v}" for k, v in row.values.items() if v is not None)
        records.append(
            {
                t("intervention.col_source", lang): t(f"kind.{row.source}", lang),
                t("intervention.col_version", lang): row.valid_from,
                t("intervention.col_used_for", lang): ", ".join(
                    t(f"intervention.used_{u}", lang) for u in row.used_for
                ),
                t("intervention.col_values", lang): values,
            }
        )
    columns = [
        t(f"intervention.col_{c}", lang) for c in ("source", "version", "used_for", "values")
    ]
    return pd.DataFrame(records, columns=columns)


__all__ = [
    "budget_sentence",
    "chance_reason",
    "cost_benefit_note",
    "cost_benefit_reason",
    "cost_benefit_tiles",
    "header_facts",
    "indicator_sentence",
    "no_series_reason",
    "result_line",
    "trace_table",
]
