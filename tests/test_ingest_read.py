"""Reading files as municipalities export them: every dialect and option of the contract.

Each test loads a small file through the production path (``ingest.load``) into a fresh
database and compares what the published view holds with values computed by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from whatworks import ingest, store
from whatworks.ingest import LoadOptions, Report
from whatworks.ingest.read import read_table

HOME = "Eemsdal"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUDGET_COLS = ("year", "programme", "budgeted", "actual")


def _db(tmp_path: Path, **settings_values: str) -> Path:
    db = tmp_path / "data" / "whatworks.duckdb"
    if store.current_generation(db) is None:
        builders.new_database(db, settings_values)
    return db


def _load(
    tmp_path: Path, kind: str, data: str | bytes, name: str = "file.csv", **opts: Any
) -> Report:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return ingest.load(_db(tmp_path), kind, raw, name, LoadOptions(**opts))


def english_notes(report: Report) -> list[str]:
    """The report's notes as the CLI prints them."""
    return [str(note) for note in report.notes]


def _rows(db: Path, kind: str, cols: tuple[str, ...]) -> list[tuple[Any, ...]]:
    names = ", ".join(store.ident(c) for c in cols)
    with store.reader(db) as con:
        return con.execute(f"SELECT {names} FROM {store.ident(kind)} ORDER BY ALL").fetchall()


def _loaded(
    tmp_path: Path,
    kind: str,
    data: str | bytes,
    cols: tuple[str, ...] = BUDGET_COLS,
    name: str = "file.csv",
    **opts: Any,
) -> list[tuple[Any, ...]]:
    report = _load(tmp_path, kind, data, name, **opts)
    assert report.ok, [e.message for e in report.errors]
    return _rows(_db(tmp_path), kind, cols)


def _error(report: Report) -> tuple[int | None, str | None, str | None, str]:
    assert not report.ok
    assert len(report.errors) == 1, [e.message for e in report.errors]
    e = report.errors[0]
    return e.row, e.column, e.value, e.code


# --------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_every_delimiter_is_detected(tmp_path: Path, delim: str) -> None:
    lines = [
        ["year", "programme", "budgeted"],
        ["2025", "Jeugdzorg", "1250"],
        ["2024", "Wmo", "80"],
    ]
    text = "".join(delim.join(line) + "\n" for line in lines)
    report = _load(tmp_path, "budget", text)
    assert report.dialect["delimiter"] == delim
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2024, "Wmo", Decimal("80.00"), None),
        (2025, "Jeugdzorg", Decimal("1250.00"), None),
    ]


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("year;programme;budgeted;actual\n2025;A;1234,56;0,5\n", ","),
        ("year,programme,budgeted,actual\n2025,A,1234.56,0.5\n", "."),
        # a decimal comma in a comma-separated file arrives quoted
        ('year,programme,budgeted,actual\n2025,A,"1234,56","0,5"\n', ","),
    ],
)
def test_decimal_comma_and_point(tmp_path: Path, text: str, decimal: str) -> None:
    report = _load(tmp_path, "budget", text)
    assert report.dialect["decimal"] == decimal
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2025, "A", Decimal("1234.56"), Decimal("0.50"))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("year;programme;budgeted\n2025;A;1.234.567,89\n", Decimal("1234567.89")),
        ('year,programme,budgeted\n2025,A,"1,234,567.89"\n', Decimal("1234567.89")),
        ("year;programme;budgeted\n2025;A;1 234 567\n", Decimal("1234567.00")),
        ("year;programme;budgeted\n2025;A;1\u00a0234\u00a0567\n", Decimal("1234567.00")),
        ("year;programme;budgeted\n2025;A; 1 234 567,50 \n", Decimal("1234567.50")),
    ],
    ids=["dots", "commas", "spaces", "no-break-spaces", "spaces-and-padding"],
)
def test_thousands_separators(tmp_path: Path, text: str, expected: Decimal) -> None:
    assert _loaded(tmp_path, "budget", text) == [(2025, "A", expected, None)]


