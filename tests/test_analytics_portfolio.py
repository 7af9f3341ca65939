"""Programmes, Benchmark and Portfolio analytics: small hand-made stores, exact expectations.

Every expected figure is worked out by hand in the comments beside the rows that make it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import pytest

from whatworks import store
from whatworks.analytics import benchmark, portfolio, programmes
from whatworks.analytics.benchmark import TOTAL

D = Decimal
Rows = Mapping[str, list[dict[str, Any]]]


# --------------------------------------------------------------------------- helpers

KINDS = ("programmes", "indicators", "outcomes", "budget")  # the register before its references


def make_store(tmp_path: Path, settings: Mapping[str, str], **rows: list[dict]) -> Path:
    """A store loaded through ingest: one dataset version per kind that has rows."""
    files = [(kind, builders.csv_text(rows[kind])) for kind in KINDS if rows.get(kind)]
    return builders.database(tmp_path / "t.duckdb", files, settings)


def budget(year: int, programme: str, iid: str | None, actual: str | None, **extra: Any) -> dict:
    row = {"year": year, "programme": programme, "intervention_id": iid}
    row["actual"] = D(actual) if actual is not None else None
    if "budgeted" in extra:
        extra["budgeted"] = D(extra["budgeted"]) if extra["budgeted"] is not None else None
    return row | extra


def register(iid: str, programme: str, stage: str, **extra: Any) -> dict:
    return (
        {"intervention_id": iid, "name": f"Intervention {iid}", "programme": programme}
        | {"stage": stage}
        | extra
    )


def outcome(indicator: str, period: str, value: float, **extra: Any) -> dict:
    return {"indicator": indicator, "period": period, "value": value} | extra


HOME = {"home_municipality": "Town", "default_currency": "EUR"}


# --------------------------------------------------------------------------- programmes


@pytest.fixture
def town(tmp_path: Path) -> Path:
    return make_store(
        tmp_path,
        HOME,
        budget=[
            # 2024: Work = A 100/120 + unattributed 50/40 -> 150/160, variance +10 (+6.67%)
            #       Care = B 200/190, variance -10 (-5%); the year: 350/350, variance 0
            budget(2024, "Work", "A", "120.00", budgeted="100.00"),
            budget(2024, "Work", None, "40.00", budgeted="50.00"),
            budget(2024, "Care", "B", "190.00", budgeted="200.00"),
            # 2025: Work = A 100/90, variance -10 (-10%), share 90/450 = 20%
            #       Care = B 300/330 + Z (not in the register) -/30 -> 300/360, +60 (+20%), 80%
            budget(2025, "Work", "A", "90.00", budgeted="100.00"),
            budget(2025, "Care", "B", "330.00", budgeted="300.00"),
            budget(2025, "Care", "Z", "30.00", budgeted=None),
            # Another municipality's spend is never in Town's figures.
            budget(2025, "Care", "B", "9999.00", budgeted="1.00", municipality="Elsewhere"),
        ],
        programmes=[
            register("A", "Work", "pilot"),
            register("B", "Care", "standard"),
            register("C", "Care", "idea"),
        ],
    )


def test_programmes_budget_against_actual_per_year(town: Path) -> None:
    with store.reader(town) as con:
        view = programmes.programmes_view(con)
    assert view.currency == "EUR"
    assert view.years == (2024, 2025)
    assert view.programmes == ("Care", "Work")  # largest spend in the newest year first
    rows = {(r.programme, r.year): r for r in view.rows}
    work24 = rows["Work", 2024]
    assert (work24.budgeted, work24.actual, work24.variance) == (D(150), D(160), D(10))
    assert work24.variance_share == pytest.approx(10 / 150)
    assert work24.spend_share == pytest.approx(160 / 350)
    care25 = rows["Care", 2025]
    assert (care25.budgeted, care25.actual, care25.variance) == (D(300), D(360), D(60))
    assert care25.variance_share == pytest.approx(0.2)
    assert care25.spend_share == pytest.approx(0.8)
    assert rows["Work", 2025].variance_share == pytest.approx(-0.1)
    total = view.total(2025)
    assert total is not None
    assert (total.budgeted, total.actual, total.variance) == (D(400), D(450), D(50))
    assert total.variance_share == pytest.approx(50 / 400)
    assert view.total(2024) == programmes.YearTotal(2024, D(350), D(350), D(0), 0.0)
    assert [r.programme for r in view.of_year(2025)] == ["Care", "Work"]


def test_programme_drill_down_lists_register_and_booked_interventions(town: Path) -> None:
    with store.reader(town) as con:
        care = programmes.programme_interventions(con, programme="Care", year=2025)
        work = programmes.programme_interventions(con, programme="Work", year=2024)
    assert [(i.intervention_id, i.actual, i.variance, i.stage) for i in care.interventions] == [
        ("B", D(330), D(30), "standard"),
        ("C", None, None, "idea"),  # in the register, no spend this year
    ]
    assert care.unattributed_actual == D(30)  # Z is not in the register
    assert care.interventions[1].effect_class == "not_measured"
    assert [(i.intervention_id, i.variance) for i in work.interventions] == [("A", D(20))]
    assert work.unattributed_actual == D(40)


def test_programmes_show_one_currency_and_name_the_others(tmp_path: Path) -> None:
    path = make_store(
        tmp_path,
        HOME,
        budget=[
            budget(2025, "Work", None, "100.00", currency="EUR"),
            budget(2025, "Work", None, "700.00", currency="DKK"),
        ],
    )
    with store.reader(path) as con:
        default = programmes.programmes_view(con)
        danish = programmes.programmes_view(con, currency="DKK")
    assert default.currencies == ("DKK", "EUR")
    assert (default.currency, default.rows[0].actual) == ("EUR", D(100))
    assert (danish.currency, danish.rows[0].actual) == ("DKK", D(700))


def test_variance_share_is_unknown_without_a_budget() -> None:
    assert programmes.variance_share(D(5), None) is None
    assert programmes.variance_share(D(5), D(0)) is None
    assert programmes.variance_share(D(5), D(20)) == 0.25


# --------------------------------------------------------------------------- benchmark


def population(municipality: str, period: str, value: float, **extra: Any) -> dict:
    return outcome("population", period, value, municipality=municipality) | extra


@pytest.fixture
def peers(tmp_path: Path) -> Path:
    return make_store(
        tmp_path,
        {"home_municipality": "Home", "default_currency": "EUR"},
        budget=[
            # Home (rows without municipality or currency: Home, EUR): 1000 + 3000 = 4000
            budget(2025, "Work", None, "1000.00"),
            budget(2025, "Care", "A", "3000.00", municipality="Home", currency="EUR"),
            budget(2024, "Care", None, "5000.00", municipality="Home"),  # another year
            # Peer1: 2000 + 2000 = 4000 EUR
            budget(2025, "Work", None, "2000.00", municipality="Peer1", currency="EUR"),
            budget(2025, "Care", None, "2000.00", municipality="Peer1", currency="EUR"),
            # Peer2: DKK only -> left out of spend (other currency)
            budget(2025, "Work", None, "500.00", municipality="Peer2", currency="DKK"),
            # Peer3: EUR and DKK -> left out (mixed), never half counted
            budget(2025, "Work", None, "100.00", municipality="Peer3", currency="EUR"),
            budget(2025, "Care", None, "100.00", municipality="Peer3", currency="DKK"),
            # Peer4: no population figure -> left out
            budget(2025, "Work", None, "900.00", municipality="Peer4", currency="EUR"),
        ],
        outcomes=[
            population("Home", "2025", 3),  # 4000 / 3 = 1333.33; Work 333.33; Care 1000.00
            population("Home", "2026", 999),  # a later year never counts
            outcome("population", "2025", 5, municipality="Home", intervention_id="A"),
            outcome("population", "2025", 5, municipality="Home", area="North"),
            population("Peer1", "2023", 150),
            population("Peer1", "2024", 7),  # no 2025: 2024 is used, 4000 / 7 = 571.43
            population("Peer2", "2025", 50),
            population("Peer3", "2025", 10),
            # Unemployment (lower is better): reported by Home, Peer1, Peer2 for 2025
            outcome("unemployment_rate", "2025", 5.0, municipality="Home"),
            outcome("unemployment_rate", "2024", 1.0, municipality="Home"),  # other year
            outcome("unemployment_rate", "2025", 1.0, municipality="Home", area="North"),
            outcome("unemployment_rate", "2025-Q1", 9.0, municipality="Peer1"),
            outcome("unemployment_rate", "2025-Q4", 4.0, municipality="Peer1"),  # the latest
            outcome("unemployment_rate", "2025", 6.0, municipality="Peer2"),
            outcome("solo_indicator", "2025", 1.0, municipality="Home"),  # one reporter
        ],
        indicators=[{"indicator": "unemployment_rate", "unit": "%", "higher_is_better": False}],
    )


def test_spend_per_inhabitant_against_peers(peers: Path) -> None:
    with store.reader(peers) as con:
        b = benchmark.benchmark(con, year=2025)
    assert b.status == "ok"
    assert (b.home, b.currency) == ("Home", "EUR")
    assert b.municipalities == ("Home", "Peer1", "Peer2", "Peer3", "Peer4")
    assert b.compared == ("Home", "Peer1")
    assert b.excluded == {
        "Peer2": "other_currency",
        "Peer3": "mixed_currency",
        "Peer4": "no_population",
    }
    assert b.per_inhabitant("Work", "Home") == D("333.33")
    assert b.per_inhabitant("Care", "Home") == D("1000.00")
    assert b.per_inhabitant(TOTAL, "Home") == D("1333.33")
    assert b.per_inhabitant("Work", "Peer1") == D("285.71")
    assert b.per_inhabitant(TOTAL, "Peer1") == D("571.43")
    assert b.peer_median(TOTAL) == D("571.43")
    assert b.programmes == ("Care", "Work")
    assert b.populations["Home"] == benchmark.Population("Home", 3, 2025, "2025")
    assert set(b.population_notes) == {"Peer1"}
    assert b.population_notes["Peer1"].year == 2024


def test_benchmark_outcomes_need_two_reporters_and_take_the_latest_period(peers: Path) -> None:
    with store.reader(peers) as con:
        b = benchmark.benchmark(con, year=2025)
        only_peer1 = benchmark.benchmark(con, year=2025, peers=("Peer1",))
    assert b.indicators == ("unemployment_rate",)
    assert {o.municipality: o.value for o in b.outcomes} == {
        "Home": 5.0,
        "Peer1": 4.0,
        "Peer2": 6.0,
    }
    assert b.outcome_peer_median("unemployment_rate") == 5.0
    assert b.outcomes[0].higher_is_better is False
    assert only_peer1.peers == ("Peer1",)
    assert only_peer1.excluded == {}
    assert only_peer1.outcome_peer_median("unemployment_rate") == 4.0


@pytest.mark.parametrize(
    ("chosen", "status", "compared"),
    [
        ((), "no_peers", ("Home",)),
        (("Peer2",), "not_comparable", ("Home",)),
        (("Peer1", "Peer2"), "ok", ("Home", "Peer1")),
    ],
)
def test_benchmark_status_follows_the_peers_chosen(
    peers: Path, chosen: tuple[str, ...], status: str, compared: tuple[str, ...]
) -> None:
    with store.reader(peers) as con:
        b = benchmark.benchmark(con, year=2025, peers=chosen)
    assert (b.status, b.compared) == (status, compared)


def test_benchmark_explains_one_municipality_and_no_population(tmp_path: Path) -> None:
    alone = make_store(
        tmp_path / "a", HOME, budget=[budget(2025, "Work", None, "1.00")], outcomes=[]
    )
    unpopulated = make_store(
        tmp_path / "b",
        HOME,
        budget=[
            budget(2025, "Work", None, "1.00"),
            budget(2025, "Work", None, "1.00", municipality="Peer"),
        ],
    )
    with store.reader(alone) as con:
        assert benchmark.benchmark(con, year=2025).status == "one_municipality"
    with store.reader(unpopulated) as con:
        b = benchmark.benchmark(con, year=2025)
    assert b.status == "no_population"
    assert b.excluded == {"Town": "no_population", "Peer": "no_population"}


def test_per_inhabitant_rounds_half_even_to_cents() -> None:
    assert benchmark.per_inhabitant(D("10.00"), 8) == D("1.25")
    assert benchmark.per_inhabitant(D("0.05"), 2) == D("0.02")  # 0.025 -> 0.02


# --------------------------------------------------------------------------- portfolio

START = dt.date(2024, 1, 1)


def measured(
    iid: str, value: float, low: float | None = None, high: float | None = None
) -> list[dict]:
    """The same value in 2024 and 2025 against an exact comparison figure of 10 (comparison
    after the start, two periods: strength 2): effect = value - 10, relative / 10; the
    interval's half-widths shrink by sqrt 2 over the two periods."""
    rows = []
    for period in ("2024", "2025"):
        row = outcome("score", period, value, intervention_id=iid)
        row |= {"comparison": 10.0, "comparison_ci_low": 10.0, "comparison_ci_high": 10.0}
        if low is not None:
            row |= {"ci_low": low, "ci_high": high}
        rows.append(row)
    return rows


