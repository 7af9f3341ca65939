"""The words of the Overview: its generated sentences (shown to work, improved with the cause
unknown, inconclusive and not measured first), the headline tiles, the interventions per
stage, which programme leads on works and on not measured, external evidence beside local
measurement, and the look-here-next items (not measured, to review, can't tell yet with what
it would take to know, best value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from models import STAGES
from whatworks.analytics import (
    EvidenceSplit,
    InterventionFigures,
    Kpis,
    Overview,
    SentenceData,
    SpendSplit,
)
from whatworks.i18n import format_number, t
from whatworks.narrative.effect import amount
from whatworks.narrative.method import needed_words
from whatworks.narrative.words import bcr_words, money, percent

# The classes a to-review item names itself; any other is there because it does not pay off.
REVIEW_CLASSES: Final = ("harmful", "worsened_cause_unknown")


def overview_sentences(s: SentenceData, lang: str | None = None) -> list[str]:
    """The overview's generated sentences: shown to work, improved with the cause unknown,
    inconclusive and not measured first (always, so nothing is hidden by leaving it out), then
    harmful, worsened and too early where they have spend."""
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
            improved=money(s.improved_cause_unknown.actual, cur, lang),
            improved_share=percent(s.improved_cause_unknown.share, lang),
            inconclusive=money(s.inconclusive.actual, cur, lang),
            inconclusive_share=percent(s.inconclusive.share, lang),
            not_measured=money(s.not_measured.actual, cur, lang),
            not_measured_share=percent(s.not_measured.share, lang),
        )
    ]
    for key, part in (
        ("harmful", s.harmful),
        ("worsened", s.worsened_cause_unknown),
        ("too_early", s.too_early),
    ):
        if part.actual > 0:
            out.append(
                t(
                    f"overview.sentence_{key}",
                    lang,
                    amount=money(part.actual, cur, lang),
                    share=percent(part.share, lang),
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
        improved=percent(e.local_improved_cause_unknown.share, lang),
    )


@dataclass(frozen=True)
class Tile:
    """A headline figure: label, value, the line under it and its explanation."""

    label: str
    value: str
    delta: str | None
    help: str


def kpi_tiles(o: Overview, lang: str | None = None) -> list[Tile]:
    """The overview's tiles: total spend; the shares shown to work, improved with the cause
    unknown, inconclusive and not measured (money under each); interventions in the register.

    Only "shown to work" counts as working; improved with the cause unknown is a tile of its
    own, never added to it.
    """
    k, cur = o.kpis, o.kpis.currency
    tiles = [
        Tile(
            t("overview.kpi_total", lang, year=k.year),
            money(k.total_actual, cur, lang),
            None,
            t("overview.kpi_total_help", lang, budgeted=money(k.total_budgeted, cur, lang)),
        )
    ]
    for key, part in (
        ("works", k.works),
        ("improved", k.improved_cause_unknown),
        ("inconclusive", k.inconclusive),
    ):
        amount = money(part.actual, cur, lang)
        tiles.append(
            Tile(
                t(f"overview.kpi_{key}", lang),
                percent(part.share, lang),
                amount,
                t(f"overview.kpi_{key}_help", lang, amount=amount),
            )
        )
    tiles += [
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
    return tiles


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
    # A programme with the "largest" share of nothing is no finding: say there is none.
    parts = [
        t("overview.programme_works", lang, programme=works, share=percent(shares[works][0], lang))
        if (shares[works][0] or 0.0) > 0
        else t("overview.programme_works_none", lang),
        t(
            "overview.programme_unmeasured",
            lang,
            programme=unmeasured,
            share=percent(shares[unmeasured][1], lang),
        )
        if (shares[unmeasured][1] or 0.0) > 0
        else t("overview.programme_unmeasured_none", lang),
    ]
    return " ".join(parts)


def spend_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A look-here-next item: the intervention and its spend."""
    name = f.name or f.intervention_id
    return f"{name}: {money(f.actual, f.currency, lang)}"


def review_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A to-review item: the intervention, its spend, and why (harmful, worsened, or a causal
    estimate that does not pay off)."""
    why = f.effect_class if f.effect_class in REVIEW_CLASSES else "pays_off_no"
    return t(
        f"overview.item_review.{why}",
        lang,
        name=f.name or f.intervention_id,
        spend=money(f.actual, f.currency, lang),
    )


def inconclusive_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A can't-tell-yet item: the spend and what it would take to know (the participants or
    periods needed to detect the target, and the smallest effect detectable today)."""
    e, cb = f.effect, f.cost_benefit
    values = {"name": f.name or f.intervention_id, "spend": money(f.actual, f.currency, lang)}
    mde = e.mde if e is not None else None
    if e is None or mde is None:
        return t("overview.item_inconclusive.unknown", lang, **values)
    values["mde"] = amount(mde, e.unit, lang, fine=True)
    people, periods = needed_words(cb, lang)
    if people is not None:
        values["participants"] = people
    if periods is not None:
        values["periods"] = periods
    key = {
        (True, True): "both",
        (True, False): "participants",
        (False, True): "periods",
        (False, False): "mde",
    }[(people is not None, periods is not None)]
    return t(f"overview.item_inconclusive.{key}", lang, **values)


def value_item(f: InterventionFigures, lang: str | None = None) -> str:
    """A best-value item: the intervention and what one unit of money brings back."""
    name = f.name or f.intervention_id
    return f"{name}: {bcr_words(f.cost_benefit.bcr, f, lang)}"


__all__ = [
    "REVIEW_CLASSES",
    "Tile",
    "evidence_sentence",
    "inconclusive_item",
    "kpi_tiles",
    "overview_sentences",
    "overview_text",
    "programme_sentence",
    "review_item",
    "spend_item",
    "stage_line",
    "value_item",
]