@pytest.mark.parametrize(
    ("delim", "decimal", "expected"),
    [
        (";", ",", Decimal("1250.00")),
        ("\t", ",", Decimal("1250.00")),
        (",", ".", Decimal("1.25")),
        ("|", ".", Decimal("1.25")),
    ],
    ids=["semicolon", "tab", "comma", "pipe"],
)
def test_delimiter_breaks_a_decimal_tie(
    tmp_path: Path, delim: str, decimal: str, expected: Decimal
) -> None:
    # "1.250" is 1250 with a decimal comma and 1.25 with a decimal point, and no other number
    # says which: files split by ';' or tab come from decimal-comma locales, ',' and '|' not.
    text = f"year{delim}programme{delim}budgeted\n2025{delim}A{delim}1.250\n2025{delim}B{delim}80\n"
    report = _load(tmp_path, "budget", text)
    assert (report.dialect["delimiter"], report.dialect["decimal"]) == (delim, decimal)
    assert _rows(_db(tmp_path), "budget", ("programme", "budgeted")) == [
        ("A", expected),
        ("B", Decimal("80.00")),
    ]


def test_parentheses_and_trailing_minus_are_negative(tmp_path: Path) -> None:
    text = "year;programme;budgeted;actual\n2025;A;10;(123)\n2025;B;10;123-\n2025;C;10;(1.234,50)\n"
    report = _load(tmp_path, "budget", text)
    assert report.ok
    assert _rows(_db(tmp_path), "budget", ("programme", "actual")) == [
        ("A", Decimal("-123.00")),
        ("B", Decimal("-123.00")),
        ("C", Decimal("-1234.50")),
    ]
    negative = [(w.row, w.value) for w in report.warnings if w.code == "negative_actual"]
    assert negative == [(2, "(123)"), (3, "123-"), (4, "(1.234,50)")]


# --------------------------------------------------------------------------- encodings

NORDIC = "jaar;programma;begroot\n2025;Ældrepleje;10\n2025;Jeugdzorg;20\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NORDIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + NORDIC.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + NORDIC.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + NORDIC.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    report = _load(tmp_path, "budget", data)
    assert report.dialect["encoding"] == encoding
    assert report.mapping == {"jaar": "year", "programma": "programme", "begroot": "budgeted"}
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2025, "Jeugdzorg", Decimal("20.00"), None),
        (2025, "Ældrepleje", Decimal("10.00"), None),
    ]


def test_windows_1252_euro_sign_and_o_slash(tmp_path: Path) -> None:
    data = (FIXTURES / "budget_cp1252.csv").read_bytes()
    assert b"\x80" in data  # the file really is Windows-1252: the euro sign
    assert b"B\xf8rn" in data  # and o-slash
    db = _db(tmp_path, default_currency="NOK")
    report = ingest.load(db, "budget", data, "budget_cp1252.csv")
    assert report.ok
    assert report.dialect["encoding"] == "windows-1252"
    # The euro sign in the valuta column is read as EUR, not the NOK default.
    assert _rows(db, "budget", ("programme", "budgeted", "currency")) == [
        ("Børn og unge", Decimal("1500.00"), "EUR"),
        ("Ældrepleje", Decimal("250.00"), "EUR"),
    ]


# --------------------------------------------------------------------------- shape


def test_quoted_delimiter_and_newline_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    text = 'year,programme,budgeted\n2025,"Jeugd, zorg",10\n2025,"Wmo\nnieuw",20\n2025,Sport,x\n'
    report = _load(tmp_path, "budget", text)
    # The multi-line cell is one spreadsheet row (3): 'x' is on row 4, though on text line 5.
    assert _error(report) == (4, "budgeted", "x", "not_a_number")
    fixed = text.replace("Sport,x", "Sport,30")
    assert _loaded(tmp_path, "budget", fixed, ("programme", "budgeted")) == [
        ("Jeugd, zorg", Decimal("10.00")),
        ("Sport", Decimal("30.00")),
        ("Wmo\nnieuw", Decimal("20.00")),
    ]


