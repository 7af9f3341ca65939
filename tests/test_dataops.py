"""The Data page's work without Streamlit: kinds, mappings, options, report CSV, diffs, health."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import builders
import pytest

from models import Kind
from whatworks import analytics, dataops, ingest, store
from whatworks.i18n import format_datetime, t

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ANALYST = dataops.Actor("analyst@gemeente.nl", analyst=True)
VIEWER = dataops.Actor("viewer@gemeente.nl", analyst=False)

# The hand-made town: four loads, each through the production ingest path.
BUDGET_V1 = b"""year,programme,intervention_id,budgeted,actual,municipality
2023,Youth care,YC-01,100,90,Eemsdal
2023,Youth care,,70,60,Oosterhaven
2025,Youth care,YC-01,200,,Eemsdal
2025,Work,,50,40,
"""
# Replaces Eemsdal 2025 (two rows, the second by the home municipality) with one row.
BUDGET_V2 = b"""year,programme,intervention_id,budgeted,actual,municipality
2025,Youth care,YC-01,210,205,Eemsdal
"""
REGISTER_V3 = b"""intervention_id,name,programme,indicator
YC-01,Family coaching,Youth care,dropout
W-1,Job coaching,Work,
"""
OUTCOMES_V4 = b"""indicator,period,value,intervention_id,municipality
dropout,2024,12.5,YC-01,Eemsdal
dropout,2025,11.0,YC-01,Eemsdal
"""


@pytest.fixture
def town(tmp_path: Path) -> Path:
    return builders.database(
        tmp_path / "town.duckdb",
        [
            (Kind.budget, BUDGET_V1, "budget-2023-2025.csv"),
            (Kind.budget, BUDGET_V2, "budget-2025.csv"),
            (Kind.programmes, REGISTER_V3, "register.csv"),
            (Kind.outcomes, OUTCOMES_V4, "outcomes.csv"),
        ],
    )


# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        ("budget_eemsdal.csv", Kind.budget),
        ("programmes_eemsdal.csv", Kind.programmes),
        ("outcomes_eemsdal.csv", Kind.outcomes),
        ("indicators_eemsdal.csv", Kind.indicators),
    ],
)
def test_the_kind_is_guessed_from_the_headers(file: str, kind: Kind) -> None:
    data = (FIXTURES / file).read_bytes()
    parsed = dataops.parse(data, "export.csv")  # the name gives no hint
    assert dataops.guess_kind(parsed.header, "export.csv") == kind


def test_a_tie_goes_to_the_kind_the_file_name_hints_at() -> None:
    headers = ["Omschrijving", "Code"]  # names nothing but a description
    assert dataops.header_matches(headers, Kind.programmes) == {"description"}
    assert dataops.header_matches(headers, Kind.indicators) == {"description"}
    assert dataops.guess_kind(headers, "indicatoren.csv") == Kind.indicators
    assert dataops.guess_kind(headers, "register.csv") == Kind.programmes
    assert dataops.guess_kind([], "") == Kind.budget  # nothing to go on: the first kind


# --------------------------------------------------------------------------- preview


def test_the_preview_shows_cells_as_read_with_spreadsheet_row_numbers() -> None:
    data = (FIXTURES / "budget_eemsdal.csv").read_bytes()
    parsed = dataops.parse(data, "budget_eemsdal.csv", kind=Kind.budget)
    assert parsed.error is None
    assert parsed.header[:3] == ("Jaar", "Programma", "Taakveldcode")
    assert parsed.dialect["delimiter"] == ";"
    assert parsed.dialect["header_row"] == 4
    assert parsed.rows.index.tolist() == [5, 6, 7, 8]
    assert parsed.rows.iloc[0]["Begroot"] == "1.250.000,00"  # text, not yet a number
    assert parsed.total_rows == 4
    assert "skipped 3 lines above the header" in [str(note) for note in parsed.notes]


def test_the_preview_is_cut_to_the_limit_and_says_how_many_rows_there_are() -> None:
    data = b"year;programme;budgeted\n" + b"".join(b"2025;P%d;1\n" % i for i in range(50))
    parsed = dataops.parse(data, "b.csv", kind=Kind.budget, limit=20)
    assert len(parsed.rows) == 20
    assert parsed.total_rows == 50


def test_an_unreadable_file_gives_its_reason_not_a_crash() -> None:
    parsed = dataops.parse(b"", "empty.csv")
    assert parsed.error is not None
    assert parsed.error.message == "empty.csv: the file is empty"
    assert parsed.error.text("nl") == "empty.csv: het bestand is leeg"
    assert parsed.header == ()


def test_sheet_names_come_from_a_workbook_only() -> None:
    from whatworks.templates import template_bytes

    assert dataops.sheet_names(template_bytes(Kind.budget, "xlsx"), "t.xlsx") == ["budget"]
    assert dataops.sheet_names(b"a;b\n1;2\n", "t.csv") == []


# --------------------------------------------------------------------------- mapping


def test_mapping_suggestions_use_names_aliases_words_and_close_spellings() -> None:
    headers = ["Jaar", "Taakveld", "Begroting 2025", "Realisaties", "Opmerking", "jaar"]
    assert dataops.suggest_mapping(headers, Kind.budget) == {
        "Jaar": "year",  # an alias
        "Taakveld": "programme",  # an alias
        "Begroting 2025": "budgeted",  # a word of the header is an alias
        "Realisaties": "actual",  # close to the alias "realisatie"
        "Opmerking": dataops.IGNORE,
        "jaar": dataops.IGNORE,  # year is taken by the first header that names it
    }


def test_mapping_defaults_start_from_what_the_validator_resolved() -> None:
    headers = ["Jaar", "Taakveld", "Lasten (x 1000)", "Baten"]
    resolved = {"Jaar": "year", "Taakveld": "programme"}
    defaults = dataops.mapping_defaults(headers, Kind.budget, resolved, {})
    assert defaults == {
        "Jaar": "year",
        "Taakveld": "programme",
        "Lasten (x 1000)": "actual",  # suggested: "lasten" is an alias of actual
        "Baten": dataops.IGNORE,
    }
    # A column the user left out stays out, whatever its name suggests.
    left_out = dataops.mapping_defaults(headers, Kind.budget, resolved, {"lasten (x 1000)": "-"})
    assert left_out["Lasten (x 1000)"] == dataops.IGNORE


def test_only_changed_columns_become_mapping_entries() -> None:
    resolved = {"Jaar": "year", "Taakveld": "programme"}
    chosen = {"Jaar": "year", "Taakveld": dataops.IGNORE, "Omschrijving": "programme"}
    assert dataops.mapping_overrides(chosen, resolved) == {
        "Taakveld": "-",
        "Omschrijving": "programme",
    }


def test_a_column_chosen_twice_is_a_conflict() -> None:
    chosen = {"Jaar": "year", "Boekjaar": "year", "Taakveld": "programme", "X": dataops.IGNORE}
    assert dataops.mapping_conflicts(chosen, Kind.budget) == {"year": ["Jaar", "Boekjaar"]}


def test_overrides_replace_a_saved_entry_for_the_same_column() -> None:
    saved = ingest.LoadOptions(
        mapping={"lasten": "actual", "Taakveld": "programme"}, no_header=False
    )
    merged = dataops.with_mapping(saved, {"Lasten": "-"})
    assert merged.mapping == {"Taakveld": "programme", "Lasten": "-"}
    assert saved.mapping == {"lasten": "actual", "Taakveld": "programme"}  # not changed


# --------------------------------------------------------------------------- options


def test_options_from_the_widgets() -> None:
    inputs = dataops.OptionInputs(
        skip_rows=8,
        no_header=True,
        years_in_columns=True,
        years_as="actual",
        scale=1000.0,
        constants="year=2023\n\nmunicipality = Bergen\n",
        where="inntekt-utgift=Utgift\ntjomr!=21\ntjomr!=22",
        sum_lines=True,
    )
    options, problems = dataops.make_options(inputs, {"col2": "municipality"})
    assert problems == []
    assert options.mapping == {"col2": "municipality"}
    assert options.constants == {"year": "2023", "municipality": "Bergen"}
    assert options.where == [("inntekt-utgift", "Utgift"), ("tjomr!", "21"), ("tjomr!", "22")]
    assert options.scale == Decimal(1000)
    assert (options.skip_rows, options.no_header, options.sum_lines) == (8, True, True)
    assert (options.years_in_columns, options.years_as) == (True, "actual")
    assert dataops.options_from_key(dataops.options_key(options)) == options


def test_unreadable_option_entries_are_named() -> None:
    inputs = dataops.OptionInputs(constants="year 2023\n=5", scale=0.0)
    options, problems = dataops.make_options(inputs)
    assert problems == ["year 2023", "=5", "0.0"]
    assert options.constants == {}
    assert options.scale is None


def test_a_scale_of_one_and_years_as_without_years_in_columns_are_no_options() -> None:
    options, _ = dataops.make_options(dataops.OptionInputs(scale=1.0, years_as="actual"))
    assert options == ingest.LoadOptions()


def test_saved_options_show_in_the_widgets_as_they_were_typed() -> None:
    options = ingest.LoadOptions(
        constants={"year": "2023"}, where=[("type", "Outcome")], scale=Decimal(1000)
    )
    inputs = dataops.option_inputs(options)
    assert (inputs.constants, inputs.where, inputs.scale) == ("year=2023", "type=Outcome", 1000.0)
    assert dataops.make_options(inputs)[0] == options


# --------------------------------------------------------------------------- report


def test_the_report_csv_neutralises_formula_cells() -> None:
    report = ingest.Report(kind="budget", file="=begroting.csv")
    year = {"column": "year", "value": "=SUM(A1:A9)"}
    report.error(ingest.Problem(7, "jaar", "=SUM(A1:A9)", "not_a_whole_number", params=year))
    minimum = {"column": "budgeted", "minimum": "0"}
    report.error(ingest.Problem(8, "begroot", "-5", "too_small", params=minimum))
    unknown = {"column": "+31", "kind": "budget"}
    report.warnings.append(ingest.Problem(None, "+31", "@home", "unknown_column", params=unknown))
    expected = (
        "\ufeffSeverity,Row,Column,Value,Problem,File\r\n"
        "Error,7,jaar,'=SUM(A1:A9),year: '=SUM(A1:A9)' is not a whole number,'=begroting.csv\r\n"
        "Error,8,begroot,'-5,budgeted must be at least 0,'=begroting.csv\r\n"
        "Warning,,'+31,'@home,column '+31' is not part of the budget contract and was not "
        "loaded,'=begroting.csv\r\n"
    )
    assert dataops.report_csv(report, "en") == expected.encode("utf-8")


def test_the_report_csv_speaks_the_language_asked() -> None:
    report = ingest.Report(kind="budget", file="b.csv")
    year = {"column": "year", "value": "20x6"}
    report.error(ingest.Problem(2, "jaar", "20x6", "not_a_whole_number", params=year))
    text = dataops.report_csv(report, "nl").decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(
        t(f"data.report_col.{c}", "nl") for c in dataops.REPORT_COLUMNS
    )
    assert text.splitlines()[1].startswith(t("data.severity.error", "nl") + ",2,jaar,20x6,")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+1", "'=1+1"), ("+31 6", "'+31 6"), ("-", "'-"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("1.234,5", "1.234,5"), ("", ""), (7, 7), (None, None)],
)  # fmt: skip
def test_neutralise(value: Any, shown: Any) -> None:
    assert dataops.neutralise(value) == shown


def test_the_report_table_leaves_file_level_rows_empty() -> None:
    report = ingest.Report(kind="budget", file="b.csv")
    unknown = {"column": "Baten", "kind": "budget"}
    report.warnings.append(ingest.Problem(None, "Baten", None, "unknown_column", params=unknown))
    table = dataops.report_table(report, "en")
    assert table.iloc[0].tolist() == [
        "Warning",
        "",
        "Baten",
        "",
        "column 'Baten' is not part of the budget contract and was not loaded",
        "b.csv",
    ]


def test_more_errors_than_listed_are_counted() -> None:
    report = ingest.Report(kind="budget", file="b.csv", error_count=12_000)
    report.errors.append(ingest.Problem(2, "a", "b", "required", params={"column": "a"}))
    assert dataops.report_error_count(report) == 12_000


# --------------------------------------------------------------------------- versions


def test_the_diff_of_a_version_counts_rows_added_and_removed(town: Path) -> None:
    with store.reader(town) as con:
        diff = {c.kind: c for c in dataops.version_diff(con, 2)}
        first = {c.kind: c for c in dataops.version_diff(con, 1)}
    assert diff[Kind.budget] == dataops.TableChange(Kind.budget, 4, 1, 2, 3)
    assert diff[Kind.programmes] == dataops.TableChange(Kind.programmes, 0, 0, 0, 0)
    assert first[Kind.budget] == dataops.TableChange(Kind.budget, 0, 4, 0, 4)


def test_the_restore_preview_is_what_the_restore_then_does(town: Path) -> None:
    with store.reader(town) as con:
        preview = {c.kind: c for c in dataops.restore_preview(con, 1)}
    assert preview[Kind.budget] == dataops.RestoreChange(Kind.budget, 3, 4, 1, 2)
    assert preview[Kind.programmes] == dataops.RestoreChange(Kind.programmes, 2, 0, 2, 0)
    assert preview[Kind.outcomes] == dataops.RestoreChange(Kind.outcomes, 2, 0, 2, 0)
    assert preview[Kind.indicators] == dataops.RestoreChange(Kind.indicators, 0, 0, 0, 0)

    new = dataops.restore_version(town, ANALYST, 1)
    assert new == 5
    with store.reader(town) as con:
        diff = {c.kind: c for c in dataops.version_diff(con, new)}
        record = store.versions(con)[0]
    assert diff[Kind.budget] == dataops.TableChange(Kind.budget, 3, 2, 1, 4)
    assert diff[Kind.programmes] == dataops.TableChange(Kind.programmes, 2, 0, 2, 0)
    assert (record["action"], record["restored_from"], record["loaded_by"]) == (
        "restore",
        1,
        ANALYST.name,
    )


def test_versions_are_offered_by_what_they_loaded(town: Path) -> None:
    dataops.restore_version(town, ANALYST, 1)
    with store.reader(town) as con:
        labels = dataops.version_labels(con, "en")
        loaded_at = store.versions(con)[-1]["loaded_at"]
    assert list(labels) == [5, 4, 3, 2, 1]
    assert (
        labels[1]
        == f"Version 1 · Budget · budget-2023-2025.csv · {format_datetime(loaded_at, 'en')}"
    )
    assert labels[5].startswith("Version 5 · restore of version 1 · ")


# --------------------------------------------------------------------------- health


def test_data_health_on_a_hand_made_town(town: Path) -> None:
    with store.reader(town) as con:
        health = dataops.health(con, 4)
    coverage = {c.kind: c for c in health.coverage}
    assert coverage[Kind.budget].rows == 3
    assert coverage[Kind.budget].years == (2023, 2025)
    assert coverage[Kind.budget].municipalities == ("Eemsdal", "Oosterhaven")
    assert coverage[Kind.outcomes].years == (2024, 2025)
    assert coverage[Kind.outcomes].municipalities == ("Eemsdal",)
    assert coverage[Kind.programmes].rows == 2
    assert coverage[Kind.indicators].last_loaded is None
    assert isinstance(coverage[Kind.budget].last_loaded, dt.datetime)
    assert health.without_spend == (dataops.Gap("W-1", "Job coaching", "Work"),)
    assert health.without_outcomes == (dataops.Gap("W-1", "Job coaching", None),)


def test_the_health_table_names_the_gap_in_the_years(town: Path) -> None:
    with store.reader(town) as con:
        table = dataops.health_table(dataops.health(con, 4), "en")
    budget = table.iloc[0].tolist()
    assert budget[:4] == [
        "Budget",
        3,
        "2023, 2025 (none for 2024)",
        "2 municipalities: Eemsdal, Oosterhaven",
    ]


def test_health_of_an_earlier_version(town: Path) -> None:
    with store.reader(town) as con:
        health = dataops.health(con, 1)
    coverage = {c.kind: c for c in health.coverage}
    assert coverage[Kind.budget].rows == 4
    assert coverage[Kind.budget].years == (2023, 2025)
    assert health.without_spend == ()  # no register yet


@pytest.mark.parametrize(
    ("years", "ranges", "missing"),
    [
        ((2020, 2021, 2022, 2024), "2020–2022, 2024", [2023]),
        ((2025,), "2025", []),
        ((), "", []),
        ((2021, 2020, 2020), "2020–2021", []),
    ],
)
def test_year_ranges(years: tuple[int, ...], ranges: str, missing: list[int]) -> None:
    assert dataops.year_ranges(years) == ranges
    assert dataops.missing_years(years) == missing


# --------------------------------------------------------------------------- who may act


def test_a_viewer_cannot_load_restore_save_a_mapping_or_settings(town: Path) -> None:
    before = store.current_generation(town)
    with pytest.raises(dataops.NotAllowedError):
        dataops.load_file(town, VIEWER, Kind.budget, BUDGET_V2, "b.csv", ingest.LoadOptions())
    with pytest.raises(dataops.NotAllowedError):
        dataops.restore_version(town, VIEWER, 1)
    with pytest.raises(dataops.NotAllowedError):
        dataops.save_mapping(town, VIEWER, "fin", Kind.budget, ingest.LoadOptions())
    with pytest.raises(dataops.NotAllowedError):
        dataops.save_settings(town, VIEWER, dataops.Settings(home_municipality="Elders"))
    assert store.current_generation(town) == before  # nothing was written


def test_an_analyst_load_is_recorded_under_their_name(town: Path) -> None:
    report = dataops.load_file(
        town, ANALYST, Kind.budget, BUDGET_V2, "again.csv", ingest.LoadOptions()
    )
    assert (report.version, report.inserted, report.replaced) == (5, 1, 1)
    with store.reader(town) as con:
        assert store.versions(con)[0]["loaded_by"] == ANALYST.name


def test_a_saved_mapping_comes_back_with_its_options(town: Path) -> None:
    options = ingest.LoadOptions(
        mapping={"Bedrag": "actual"}, constants={"year": "2023"}, scale=Decimal(1000)
    )
    assert dataops.save_mapping(town, ANALYST, "  cbs iv3 ", Kind.budget, options) == "cbs iv3"
    with store.reader(town) as con:
        saved = dataops.saved_mappings(con)
    assert [(m.name, m.kind, m.saved_by) for m in saved] == [("cbs iv3", Kind.budget, ANALYST.name)]
    assert saved[0].options == options
    with pytest.raises(ValueError, match="needs a name"):
        dataops.save_mapping(town, ANALYST, "  ", Kind.budget, options)


# --------------------------------------------------------------------------- settings


def test_settings_are_validated() -> None:
    good, wrong = dataops.settings_problems(
        {"home_municipality": " Eemsdal ", "default_currency": "dkk", "language": "da",
         "fiscal_year_start": "4"}
    )  # fmt: skip
    assert wrong == []
    assert good is not None
    assert good.to_store() == {
        "home_municipality": "Eemsdal",
        "default_currency": "DKK",
        "language": "da",
        "fiscal_year_start": "4",
        "country": "NL",
        "discount_rate": "",
        "benefit_years": "1",
    }
    bad, wrong = dataops.settings_problems(
        {"default_currency": "EURO", "language": "fr", "fiscal_year_start": 13}
    )
    assert bad is None
    assert wrong == ["default_currency", "fiscal_year_start", "language"]


def test_saved_settings_that_no_longer_validate_show_as_defaults() -> None:
    settings = dataops.Settings.from_store(
        {"home_municipality": "Bergen", "default_currency": "XXQ", "fiscal_year_start": "x"}
    )
    assert settings == dataops.Settings(home_municipality="Bergen")


def test_settings_are_saved_for_an_analyst(town: Path) -> None:
    dataops.save_settings(town, ANALYST, dataops.Settings(default_currency="NOK"))
    with store.reader(town) as con:
        assert dataops.current_settings(con).default_currency == "NOK"


def test_currency_and_month_labels_follow_the_language() -> None:
    assert dataops.currencies()[:3] == ["EUR", "DKK", "NOK"]
    assert dataops.currency_label("EUR", "en") == "EUR — Euro"
    assert dataops.currency_label("NOK", "nb") == "NOK — norske kroner"
    assert dataops.month_name(4, "nl") == "april"
    assert dataops.month_name(10, "da") == "oktober"


def test_municipalities_offered_for_the_home_setting(town: Path) -> None:
    with store.reader(town) as con:
        assert analytics.municipalities(con, 4) == ["Eemsdal", "Oosterhaven"]


def test_the_page_takes_the_filters_the_command_line_takes() -> None:
    # Each line as typed, and the (key, value) the validator takes, worked out by hand.
    text = "amt>0\namt >= 1,5\ncode in 1, 3\ntype=Outcome\ncol3!=\nnonsense\n"
    options, bad = dataops.make_options(dataops.OptionInputs(where=text))
    assert options.where == [
        ("amt>", "0"),
        ("amt>=", "1,5"),
        ("code in", "1, 3"),
        ("type", "Outcome"),
        ("col3!", ""),
    ]
    assert bad == ["nonsense"]
    shown = dataops.option_inputs(options).where
    assert shown.splitlines() == ["amt>0", "amt>=1,5", "code in 1, 3", "type=Outcome", "col3!="]


def test_the_page_offers_every_reading_option_the_command_line_has() -> None:
    inputs = dataops.OptionInputs(
        delimiter="tab",
        encoding="windows-1252",
        decimal=",",
        header_rows=2,
        keep_totals=True,
        recode="polarity:desc=false\n\nproject:00000=\n",
        missing="pm\nn.v.t.",
        fill_down="programme",
    )
    options, bad = dataops.make_options(inputs)
    assert bad == []
    assert (options.delimiter, options.encoding, options.decimal) == ("\t", "windows-1252", ",")
    assert (options.header_rows, options.keep_totals) == (2, True)
    assert options.recode == ["polarity:desc=false", "project:00000="]
    assert options.missing == ["pm", "n.v.t."]
    assert options.fill_down == ["programme"]
    back = dataops.option_inputs(options)
    assert (back.delimiter, back.recode, back.missing) == (
        "tab",
        "polarity:desc=false\nproject:00000=",
        "pm\nn.v.t.",
    )
