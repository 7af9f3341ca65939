"""The synthetic benchmark set: deterministic, contract-valid, and its manifest tells the truth.

The totals are computed here from the files themselves (the csv module, openpyxl), not by the
generator, then compared with the manifest and with what the production ingest loaded.
"""

from __future__ import annotations

import csv
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from whatworks import ingest, store, synth

ROWS = 2_500
PLACES = 12


def _cents(text: str) -> int:
    """Dutch money text (1.234,56) as cents, read without the code under test."""
    euros, _, cents = text.replace(".", "").partition(",")
    sign = -1 if euros.startswith("-") else 1
    return sign * (abs(int(euros)) * 100 + int(cents or 0))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp("synth")
    synth.write(folder, ROWS, seed=7, municipalities=PLACES)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return folder, manifest


def test_manifest_totals_match_the_files(made: tuple[Path, dict[str, object]]) -> None:
    folder, manifest = made
    with (folder / "budget.csv").open(encoding="cp1252", newline="") as handle:
        budget = list(csv.DictReader(handle, delimiter=";"))
    with (folder / "outcomes.csv").open(encoding="utf-8", newline="") as handle:
        outcomes = list(csv.DictReader(handle))
    book = openpyxl.load_workbook(folder / "programmes.xlsx", read_only=True)
    register = list(book.active.iter_rows(min_row=2, values_only=True))  # type: ignore[union-attr]
    # 12 municipalities x 10 years x 12 programme lines, plus 300 interventions x 10 years.
    assert len(budget) == 12 * 10 * 12 + 300 * 10
    assert len(outcomes) == ROWS
    assert len(register) == 300
    assert manifest["rows"] == {
        "indicators": 30,
        "programmes": 300,
        "budget": len(budget),
        "outcomes": ROWS,
    }
    assert manifest["budgeted_cents"] == sum(_cents(r["begroot"]) for r in budget)
    assert manifest["actual_cents"] == sum(
        _cents(r["realisatie"]) for r in budget if r["realisatie"]
    )
    assert Decimal(str(manifest["outcome_value_sum"])) == sum(Decimal(r["value"]) for r in outcomes)
    own = [r for r in outcomes if r["intervention_id"]]
    assert manifest["intervention_rows"] == len(own) == ROWS // 10
    assert manifest["comparison_rows"] == sum(1 for r in own if r["comparison"])
    assert 0 < manifest["comparison_rows"] < len(own)  # comparisons, some missing
    # Every interval holds its value; scopes are unique (the contract's replace key).
    assert all(Decimal(r["ci_low"]) <= Decimal(r["value"]) <= Decimal(r["ci_high"]) for r in own)
    keys = {(r["indicator"], r["period"], r["municipality"], r["area"], r["intervention_id"])
            for r in outcomes}  # fmt: skip
    assert len(keys) == ROWS
    assert {r["gemeente"] for r in budget} == set(synth.places(PLACES))
    assert "Ærøskøbing 001" in {r["gemeente"] for r in budget}  # a Windows-1252 character


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    def digest(folder: Path, seed: int) -> str:
        synth.write(folder, 400, seed=seed, municipalities=3)
        return (
            hashlib.sha256((folder / "outcomes.csv").read_bytes()).hexdigest()
            + hashlib.sha256((folder / "budget.csv").read_bytes()).hexdigest()
        )

    assert digest(tmp_path / "a", 1) == digest(tmp_path / "b", 1)
    assert digest(tmp_path / "c", 1) != digest(tmp_path / "d", 2)


def test_synthetic_set_loads_cleanly_with_the_manifest_totals(
    made: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    folder, manifest = made
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": str(manifest["home_municipality"])})
    files = manifest["files"]
    assert isinstance(files, dict)
    for kind in ("indicators", "programmes", "budget", "outcomes"):
        report = ingest.load(db, kind, (folder / files[kind]).read_bytes(), files[kind])
        assert report.ok, report.errors[:3]
        assert report.warnings == [], kind
    with store.reader(db) as con:
        budget = con.execute("SELECT count(*), sum(budgeted), sum(actual) FROM budget").fetchone()
        outcomes = con.execute("SELECT count(*), sum(value) FROM outcomes").fetchone()
        register = con.execute("SELECT count(*) FROM programmes").fetchone()
    assert budget is not None
    assert outcomes is not None
    assert register == (300,)
    rows = manifest["rows"]
    assert isinstance(rows, dict)
    assert budget == (
        rows["budget"],
        Decimal(str(manifest["budgeted_cents"])) / 100,
        Decimal(str(manifest["actual_cents"])) / 100,
    )
    assert outcomes[0] == ROWS
    assert outcomes[1] == pytest.approx(float(str(manifest["outcome_value_sum"])), abs=1e-6)
