"""The effect method (docs/effects.md) on small known-answer municipalities.

Every expected figure is worked out by hand in the comment beside it; the few constants that
need a table (Student's t, the normal quantile) are written out with their source.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_analytics import budget, one_effect, outcome, programme, small_store

from whatworks import store
from whatworks.analytics import effects_report
from whatworks.analytics.cost_benefit import annuity
from whatworks.analytics.effects import Row, Value, effect_from_inputs

Z = 1.959963984540054  # the normal 97.5% quantile
Z80 = 0.8416212335729143  # the normal 80% quantile
T3 = 3.182446305284263  # Student's t, 97.5%, 3 degrees of freedom (any t table)
START = dt.date(2023, 1, 1)
EXACT = {"comparison_ci_low": 50, "comparison_ci_high": 50}  # a register figure: exact


def wilson(p: float, n: int) -> tuple[float, float]:
    """Wilson's score interval written out from Wilson (1927), for the expectations."""
    z2 = Z * Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return centre - half, centre + half


def effect_of(
    tmp_path: Path,
    outcomes: list[dict[str, Any]],
    *,
    register: dict[str, Any] | None = None,
    indicators: list[dict[str, Any]] = (),  # type: ignore[assignment]
    budgets: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Any:
    path = tmp_path / "m.duckdb"
    reg = {"start_date": START, "indicator": "ind", "participants": 100} | (register or {})
    small_store(path, [programme("A", **reg)], outcomes, indicators, budgets)
    return one_effect(path)


def own(period: str, value: float, **extra: Any) -> dict[str, Any]:
    return outcome("ind", period, value, intervention_id="A", **extra)


# --------------------------------------------------------------------------- designs


def test_a_gap_that_existed_before_the_start_is_not_counted_as_effect(tmp_path: Path) -> None:
    # Participants 3 ahead of the comparison group in 2020-2022, 5 ahead in 2023-2024.
    # diff_in_diff = 5 - 3 = 2. Interval (MOVER, each value +/- 3, comparison exact):
    # post 2 x (1/2 x 3)^2 = 4.5, pre 3 x (1/3 x 3)^2 = 3 -> half-width sqrt(7.5) = 2.7386:
    # (-0.7386, 4.7386) includes zero -> inconclusive. Pre gaps 3, 3, 3: flat -> strength 4.
    rows = [
        own(p, 53, comparison=50, ci_low=50, ci_high=56, **EXACT) for p in ("2020", "2021", "2022")
    ]
    rows += [own(p, 55, comparison=50, ci_low=52, ci_high=58, **EXACT) for p in ("2023", "2024")]
    e = effect_of(tmp_path, rows)
    assert e.method == "diff_in_diff"
    assert e.effect == pytest.approx(2.0)
    assert e.low == pytest.approx(2 - math.sqrt(7.5))
    assert e.high == pytest.approx(2 + math.sqrt(7.5))
    assert (e.strength, e.parallel_trends, e.effect_class) == (4, True, "inconclusive")
    assert e.pre_periods == ("2020", "2021", "2022")
    assert e.periods == ("2023", "2024")


def test_diverging_pre_trends_do_not_earn_the_fourth_point(tmp_path: Path) -> None:
    # Pre gaps 0, 3, 6 (+/- 0.5 each): a slope of 3 a year, far outside its uncertainty.
    rows = [
        own("2020", 50, comparison=50, ci_low=49.5, ci_high=50.5, **EXACT),
        own("2021", 53, comparison=50, ci_low=52.5, ci_high=53.5, **EXACT),
        own("2022", 56, comparison=50, ci_low=55.5, ci_high=56.5, **EXACT),
        own("2023", 60, comparison=50, ci_low=59.5, ci_high=60.5, **EXACT),
        own("2024", 60, comparison=50, ci_low=59.5, ci_high=60.5, **EXACT),
    ]
    e = effect_of(tmp_path, rows)
    # effect = 10 - 3 = 7; strength 3 (not parallel).
    assert (e.method, e.effect, e.parallel_trends, e.strength) == ("diff_in_diff", 7.0, False, 3)


def test_a_dip_before_the_start_is_not_taken_as_the_baseline(tmp_path: Path) -> None:
    # Pre-start 50, 51, 49, 42 (the dip that triggered it), then 49. Baseline = the pre mean
    # 48, effect +1 (the last value before the start would have said +7). No intervals: the
    # spread of five periods, pooled (df = 1 + 4 - 2 = 3): squares 0 + (4 + 9 + 1 + 36) = 50,
    # se = sqrt(50 / 3 x (1 + 1/4)) = 4.5644, half-width t(3) x se.
    rows = [own(p, v) for p, v in (("2019", 50), ("2020", 51), ("2021", 49), ("2022", 42))]
    rows.append(own("2023", 49))
    e = effect_of(tmp_path, rows)
    half = T3 * math.sqrt(50 / 3 * 1.25)
    assert (e.method, e.baseline, e.baseline_source) == ("before_after", 48.0, "before_mean")
    assert e.effect == pytest.approx(1.0)
    assert (e.low, e.high) == (pytest.approx(1 - half), pytest.approx(1 + half))
    assert (e.uncertainty, e.df, e.strength, e.effect_class) == ("spread", 3, 1, "inconclusive")


def test_before_after_never_reads_as_works_however_clear(tmp_path: Path) -> None:
    rows = [own("2022", 40, ci_low=39, ci_high=41), own("2023", 60, ci_low=59, ci_high=61)]
    rows.append(own("2024", 62, ci_low=61, ci_high=63))
    e = effect_of(tmp_path, rows)
    # mean post 61 - 40 = 21; strength 1 -> improved, cause unknown (never "works").
    assert (e.method, e.effect, e.strength) == ("before_after", 21.0, 1)
    assert e.effect_class == "improved_cause_unknown"
    rows_down = [own("2022", 60, ci_low=59, ci_high=61), own("2023", 40, ci_low=39, ci_high=41)]
    rows_down.append(own("2024", 40, ci_low=39, ci_high=41))
    assert effect_of(tmp_path / "x", rows_down).effect_class == "worsened_cause_unknown"


@pytest.mark.parametrize("unit", ["%", "percent", "pct", "Procent", "prosent"])
def test_a_percentage_spelled_any_way_gets_its_wilson_interval(tmp_path: Path, unit: str) -> None:
    # 60% of 100 against a comparison of 50 (exact), two periods: effect 10. Wilson for
    # 0.6, 100 is lopsided; the mean of two periods halves each side's square: / sqrt 2.
    rows = [own(p, 60, comparison=50, n=100, unit=unit, **EXACT) for p in ("2023", "2024")]
    e = effect_of(tmp_path, rows)
    lo, hi = wilson(0.6, 100)
    below, above = (60 - 100 * lo) / math.sqrt(2), (100 * hi - 60) / math.sqrt(2)
    assert (e.method, e.effect, e.uncertainty) == ("comparison_after", 10.0, "interval")
    assert e.low == pytest.approx(10 - below)
    assert e.high == pytest.approx(10 + above)
    assert below != pytest.approx(above)  # lopsided: Wilson, not a symmetric Wald interval
    assert e.effect_class == "works"


def test_a_value_that_is_not_a_proportion_gets_no_interval_from_n(tmp_path: Path) -> None:
    rows = [own(p, 60, comparison=50, n=100, unit="days") for p in ("2023", "2024")]
    e = effect_of(tmp_path, rows)
    # Two periods, no interval, too few for a spread: unknown -> strength 0, inconclusive.
    assert (e.uncertainty, e.low, e.strength, e.effect_class) == (
        "unknown",
        None,
        0,
        "inconclusive",
    )


def test_a_lopsided_wilson_interval_keeps_its_sides_and_lower_is_better(tmp_path: Path) -> None:
    # 2% of 50 after against 10% (exact comparison), lower is better, two periods.
    rows = [
        own(p, 2, comparison=10, n=50, unit="%", comparison_ci_low=10, comparison_ci_high=10)
        for p in ("2023", "2024")
    ]
    ind = [{"indicator": "ind", "higher_is_better": False, "unit": "%"}]
    e = effect_of(tmp_path, rows, indicators=ind)
    lo, hi = wilson(0.02, 50)
    below, above = (2 - 100 * lo) / math.sqrt(2), (100 * hi - 2) / math.sqrt(2)
    # effect = -(2 - 10) = 8; the value's upper side becomes the effect's lower side.
    assert e.effect == pytest.approx(8.0)
    assert e.low == pytest.approx(8 - above)
    assert e.high == pytest.approx(8 + below)
    assert e.high - e.effect < e.effect - e.low


def test_peers_serve_as_comparison_when_there_is_no_comparison_group(tmp_path: Path) -> None:
    # Home (municipality-level, the intervention has no rows of its own) and two peers:
    #   home  10 10 | 14 15 17     peer mean 11 11 | 12 13 14     gaps -1 -1 | 2 2 3
    # effect = 7/3 - (-1) = 10/3. Spread, pooled df = 3: squares 2/9 + 2/9 + 4/9 = 2/3,
    # se = sqrt(2/3 / 3 x (1/3 + 1/2)), half-width t(3) x se.
    home = [10, 10, 14, 15, 17]
    peer_a, peer_b = [10, 11, 12, 13, 14], [12, 11, 12, 13, 14]
    periods = ["2021", "2022", "2023", "2024", "2025"]
    rows = [
        outcome("ind", p, v, municipality="Eemsdal") for p, v in zip(periods, home, strict=True)
    ]
    rows += [outcome("ind", p, v, municipality="Aby") for p, v in zip(periods, peer_a, strict=True)]
    rows += [outcome("ind", p, v, municipality="Bby") for p, v in zip(periods, peer_b, strict=True)]
    e = effect_of(tmp_path, rows)
    half = T3 * math.sqrt(2 / 3 / 3 * (1 / 3 + 1 / 2))
    assert (e.method, e.peers, e.strength) == ("peers_diff_in_diff", ("Aby", "Bby"), 2)
    assert e.effect == pytest.approx(10 / 3)
    assert (e.low, e.high) == (pytest.approx(10 / 3 - half), pytest.approx(10 / 3 + half))
    assert e.effect_class == "works"


def test_a_randomised_design_is_strength_five_and_counts_both_arms(tmp_path: Path) -> None:
    # 60 (56-64) against 50 (47-53), two periods: effect 10; half-width
    # sqrt(2 x (4/2)^2 + 2 x (3/2)^2) = sqrt(12.5).
    rows = [
        own(
            p, 60, comparison=50, ci_low=56, ci_high=64, comparison_ci_low=47, comparison_ci_high=53
        )
        for p in ("2023", "2024")
    ]
    e = effect_of(tmp_path, rows, register={"design": "randomised"})
    assert (e.method, e.effect, e.strength, e.effect_class) == ("randomised", 10.0, 5, "works")
    assert (e.low, e.high) == (pytest.approx(10 - 12.5**0.5), pytest.approx(10 + 12.5**0.5))
    assert not e.comparison_exact
    plain = effect_of(tmp_path / "p", rows)
    assert (plain.method, plain.strength) == ("comparison_after", 2)
    se = 12.5**0.5 / Z
    assert e.mde == pytest.approx((Z + Z80) * se)


def test_a_single_period_after_the_start_costs_a_point(tmp_path: Path) -> None:
    # One period, 30 (25-35) against 40: -10 (-15, -5); comparison after the start 2 - 1 = 1:
    # worse than its comparison group, but one period is not enough to call it harmful.
    rows = [
        own(
            "2023",
            30,
            comparison=40,
            ci_low=25,
            ci_high=35,
            comparison_ci_low=40,
            comparison_ci_high=40,
        )
    ]
    e = effect_of(tmp_path, rows)
    assert (e.method, e.effect, e.low, e.high) == ("comparison_after", -10.0, -15.0, -5.0)
    assert (e.strength, e.effect_class) == (1, "worsened_cause_unknown")


def test_nothing_after_the_start_is_not_measured_or_too_early(tmp_path: Path) -> None:
    # The indicator is reported after the start (municipality level), the intervention not.
    e = effect_of(tmp_path, [own("2022", 10), outcome("ind", "2024", 5)])
    assert (e.method, e.effect_class, e.strength) == ("none", "not_measured", 0)
    late = effect_of(
        tmp_path / "l", [own("2022", 10)], register={"start_date": dt.date(2022, 6, 1)}
    )
    assert late.effect_class == "too_early"


# --------------------------------------------------------------------------- less information


def _row(
    period: str,
    value: float,
    *,
    after: bool,
    ci: float | None,
    comparison: float | None,
    cci: float | None,
) -> Row:
    year = int(period)
    return Row(
        series="own",
        municipality="Eemsdal",
        period=period,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        value=Value(value, ci, ci) if ci is not None else Value(value),
        comparison=None
        if comparison is None
        else (Value(comparison, cci, cci) if cci is not None else Value(comparison)),
        baseline=None,
        n=None,
        is_after=after,
        is_before=not after,
    )


REGISTER = {
    "intervention_id": "A",
    "name": "A",
    "programme": "P",
    "stage": "pilot",
    "evidence_level": "none",
    "start_date": START,
    "indicator": "ind",
    "indicator_unit": None,
    "participants": 10,
    "d": 1,
    "value_per_unit": None,
    "value_per_unit_low": None,
    "value_per_unit_high": None,
    "benefit_years": None,
    "persistence": None,
    "design": None,
    "expected_effect": None,
    "expected_effect_se": None,
    "reference_period_start": None,
}
RANK = {
    "works": 3,
    "harmful": 3,
    "improved_cause_unknown": 2,
    "worsened_cause_unknown": 2,
    "inconclusive": 1,
    "not_measured": 0,
    "too_early": 0,
}

period_st = st.tuples(
    st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 2)),
    st.one_of(st.none(), st.floats(0.1, 20).map(lambda x: round(x, 2))),
    st.one_of(st.none(), st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 2))),
    st.one_of(st.none(), st.floats(0.1, 20).map(lambda x: round(x, 2))),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    pre=st.lists(period_st, min_size=0, max_size=1),
    post=st.lists(period_st, min_size=1, max_size=1),
    randomised=st.booleans(),
)
def test_removing_uncertainty_or_design_never_earns_a_stronger_class(
    pre: list[tuple[Any, ...]], post: list[tuple[Any, ...]], randomised: bool
) -> None:
    """Below three periods (where the spread of the periods cannot stand in), dropping the
    intervals, the comparison's intervals or the randomised flag never raises the class or
    the strength (docs/effects.md, "Less information never helps")."""

    def rows(keep_ci: bool, keep_cci: bool) -> list[Row]:
        out = []
        for after, items, first in ((False, pre, 2021), (True, post, 2023)):
            for i, (v, ci, c, cci) in enumerate(items):
                out.append(
                    _row(
                        str(first + i),
                        v,
                        after=after,
                        ci=ci if keep_ci else None,
                        comparison=c,
                        cci=cci if keep_cci else None,
                    )
                )
        return out

    reg = REGISTER | {"design": "randomised" if randomised else None}
    full = effect_from_inputs(reg, rows(True, True))
    for keep_ci, keep_cci, design in (
        (False, True, True),
        (True, False, True),
        (False, False, True),
        (True, True, False),
    ):
        less = effect_from_inputs(
            reg | ({} if design else {"design": None}), rows(keep_ci, keep_cci)
        )
        assert RANK[less.effect_class] <= RANK[full.effect_class] or (
            full.effect_class == "inconclusive" and less.effect_class == "inconclusive"
        ), (full, less)
        assert less.strength <= full.strength


