"""The demo municipality: deterministic, in the contract's shape, and every effect class shown.

The effect classes are recomputed here from the written files by the method of
shared/product.md ("How an effect is computed"), independently of whatworks.analytics, so the
demo cannot silently stop showing a class.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import models
from whatworks import analytics, demo, ingest, store

DUTCH_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d{2}$")
SEEDS = (42, 1, 7, 2025, 31337)


def _read(path: Path, kind: str) -> tuple[list[str], list[dict[str, str]]]:
    """The raw header and the rows keyed by contract column name."""
    text = path.read_text(encoding="utf-8")
    delimiter = ";" if kind == "budget" else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = next(reader)
    lookup = models.column_lookup(kind)
    names = [lookup[models.normalise_name(h)] for h in header]
    return header, [dict(zip(names, row, strict=True)) for row in reader]


def _generated(out_dir: Path, seed: int = 42) -> dict[str, list[dict[str, str]]]:
    demo.generate(out_dir, seed=seed)
    return {kind: _read(out_dir / name, kind)[1] for kind, name in demo.DEMO_FILES}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    return _generated(tmp_path_factory.mktemp("demo"))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _day_first(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d-%m-%Y").date() if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


# --- determinism and drift ------------------------------------------------------------------


def test_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    first = demo.generate(tmp_path / "a", seed=42)
    second = demo.generate(tmp_path / "b", seed=42)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_other_seed_writes_other_numbers(tmp_path: Path) -> None:
    demo.generate(tmp_path / "a", seed=42)
    demo.generate(tmp_path / "b", seed=43)
    for name in ("budget.csv", "outcomes.csv"):
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_generate_returns_the_files_in_load_order(tmp_path: Path) -> None:
    paths = demo.generate(tmp_path)
    assert paths == [tmp_path / name for _kind, name in demo.DEMO_FILES]
    assert [kind for kind, _name in demo.DEMO_FILES] == [
        "indicators",
        "programmes",
        "budget",
        "outcomes",
    ]


def test_committed_demo_files_equal_a_fresh_generation(tmp_path: Path) -> None:
    demo.generate(tmp_path)
    for _kind, name in demo.DEMO_FILES:
        committed = demo.DEMO_DIR / name
        assert committed.exists(), f"{committed} is missing: run python -m whatworks.demo"
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), (
            f"{committed} has drifted from whatworks/demo.py: run python -m whatworks.demo"
        )


# --- shape: the contract, the formats ---------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), demo.DEMO_FILES)
def test_every_header_maps_to_a_contract_column(kind: str, name: str) -> None:
    header, _rows = _read(demo.DEMO_DIR / name, kind)
    lookup = models.column_lookup(kind)
    mapped = [lookup.get(models.normalise_name(h)) for h in header]
    assert None not in mapped, header
    assert len(set(mapped)) == len(mapped)
    required = {spec.name for spec in models.columns(kind) if spec.required}
    assert required <= set(mapped)


def test_plain_files_use_the_contract_names_in_template_order() -> None:
    for kind, name in demo.DEMO_FILES:
        if kind != "budget":
            header, _rows = _read(demo.DEMO_DIR / name, kind)
            assert header == [spec.name for spec in models.columns(kind)]


def test_budget_is_a_dutch_spreadsheet_export() -> None:
    path = demo.DEMO_DIR / "budget.csv"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "jaar;programma;taakveldcode;interventie;begroot;realisatie;gemeente;valuta"
    )
    _header, rows = _read(path, "budget")
    amounts = [row[column] for row in rows for column in ("budgeted", "actual")]
    assert all(DUTCH_AMOUNT.match(a) for a in amounts), [
        a for a in amounts if not DUTCH_AMOUNT.match(a)
    ][:5]
    assert any(a.count(".") == 2 for a in amounts), "no amount of a million or more"


def test_files_are_utf8_and_keep_non_ascii_text() -> None:
    text = (demo.DEMO_DIR / "programmes.csv").read_bytes().decode("utf-8")
    assert "café" in text
    assert not text.startswith("\ufeff")


def test_every_row_satisfies_the_contract_models(data: dict[str, list[dict[str, str]]]) -> None:
    def clean(row: dict[str, str]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if v != ""}

    for row in data["budget"]:
        values = clean(row)
        values["budgeted"] = _amount(values["budgeted"])
        values["actual"] = _amount(values["actual"])
        models.Budget.model_validate(values)
    for row in data["programmes"]:
        values = clean(row)
        for column in ("start_date", "end_date"):
            if column in values:
                values[column] = _day_first(values[column])
        models.Programme.model_validate(values)
    for row in data["outcomes"]:
        models.Outcome.model_validate(clean(row))
    for row in data["indicators"]:
        models.Indicator.model_validate(clean(row))


def test_rows_are_unique_where_the_contract_says(data: dict[str, list[dict[str, str]]]) -> None:
    for kind, key in models.UNIQUE_IN_FILE.items():
        if not key:
            continue
        keys = [tuple(row.get(c, "") for c in key) for row in data[kind.value]]
        assert len(keys) == len(set(keys)), kind


def test_file_sizes_stay_modest(data: dict[str, list[dict[str, str]]]) -> None:
    assert sum(len(rows) for rows in data.values()) < 3000
    assert 8 <= len({row["programme"] for row in data["programmes"]}) <= 12
    assert 35 <= len(data["programmes"]) <= 50


# --- referential sense ------------------------------------------------------------------------


def test_every_intervention_id_is_in_the_register(data: dict[str, list[dict[str, str]]]) -> None:
    register = {row["intervention_id"] for row in data["programmes"]}
    for kind in ("budget", "outcomes"):
        used = {row["intervention_id"] for row in data[kind]} - {""}
        assert used <= register, used - register


def test_every_indicator_named_is_described(data: dict[str, list[dict[str, str]]]) -> None:
    described = {row["indicator"] for row in data["indicators"]}
    named = {row["indicator"] for row in data["programmes"]} - {""}
    measured = {row["indicator"] for row in data["outcomes"]}
    assert named | measured <= described
    with_price = [row for row in data["indicators"] if row["value_per_unit"]]
    assert len(data["indicators"]) // 2 < len(with_price) < len(data["indicators"])


def test_register_covers_every_stage_and_evidence_level(
    data: dict[str, list[dict[str, str]]],
) -> None:
    assert {row["stage"] for row in data["programmes"]} == set(models.STAGES)
    assert {row["evidence_level"] for row in data["programmes"]} == set(models.EVIDENCE_LEVELS)
    for row in data["programmes"]:
        assert bool(row["end_date"]) == (row["stage"] == "stopped"), row["intervention_id"]


def test_no_spend_outside_an_interventions_dates(data: dict[str, list[dict[str, str]]]) -> None:
    register = {row["intervention_id"]: row for row in data["programmes"]}
    spent = defaultdict(set)
    for row in data["budget"]:
        if row["intervention_id"]:
            assert row["municipality"] == demo.HOME_MUNICIPALITY
            iv = register[row["intervention_id"]]
            start, end = _day_first(iv["start_date"]), _day_first(iv["end_date"])
            year = int(row["year"])
            assert start is not None, iv["intervention_id"]
            assert start.year <= year, (iv["intervention_id"], year)
            assert end is None or year <= end.year, (iv["intervention_id"], year)
            spent[row["intervention_id"]].add(year)
    for iv in demo.INTERVENTIONS:
        if iv.start is not None and iv.start.year <= demo.YEARS[-1]:
            assert iv.intervention_id in spent, iv.intervention_id


def test_budget_amounts_are_realistic(data: dict[str, list[dict[str, str]]]) -> None:
    lines = [row for row in data["budget"] if row["intervention_id"]]
    budgeted = [_amount(row["budgeted"]) for row in lines]
    assert min(budgeted) >= Decimal(10_000)
    assert max(budgeted) <= Decimal(6_000_000)
    assert any(row["intervention_id"] == "" for row in data["budget"]), "unattributed spend"
    assert {row["currency"] for row in data["budget"]} == {demo.CURRENCY}
    assert {int(row["year"]) for row in data["budget"]} == set(demo.YEARS)


def test_peers_have_budget_per_programme(data: dict[str, list[dict[str, str]]]) -> None:
    home_programmes = {
        row["programme"] for row in data["budget"] if row["municipality"] == demo.HOME_MUNICIPALITY
    }
    for peer in demo.PEERS:
        rows = [row for row in data["budget"] if row["municipality"] == peer]
        assert {row["programme"] for row in rows} == home_programmes
        assert {int(row["year"]) for row in rows} == set(demo.YEARS)


def test_population_for_every_municipality_and_year(
    data: dict[str, list[dict[str, str]]],
) -> None:
    population = {
        (row["municipality"], int(row["period"])): float(row["value"])
        for row in data["outcomes"]
        if row["indicator"] == "population"
    }
    municipalities = (demo.HOME_MUNICIPALITY, *demo.PEERS)
    assert set(population) == {(m, y) for m in municipalities for y in demo.YEARS}
    assert 90_000 <= population[demo.HOME_MUNICIPALITY, 2025] <= 100_000
    for peer in demo.PEERS:
        assert 60_000 <= population[peer, 2025] <= 150_000
    rows = [row for row in data["outcomes"] if row["indicator"] == "population"]
    assert all(row["intervention_id"] == "" and row["unit"] == "inhabitants" for row in rows)


def test_benchmark_indicators_exist_for_home_and_peers(
    data: dict[str, list[dict[str, str]]],
) -> None:
    reported: defaultdict[str, set[str]] = defaultdict(set)
    for row in data["outcomes"]:
        if not row["intervention_id"] and row["indicator"] != "population":
            reported[row["indicator"]].add(row["municipality"])
    shared = [
        name for name, where in reported.items() if where == {demo.HOME_MUNICIPALITY, *demo.PEERS}
    ]
    assert len(shared) >= 2


def test_higher_is_better_agrees_across_rows_and_metadata(
    data: dict[str, list[dict[str, str]]],
) -> None:
    stated: defaultdict[str, set[str]] = defaultdict(set)
    for row in data["outcomes"]:
        stated[row["indicator"]].add(row["higher_is_better"])
    assert all(len(values) == 1 for values in stated.values()), stated
    metadata = {row["indicator"]: row["higher_is_better"] for row in data["indicators"]}
    for indicator, values in stated.items():
        assert values == {metadata[indicator]}, indicator
    lower_is_better = {i for i, v in stated.items() if v == {"false"}}
    assert {"school_dropout_rate", "homelessness_days", "youth_care_rereferral_rate"} <= (
        lower_is_better
    )


def test_proportions_with_n_are_percentages(data: dict[str, list[dict[str, str]]]) -> None:
    with_n = [row for row in data["outcomes"] if row["n"]]
    assert len(with_n) >= 10
    assert all(row["unit"] == "%" and 0 <= float(row["value"]) <= 100 for row in with_n)
    assert not any(row["ci_low"] or row["ci_high"] for row in with_n)


# --- the effect classes ---------------------------------------------------------------------


def _demo_store(tmp_path: Path, seed: int) -> Path:
    """The generated files loaded through the production ingest path, as `whatworks demo`."""
    files = tmp_path / "files"
    demo.generate(files, seed=seed)
    path = tmp_path / "demo.duckdb"
    store.save_settings(
        path, {"home_municipality": demo.HOME_MUNICIPALITY, "default_currency": demo.CURRENCY}
    )
    for kind, name in demo.DEMO_FILES:
        report = ingest.load(path, kind, (files / name).read_bytes(), name, None, "test")
        assert report.ok, report
    return path


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_every_intervention_lands_in_its_designed_class_and_method(
    tmp_path: Path, seed: int
) -> None:
    # The intent is written in demo.INTERVENTIONS; the analytics must give it for any seed.
    with store.reader(_demo_store(tmp_path, seed)) as con:
        got = {e.intervention_id: (e.effect_class, e.method) for e in analytics.effects(con)}
    assert got == demo.intended_effects()


def test_every_effect_situation_is_designed() -> None:
    counts = Counter(demo.intended_effects().values())
    for method in ("randomised", "diff_in_diff", "comparison_after", "peers_diff_in_diff"):
        assert counts["works", method] >= 1, method
    assert counts["improved_cause_unknown", "before_after"] >= 3
    assert counts["inconclusive", "comparison_after"] + counts["inconclusive", "before_after"] >= 3
    assert counts["harmful", "comparison_after"] >= 1
    assert 1 <= counts["too_early", "none"] <= 2
    not_measured = [iv for iv in demo.INTERVENTIONS if iv.effect == "not_measured"]
    assert any(iv.indicator is None for iv in not_measured)
    assert any(iv.indicator is not None and iv.start is not None for iv in not_measured)
    assert any(iv.prior is not None for iv in demo.INTERVENTIONS)


def test_works_by_comparison_has_comparison_values_after_its_start(
    data: dict[str, list[dict[str, str]]],
) -> None:
    for iv in demo.INTERVENTIONS:
        if iv.effect == "works" and iv.method in ("randomised", "comparison_after"):
            assert iv.start is not None
            after = [
                row
                for row in data["outcomes"]
                if row["intervention_id"] == iv.intervention_id
                and int(row["period"]) > iv.start.year
                and row["comparison"]
            ]
            assert len(after) >= 2, iv.intervention_id


def test_harmful_one_is_worse_than_its_comparison_group(
    data: dict[str, list[dict[str, str]]],
) -> None:
    (harmful,) = [iv for iv in demo.INTERVENTIONS if iv.effect == "harmful"]
    rows = [r for r in data["outcomes"] if r["intervention_id"] == harmful.intervention_id]
    compared = [r for r in rows if r["comparison"]]
    assert compared
    assert {r["higher_is_better"] for r in rows} == {"false"}
    assert all(float(r["ci_low"]) > float(r["comparison"]) for r in compared)


def test_too_early_ones_started_after_the_second_to_last_period(
    data: dict[str, list[dict[str, str]]],
) -> None:
    early = [iv for iv in demo.INTERVENTIONS if iv.effect == "too_early"]
    last_but_one_end = dt.date(demo.YEARS[-2], 12, 31)
    for iv in early:
        assert iv.start is not None
        assert iv.start > last_but_one_end
        assert iv.indicator is not None
        assert not [r for r in data["outcomes"] if r["intervention_id"] == iv.intervention_id]


def test_not_measured_ones_have_no_rows(data: dict[str, list[dict[str, str]]]) -> None:
    measured = {row["intervention_id"] for row in data["outcomes"]}
    for iv in demo.INTERVENTIONS:
        has_rows = iv.design is not None and iv.design.making != "peers"
        assert (iv.intervention_id in measured) == has_rows, iv.intervention_id
