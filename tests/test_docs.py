"""The README and docs say what the program does: a test fails when something is undocumented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer.main

from models import Kind, columns
from whatworks import cli, templates
from whatworks.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _commands() -> dict[str, click.Command]:
    group = typer.main.get_command(cli.app)
    commands: dict[str, click.Command] = group.commands  # type: ignore[attr-defined]
    return dict(commands)


def test_every_cli_command_is_in_the_readme() -> None:
    commands = _commands()
    assert {"load", "validate", "versions", "restore", "demo", "template", "effects"} <= set(
        commands
    )
    for name in commands:
        assert re.search(rf"\$W {name}\b|whatworks {name}\b", README), f"'{name}' undocumented"


def test_every_load_option_is_in_the_readme() -> None:
    for option in _commands()["load"].params:
        for flag in getattr(option, "opts", []):
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in README or f" {flag}" in README, f"{flag} undocumented"


def test_every_setting_is_documented() -> None:
    assert len(SETTINGS) == 7
    for setting in SETTINGS:
        # A row of the README's settings table: | `name` | type | `default` or (none) | help |
        row = re.search(rf"^\| `{setting.name}` \| ([^|]+) \| ([^|]+) \|", README, re.M)
        assert row, f"setting {setting.name} undocumented"
        default = f"`{setting.default}`" if setting.default else "(none)"
        assert row.group(2).strip() == default, setting.name


def test_every_contract_column_is_in_the_published_contract() -> None:
    for kind in Kind:
        for spec in columns(kind):
            # The column's name is in the first cell of a table row of the contract.
            assert re.search(rf"^\| [^|]*\b{spec.name}\b[^|]*\|", CONTRACT, re.M), spec.name


def test_every_published_table_is_in_the_schema_doc() -> None:
    for name in ("budget", "programmes", "outcomes", "indicators", "load_versions"):
        assert f"`{name}`" in ARCHITECTURE


def test_the_published_contract_tables_are_written_from_the_models() -> None:
    assert CONTRACT.count("<!-- models.py: ") == len(Kind) + 1  # the four tables, missing values
    assert templates.contract_doc(CONTRACT) == CONTRACT, "run: python -m whatworks.templates"


def test_the_published_contract_states_the_rules_of_the_models() -> None:
    # Written out by hand: what an analyst reads for some of the rules.
    for row in (
        "| year | jaar, år, aar, year_ | integer | yes |  | 1900–2100 |",
        "| ci_low |  | decimal | no |  | ≤ value | Lower bound of the confidence interval. |",
        "| expected_effect_se | verwacht_effect_se, forventet_effekt_se, prior_effect_se | decimal "
        "| no |  | > 0; only with expected_effect |",
        "| stage | fase | enum | no | pilot | one of idea, pilot, scaling, standard, stopped |",
    ):
        assert row in CONTRACT, row
    assert "`#n/a`, `null` (in any case)" in CONTRACT