def test_dropping_the_interval_of_a_straddling_effect_stays_inconclusive(tmp_path: Path) -> None:
    rows = [own("2023", 52, comparison=50, ci_low=47, ci_high=57, **EXACT)]
    e = effect_of(tmp_path, rows)
    assert (e.effect_class, e.strength) == ("inconclusive", 1)
    bare = effect_of(tmp_path / "b", [own("2023", 52, comparison=50)])
    assert (bare.effect_class, bare.strength, bare.uncertainty) == ("inconclusive", 0, "unknown")


# --------------------------------------------------------------------------- money and priors


def _rct_rows() -> list[dict[str, Any]]:
    return [
        own(
            p, 60, comparison=50, ci_low=56, ci_high=64, comparison_ci_low=47, comparison_ci_high=53
        )
        for p in ("2023", "2024")
    ]


def test_break_even_and_pays_off_over_a_discounted_fading_horizon(tmp_path: Path) -> None:
    # value 50 a unit, 100 participants, cost 20,000; three years, persistence 0.5, NL 2.25%:
    # A = 1 + 0.5 / 1.0225 + 0.25 / 1.0225^2 = 1.72811...; e* = 20000 / (100 x 50 x A).
    ind = [
        {
            "indicator": "ind",
            "value_per_unit": Decimal("50.00"),
            "benefit_years": 3,
            "persistence": 0.5,
        }
    ]
    path = tmp_path / "m.duckdb"
    reg = {"start_date": START, "indicator": "ind", "participants": 100, "design": "randomised"}
    small_store(
        path, [programme("A", **reg)], _rct_rows(), ind, [budget(2024, "Work", "A", "20000.00")]
    )
    with store.reader(path) as con:
        report = effects_report(con, year=2024)
    a = 1 + 0.5 / 1.0225 + 0.25 / 1.0225**2
    assert annuity(3, 0.5, 0.0225) == pytest.approx(a)
    item = report["interventions"][0]
    assert item["breakeven_effect"] == pytest.approx(20000 / (100 * 50 * a))
    assert item["pays_off"] == "yes"  # low end 10 - 3.54 = 6.46 > 2.31
    assert item["bcr"] == pytest.approx(10 * 100 * 50 * a / 20000)
    assert (item["strength"], item["method"]) == (5, "randomised")
    assert 0.99 < item["p_benefit_exceeds_cost"] <= 1.0
    # Pays off "no" when the whole interval lies below e*: cost 200,000 -> e* = 23.1.
    small_store(
        tmp_path / "n.duckdb",
        [programme("A", **reg)],
        _rct_rows(),
        ind,
        [budget(2024, "Work", "A", "200000.00")],
    )
    with store.reader(tmp_path / "n.duckdb") as con:
        costly = effects_report(con, year=2024)["interventions"][0]
    assert costly["pays_off"] == "no"
    assert costly["p_benefit_exceeds_cost"] < 0.01


