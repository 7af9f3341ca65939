"""The words of the effect views (Overview, Spend vs effect, Intervention). No Streamlit.

Every sentence a reader sees about spend and effect is worded here, through ``t()``, from
figures that :mod:`whatworks.analytics` computed (nothing is recomputed here): the overview's
sentences, an effect and its likely range in plain words, the method (method 2 is always
"before/after, no comparison group"), hover texts, the quadrant of the Spend vs effect chart,
why a benefit-cost ratio is not computable, and the rows behind a figure.

``lang=None`` means the language of this script run. Money is short (``€12.4M``) in
sentences and hover texts; shares below 1% keep one decimal so they never read as 0%.
"""

from __future__ import annotations

import html
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal

import pandas as pd

from models import STAGES
from whatworks.analytics import (
    CostBenefit,
    Effect,
    EvidenceSplit,
    InterventionFigures,
    Kpis,
    Overview,
    SentenceData,
    SpendSplit,
    SpendYear,
    Trace,
)
from whatworks.i18n import (
    format_date,
    format_money,
    format_money_short,
    format_number,
    format_percent,
    t,
)

Quadrant = Literal["scale_up", "cheap_working", "review", "stop_redesign"]
QUADRANTS: Final[tuple[Quadrant, ...]] = ("scale_up", "cheap_working", "review", "stop_redesign")
# Characters that Streamlit's markdown would interpret ("$" starts LaTeX).
_MARKDOWN_SPECIAL: Final = "\\`*_{}[]<>()#+-.!|$~:"


# --------------------------------------------------------------------------- numbers


def percent(share: float | None, lang: str | None = None) -> str:
    """A share as a percentage; below 1% (but not 0) with one decimal; None is "unknown"."""
    if share is None:
        return t("effects.unknown", lang)
    if 0 < abs(share) < 0.01:
        return format_percent(share, lang, decimals=1)
    return format_percent(share, lang)


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


def markdown_escape(text: str) -> str:
    """Data shown in markdown (names, owners) without markdown or LaTeX effects."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


# --------------------------------------------------------------------------- overview


def overview_sentences(s: SentenceData, lang: str | None = None) -> list[str]:
    """The overview's generated sentences: works and not measured first, then the rest."""
    if s.total_actual <= 0:
        return [t("overview.sentence_no_spend", lang, year=s.year)]
    cur = s.currency
    out = [
        t(
            "overview.sentence",
            lang,
            year=s.year,
            works=money(s.works.actual, cur, lang),
            works_share=percent(s.works.share, lang),
            not_measured=money(s.not_measured.actual, cur, lang),
            not_measured_share=percent(s.not_measured.share, lang),
        )
    ]
    if s.works_indicative.actual > 0:
        out.append(
            t(
                "overview.sentence_indicative",
                lang,
                amount=money(s.works_indicative.actual, cur, lang),
                share=percent(s.works_indicative.share, lang),
            )
        )
    no_effect = s.no_effect.actual + s.harmful.actual
    if no_effect > 0:
        shares = (s.no_effect.share or 0.0) + (s.harmful.share or 0.0)
        values = {"amount": money(no_effect, cur, lang), "share": percent(shares, lang)}
        if s.harmful.actual > 0:
            harmful = money(s.harmful.actual, cur, lang)
            out.append(t("overview.sentence_no_effect_harmful", lang, harmful=harmful, **values))
        else:
            out.append(t("overview.sentence_no_effect", lang, **values))
    if s.too_early.actual > 0:
        out.append(
            t(
                "overview.sentence_too_early",
                lang,
                amount=money(s.too_early.actual, cur, lang),
                share=percent(s.too_early.share, lang),
            )
        )
    return out


def overview_text(s: SentenceData, lang: str | None = None) -> str:
    """The overview's sentences as one paragraph."""
    return " ".join(overview_sentences(s, lang))


def evidence_sentence(e: EvidenceSplit, lang: str | None = None) -> str:
    """External evidence beside local measurement, in one sentence."""
    return t(
        "overview.evidence_sentence",
        lang,
        external=percent(e.external.share, lang),
        local=percent(e.local_works.share, lang),
        local_incl=percent(e.local_works_incl_indicative.share, lang),
    )


@dataclass(frozen=True)
class Tile:
    """A headline figure: label, value, the line under it and its explanation."""

    label: str
    value: str
    delta: str | None
    help: str