def iv(iid: str, programme: str, stage: str, participants: int | None, **extra: Any) -> dict:
    row = {"indicator": "score", "start_date": START, "participants": participants}
    return register(iid, programme, stage, **(row | extra))


@pytest.fixture
def pipeline(tmp_path: Path) -> Path:
    # Cost per effect = spend / participants / (relative effect x 100):
    # S5 1.00, S1 5.00, S2 10.00, S3 10.00, R2 10.00, S4 20.00, S7 30.00 -> n = 7, the cheapest
    # third is ceil(7/3) = 3: at or below the 3rd lowest, 10.00 (ties included).
    # Spend > 0: n = 14, the top third ceil(14/3) = 5: at or above the 5th highest, 2000.00.
    return make_store(
        tmp_path,
        HOME,
        programmes=[
            iv("S1", "P1", "pilot", 10),  # +2 (1..3): works, rel 0.2; 1000/10/20 = 5.00
            iv("S2", "P1", "scaling", 10),  # +1 (0.5..1.5), rel 0.1; 1000/10/10 = 10.00
            iv("S3", "P1", "pilot", 4),  # +5 (4..6), rel 0.5; 2000/4/50 = 10.00
            iv("S4", "P1", "standard", 1),  # +4 (3..5), rel 0.4; 800/1/40 = 20.00
            iv("S5", "P1", "pilot", 1),  # +10, no interval: inconclusive; 100/1/100 = 1.00
            iv("S6", "P1", "pilot", 1),  # -0.5 (-2..1): inconclusive, negative: no cost
            iv("S7", "P1", "scaling", 2),  # +1 (0.5..1.5), rel 0.1; 600/2/10 = 30.00
            iv("S8", "P1", "pilot", None),  # works, no participants: no cost
            register("R1", "P2", "standard"),  # no indicator, spend 5000
            iv("R2", "P2", "standard", 100),  # +0.2 (-0.08..0.48): inconclusive; 2000/100/2 = 10
            iv("R3", "P2", "stopped", 10),  # -5 (-6..-4): harmful, spend 3000
            iv("R4", "P2", "pilot", 10),  # -5: harmful, spend 10
            iv("R5", "P2", "stopped", 10),  # harmful, stopped, no spend: on no list
            iv("R6", "P2", "pilot", 10, start_date=dt.date(2026, 1, 1)),  # too early, 4000
            register("R7", "P2", "standard"),  # no indicator, 1999.99: just below the third
            iv("G1", "P2", "pilot", 10),  # indicator, no data at all
            iv("G2", "P2", "standard", 10),  # data since the start, no baseline
            iv("G3", "P2", "idea", None, start_date=None),  # idea: no data expected
            register("G4", "P2", "idea"),  # idea without an indicator
            iv("G5", "P2", "pilot", 10, start_date=dt.date(2024, 6, 1)),  # data only before
        ],
        outcomes=[
            *measured("S1", 12, 11, 13),
            *measured("S2", 11, 10.5, 11.5),
            *measured("S3", 15, 14, 16),
            *measured("S4", 14, 13, 15),
            *measured("S5", 20),
            *measured("S6", 9.5, 8, 11),
            *measured("S7", 11, 10.5, 11.5),
            *measured("S8", 12, 11, 13),
            *measured("R2", 10.2, 9.8, 10.6),
            *measured("R3", 5, 4, 6),
            *measured("R4", 5, 4, 6),
            *measured("R5", 5, 4, 6),
            outcome("score", "2025", 10.0, intervention_id="G2"),
            outcome("score", "2023", 10.0, intervention_id="G5"),
        ],
        indicators=[{"indicator": "score", "unit": "score", "higher_is_better": True}],
        budget=[
            budget(2025, "P1", "S1", "1000.00"),
            budget(2025, "P1", "S2", "1000.00"),
            budget(2025, "P1", "S3", "2000.00"),
            budget(2025, "P1", "S4", "800.00"),
            budget(2025, "P1", "S5", "100.00"),
            budget(2025, "P1", "S6", "50.00"),
            budget(2025, "P1", "S7", "600.00"),
            budget(2025, "P1", "S8", "100.00"),
            budget(2025, "P2", "R1", "5000.00"),
            budget(2025, "P2", "R2", "2000.00"),
            budget(2025, "P2", "R3", "3000.00"),
            budget(2025, "P2", "R4", "10.00"),
            budget(2025, "P2", "R6", "4000.00"),
            budget(2025, "P2", "R7", "1999.99"),
            budget(2025, "P1", None, "700.00"),  # unattributed
            budget(2025, "P2", "X", "300.00"),  # not in the register: unattributed
        ],
    )


