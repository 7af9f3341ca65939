"""Figure builders of the effect views: traces, colours, sums, and unknowns never drawn as 0."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

import pytest

from whatworks.analytics import (
    CostBenefit,
    Effect,
    InterventionFigures,
    Share,
    SpendSplit,
    SpendYear,
    Trace,
    TraceRow,
)
from whatworks.charts import EFFECT_CLASSES, EFFECT_COLOURS, EVIDENCE_COLOURS
from whatworks.charts import effects as charts
from whatworks.i18n import t


def spec(fig: Any) -> dict[str, Any]:
    """The figure as Streamlit sends it (JSON), so NaN or typed arrays would show."""
    loaded: dict[str, Any] = json.loads(fig.to_json())
    return loaded


# --------------------------------------------------------------------------- overview


def split() -> SpendSplit:
    """Two programmes: Youth care 600 works / 400 not measured; Work 700 inconclusive / 300
    improved, cause unknown."""
    zero = Share(Decimal(0), 0.0)

    def of(total: int, **amounts: int) -> dict[str, Share]:
        return {
            c: Share(Decimal(amounts[c]), amounts[c] / total) if c in amounts else zero
            for c in EFFECT_CLASSES
        }

    youth = of(1000, works=600, not_measured=400)
    work = of(1000, inconclusive=700, improved_cause_unknown=300)
    by_key = {c: Share(youth[c].actual + work[c].actual, None) for c in EFFECT_CLASSES}
    return SpendSplit(
        year=2025,
        municipality=None,
        currency="EUR",
        total_actual=Decimal(2000),
        unattributed_actual=Decimal(0),
        by_key=by_key,
        by_programme={"Work": work, "Youth care": youth},
        programme_totals={"Work": Decimal(1000), "Youth care": Decimal(1000)},
    )


def test_spend_by_class_has_one_trace_per_class_in_its_colour() -> None:
    data = spec(charts.class_by_programme(split(), "en"))["data"]
    assert [trace["meta"] for trace in data] == list(EFFECT_CLASSES)
    assert [trace["marker"]["color"] for trace in data] == [
        EFFECT_COLOURS[c] for c in EFFECT_CLASSES
    ]
    works = data[0]
    assert works["name"] == t("effect.works", "en")
    assert works["y"] == ["Work", "Youth care"]
    assert works["x"] == [0.0, 600.0]
    assert works["customdata"][1] == ["€600", "60%"]


def test_classes_whose_cause_is_unknown_are_hatched_tints_of_their_causal_sibling() -> None:
    data = {
        trace["meta"]: trace for trace in spec(charts.class_by_programme(split(), "en"))["data"]
    }
    improved, worsened = data["improved_cause_unknown"], data["worsened_cause_unknown"]
    assert improved["marker"]["color"] == "#80CEB9"  # #009E73 halfway to white
    assert improved["marker"]["pattern"]["shape"] == "/"
    assert improved["marker"]["pattern"]["fgcolor"] == EFFECT_COLOURS["works"]
    assert worsened["marker"]["color"] == "#EAAE80"  # #D55E00 halfway to white
    assert worsened["marker"]["pattern"]["fgcolor"] == EFFECT_COLOURS["harmful"]
    assert data["inconclusive"]["marker"]["pattern"]["shape"] == "."
    assert "pattern" not in data["works"]["marker"]
    assert "pattern" not in data["not_measured"]["marker"]
    assert data["inconclusive"]["marker"]["color"] != data["not_measured"]["marker"]["color"]
    assert data["inconclusive"]["x"] == [700.0, 0.0]


def test_spend_by_class_as_shares_of_each_programme() -> None:
    data = spec(charts.class_by_programme(split(), "en", share=True))["data"]
    assert [sum(trace["x"][i] for trace in data) for i in range(2)] == [1.0, 1.0]


def test_the_table_behind_spend_by_class() -> None:
    table = charts.class_by_programme_table(split(), "nl")
    assert list(table.columns[:5]) == [
        "Programma",
        "Totaal",
        "Werkt aantoonbaar",
        "Verbeterd, oorzaak onbekend",
        "Onbeslist",
    ]
    assert table.iloc[1].tolist()[:3] == ["Youth care", "€\u00a01.000", "€\u00a0600 (60%)"]


# --------------------------------------------------------------------------- spend vs effect


def effect(iid: str, **changes: Any) -> Effect:
    values: dict[str, Any] = {
        "intervention_id": iid,
        "name": iid,
        "programme": "Youth care",
        "stage": "pilot",
        "evidence_level": "effective",
        "start_date": dt.date(2020, 1, 1),
        "indicator": "x_rate",
        "unit": "%",
        "participants": 100,
        "value_per_unit": None,
        "direction": 1,
        "method": "comparison_after",
        "effect": 2.0,
        "low": 1.0,
        "high": 3.0,
        "strength": 2,
        "uncertainty": "interval",
        "relative_effect": 0.2,
        "effect_class": "works",
    }
    return Effect(**(values | changes))


def figures(iid: str, actual: int | None, e: Effect | None) -> InterventionFigures:
    return InterventionFigures(
        intervention_id=iid,
        name=iid,
        programme="Youth care",
        in_register=e is not None,
        year=2025,
        currency="EUR",
        budgeted=None,
        actual=Decimal(actual) if actual is not None else None,
        participants=e.participants if e else None,
        spend_per_participant=None,
        effect=e,
        cost_benefit=CostBenefit(),
    )


UNMEASURED = {
    "method": "none",
    "effect": None,
    "low": None,
    "high": None,
    "relative_effect": None,
    "strength": 0,
    "uncertainty": "unknown",
}
FIGURES = [
    figures("A", 1_000_000, effect("A")),
    figures(
        "B",
        200_000,
        effect(
            "B",
            evidence_level="none",
            relative_effect=-0.1,
            effect=-1.0,
            low=-2.0,
            high=-0.5,
            effect_class="harmful",
        ),
    ),
    figures("C", 500_000, effect("C", **UNMEASURED, effect_class="not_measured")),
    figures("D", 300_000, effect("D", relative_effect=None)),  # reference value 0
    figures("E", None, effect("E")),  # budget only: no spend to place
    figures("F", 50_000, None),  # not in the register
    figures("G", 400_000, effect("G", low=-1.0, effect_class="inconclusive")),
    figures(
        "H",
        100_000,
        effect("H", method="before_after", strength=1, effect_class="improved_cause_unknown"),
    ),
]


def points(data: list[dict[str, Any]]) -> dict[str, tuple[Any, Any, dict[str, Any]]]:
    out = {}
    for trace in data:
        if "customdata" not in trace:
            continue
        for (iid,), x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
            out[iid] = (x, y, trace["meta"])
    return out


def test_bubbles_sit_at_their_relative_effect_and_unknowns_never_at_zero() -> None:
    data = spec(charts.spend_vs_effect(FIGURES, "en"))["data"]
    placed = points(data)
    assert placed["A"] == (1_000_000.0, 0.2, {"evidence": "effective", "strip": False})
    assert placed["B"][:2] == (200_000.0, -0.1)
    strip = t("sve.strip_label", "en")
    for iid in ("C", "D", "F"):  # no standardised effect: on the strip, by spend only
        assert placed[iid][1] == strip
        assert placed[iid][2]["strip"] is True
    assert "E" not in placed
    on_axis = [y for _, y, meta in placed.values() if not meta["strip"]]
    assert all(isinstance(y, float) and not math.isnan(y) for y in on_axis)


def test_bubble_colours_are_evidence_levels_and_shapes_effect_classes() -> None:
    data = spec(charts.spend_vs_effect(FIGURES, "en"))["data"]
    for trace in data:
        meta = trace["meta"]
        if "evidence" in meta:
            assert trace["marker"]["color"] == EVIDENCE_COLOURS[meta["evidence"]]
        else:  # the legend of shapes: no data point at all
            assert trace["x"] == [None]
            assert trace["marker"]["symbol"] == charts.EFFECT_SYMBOLS[meta["legend"]]
    symbols = {
        iid: trace["marker"]["symbol"][i]
        for trace in data
        for i, (iid,) in enumerate(trace.get("customdata") or [])
    }
    assert symbols["A"] == "circle"
    assert symbols["B"] == "triangle-down"
    assert symbols["C"] == "hexagon"
    assert symbols["G"] == "square"
    assert symbols["H"] == "diamond"
    assert set(charts.EFFECT_SYMBOLS) == set(EFFECT_CLASSES)
    assert len(set(charts.EFFECT_SYMBOLS.values())) == len(EFFECT_CLASSES)


def test_quadrant_lines_are_the_median_spend_and_effect_zero() -> None:
    layout = spec(charts.spend_vs_effect(FIGURES, "en"))["layout"]
    lines = {(s["type"], s.get("x0"), s.get("y0")) for s in layout["shapes"]}
    assert ("line", 0, 0) in lines  # effect 0, across the whole width
    median = float((Decimal(200_000) + Decimal(400_000)) / 2)  # of 1M, 200k, 400k and 100k
    assert any(s.get("x0") == median for s in layout["shapes"])
    labels = {a["text"] for a in layout["annotations"]}
    assert f"<b>{t('quadrant.scale_up', 'en')}</b>" in labels
    assert f"<b>{t('quadrant.review_stop', 'en')}</b>" in labels
    assert f"<b>{t('quadrant.learn_more', 'en')}</b>" not in labels  # by result, not place


def test_the_table_keeps_unknowns_unknown() -> None:
    table, kinds = charts.spend_vs_effect_table(FIGURES, "en")
    assert list(table.index) == ["A", "B", "C", "D", "E", "F", "G", "H"]
    relative = table[t("sve.col_relative", "en")]
    assert relative["A"] == pytest.approx(0.2)
    assert relative.isna().tolist() == [False, False, True, True, False, True, False, False]
    assert table[t("sve.col_bcr", "en")].isna().all()
    assert table[t("sve.col_breakeven", "en")].isna().all()
    assert kinds[t("sve.col_spend", "en", currency="EUR")] == "money"
    assert table[t("sve.col_quadrant", "en")].tolist() == [
        "Scale up",  # works, above the median spend of 300,000
        "Review or stop",  # harmful
        "",  # not measured: not placed
        "",  # no relative effect: not placed
        "",  # no spend: not placed
        "",  # not in the register
        "Learn more",  # inconclusive, never "stop"
        "Improved, cause unknown",  # before/after
    ]


def test_the_table_shows_strength_beside_every_class_and_what_it_would_take() -> None:
    table, kinds = charts.spend_vs_effect_table(FIGURES, "en")
    headers = list(table.columns)
    assert headers.index("Strength of evidence") == headers.index("Result") + 1
    assert table["Result"].tolist()[:2] == ["Shown to work", "Harmful"]
    assert table["Strength of evidence"].tolist() == [
        "●●○○○ 2 of 5",
        "●●○○○ 2 of 5",
        "○○○○○ 0 of 5",
        "●●○○○ 2 of 5",
        "●●○○○ 2 of 5",
        "○○○○○ 0 of 5",  # not in the register
        "●●○○○ 2 of 5",
        "●○○○○ 1 of 5",
    ]
    assert table["Pays off"].tolist()[0] == "Unknown"
    assert table["Pays off"].tolist()[-1] == "Unknown"  # no break-even: nothing to say
    # A: interval 1..3 from a normal: se = 2 / (2 x 1.95996), MDE = (1.95996 + 0.84162) x se
    assert table["Smallest detectable effect"]["A"] == pytest.approx(2.80158 / 1.95996, abs=1e-4)
    assert table["Smallest detectable effect"].isna()["C"]
    for column in ("Pays off", "Break-even effect", "Smallest detectable effect", "Method"):
        assert column in kinds


def test_money_ticks_are_written_in_the_language() -> None:
    ticks = charts.money_ticks(3_000_000, "EUR", "nl", low=80_000, log=True)
    assert ticks["tickvals"] == [100_000, 300_000, 1_000_000, 3_000_000]
    assert ticks["ticktext"][-1] == "€\u00a03\u00a0mln"


# --------------------------------------------------------------------------- one intervention


def trace_of(rows: list[dict[str, Any]], e: Effect) -> Trace:
    return Trace(
        intervention_id=e.intervention_id,
        version=1,
        municipality=None,
        effect=e,
        rows=tuple(TraceRow("outcomes", 1, None, (), r) for r in rows),
        sql={},
    )


def outcome(period: str, value: float, **more: Any) -> dict[str, Any]:
    return {
        "period": period,
        "value": Decimal(str(value)),
        "area": None,
        "unit": "%",
        "period_start": f"{period}-01-01",
        "period_end": f"{period}-12-31",
        **more,
    }


def test_the_indicator_over_time_marks_baseline_target_comparison_and_start() -> None:
    rows = [
        outcome(
            "2024",
            20.0,
            comparison=Decimal(24),
            target=Decimal(15),
            ci_low=Decimal(18),
            ci_high=Decimal(22),
        ),
        outcome(
            "2025",
            17.0,
            comparison=Decimal(24),
            target=Decimal(15),
            ci_low=Decimal(15),
            ci_high=Decimal(19),
        ),
    ]
    e = effect("A", start_date=dt.date(2023, 3, 1), baseline=25.0, baseline_source="column")
    fig = spec(charts.indicator_over_time(trace_of(rows, e), "en"))
    assert [trace["meta"] for trace in fig["data"]] == ["ci_high", "ci_low", "value", "comparison"]
    assert fig["data"][2]["y"] == [20.0, 17.0]
    assert fig["data"][3]["y"] == [24.0, 24.0]
    assert fig["data"][2]["x"] == ["2024-07-01", "2025-07-02"]  # the middle of each period
    shapes = fig["layout"]["shapes"]
    assert {s["y0"] for s in shapes if s.get("yref") == "y"} == {25.0, 15.0}
    assert any(s.get("x0") == "2023-03-01" for s in shapes)


def test_no_outcomes_no_indicator_figure() -> None:
    assert charts.indicator_over_time(trace_of([], effect("A")), "en") is None


def test_budget_vs_actual_leaves_out_unknown_amounts() -> None:
    spend = [
        SpendYear("A", 2024, "EUR", Decimal(100), None, None, None, None),
        SpendYear("A", 2025, "EUR", Decimal(120), Decimal(110), Decimal(-10), None, None),
    ]
    budgeted, actual = spec(charts.budget_vs_actual(spend, "en"))["data"]
    assert (budgeted["x"], budgeted["y"]) == (["2024", "2025"], [100.0, 120.0])
    assert (actual["x"], actual["y"]) == (["2025"], [110.0])
