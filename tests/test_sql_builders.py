"""The SQL builders with hostile input: the SQL text and the bound values, checked apart.

As Datasette's ``test_build_where``: a builder's SQL text is compared exactly, and its values
must arrive only in the parameter list. Identifiers cannot be bound, so every identifier that
varies goes through ``store.ident`` or an allow-listed placeholder; each guard is fed quotes,
semicolons, newlines, comments and look-alike letters here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models import REPLACE_KEYS, Kind
from whatworks import ingest, store
from whatworks.ingest import LoadOptions

HOSTILE_NAMES = [
    'year"; DROP TABLE budget_rows; --',
    "year\n",  # a trailing newline slips past re.match(r"...$")
    "year\nDROP TABLE budget_rows",
    "year--",
    "year;",
    "x' OR '1'='1",
    'a"b',
    "Year",
    " year",
    "",
    "1year",
    "år",
    "ye\u0430r",  # Cyrillic a
    "year\u00a0",
]
HOSTILE_VALUES = [
    "x'; DROP TABLE settings; --",
    'Eemsdal" OR 1=1 --',
    "line one\nline two",
    "$key",
    "Ærø; Łódź — 🙂",
]
BUDGET_COLUMNS = (
    '"year", "programme", "intervention_id", "budgeted", "actual", '
    '"municipality", "currency", "programme_code"'
)


@pytest.mark.parametrize("name", ["year", "budget_rows", "_row", "c12", "value_per_unit"])
def test_ident_quotes_a_contract_name(name: str) -> None:
    assert store.ident(name) == f'"{name}"'


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_ident_refuses_anything_else(name: str) -> None:
    with pytest.raises(ValueError, match="not an allowed identifier"):
        store.ident(name)


def test_statement_binds_values_and_keeps_the_sql_text() -> None:
    for value in HOSTILE_VALUES:
        sql, params = store.statement(
            "settings_insert", {"key": value, "value": value, "version": 3, "x": 1}
        )
        assert sql == (
            "-- A setting's new value, in force from version $version on. $key $value\n"
            "INSERT INTO settings_rows (key, value, valid_from) VALUES ($key, $value, $version)\n"
        )
        assert params == {"key": value, "value": value, "version": 3}  # 'x': not bound


def test_statement_names_the_missing_parameters() -> None:
    with pytest.raises(KeyError, match=r"needs parameters \['value', 'version'\]"):
        store.statement("settings_insert", {"key": "language"})


@pytest.mark.parametrize("name", ["../pyproject", "settings; DROP", "settings\n", "SETTINGS", ""])
def test_only_files_in_the_queries_folder_are_named_queries(name: str) -> None:
    with pytest.raises(KeyError, match="no query named"):
        store.statement(name)


def test_load_statements_for_budget() -> None:
    ids = store.data_identifiers(Kind.budget, REPLACE_KEYS[Kind.budget])
    match = (
        't."municipality" IS NOT DISTINCT FROM i."municipality" '
        'AND t."year" IS NOT DISTINCT FROM i."year"'
    )
    assert ids == {"table": "budget_rows", "columns": BUDGET_COLUMNS, "match": match}
    sql, params = store.statement("load_close_by_version", {"v": 7}, ids)
    assert sql.splitlines()[3:] == [
        "UPDATE budget_rows t SET valid_to = $v",
        "WHERE t.valid_to IS NULL",
        "  AND t.valid_from <> $v",
        f"  AND EXISTS (SELECT 1 FROM budget_rows i WHERE i.valid_from = $v AND {match})",
    ]
    assert params == {"v": 7}
    sql, params = store.statement("load_insert", {"v": 7}, ids)
    assert sql.splitlines()[1:] == [
        f"INSERT INTO budget_rows ({BUDGET_COLUMNS}, valid_from, valid_to)",
        f"SELECT {BUDGET_COLUMNS}, $v, NULL FROM incoming",
    ]
    assert params == {"v": 7}


@pytest.mark.parametrize(
    "table",
    ["load_versions", "settings", "budget_rows; DROP TABLE settings", "budget_rows\n", "budget"],
)
def test_table_placeholder_takes_only_data_tables(table: str) -> None:
    with pytest.raises(ValueError, match="not a data table"):
        store.statement("restore_count_close", {"v": 1}, {"table": table})


@pytest.mark.parametrize(
    "columns",
    [
        "year",  # unquoted
        '"year", "x"; DROP TABLE settings; --',
        '"year" --',
        '"year", *',
        '"year") FROM settings --',
        '"ye"ar"',
        '"Year"',
        '"year"\n, "actual"; SELECT 1',
        '"ye\u0430r"',
    ],
)
def test_columns_placeholder_takes_only_quoted_names(columns: str) -> None:
    ids = {"table": "budget_rows", "columns": columns}
    with pytest.raises(ValueError, match="not a quoted column list"):
        store.statement("load_insert", {"v": 1}, ids)


@pytest.mark.parametrize(
    "match",
    [
        't."year" IS NOT DISTINCT FROM i."year" OR true',
        't."year" IS NOT DISTINCT FROM i."month"',  # two different columns
        't."year" IS NOT DISTINCT FROM i."year"\n',
        't."year" IS NOT DISTINCT FROM i."year"; DROP TABLE settings',
        "true",
        't."year" = i."year" --',
    ],
)
def test_match_placeholder_takes_only_key_matches(match: str) -> None:
    ids = {"table": "budget_rows", "columns": '"year"', "match": match}
    with pytest.raises(ValueError, match="not a key match"):
        store.statement("load_close_by_version", {"v": 1}, ids)


@pytest.mark.parametrize(
    "cell",
    ['"c0"', '"c1" = NULL; DROP TABLE raw; --', "c1", '"year"', '"c1"\n', '"c01"', '"c1", "c2"'],
)
def test_cell_placeholder_takes_only_a_staged_column(cell: str) -> None:
    with pytest.raises(ValueError, match="not a staging cell"):
        store.statement("staging_recode", {"to": "x", "from": "y"}, {"cell": cell})


def test_cell_placeholder_fills_every_place_and_binds_the_values() -> None:
    sql, params = store.statement("staging_recode", {"to": "'; --", "from": "x"}, {"cell": '"c12"'})
    assert sql.splitlines()[-1] == ('UPDATE raw SET "c12" = $to WHERE ww_trim("c12") = $from')
    assert params == {"to": "'; --", "from": "x"}


@pytest.mark.parametrize("sql_type", ["TEXT; DROP TABLE settings", "BLOB", "", "VARCHAR --"])
def test_type_placeholder_takes_only_contract_types(sql_type: str) -> None:
    ids = {"table": "budget_rows", "columns": '"year"', "type": sql_type}
    with pytest.raises(ValueError, match="not a contract column type"):
        store.statement("schema_add_column", {}, ids)


def test_unknown_placeholder_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown placeholder 'where'"):
        store.statement("settings", {}, {"where": "1=1"})


def test_hostile_values_round_trip_through_the_database(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": HOSTILE_VALUES[0]})
    with store.reader(db) as con:
        assert store.settings(con) == {"home_municipality": HOSTILE_VALUES[0]}
        names = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    assert ("settings",) in names


SOORT = "soort;programme;budgeted;year\nlasten;A;10;2025\nbaten;B;20;2025\n"


def test_a_hostile_where_value_is_bound_not_spliced(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": "Eemsdal"})
    where = {"soort!": "x' OR '1'='1"}  # spliced into the SQL it would drop every row
    report = ingest.load(db, "budget", SOORT.encode(), "b.csv", LoadOptions(where=where))
    assert report.ok, [e.message for e in report.errors]
    assert report.inserted == 2


@pytest.mark.parametrize("column", ["soort'; DROP TABLE raw; --", 'soort"', "c1) OR (1=1"])
def test_a_hostile_where_column_is_an_unknown_column(tmp_path: Path, column: str) -> None:
    db = tmp_path / "w.duckdb"
    store.save_settings(db, {"home_municipality": "Eemsdal"})
    report = ingest.load(db, "budget", SOORT.encode(), "b.csv", LoadOptions(where={column: "x"}))
    assert [(e.code, e.column) for e in report.errors] == [("where_missing", column)]
    assert store.current_generation(db) is not None
    with store.reader(db) as con:
        assert store.latest_version(con) == 0