def kpi_tiles(o: Overview, lang: str | None = None) -> list[Tile]:
    """The overview's tiles: total spend, share that works, share not measured, interventions.

    "Works" is shown both ways: strictly (interval above zero) as the value, and including
    indicative results (positive, uncertainty unknown) under it.
    """
    k, cur = o.kpis, o.kpis.currency
    return [
        Tile(
            t("overview.kpi_total", lang, year=k.year),
            money(k.total_actual, cur, lang),
            None,
            t("overview.kpi_total_help", lang, budgeted=money(k.total_budgeted, cur, lang)),
        ),
        Tile(
            t("overview.kpi_works", lang),
            percent(k.works.share, lang),
            t("overview.kpi_works_delta", lang, share=percent(k.works_incl_indicative.share, lang)),
            t(
                "overview.kpi_works_help",
                lang,
                works=money(k.works.actual, cur, lang),
                incl=money(k.works_incl_indicative.actual, cur, lang),
            ),
        ),
        Tile(
            t("overview.kpi_not_measured", lang),
            percent(k.not_measured.share, lang),
            money(k.not_measured.actual, cur, lang),
            t(
                "overview.kpi_not_measured_help",
                lang,
                unattributed=money(o.by_class.unattributed_actual, cur, lang),
            ),
        ),
        Tile(
            t("overview.kpi_interventions", lang),
            format_number(sum(k.interventions_by_stage.values()), lang),
            t("overview.kpi_with_spend", lang, n=k.interventions_with_spend, year=k.year),
            stage_line(k, lang),
        ),
    ]


def stage_line(k: Kpis, lang: str | None = None) -> str:
    """How many interventions the register holds per stage."""
    parts = [
        f"{t(f'stage.{s}', lang)}: {format_number(k.interventions_by_stage[s], lang)}"
        for s in STAGES
    ]
    return " · ".join(parts)


def programme_sentence(split: SpendSplit, lang: str | None = None) -> str:
    """Which programme has the largest share that works, and which the largest not measured."""
    shares = {
        p: (split.by_programme[p]["works"].share, split.by_programme[p]["not_measured"].share)
        for p, total in split.programme_totals.items()
        if total > 0
    }
    if not shares:
        return t("overview.sentence_no_spend", lang, year=split.year)
    works = max(shares, key=lambda p: (shares[p][0] or 0.0, p))
    unmeasured = max(shares, key=lambda p: (shares[p][1] or 0.0, p))
    return t(
        "overview.programme_sentence",
        lang,
        works_programme=works,
        works_share=percent(shares[works][0], lang),
        unmeasured_programme=unmeasured,
        unmeasured_share=percent(shares[unmeasured][1], lang),
    )


def spend_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A look-here-next item: the intervention and its spend."""
    name = f.name or f.intervention_id
    return f"{name}: {money(f.actual, f.currency, lang)}"


def value_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A best-value item: the intervention and what one unit of money brings back."""
    name = f.name or f.intervention_id
    return f"{name}: {bcr_words(f.cost_benefit.bcr, f, lang)}"


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


# --------------------------------------------------------------------------- effects


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


def result_line(e: Effect, lang: str | None = None) -> str:
    """The effect class and the method in one line."""
    label = t(f"effect.{e.effect_class}", lang)
    if e.method == "none":
        return t("intervention.result_only", lang, label=label)
    return t("intervention.result_line", lang, label=label, method=method_words(e, lang))


def no_series_reason(e: Effect, lang: str | None = None) -> str:
    """Why there is no indicator chart: no indicator, or no values of it yet."""
    if e.indicator is None:
        return t("intervention.no_indicator_chart", lang)
    return t("intervention.no_outcomes", lang, indicator=indicator_name(e.indicator, lang))


def how_computed(e: Effect | None, lang: str | None = None) -> str:
    """The method in a few sentences, with the periods and baseline it used."""
    if e is None:
        return t("intervention.how_unknown", lang)
    if e.method == "comparison":
        text = t(
            "intervention.how_comparison",
            lang,
            n=len(e.periods),
            periods=", ".join(e.periods),
        )
    elif e.method == "before_after":
        baseline = number(e.baseline, lang) if e.baseline is not None else "?"
        key = (
            "intervention.how_before_after_column"
            if e.baseline_source == "column"
            else "intervention.how_before_after_before"
        )
        text = t(
            key,
            lang,
            latest=e.latest_period or "?",
            baseline=baseline,
            baseline_period=e.baseline_period or "?",
        )
    else:
        text = not_measured_reason(e, lang)
    if e.indicator is not None:
        direction = "lower" if e.direction < 0 else "higher"
        text += " " + t(f"intervention.how_{direction}_is_better", lang)
    return text


# --------------------------------------------------------------------------- spend vs effect


def median_spend(figures: Iterable[InterventionFigures]) -> Decimal | None:
    """The median actual spend of the interventions given (None when there are none)."""
    spends = [f.actual for f in figures if f.actual is not None]
    return statistics.median(spends) if spends else None


def quadrant(
    spend: Decimal, relative_effect: float, median: Decimal, effect_class: str = "works"
) -> Quadrant:
    """Above or below effect 0, right of the median spend or not (at the median: left).

    An effect counts as above 0 only when it was shown to be (``works``, or positive with
    unknown uncertainty: ``works_indicative``); an effect whose likely range includes 0 counts
    as 0, wherever its point estimate falls.
    """
    high = spend > median
    if relative_effect > 0 and effect_class in ("works", "works_indicative"):
        return "scale_up" if high else "cheap_working"
    return "review" if high else "stop_redesign"


