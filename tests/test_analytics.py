"""Analytics: small hand-computed cases on a real DuckDB store.

The ``town`` database is one municipality's year, every figure of which is
worked out by hand in the comments beside its rows. Edge cases build their own small store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from statistics import NormalDist
from typing import Any

import duckdb
import pytest

from whatworks import analytics, store
from whatworks.analytics import EFFECT_CLASSES, MixedCurrencyError

D = Decimal
Z = 1.959963984540054

# --------------------------------------------------------------------------- helpers


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """period_start and period_end as the loader derives them."""
    if "-Q" in period:
        year, quarter = (int(x) for x in period.split("-Q"))
        start = dt.date(year, 3 * (quarter - 1) + 1, 1)
        months = 3
    elif len(period) == 4:
        start, months = dt.date(int(period), 1, 1), 12
    elif len(period) == 7:
        start, months = dt.date(int(period[:4]), int(period[5:]), 1), 1
    else:
        day = dt.date.fromisoformat(period)
        return day, day
    month = start.month - 1 + months
    end = dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def insert(
    con: duckdb.DuckDBPyConnection, table: str, version: int, *records: Mapping[str, Any]
) -> None:
    for record in records:
        data = dict(record)
        if table == "outcome_rows":
            data["period_start"], data["period_end"] = period_bounds(data["period"])
        names = [*data, "valid_from"]
        columns = ", ".join(store.ident(n) for n in names)
        marks = ", ".join("?" * len(names))
        con.execute(f"insert into {table} ({columns}) values ({marks})", [*data.values(), version])


def new_version(con: duckdb.DuckDBPyConnection, version: int, kind: str) -> None:
    store.record_version(con, version, store.NewVersion(kind=kind, action="load"))


def setting(con: duckdb.DuckDBPyConnection, key: str, value: str, version: int = 0) -> None:
    store.run(con, "settings_close", {"key": key, "version": version})
    store.run(con, "settings_insert", {"key": key, "value": value, "version": version})


def programme(iid: str, **extra: Any) -> dict[str, Any]:
    row = {"intervention_id": iid, "name": f"Intervention {iid}", "programme": "Work"}
    return row | extra


def outcome(indicator: str, period: str, value: float, **extra: Any) -> dict[str, Any]:
    return {"indicator": indicator, "period": period, "value": value} | extra


def ex(comparison: float) -> dict[str, float]:
    """A comparison figure without sampling error: a zero-width interval."""
    return {
        "comparison": comparison,
        "comparison_ci_low": comparison,
        "comparison_ci_high": comparison,
    }


def budget(year: int, programme_: str, iid: str | None, actual: str, **extra: Any) -> dict:
    row = {"year": year, "programme": programme_, "intervention_id": iid, "actual": D(actual)}
    return row | extra


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "w.duckdb"


def one_effect(path: Path, iid: str = "A", **kwargs: Any) -> analytics.Effect:
    with store.reader(path) as con:
        found = analytics.effect(con, iid, **kwargs)
    assert found is not None
    return found


def small_store(
    path: Path,
    programmes: list[dict[str, Any]],
    outcomes: list[dict[str, Any]] = (),  # type: ignore[assignment]
    indicators: list[dict[str, Any]] = (),  # type: ignore[assignment]
    budgets: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> None:
    with store.writer(path) as con:
        setting(con, "home_municipality", "Eemsdal")
        new_version(con, 1, "programmes")
        insert(con, "programme_rows", 1, *programmes)
        new_version(con, 2, "outcomes")
        insert(con, "outcome_rows", 2, *outcomes)
        new_version(con, 3, "indicators")
        insert(con, "indicator_rows", 3, *indicators)
        new_version(con, 4, "budget")
        insert(con, "budget_rows", 4, *budgets)


# --------------------------------------------------------------------------- the town

START_2023 = dt.date(2023, 1, 1)
START_2024 = dt.date(2024, 1, 1)


@pytest.fixture
def town(tmp_path: Path) -> Path:
    # Built per test: store.reader keeps only the newest few generation files open, so a
    # store shared by many tests would be closed under them (see the hand-back note).
    path = tmp_path / "town.duckdb"
    with store.writer(path) as con:
        setting(con, "home_municipality", "Eemsdal")
        setting(con, "default_currency", "EUR")
        new_version(con, 1, "programmes")
        insert(
            con,
            "programme_rows",
            1,
            programme(
                "A",
                name="Job coaching",
                stage="scaling",
                evidence_level="effective",
                start_date=START_2023,
                indicator="employment",
                participants=100,
            ),
            programme(
                "B",
                name="Dropout prevention",
                programme="Youth",
                stage="pilot",
                evidence_level="indicative",
                start_date=START_2024,
                indicator="dropout",
                participants=50,
            ),
            programme(
                "C",
                name="Waiting list",
                programme="Care",
                stage="standard",
                evidence_level="strong",
                start_date=START_2024,
                indicator="wait_days",
                participants=20,
            ),
            programme(
                "D",
                name="Neighbourhood sport",
                programme="Youth",
                stage="pilot",
                evidence_level="none",
                start_date=dt.date(2020, 1, 1),
            ),
            programme(
                "E",
                name="New pilot",
                stage="idea",
                evidence_level="theory",
                start_date=dt.date(2025, 3, 1),
                indicator="employment",
                participants=10,
            ),
            programme(
                "F",
                name="Debt help",
                programme="Care",
                stage="standard",
                evidence_level="described",
                start_date=dt.date(2022, 1, 1),
                indicator="debt_resolved",
                participants=30,
            ),
        )
        new_version(con, 2, "indicators")
        insert(
            con,
            "indicator_rows",
            2,
            {"indicator": "employment", "unit": "%", "value_per_unit": D("100.00")},
            # The metadata overrides the outcome rows' direction (they say true).
            {"indicator": "wait_days", "higher_is_better": False, "value_per_unit": D("50.00")},
        )
        new_version(con, 3, "outcomes")
        insert(
            con,
            "outcome_rows",
            3,
            # A, difference-in-differences (comparison figures exact: zero-width intervals):
            # gaps 0 before (2022, +/- 2), 5 (+/- 2) and 8 (+/- 3) after -> 6.5 - 0 = 6.5;
            # half-width sqrt((2/2)^2 + (3/2)^2 + 2^2) = sqrt(7.25). One pre period: no
            # trend bonus; two after: strength 3 -> works.
            outcome("employment", "2022", 40, intervention_id="A", ci_low=38, ci_high=42, **ex(40)),
            outcome("employment", "2023", 50, intervention_id="A", ci_low=48, ci_high=52, **ex(45)),
            outcome("employment", "2024", 54, intervention_id="A", ci_low=51, ci_high=57, **ex(46)),
            # A peer's figure for the same intervention id: another municipality, ignored.
            outcome("employment", "2024", 10, intervention_id="A", municipality="Westholm"),
            # Municipality-level: not A's own row, but the latest employment period (2025),
            # which E (started 2025-03-01) has not yet had: too early.
            outcome("employment", "2025", 60),
            # B, before/after against the baseline column, lower is better:
            # -(12 - 15) = 3, no interval -> strength 0, inconclusive; relative 3 / 15 = 0.2.
            outcome(
                "dropout",
                "2024",
                12,
                intervention_id="B",
                baseline=15,
                unit="%",
                higher_is_better=False,
            ),
            # C, before/after against the mean before the start (30, 28: 29); after 20, 22
            # (mean 21). d = -1 from the indicators table: effect -(21 - 29) = 8. Two rows
            # lack an interval: the spread, pooled, df 2: se = sqrt(4 / 2 x (1/2 + 1/2)),
            # half-width t(2) x sqrt 2 = 6.0849 -> improved, cause unknown (strength 1).
            outcome("wait_days", "2022", 30, intervention_id="C", higher_is_better=True),
            outcome(
                "wait_days",
                "2023",
                28,
                intervention_id="C",
                ci_low=27,
                ci_high=29,
                higher_is_better=True,
            ),
            outcome("wait_days", "2024", 20, intervention_id="C", higher_is_better=True),
            outcome(
                "wait_days",
                "2025",
                22,
                intervention_id="C",
                ci_low=20,
                ci_high=24,
                higher_is_better=True,
            ),
            # F, comparison after the start (exact): 30 - 40 = -10 in 2023 and 2024,
            # half-width sqrt(2 x (5/2)^2) = 3.5355 -> (-13.54, -6.46), strength 2 -> harmful.
            outcome(
                "debt_resolved", "2023", 30, intervention_id="F", ci_low=25, ci_high=35, **ex(40)
            ),
            outcome(
                "debt_resolved", "2024", 30, intervention_id="F", ci_low=25, ci_high=35, **ex(40)
            ),
        )
        new_version(con, 4, "budget")
        insert(
            con,
            "budget_rows",
            4,
            budget(2023, "Work", "A", "40000.00", budgeted=D("40000.00")),
            budget(2024, "Work", "A", "30000.00", budgeted=D("28000.00")),
            budget(2024, "Work", "A", "20000.00", budgeted=D("20000.00")),
            budget(2024, "Youth", "B", "20000.00", budgeted=D("25000.00"), currency="EUR"),
            budget(2024, "Care", "C", "10000.00", budgeted=D("10000.00")),
            budget(2024, "Youth", "D", "15000.00", municipality="Eemsdal"),
            budget(2024, "Work", "E", "3000.00"),
            budget(2024, "Care", "F", "5000.00"),
            budget(2024, "Work", None, "2000.00"),  # not attributed to an intervention
            budget(2024, "Care", "Z9", "1000.00"),  # unknown to the register
            budget(2024, "Work", "A", "99999.00", municipality="Westholm"),
        )
    return path


@pytest.fixture
def town_con(town: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with store.reader(town) as con:
        yield con


def effects_by_id(con: duckdb.DuckDBPyConnection) -> dict[str, analytics.Effect]:
    return {e.intervention_id: e for e in analytics.effects(con)}


# --------------------------------------------------------------------------- effects


def test_difference_in_differences_with_exact_comparison(town_con: Any) -> None:
    a = effects_by_id(town_con)["A"]
    assert (a.method, a.effect, a.strength, a.effect_class) == ("diff_in_diff", 6.5, 3, "works")
    assert (a.low, a.high) == (pytest.approx(6.5 - 7.25**0.5), pytest.approx(6.5 + 7.25**0.5))
    assert a.relative_effect == pytest.approx(6.5 / 45.5)
    assert (a.periods, a.pre_periods) == (("2023", "2024"), ("2022",))
    assert a.comparison_exact
    assert a.method_label == "method.diff_in_diff"


def test_before_after_against_baseline_column_with_lower_is_better(town_con: Any) -> None:
    b = effects_by_id(town_con)["B"]
    assert (b.method, b.direction, b.effect, b.low, b.high) == ("before_after", -1, 3.0, None, None)
    assert (b.strength, b.effect_class, b.uncertainty) == (0, "inconclusive", "unknown")
    assert b.relative_effect == pytest.approx(0.2)
    assert (b.baseline, b.baseline_source) == (15.0, "column")
    assert b.method_label == "method.before_after"


def test_before_after_against_the_mean_before_the_start_uses_the_spread(town_con: Any) -> None:
    c = effects_by_id(town_con)["C"]
    t2 = 4.302652729749464  # Student's t, 97.5%, 2 degrees of freedom
    assert (c.method, c.direction, c.effect) == ("before_after", -1, 8.0)
    assert (c.baseline, c.baseline_source) == (29.0, "before_mean")
    assert (c.periods, c.pre_periods) == (("2024", "2025"), ("2022", "2023"))
    assert c.low == pytest.approx(8 - t2 * 2**0.5)
    assert c.high == pytest.approx(8 + t2 * 2**0.5)
    assert (c.uncertainty, c.strength, c.effect_class) == ("spread", 1, "improved_cause_unknown")
    assert c.relative_effect == pytest.approx(8 / 29)


def test_indicators_table_direction_overrides_outcome_rows(town_con: Any) -> None:
    # The outcome rows of wait_days say higher is better; the indicators table says not.
    assert effects_by_id(town_con)["C"].direction == -1


def test_negative_effect_with_interval_below_zero_is_harmful(town_con: Any) -> None:
    f = effects_by_id(town_con)["F"]
    assert (f.effect, f.effect_class, f.strength) == (-10.0, "harmful", 2)
    assert (f.low, f.high) == (pytest.approx(-10 - 12.5**0.5), pytest.approx(-10 + 12.5**0.5))


def test_no_indicator_is_not_measured_and_recent_start_is_too_early(town_con: Any) -> None:
    found = effects_by_id(town_con)
    d, e = found["D"], found["E"]
    assert (d.method, d.effect, d.effect_class) == ("none", None, "not_measured")
    assert (e.method, e.effect, e.effect_class) == ("none", None, "too_early")


def test_effect_of_unknown_intervention_is_none(town_con: Any) -> None:
    assert analytics.effect(town_con, "Z9") is None


@pytest.mark.parametrize(
    ("strength", "low", "high", "expected"),
    [
        (2, 0.5, 4.0, "works"),
        (1, 0.5, 4.0, "improved_cause_unknown"),
        (5, 0.0, 4.0, "inconclusive"),  # an interval touching zero does not exclude it
        (5, -4.0, 0.0, "inconclusive"),
        (2, -4.0, -0.5, "harmful"),
        (1, -4.0, -0.5, "worsened_cause_unknown"),
        (0, None, None, "inconclusive"),
        (3, -1.0, 1.0, "inconclusive"),
    ],
)
def test_effect_class_boundaries(
    strength: int, low: float | None, high: float | None, expected: str
) -> None:
    assert analytics.effect_class(strength, low, high) == expected


def test_interval_touching_zero_in_data_is_no_effect(db: Path) -> None:
    small_store(
        db,
        [programme("A", start_date=START_2024, indicator="x")],
        [outcome("x", "2024", 10, intervention_id="A", ci_low=8, ci_high=12, **ex(8))],
    )
    a = one_effect(db)
    assert (a.effect, a.low, a.high, a.effect_class) == (2.0, 0.0, 4.0, "inconclusive")


def test_comparison_interval_unknown_when_one_period_lacks_it(db: Path) -> None:
    small_store(
        db,
        [programme("A", start_date=START_2023, indicator="x")],
        [
            outcome("x", "2023", 10, intervention_id="A", ci_low=9, ci_high=11, **ex(8)),
            outcome("x", "2024", 12, intervention_id="A", **ex(8)),
        ],
    )
    a = one_effect(db)
    # Two periods are too few for the spread to stand in: unknown, never "works".
    assert (a.effect, a.low, a.high, a.effect_class) == (3.0, None, None, "inconclusive")
    assert a.strength == 0


def test_proportion_with_n_gets_a_wilson_interval(db: Path) -> None:
    # 60% of 100 against a baseline of 50%: the 95% Wilson interval of 60/100 is
    # 50.20% .. 69.06%, so the effect 10 has the interval 0.20 .. 19.06.
    small_store(
        db,
        [programme("A", start_date=START_2024, indicator="share_employed")],
        [outcome("share_employed", "2024", 60, intervention_id="A", unit="%", n=100, baseline=50)],
    )
    a = one_effect(db)
    assert a.effect == 10.0
    assert a.low == pytest.approx(0.2003, abs=1e-4)
    assert a.high == pytest.approx(19.0599, abs=1e-4)
    assert a.effect_class == "improved_cause_unknown"


def test_fraction_with_n_is_a_proportion_but_other_units_are_not(db: Path) -> None:
    small_store(
        db,
        [
            programme("A", start_date=START_2024, indicator="frac"),
            programme("B", start_date=START_2024, indicator="score"),
        ],
        [
            outcome("frac", "2024", 0.6, intervention_id="A", n=100, baseline=0.5),
            outcome("score", "2024", 0.6, intervention_id="B", n=100, baseline=0.5, unit="pts"),
        ],
    )
    a, b = one_effect(db, "A"), one_effect(db, "B")
    assert a.low == pytest.approx(0.002003, abs=1e-6)
    assert a.effect_class == "improved_cause_unknown"
    assert (b.low, b.high, b.effect_class) == (None, None, "inconclusive")


def test_periods_straddling_the_start_count_neither_before_nor_after(db: Path) -> None:
    # Start mid-2024: the year 2024 straddles it, so only 2025 is after and 2023 is the
    # only value before: 14 - 10 = 4.
    small_store(
        db,
        [programme("A", start_date=dt.date(2024, 6, 1), indicator="x")],
        [
            outcome("x", "2023", 10, intervention_id="A"),
            outcome("x", "2024", 99, intervention_id="A", comparison=0),
            outcome("x", "2025", 14, intervention_id="A"),
        ],
    )
    a = one_effect(db)
    assert (a.method, a.effect, a.periods, a.pre_periods) == (
        "before_after",
        4.0,
        ("2025",),
        ("2023",),
    )


def test_no_rows_after_a_long_ago_start_is_not_measured(db: Path) -> None:
    small_store(
        db,
        [programme("A", start_date=START_2023, indicator="x")],
        [outcome("x", "2022", 10, intervention_id="A"), outcome("x", "2025", 12)],
    )
    assert one_effect(db).effect_class == "not_measured"


def test_too_early_falls_back_to_other_indicators_latest_period(db: Path) -> None:
    small_store(
        db,
        [
            programme("A", start_date=dt.date(2025, 6, 1), indicator="new_indicator"),
            programme("B", start_date=dt.date(2024, 6, 1), indicator="new_indicator"),
        ],
        [outcome("other", "2025", 1)],
    )
    assert one_effect(db, "A").effect_class == "too_early"
    assert one_effect(db, "B").effect_class == "not_measured"


def test_no_outcome_data_at_all_is_not_measured(db: Path) -> None:
    small_store(db, [programme("A", start_date=dt.date(2099, 1, 1), indicator="x")])
    assert one_effect(db).effect_class == "not_measured"


def test_as_of_version_returns_the_old_figure_after_a_newer_load(db: Path) -> None:
    small_store(
        db,
        [programme("A", start_date=START_2024, indicator="x")],
        [outcome("x", "2024", 12, intervention_id="A", baseline=10)],
    )
    with store.writer(db) as con:
        new_version(con, 5, "outcomes")
        con.execute("update outcome_rows set valid_to = 5 where valid_to is null")
        insert(con, "outcome_rows", 5, outcome("x", "2024", 15, intervention_id="A", baseline=10))
    assert one_effect(db).effect == 5.0
    assert one_effect(db, version=4).effect == 2.0
    assert one_effect(db, version=1).effect_class == "not_measured"
    with store.reader(db) as con, pytest.raises(analytics.AnalyticsError, match="no data version"):
        analytics.effects(con, version=9)


# --------------------------------------------------------------------------- spend


def test_intervention_spend_per_year_with_variance_and_reach(town_con: Any) -> None:
    spend = analytics.intervention_spend(town_con, intervention_id="A")
    assert spend == [
        analytics.SpendYear(
            "A", 2023, "EUR", D("40000.00"), D("40000.00"), D("0.00"), 100, D("400.00")
        ),
        analytics.SpendYear(
            "A", 2024, "EUR", D("48000.00"), D("50000.00"), D("2000.00"), 100, D("500.00")
        ),
    ]


def test_unknown_amounts_stay_unknown(town_con: Any) -> None:
    d = analytics.intervention_spend(town_con, intervention_id="D")[0]
    assert (d.budgeted, d.actual, d.variance, d.spend_per_participant) == (
        None,
        D("15000.00"),
        None,
        None,
    )


def test_programme_spend_sums_all_lines_of_the_municipality(town_con: Any) -> None:
    spend = {p.programme: p for p in analytics.programme_spend(town_con, year=2024)}
    assert spend["Work"].actual == D("55000.00")  # A 50000 + E 3000 + unattributed 2000
    assert spend["Work"].budgeted == D("48000.00")
    assert spend["Care"].actual == D("16000.00")  # C 10000 + F 5000 + Z9 1000


# --------------------------------------------------------------------------- cost-benefit


def test_benefit_cost_ratio_and_chance(town_con: Any) -> None:
    figures = {f.intervention_id: f for f in analytics.intervention_figures(town_con, year=2024)}
    a = figures["A"].cost_benefit
    # 6.5 x 100 participants x 100.00 = 65000.00 against 50000.00 spent.
    assert (a.benefit, a.net_benefit, a.bcr) == (D("65000.00"), D("15000.00"), 1.3)
    # Break-even 50000 / (100 x 100) = 5.0 lies inside (3.81, 9.19): inconclusive.
    assert (a.breakeven_effect, a.pays_off) == (5.0, "inconclusive")
    # Benefits exceed costs when the effect exceeds 5.0: P = 1 - Phi((5 - 6.5) / sd).
    expected = 1 - NormalDist(6.5, 7.25**0.5 / Z).cdf(5.0)
    assert a.p_benefit_exceeds_cost == pytest.approx(expected, abs=0.01)
    assert a.p_effect_above_breakeven == pytest.approx(expected, abs=1e-9)
    c = figures["C"].cost_benefit
    # Before/after: the cause is unknown, so no benefit figure; break-even 10000 / (20 x 50).
    assert (c.benefit, c.bcr, c.pays_off, c.breakeven_effect) == (None, None, "inconclusive", 10.0)


def test_bcr_unknown_without_value_per_unit_or_spend(town_con: Any) -> None:
    figures = {f.intervention_id: f for f in analytics.intervention_figures(town_con, year=2024)}
    assert figures["B"].cost_benefit == analytics.CostBenefit()  # dropout has no value
    assert figures["D"].cost_benefit.bcr is None  # not measured
    a = effects_by_id(town_con)["A"]
    assert analytics.cost_benefit(a, D("0.00")).bcr is None
    assert analytics.cost_benefit(a, None).bcr is None
    assert analytics.cost_benefit(a, D("10.00"), home_currency=False).bcr is None


def test_bcr_unknown_without_participants(db: Path) -> None:
    small_store(
        db,
        [programme("A", start_date=START_2024, indicator="x")],
        [outcome("x", "2024", 12, intervention_id="A", baseline=10)],
        [{"indicator": "x", "value_per_unit": D("10.00")}],
        [budget(2024, "Work", "A", "100.00")],
    )
    with store.reader(db) as con:
        (a,) = analytics.intervention_figures(con, year=2024)
    assert a.cost_benefit.bcr is None
    assert a.spend_per_participant is None


def test_benefit_simulation_is_deterministic_for_a_seed(town_con: Any) -> None:
    a = effects_by_id(town_con)["A"]  # 6.5, value 100 a unit
    args = {"cost": D("65000.00"), "factor": 100.0}  # the expected benefit equals the cost
    first = analytics.chance_benefit_exceeds_cost(a, seed=7, **args)
    again = analytics.chance_benefit_exceeds_cost(a, seed=7, **args)
    other = analytics.chance_benefit_exceeds_cost(a, seed=8, **args)
    assert first == again
    assert first == pytest.approx(0.5, abs=0.02)
    assert other != first
    # Cost 30000: break-even 3.0; P(effect > 3) = 1 - Phi((3 - 6.5) / sd).
    expected = 1 - NormalDist(6.5, 7.25**0.5 / Z).cdf(3.0)
    cheap = analytics.chance_benefit_exceeds_cost(a, cost=D("30000.00"), factor=100.0)
    assert cheap == pytest.approx(expected, abs=0.005)


def test_report_is_deterministic(town_con: Any) -> None:
    first = analytics.effects_report(town_con, year=2024)
    assert analytics.effects_report(town_con, year=2024) == first


# --------------------------------------------------------------------------- the year


EXPECTED_BY_CLASS = {
    "works": D("50000.00"),  # A
    "improved_cause_unknown": D("10000.00"),  # C
    "inconclusive": D("20000.00"),  # B
    "worsened_cause_unknown": D("0.00"),
    "harmful": D("5000.00"),  # F
    "not_measured": D("18000.00"),  # D 15000 + unattributed 2000 + Z9 1000
    "too_early": D("3000.00"),  # E
}


def test_spend_by_class_adds_up_to_the_total(town_con: Any) -> None:
    split = analytics.overview(town_con, year=2024).by_class
    assert split.total_actual == D("106000.00")
    assert split.unattributed_actual == D("3000.00")
    assert {k: v.actual for k, v in split.by_key.items()} == EXPECTED_BY_CLASS
    assert split.by_key["works"].share == pytest.approx(50000 / 106000)
    assert sum(v.share or 0 for v in split.by_key.values()) == pytest.approx(1.0)
    assert split.programme_totals == {
        "Care": D("16000.00"),
        "Work": D("55000.00"),
        "Youth": D("35000.00"),
    }
    youth = split.by_programme["Youth"]
    assert youth["inconclusive"].actual == D("20000.00")
    assert youth["inconclusive"].share == pytest.approx(20000 / 35000)


def test_spend_by_evidence_beside_the_measured_share(town_con: Any) -> None:
    evidence = analytics.overview(town_con, year=2024).by_evidence
    assert {k: v.actual for k, v in evidence.split.by_key.items()} == {
        "none": D("18000.00"),
        "described": D("5000.00"),
        "theory": D("3000.00"),
        "indicative": D("20000.00"),
        "effective": D("50000.00"),
        "strong": D("10000.00"),
    }
    assert evidence.external.actual == D("60000.00")
    assert evidence.local_works.actual == D("50000.00")
    assert evidence.local_improved_cause_unknown.share == pytest.approx(10000 / 106000)


def test_kpis_and_sentence(town_con: Any) -> None:
    k = analytics.overview(town_con, year=2024).kpis
    assert (k.municipality, k.currency, k.version) == ("Eemsdal", "EUR", 4)
    assert k.total_actual == D("106000.00")
    assert k.total_budgeted == D("83000.00")  # A 48000 + B 25000 + C 10000
    assert k.works.actual == D("50000.00")
    assert k.improved_cause_unknown.actual == D("10000.00")
    assert k.inconclusive.actual == D("20000.00")
    assert k.not_measured.share == pytest.approx(18000 / 106000)
    assert k.interventions_with_spend == 7  # A B C D E F Z9
    assert k.interventions_by_stage == {
        "idea": 1,
        "pilot": 2,
        "scaling": 1,
        "standard": 2,
        "stopped": 0,
    }
    s = analytics.overview(town_con, year=2024).sentence
    assert (s.year, s.total_actual, s.works.actual, s.not_measured.actual) == (
        2024,
        D("106000.00"),
        D("50000.00"),
        D("18000.00"),
    )
    assert (s.improved_cause_unknown.actual, s.harmful.actual) == (D("10000.00"), D("5000.00"))


def test_look_here_next(town_con: Any) -> None:
    look = analytics.overview(town_con, year=2024).look_here_next
    assert [f.intervention_id for f in look.not_measured] == ["D", "Z9"]
    assert [f.intervention_id for f in look.review] == ["F"]
    assert [f.intervention_id for f in look.inconclusive] == ["B"]
    assert [f.intervention_id for f in look.best_value] == ["A"]  # C: before/after, no ratio


def test_peer_municipality_is_its_own_scope(town_con: Any) -> None:
    report = analytics.effects_report(town_con, year=2024, municipality="Westholm")
    assert report["total_actual"] == "99999.00"
    (a,) = report["interventions"]
    assert (a["intervention_id"], a["method"], a["class"]) == ("A", "none", "not_measured")


def test_effects_report_json_shape(town_con: Any) -> None:
    report = analytics.effects_report(town_con, year=2024)
    json.dumps(report)  # JSON-ready as it is
    assert list(report) == [
        "year",
        "municipality",
        "currency",
        "total_actual",
        "by_class",
        "interventions",
    ]
    assert (report["year"], report["municipality"], report["currency"]) == (2024, "Eemsdal", "EUR")
    assert report["total_actual"] == "106000.00"
    assert list(report["by_class"]) == list(EFFECT_CLASSES)
    assert report["by_class"]["worsened_cause_unknown"] == {"actual": "0.00", "share": 0.0}
    assert {k: D(v["actual"]) for k, v in report["by_class"].items()} == EXPECTED_BY_CLASS
    ids = [i["intervention_id"] for i in report["interventions"]]
    assert ids == ["A", "B", "D", "C", "F", "E", "Z9"]  # largest spend first
    a = report["interventions"][0]
    half = 7.25**0.5
    expected_a = {
        "intervention_id": "A",
        "name": "Job coaching",
        "programme": "Work",
        "actual": "50000.00",
        "effect": 6.5,
        "effect_low": pytest.approx(6.5 - half),
        "effect_high": pytest.approx(6.5 + half),
        "relative_effect": pytest.approx(6.5 / 45.5),
        "method": "diff_in_diff",
        "strength": 3,
        "uncertainty": "interval",
        "class": "works",
        "pays_off": "inconclusive",
        "breakeven_effect": 5.0,
        "mde": pytest.approx((Z + 0.8416212335729143) * half / Z),
        "bcr": 1.3,
        "net_benefit": "15000.00",
        "prior": None,
    }
    assert {k: a[k] for k in expected_a} == expected_a
    z9 = report["interventions"][-1]
    expected_z9 = {
        "intervention_id": "Z9",
        "name": None,
        "actual": "1000.00",
        "effect": None,
        "effect_low": None,
        "method": "none",
        "strength": 0,
        "class": "not_measured",
        "pays_off": "unknown",
        "breakeven_effect": None,
        "mde": None,
        "bcr": None,
        "p_benefit_exceeds_cost": None,
    }
    assert {k: z9[k] for k in expected_z9} == expected_z9


def test_empty_year_reports_zero_spend_and_unknown_shares(town_con: Any) -> None:
    report = analytics.effects_report(town_con, year=2030)
    assert (report["total_actual"], report["currency"], report["interventions"]) == (
        "0.00",
        "EUR",
        [],
    )
    assert all(v == {"actual": "0.00", "share": None} for v in report["by_class"].values())


# --------------------------------------------------------------------------- scope


def test_mixed_currencies_raise_unless_one_is_chosen(db: Path) -> None:
    small_store(
        db,
        [programme("A")],
        budgets=[
            budget(2024, "Work", "A", "100.00", currency="EUR"),
            budget(2024, "Work", "A", "700.00", currency="DKK"),
            budget(2024, "Work", None, "50.00", currency="DKK"),
        ],
    )
    with store.reader(db) as con:
        with pytest.raises(MixedCurrencyError, match="DKK, EUR") as caught:
            analytics.effects_report(con, year=2024)
        assert caught.value.currencies == ["DKK", "EUR"]
        dkk = analytics.effects_report(con, year=2024, currency="DKK")
        eur = analytics.effects_report(con, year=2024, currency="EUR")
        spend = analytics.intervention_spend(con, intervention_id="A")
    assert (dkk["currency"], dkk["total_actual"]) == ("DKK", "750.00")
    assert dkk["interventions"][0]["actual"] == "700.00"
    assert (eur["currency"], eur["total_actual"]) == ("EUR", "100.00")
    assert [(s.currency, s.actual) for s in spend] == [("DKK", D("700.00")), ("EUR", D("100.00"))]


def test_municipality_defaults_to_the_first_named_when_home_is_unset(db: Path) -> None:
    with store.writer(db) as con:
        new_version(con, 1, "budget")
        insert(
            con,
            "budget_rows",
            1,
            budget(2024, "Work", None, "5.00", municipality="Oslo"),
            budget(2024, "Work", None, "7.00", municipality="Bergen"),
            budget(2024, "Work", None, "1.00"),  # no municipality: the home one, Bergen
        )
    with store.reader(db) as con:
        assert analytics.municipalities(con) == ["Bergen", "Oslo"]
        report = analytics.effects_report(con, year=2024)
    assert (report["municipality"], report["currency"], report["total_actual"]) == (
        "Bergen",
        None,
        "8.00",
    )


# --------------------------------------------------------------------------- trace


def test_trace_names_method_rows_versions_and_sql(town_con: Any) -> None:
    t = analytics.trace(town_con, None, "A", year=2024)
    assert (t.method, t.method_label, t.version) == ("diff_in_diff", "method.diff_in_diff", 4)
    assert t.effect is not None
    assert t.effect.effect == 6.5
    by_source = [(r.source, r.valid_from, r.used_for) for r in t.rows]
    assert by_source == [
        ("programmes", 1, ("register",)),
        ("indicators", 2, ("indicator",)),
        ("outcomes", 3, ("before",)),  # 2022: the gap before the start
        ("outcomes", 3, ("after",)),
        ("outcomes", 3, ("after",)),
        ("budget", 4, ("spend",)),
        ("budget", 4, ("spend",)),
    ]
    assert [r.values.get("period") for r in t.rows if r.source == "outcomes"] == [
        "2022",
        "2023",
        "2024",
    ]
    assert t.rows[3].values["comparison"] == D("45.0")
    assert "comparison" in t.sql["effect_rows"]
    assert "$version" in t.sql["trace_rows"]


def test_trace_of_before_after_marks_the_periods_before_and_after(town_con: Any) -> None:
    t = analytics.trace(town_con, 4, "C")
    roles = {r.values.get("period"): r.used_for for r in t.rows if r.source == "outcomes"}
    assert roles == {
        "2022": ("before",),
        "2023": ("before",),
        "2024": ("after",),
        "2025": ("after",),
    }
    b = analytics.trace(town_con, 4, "B")
    roles_b = {r.values.get("period"): r.used_for for r in b.rows if r.source == "outcomes"}
    assert roles_b == {"2024": ("after", "baseline")}