def test_crlf_line_ends(tmp_path: Path) -> None:
    text = "year;programme;budgeted\r\n2025;Jeugdzorg;10\r\n2025;Wmo;20\r\n"
    report = _load(tmp_path, "budget", text)
    assert report.dialect["line_end"] == "CRLF"
    assert _rows(_db(tmp_path), "budget", ("programme", "budgeted")) == [
        ("Jeugdzorg", Decimal("10.00")),
        ("Wmo", Decimal("20.00")),
    ]


def test_trailing_empty_rows_and_columns_are_dropped(tmp_path: Path) -> None:
    text = "year,programme,budgeted,,\n2025,A,10,,\n2025,B,20,,\n,,,,\n\n,,,,\n"
    report = _load(tmp_path, "budget", text)
    assert report.ok
    assert report.rows == 2
    assert report.unknown_columns == []
    assert report.inserted == 2


def test_title_lines_above_header_and_footer_below_data(tmp_path: Path) -> None:
    data = (FIXTURES / "budget_eemsdal.csv").read_bytes()
    report = _load(tmp_path, "budget", data, "budget_eemsdal.csv")
    assert report.ok
    assert report.dialect["header_row"] == 4
    assert "skipped 3 lines above the header" in english_notes(report)
    assert "ignored 2 footer lines below the data" in english_notes(report)
    assert report.rows == 4
    cols = ("year", "programme", "intervention_id", "budgeted", "actual", "programme_code")
    assert _rows(_db(tmp_path), "budget", cols) == [
        (2024, "Jeugdzorg", "JZ-01", Decimal("1250000.00"), Decimal("1187342.50"), "6.72"),
        (2024, "Jeugdzorg", None, Decimal("300000.00"), Decimal("312000.00"), "6.72"),
        (2024, "Ældrepleje", None, Decimal("2000000.00"), Decimal("-15000.00"), "6.81"),
        (2025, "Jeugdzorg", "JZ-01", Decimal("1300000.00"), None, "6.72"),
    ]


def test_sparse_last_data_row_is_not_taken_for_a_footer(tmp_path: Path) -> None:
    # The last row lacks a name: an error to report, not a footnote to drop.
    text = "interventie;naam;programma;fase\nA;a;p;pilot\nB;b;p;pilot\nC;;p;\n"
    report = _load(tmp_path, "programmes", text)
    assert _error(report) == (4, "naam", None, "required")


def test_skip_rows(tmp_path: Path) -> None:
    text = "Begroting;;\nversie 2;;\nyear;programme;budgeted\n2025;A;10\n2025;B;x\n"
    report = _load(tmp_path, "budget", text, skip_rows=2)
    assert report.dialect["header_row"] == 3
    assert _error(report) == (5, "budgeted", "x", "not_a_number")
    fixed = text.replace("B;x", "B;20")
    assert _loaded(tmp_path, "budget", fixed, skip_rows=2) == [
        (2025, "A", Decimal("10.00"), None),
        (2025, "B", Decimal("20.00"), None),
    ]


@pytest.mark.parametrize("prefix", ["col", "#"])
def test_no_header_with_positional_mapping(tmp_path: Path, prefix: str) -> None:
    text = "Export 2025\n2025;Jeugdzorg;1.250,00\n2024;Wmo;80,00\n"
    mapping = {f"{prefix}1": "year", f"{prefix}2": "programme", f"{prefix}3": "budgeted"}
    rows = _loaded(tmp_path, "budget", text, skip_rows=1, no_header=True, mapping=mapping)
    assert rows == [
        (2024, "Wmo", Decimal("80.00"), None),
        (2025, "Jeugdzorg", Decimal("1250.00"), None),
    ]


