"""The command line: exit codes, --json, versions, restore, templates, mappings, settings."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

import children
import openpyxl
import pytest
import typer.main
from click.testing import Result
from typer.testing import CliRunner

import models
from whatworks import cli, dataops, ingest, store
from whatworks.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUDGET = str(FIXTURES / "budget_eemsdal.csv")
INVALID = str(FIXTURES / "budget_invalid.csv")
REPORT_KEYS = {"ok", "kind", "rows", "inserted", "replaced", "errors", "warnings", "version"}


def _cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with Eemsdal as home municipality, set through the command line."""
    path = tmp_path / "data" / "whatworks.duckdb"
    result = _cli("settings", "home_municipality=Eemsdal", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "home_municipality=Eemsdal\n"
    return path


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with store.reader(db) as con:
        return con.execute(sql).fetchall()


def test_load_exits_0(db: Path) -> None:
    result = _cli("load", "budget", BUDGET, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "loaded as version 1: 4 rows inserted, 0 replaced" in result.stdout
    assert _rows(db, "SELECT count(*) FROM budget") == [(4,)]


def test_one_row_is_said_in_the_singular(db: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text("jaar;programma;begroot\n2025;Jeugd;10\n", encoding="utf-8")
    result = _cli("load", "budget", str(one), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "  1 data row read\n" in result.stdout
    assert "loaded as version 1: 1 row inserted, 0 replaced\n" in result.stdout


def test_validate_exits_0_and_writes_nothing(db: Path) -> None:
    generation = store.current_generation(db)
    result = _cli("validate", "budget", BUDGET, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "valid: no errors (nothing was written)" in result.stdout
    assert store.current_generation(db) == generation


def test_invalid_file_exits_1_and_writes_nothing(db: Path) -> None:
    generation = store.current_generation(db)
    result = _cli("load", "budget", INVALID, "--db", str(db))
    assert result.exit_code == 1
    assert "REJECTED: 1 error; nothing was written." in result.stderr
    assert "budget_invalid.csv, row 3, column 'jaar', value '20x6'" in result.stderr
    assert store.current_generation(db) == generation
    assert not (db.parent / "archive").exists()


USAGE_ERRORS = {
    "unknown-kind": (["load", "begroting", BUDGET], "unknown kind 'begroting'"),
    "bad-map": (["load", "budget", BUDGET, "--map", "Kostenpost"], "--map takes FROM=TO"),
    "bad-set": (["load", "budget", BUDGET, "--set", "=2025"], "the part before '=' is empty"),
    "missing-file": (["load", "budget", "geen-bestand.csv"], "cannot read geen-bestand.csv"),
    "unknown-mapping": (
        ["load", "budget", BUDGET, "--mapping", "onbekend"],
        "there is no saved mapping 'onbekend'",
    ),
    "bad-scale": (["load", "budget", BUDGET, "--scale", "duizend"], "--scale 'duizend'"),
    "bad-years-as": (["load", "budget", BUDGET, "--years-as", "begroot"], "--years-as takes"),
    "missing-version": (["restore", "99"], "there is no version 99"),
    "unknown-setting": (["settings", "kleur=rood"], "unknown setting(s): kleur"),
    "bad-template-format": (["template", "budget", "--format", "pdf"], "--format takes csv"),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS), ids=list(USAGE_ERRORS))
def test_usage_errors_exit_2_and_write_nothing(db: Path, case: str) -> None:
    args, message = USAGE_ERRORS[case]
    generation = store.current_generation(db)
    result = _cli(*args, "--db", str(db)) if args[0] != "template" else _cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert store.current_generation(db) == generation


def test_usage_error_exits_2_from_python_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "whatworks",
            "load",
            "begroting",
            BUDGET,
            "--db",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown kind 'begroting'" in done.stderr


def test_json_report_on_success(db: Path) -> None:
    result = _cli("load", "budget", BUDGET, "--db", str(db), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)  # nothing but JSON on stdout
    assert report.keys() >= REPORT_KEYS
    assert {k: report[k] for k in ("ok", "kind", "rows", "inserted", "replaced", "version")} == {
        "ok": True,
        "kind": "budget",
        "rows": 4,
        "inserted": 4,
        "replaced": 0,
        "version": 1,
    }
    assert report["errors"] == []
    [warning] = report["warnings"]
    assert {k: warning[k] for k in ("row", "column", "value")} == {
        "row": 7,
        "column": "Realisatie",
        "value": "(15.000,00)",
    }


def test_json_report_on_failure(db: Path) -> None:
    result = _cli("load", "budget", INVALID, "--db", str(db), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report.keys() >= REPORT_KEYS
    assert (report["ok"], report["inserted"], report["version"]) == (False, 0, None)
    [error] = report["errors"]
    assert {"row", "column", "value", "message"} <= error.keys()
    assert (error["row"], error["column"], error["value"]) == (3, "jaar", "20x6")
    assert "not a whole number" in error["message"]


def test_versions_json_and_restore(db: Path) -> None:
    second = FIXTURES.parent / "fixtures" / "budget_cp1252.csv"
    assert _cli("load", "budget", BUDGET, "--db", str(db), "--user", "analist").exit_code == 0
    second_load = _cli("load", "budget", str(second), "--db", str(db), "--user", "analist", "--yes")
    assert second_load.exit_code == 0
    # budget_cp1252.csv holds 2025 only: it replaces the one 2025 row of the first file.
    result = _cli("versions", "--db", str(db), "--json")
    assert result.exit_code == 0
    versions = json.loads(result.stdout)
    got = [
        (
            v["version_id"],
            v["action"],
            v["source_file"],
            v["loaded_by"],
            v["inserted"],
            v["replaced"],
        )
        for v in versions
    ]
    assert got == [
        (2, "load", "budget_cp1252.csv", "analist", 2, 1),
        (1, "load", "budget_eemsdal.csv", "analist", 4, 0),
    ]

    restored = _cli("restore", "1", "--db", str(db))
    assert restored.exit_code == 0
    assert restored.stdout == "restored version 1 as version 3\n"
    assert _rows(db, "SELECT count(*), sum(budgeted) FROM budget") == [(4, 4850000)]
    listing = _cli("versions", "--db", str(db))
    assert "restore of 1" in listing.stdout


@pytest.mark.parametrize("kind", ["budget", "programmes", "outcomes", "indicators"])
def test_csv_template_is_the_contract_and_validates(tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.csv"
    result = _cli("template", kind, "--format", "csv", "--output", str(target))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [spec.name for spec in models.columns(kind)]
    assert len(rows) == 2
    # The example row is itself valid (no database, no home municipality needed).
    checked = _cli("validate", kind, str(target), "--db", str(tmp_path / "w.duckdb"), "--json")
    assert checked.exit_code == 0, checked.stdout
    assert json.loads(checked.stdout)["rows"] == 1


def test_xlsx_template_opens_in_openpyxl(tmp_path: Path) -> None:
    target = tmp_path / "budget.xlsx"
    assert _cli("template", "budget", "--format", "xlsx", "--output", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    values = [
        [c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values == [list(r) for r in models.template_rows("budget")]
    checked = _cli("validate", "budget", str(target), "--db", str(tmp_path / "w.duckdb"))
    assert checked.exit_code == 0, checked.output


def test_saved_mapping_is_reused(db: Path, tmp_path: Path) -> None:
    first = tmp_path / "grootboek-2025.csv"
    first.write_text("Kostenpost;Bedrag;Boekjaar\nJeugd;100;2025\n", encoding="utf-8")
    second = tmp_path / "grootboek-2026.csv"
    second.write_text("Kostenpost;Bedrag;Boekjaar\nWmo;200;2026\n", encoding="utf-8")
    maps = ["--map", "Kostenpost=programme", "--map", "Bedrag=actual", "--map", "Boekjaar=year"]

    assert _cli("load", "budget", str(second), "--db", str(db)).exit_code == 1  # needs the mapping
    saved = _cli(
        "load", "budget", str(first), "--db", str(db), *maps, "--save-mapping", "grootboek"
    )
    assert saved.exit_code == 0, saved.output
    listing = json.loads(_cli("mappings", "--db", str(db), "--json").stdout)
    assert [(m["name"], m["kind"], m["mapping"]) for m in listing] == [
        ("grootboek", "budget", {"Kostenpost": "programme", "Bedrag": "actual", "Boekjaar": "year"})
    ]
    reused = _cli("load", "budget", str(second), "--db", str(db), "--mapping", "grootboek")
    assert reused.exit_code == 0, reused.output
    assert _rows(db, "SELECT year, programme, actual FROM budget ORDER BY year") == [
        (2025, "Jeugd", 100),
        (2026, "Wmo", 200),
    ]
    wrong_kind = _cli("load", "outcomes", str(second), "--db", str(db), "--mapping", "grootboek")
    assert wrong_kind.exit_code == 2
    assert "mapping 'grootboek' is for budget, not outcomes" in wrong_kind.stderr


ANALYST = dataops.Actor("analyst@gemeente.nl", analyst=True)


def _saved_by_printed_command(line: str, db: Path) -> tuple[str, str, ingest.LoadOptions]:
    """(name, kind, recipe) that the printed load command saves: the line split as a POSIX
    shell splits it, read by the CLI's own parser and option handling."""
    words = shlex.split(line)
    assert words[:2] == ["whatworks", "load"]
    group = typer.main.get_command(app)
    assert isinstance(group, typer.main.TyperGroup)
    load = group.get_command(group.make_context("whatworks", ["load"]), "load")
    assert load is not None
    params = load.make_context("load", words[2:]).params
    assert params["file"] == Path("FILE")
    given = cli.FileOptions(**{f.name: params[f.name] for f in fields(cli.FileOptions)})
    kind = models.Kind(params["kind"])
    return params["save_mapping"], kind.value, cli._options(db, kind, given)


def test_mappings_prints_a_load_command_with_the_where_as_typed(db: Path) -> None:
    recipe = ingest.LoadOptions(mapping={"Kostenpost": "programme"}, where=[("a!", "21")])
    dataops.save_mapping(db, ANALYST, "grootboek", "budget", recipe)
    result = _cli("mappings", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "grootboek (budget)\n"
        "  whatworks load budget FILE --map Kostenpost=programme --where 'a!=21'"
        " --save-mapping grootboek\n"
    )


# Every option a recipe can hold, each with a value a shell or the parser could misread.
HOSTILE_RECIPE = ingest.LoadOptions(
    mapping={
        "Bedrag (x €1000)": "actual",
        "a=b": "programme",
        'it\'s "$HOME"': "-",
        "`rm -rf ~`; echo": "year",
    },
    constants={"municipality": "'s-Hertogenbosch $(id)", "currency": "EUR"},
    sheet="--db",
    skip_rows=2,
    no_header=True,
    delimiter="\t",
    encoding="cp1252",
    decimal=",",
    years_in_columns=True,
    years_as="actual",
    indicators_in_columns=True,
    scale=Decimal("0.001"),
    skip_missing=True,
    where=[("a!", "21"), ("Jaar>=", "2020"), ("soort in", "lasten,baten"), ("a", "x  y*")],
    sum_lines=True,
    recode=["Soort:L=lasten", "Soort:pm="],
    missing=["-", "--help", "n.v.t."],
    fill_down=["Taak veld", "!x"],
    keep_totals=True,
    header_rows=3,
)


def test_the_hostile_recipe_sets_every_option() -> None:
    """So that an option added to LoadOptions but not to ``mappings`` fails the test below."""
    defaults = asdict(ingest.LoadOptions())
    assert [k for k, v in asdict(HOSTILE_RECIPE).items() if v == defaults[k]] == []


def test_a_printed_recipe_pasted_into_a_shell_saves_the_same_recipe(db: Path) -> None:
    dataops.save_mapping(db, ANALYST, "it's mine; ls", "outcomes", HOSTILE_RECIPE)
    result = _cli("mappings", "--db", str(db))
    assert result.exit_code == 0, result.output
    title, line = result.stdout.splitlines()
    assert title == "it's mine; ls (outcomes)"
    name, kind, recipe = _saved_by_printed_command(line, db)
    assert (name, kind) == ("it's mine; ls", "outcomes")
    assert asdict(recipe) == asdict(HOSTILE_RECIPE)


def test_settings_home_municipality_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    result = _cli(
        "settings", "home_municipality=Noordwold", "default_currency=DKK", "--db", str(path)
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["default_currency=DKK", "home_municipality=Noordwold"]
    budget = tmp_path / "b.csv"
    budget.write_text("jaar;programma;begroot\n2025;Ældrepleje;10\n", encoding="utf-8")
    assert _cli("load", "budget", str(budget), "--db", str(path)).exit_code == 0
    assert _rows(path, "SELECT municipality, currency FROM budget") == [("Noordwold", "DKK")]


def test_whatworks_db_env_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "w.duckdb"
    env = {"WHATWORKS_DB": str(path), "WHATWORKS_USER": "env-analist"}
    assert _cli("settings", "home_municipality=Eemsdal", env=env).exit_code == 0
    assert _cli("load", "budget", BUDGET, env=env).exit_code == 0
    assert _rows(path, "SELECT count(*) FROM budget") == [(4,)]
    versions = json.loads(_cli("versions", "--json", env=env).stdout)
    assert [(v["version_id"], v["loaded_by"]) for v in versions] == [(1, "env-analist")]


def test_demo_builds_four_versions(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "w.duckdb"
    result = _cli("demo", "--db", str(path))
    assert result.exit_code == 0, result.output
    with store.reader(path) as con:
        versions = store.versions(con)
        home = store.settings(con)["home_municipality"]
    assert [v["version_id"] for v in versions] == [4, 3, 2, 1]
    assert {v["kind"] for v in versions} == {"budget", "programmes", "outcomes", "indicators"}
    assert home
    archived = sorted(p.name for p in (path.parent / "archive").iterdir())
    assert archived == sorted(f"{v['sha256']}.csv" for v in versions)


def test_load_and_validate_take_the_same_file_options() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    load = {p.name for p in commands["load"].params}
    validate = {p.name for p in commands["validate"].params}
    assert validate < load
    assert load - validate == {"save_mapping", "user", "yes", "full_speed"}
    assert len(validate) == 25  # kind, file and the twenty-three options both commands share


def test_the_file_options_reach_the_load(db: Path, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text("titel\nprogramma|2025|2026\nJeugd|1,5|2,5\nWmo|-|3\n", encoding="utf-8")
    result = _cli(
        "load", "budget", str(wide), "--db", str(db), "--skip-rows", "1",
        "--delimiter", "|", "--decimal", ",", "--years-in-columns", "--years-as", "actual",
        "--scale", "1000", "--skip-missing", "--set", "municipality=Oosterhaven", "--json",
        "--user", "opties",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ok"]
    loaded = "SELECT year, programme, budgeted, actual, municipality FROM budget ORDER BY ALL"
    assert _rows(db, loaded) == [
        (2025, "Jeugd", None, 1500, "Oosterhaven"),
        (2026, "Jeugd", None, 2500, "Oosterhaven"),
        (2026, "Wmo", None, 3000, "Oosterhaven"),
    ]
    assert _rows(db, "SELECT loaded_by FROM load_versions") == [("opties",)]


def test_a_load_gives_way_to_viewers_unless_full_speed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whatworks import cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "give_way_to_viewers", lambda: calls.append("gave way"))
    assert _cli("load", "budget", BUDGET, "--db", str(db)).exit_code == 0
    assert calls == ["gave way"]
    assert _cli("load", "budget", BUDGET, "--db", str(db), "--full-speed").exit_code == 0
    assert _cli("validate", "budget", BUDGET, "--db", str(db)).exit_code == 0
    assert calls == ["gave way"]


def test_giving_way_lowers_the_priority_once_and_leaves_one_core() -> None:
    # In a child: the niceness and the cores of a process cannot be given back.
    code = (
        "import json, os\n"
        "from whatworks import cli\n"
        "cli.give_way_to_viewers(); cli.give_way_to_viewers()\n"
        "print(json.dumps([os.nice(0), sorted(os.sched_getaffinity(0))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=children.env(),
    )
    niceness, cores = json.loads(done.stdout)
    mine = sorted(os.sched_getaffinity(0))
    assert niceness == max(10, os.nice(0))  # 10, not 20 after the second call
    assert cores == (mine[1:] if len(mine) > 1 else mine)  # one left, once