def test_before_after_gets_no_benefit_cost_figure(tmp_path: Path) -> None:
    ind = [{"indicator": "ind", "value_per_unit": Decimal("50.00")}]
    rows = [
        own("2022", 40, ci_low=39, ci_high=41),
        own("2023", 60, ci_low=59, ci_high=61),
        own("2024", 62, ci_low=61, ci_high=63),
    ]
    path = tmp_path / "m.duckdb"
    small_store(
        path,
        [programme("A", start_date=START, indicator="ind", participants=100)],
        rows,
        ind,
        [budget(2024, "Work", "A", "20000.00")],
    )
    with store.reader(path) as con:
        item = effects_report(con, year=2024)["interventions"][0]
    assert (item["method"], item["class"]) == ("before_after", "improved_cause_unknown")
    assert item["pays_off"] == "inconclusive"
    assert (item["bcr"], item["p_benefit_exceeds_cost"]) == (None, None)
    assert item["breakeven_effect"] == pytest.approx(20000 / (100 * 50))


def test_what_it_would_take_to_know(tmp_path: Path) -> None:
    # 52 (47-57) vs 50 over one period: se = 5 / Z, MDE = (Z + Z80) x se = 7.1469...;
    # e* = 10000 / (100 x 10) = 10 -> n needed = 100 x (MDE / 10)^2, periods 1 x (MDE/10)^2.
    ind = [{"indicator": "ind", "value_per_unit": Decimal("10.00")}]
    path = tmp_path / "m.duckdb"
    small_store(
        path,
        [programme("A", start_date=START, indicator="ind", participants=100)],
        [own("2023", 52, comparison=50, ci_low=47, ci_high=57, **EXACT)],
        ind,
        [budget(2023, "Work", "A", "10000.00")],
    )
    with store.reader(path) as con:
        item = effects_report(con, year=2023)["interventions"][0]
    mde = (Z + Z80) * 5 / Z
    assert item["mde"] == pytest.approx(mde)
    assert item["target_effect"] == pytest.approx(10.0)
    assert item["participants_needed"] == math.ceil(100 * (mde / 10) ** 2)  # 52
    assert item["periods_needed"] == math.ceil((mde / 10) ** 2)  # 1
    assert item["class"] == "inconclusive"