def test_no_header_rows_are_numbered_as_in_the_spreadsheet(tmp_path: Path) -> None:
    text = "Export 2025\n2025;Jeugdzorg;10\n2024;Wmo;tien\n"
    mapping = {"col1": "year", "col2": "programme", "col3": "budgeted"}
    report = _load(tmp_path, "budget", text, skip_rows=1, no_header=True, mapping=mapping)
    assert _error(report) == (3, "col3", "tien", "not_a_number")


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("text", ["2025-03-01", "01-03-2025", "01.03.2025", "1/3/2025"])
def test_european_dates(tmp_path: Path, text: str) -> None:
    data = f"intervention_id;name;programme;start_date\nA;a;p;{text}\n"
    rows = _loaded(tmp_path, "programmes", data, ("intervention_id", "start_date"))
    assert rows == [("A", dt.date(2025, 3, 1))]


def test_impossible_date_is_rejected(tmp_path: Path) -> None:
    data = "intervention_id;name;programme;start_date\nA;a;p;31-02-2025\n"
    assert _error(_load(tmp_path, "programmes", data)) == (
        2,
        "start_date",
        "31-02-2025",
        "not_a_date",
    )


BOOLEANS = [
    ("true", True), ("false", False), ("yes", True), ("no", False), ("ja", True),
    ("nee", False), ("nej", False), ("nei", False), ("1", True), ("0", False), ("JA", True),
]  # fmt: skip


def test_booleans_in_four_languages(tmp_path: Path) -> None:
    lines = [f"i{n};2025;1;{word}" for n, (word, _) in enumerate(BOOLEANS)]
    data = "indicator;period;value;higher_is_better\n" + "\n".join(lines) + "\n"
    rows = dict(_loaded(tmp_path, "outcomes", data, ("indicator", "higher_is_better")))
    assert rows == {f"i{n}": expected for n, (_, expected) in enumerate(BOOLEANS)}


@pytest.mark.parametrize(
    "header",
    [
        "Jaar;Programma;Begroot;Realisatie;Gemeente;Taakveldcode;Interventie",
        "år;program;budget;regnskab;kommune;funktion;indsats",
        "år;program;budsjett;regnskap;kommune;funksjon;tiltak",
        " YEAR ;Programme;BUDGETED;actual;Municipality;Programme Code;intervention-id",
    ],
    ids=["nl", "da", "nb", "case-space-dash"],
)
def test_column_aliases_and_name_normalisation(tmp_path: Path, header: str) -> None:
    data = f"{header}\n2025;Jeugd;10;5;Noordwold;6.72;J-1\n"
    cols = (
        "year",
        "programme",
        "budgeted",
        "actual",
        "municipality",
        "programme_code",
        "intervention_id",
    )
    rows = _loaded(tmp_path, "budget", data, cols)
    assert rows == [(2025, "Jeugd", Decimal("10.00"), Decimal("5.00"), "Noordwold", "6.72", "J-1")]


def test_programme_code_header_maps_to_programme_code(tmp_path: Path) -> None:
    report = _load(tmp_path, "budget", "year;programme;Programme Code;budgeted\n2025;A;6.72;1\n")
    assert report.mapping["Programme Code"] == "programme_code"


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


DATA_SHEET = [
    ["year", "programme", "budgeted", "actual"],
    [2025, "Jeugd", 1234.5, None],
    [2024, "Wmo", 10, -3],
]


def test_excel_first_sheet(tmp_path: Path) -> None:
    data = _workbook({"Begroting": DATA_SHEET, "Toelichting": [["Bron: Eemsdal"]]})
    report = _load(tmp_path, "budget", data, "begroting.xlsx")
    assert report.dialect["format"] == "xlsx"
    assert report.dialect["sheet"] == "Begroting"
    assert any("2 sheets" in n for n in english_notes(report))
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2024, "Wmo", Decimal("10.00"), Decimal("-3.00")),
        (2025, "Jeugd", Decimal("1234.50"), None),
    ]


