"""Every validation message: the row as the spreadsheet shows it, the column as the file
names it, the value, and the problem in plain words. Errors block a load; warnings do not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import builders
import pytest

from whatworks import ingest, store
from whatworks.ingest import LoadOptions, Problem, Report

HOME = "Eemsdal"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def home_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a home municipality and nothing loaded."""
    return builders.new_database(tmp_path_factory.mktemp("home") / "whatworks.duckdb")


@pytest.fixture(scope="module")
def register_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the Eemsdal register (JZ-01, JZ-02, OU-01) and outcomes."""
    files = [(k, (FIXTURES / f"{k}_eemsdal.csv").read_bytes()) for k in ("programmes", "outcomes")]
    return builders.database(tmp_path_factory.mktemp("register") / "whatworks.duckdb", files)


def _check(db: Path, kind: str, text: str, **opts: Any) -> Report:
    return ingest.check(db, kind, text.encode("utf-8"), "file.csv", LoadOptions(**opts))


def _the_error(report: Report) -> Problem:
    assert not report.ok
    assert len(report.errors) == 1, [e.message for e in report.errors]
    return report.errors[0]


def _warnings(report: Report, code: str) -> list[Problem]:
    assert report.ok, [e.message for e in report.errors]
    return [w for w in report.warnings if w.code == code]


# (kind, file text, options, (row, column, value, code), words the message must contain)
ROW_ERRORS: dict[str, tuple[str, str, dict[str, Any], tuple[Any, ...], list[str]]] = {
    "required-empty": (
        "outcomes", "indicator;periode;waarde\nwachttijd;2025;4\n;2025;5\n", {},
        (3, "indicator", None, "required"), ["indicator is required but empty"],
    ),
    "not-a-number": (
        "budget", "Jaar;Programma;Begroot\n2025;Jeugd;1.000,00\n2025;Wmo;veel\n", {},
        (3, "Begroot", "veel", "not_a_number"), ["'veel' is not a number", "1.234.567,89"],
    ),
    "year-not-whole": (
        "budget", "Jaar;Programma;Begroot\n2025,5;Jeugd;10\n", {},
        (2, "Jaar", "2025,5", "not_a_whole_number"), ["year: '2025,5' is not a whole number"],
    ),
    "not-a-date": (
        "programmes", "interventie;naam;programma;startdatum\nA;a;p;morgen\n", {},
        (2, "startdatum", "morgen", "not_a_date"), ["'morgen' is not a date", "01-03-2025"],
    ),
    "not-a-boolean": (
        "outcomes", "indicator;period;value;hoger_is_beter\nw;2025;4;misschien\n", {},
        (2, "hoger_is_beter", "misschien", "not_a_boolean"), ["'misschien' is not yes/no"],
    ),
    "not-a-period": (
        "outcomes", "indicator;periode;value\nw;2025-Q5;4\n", {},
        (2, "periode", "2025-Q5", "not_a_period"), ["'2025-Q5' is not a period", "2025-Q3"],
    ),
    "not-a-currency": (
        "budget", "year;programme;budgeted;valuta\n2025;A;1;EURO\n", {},
        (2, "valuta", "EURO", "not_a_currency"), ["'EURO' is not an ISO 4217 currency code"],
    ),
    "stage-not-a-choice": (
        "programmes", "intervention_id;name;programme;fase\nA;a;p;later\n", {},
        (2, "fase", "later", "not_a_choice"),
        ["'later' must be one of idea, pilot, scaling, standard, stopped"],
    ),
    "evidence-not-a-choice": (
        "programmes", "intervention_id;name;programme;bewijsniveau\nA;a;p;superb\n", {},
        (2, "bewijsniveau", "superb", "not_a_choice"),
        ["none, described, theory, indicative, effective, strong"],
    ),
    "year-too-small": (
        "budget", "jaar;programma;begroot\n1899;A;1\n", {},
        (2, "jaar", "1899", "too_small"), ["year must be at least 1900"],
    ),
    "year-too-large": (
        "budget", "jaar;programma;begroot\n2025;A;1\n2101;A;1\n", {},
        (3, "jaar", "2101", "too_large"), ["year must be at most 2100"],
    ),
    "participants-negative": (
        "programmes", "intervention_id;name;programme;deelnemers\nA;a;p;-1\n", {},
        (2, "deelnemers", "-1", "too_small"), ["participants must be at least 0"],
    ),
    "participants-not-whole": (
        "programmes", "intervention_id;name;programme;deelnemers\nA;a;p;1,5\n", {},
        (2, "deelnemers", "1,5", "not_a_whole_number"), ["'1,5' is not a whole number"],
    ),
    "n-zero": (
        "outcomes", "indicator;period;value;n\nw;2025;4;0\n", {},
        (2, "n", "0", "too_small"), ["n must be above 0"],
    ),
    "end-before-start": (
        "programmes",
        "intervention_id;name;programme;start_date;einddatum\nA;a;p;01-03-2025;28-02-2025\n", {},
        (2, "einddatum", "28-02-2025", "end_before_start"), ["end_date is before start_date"],
    ),
    "ci-low-above-value": (
        "outcomes", "indicator;period;value;ci_low;ci_high\nw;2025;4;4,5;5\n", {},
        (2, "ci_low", "4,5", "ci_low_above_value"), ["ci_low is above value"],
    ),
    "ci-high-below-value": (
        "outcomes", "indicator;period;value;ci_low;ci_high\nw;2025;4;3;3,5\n", {},
        (2, "ci_high", "3,5", "ci_high_below_value"), ["ci_high is below value"],
    ),
    "comparison-ci-low-above-comparison": (
        "outcomes", "indicator;period;value;comparison;comparison_ci_low\nw;2025;4;6;6,5\n", {},
        (2, "comparison_ci_low", "6,5", "comparison_ci_low_above_comparison"),
        ["comparison_ci_low is above comparison"],
    ),
    "comparison-ci-high-below-comparison": (
        "outcomes", "indicator;period;value;comparison;comparison_ci_high\nw;2025;4;6;5,9\n", {},
        (2, "comparison_ci_high", "5,9", "comparison_ci_high_below_comparison"),
        ["comparison_ci_high is below comparison"],
    ),
    "value-per-unit-low-above": (
        "indicators", "indicator;value_per_unit;value_per_unit_low\nw;100;100,01\n", {},
        (2, "value_per_unit_low", "100,01", "value_per_unit_low_above_value_per_unit"),
        ["value_per_unit_low is above value_per_unit"],
    ),
    "value-per-unit-high-below": (
        "indicators", "indicator;value_per_unit;value_per_unit_high\nw;100;99\n", {},
        (2, "value_per_unit_high", "99", "value_per_unit_high_below_value_per_unit"),
        ["value_per_unit_high is below value_per_unit"],
    ),
    "expected-effect-se-alone": (
        "programmes",
        "intervention_id;name;programme;expected_effect;expected_effect_se\nA;a;p;2;1\nB;b;p;-;1\n",
        {}, (3, "expected_effect_se", "1", "se_without_expected_effect"),
        ["expected_effect_se is given without expected_effect"],
    ),
    "period-out-of-range": (
        "outcomes", "indicator;period;value\nw;1850;4\n", {},
        (2, "period", "1850", "period_range"), ["between 1900 and 2100"],
    ),
    "neither-budgeted-nor-actual": (
        "budget", "year;programme;budgeted;actual\n2025;A;1;\n2025;B;-;-\n", {},
        (3, "actual", None, "no_amount"), ["give budgeted or actual", "neither"],
    ),
    "duplicate-intervention-id": (
        "programmes", "interventie;naam;programma\nA;a;p\nB;b;p\nA;c;p\n", {},
        (4, "interventie", "A", "duplicate"), ["duplicate: row 2 has the same intervention_id"],
    ),
    "duplicate-indicator": (
        "indicators", "indicator;eenheid\nwachttijd;dagen\nwachttijd;weken\n", {},
        (3, "indicator", "wachttijd", "duplicate"), ["row 2 has the same indicator"],
    ),
    "duplicate-outcome-scope": (
        "outcomes", "indicator;period;value;wijk\nw;2025;4;Noord\nw;2025;4;Zuid\nw;2025;5;Noord\n",
        {}, (4, "indicator", "w", "duplicate"), ["row 2 has the same", "area=Noord"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(ROW_ERRORS), ids=list(ROW_ERRORS))
def test_row_error(home_db: Path, case: str) -> None:
    kind, text, opts, expected, words = ROW_ERRORS[case]
    error = _the_error(_check(home_db, kind, text, **opts))
    assert (error.row, error.column, error.value, error.code) == expected
    for word in words:
        assert word in error.message


# (kind, file text, options, (column, value, code), words): problems of the whole file.
FILE_ERRORS: dict[str, tuple[str, str, dict[str, Any], tuple[Any, ...], list[str]]] = {
    "whole-column-missing": (
        "budget", "jaar;begroot\n2025;1\n2025;2\n2025;3\n", {},
        ("programme", None, "column_missing"),
        ["no programme column", "programma", "--map 'FILE COLUMN=programme'", "--set", "jaar"],
    ),
    "amount-columns-missing": (
        "budget", "jaar;programma\n2025;A\n2025;B\n", {},
        ("actual", None, "column_missing"), ["no actual column", "realisatie", "--map"],
    ),
    "map-source-missing": (
        "budget", "year;programme;budgeted\n2025;A;1\n", {"mapping": {"Kostenpost": "programme"}},
        ("Kostenpost", None, "map_source_missing"),
        ["--map Kostenpost=programme", "no column 'Kostenpost'", "year, programme, budgeted"],
    ),
    "map-target-unknown": (
        "budget", "year;programme;budgeted\n2025;A;1\n", {"mapping": {"programme": "kleur"}},
        ("programme", None, "map_target_unknown"), ["'kleur' is not a budget column"],
    ),
    "map-conflict": (
        "budget", "year;programme;Lasten;Realisatie\n2025;A;1;2\n",
        {"mapping": {"Lasten": "actual", "Realisatie": "actual"}},
        ("Realisatie", None, "map_conflict"),
        ["both 'Lasten' and 'Realisatie' are mapped to actual"],
    ),
    "where-column-missing": (
        "budget", "year;programme;budgeted\n2025;A;1\n", {"where": {"soort": "lasten"}},
        ("soort", "lasten", "where_missing"), ["--where soort=lasten", "no column 'soort'"],
    ),
    "set-unknown-column": (
        "budget", "year;programme;budgeted\n2025;A;1\n", {"constants": {"kleur": "rood"}},
        (None, "rood", "set_unknown"), ["'kleur' is not a budget column"],
    ),
    "no-year-columns": (
        "budget", "programme;budgeted\nA;1\n", {"years_in_columns": True},
        (None, None, "no_year_columns"), ["no column is named like a year"],
    ),
    "indicators-in-columns-for-budget": (
        "budget", "year;programme;budgeted\n2025;A;1\n", {"indicators_in_columns": True},
        (None, None, "usage"), ["only for outcomes"],
    ),
    "year-column-and-year-columns": (
        "budget", "year;programme;2024\n2025;A;1\n", {"years_in_columns": True},
        ("year", None, "unpivot_conflict"), ["a year column and its years in the column names"],
    ),
    "empty-file": (
        "budget", "", {}, (None, None, "unreadable"), ["file.csv: the file is empty"],
    ),
}  # fmt: skip


def test_intervals_that_hold_their_value_pass(home_db: Path) -> None:
    outcomes = (
        "indicator;period;value;ci_low;ci_high;comparison;comparison_ci_low;comparison_ci_high\n"
        "w;2025;4;4;4;6;6;6\nw;2024;4;3;5;6;5;7\n"
    )
    assert _check(home_db, "outcomes", outcomes).ok
    indicators = "indicator;value_per_unit;value_per_unit_low;value_per_unit_high\nw;;300;100\n"
    assert _check(home_db, "indicators", indicators).ok  # no value_per_unit: nothing to hold


def test_every_missing_marker_is_no_value_in_any_case(home_db: Path) -> None:
    rows = ["-", ".", "–", "—", "..", "...", "n/a", "N/A", "NA", "#N/A", "NULL", "Null", " "]
    text = "year;programme;budgeted;actual\n" + "".join(
        f"2025;P{i};1;{m}\n" for i, m in enumerate(rows)
    )
    report = _check(home_db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    # 'nan' and '?' are not markers: the first is a number to nobody, the second a typo.
    report = _check(home_db, "budget", "year;programme;budgeted;actual\n2025;P;1;nan\n2025;Q;1;?\n")
    assert [(e.row, e.code) for e in report.errors] == [(2, "not_a_number"), (3, "not_a_number")]


@pytest.mark.parametrize("case", list(FILE_ERRORS), ids=list(FILE_ERRORS))
def test_file_error(home_db: Path, case: str) -> None:
    kind, text, opts, expected, words = FILE_ERRORS[case]
    error = _the_error(_check(home_db, kind, text, **opts))
    assert (error.row, error.column, error.value, error.code) == (None, *expected)
    for word in words:
        assert word in error.message


def test_fake_workbook_is_unreadable(home_db: Path) -> None:
    report = ingest.check(home_db, "budget", b"year;programme\n", "begroting.xlsx")
    error = _the_error(report)
    assert error.code == "unreadable"
    assert "begroting.xlsx: the file is called .xlsx but is not an Excel workbook" in error.message


def test_no_municipality_column_and_no_home(tmp_path: Path) -> None:
    bare = tmp_path / "whatworks.duckdb"  # no database, so no settings
    report = _check(bare, "budget", "year;programme;budgeted\n2025;A;1\n2025;B;2\n")
    error = _the_error(report)
    assert (error.row, error.column, error.value, error.code) == (
        None, "municipality", None, "no_municipality",
    )  # fmt: skip
    assert "no home municipality is set" in error.message
    assert "--set municipality=NAME" in error.message
    assert store.current_generation(bare) is None


def test_empty_municipality_cell_and_no_home(tmp_path: Path) -> None:
    bare = tmp_path / "whatworks.duckdb"
    text = "indicator;period;value;Gemeente\nw;2025;4;Noordwold\nw;2025;5;\n"
    error = _the_error(_check(bare, "outcomes", text))
    assert (error.row, error.column, error.value, error.code) == (
        3,
        "Gemeente",
        None,
        "no_municipality",
    )
    assert "municipality is empty and no home municipality is set" in error.message


def test_errors_are_all_listed_in_row_order(home_db: Path) -> None:
    text = "jaar;programma;begroot\n2025;A;veel\n1800;;1\n2025;B;-1\n"
    report = _check(home_db, "budget", text)
    got = [(e.row, e.column, e.code) for e in report.errors]
    assert got == [
        (2, "begroot", "not_a_number"),
        (3, "programma", "required"),
        (3, "jaar", "too_small"),
    ]  # row 4's -1 is a negative budget line: a warning (the contract)


def test_dutch_and_nordic_enum_words_are_accepted(tmp_path: Path) -> None:
    db = tmp_path / "whatworks.duckdb"
    text = (
        "interventie;naam;programma;fase;bewijsniveau\n"
        "A;a;p;opschaling;goed beschreven\nB;b;p;gestopt;effectief\n"
        "C;c;p;Forsøk;STRONG\nD;d;p;;\n"
    )
    assert ingest.load(db, "programmes", text.encode(), "register.csv").ok
    with store.reader(db) as con:
        rows = con.execute(
            "SELECT intervention_id, stage, evidence_level FROM programmes ORDER BY 1"
        ).fetchall()
    assert rows == [
        ("A", "scaling", "described"),
        ("B", "stopped", "effective"),
        ("C", "pilot", "strong"),
        ("D", "pilot", "none"),
    ]


# --------------------------------------------------------------------------- warnings


def test_negative_actual_warns(home_db: Path) -> None:
    report = _check(home_db, "budget", "Jaar;Programma;Realisatie\n2025;A;10\n2025;B;-3,50\n")
    [warning] = _warnings(report, "negative_actual")
    assert (warning.row, warning.column, warning.value) == (3, "Realisatie", "-3,50")
    assert "negative actual spend" in warning.message


def test_unknown_intervention_warns_once_per_id(register_db: Path) -> None:
    text = (
        "year;programme;interventie;budgeted\n2025;Jeugd;JZ-01;1\n"
        "2025;Jeugd;XX-9;2\n2025;Jeugd;XX-9;3\n2025;Jeugd;;4\n"
    )
    [warning] = _warnings(_check(register_db, "budget", text), "unknown_intervention")
    assert (warning.row, warning.column, warning.value) == (3, "interventie", "XX-9")
    assert "'XX-9' is not in the programme register (2 rows)" in warning.message


def test_unknown_intervention_is_not_warned_without_a_register(home_db: Path) -> None:
    text = "year;programme;intervention_id;budgeted\n2025;Jeugd;XX-9;2\n"
    assert _warnings(_check(home_db, "budget", text), "unknown_intervention") == []


def test_direction_disagreeing_within_the_file_warns(home_db: Path) -> None:
    text = "indicator;period;value;hoger_is_beter\nwachttijd;2024;4;nee\nwachttijd;2025;3;ja\n"
    [warning] = _warnings(_check(home_db, "outcomes", text), "direction_disagrees")
    assert (warning.row, warning.column, warning.value) == (2, "hoger_is_beter", "wachttijd")
    assert "both true and false in this file" in warning.message


@pytest.mark.parametrize("kind", ["outcomes", "indicators"])
def test_direction_disagreeing_with_stored_data_warns(register_db: Path, kind: str) -> None:
    # Stored: schooluitval has higher_is_better false (outcomes_eemsdal.csv).
    text = "indicator;period;value;hoger_is_beter\nschooluitval;2026;2;ja\n"
    if kind == "indicators":
        text = "indicator;hoger_is_beter\nschooluitval;ja\n"
    [warning] = _warnings(_check(register_db, kind, text), "direction_disagrees")
    assert (warning.row, warning.column, warning.value) == (2, "hoger_is_beter", "true")
    assert "stored with higher_is_better false; this file says true" in warning.message


def test_exact_duplicate_rows_are_collapsed(tmp_path: Path) -> None:
    db = tmp_path / "whatworks.duckdb"
    store.save_settings(db, {"home_municipality": HOME})
    text = "indicator;period;value\nwachttijd;2025;4\nwachttijd;2025;4\nwachttijd;2024;5\n"
    report = ingest.load(db, "outcomes", text.encode(), "o.csv")
    [warning] = _warnings(report, "exact_duplicate")
    assert warning.message == "1 row repeats another row exactly and was loaded once"
    assert report.inserted == 2


def test_rounded_amounts_warn(tmp_path: Path) -> None:
    db = tmp_path / "whatworks.duckdb"
    store.save_settings(db, {"home_municipality": HOME})
    text = "year;programme;budgeted;actual\n2025;A;10,555;1,001\n2025;B;3,50;\n"
    report = ingest.load(db, "budget", text.encode(), "b.csv")
    [warning] = _warnings(report, "rounded")
    assert "2 amounts had more than two decimals and were rounded to cents" in warning.message
    with store.reader(db) as con:
        rows = con.execute("SELECT budgeted, actual FROM budget ORDER BY programme").fetchall()
    assert [tuple(str(v) for v in r) for r in rows] == [("10.56", "1.00"), ("3.50", "None")]


def test_extra_cells_beyond_the_header_warn(home_db: Path) -> None:
    text = "year;programme;budgeted\n2025;A;1\n2025;B;2;oeps\n"
    [warning] = _warnings(_check(home_db, "budget", text), "overflow")
    assert warning.row == 3
    assert "more cells than the header has columns" in warning.message