def listed(items: tuple[portfolio.Item, ...]) -> list[tuple[str, str, int | None]]:
    return [(i.intervention_id, i.rule, i.rank) for i in items]


def test_pipeline_counts_and_spend_per_stage(pipeline: Path) -> None:
    with store.reader(pipeline) as con:
        p = portfolio.portfolio(con, year=2025)
    assert [(s.stage, s.interventions, s.actual) for s in p.stages] == [
        ("idea", 2, D(0)),
        ("pilot", 9, D("7260.00")),  # S1 S3 S5 S6 S8 R4 R6 G1 G5
        ("scaling", 2, D("1600.00")),
        ("standard", 5, D("9799.99")),
        ("stopped", 2, D("3000.00")),
    ]
    assert p.unattributed_actual == D("1000.00")
    assert p.currency == "EUR"


def test_candidates_to_scale_are_working_pilots_in_the_cheapest_third(pipeline: Path) -> None:
    with store.reader(pipeline) as con:
        p = portfolio.portfolio(con, year=2025)
    assert p.cost_per_effect == {
        "S1": D("5.00"),
        "S2": D("10.00"),
        "S3": D("10.00"),
        "S4": D("20.00"),
        "S5": D("1.00"),
        "S7": D("30.00"),
        "R2": D("10.00"),
    }
    assert (p.with_cost, p.cost_threshold) == (7, D("10.00"))
    # S5 is cheapest but inconclusive; S4 is standard; S7 is above the third; S8 has no cost.
    assert listed(p.candidates) == [("S1", "scale", 2), ("S2", "scale", 3), ("S3", "scale", 3)]
    assert p.candidates[0].of == 7