def test_excel_named_sheet(tmp_path: Path) -> None:
    data = _workbook({"Toelichting": [["Bron: Eemsdal"]], "Begroting": DATA_SHEET})
    rows = _loaded(tmp_path, "budget", data, name="begroting.xlsx", sheet="Begroting")
    assert rows == [
        (2024, "Wmo", Decimal("10.00"), Decimal("-3.00")),
        (2025, "Jeugd", Decimal("1234.50"), None),
    ]


def test_excel_dates_and_whole_numbers(tmp_path: Path) -> None:
    sheet = [["intervention_id", "name", "programme", "start_date", "participants"]]
    sheet.append(["A", "a", "p", dt.date(2025, 3, 1), 12])
    data = _workbook({"Register": sheet})
    rows = _loaded(tmp_path, "programmes", data, ("start_date", "participants"), name="r.xlsx")
    assert rows == [(dt.date(2025, 3, 1), 12)]


def test_excel_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    data = _workbook({"Toelichting": [["x"]], "Begroting": DATA_SHEET})
    report = _load(tmp_path, "budget", data, "begroting.xlsx", sheet="Realisatie")
    assert not report.ok
    message = report.errors[0].message
    assert "no sheet 'Realisatie'" in message
    assert "Toelichting, Begroting" in message


@pytest.mark.parametrize("marker", ["-", ".", "", " - "])
def test_dash_and_dot_are_missing_values(tmp_path: Path, marker: str) -> None:
    data = f"year;programme;budgeted;actual\n2025;A;{marker};10\n2025;B;20;{marker}\n"
    assert _loaded(tmp_path, "budget", data) == [
        (2025, "A", None, Decimal("10.00")),
        (2025, "B", Decimal("20.00"), None),
    ]


# --------------------------------------------------------------------------- options

WIDE = "programme;2024;2025;toelichting\nJeugdzorg;1.000,00;2.000,50;x\nWmo;-;300,00;y\n"


def test_years_in_columns_become_year_and_budgeted(tmp_path: Path) -> None:
    report = _load(tmp_path, "budget", WIDE, years_in_columns=True)
    assert report.ok
    assert report.unknown_columns == ["toelichting"]
    assert report.inserted == 3
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2024, "Jeugdzorg", Decimal("1000.00"), None),
        (2025, "Jeugdzorg", Decimal("2000.50"), None),
        (2025, "Wmo", Decimal("300.00"), None),
    ]


def test_years_in_columns_as_actual(tmp_path: Path) -> None:
    assert _loaded(tmp_path, "budget", WIDE, years_in_columns=True, years_as="actual") == [
        (2024, "Jeugdzorg", None, Decimal("1000.00")),
        (2025, "Jeugdzorg", None, Decimal("2000.50")),
        (2025, "Wmo", None, Decimal("300.00")),
    ]


def test_indicators_in_columns(tmp_path: Path) -> None:
    data = (
        "gemeente;periode;inwoners;werkloosheid\nEemsdal;2025;45.120;5,5\nNoordwold;2025;12.003;\n"
    )
    rows = _loaded(
        tmp_path, "outcomes", data, ("municipality", "indicator", "period", "value"),
        indicators_in_columns=True,
    )  # fmt: skip
    assert rows == [
        ("Eemsdal", "inwoners", "2025", 45120.0),
        ("Eemsdal", "werkloosheid", "2025", 5.5),
        ("Noordwold", "inwoners", "2025", 12003.0),
    ]


def test_scale_multiplies_amounts(tmp_path: Path) -> None:
    data = "year;programme;budgeted;actual\n2025;A;1,5;-2\n2025;B;1.234;0,001\n"
    assert _loaded(tmp_path, "budget", data, scale=Decimal(1000)) == [
        (2025, "A", Decimal("1500.00"), Decimal("-2000.00")),
        (2025, "B", Decimal("1234000.00"), Decimal("1.00")),
    ]


