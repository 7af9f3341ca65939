"""Synthetic, contract-valid data at any scale: ``python -m whatworks synth --rows N --out DIR``.

A national benchmark as a country would send it: 400 municipalities (the first is the home
municipality), 300 interventions, 30 indicators over ten years. Deterministic for a seed, and
written as analysts' files are, in several dialects:

- ``budget.csv``: ``;``, decimal comma and thousands dots, Windows-1252, CRLF, Dutch headers;
  skewed spend (a few large municipalities, log-normal lines); 2% of the lines have no
  accounts (``realisatie`` empty).
- ``programmes.xlsx``: the register of the 300 interventions, as an Excel workbook.
- ``outcomes.csv``: ``N`` rows, ``,`` with decimal points, UTF-8. The interventions' own rows
  (a comparison group, an interval, n; some comparisons missing) come first, then every
  indicator of every municipality by month, then by district. Written by DuckDB from a table
  macro (queries/synth_macros.sql), so ten million rows take seconds and constant memory.
- ``indicators.csv``: tab-separated, UTF-8 with a byte-order mark.

``manifest.json`` says what was written (files, rows, money and value totals) so a test or
the benchmark can check a load against it.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
from openpyxl import Workbook

from whatworks import store

MUNICIPALITIES = 400
INTERVENTIONS = 300
YEARS = tuple(range(2016, 2026))
STEMS = ("Eemsdal", "Ærøskøbing", "Bærum", "Súdwest", "Tromsø", "Køge", "Zaanstad", "Ålesund")
PROGRAMMES = (
    "Jeugd",
    "Werk en inkomen",
    "Zorg",
    "Onderwijs",
    "Wonen",
    "Veiligheid",
    "Sport en cultuur",
    "Armoede",
    "Schuldhulp",
    "Gezondheid",
    "Inburgering",
    "Openbare ruimte",
)
STAGES = ("pilot", "scaling", "standard", "standard", "stopped", "idea")
EVIDENCE = ("none", "described", "theory", "indicative", "effective", "strong")
BUDGET_HEADER = ("jaar", "programma", "interventie", "begroot", "realisatie", "gemeente")


@dataclass(frozen=True)
class Manifest:
    """What a synthetic set holds: file names by kind, counts and exact totals."""

    seed: int
    home_municipality: str
    files: dict[str, str]
    rows: dict[str, int]
    budgeted_cents: int
    actual_cents: int
    outcome_value_sum: str  # the exact sum of the outcome values, as decimal text
    intervention_rows: int
    comparison_rows: int


def places(count: int = MUNICIPALITIES) -> list[str]:
    """The municipalities' names; the first is the home municipality."""
    return [f"{STEMS[i % len(STEMS)]} {i:03d}" for i in range(count)]


def indicators() -> list[str]:
    """The indicators' names; the first is the population (the per-inhabitant denominator)."""
    return ["population", *[f"indicator_{k:02d}" for k in range(1, 30)]]


def intervention_ids() -> list[str]:
    return [f"I-{i:03d}" for i in range(INTERVENTIONS)]


def dutch_amount(cents: int) -> str:
    """Cents as a Dutch spreadsheet writes money: 1.234.567,89."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d}"


def write_budget(path: Path, seed: int, municipalities: int) -> tuple[int, int, int]:
    """The budget file; returns (rows, budgeted cents, actual cents)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    names = places(municipalities)
    # Skewed: a few large municipalities hold most of the money.
    weights = [rng.paretovariate(1.2) for _ in names]
    rows = budgeted_total = actual_total = 0
    with path.open("w", encoding="cp1252", newline="") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        out.writerow(BUDGET_HEADER)
        for year in YEARS:
            for m, place in enumerate(names):
                lines = [(p, "") for p in PROGRAMMES]
                if m == 0:
                    ids = intervention_ids()
                    lines += [(PROGRAMMES[i % len(PROGRAMMES)], ids[i]) for i in range(len(ids))]
                for programme, intervention in lines:
                    scale = 2_000_000 if not intervention else 150_000
                    budgeted = round(weights[m] * scale * rng.lognormvariate(0, 0.8) * 100)
                    actual = round(budgeted * rng.uniform(0.85, 1.1))
                    accounted = rng.random() >= 0.02  # a few lines without accounts
                    out.writerow(
                        (
                            year,
                            programme,
                            intervention,
                            dutch_amount(budgeted),
                            dutch_amount(actual) if accounted else "",
                            place,
                        )
                    )
                    rows += 1
                    budgeted_total += budgeted
                    actual_total += actual if accounted else 0
    return rows, budgeted_total, actual_total