def test_review_is_large_spend_without_effect_and_harm(pipeline: Path) -> None:
    with store.reader(pipeline) as con:
        p = portfolio.portfolio(con, year=2025)
    assert (p.with_spend, p.spend_threshold) == (14, D("2000.00"))
    # R6 (too early) and S3 (works) are large but not listed; R7 is a cent below the third.
    assert listed(p.review) == [
        ("R1", "review_large_spend", 1),
        ("R3", "review_large_spend", 3),  # harmful and stopped, yet money still flows
        ("R2", "review_large_spend", 4),  # at the threshold: included
        ("R4", "review_harmful", None),  # harmful at any spend
    ]
    assert [i.effect_class for i in p.review] == [
        "not_measured",
        "harmful",
        "inconclusive",
        "harmful",
    ]


def test_measurement_gaps(pipeline: Path) -> None:
    with store.reader(pipeline) as con:
        p = portfolio.portfolio(con, year=2025)
    assert listed(p.gaps) == [
        ("R1", "gap_no_indicator", None),
        ("R2", "gap_underpowered", None),  # +0.2, half-width 0.28: too small to tell
        ("R7", "gap_no_indicator", None),
        ("S5", "gap_no_uncertainty", None),  # two periods, no interval
        ("S6", "gap_underpowered", None),
        ("G1", "gap_no_data", None),
        ("G2", "gap_no_reference", None),
        ("G4", "gap_no_indicator", None),
        ("G5", "gap_no_data", None),  # a value before the start is not data since the start
    ]
    r2 = next(i for i in p.gaps if i.intervention_id == "R2")
    # R2: 10.2 (9.8-10.6) twice against an exact 10: SE = 0.4 / sqrt 2 / 1.96; the MDE at
    # 80% power and 5% is (1.96 + 0.8416) x SE. No value per unit: no target to size for.
    se = 0.4 / 2**0.5 / 1.959963984540054
    assert r2.mde == pytest.approx((1.959963984540054 + 0.8416212335729143) * se)
    assert (r2.strength, r2.target_effect, r2.participants_needed) == (2, None, None)