def test_set_fills_a_missing_column_and_empty_cells(tmp_path: Path) -> None:
    assert _loaded(
        tmp_path, "budget", "programme;budgeted\nA;10\n", constants={"year": "2023"}
    ) == [(2023, "A", Decimal("10.00"), None)]
    data = "programme;budgeted;year\nB;20;\nC;30;2024\n"
    rows = _loaded(tmp_path, "budget", data, constants={"year": "2023"})
    assert (2023, "B", Decimal("20.00"), None) in rows
    assert (2024, "C", Decimal("30.00"), None) in rows


SOORT = "soort;programme;budgeted;year\nlasten;A;10;2025\nbaten;B;20;2025\n;C;30;2025\n"


def test_where_equal_keeps_matching_rows(tmp_path: Path) -> None:
    report = _load(tmp_path, "budget", SOORT, where={"soort": "lasten"})
    assert report.inserted == 1
    assert "--where soort=lasten: kept 1 of 3 rows" in english_notes(report)
    assert _rows(_db(tmp_path), "budget", ("programme",)) == [("A",)]


def test_where_not_equal_drops_matching_rows(tmp_path: Path) -> None:
    report = _load(tmp_path, "budget", SOORT, where={"soort!": "baten"})
    assert report.inserted == 2
    assert _rows(_db(tmp_path), "budget", ("programme",)) == [("A",), ("C",)]


def test_sum_adds_up_lines_per_programme_and_year(tmp_path: Path) -> None:
    data = (
        "programme;budgeted;actual;year;line\n"
        "A;10;1;2025;x\nA;20;;2025;y\nB;5;-2;2025;z\nA;1;1;2024;w\n"
    )
    report = _load(tmp_path, "budget", data, sum_lines=True)
    assert report.ok
    assert "summed 4 lines into 3 rows" in english_notes(report)
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2024, "A", Decimal("1.00"), Decimal("1.00")),
        (2025, "A", Decimal("30.00"), Decimal("1.00")),
        (2025, "B", Decimal("5.00"), Decimal("-2.00")),
    ]


def test_skip_missing_drops_rows_without_any_amount(tmp_path: Path) -> None:
    data = "year;programme;budgeted;actual\n2025;A;-;10\n2025;B;.;.\n2025;C;5;-\n"
    assert _error(_load(tmp_path, "budget", data)) == (3, "actual", None, "no_amount")
    report = _load(tmp_path, "budget", data, skip_missing=True)
    assert report.ok
    skipped = [w.message for w in report.warnings if w.code == "skipped_missing"]
    assert skipped == ["skipped 1 row with no value where one is required (row 3)"]
    assert _rows(_db(tmp_path), "budget", BUDGET_COLS) == [
        (2025, "A", None, Decimal("10.00")),
        (2025, "C", Decimal("5.00"), None),
    ]