def test_a_prior_is_combined_by_precision_weighting(tmp_path: Path) -> None:
    e = effect_of(
        tmp_path,
        _rct_rows(),
        register={"design": "randomised", "expected_effect": 4.0, "expected_effect_se": 2.0},
    )
    se = 12.5**0.5 / Z
    w_local, w_prior = 1 / se**2, 1 / 4
    assert e.prior is not None
    assert e.prior.combined == pytest.approx((10 * w_local + 4 * w_prior) / (w_local + w_prior))
    assert e.prior.combined_se == pytest.approx((w_local + w_prior) ** -0.5)
    # P(effect > 0) from the combined normal: Phi(combined / combined_se).
    from statistics import NormalDist

    expected = 1 - NormalDist(e.prior.combined, e.prior.combined_se).cdf(0)
    assert e.probability_above(0.0) == pytest.approx(expected)


def test_a_working_intervention_that_does_not_pay_off_is_to_review(tmp_path: Path) -> None:
    # +2 (half-width 2.5 / sqrt 2 = 1.77) against an exact 50 over two periods: works at
    # strength 2. Break-even 1000 / (10 participants x 10.00) = 10: the whole interval lies
    # below it, so it does not pay off and the portfolio lists it for review.
    from whatworks.analytics import portfolio

    path = tmp_path / "m.duckdb"
    rows = [own(p, 52, comparison=50, ci_low=49.5, ci_high=54.5, **EXACT) for p in ("2023", "2024")]
    small_store(
        path,
        [programme("A", start_date=START, indicator="ind", participants=10, stage="standard")],
        rows,
        [{"indicator": "ind", "value_per_unit": Decimal("10.00")}],
        [budget(2024, "Work", "A", "1000.00")],
    )
    with store.reader(path) as con:
        p = portfolio.portfolio(con, year=2024)
        item = effects_report(con, year=2024)["interventions"][0]
    assert (item["class"], item["pays_off"], item["breakeven_effect"]) == ("works", "no", 10.0)
    assert [(i.intervention_id, i.rule) for i in p.review] == [("A", "review_no_payoff")]