def test_a_programme_narrows_what_is_shown_not_the_thirds(pipeline: Path) -> None:
    with store.reader(pipeline) as con:
        p = portfolio.portfolio(con, year=2025, programme="P1")
    assert [(s.stage, s.interventions) for s in p.stages] == [
        ("idea", 0),
        ("pilot", 5),
        ("scaling", 2),
        ("standard", 1),
        ("stopped", 0),
    ]
    assert p.unattributed_actual == D("700.00")
    assert listed(p.candidates) == [("S1", "scale", 2), ("S2", "scale", 3), ("S3", "scale", 3)]
    assert p.review == ()
    assert listed(p.gaps) == [("S5", "gap_no_uncertainty", None), ("S6", "gap_underpowered", None)]
    assert (p.cost_threshold, p.spend_threshold) == (D("10.00"), D("2000.00"))


@pytest.mark.parametrize(("n", "size"), [(1, 1), (2, 1), (3, 1), (4, 2), (6, 2), (7, 3), (14, 5)])
def test_a_third_of_n_is_rounded_up(n: int, size: int) -> None:
    assert portfolio.third_size(n) == size


def test_cost_per_effect_needs_spend_reach_and_a_positive_effect() -> None:
    assert portfolio.cost_per_effect(D("1000"), 10, 0.2) == D("5.00")
    assert portfolio.cost_per_effect(D("100"), 3, 0.5) == D("0.67")
    assert portfolio.cost_per_effect(None, 10, 0.2) is None
    assert portfolio.cost_per_effect(D(0), 10, 0.2) is None
    assert portfolio.cost_per_effect(D(100), None, 0.2) is None
    assert portfolio.cost_per_effect(D(100), 10, 0.0) is None
    assert portfolio.cost_per_effect(D(100), 10, -0.1) is None
    assert portfolio.cost_per_effect(D(100), 10, None) is None
