"""The words of the effect views: exact sentences, in English and Dutch, from hand-made figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from whatworks import narrative
from whatworks.analytics import (
    CostBenefit,
    Effect,
    InterventionFigures,
    SentenceData,
    Share,
)
from whatworks.charts import effects as charts
from whatworks.i18n import LANGUAGES, catalogue

NBSP = "\u00a0"
TOTAL = Decimal(40_000_000)


def share(amount: int) -> Share:
    return Share(Decimal(amount), float(Decimal(amount) / TOTAL))


# In 2025: 15.2M works, 0.4M indicative, 4.0M no effect, 0.4M harmful, 11.2M not measured,
# 8.8M too early: 40M in all.
SENTENCE = SentenceData(
    year=2025,
    municipality="Eemsdal",
    currency="EUR",
    total_actual=TOTAL,
    works=share(15_200_000),
    works_indicative=share(400_000),
    no_effect=share(4_000_000),
    harmful=share(400_000),
    not_measured=share(11_200_000),
    too_early=share(8_800_000),
)

EXPECTED_EN = [
    "In 2025, €15.2M (38%) of spend went to interventions with a measured positive effect; "
    "€11.2M (28%) went to interventions that are not measured.",
    "Another €400,000 (1%) went to interventions whose effect looks positive but whose "
    "uncertainty is unknown (indicative).",
    "€4.4M (11%) went to interventions where no effect was shown, including €400,000 to "
    "interventions that did measurable harm.",
    "€8.8M (22%) went to interventions that started too recently to measure.",
]
EXPECTED_NL = [
    f"In 2025 ging €{NBSP}15,2{NBSP}mln (38%) van de uitgaven naar interventies met een gemeten "
    f"positief effect; €{NBSP}11,2{NBSP}mln (28%) ging naar interventies die niet gemeten worden.",
    f"Nog eens €{NBSP}400.000 (1%) ging naar interventies waarvan het effect positief lijkt, maar "
    "waarvan de onzekerheid onbekend is (indicatief).",
    f"€{NBSP}4,4{NBSP}mln (11%) ging naar interventies waarbij geen effect is aangetoond, waarvan "
    f"€{NBSP}400.000 naar interventies die aantoonbaar schade deden.",
    f"€{NBSP}8,8{NBSP}mln (22%) ging naar interventies die te kort geleden zijn gestart om te "
    "meten.",
]


def test_overview_sentences_in_english() -> None:
    assert narrative.overview_sentences(SENTENCE, "en") == EXPECTED_EN
    assert narrative.overview_text(SENTENCE, "en") == " ".join(EXPECTED_EN)


def test_overview_sentences_in_dutch() -> None:
    assert narrative.overview_sentences(SENTENCE, "nl") == EXPECTED_NL


def test_only_the_classes_with_spend_get_a_sentence() -> None:
    nothing = Share(Decimal(0), 0.0)
    plain = SentenceData(
        year=2024,
        municipality=None,
        currency="EUR",
        total_actual=Decimal(10_000_000),
        works=Share(Decimal(6_000_000), 0.6),
        works_indicative=nothing,
        no_effect=Share(Decimal(1_000_000), 0.1),
        harmful=nothing,
        not_measured=Share(Decimal(3_000_000), 0.3),
        too_early=nothing,
    )
    assert narrative.overview_sentences(plain, "en") == [
        "In 2024, €6M (60%) of spend went to interventions with a measured positive effect; "
        "€3M (30%) went to interventions that are not measured.",
        "€1M (10%) went to interventions where no effect was shown.",
    ]


def test_a_year_without_spend_has_one_plain_sentence() -> None:
    nothing = Share(Decimal(0), None)
    empty = SentenceData(2025, None, None, Decimal(0), *([nothing] * 6))
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
        "method": "comparison",
        "effect": 6.88,
        "low": 4.38,
        "high": 9.38,
        "relative_effect": 0.2879,
        "effect_class": "works",
        "periods": ("2021", "2022"),
    }
    return Effect(**(values | changes))


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


def test_a_harmful_effect_reads_as_worse() -> None:
    harmful = effect(effect=-8.87, low=-12.87, high=-4.87, relative_effect=-0.367)
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


def test_unknown_uncertainty_is_said() -> None:
    indicative = effect(low=None, high=None, effect_class="works_indicative")
    assert narrative.range_phrase(indicative, "en") == "uncertainty unknown, so indicative only"


def test_method_two_is_never_worded_as_causal() -> None:
    before_after = effect(method="before_after")
    assert narrative.method_words(before_after, "en") == "Before/after, no comparison group"
    assert narrative.method_words(before_after, "nl") == "Voor/na, zonder vergelijkingsgroep"
    assert narrative.method_words(effect(), "en") == "Compared with a comparison group"
    how = narrative.how_computed(
        effect(
            method="before_after",
            baseline=71.0,
            baseline_source="column",
            latest_period="2025",
            direction=1,
        ),
        "en",
    )
    assert how == (
        "Before/after, no comparison group: effect = the latest value (2025) minus the baseline "
        "71.0 given in the data. A change over time is not proof that the intervention caused "
        "it. Higher is better for this indicator."
    )


def test_why_an_intervention_is_not_measured() -> None:
    none = {"method": "none", "effect": None, "low": None, "high": None, "relative_effect": None}
    assert narrative.effect_sentence(effect(**none, indicator=None), "en") == (
        "Not measured: the register names no indicator, so nobody has decided what to measure."
    )
    early = effect(**none, effect_class="too_early", start_date=dt.date(2025, 9, 1))
    assert narrative.effect_sentence(early, "en") == (
        "Too early to tell: it started on 1 Sept 2025, after the start of the latest period "
        "reported."
    )


# --------------------------------------------------------------------------- quadrants, money


@pytest.mark.parametrize(
    ("spend", "relative", "effect_class", "expected"),
    [
        (Decimal(900), 0.3, "works", "scale_up"),
        (Decimal(100), 0.3, "works_indicative", "cheap_working"),
        (Decimal(500), 0.3, "works", "cheap_working"),  # at the median: not above it
        (Decimal(900), -0.2, "harmful", "review"),
        (Decimal(900), 0.02, "no_effect", "review"),  # a range including 0 counts as 0
        (Decimal(100), 0.02, "no_effect", "stop_redesign"),
    ],
)
def test_quadrants_by_median_spend_and_effect_zero(
    spend: Decimal, relative: float, effect_class: str, expected: str
) -> None:
    assert narrative.quadrant(spend, relative, Decimal(500), effect_class) == expected


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


def test_why_a_benefit_cost_ratio_is_not_computable() -> None:
    known = CostBenefit(Decimal(2), Decimal(1), 2.0, 0.9)
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
    note = narrative.cost_benefit_note(
        figures(effect(), Decimal(1), CostBenefit(bcr=1.5)), None, 2025
    )
    assert note == "Not computable: the chance needs the effect's likely range, which is unknown."


def test_benefit_cost_tiles_are_formatted_in_the_language() -> None:
    cb = CostBenefit(Decimal("1568000"), Decimal("876403.74"), 2.2672, 0.9919)
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
    f = replace(figures(effect(), Decimal(1_255_950), CostBenefit()), name="Kids <&> parents")
    text = narrative.hover_text(f, Decimal(500_000), "en")
    assert text.startswith("<b>Kids &lt;&amp;&gt; parents</b><br>Youth care<br>")
    for line in (
        "Spend in 2025: €1.3M",
        "Effect: 6.9 percentage points better than the comparison group",
        "Method: Compared with a comparison group",
        "Result: Works",
        "Reach: 320 participants a year",
        "Suggests: Scale up",
    ):
        assert line in text


def test_keys_built_from_values_exist_in_every_catalogue() -> None:
    families = {
        "effects.{}_{}": [
            (word, against)
            for word in ("better", "worse", "same", "relative")
            for against in ("comparison", "baseline")
        ],
        "intervention.bcr_reason_{}": [
            ("no_effect",),
            ("no_participants",),
            ("no_value",),
            ("no_spend",),
            ("currency",),
        ],
        "quadrant.{}": [(q,) for q in narrative.QUADRANTS],
        "intervention.indicator_{}": [("lower",), ("higher",)],
        "intervention.how_{}_is_better": [("lower",), ("higher",)],
        "intervention.used_{}": [
            (u,) for u in ("register", "indicator", "comparison", "latest", "baseline", "spend")
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
        "overview.next_{}": [("not_measured",), ("no_effect",), ("best_value",)],
    }
    keys = {
        pattern.format(*values) for pattern, all_values in families.items() for values in all_values
    }
    missing = {(lang, key) for lang in LANGUAGES for key in keys if key not in catalogue(lang)}
    assert missing == set()
