"""Every problem and note of a load is a catalogue key with values: the English catalogue
gives the CLI's words, and the Data page says the same in Dutch, Danish or Norwegian."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest

from models import Kind
from whatworks import dataops
from whatworks.dataops.report import notes_text, problem_text, report_notes
from whatworks.i18n import LANGUAGES, catalogue, t
from whatworks.ingest import Context, LoadOptions, Problem, Report, validate
from whatworks.ingest.report import Note

HOME = Context(home_municipality="Eemsdal")


def xlsx(*sheets: str) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = sheets[0]
    for name in sheets[1:]:
        book.create_sheet(name)
    for sheet in book.worksheets:
        sheet.append(["indicator", "unit"])
        sheet.append(["x", "%"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# (kind, file bytes, file name, options, context): small bad files, together every code.
CASES: list[tuple[Kind, bytes, str, LoadOptions, Context]] = [
    # Types, required, ranges, no amount (budget, decimal point).
    (
        Kind.budget,
        b"year,programme,budgeted,actual,currency\n20x6,Youth,abc,1,XYZ\n2024,,10,1,EUR\n"
        b"1800,Work,-3,1,EUR\n2200,Work,,,EUR\n",
        "b.csv",
        LoadOptions(),
        HOME,
    ),
    # A bad amount in a decimal-comma file.
    (
        Kind.budget,
        b"jaar;programma;begroot\n2024;Werk;1.000,00\n2024;Werk;twee\n",
        "b.csv",
        LoadOptions(),
        HOME,
    ),
    # Warnings of a clean budget, title lines, a footer and an empty row.
    (
        Kind.budget,
        b"Begroting 2024\n\nyear,programme,intervention_id,actual,extra\n"
        b"2024,Work,XX-9,-5.123,x\n\n2024,Youth,YC-01,5,y,overflow\n"
        b"Source: finance,,,,\n",
        "b.csv",
        LoadOptions(),
        Context(home_municipality="Eemsdal", known_interventions={"YC-01"}),
    ),
    (
        Kind.budget,
        b"year,programme,actual\n2024,Work,\n2024,Work,2\n",
        "b.csv",
        LoadOptions(skip_missing=True),
        HOME,
    ),
    (Kind.budget, b"year,budgeted\n2024,1\n", "b.csv", LoadOptions(), HOME),
    (Kind.budget, b"year,programme\n2024,Work\n", "b.csv", LoadOptions(), HOME),
    (Kind.budget, b"year,programme,actual\n2024,Work,1\n", "b.csv", LoadOptions(), Context()),
    (
        Kind.budget,
        b"year,programme,actual,municipality\n2024,Work,1,\n",
        "b.csv",
        LoadOptions(),
        Context(),
    ),
    (
        Kind.budget,
        b"year,programme,actual,kind\n2024,Work,1,a\n2024,Work,2,b\n2024,Work,3,a\n",
        "b.csv",
        LoadOptions(where=[("kind", "a")], sum_lines=True),
        HOME,
    ),
    (
        Kind.budget,
        b"programme,2024,2025\nWork,1,\n",
        "b.csv",
        LoadOptions(years_in_columns=True),
        HOME,
    ),
    # Column plan.
    (
        Kind.budget,
        b"year,programme,actual,a,b\n2024,Work,1,2,3\n",
        "b.csv",
        LoadOptions(mapping={"nope": "actual", "a": "nonsense"}, constants={"bogus": "1"}),
        HOME,
    ),
    (
        Kind.budget,
        b"year,programme,a,b\n2024,Work,2,3\n",
        "b.csv",
        LoadOptions(mapping={"a": "actual", "b": "actual"}),
        HOME,
    ),
    (
        Kind.budget,
        b"year,programme,actual\n2024,Work,1\n",
        "b.csv",
        LoadOptions(years_in_columns=True),
        HOME,
    ),
    (
        Kind.budget,
        b"year,programme,actual\n2024,Work,1\n",
        "b.csv",
        LoadOptions(indicators_in_columns=True),
        HOME,
    ),
    (
        Kind.budget,
        b"programme,Regnskap 2023,Budget 2024,Realisatie\nWork,1,2,3\n",
        "b.csv",
        LoadOptions(years_in_columns=True),
        HOME,
    ),
    (
        Kind.budget,
        b"year,programme,actual\n2024,Work,1\n",
        "b.csv",
        LoadOptions(where=[("nope", "x")]),
        HOME,
    ),
    (Kind.budget, b"year,programme,budgeted,begroot\n2024,W,1,2\n", "b.csv", LoadOptions(), HOME),
    (Kind.budget, b"year,programme,budgeted\n2024,W,-1\n", "b.csv", LoadOptions(), HOME),
    (
        Kind.budget,
        b"year,programme,actual\n2024,Work,1\n",
        "b.csv",
        LoadOptions(where=[("year>", "x")]),
        HOME,
    ),
    (Kind.outcomes, b"indicator,period,value\nx,2011-12,1\n", "o.csv", LoadOptions(), HOME),
    # Programmes: choices, dates, duplicates.
    (
        Kind.programmes,
        b"intervention_id,name,programme,stage,start_date,end_date,participants\n"
        b"A,n,p,bogus,2025-13-45,,-1\nB,n,p,idea,2025-01-01,2024-01-01,1\nA,n,p,idea,,,1\n",
        "p.csv",
        LoadOptions(),
        HOME,
    ),
    # Outcomes: booleans, periods, confidence intervals, n.
    (
        Kind.outcomes,
        b"indicator,period,value,higher_is_better,ci_low,ci_high,n\n"
        b"x,2025,5,maybe,6,4,0\nx,20xx,1,true,,,1\ny,1800,1,true,,,1\n",
        "o.csv",
        LoadOptions(),
        HOME,
    ),
    (
        Kind.outcomes,
        b"indicator,period,value,higher_is_better\nx,2024,1,true\nx,2025,1,false\ny,2025,1,false\n",
        "o.csv",
        LoadOptions(),
        Context(home_municipality="Eemsdal", indicator_direction={"y": True}),
    ),
    # The row rules of the effect method's columns.
    (
        Kind.outcomes,
        b"indicator,period,value,comparison,comparison_ci_low,comparison_ci_high\nx,2025,5,6,7,5\n",
        "o.csv",
        LoadOptions(),
        HOME,
    ),
    (
        Kind.indicators,
        b"indicator,value_per_unit,value_per_unit_low,value_per_unit_high\nx,10,11,9\n",
        "i.csv",
        LoadOptions(),
        HOME,
    ),
    (
        Kind.programmes,
        b"intervention_id,name,programme,expected_effect_se\nA,n,p,1\n",
        "p.csv",
        LoadOptions(),
        HOME,
    ),
    (Kind.indicators, b"indicator,unit\nx,%\nx,%\n", "i.csv", LoadOptions(), HOME),
    (Kind.indicators, b"kolom,andere\n1,2\n", "i.csv", LoadOptions(), HOME),
    (Kind.indicators, xlsx("One", "Two"), "i.xlsx", LoadOptions(), HOME),
    # Files that cannot be read.
    (Kind.indicators, b"", "i.csv", LoadOptions(), HOME),
    (Kind.indicators, b"indicator\nx\n", "i.xlsx", LoadOptions(), HOME),
    (Kind.indicators, b"PK\x03\x04 not a zip", "i.xlsx", LoadOptions(), HOME),
    (Kind.indicators, xlsx("One"), "i.xlsx", LoadOptions(sheet="Nope"), HOME),
    (Kind.indicators, b"indicator\nx\n", "i.csv", LoadOptions(skip_rows=10), HOME),
    (Kind.indicators, b";;\n", "i.csv", LoadOptions(), HOME),
]

EXPECTED_KEYS = {
    f"problem.{code}"
    for code in (
        "not_a_number",
        "not_a_whole_number",
        "not_a_date",
        "not_a_boolean",
        "not_a_period",
        "not_a_currency",
        "not_a_choice",
        "skipped_missing",
        "column_missing",
        "column_missing.no_set",
        "required",
        "too_small",
        "too_small.above",
        "negative_budgeted",
        "duplicate_column",
        "where_not_a_number",
        "too_large",
        "no_amount",
        "end_before_start",
        "ci_low_above_value",
        "ci_high_below_value",
        "period_range",
        "comparison_ci_low_above_comparison",
        "comparison_ci_high_below_comparison",
        "value_per_unit_low_above_value_per_unit",
        "value_per_unit_high_below_value_per_unit",
        "se_without_expected_effect",
        "no_municipality",
        "no_municipality.no_column",
        "exact_duplicate",
        "duplicate",
        "unknown_column",
        "negative_actual",
        "rounded",
        "unknown_intervention",
        "direction_disagrees",
        "direction_disagrees.stored",
        "overflow",
        "map_source_missing",
        "map_target_unknown",
        "map_conflict",
        "no_year_columns",
        "usage.indicators_in_columns",
        "unpivot_conflict",
        "amount_beside_years",
        "year_column_other_amount",
        "set_unknown",
        "where_missing",
        "unreadable.not_excel",
        "unreadable.no_workbook",
        "unreadable.no_sheet",
        "unreadable.empty",
        "unreadable.nothing_left",
        "unreadable.no_columns",
    )
}
EXPECTED_NOTES = {
    "note.sheets",
    "note.skipped_lines",
    "note.no_header",
    "note.footer",
    "note.empty_rows",
    "note.where",
    "note.empty_cells",
    "note.summed",
    "note.financial_years",
}


def report_of(case: tuple[Kind, bytes, str, LoadOptions, Context]) -> Report:
    kind, data, name, options, context = case
    prepared = validate(kind, data, name, options, context)
    if prepared.con is not None:
        prepared.con.close()
    if prepared.work_dir is not None:
        shutil.rmtree(prepared.work_dir, ignore_errors=True)
    return prepared.report


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [report_of(case) for case in CASES]


def problems(reports: list[Report]) -> list[Problem]:
    return [p for r in reports for p in (*r.errors, *r.warnings)]


def english_keys() -> set[str]:
    """Every key of the English catalogue; a plural (key.one, key.other) also as its key."""
    keys = set(catalogue("en"))
    return keys | {k.rsplit(".", 1)[0] for k in keys if k.endswith((".one", ".other"))}


def test_every_code_of_the_suite_has_a_key(reports: list[Report]) -> None:
    produced = {p.key for p in problems(reports)}
    assert sorted(EXPECTED_KEYS - produced) == []
    assert sorted(produced - english_keys()) == []


def test_every_note_of_the_suite_has_a_key(reports: list[Report]) -> None:
    produced = {note.key for report in reports for note in report.notes}
    assert sorted(EXPECTED_NOTES - produced) == []
    assert sorted(produced - english_keys()) == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_problem_and_note_is_said_in_each_language(reports: list[Report], lang: str) -> None:
    for problem in problems(reports):
        text = problem_text(problem, lang)
        assert text == t(problem.key, lang, **problem.params)
        assert text != problem.message, problem.key
    for report in reports:
        for note, said in zip(report.notes, report_notes(report, lang), strict=True):
            assert said == t(note.key, lang, **note.params)
            assert said != str(note), note.key


def test_params_travel_in_the_json(reports: list[Report]) -> None:
    bad = next(p for p in problems(reports) if p.code == "not_a_number")
    assert bad.as_dict()["params"] == {
        "column": "budgeted",
        "value": "abc",
        "style": "1,234,567.89",
    }
    assert bad.as_dict()["message"] == (
        "budgeted: 'abc' is not a number (this file writes numbers like 1,234,567.89)"
    )


def test_a_dutch_report_says_a_bad_amount_in_dutch(reports: list[Report]) -> None:
    report = reports[1]
    table = dataops.report_table(report, "nl")
    message = table[t("data.report_col.message", "nl")].tolist()
    assert message == [
        "budgeted: 'twee' is geen getal (dit bestand schrijft getallen als 1.234.567,89)"
    ]
    assert "is geen getal" in dataops.report_csv(report, "nl").decode("utf-8-sig")
    # English stays the CLI's words.
    assert dataops.report_table(report, "en")[t("data.report_col.message", "en")].tolist() == [
        report.errors[0].message
    ]


def test_notes_are_said_in_the_language_asked() -> None:
    footer = Note("note.footer", {"count": 2})
    assert str(footer) == "ignored 2 footer lines below the data"
    assert notes_text([footer], "da") == ["ignorerede 2 sidefodslinjer under dataene"]


def test_a_problem_without_a_catalogue_key_fails_loudly() -> None:
    unknown = Problem(None, None, None, "no_such_code")
    with pytest.raises(KeyError, match=r"problem\.no_such_code"):
        problem_text(unknown, "nl")
    store = Problem(None, None, None, "store", params={"error": "another load is still running"})
    assert problem_text(store, "nb") == "another load is still running"
