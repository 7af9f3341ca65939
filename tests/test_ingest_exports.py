"""Real exports, never silently wrong (issue 9): repeated columns, financial years, amount-wise
replace with a preview of what a load replaces, every problem in one report, negative budget
lines, numeric filters and true messages.

Every expected value below was worked out by hand from the small file in the test.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import pytest
from typer.testing import CliRunner

from whatworks import ingest, store
from whatworks.cli import app
from whatworks.ingest import LoadOptions, Report


def _check(db: Path, kind: str, text: str, **opts: Any) -> Report:
    return ingest.check(db, kind, text.encode("utf-8"), "file.csv", LoadOptions(**opts))


def _load(db: Path, kind: str, text: str, **opts: Any) -> Report:
    return ingest.load(db, kind, text.encode("utf-8"), "file.csv", LoadOptions(**opts))


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with store.reader(db) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return builders.new_database(tmp_path / "whatworks.duckdb")


# --------------------------------------------------------------------------- 1 repeated columns


@pytest.mark.parametrize(
    ("header", "first", "second"),
    [
        ("year;programme;budgeted;budgeted", "budgeted", "budgeted"),
        ("year;programme;budgeted;Begroot", "budgeted", "Begroot"),
        ("jaar;year;programme;budgeted", "jaar", "year"),
    ],
)
def test_two_columns_filling_one_contract_column_are_an_error_naming_both(
    db: Path, header: str, first: str, second: str
) -> None:
    report = _check(db, "budget", header + "\n2025;A;1;2\n")
    [error] = report.errors
    assert error.code == "duplicate_column"
    assert (error.params["first"], error.params["second"]) == (first, second)
    assert f"'{first}'" in error.message
    assert f"'{second}'" in error.message


def test_two_wide_columns_with_the_same_year_are_an_error(db: Path) -> None:
    # A two-row header (years over accounts) read as one row: 2024 twice.
    text = "programme;2024;2024;2025\nA;1;2;3\n"
    report = _check(db, "budget", text, years_in_columns=True)
    [error] = report.errors
    assert error.code == "duplicate_column"
    assert (error.params["first"], error.params["second"]) == ("2024", "2024")
    assert store.current_generation(db) is not None  # settings only: nothing loaded


def test_two_value_columns_in_outcomes_are_an_error(db: Path) -> None:
    report = _check(db, "outcomes", "indicator;period;value;value\nw;2025;4;5\n")
    assert [e.code for e in report.errors] == ["duplicate_column"]


def test_exact_duplicate_warning_is_true_for_wide_files(db: Path) -> None:
    # Rows 2 and 3 repeat each other in 2024 (w, 2024, 1) but not in 2025: one row is
    # repeated, so 3 rows are loaded, not 4.
    text = "indicator;2024;2025\nw;1;2\nw;1;3\n"
    report = _load(db, "outcomes", text, years_in_columns=True)
    assert report.ok is False  # (w, 2025) twice with different values is a conflict
    text = "indicator;area;2024;2025\nw;N;1;2\nw;N;1;2\nw;S;1;3\n"
    report = _load(db, "outcomes", text, years_in_columns=True)
    assert report.ok, [e.message for e in report.errors]
    [warning] = [w for w in report.warnings if w.code == "exact_duplicate"]
    assert warning.params["count"] == 2
    assert report.inserted == 4
    assert _rows(db, "SELECT count(*) FROM outcomes") == [(4,)]


# --------------------------------------------------------------------------- 2 financial years


def test_financial_years_in_one_column_are_all_financial_years(db: Path) -> None:
    text = (
        "indicator;period;value\n"
        "a;2011-12;1\na;2012-13;2\nb;2016-17;3\nc;2016/17;4\nd;201617;5\ne;FY21-22;6\n"
        "f;2021-2022;7\n"
    )
    report = _load(db, "outcomes", text)
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT indicator, period FROM outcomes ORDER BY indicator, period")
    assert got == [
        ("a", "2011/12"),
        ("a", "2012/13"),
        ("b", "2016/17"),
        ("c", "2016/17"),
        ("d", "2016/17"),
        ("e", "2021/22"),
        ("f", "2021/22"),
    ]


def test_months_stay_months(db: Path) -> None:
    report = _load(db, "outcomes", "indicator;period;value\na;2011-12;1\na;2011-11;2\n")
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT period, period_start FROM outcomes ORDER BY period")
    assert [(p, str(s)) for p, s in got] == [("2011-11", "2011-11-01"), ("2011-12", "2011-12-01")]


def test_a_financial_year_starts_in_the_fiscal_year_start_month(tmp_path: Path) -> None:
    db = builders.new_database(tmp_path / "w.duckdb", {"fiscal_year_start": "7"})
    assert _load(db, "outcomes", "indicator;period;value\na;2016-17;1\n").ok
    [(start, end)] = _rows(db, "SELECT period_start, period_end FROM outcomes")
    assert (str(start), str(end)) == ("2016-07-01", "2017-06-30")


def test_a_lone_ambiguous_period_is_read_as_a_financial_year_and_said(db: Path) -> None:
    report = _check(db, "outcomes", "indicator;period;value\na;2011-12;1\n")
    assert report.ok
    assert any(n.key == "note.financial_years" for n in report.notes)


# --------------------------------------------------------------------------- 3 amount-wise replace

BUDGET = "year;programme;budgeted\n2025;A;100\n2025;B;50\n"
ACCOUNTS = "year;programme;actual\n2025;A;90\n2025;C;7\n"


def test_accounts_after_the_budget_keep_the_budget(db: Path) -> None:
    builders.load(db, "budget", BUDGET)
    report = builders.load(db, "budget", ACCOUNTS)
    got = _rows(
        db,
        "SELECT sum(budgeted), sum(actual), count(*) FILTER (budgeted IS NOT NULL) FROM budget",
    )
    assert got == [(Decimal("150.00"), Decimal("97.00"), 2)]
    lines = _rows(
        db,
        "SELECT programme, budgeted, actual FROM budget ORDER BY 1",
    )
    assert lines == [
        ("A", Decimal("100.00"), Decimal("90.00")),
        ("B", Decimal("50.00"), None),
        ("C", None, Decimal("7.00")),
    ]
    assert report.replaced == 2


def test_a_second_budget_replaces_the_budget_and_keeps_the_accounts(db: Path) -> None:
    builders.load(db, "budget", "year;programme;budgeted;actual\n2025;A;100;90\n2025;B;50;40\n")
    builders.load(db, "budget", "year;programme;budgeted\n2025;A;120\n")
    got = _rows(db, "SELECT sum(budgeted), sum(actual) FROM budget")
    assert got == [(Decimal("120.00"), Decimal("130.00"))]


def test_a_file_with_both_amounts_replaces_the_year(db: Path) -> None:
    builders.load(db, "budget", BUDGET)
    text = "year;programme;budgeted;actual\n2025;A;1;2\n"
    refused = ingest.load(db, "budget", text.encode(), "f.csv")
    assert [e.code for e in refused.errors] == ["needs_confirmation"]  # 150 -> 1
    assert ingest.load(db, "budget", text.encode(), "f.csv", confirmed=True).ok
    got = _rows(db, "SELECT sum(budgeted), sum(actual) FROM budget")
    assert got == [(Decimal("1.00"), Decimal("2.00"))]


def test_the_preview_says_what_a_load_replaces_and_keeps(db: Path) -> None:
    builders.load(db, "budget", BUDGET)
    builders.load(db, "budget", "year;programme;budgeted\n2024;A;10\n")
    report = _check(db, "budget", "year;programme;budgeted\n2025;A;30\n")
    [line] = report.preview
    assert line["municipality"] == builders.HOME
    assert line["period"] == "2025"
    assert line["replaced_lines"] == 2
    assert Decimal(line["replaced_money"]) == Decimal("150.00")
    assert line["kept_lines"] == 0
    assert Decimal(line["total_before"]) == Decimal("150.00")
    assert Decimal(line["total_after"]) == Decimal("30.00")
    assert Decimal(line["change"]) == Decimal("-120.00")
    assert line["removes_most"] is True
    assert report.needs_confirmation


def test_the_preview_of_accounts_keeps_the_budget(db: Path) -> None:
    builders.load(db, "budget", BUDGET)
    report = _check(db, "budget", ACCOUNTS)
    [line] = report.preview
    assert (line["replaced_lines"], Decimal(line["replaced_money"])) == (0, Decimal(0))
    assert (line["kept_lines"], Decimal(line["kept_money"])) == (2, Decimal("150.00"))
    assert line["removes_most"] is False
    assert not report.needs_confirmation


def test_cli_load_that_removes_most_of_a_year_needs_yes(db: Path) -> None:
    builders.load(db, "budget", BUDGET)
    small = db.parent / "small.csv"
    small.write_text("year;programme;budgeted\n2025;A;5\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["load", "budget", str(small), "--db", str(db), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["needs_confirmation"] is True
    assert report["preview"][0]["replaced_lines"] == 2
    assert _rows(db, "SELECT sum(budgeted) FROM budget") == [(Decimal("150.00"),)]
    result = runner.invoke(app, ["load", "budget", str(small), "--db", str(db), "--yes"])
    assert result.exit_code == 0, result.output
    assert "2025" in result.stdout
    assert _rows(db, "SELECT sum(budgeted) FROM budget") == [(Decimal("5.00"),)]


def test_outcomes_preview_is_per_indicator_and_period(db: Path) -> None:
    builders.load(db, "outcomes", "indicator;period;value\nw;2024;4\nw;2025;5\n")
    report = _check(db, "outcomes", "indicator;period;value\nw;2025;6\nv;2025;1\n")
    got = sorted((p["indicator"], p["period"], p["replaced_lines"]) for p in report.preview)
    assert got == [("v", "2025", 0), ("w", "2025", 1)]


def test_outcomes_preview_counts_replaced_and_kept_rows_by_their_keys(db: Path) -> None:
    # w 2025: four current rows - no area (a missing key matches a missing key), noord, zuid
    # and oost; the file has no area, noord and west: 2 replaced, 2 kept (zuid, oost), 3 new.
    builders.load(
        db,
        "outcomes",
        "indicator;period;value;area\nw;2025;1;\nw;2025;2;noord\nw;2025;3;zuid\n"
        "w;2025;4;oost\nw;2024;5;noord\n",
    )
    report = _check(
        db, "outcomes", "indicator;period;value;area\nw;2025;6;\nw;2025;7;noord\nw;2025;8;west\n"
    )
    got = [
        (p["indicator"], p["period"], p["replaced_lines"], p["kept_lines"], p["new_lines"])
        for p in report.preview
    ]
    assert got == [("w", "2025", 2, 2, 3)]


# --------------------------------------------------------------------------- 4 every problem


def test_missing_municipality_does_not_hide_other_problems(tmp_path: Path) -> None:
    bare = tmp_path / "whatworks.duckdb"  # no settings: no home municipality
    report = _check(bare, "budget", "year;budgeted\n2025;veel\n1800;3\n")
    got = sorted((e.row or 0, e.column, e.code) for e in report.errors)
    assert got == [
        (0, "municipality", "no_municipality"),
        (0, "programme", "column_missing"),
        (2, "budgeted", "not_a_number"),
        (3, "year", "too_small"),
    ]


def test_a_missing_amount_column_does_not_hide_row_errors(db: Path) -> None:
    report = _check(db, "budget", "year;programme\n2025;A\nxx;B\n")
    got = sorted((e.row or 0, e.column, e.code) for e in report.errors)
    assert got == [(0, "actual", "column_missing"), (3, "year", "not_a_whole_number")]


# --------------------------------------------------------------------------- 5 negative, filters


def test_negative_budget_lines_load_with_a_warning(db: Path) -> None:
    report = _load(db, "budget", "year;programme;budgeted\n2025;A;100\n2025;A-offset;-30\n")
    assert report.ok, [e.message for e in report.errors]
    [warning] = [w for w in report.warnings if w.code == "negative_budgeted"]
    assert (warning.row, warning.value) == (3, "-30")
    assert _rows(db, "SELECT sum(budgeted) FROM budget") == [(Decimal("70.00"),)]


@pytest.mark.parametrize(
    ("where", "kept"),
    [
        ("amt>0", ["A", "C"]),
        ("amt>=0", ["A", "B", "C"]),
        ("amt<0", ["D"]),
        ("amt<=0", ["B", "D"]),
        ("amt<10,5", ["B", "D"]),  # decimal comma, as the file writes it
        ("code in 1, 3", ["A", "C"]),
        ("code in 2", ["B"]),
    ],
)
def test_numeric_and_list_filters(db: Path, where: str, kept: list[str]) -> None:
    text = "code;programme;amt\n1;A;10,5\n2;B;0\n3;C;1.200,00\n4;D;-3\n"
    src = db.parent / f"f{abs(hash(where))}.csv"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "load", "budget", str(src), "--db", str(db), "--map", "amt=budgeted",
            "--map", "code=ignore", "--set", "year=2025", "--where", where, "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    got = _rows(db, "SELECT programme FROM budget ORDER BY 1")
    assert [r[0] for r in got] == kept
    assert json.loads(result.stdout)["rows"] == len(kept)


# --------------------------------------------------------------------------- 6 true messages


def test_no_rounding_warning_after_scale_and_sum(db: Path) -> None:
    text = "year,programme,budgeted\n2025,A,1.5\n2025,A,2.25\n2025,B,3\n"
    report = _load(db, "budget", text, scale=Decimal(1000), sum_lines=True)
    assert report.ok, [e.message for e in report.errors]
    assert [w for w in report.warnings if w.code == "rounded"] == []
    got = _rows(db, "SELECT programme, budgeted FROM budget ORDER BY 1")
    assert got == [("A", Decimal("3750.00")), ("B", Decimal("3000.00"))]


def test_rounding_is_still_warned_after_sum(db: Path) -> None:
    text = "year;programme;budgeted\n2025;A;1,555\n2025;A;1\n"
    report = _load(db, "budget", text, sum_lines=True, decimal=",")
    assert [w.params["count"] for w in report.warnings if w.code == "rounded"] == [1]


def test_rows_count_after_where(db: Path) -> None:
    text = "year;programme;budgeted\n2025;A;1\n2024;B;2\n2025;C;3\n"
    report = _check(db, "budget", text, where=[("year", "2025")])
    assert report.rows == 2


# --------------------------------------------------------------------------- 7 shapes and values


def test_recode_turns_values_into_others_or_into_missing(db: Path) -> None:
    text = "indicator;period;value;polarity\nw;2025;4;desc\nv;2025;9;asc\n"
    report = _load(
        db,
        "outcomes",
        text,
        mapping={"polarity": "higher_is_better"},
        recode=["polarity:desc=false", "polarity:asc=true"],
    )
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT indicator, higher_is_better FROM outcomes ORDER BY 1")
    assert got == [("v", True), ("w", False)]


def test_recode_to_nothing_means_no_intervention(db: Path) -> None:
    text = "year;programme;project;budgeted\n2025;A;00000;1\n2025;A;P-7;2\n"
    report = _load(
        db, "budget", text, mapping={"project": "intervention_id"}, recode=["project:00000="]
    )
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT intervention_id, budgeted FROM budget ORDER BY 2")
    assert got == [(None, Decimal("1.00")), ("P-7", Decimal("2.00"))]


def test_a_malformed_recode_is_an_error(db: Path) -> None:
    report = _check(db, "budget", "year;programme;budgeted\n2025;A;1\n", recode=["nonsense"])
    assert [e.code for e in report.errors] == ["recode_malformed"]


def test_configured_missing_markers_are_no_value(db: Path) -> None:
    text = "year;programme;budgeted;actual\n2025;A;pm;3\n2025;B;4;n.v.t.\n"
    report = _load(db, "budget", text, missing=["pm", "n.v.t."])
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT programme, budgeted, actual FROM budget ORDER BY 1")
    assert got == [("A", None, Decimal("3.00")), ("B", Decimal("4.00"), None)]


def test_leading_apostrophes_are_stripped_from_codes_only(db: Path) -> None:
    text = "year;programme;programme_code;municipality;budgeted\n2025;A;'00120;'s-Gravenhage;1\n"
    report = _load(db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT programme_code, municipality FROM budget")
    assert got == [("00120", "'s-Gravenhage")]


def test_fill_down_fills_group_labels(db: Path) -> None:
    text = "programme;line;year;budgeted\nJeugd;a;2025;1\n;b;2025;2\nWmo;c;2025;4\n;d;2025;8\n"
    report = _load(db, "budget", text, fill_down=["programme"], sum_lines=True)
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT programme, budgeted FROM budget ORDER BY 1")
    assert got == [("Jeugd", Decimal("3.00")), ("Wmo", Decimal("12.00"))]


def test_subtotal_rows_are_left_out_with_a_note(db: Path) -> None:
    text = (
        "year;programme;budgeted\n2025;Jeugd;1\n2025;Wmo;2\n2025;Totaal;3\n"
        "2025;Sport;4\n2025;I alt;4\n;Sum;7\n"
    )
    report = _load(db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    assert _rows(db, "SELECT sum(budgeted), count(*) FROM budget") == [(Decimal("7.00"), 3)]
    [note] = [n for n in report.notes if n.key == "note.subtotals"]
    assert note.params["count"] == 3
    kept = _check(db, "budget", text.replace(";Sum;7\n", ""), keep_totals=True)
    assert kept.ok
    assert kept.rows == 5


def test_a_value_recoded_into_a_subtotal_word_is_left_out(db: Path) -> None:
    # No cell of "programme" starts like a subtotal word until --recode writes one.
    text = "year;programme;budgeted\n2025;Jeugd;1\n2025;Wmo;2\n2025;Alles;3\n2025;Zorg;4\n"
    report = _load(db, "budget", text, recode=["programme:Alles=Totaal"])
    assert report.ok, [e.message for e in report.errors]
    assert _rows(db, "SELECT sum(budgeted), count(*) FROM budget") == [(Decimal("7.00"), 3)]
    assert [n.params for n in report.notes if n.key == "note.subtotals"] == [{"count": 1}]


def test_year_columns_found_inside_words(db: Path) -> None:
    text = "programme;Voranschlag 2012 EUR;Voranschlag 2013 EUR\nA;1;2\n"
    report = _load(db, "budget", text, years_in_columns=True)
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT year, budgeted FROM budget ORDER BY 1")
    assert got == [(2012, Decimal("1.00")), (2013, Decimal("2.00"))]


def test_two_header_rows_are_joined(db: Path) -> None:
    # Years over accounts: the year stands above its first column (a merged cell).
    text = "programme;2024;;2025;\n;budget;actual;budget;actual\nA;1;2;3;4\n"
    report = _check(db, "budget", text, header_rows=2, years_in_columns=True)
    # Joined: programme, 2024 budget, 2024 actual, 2025 budget, 2025 actual; two per year.
    got = [
        (e.code, e.params["first"], e.params["second"])
        for e in report.errors
        if e.code == "duplicate_column"
    ]
    assert got == [
        ("duplicate_column", "2024 budget", "2024 actual"),
        ("duplicate_column", "2025 budget", "2025 actual"),
    ]
    # And the accounts' columns say so: read as the budget (the default) they would be wrong.
    named = [e.column for e in report.errors if e.code == "year_column_other_amount"]
    assert named == ["2024 actual", "2025 actual"]
    # One amount's columns mapped away: the other loads, a year per column.
    report = _load(
        db, "budget", text, header_rows=2, years_in_columns=True, years_as="actual",
        mapping={"#2": "-", "#4": "-"},
    )  # fmt: skip
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT year, budgeted, actual FROM budget ORDER BY 1")
    assert got == [(2024, None, Decimal("2.00")), (2025, None, Decimal("4.00"))]


def test_a_budget_year_written_as_a_financial_year_is_its_first_year(db: Path) -> None:
    text = "year;programme;budgeted\n2016-17;A;1\n2017/18;A;2\n201819;A;4\n2019;A;8\n"
    report = _load(db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    got = _rows(db, "SELECT year, budgeted FROM budget ORDER BY 1")
    assert [y for y, _ in got] == [2016, 2017, 2018, 2019]


# ---------------------------------------------- the real-export corpus's finds (tests/realexports)


def test_an_amount_column_beside_year_columns_is_refused(db: Path) -> None:
    # Sogndal's and Førde's exports: the accounts of 2011 beside the budgets of 2012 and 2013.
    # Mapped as the accounts, the 2011 figure stood as the 'actual' of 2012 and of 2013.
    text = "programme;rekneskap_2011;budsjett_2012;budsjett_2013\nA;5;6;7\n"
    report = _check(db, "budget", text, years_in_columns=True, mapping={"rekneskap_2011": "actual"})
    [error] = report.errors
    assert (error.code, error.column) == ("amount_beside_years", "rekneskap_2011")
    assert "--map 'rekneskap_2011=-'" in error.message
    assert "--map 'rekneskap_2011=actual' --set year=YEAR" in error.message


def test_a_year_column_named_for_the_other_amount_is_refused(db: Path) -> None:
    text = "programme;rekneskap_2011;budsjett_2012;Rekening 2010\nA;5;6;7\n"
    report = _check(db, "budget", text, years_in_columns=True)
    got = [(e.code, e.column, e.params["word"], e.params["year"]) for e in report.errors]
    assert got == [
        ("year_column_other_amount", "rekneskap_2011", "rekneskap", 2011),
        ("year_column_other_amount", "Rekening 2010", "rekening", 2010),
    ]
    assert "--set year=2011" in report.errors[0].message
    # Read as accounts, a budget-named column is the odd one out.
    report = _check(db, "budget", text, years_in_columns=True, years_as="actual")
    assert [(e.code, e.column) for e in report.errors] == [
        ("year_column_other_amount", "budsjett_2012")
    ]
    # Moers and Freiburg: 'Ist 2015;Plan 2017', 'Ergebnis 2015 (Aufwendungen);Ansatz 2016 (…)'.
    text = "programme;Ist 2015;Plan 2017;Ergebnis 2014 (Aufwendungen);Ansatz 2016 (Aufwendungen)\n"
    report = _check(db, "budget", text + "A;1;2;3;4\n", years_in_columns=True, years_as="actual")
    assert [e.column for e in report.errors] == ["Plan 2017", "Ansatz 2016 (Aufwendungen)"]
    report = _check(db, "budget", text + "A;1;2;3;4\n", years_in_columns=True)
    assert [e.column for e in report.errors] == ["Ist 2015", "Ergebnis 2014 (Aufwendungen)"]


def test_year_columns_load_apart_by_amount(db: Path) -> None:
    text = "programme;rekneskap_2011;budsjett_2012;budsjett_2013\nA;5;6;7\nB;1;2;3\n"
    budgets = _load(db, "budget", text, years_in_columns=True, mapping={"rekneskap_2011": "-"})
    assert budgets.ok, [e.message for e in budgets.errors]
    accounts = _load(
        db, "budget", text, mapping={"rekneskap_2011": "actual", "budsjett_2012": "-",
        "budsjett_2013": "-"}, constants={"year": "2011"},
    )  # fmt: skip
    assert accounts.ok, [e.message for e in accounts.errors]
    got = _rows(db, "SELECT year, programme, budgeted, actual FROM budget ORDER BY 1, 2")
    assert got == [
        (2011, "A", None, Decimal("5.00")),
        (2011, "B", None, Decimal("1.00")),
        (2012, "A", Decimal("6.00"), None),
        (2012, "B", Decimal("2.00"), None),
        (2013, "A", Decimal("7.00"), None),
        (2013, "B", Decimal("3.00"), None),
    ]


def test_rows_left_out_by_where_are_not_counted_as_empty_year_cells(db: Path) -> None:
    # Bergen: '2168 empty cell(s) in the year columns held no value' where none was empty;
    # the count was the rows --where had left out, times the year columns.
    text = "soort;programme;2024;2025\nU;A;1;2\nI;B;3;4\nI;C;5;6\nU;D;;8\n"
    report = _check(db, "budget", text, years_in_columns=True, where=[("soort", "U")])
    assert report.ok, [e.message for e in report.errors]
    [empty] = [n for n in report.notes if n.key == "note.empty_cells"]
    assert empty.params["count"] == 1  # D's 2024, and not the 4 cells of B and C


def test_german_swedish_and_finnish_subtotal_rows_are_left_out(db: Path) -> None:
    # IT.NRW's spending by product group ends each municipality with 'Summe aller
    # Produktgruppen' (code 999): loaded, it doubled every municipality's total.
    text = (
        "year;programme_code;programme;budgeted\n2010;111;Verwaltung;10\n2010;121;Statistik;5\n"
        "2010;999;Summe aller Produktgruppen;15\n2010;200;Insgesamt;15\n2010;300;Summa;15\n"
        "2010;400;Yhteensä;15\n2010;126;Brandschutz;1\n2010;130;Umwelt;2\n2010;140;Schulen;3\n"
    )
    report = _load(db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    assert _rows(db, "SELECT sum(budgeted), count(*) FROM budget") == [(Decimal("21.00"), 5)]
    [note] = [n for n in report.notes if n.key == "note.subtotals"]
    assert note.params["count"] == 4
    # A name that only begins like one stays: 'Summerschool' is no subtotal.
    assert _check(db, "budget", "year;programme;budgeted\n2010;Summerschool;1\n").rows == 1