def test_a_pinned_figure_keeps_the_discount_rate_of_its_version(tmp_path: Path) -> None:
    # Three years, persistence 1, 100 participants x 50.00, cost 20,000. At the data's
    # version the NL rate 2.25% applies: A = 1 + 1/1.0225 + 1/1.0225^2. Then an analyst
    # sets 10% (a new version): A = 1 + 1/1.1 + 1/1.21. The pinned figure keeps 2.25%.
    ind = [{"indicator": "ind", "value_per_unit": Decimal("50.00"), "benefit_years": 3}]
    path = tmp_path / "m.duckdb"
    reg = {"start_date": START, "indicator": "ind", "participants": 100, "design": "randomised"}
    small_store(
        path, [programme("A", **reg)], _rct_rows(), ind, [budget(2024, "Work", "A", "20000.00")]
    )
    with store.reader(path) as con:
        pinned = store.latest_version(con)
    changed = store.save_settings(path, {"discount_rate": "10"})
    assert changed == pinned + 1
    with store.reader(path) as con:
        before = effects_report(con, year=2024, version=pinned)["interventions"][0]
        after = effects_report(con, year=2024)["interventions"][0]
    old_a = 1 + 1 / 1.0225 + 1 / 1.0225**2
    new_a = 1 + 1 / 1.1 + 1 / 1.21
    assert before["breakeven_effect"] == pytest.approx(20000 / (100 * 50 * old_a))
    assert after["breakeven_effect"] == pytest.approx(20000 / (100 * 50 * new_a))
    assert before["bcr"] == pytest.approx(10 * 100 * 50 * old_a / 20000)


