"""The words of the effect views: exact sentences, in English and Dutch, from hand-made figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from models import STAGES
from whatworks import narrative
from whatworks.analytics import (
    EFFECT_CLASSES,
    METHODS,
    CostBenefit,
    Effect,
    EvidenceSplit,
    InterventionFigures,
    Kpis,
    LookHereNext,
    Overview,
    SentenceData,
    Share,
    SpendSplit,
    suggestions,
)
from whatworks.analytics.cost_benefit import PAYS_OFF
from whatworks.analytics.effects import Prior
from whatworks.analytics.portfolio import NOT_SHOWN_TO_WORK
from whatworks.charts import effects as charts
from whatworks.i18n import LANGUAGES, catalogue
from whatworks.narrative.effect import AGAINST

NBSP = "\u00a0"
TOTAL = Decimal(40_000_000)


def share(amount: int) -> Share:
    return Share(Decimal(amount), float(Decimal(amount) / TOTAL))


# In 2025: 15.2M works, 2M improved (cause unknown), 4M inconclusive, 0.2M harmful, 0.2M
# worsened (cause unknown), 10.4M not measured, 8M too early: 40M in all.
SENTENCE = SentenceData(
    year=2025,
    municipality="Eemsdal",
    currency="EUR",
    total_actual=TOTAL,
    works=share(15_200_000),
    improved_cause_unknown=share(2_000_000),
    inconclusive=share(4_000_000),
    harmful=share(200_000),
    worsened_cause_unknown=share(200_000),
    not_measured=share(10_400_000),
    too_early=share(8_000_000),
)

EXPECTED_EN = [
    "In 2025, €15.2M (38%) of spend went to interventions shown to work; €2M (5%) to "
    "interventions that improved since the start, cause unknown; €4M (10%) to interventions "
    "whose effect is inconclusive; and €10.4M (26%) to interventions that are not measured.",
    "€200,000 (0.5%) went to interventions that a comparison shows to be harmful.",
    "€200,000 (0.5%) went to interventions whose results worsened since the start; there is "
    "nothing to compare with, so the cause is unknown.",
    "€8M (20%) went to interventions that started too recently to measure.",
]
EXPECTED_NL = [
    f"In 2025 ging €{NBSP}15,2{NBSP}mln (38%) van de uitgaven naar interventies die aantoonbaar "
    f"werken; €{NBSP}2{NBSP}mln (5%) naar interventies die sinds de start verbeterd zijn, "
    f"oorzaak onbekend; €{NBSP}4{NBSP}mln (10%) naar interventies met een onbeslist effect; en "
    f"€{NBSP}10,4{NBSP}mln (26%) naar interventies die niet gemeten worden.",
    f"€{NBSP}200.000 (0,5%) ging naar interventies die volgens een vergelijking schadelijk zijn.",
    f"€{NBSP}200.000 (0,5%) ging naar interventies waarvan de resultaten sinds de start "
    "verslechterd zijn; er is niets om mee te vergelijken, dus de oorzaak is onbekend.",
    f"€{NBSP}8{NBSP}mln (20%) ging naar interventies die te kort geleden zijn gestart om te meten.",
]


def test_overview_sentences_in_english() -> None:
    assert narrative.overview_sentences(SENTENCE, "en") == EXPECTED_EN
    assert narrative.overview_text(SENTENCE, "en") == " ".join(EXPECTED_EN)


def test_overview_sentences_in_dutch() -> None:
    assert narrative.overview_sentences(SENTENCE, "nl") == EXPECTED_NL


def test_the_first_sentence_names_every_headline_class_even_at_zero() -> None:
    nothing = Share(Decimal(0), 0.0)
    plain = SentenceData(
        year=2024,
        municipality=None,
        currency="EUR",
        total_actual=Decimal(10_000_000),
        works=Share(Decimal(6_000_000), 0.6),
        improved_cause_unknown=nothing,
        inconclusive=Share(Decimal(1_000_000), 0.1),
        harmful=nothing,
        worsened_cause_unknown=nothing,
        not_measured=Share(Decimal(3_000_000), 0.3),
        too_early=nothing,
    )
    assert narrative.overview_sentences(plain, "en") == [
        "In 2024, €6M (60%) of spend went to interventions shown to work; €0 (0%) to "
        "interventions that improved since the start, cause unknown; €1M (10%) to interventions "
        "whose effect is inconclusive; and €3M (30%) to interventions that are not measured.",
    ]


def test_a_year_without_spend_has_one_plain_sentence() -> None:
    nothing = Share(Decimal(0), None)
    empty = SentenceData(2025, None, None, Decimal(0), *([nothing] * 7))
    assert narrative.overview_sentences(empty, "en") == ["No actual spend is recorded for 2025."]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (0.384, "en", "38%"),
        (0.004, "en", "0.4%"),
        (0.004, "nl", "0,4%"),
        (0.0, "en", "0%"),
        (None, "en", "unknown"),
        (None, "nl", "onbekend"),
    ],
)
def test_percent_never_shows_a_small_share_as_zero(
    value: float | None, lang: str, expected: str
) -> None:
    assert narrative.percent(value, lang) == expected


# --------------------------------------------------------------------------- effects


def effect(**changes: Any) -> Effect:
    values: dict[str, Any] = {
        "intervention_id": "YC-01",
        "name": "Family coaching at home",
        "programme": "Youth care",
        "stage": "standard",
        "evidence_level": "effective",
        "start_date": dt.date(2020, 3, 1),
        "indicator": "youth_care_rereferral_rate",
        "unit": "%",
        "participants": 320,
        "value_per_unit": Decimal(300),
        "direction": -1,
        "method": "comparison_after",
        "effect": 6.88,
        "low": 4.38,
        "high": 9.38,
        "strength": 2,
        "uncertainty": "interval",
        "relative_effect": 0.2879,
        "effect_class": "works",
        "periods": ("2021", "2022"),
    }
    return Effect(**(values | changes))


NOT_MEASURED = {
    "method": "none",
    "effect": None,
    "low": None,
    "high": None,
    "relative_effect": None,
    "strength": 0,
    "uncertainty": "unknown",
    "effect_class": "not_measured",
    "periods": (),
}


def test_a_comparison_effect_in_plain_words() -> None:
    assert narrative.effect_sentence(effect(), "en") == (
        "Youth care rereferral rate: 6.9 percentage points better than the comparison group "
        "(+29% relative to the comparison group); likely between 4.4 and 9.4 percentage "
        "points better."
    )
    assert narrative.effect_sentence(effect(), "nl") == (
        "Youth care rereferral rate: 6,9 procentpunt beter dan de vergelijkingsgroep "
        "(+29% ten opzichte van de vergelijkingsgroep); waarschijnlijk tussen 4,4 en 9,4 "
        "procentpunt beter."
    )


def test_each_design_says_what_it_measured_against() -> None:
    for method in ("randomised", "diff_in_diff", "comparison_after"):
        assert narrative.effect_phrase(effect(method=method), "en") == (
            "6.9 percentage points better than the comparison group"
        )
    peers = effect(method="peers_diff_in_diff", peers=("Aby", "Bby"))
    assert narrative.effect_phrase(peers, "en") == (
        "6.9 percentage points better than the peer municipalities"
    )
    assert narrative.relative_phrase(peers, "en") == "+29% relative to the level before the start"
    assert narrative.effect_phrase(effect(method="before_after"), "en") == (
        "6.9 percentage points better than the baseline"
    )


def test_a_harmful_effect_reads_as_worse() -> None:
    harmful = effect(
        effect=-8.87, low=-12.87, high=-4.87, relative_effect=-0.367, effect_class="harmful"
    )
    assert narrative.effect_phrase(harmful, "en") == (
        "8.9 percentage points worse than the comparison group"
    )
    assert narrative.relative_phrase(harmful, "en") == "-37% relative to the comparison group"
    assert narrative.range_phrase(harmful, "en") == (
        "likely between 4.9 and 12.9 percentage points worse"
    )


def test_a_range_across_zero_names_both_sides() -> None:
    unsure = effect(method="before_after", effect=1.2, low=-5.87, high=8.27, unit="days")
    assert narrative.effect_phrase(unsure, "en") == "1.2 days better than the baseline"
    assert narrative.range_phrase(unsure, "en") == (
        "likely between 5.9 days worse and 8.3 days better"
    )


def test_unknown_uncertainty_is_said_and_reads_as_inconclusive() -> None:
    unknown = effect(
        low=None, high=None, strength=0, uncertainty="unknown", effect_class="inconclusive"
    )
    assert narrative.range_phrase(unknown, "en") == "uncertainty unknown, so inconclusive"
    assert narrative.range_phrase(unknown, "nl") == "onzekerheid onbekend, dus onbeslist"


@pytest.mark.parametrize(
    ("strength", "lang", "expected"),
    [
        (0, "en", "○○○○○ 0 of 5"),
        (1, "en", "●○○○○ 1 of 5"),
        (3, "en", "●●●○○ 3 of 5"),
        (5, "en", "●●●●● 5 of 5"),
        (3, "nl", "●●●○○ 3 van 5"),
        (3, "da", "●●●○○ 3 af 5"),
        (3, "nb", "●●●○○ 3 av 5"),
    ],
)
def test_strength_is_dots_and_words(strength: int, lang: str, expected: str) -> None:
    assert narrative.strength_text(strength, lang) == expected


def test_every_class_has_a_label_and_a_plain_explanation() -> None:
    assert [narrative.class_label(c, "en") for c in EFFECT_CLASSES] == [
        "Shown to work",
        "Improved, cause unknown",
        "Inconclusive",
        "Worsened, cause unknown",
        "Harmful",
        "Not measured",
        "Too early to tell",
    ]
    assert narrative.class_help("improved_cause_unknown", "en") == (
        "Results got better since the start, but the data cannot show that the intervention "
        "caused it: there is nothing to compare with, or only one measurement since the start."
    )
    inconclusive = narrative.class_help("inconclusive", "en")
    assert "too few participants or periods" in inconclusive
    assert "stop" not in inconclusive.lower()
    assert "redesign" not in inconclusive.lower()
    worsened = narrative.class_help("worsened_cause_unknown", "en")
    assert "harm" not in worsened  # before/after is never causal
    for lang in LANGUAGES:
        for c in EFFECT_CLASSES:
            assert narrative.class_help(c, lang).endswith(".")


def test_the_class_comes_with_its_strength_when_measured() -> None:
    assert narrative.class_with_strength(effect(), "en") == (
        "Shown to work (strength of evidence ●●○○○ 2 of 5)"
    )
    assert narrative.class_with_strength(effect(**NOT_MEASURED), "en") == "Not measured"


def test_the_result_line_names_class_strength_method_and_meaning() -> None:
    assert narrative.result_line(effect(), "en") == (
        "Result: Shown to work. Strength of evidence: ●●○○○ 2 of 5. Method: Comparison group, "
        "after the start only. A comparison shows that it works: the likely range of its effect "
        "lies entirely on the good side of zero."
    )


def test_before_after_is_never_worded_as_causal() -> None:
    before_after = effect(method="before_after", strength=1, effect_class="improved_cause_unknown")
    assert narrative.method_words(before_after, "en") == "Before/after, no comparison group"
    assert narrative.method_words(before_after, "nl") == "Voor/na, zonder vergelijkingsgroep"
    assert narrative.method_words(effect(), "en") == "Comparison group, after the start only"
    how = narrative.how_computed(
        replace(
            before_after,
            baseline=71.0,
            baseline_source="column",
            periods=("2024", "2025"),
            direction=1,
        ),
        None,
        "en",
    )
    assert how == [
        "There is nothing to compare with: effect = the average after the start − the baseline "
        "71.0 given in the data. A change over time is not proof that the intervention caused "
        "it.",
        "Periods after the start: 2024, 2025.",
        "Higher is better for this indicator.",
        "The likely range (95%) comes from the uncertainty recorded with each value: its "
        "confidence interval, or the number of observations behind a proportion.",
        "Strength of evidence: ●○○○○ 1 of 5. This design starts at 1.",
    ]


def test_difference_in_differences_lists_both_periods_and_the_strength_steps() -> None:
    did = effect(
        method="diff_in_diff",
        periods=("2025",),
        pre_periods=("2021", "2022", "2023"),
        parallel_trends=True,
        strength=3,  # 3, one more for parallel trends, one less for a single period
        comparison_exact=True,
    )
    how = narrative.how_computed(did, None, "en")
    assert how[0].startswith("The comparison group shows what would have happened anyway")
    assert how[0].endswith(
        "effect = (average gap after the start) − (average gap before the start), where gap = "
        "participants − comparison group."
    )
    assert how[1:4] == [
        "Periods after the start: 2025.",
        "Periods before the start: 2021, 2022, 2023.",
        "Lower is better for this indicator, so a fall counts as an improvement.",
    ]
    assert how[4].endswith(
        "The comparison group's values are given as exact (an interval of zero width, as for a "
        "full register without sampling error), so only the participants' uncertainty counts."
    )
    assert how[5] == (
        "Strength of evidence: ●●●○○ 3 of 5. This design starts at 3. One more: before the "
        "start, the gap moved in step over 3 periods (parallel trends). One less: there is only "
        "one period after the start."
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"method": "diff_in_diff", "pre_periods": ("2021", "2022"), "strength": 3},
            "Strength of evidence: ●●●○○ 3 of 5. This design starts at 3. No check of parallel "
            "trends: that needs at least 3 periods before the start.",
        ),
        (
            {
                "method": "peers_diff_in_diff",
                "pre_periods": ("2020", "2021", "2022"),
                "parallel_trends": False,
                "strength": 2,
            },
            "Strength of evidence: ●●○○○ 2 of 5. This design starts at 2. No extra point: before "
            "the start, the gap did not move in step (no parallel trends).",
        ),
        (
            {"method": "before_after", "periods": ("2025",), "strength": 1},
            "Strength of evidence: ●○○○○ 1 of 5. This design starts at 1. One less: there is "
            "only one period after the start. It never goes below 1 while the uncertainty is "
            "known.",
        ),
        (
            {"method": "randomised", "strength": 5},
            "Strength of evidence: ●●●●● 5 of 5. This design starts at 5.",
        ),
        (
            {"uncertainty": "unknown", "low": None, "high": None, "strength": 0},
            "Strength of evidence: ○○○○○ 0 of 5. 0, because the uncertainty is unknown: the "
            "figure cannot be weighed.",
        ),
    ],
)
def test_strength_reasons(changes: dict[str, Any], expected: str) -> None:
    assert narrative.strength_sentence(effect(**changes), "en") == expected


def test_a_randomised_design_says_when_it_takes_off_the_gap_before_the_start() -> None:
    after_only = narrative.design_sentence(effect(method="randomised", strength=5), "en")
    assert after_only == (
        "Participants were assigned to the intervention or to the comparison group by lot, so "
        "the two groups differ only by chance: effect = the average gap after the start, where "
        "gap = participants − comparison group."
    )
    both = effect(method="randomised", strength=5, pre_periods=("2019",))
    assert narrative.design_sentence(both, "en").endswith(
        "the chance gap before the start is taken off too: effect = (average gap after the "
        "start) − (average gap before the start), where gap = participants − comparison group."
    )


def test_peers_are_named_and_a_spread_is_said() -> None:
    peers = effect(
        method="peers_diff_in_diff",
        peers=("Aby", "Bby"),
        uncertainty="spread",
        df=3.0,
        pre_periods=("2019", "2020"),
    )
    how = narrative.how_computed(peers, None, "en")
    assert "peer municipalities that report the same indicator (Aby, Bby)" in how[0]
    assert how[4] == (
        "No uncertainty was recorded with the values, so the likely range (95%) comes from how "
        "much the figures vary from period to period."
    )


def test_the_prior_is_shown_beside_the_local_and_combined_estimate() -> None:
    e = effect(prior=Prior(expected=5.0, expected_se=2.5, combined=6.0, combined_se=1.5))
    f = figures(e, Decimal(691_596), CostBenefit(p_effect_above_breakeven=0.75))
    assert narrative.prior_sentences(e, f, "en") == [
        "Expected beforehand (from a databank or meta-analysis): +5.0 percentage points "
        "(standard error 2.5 percentage points). Measured here: +6.9 percentage points. Both "
        "combined: +6.0 percentage points (standard error 1.5 percentage points).",
        "Chance that the effect is above 0: more than 99%.",  # N(6, 1.5) above 0: 0.99997
        "Chance that the effect is above the break-even effect: 75%.",
    ]
    assert narrative.prior_sentences(effect(), f, "en") == []


def test_not_measured_has_only_its_reason() -> None:
    none = effect(**NOT_MEASURED, indicator=None)
    assert narrative.how_computed(none, None, "en") == [
        "Not measured: the register names no indicator, so nobody has decided what to measure."
    ]
    assert narrative.how_computed(None, None, "en") == [
        "The register does not know this intervention in this data version."
    ]


def test_why_an_intervention_is_not_measured() -> None:
    assert narrative.effect_sentence(effect(**NOT_MEASURED, indicator=None), "en") == (
        "Not measured: the register names no indicator, so nobody has decided what to measure."
    )
    early = effect(**(NOT_MEASURED | {"effect_class": "too_early"}), start_date=dt.date(2025, 9, 1))
    assert narrative.effect_sentence(early, "en") == (
        "Too early to tell: it started on 1 Sept 2025, after the start of the latest period "
        "reported."
    )


# --------------------------------------------------------------------------- value, knowing


def figures(e: Effect | None, actual: Decimal | None, cb: CostBenefit) -> InterventionFigures:
    return InterventionFigures(
        intervention_id="YC-01",
        name="Family coaching at home",
        programme="Youth care",
        in_register=e is not None,
        year=2025,
        currency="EUR",
        budgeted=None,
        actual=actual,
        participants=320,
        spend_per_participant=None,
        effect=e,
        cost_benefit=cb,
    )


BREAKEVEN = CostBenefit(
    pays_off="inconclusive",
    breakeven_effect=4.9,
    annuity=1.0,
    extra_successes=22.016,
    cost_per_success=Decimal("31413.60"),
    p_effect_above_breakeven=0.8,
    target_effect=4.9,
)


def test_value_for_money_of_a_causal_estimate() -> None:
    f = figures(effect(), Decimal(691_596), BREAKEVEN)
    assert narrative.value_for_money(f, f.effect, None, 2025, "en") == [
        "Break-even effect: 4.9 percentage points. At this effect the benefits equal the spend "
        "of 2025 (€691,596).",
        "Pays off: can't tell yet. The likely range includes the break-even effect.",
        "About 22.0 extra successes a year, at €31,414 per extra success.",
        "Chance that the effect is above the break-even effect: 80%.",
    ]
    for pays_off, words in (
        ("yes", "Pays off: yes. The whole likely range lies above the break-even effect."),
        ("no", "Pays off: no. The whole likely range lies below the break-even effect."),
    ):
        g = replace(f, cost_benefit=replace(BREAKEVEN, pays_off=pays_off))
        assert narrative.value_for_money(g, g.effect, None, 2025, "en")[1] == words


def test_a_before_after_effect_has_no_benefit_cost_figure_and_no_extra_successes() -> None:
    e = effect(method="before_after", strength=1, effect_class="improved_cause_unknown")
    f = figures(e, Decimal(691_596), replace(BREAKEVEN, p_effect_above_breakeven=None))
    lines = narrative.value_for_money(f, e, None, 2025, "en")
    assert lines[1] == (
        "Pays off: cause unknown, so no benefit–cost figure. The design cannot say what the "
        "intervention brought about (strength of evidence below 2 of 5)."
    )
    assert len(lines) == 2  # no "extra successes": nothing says the intervention made them
    assert narrative.cost_benefit_reason(f, e, 2025, "en") == (
        "the design cannot say what the intervention caused (strength of evidence below 2 of 5), "
        "so there is no benefit–cost figure"
    )
    # A comparison with a single period after the start is strength 1 too: the same words.
    single = effect(periods=("2025",), strength=1, effect_class="improved_cause_unknown")
    g = replace(f, effect=single)
    assert narrative.value_for_money(g, single, None, 2025, "en")[1] == lines[1]
    assert narrative.cost_benefit_reason(g, single, 2025, "en") == (
        narrative.cost_benefit_reason(f, e, 2025, "en")
    )


def test_pays_off_unknown_says_why() -> None:
    e = effect(value_per_unit=None)
    f = figures(e, Decimal(1), CostBenefit())
    reason = narrative.cost_benefit_reason(f, e, 2025, "en")
    assert narrative.value_for_money(f, e, reason, 2025, "en") == [
        "Pays off: not known, because no value per unit of improvement is known for its indicator."
    ]


def test_what_it_would_take_to_know_an_inconclusive_effect() -> None:
    # interval -4..6 from a normal: se = 10 / (2 x 1.959964) = 2.551067; MDE at 80% power and
    # 5% two-sided = (1.959964 + 0.841621) x 2.551067 = 7.147
    e = effect(effect=1.0, low=-4.0, high=6.0, effect_class="inconclusive")
    cb = replace(BREAKEVEN, participants_needed=680, periods_needed=5)
    assert narrative.what_it_takes(e, figures(e, Decimal(1), cb), "en") == [
        "With today's data, the smallest effect that can be detected reliably (80% of the time) "
        "is 7.1 percentage points.",
        "To detect the break-even effect of 4.9 percentage points would take about 680 "
        "participants, or about 5 periods of data.",
        "Pilot plan: run it with 680 participants and decide after 5 periods. Scale up if the "
        "low end of the likely range is above 4.9 percentage points; stop if its high end is "
        "below 4.9 percentage points; otherwise keep learning.",
    ]
    periods_only = replace(cb, participants_needed=None, target_effect=3.0, breakeven_effect=None)
    assert narrative.what_it_takes(e, figures(e, Decimal(1), periods_only), "en")[1:] == [
        "To detect the expected effect of 3.0 percentage points would take about 5 periods of "
        "data.",
        "Pilot plan: decide after 5 periods. Scale up if the low end of the likely range is "
        "above 3.0 percentage points; stop if its high end is below 3.0 percentage points; "
        "otherwise keep learning.",
    ]


def test_one_participant_and_one_period_are_singular() -> None:
    e = effect(effect=1.0, low=-4.0, high=6.0, effect_class="inconclusive")
    cb = replace(BREAKEVEN, participants_needed=1, periods_needed=1)
    assert narrative.what_it_takes(e, figures(e, Decimal(1), cb), "en")[-1].startswith(
        "Pilot plan: run it with 1 participant and decide after 1 period. "
    )
    assert narrative.inconclusive_item(figures(e, Decimal(1), cb), "nl") == (
        f"Family coaching at home: €{NBSP}1; om het te weten zijn ongeveer 1 deelnemer of 1 "
        "periode nodig (kleinste aantoonbaar effect nu: 7,1 procentpunt)"
    )


def test_what_it_would_take_when_today_is_enough_or_nothing_is_known() -> None:
    # interval 4.38..9.38: se = 5 / 3.919928 = 1.275533, MDE = 2.801585 x 1.275533 = 3.57
    e = effect()
    assert narrative.what_it_takes(e, figures(e, Decimal(1), BREAKEVEN), "en") == [
        "With today's data, the smallest effect that can be detected reliably (80% of the time) "
        "is 3.6 percentage points.",
        "Today's data can already detect the break-even effect of 4.9 percentage points.",
    ]
    assert narrative.what_it_takes(e, figures(e, Decimal(1), CostBenefit()), "en")[1] == (
        "There is no break-even effect and no expected effect, so there is no target to plan a "
        "pilot for: give the indicator a value per unit, or the register an expected effect."
    )
    unknown = effect(low=None, high=None, strength=0, uncertainty="unknown")
    assert narrative.what_it_takes(unknown, None, "en") == [
        "The uncertainty is unknown, so there is no smallest detectable effect: record "
        "confidence intervals or the number of observations with each value."
    ]
    assert narrative.what_it_takes(effect(**NOT_MEASURED), None, "en") == []


def test_before_after_needs_something_to_compare_with_not_more_participants() -> None:
    e = effect(method="before_after", strength=1, effect_class="improved_cause_unknown")
    lines = narrative.what_it_takes(e, figures(e, Decimal(1), BREAKEVEN), "en")
    assert lines == [
        "With today's data, the smallest effect that can be detected reliably (80% of the time) "
        "is 3.6 percentage points.",
        "To know whether the intervention caused the change takes something to compare with: a "
        "comparison group, or peer municipalities that report the same indicator before and "
        "after the start.",
    ]


# --------------------------------------------------------------------------- quadrants, money


@pytest.mark.parametrize(
    ("spend", "effect_class", "pays_off", "expected"),
    [
        (Decimal(900), "works", "unknown", "scale_up"),
        (Decimal(100), "works", "yes", "cheap_working"),
        (Decimal(500), "works", "unknown", "cheap_working"),  # at the median: not above it
        (Decimal(900), "works", "no", "review_stop"),  # works, but does not pay off
        (Decimal(900), "harmful", "unknown", "review_stop"),
        (Decimal(100), "worsened_cause_unknown", "unknown", "review_stop"),
        (Decimal(900), "inconclusive", "inconclusive", "learn_more"),  # never "stop"
        (Decimal(100), "inconclusive", "unknown", "learn_more"),
        (Decimal(100), "inconclusive", "no", "review_stop"),  # its whole range below e*
        (Decimal(900), "improved_cause_unknown", "inconclusive", "improved_cause_unknown"),
        (Decimal(900), "not_measured", "unknown", None),
        (Decimal(900), "too_early", "unknown", None),
    ],
)
def test_the_suggestion_follows_class_and_pays_off(
    spend: Decimal, effect_class: str, pays_off: str, expected: str | None
) -> None:
    assert suggestions.quadrant(spend, Decimal(500), effect_class, pays_off) == expected


def test_the_chart_sentence_counts_in_singular_and_plural() -> None:
    one = figures(effect(), Decimal(100_000), CostBenefit())
    off = replace(
        figures(effect(**NOT_MEASURED), Decimal(50_000), CostBenefit()), intervention_id="X"
    )
    assert narrative.chart_sentence([one, off], 2025, "en") == (
        "In 2025, 1 intervention has a measured effect and is placed on the chart. Suggested: "
        "scale up 0, cheap and working 1, learn more 0, improved but cause unknown 0, review or "
        "stop 0. 1 intervention (€50,000) has no measured effect: it sits on the strip below the "
        "chart, not at zero."
    )
    two = [one, replace(one, intervention_id="B", actual=Decimal(300_000)), off, off]
    assert narrative.chart_sentence(two, 2025, "nl") == (
        "In 2025 hebben 2 interventies een gemeten effect en staan die in de grafiek. Suggestie: "
        "opschalen 1, goedkoop en werkt 1, meer leren 0, verbeterd maar oorzaak onbekend 0, "
        f"heroverwegen of stoppen 0. 2 interventies (€{NBSP}100.000) hebben geen gemeten effect: "
        "die staan op de strook onder de grafiek, niet op nul."
    )
    assert narrative.chart_sentence([one], 2025, "en").endswith("review or stop 0.")


def test_why_a_benefit_cost_ratio_is_not_computable() -> None:
    known = CostBenefit(benefit=Decimal(2), net_benefit=Decimal(1), bcr=2.0)
    assert (
        narrative.cost_benefit_reason(figures(effect(), Decimal(1), known), effect(), 2025) is None
    )
    unknown = CostBenefit()
    assert narrative.cost_benefit_tiles(figures(effect(), Decimal(1), unknown), 2025) == []
    cases = {
        "there is no measured effect": effect(effect=None),
        "the register does not say how many people it reaches": effect(participants=None),
        "no value per unit of improvement is known for its indicator": effect(value_per_unit=None),
    }
    for reason, e in cases.items():
        shown = narrative.cost_benefit_reason(figures(e, Decimal(1), unknown), e, 2025, "en")
        assert shown == reason
    assert narrative.cost_benefit_reason(None, effect(), 2025, "en") == (
        "there is no actual spend in 2025"
    )
    assert narrative.cost_benefit_reason(figures(effect(), Decimal(1), unknown), None, 2025) == (
        "there is no measured effect"
    )
    weighless = effect(low=None, high=None, strength=0, uncertainty="unknown")
    f = figures(weighless, Decimal(1), BREAKEVEN)
    assert narrative.cost_benefit_reason(f, weighless, 2025, "en") == (
        "the uncertainty of the effect is unknown, so there is no benefit–cost figure"
    )
    assert narrative.cost_benefit_reason(
        figures(effect(), Decimal(1), unknown), effect(), 2025
    ) == ("its spend is not in the home currency")
    note = narrative.cost_benefit_note(
        figures(effect(), Decimal(1), CostBenefit(bcr=1.5)), None, 2025
    )
    assert note == "Not computable: the chance needs the effect's likely range, which is unknown."


def test_benefit_cost_tiles_are_formatted_in_the_language() -> None:
    cb = CostBenefit(
        benefit=Decimal("1568000"),
        net_benefit=Decimal("876403.74"),
        bcr=2.2672,
        p_benefit_exceeds_cost=0.9919,
    )
    tiles = narrative.cost_benefit_tiles(figures(effect(), Decimal(691596), cb), 2025, "nl")
    assert [value for _, value, _ in tiles] == ["2,27", f"€{NBSP}876.404", "99%"]
    assert narrative.value_item(figures(effect(), Decimal(1), cb), "en") == (
        "Family coaching at home: €2.27 back for every €1 spent"
    )
    assert narrative.cost_benefit_note(figures(effect(), Decimal(1), cb), effect(), 2025, "en") == (
        "In words: €2.27 back for every €1 spent, counting only the measured effect on this "
        "indicator."
    )


def test_hover_text_escapes_data_and_says_everything() -> None:
    f = replace(
        figures(effect(), Decimal(1_255_950), replace(BREAKEVEN, pays_off="yes")),
        name="Kids <&> parents",
    )
    text = narrative.hover_text(f, Decimal(500_000), "en")
    assert text.startswith("<b>Kids &lt;&amp;&gt; parents</b><br>Youth care<br>")
    lines = text.split("<br>")
    for line in (
        "Spend in 2025: €1.3M",
        "Method: Comparison group, after the start only",
        "Result: Shown to work",
        "Strength of evidence: ●●○○○ 2 of 5",
        "Pays off: Yes",
        "Reach: 320 participants a year",
        "Suggests: Scale up",
    ):
        assert line in lines
    assert (
        lines.index("Strength of evidence: ●●○○○ 2 of 5")
        == lines.index("Result: Shown to work") + 1
    )
    one = narrative.hover_text(replace(f, participants=1), Decimal(500_000), "nl")
    assert "Bereik: 1 deelnemer per jaar" in one.split("<br>")


# --------------------------------------------------------------------------- overview items


def overview_of(by_class: dict[str, Share]) -> Overview:
    total = sum((s.actual for s in by_class.values()), Decimal(0))
    kpis = Kpis(
        year=2025,
        municipality=None,
        currency="EUR",
        version=3,
        total_actual=total,
        total_budgeted=Decimal(41_000_000),
        by_class=by_class,
        works=by_class["works"],
        improved_cause_unknown=by_class["improved_cause_unknown"],
        inconclusive=by_class["inconclusive"],
        not_measured=by_class["not_measured"],
        interventions_with_spend=1,
        interventions_by_stage=dict.fromkeys(STAGES, 1),
    )
    split = SpendSplit(2025, None, "EUR", total, Decimal(400_000), by_class, {}, {})
    nothing = Share(Decimal(0), None)
    evidence = EvidenceSplit(split, nothing, by_class["works"], by_class["improved_cause_unknown"])
    return Overview(kpis, split, evidence, LookHereNext((), (), (), ()), SENTENCE)


def test_the_tiles_name_works_apart_from_improved_with_the_cause_unknown() -> None:
    by_class = {c: Share(Decimal(0), 0.0) for c in EFFECT_CLASSES}
    by_class |= {
        "works": share(15_200_000),
        "improved_cause_unknown": share(2_000_000),
        "inconclusive": share(4_000_000),
        "not_measured": share(10_400_000),
    }
    tiles = narrative.kpi_tiles(overview_of(by_class), "en")
    assert [(tile.label, tile.value, tile.delta) for tile in tiles] == [
        ("Actual spend 2025", "€31.6M", None),
        ("Shown to work", "38%", "€15.2M"),
        ("Improved, cause unknown", "5%", "€2M"),
        ("Inconclusive", "10%", "€4M"),
        ("Not measured", "26%", "€10.4M"),
        ("Interventions in the register", "5", "1 with spend in 2025"),
    ]
    assert tiles[2].help == (
        "Spend on interventions whose results got better since the start, with nothing to "
        "compare with (€2M). Never counted as shown to work."
    )


def test_look_here_next_items_say_why_and_what_it_would_take() -> None:
    harmful = effect(effect=-2.0, low=-3.0, high=-1.0, effect_class="harmful")
    assert narrative.review_item(figures(harmful, Decimal(250_000), CostBenefit()), "en") == (
        "Family coaching at home: €250,000, and a comparison shows it harmful"
    )
    worse = effect(method="before_after", strength=1, effect_class="worsened_cause_unknown")
    assert narrative.review_item(figures(worse, Decimal(250_000), CostBenefit()), "en") == (
        "Family coaching at home: €250,000, and results worsened since the start (cause unknown)"
    )
    no = figures(effect(), Decimal(250_000), replace(BREAKEVEN, pays_off="no"))
    assert narrative.review_item(no, "en") == (
        "Family coaching at home: €250,000, and it does not pay off"
    )
    unsure = effect(effect=1.0, low=-4.0, high=6.0, effect_class="inconclusive")  # MDE 7.1
    needs = replace(BREAKEVEN, participants_needed=1_680, periods_needed=5)
    assert narrative.inconclusive_item(figures(unsure, Decimal(250_000), needs), "en") == (
        "Family coaching at home: €250,000; to tell would take about 1,680 participants or 5 "
        "periods (smallest detectable effect today: 7.1 percentage points)"
    )
    assert narrative.inconclusive_item(figures(unsure, Decimal(250_000), CostBenefit()), "en") == (
        "Family coaching at home: €250,000; smallest detectable effect today: 7.1 percentage points"
    )
    blind = effect(low=None, high=None, strength=0, uncertainty="unknown")
    assert narrative.inconclusive_item(figures(blind, Decimal(250_000), CostBenefit()), "en") == (
        "Family coaching at home: €250,000; the uncertainty is unknown, so record confidence "
        "intervals or numbers of observations"
    )


def test_a_count_of_one_is_singular() -> None:
    assert narrative.count("count.interventions", 1, "en") == "1 intervention"
    assert narrative.count("count.interventions", 1_250, "en") == "1,250 interventions"
    assert narrative.count("count.interventions", 2, "nl") == "2 interventies"
    assert narrative.count("count.interventions", 1, "da") == "1 indsats"


def test_small_effects_keep_their_digits() -> None:
    assert narrative.fine_number(0.0423, "en") == "0.042"
    assert narrative.fine_number(0.5, "nl") == "0,50"
    assert narrative.fine_number(4.91, "en") == "4.9"
    assert narrative.amount(0.0123, "%", "en", fine=True) == "0.012 percentage points"


def test_keys_built_from_values_exist_in_every_catalogue() -> None:
    families = {
        "effects.{}_{}": [
            (word, against)
            for word in ("better", "worse", "same", "relative")
            for against in set(AGAINST.values())
        ],
        "intervention.bcr_reason_{}": [
            ("no_effect",),
            ("no_participants",),
            ("no_value",),
            ("no_spend",),
            ("currency",),
            ("cause_unknown",),
            ("uncertainty_unknown",),
        ],
        "quadrant.{}": [(q,) for q in suggestions.QUADRANTS],
        "intervention.indicator_{}": [("lower",), ("higher",)],
        "intervention.how_{}_is_better": [("lower",), ("higher",)],
        "intervention.used_{}": [
            (u,) for u in ("register", "indicator", "after", "before", "baseline", "spend")
        ],
        "intervention.col_{}": [
            (c,)
            for c in (
                "source",
                "version",
                "used_for",
                "values",
                "period",
                "value",
                "comparison",
                "baseline",
                "target",
                "ci_low",
                "ci_high",
                "n",
            )
        ],
        "sve.col_{}": [(k,) for k in charts.TABLE_KINDS],
        "intervention.{}": [("budgeted",), ("actual",), ("baseline",), ("target",)],
        "overview.measure_{}": [("money",), ("share",)],
        "overview.next_{}": [("not_measured",), ("review",), ("inconclusive",), ("best_value",)],
        "overview.item_review.{}": [(c,) for c in (*narrative.REVIEW_CLASSES, "pays_off_no")],
        "overview.item_inconclusive.{}": [
            (k,) for k in ("both", "participants", "periods", "mde", "unknown")
        ],
        "overview.kpi_{}": [("works",), ("improved",), ("inconclusive",), ("not_measured",)],
        "effect.{}": [(c,) for c in EFFECT_CLASSES],
        "effect.{}.help": [(c,) for c in EFFECT_CLASSES],
        "method.{}": [(m,) for m in METHODS],
        "how.{}": [(m,) for m in METHODS if m not in ("none", "before_after")],
        "how.before_after_{}": [("column",), ("before_mean",)],
        "how.uncertainty_{}": [("interval",), ("spread",), ("unknown",)],
        "pays_off.{}": [(p,) for p in (*PAYS_OFF, "cause_unknown")],
        "cb.pays_off.{}": [(p,) for p in (*PAYS_OFF, "cause_unknown")],
        "know.target_{}": [("breakeven",), ("expected",)],
        "{}.{}": [
            (k, n)
            for k in ("sve.placed", "sve.off", "count.interventions")
            for n in ("one", "other")
        ],
        "portfolio.rule.review_large_spend.{}": [(c,) for c in NOT_SHOWN_TO_WORK],
    }
    keys = {
        pattern.format(*values) for pattern, all_values in families.items() for values in all_values
    }
    missing = {(lang, key) for lang in LANGUAGES for key in keys if key not in catalogue(lang)}
    assert missing == set()


def test_what_it_would_take_says_when_today_already_answers_it() -> None:
    # 13.5 (8.3 to 18.5) against a break-even of 4.9: the whole range lies above it, so no
    # pilot is planned even though the MDE (about 7.2) is above the break-even effect.
    e = effect(effect=13.5, low=8.3, high=18.5, effect_class="works")
    cb = replace(BREAKEVEN, pays_off="yes", participants_needed=493, periods_needed=22)
    lines = narrative.what_it_takes(e, figures(e, Decimal(1), cb), "en")
    assert lines[1:] == [
        "Today's data already answer it: the whole likely range lies above the break-even "
        "effect of 4.9 percentage points."
    ]
    below = replace(cb, pays_off="no")
    assert narrative.what_it_takes(e, figures(e, Decimal(1), below), "nl")[1] == (
        "De gegevens van nu geven al antwoord: de hele waarschijnlijke bandbreedte ligt onder "
        "het break-eveneffect van 4,9 procentpunt."
    )


@pytest.mark.parametrize(
    ("p", "lang", "expected"),
    [
        (0.9999, "en", "more than 99%"),
        (0.995, "en", "more than 99%"),  # where rounding would say 100%
        (0.994, "en", "99%"),
        (0.996, "nl", "meer dan 99%"),
        (0.0001, "da", "mindre end 1 %"),
        (0.5, "nb", "50 %"),
        (None, "en", "unknown"),
    ],
)
def test_a_chance_never_claims_certainty(p: float | None, lang: str, expected: str) -> None:
    assert narrative.words.chance(p, lang).replace("\xa0", " ") == expected