def write_programmes(path: Path, seed: int) -> int:
    """The intervention register as an .xlsx workbook; returns its rows."""
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic data, not security
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Interventies")
    sheet.append(
        [
            "intervention_id",
            "name",
            "programme",
            "stage",
            "evidence_level",
            "start_date",
            "indicator",
            "participants",
            "design",
        ]
    )
    names = indicators()
    for i, intervention in enumerate(intervention_ids()):
        sheet.append(
            [
                intervention,
                f"Intervention {i}",
                PROGRAMMES[i % len(PROGRAMMES)],
                STAGES[i % len(STAGES)],
                EVIDENCE[rng.randrange(len(EVIDENCE))],
                f"01-01-{2018 + i % 5}",
                names[i % 29 + 1],
                rng.randrange(20, 2000),
                "randomised" if i % 7 == 0 else "not_randomised",
            ]
        )
    book.save(path)
    return INTERVENTIONS


def write_indicators(path: Path) -> int:
    """Indicator metadata, tab-separated, UTF-8 with BOM; returns its rows."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(("indicator", "unit", "higher_is_better", "description", "value_per_unit"))
        for k, name in enumerate(indicators()):
            if k == 0:
                out.writerow((name, "inhabitants", "", "Inhabitants on 1 January", ""))
                continue
            out.writerow((name, "%", "false" if k % 3 == 0 else "true", f"Indicator {k}", k * 100))
    return len(indicators())


def write_outcomes(
    path: Path, rows: int, seed: int, municipalities: int
) -> tuple[int, str, int, int]:
    """The outcomes file; returns (rows, value sum, intervention rows, comparison rows)."""
    params = {"rows": rows, "seed": seed, "places": places(municipalities),
              "indicators": indicators(),
              "path": str(path)}  # fmt: skip
    with duckdb.connect(config={"autoinstall_known_extensions": False}) as con:
        con.execute(store.read_query("synth_macros"))
        store.run(con, "synth_outcomes_copy", params)
        found = store.run(con, "synth_outcomes_totals", params).fetchone()
    assert found is not None  # an aggregate always returns a row
    count, value_sum, own, compared = found
    return int(count), str(value_sum or 0), int(own), int(compared)


def write(out: Path, rows: int, seed: int = 42, municipalities: int = MUNICIPALITIES) -> Manifest:
    """Write a synthetic set of the four files with ``rows`` outcome rows into ``out``.

    ``municipalities``: fewer than the country's 400 make a small set for tests.
    """
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "indicators": "indicators.csv",
        "programmes": "programmes.xlsx",
        "budget": "budget.csv",
        "outcomes": "outcomes.csv",
    }
    counts = {"indicators": write_indicators(out / files["indicators"])}
    counts["programmes"] = write_programmes(out / files["programmes"], seed)
    counts["budget"], budgeted, actual = write_budget(out / files["budget"], seed, municipalities)
    counts["outcomes"], value_sum, own, compared = write_outcomes(
        out / files["outcomes"], rows, seed, municipalities
    )
    manifest = Manifest(
        seed=seed,
        home_municipality=places()[0],
        files=files,
        rows=counts,
        budgeted_cents=budgeted,
        actual_cents=actual,
        outcome_value_sum=value_sum,
        intervention_rows=own,
        comparison_rows=compared,
    )
    (out / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    return manifest
