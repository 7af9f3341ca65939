"""The silent wrong loads of issue 10 (point 5) and the tracebacks on broken workbooks (point
6) as clear rejections or right loads: each test states the file, and the row, column and value
its message must name, or the value that must be stored."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest

from whatworks import ingest, store
from whatworks.ingest import Problem, Report
from whatworks.stress import workbooks

HEAD = "year;programme;municipality;budgeted;actual\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.new_database(tmp_path_factory.mktemp("hostile") / "whatworks.duckdb")


def check(db: Path, kind: str, data: str | bytes, name: str = "f.csv") -> Report:
    raw = data.encode() if isinstance(data, str) else data
    return ingest.check(db, kind, raw, name)


def only_error(report: Report) -> Problem:
    assert len(report.errors) == 1, [e.message for e in report.errors]
    return report.errors[0]


def test_an_unterminated_quote_is_refused_with_its_line(db: Path) -> None:
    text = HEAD + '2024;A;Eemsdal;1;2\n2024;"B;Eemsdal;1;2\n2024;C;Eemsdal;1;2\n'
    error = only_error(check(db, "budget", text, "quote.csv"))
    assert (error.code, error.params["variant"], error.params["line"]) == (
        "unreadable", "unterminated_quote", 3,
    )  # fmt: skip
    assert error.message.startswith("quote.csv: a quote opens a cell on line 3")


def test_a_quoted_cell_over_two_lines_at_the_end_still_reads(db: Path) -> None:
    text = HEAD + '2024;"A\nsecond line";Eemsdal;1;2\n'
    report = check(db, "budget", text)
    assert report.ok, [e.message for e in report.errors]
    assert report.rows == 1


def test_a_row_written_with_another_delimiter_is_refused(db: Path) -> None:
    text = HEAD + "2024;A;Eemsdal;1;2\n2024,B,Eemsdal,1,2\n"
    error = only_error(check(db, "budget", text, "mixed.csv"))
    assert (error.params["variant"], error.params["row"], error.params["found"]) == (
        "mixed_delimiters", 3, "','",
    )  # fmt: skip


def test_a_title_line_with_commas_above_the_header_is_no_mixed_delimiter(db: Path) -> None:
    text = "Budget, Eemsdal, 2024, final\n" + HEAD + "2024;A;Eemsdal;1;2\n"
    assert check(db, "budget", text).ok


@pytest.mark.parametrize("value", ["1 2 3 4", "12 3456", "1234 567"])
def test_spaces_that_do_not_group_thousands_are_not_a_number(db: Path, value: str) -> None:
    error = only_error(check(db, "budget", HEAD + f"2024;A;Eemsdal;{value};\n"))
    assert (error.row, error.column, error.value, error.code) == (
        2,
        "budgeted",
        value,
        "not_a_number",
    )


def test_spaces_that_group_thousands_are_a_number(tmp_path: Path) -> None:
    db = builders.database(
        tmp_path / "w.duckdb", [("budget", HEAD + "2024;A;Eemsdal;1 234 567,50;\n")]
    )
    with store.reader(db) as con:
        assert con.execute("SELECT budgeted::VARCHAR FROM budget").fetchone() == ("1234567.50",)


def test_a_measurement_keeps_tiny_and_huge_values_exactly(tmp_path: Path) -> None:
    text = "indicator;period;value;municipality\nx;2024;1.23e-10;E\ny;2024;1e35;E\nz;2024;12.5;E\n"
    db = builders.database(tmp_path / "w.duckdb", [("outcomes", text)])
    with store.reader(db) as con:
        values = con.execute("SELECT indicator, value FROM outcomes ORDER BY 1").fetchall()
    assert values == [("x", 1.23e-10), ("y", 1e35), ("z", 12.5)]


def test_a_measurement_beyond_a_double_is_not_a_number(db: Path) -> None:
    text = "indicator;period;value;municipality\nx;2024;1e309;E\n"
    error = only_error(check(db, "outcomes", text))
    assert (error.row, error.column, error.value) == (2, "value", "1e309")


def test_a_header_without_rows_is_refused(db: Path) -> None:
    error = only_error(check(db, "budget", HEAD, "head.csv"))
    assert error.params["variant"] == "no_rows"
    assert error.message == "head.csv: the file has a header but no data rows; nothing to load"


@pytest.mark.parametrize("date", ["0000-01-01", "1899-12-31", "2101-01-01"])
def test_a_date_outside_the_contract_years_is_refused(db: Path, date: str) -> None:
    text = f"intervention_id;name;programme;start_date\nA;n;p;{date}\n"
    error = only_error(check(db, "programmes", text))
    assert (error.row, error.column, error.code) == (2, "start_date", "period_range")
    assert error.message == "start_date must lie between 1900 and 2100"


def test_identical_budget_rows_load_all_with_a_warning(db: Path) -> None:
    line = "2024;A;Eemsdal;1;2\n"
    report = check(db, "budget", HEAD + line * 3 + "2024;B;Eemsdal;1;2\n" + line)
    assert report.ok
    [warning] = [w for w in report.warnings if w.code == "identical_rows"]
    assert warning.params == {"count": 3, "rows": "2"}
    assert report.rows == 5


def _book(cell: str) -> bytes:
    rows = [["year", "programme", "municipality", "budgeted", "actual"]]
    return workbooks.workbook(workbooks.sheet_xml([*rows, ["2024", "A", "Eemsdal", "5", cell]]))


def test_a_formula_without_a_saved_value_is_refused_naming_the_cell(db: Path) -> None:
    error = only_error(check(db, "budget", _book('<c r="E2"><f>1/0</f></c>'), "f.xlsx"))
    assert (error.params["variant"], error.params["cells"], error.params["count"]) == (
        "formula_without_value", "E2", 1,
    )  # fmt: skip


def test_an_error_cell_is_named_with_its_row_column_and_value(db: Path) -> None:
    cell = '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    error = only_error(check(db, "budget", _book(cell), "e.xlsx"))
    assert (error.row, error.column, error.value) == (2, "actual", "#DIV/0!")


def test_a_formula_with_its_saved_value_reads_the_value(db: Path) -> None:
    report = check(db, "budget", _book('<c r="E2"><f>2+3</f><v>5</v></c>'), "ok.xlsx")
    assert report.ok, [e.message for e in report.errors]


@pytest.mark.parametrize(
    ("sheet", "words"),
    [
        (workbooks.sheet_xml([["year", "programme"], ["2024", "A"]])[:-40], "not closed"),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>',
            "entity",
        ),
    ],
)
def test_broken_or_entity_laden_sheet_xml_is_a_message(db: Path, sheet: str, words: str) -> None:
    error = only_error(check(db, "budget", workbooks.workbook(sheet), "x.xlsx"))
    assert error.params["variant"] == "no_workbook"
    assert error.message.startswith("x.xlsx: cannot open the workbook (")
    assert words in error.message


def test_a_workbook_without_sheets_is_a_message(db: Path) -> None:
    empty = workbooks.WORKBOOK.replace('<sheet name="Data" sheetId="1" r:id="rId1"/>', "")
    data = workbooks.workbook("", {"xl/workbook.xml": empty})
    error = only_error(check(db, "budget", data, "none.xlsx"))
    assert error.message == "none.xlsx: cannot open the workbook (no sheets)"