def quadrant_of(f: InterventionFigures, median: Decimal | None) -> Quadrant | None:
    """The quadrant an intervention is placed in; None when it cannot be placed."""
    e = f.effect
    if e is None or e.relative_effect is None or f.actual is None or median is None:
        return None
    return quadrant(f.actual, e.relative_effect, median, f.effect_class)


def quadrant_label(q: Quadrant | None, lang: str | None = None) -> str:
    return t(f"quadrant.{q}", lang) if q else ""


def hover_text(f: InterventionFigures, median: Decimal | None, lang: str | None = None) -> str:
    """What an alderman sees on hovering a bubble (plotly hover: HTML-escaped data)."""
    e = f.effect
    lines = [f.programme]
    lines.append(t("sve.hover_spend", lang, year=f.year, amount=money(f.actual, f.currency, lang)))
    if e is not None and e.effect is not None:
        lines.append(t("sve.hover_indicator", lang, indicator=indicator_name(e.indicator, lang)))
        lines.append(
            t(
                "sve.hover_effect",
                lang,
                effect=effect_phrase(e, lang),
                relative=relative_phrase(e, lang),
            )
        )
        likely = range_phrase(e, lang)
        lines.append(likely[:1].upper() + likely[1:])
        lines.append(t("sve.hover_method", lang, method=method_words(e, lang)))
    lines.append(t("sve.hover_class", lang, label=t(f"effect.{f.effect_class}", lang)))
    evidence = e.evidence_level if e else "none"
    lines.append(t("sve.hover_evidence", lang, label=t(f"evidence.{evidence}", lang)))
    if f.participants is None:
        lines.append(t("sve.hover_reach_unknown", lang))
    else:
        lines.append(t("sve.hover_reach", lang, n=format_number(f.participants, lang)))
    q = quadrant_of(f, median)
    if q is not None:
        lines.append(t("sve.hover_quadrant", lang, label=quadrant_label(q, lang)))
    title = f"<b>{html.escape(f.name or f.intervention_id)}</b>"
    return "<br>".join([title, *(html.escape(line) for line in lines)])


def placed(f: InterventionFigures) -> bool:
    """Whether the bubble chart can place it: a standardised effect and positive spend."""
    e = f.effect
    return e is not None and e.relative_effect is not None and (f.actual or 0) > 0


def chart_sentence(
    figures: Sequence[InterventionFigures], year: int, lang: str | None = None
) -> str:
    """What the bubble chart shows, and how many interventions it cannot place."""
    on_chart = [f for f in figures if placed(f)]
    off = [f for f in figures if not placed(f)]
    median = median_spend(on_chart)
    counts = dict.fromkeys(QUADRANTS, 0)
    for f in on_chart:
        q = quadrant_of(f, median)
        if q is not None:
            counts[q] += 1
    currency = figures[0].currency if figures else None
    off_spend = sum((f.actual or Decimal(0) for f in off), Decimal(0))
    return t(
        "sve.chart_sentence",
        lang,
        year=year,
        placed=len(on_chart),
        scale_up=counts["scale_up"],
        cheap=counts["cheap_working"],
        review=counts["review"],
        stop=counts["stop_redesign"],
        off=len(off),
        off_spend=money(off_spend, currency, lang),
    )


def quadrant_caption(median: Decimal | None, currency: str | None, lang: str | None = None) -> str:
    """How the quadrants are defined, with the median spend."""
    return t("sve.quadrant_caption", lang, median=money(median, currency, lang))


# --------------------------------------------------------------------------- intervention


def cost_benefit_reason(
    f: InterventionFigures | None, e: Effect | None, year: int, lang: str | None = None
) -> str | None:
    """Why the benefit-cost ratio is not computable; None when it is."""
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
    else:
        key = "currency"
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
            percent(chance, lang) if chance is not None else missing,
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
    "QUADRANTS",
    "Quadrant",
    "Tile",
    "amount",
    "bcr_words",
    "budget_sentence",
    "chance_reason",
    "chart_sentence",
    "cost_benefit_note",
    "cost_benefit_reason",
    "cost_benefit_tiles",
    "effect_phrase",
    "effect_sentence",
    "evidence_sentence",
    "header_facts",
    "hover_text",
    "how_computed",
    "indicator_name",
    "indicator_sentence",
    "kpi_tiles",
    "markdown_escape",
    "median_spend",
    "method_words",
    "money",
    "no_series_reason",
    "not_measured_reason",
    "number",
    "overview_sentences",
    "overview_text",
    "percent",
    "placed",
    "programme_sentence",
    "quadrant",
    "quadrant_caption",
    "quadrant_label",
    "quadrant_of",
    "range_phrase",
    "relative_phrase",
    "result_line",
    "signed_percent",
    "spend_item",
    "stage_line",
    "trace_table",
    "value_item",
]