@pytest.mark.parametrize(
    ("text", "period", "start", "end"),
    [
        ("2025", "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-Q3", "2025-Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("2025-05", "2025-05", dt.date(2025, 5, 1), dt.date(2025, 5, 31)),
        ("2025-03-01", "2025-03-01", dt.date(2025, 3, 1), dt.date(2025, 3, 1)),
        ("01.03.2025", "2025-03-01", dt.date(2025, 3, 1), dt.date(2025, 3, 1)),
        ("202122", "2021/22", dt.date(2021, 4, 1), dt.date(2022, 3, 31)),
        ("2021/22", "2021/22", dt.date(2021, 4, 1), dt.date(2022, 3, 31)),
        # Alone, 2011/12 is ambiguous: read as the financial year (the contract), with a note.
        ("2011/12", "2011/12", dt.date(2011, 4, 1), dt.date(2012, 3, 31)),
    ],
)
def test_periods(tmp_path: Path, text: str, period: str, start: dt.date, end: dt.date) -> None:
    data = f"indicator;period;value\nwachttijd;{text};4\n"
    cols = ("period", "period_start", "period_end")
    assert _loaded(tmp_path, "outcomes", data, cols) == [(period, start, end)]


@pytest.mark.parametrize("period", ["2025", "2021/22", "2011-12-31"])
def test_period_given_with_set(tmp_path: Path, period: str) -> None:
    data = "indicator;value\nwachttijd;4\n"
    rows = _loaded(tmp_path, "outcomes", data, ("period",), constants={"period": period})
    assert rows == [(period,)]


def test_unknown_columns_are_listed_never_an_error(tmp_path: Path) -> None:
    data = "year;programme;budgeted;opmerking;Kostenplaats\n2025;A;10;let op;K-12\n"
    report = _load(tmp_path, "budget", data)
    assert report.ok
    assert report.unknown_columns == ["opmerking", "Kostenplaats"]
    listed = [(w.column, w.code) for w in report.warnings]
    assert listed == [("opmerking", "unknown_column"), ("Kostenplaats", "unknown_column")]


def test_read_table_numbers_rows_as_the_spreadsheet(tmp_path: Path) -> None:
    data = b'Titel\n\nyear,programme,budgeted\n2025,"a\nb",1\n\n2025,c,2\n'
    raw = read_table(data, "f.csv", known={"year", "programme", "budgeted"}, work_dir=tmp_path)
    assert raw.header_row == 3
    with open(raw.csv_path, encoding="utf-8", newline="") as handle:
        numbers = [row[0] for row in csv.reader(handle)][1:]
    assert numbers == ["4", "6"]


# --------------------------------------------------------------------------- property

NAMES = ["Ældrepleje", "Jeugdzorg", "Børn og unge", "Wmo, begeleiding", "Økonomi; drift",
         'Zorg "extra"', "Sport|bewegen", "Łódź-projekt", "Zeeuwse kust"]  # fmt: skip
MONEY = Decimal("999999999999.99")
ROW = st.tuples(
    st.integers(1990, 2030),
    st.sampled_from(NAMES),
    st.decimals(min_value=0, max_value=MONEY, places=2, allow_nan=False, allow_infinity=False),
    st.none()
    | st.decimals(
        min_value=-MONEY, max_value=MONEY, places=2, allow_nan=False, allow_infinity=False
    ),
)


def _amount(value: Decimal | None, decimal: str, thousands: str) -> str:
    if value is None:
        return ""
    whole, cents = f"{abs(value):.2f}".split(".")
    if thousands:
        whole = f"{int(whole):,}".replace(",", thousands)
    return ("-" if value < 0 else "") + whole + decimal + cents


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=40)
@given(
    rows=st.lists(ROW, min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    decimal=st.sampled_from([",", "."]),
    thousands_kind=st.sampled_from(["none", "other", "space", "nbsp"]),
    line_end=st.sampled_from(["\n", "\r\n"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    data=st.data(),
)
def test_any_dialect_loads_the_same_rows(
    rows: list[tuple[int, str, Decimal, Decimal | None]],
    delimiter: str,
    decimal: str,
    thousands_kind: str,
    line_end: str,
    quoting: int,
    data: st.DataObject,
) -> None:
    thousands = {
        "none": "",
        "other": "." if decimal == "," else ",",
        "space": " ",
        "nbsp": "\u00a0",
    }[thousands_kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end, quoting=quoting)
    writer.writerow(["year", "programme", "budgeted", "actual"])
    for year, name, budgeted, actual in rows:
        writer.writerow(
            [year, name, _amount(budgeted, decimal, thousands), _amount(actual, decimal, thousands)]
        )
    text = buffer.getvalue()
    encodings = [e for e in ("utf-8", "utf-8-sig", "utf-16", "cp1252") if _encodable(text, e)]
    encoding = data.draw(st.sampled_from(encodings), label="encoding")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "whatworks.duckdb"
        options = LoadOptions(constants={"municipality": HOME})
        report = ingest.load(db, "budget", text.encode(encoding), "budget.csv", options)
        assert report.ok, [e.message for e in report.errors]
        assert report.dialect["delimiter"] == delimiter
        assert report.dialect["decimal"] == decimal
        loaded = _rows(db, "budget", (*BUDGET_COLS, "municipality", "currency"))
    expected = [(y, n, b, a, HOME, "EUR") for y, n, b, a in rows]
    assert Counter(loaded) == Counter(expected)


# An amount as an export writes it: whole units and cents, negative or not. The file decides
# whether amounts are grouped into thousands and whether they show cents: all, none, or every
# other amount ("1.250" beside "1.250,00").
Amount = tuple[int, int, bool]
EUROS = st.sampled_from([0, 80, 1250, 45120, 1250000]) | st.integers(0, 10**12 - 1)
BUDGETED = st.tuples(EUROS, st.integers(0, 99), st.just(False))  # a budget is never < 0
ACTUAL = st.tuples(EUROS, st.integers(0, 99), st.booleans())
# The decimal mark the delimiter implies when no number shows one (see the tie test above).
TIE_BREAK = {";": ",", "\t": ",", ",": ".", "|": "."}


def _written(amount: Amount, cents: bool, decimal: str, thousands: str) -> tuple[str, Decimal]:
    """The amount's text and the value it stands for (whole units when it shows no cents)."""
    euros, hundredths, negative = amount
    whole = f"{euros:,}".replace(",", thousands)
    text = f"{whole}{decimal}{hundredths:02d}" if cents else whole
    value = Decimal(euros) + (Decimal(hundredths) / 100 if cents else 0)
    return ("-" + text, -value) if negative else (text, value)


@settings(max_examples=40)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(NAMES), BUDGETED, st.none() | ACTUAL), min_size=1, max_size=6
    ),
    decimal=st.sampled_from([",", "."]),
    thousands_kind=st.sampled_from(["other", "none", "space", "nbsp"]),
    cents=st.sampled_from(["none", "every other", "all"]),
    delimiter_choice=st.integers(0, 3),
)
@example(  # the bug this test was written for: grouped whole numbers outvoted the one decimal
    rows=[
        ("Jeugdzorg", (1250000, 0, False), (1250000, 0, False)),
        ("Wmo", (80, 50, False), (1250, 0, False)),
    ],
    decimal=".",
    thousands_kind="other",
    cents="every other",
    delimiter_choice=0,
)
def test_amounts_with_and_without_grouping_and_cents_load_exactly(
    rows: list[tuple[str, Amount, Amount | None]],
    decimal: str,
    thousands_kind: str,
    cents: str,
    delimiter_choice: int,
) -> None:
    thousands = {
        "none": "",
        "other": "." if decimal == "," else ",",
        "space": " ",
        "nbsp": "\u00a0",
    }[thousands_kind]
    amounts = [a for _, *pair in rows for a in pair if a is not None]
    shows = {"none": [False] * len(amounts), "all": [True] * len(amounts)}.get(
        cents, [n % 2 == 1 for n in range(len(amounts))]
    )
    written = iter(_written(a, c, decimal, thousands) for a, c in zip(amounts, shows, strict=True))
    # When no amount shows its decimal mark, the delimiter decides: the file follows its
    # delimiter's convention then, as exports do.
    delimiters = [d for d in TIE_BREAK if any(shows) or TIE_BREAK[d] == decimal]
    delimiter = delimiters[delimiter_choice % len(delimiters)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["year", "programme", "budgeted", "actual"])
    expected = []
    for name, _, actual in rows:
        budgeted_text, budgeted_value = next(written)
        actual_text, actual_value = next(written) if actual is not None else ("", None)
        writer.writerow([2025, name, budgeted_text, actual_text])
        expected.append((name, budgeted_value, actual_value))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "whatworks.duckdb"
        options = LoadOptions(constants={"municipality": HOME})
        report = ingest.load(db, "budget", buffer.getvalue().encode(), "budget.csv", options)
        assert report.ok, [e.message for e in report.errors]
        assert report.dialect["decimal"] == decimal
        loaded = _rows(db, "budget", ("programme", "budgeted", "actual"))
    assert Counter(loaded) == Counter(expected)