def test_the_relative_effect_divides_by_the_size_of_a_negative_reference(tmp_path: Path) -> None:
    # A balance that starts at -20 (baseline column) and is -10 after: +10 better, relative to
    # a reference level of size 20: +0.5 (dividing by -20 would turn it into -0.5).
    e = effect_of(tmp_path, [own("2023", -10, baseline=-20), own("2024", -10, baseline=-20)])
    assert (e.method, e.effect, e.relative_effect) == ("before_after", 10.0, 0.5)


def test_a_lopsided_comparison_interval_turns_over_in_the_difference(tmp_path: Path) -> None:
    # 20% (exact) against a comparison of 2% of 50 (Wilson, long upper side), two periods:
    # effect 18. The comparison enters with a minus sign, so its long upper side becomes the
    # effect's long lower side: low = 18 - above / sqrt 2, high = 18 + below / sqrt 2.
    rows = [
        own(p, 20, ci_low=20, ci_high=20, comparison=2, comparison_n=50, unit="%")
        for p in ("2023", "2024")
    ]
    e = effect_of(tmp_path, rows)
    lo, hi = wilson(0.02, 50)
    below, above = 2 - 100 * lo, 100 * hi - 2
    assert above > below
    assert e.effect == pytest.approx(18.0)
    assert e.low == pytest.approx(18 - above / math.sqrt(2))
    assert e.high == pytest.approx(18 + below / math.sqrt(2))
