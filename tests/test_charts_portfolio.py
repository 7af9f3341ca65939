"""The words of the Portfolio lists and the decision log, from hand-made items: each rule says
why in the new vocabulary, every list shows the strength of evidence beside the class, and the
decisions against the evidence follow the classes a choice goes against."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from whatworks import widgets
from whatworks.analytics.portfolio import Item, Portfolio, StageRow
from whatworks.charts import portfolio as charts
from whatworks.decisions import AGAINST, Decision
from whatworks.i18n import t

PORTFOLIO = Portfolio(
    year=2025,
    currency="EUR",
    stages=(),
    unattributed_actual=Decimal(0),
    candidates=(),
    review=(),
    gaps=(),
    cost_threshold=Decimal("64.16"),
    with_cost=21,
    spend_threshold=Decimal("927871.47"),
    with_spend=35,
    cost_per_effect={},
)


def item(rule: str, effect_class: str, **changes: Any) -> Item:
    values: dict[str, Any] = {
        "rule": rule,
        "intervention_id": "WP-03",
        "name": "Work experience placements",
        "programme": "Work",
        "stage": "pilot",
        "indicator": "paid_work_rate",
        "effect_class": effect_class,
        "actual": Decimal("2833927.68"),
        "cost_per_effect": None,
        "strength": 2,
    }
    return Item(**(values | changes))


@pytest.mark.parametrize(
    ("rule", "effect_class", "expected"),
    [
        (
            "review_large_spend",
            "inconclusive",
            "Spend is number 3 of 35 (the top third starts at €927,871.47); its effect is "
            "inconclusive: we can't tell yet.",
        ),
        (
            "review_large_spend",
            "improved_cause_unknown",
            "Spend is number 3 of 35 (the top third starts at €927,871.47); results improved, "
            "but with nothing to compare with the cause is unknown.",
        ),
        (
            "review_harmful",
            "harmful",
            "A comparison shows it harmful: its likely range lies below zero.",
        ),
        (
            "review_harmful",
            "worsened_cause_unknown",
            "Results worsened since the start: the likely range lies below zero, but with "
            "nothing to compare with the cause is unknown.",
        ),
        (
            "review_no_payoff",
            "works",
            "Does not pay off: a comparison puts its whole likely range below the break-even "
            "effect.",
        ),
        (
            "gap_no_uncertainty",
            "inconclusive",
            "Inconclusive because its effect has no likely range: record confidence intervals, "
            "the number of observations behind a proportion, or at least three periods.",
        ),
    ],
)
def test_each_rule_says_why_in_plain_words(rule: str, effect_class: str, expected: str) -> None:
    shown = charts.rule_text(item(rule, effect_class, rank=3, of=35), PORTFOLIO, "en")
    assert shown == expected
    assert "stop or redesign" not in shown


def test_an_underpowered_gap_says_what_it_would_take() -> None:
    gap = item(
        "gap_underpowered",
        "inconclusive",
        mde=4.1265,
        target_effect=9.1317,
        participants_needed=62,
        periods_needed=1,
    )
    assert charts.rule_text(gap, PORTFOLIO, "en") == (
        "Inconclusive: today's data detects effects of 4.1 or more on “Paid work rate”; to "
        "detect 9.1 would take about 62 participants or 1 period."
    )
    periods_only = replace(gap, participants_needed=None, periods_needed=4)
    assert charts.rule_text(periods_only, PORTFOLIO, "nl") == (
        "Onbeslist: met de gegevens van nu zijn effecten vanaf 4,1 op “Paid work rate” aan te "
        "tonen; voor 9,1 zijn ongeveer 4 perioden nodig."
    )
    no_target = replace(gap, target_effect=None)
    assert charts.rule_text(no_target, PORTFOLIO, "en").endswith(
        "with no break-even or expected effect there is no target to plan for."
    )


def test_every_list_shows_the_strength_beside_the_class() -> None:
    items = [item("review_large_spend", "inconclusive", rank=3, of=35)]
    items.append(item("gap_no_indicator", "not_measured", strength=0, indicator=None))
    table = charts.items_table(items, PORTFOLIO, "en")
    headers = list(table.columns)
    assert headers[headers.index("Result") + 1] == "Strength of evidence"
    assert table["Result"].tolist() == ["Inconclusive", "Not measured"]
    assert table["Strength of evidence"].tolist() == ["●●○○○ 2 of 5", "○○○○○ 0 of 5"]
    assert charts.strength_cell("WP-03", {"WP-03": 4}, "da") == "●●●●○ 4 af 5"
    assert charts.strength_cell("XX-01", {}, "en") == ""


# --------------------------------------------------------------------------- decisions


def decision(choice: str, effect_class: str) -> Decision:
    return Decision(
        decision_id=1,
        version_id=5,
        intervention_id="A",
        name="Name A",
        decision=choice,  # type: ignore[arg-type]
        decided_on=dt.date(2026, 3, 12),
        decided_by="w",
        reason="r",
        view_name="portfolio",
        data_version=4,
        municipality=None,
        effect_class=effect_class,  # type: ignore[arg-type]
        method="before_after",
        effect=None,
        effect_low=None,
        effect_high=None,
        indicator=None,
        unit=None,
        supersedes=None,
        superseded_by=None,
        recorded_at=dt.datetime(2026, 3, 12, 9, 30),
    )


def test_decisions_against_the_evidence_are_said_in_the_new_words() -> None:
    assert AGAINST["scale_up"] == {"harmful", "worsened_cause_unknown"}
    worse = decision("scale_up", "worsened_cause_unknown")
    assert widgets.against_text(worse, "en") == (
        "Scaled up while the result shown was: Worsened, cause unknown"
    )
    assert widgets.against_text(decision("scale_up", "inconclusive"), "en") == ""
    assert widgets.against_text(decision("scale_up", "not_measured"), "en") == ""
    assert widgets.against_text(decision("stop", "works"), "nl") == (
        "Gestopt terwijl het resultaat was: Werkt aantoonbaar"
    )
    caption = t("decision.against_caption", "en")
    assert "inconclusive or not measured goes without evidence, not against it" in caption


def test_the_decision_log_shows_strength_and_method_beside_the_class() -> None:
    log = [decision("continue", "improved_cause_unknown")]
    table = widgets.decisions_table(log, "en", strengths={1: 1})
    headers = list(table.columns)
    at = headers.index("Result shown")
    assert headers[at + 1 : at + 3] == ["Strength of evidence shown", "Method"]
    assert table["Strength of evidence shown"].tolist() == ["●○○○○ 1 of 5"]
    assert table["Method"].tolist() == ["Before/after, no comparison group"]
    unknown = widgets.decisions_table(log, "en")
    assert unknown["Strength of evidence shown"].tolist() == [""]


def test_the_portfolio_summary_counts_in_singular_and_plural() -> None:
    stages = tuple(
        StageRow(stage, n, Decimal(0))
        for stage, n in (("idea", 1), ("pilot", 2), ("scaling", 0), ("standard", 1), ("stopped", 0))
    )
    one_each = replace(
        PORTFOLIO,
        stages=stages,
        candidates=(item("scale", "works"),),
        gaps=(item("gap_no_indicator", "not_measured"),),
    )
    assert charts.summary(one_each, "en") == [
        "4 interventions in the register: 1 idea, 2 pilots, 0 scaling up, 1 standard practice "
        "and 0 stopped.",
        "In 2025: 1 candidate to scale up, 0 to review and 1 measurement gap. Each item says "
        "which rule put it on the list.",
    ]
    assert charts.summary(one_each, "nl")[1].startswith(
        "In 2025: 1 kandidaat om op te schalen, 0 om te herzien en 1 meetgat."
    )
