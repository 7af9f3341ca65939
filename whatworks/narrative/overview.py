"""The words of the Overview: its generated sentences (works and not measured first), the
headline tiles, the interventions per stage, which programme leads on works and on not
measured, external evidence beside local measurement, and the look-here-next items.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from whatworks.narrative.words import bcr_words, money, percent


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


__all__ = [
    "Tile",
    "evidence_sentence",
    "kpi_tiles",
    "overview_sentences",
    "overview_text",
    "programme_sentence",
    "spend_item",
    "stage_line",
    "value_item",
]
